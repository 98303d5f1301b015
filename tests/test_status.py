"""Status words and fills to a colour and a state, read through the document's legend."""

from __future__ import annotations

import re
import tomllib

import pytest

from planparse.knowledge import KnowledgeError
from planparse.normalise.status import (
    builtin_phrasebook,
    divide_status_cell,
    phrasebook_from_data,
    place_status_and_progress,
    rag_from_fill,
    read_phrase,
    read_status,
    state_from_words,
)

PRECEDENCE = 'precedence = ["not_applicable", "complete", "off_track", "overdue", "at_risk", "not_started", "on_track"]\n'

SEED000_LEGEND = {"red": "Overdue", "amber": "At Risk", "yellow": "On Schedule", "green": "Complete"}
BRAG_LEGEND = {"blue": "Complete and embedded", "green": "On track", "amber": "Some slippage", "red": "Off track"}


@pytest.mark.parametrize(
    ("words", "state"),
    [
        ("Completed", "complete"), ("Complete", "complete"), ("Implemented", "complete"), ("Done", "complete"),
        ("On track", "on_track"), ("On schedule", "on_track"), ("In progress", "on_track"), ("60%", "on_track"), ("0%", "not_started"),
        ("In progress, some risk to the target date", "at_risk"), ("Target date missed or at serious risk", "off_track"), ("Not yet due", "not_started"),
        ("100%", "complete"), ("In progress - on track", "on_track"), ("In progress - off track", "off_track"),
        ("Some slippage", "at_risk"), ("At risk", "at_risk"), ("Off track", "off_track"), ("Delayed", "off_track"),
        ("Overdue", "overdue"), ("Not started", "not_started"), ("Not implemented", "not_started"),
        ("Withdrawn", "not_applicable"), ("No longer required", "not_applicable"),
        ("Superseded", "not_applicable"), ("Partially implemented", "on_track"), ("See note", None),
    ],
)
def test_status_words_give_a_state(words: str, state: str | None) -> None:
    assert state_from_words(words) == state


@pytest.mark.parametrize(
    ("fill", "rag"),
    [("#FF0000", "red"), ("#FFC000", "amber"), ("#FFEB9C", "amber"), ("#FFFF00", "yellow"), ("#00B050", "green"),
     ("#92D050", "green"), ("#C6EFCE", "green"), ("#0070C0", "blue"), ("#FFFFFF", None), ("#D9D9D9", None),
     ("#000000", None), (None, None)],
)
def test_fill_colour_gives_a_rag(fill: str | None, rag: str | None) -> None:
    assert rag_from_fill(fill) == rag


@pytest.mark.parametrize(
    ("text", "fill", "legend", "expected"),
    [
        # the legend decides what a colour means in this document
        ("Green", None, SEED000_LEGEND, ("green", "complete", "text", "Complete")),
        ("Green", None, BRAG_LEGEND, ("green", "on_track", "text", "On track")),
        ("Yellow", None, SEED000_LEGEND, ("yellow", "on_track", "text", "On Schedule")),
        ("Red", None, SEED000_LEGEND, ("red", "overdue", "text", "Overdue")),
        # a fill with no word
        (None, "#FFFF00", SEED000_LEGEND, ("yellow", "on_track", "fill", "On Schedule")),
        (None, "#0070C0", {}, ("blue", "complete", "fill", None)),
        (None, "#FF0000", {}, ("red", "off_track", "fill", None)),
        (None, "#FFC000", {}, ("amber", "at_risk", "fill", None)),
        (None, "#00B050", {}, ("green", "on_track", "fill", None)),
        # a legend meaning written in the cell gives its colour
        ("At Risk", None, SEED000_LEGEND, ("amber", "at_risk", "legend", "At Risk")),
        # words without a colour
        ("Completed", None, {}, (None, "complete", "text", None)),
    ],
)
def test_read_status(text: str | None, fill: str | None, legend: dict[str, str], expected: tuple[object, ...]) -> None:
    status = read_status(text, fill, legend).status
    assert status is not None
    assert (status.rag, status.state, status.source, status.meaning) == expected


def test_word_wins_over_a_disagreeing_fill_with_a_warning() -> None:
    reading = read_status("Green", "#FF0000", {})
    assert reading.status is not None and (reading.status.rag, reading.status.state) == ("green", "on_track")
    assert [code for code, _ in reading.warnings] == ["status_fill_mismatch"]


def test_empty_cell_has_no_status() -> None:
    assert read_status(None, None, SEED000_LEGEND).status is None
    assert read_status("", "#FFFFFF", {}).status is None


def test_amber_is_at_risk_when_the_key_reads_amber_and_red_alike() -> None:
    from planparse.normalise.status import legend_state

    legend = {"green": "On target", "amber": "Behind target, recovery plan agreed",
              "red": "Behind target, escalated to the Prison Group Director"}
    assert [legend_state(c, legend) for c in ("green", "amber", "red")] == ["on_track", "at_risk", "off_track"]
    reading = read_status(None, "FFC000", legend)
    assert reading.status is not None and reading.status.state == "at_risk"


# --- The whole phrase (issue 13) ------------------------------------------------------------
# Status cells as trackers write them: the real corpus (TB/ODUG action logs, PM transparency
# commitments, DSCB/SCR plans), public plan templates (BRAG trackers, audit recommendation
# trackers, government responses to reviews) and the forms issue 13 lists. Each row:
# phrase -> (state, rag, kind), read with no legend and no fill.
PHRASES: list[tuple[str, str | None, str | None, str]] = [
    # plain lifecycle words (real corpus)
    ("Complete", "complete", None, "lifecycle"), ("Completed", "complete", None, "lifecycle"),
    ("Completed.", "complete", None, "lifecycle"), ("Closed", "complete", None, "lifecycle"),
    ("Done", "complete", None, "lifecycle"), ("Implemented", "complete", None, "lifecycle"),
    ("Achieved", "complete", None, "lifecycle"), ("Embedded", "complete", None, "lifecycle"),
    ("Compete", "complete", None, "lifecycle"), ("Delivered", "complete", None, "lifecycle"),
    ("Finished", "complete", None, "lifecycle"), ("Signed off", "complete", None, "lifecycle"),
    ("On track", "on_track", None, "lifecycle"), ("On course", "on_track", None, "lifecycle"),
    ("In hand", "on_track", None, "lifecycle"), ("Commenced", "on_track", None, "lifecycle"),
    ("Commenced.", "on_track", None, "lifecycle"), ("Ongoing", "on_track", None, "lifecycle"),
    ("On-going", "on_track", None, "lifecycle"), ("In progress", "on_track", None, "lifecycle"),
    ("In-progress", "on_track", None, "lifecycle"), ("Underway", "on_track", None, "lifecycle"),
    ("Progressing as planned", "on_track", None, "lifecycle"), ("On track for due date", "on_track", None, "lifecycle"),
    ("Open – on track", "on_track", None, "lifecycle"), ("Open", "on_track", None, "lifecycle"),
    ("On schedule", "on_track", None, "lifecycle"), ("On target", "on_track", None, "lifecycle"),
    ("Work in progress", "on_track", None, "lifecycle"), ("Started", "on_track", None, "lifecycle"),
    ("New", "not_started", None, "lifecycle"), ("Not started", "not_started", None, "lifecycle"),
    ("Not yet started", "not_started", None, "lifecycle"), ("Not yet due", "not_started", None, "lifecycle"),
    ("Pending", "not_started", None, "lifecycle"), ("Plan in place", "not_started", None, "lifecycle"),
    ("At risk", "at_risk", None, "lifecycle"), ("Some delay", "at_risk", None, "lifecycle"),
    ("Some slippage", "at_risk", None, "lifecycle"), ("Slippage", "at_risk", None, "lifecycle"),
    ("On hold", "at_risk", None, "lifecycle"), ("Delayed", "off_track", None, "lifecycle"),
    ("Off track", "off_track", None, "lifecycle"), ("Significant delay", "off_track", None, "lifecycle"),
    ("Behind schedule", "off_track", None, "lifecycle"), ("Stalled", "off_track", None, "lifecycle"),
    ("Deferred", "off_track", None, "lifecycle"), ("Overdue", "overdue", None, "lifecycle"),
    ("Open – overdue", "overdue", None, "lifecycle"), ("Past due date", "overdue", None, "lifecycle"),
    ("Deadline missed", "overdue", None, "lifecycle"), ("Withdrawn", "not_applicable", None, "lifecycle"),
    ("Superseded", "not_applicable", None, "lifecycle"), ("Not applicable", "not_applicable", None, "lifecycle"),
    ("N/A", "not_applicable", None, "lifecycle"), ("No longer required", "not_applicable", None, "lifecycle"),
    ("Closed - not required", "not_applicable", None, "lifecycle"), ("Cancelled", "not_applicable", None, "lifecycle"),
    ("In progress - on track", "on_track", None, "lifecycle"), ("In progress - off track", "off_track", None, "lifecycle"),
    ("In progress, some risk to the target date", "at_risk", None, "lifecycle"),
    ("Target date missed or at serious risk", "off_track", None, "lifecycle"),
    # negated
    ("Not complete", "on_track", None, "lifecycle"), ("Not yet complete", "on_track", None, "lifecycle"),
    ("Not completed", "on_track", None, "lifecycle"), ("Incomplete", "on_track", None, "lifecycle"),
    ("Uncompleted", "on_track", None, "lifecycle"), ("Yet to be completed", "on_track", None, "lifecycle"),
    ("Yet to be started", "not_started", None, "lifecycle"), ("Yet to start", "not_started", None, "lifecycle"),
    ("Not commenced", "not_started", None, "lifecycle"), ("Work not yet begun", "not_started", None, "lifecycle"),
    ("Has not started", "not_started", None, "lifecycle"), ("Not implemented", "not_started", None, "lifecycle"),
    ("Not yet implemented", "not_started", None, "lifecycle"), ("Not yet achieved", "not_started", None, "lifecycle"),
    ("Unimplemented", "not_started", None, "lifecycle"), ("Not actioned", "not_started", None, "lifecycle"),
    ("Not on track", "off_track", None, "lifecycle"), ("No longer on track", "off_track", None, "lifecycle"),
    ("Not met", "off_track", None, "lifecycle"), ("Target not met", "off_track", None, "lifecycle"),
    ("Not delayed", "on_track", None, "lifecycle"), ("No delays expected", "on_track", None, "lifecycle"),
    ("Not at risk", "on_track", None, "lifecycle"), ("Not overdue", "on_track", None, "lifecycle"),
    ("Awaiting completion of the review", "on_track", None, "lifecycle"),
    ("Not completed by target date", "overdue", None, "lifecycle"),
    ("Not yet complete – on schedule for March", "on_track", None, "lifecycle"),
    ("No longer needed", "not_applicable", None, "lifecycle"), ("Not required", "not_applicable", None, "lifecycle"),
    # partial
    ("Partially implemented", "on_track", None, "lifecycle"), ("Partly implemented", "on_track", None, "lifecycle"),
    ("Implemented in part", "on_track", None, "lifecycle"), ("Not fully implemented", "on_track", None, "lifecycle"),
    ("Partially complete", "on_track", None, "lifecycle"), ("Partly complete", "on_track", None, "lifecycle"),
    ("Substantially complete", "on_track", None, "lifecycle"), ("Substantially implemented", "on_track", None, "lifecycle"),
    ("Largely complete", "on_track", None, "lifecycle"), ("Nearly complete", "on_track", None, "lifecycle"),
    ("Almost complete", "on_track", None, "lifecycle"), ("Partially achieved", "on_track", None, "lifecycle"),
    ("Partially met", "on_track", None, "lifecycle"), ("Not fully achieved", "on_track", None, "lifecycle"),
    ("Complete (partially)", "on_track", None, "lifecycle"),
    # contrast
    ("Not yet complete but on schedule", "on_track", None, "lifecycle"),
    ("Complete but evidence awaited", "complete", None, "lifecycle"),
    ("Completed, but evidence of impact still to be gathered", "complete", None, "lifecycle"),
    ("Delayed but now back on track", "on_track", None, "lifecycle"),
    ("Delayed, now on track", "on_track", None, "lifecycle"),
    ("Was on track, however now delayed by staffing", "off_track", None, "lifecycle"),
    ("On track although some risk to March deadline", "at_risk", None, "lifecycle"),
    ("Started but stalled", "off_track", None, "lifecycle"),
    ("Behind schedule, although recovery plan agreed and on track for revised date", "on_track", None, "lifecycle"),
    ("Not started however not yet due", "not_started", None, "lifecycle"),
    # time qualifiers and dates in the cell
    ("Complete - March 2016", "complete", None, "lifecycle"), ("Complete – March 2016", "complete", None, "lifecycle"),
    ("Completed 12/03/16", "complete", None, "lifecycle"), ("Complete (31.03.16)", "complete", None, "lifecycle"),
    ("Completed Jan 2017", "complete", None, "lifecycle"), ("Done – Sept 15", "complete", None, "lifecycle"),
    ("Achieved 2015/16", "complete", None, "lifecycle"), ("Closed 01/04/2016", "complete", None, "lifecycle"),
    ("Due to be completed March 2017", "on_track", None, "lifecycle"), ("Due to start in April", "not_started", None, "lifecycle"),
    ("On track to complete by March", "on_track", None, "lifecycle"),
    ("Planned for Q3 2016/17", "not_started", None, "lifecycle"),
    ("Slipped to Q4", "at_risk", None, "lifecycle"), ("Overdue – revised date agreed", "overdue", None, "lifecycle"),
    ("Due to delays", "off_track", None, "lifecycle"),
    # percentages
    ("100%", "complete", None, "lifecycle"), ("0%", "not_started", None, "lifecycle"), ("60%", "on_track", None, "lifecycle"),
    ("80% complete", "on_track", None, "lifecycle"), ("100% complete", "complete", None, "lifecycle"),
    ("Approx 50% done", "on_track", None, "lifecycle"), ("In progress (75%)", "on_track", None, "lifecycle"),
    # ticks and crosses
    ("✓", "complete", None, "lifecycle"), ("✔", "complete", None, "lifecycle"), ("✔ Complete", "complete", None, "lifecycle"),
    ("✗", "not_started", None, "lifecycle"), ("✘", "not_started", None, "lifecycle"),
    # abbreviations
    ("C", "complete", None, "lifecycle"), ("IP", "on_track", None, "lifecycle"), ("WIP", "on_track", None, "lifecycle"),
    ("NS", "not_started", None, "lifecycle"), ("OT", "on_track", None, "lifecycle"), ("TBC", None, None, "lifecycle"),
    ("I/P", "on_track", None, "lifecycle"), ("N/S", "not_started", None, "lifecycle"),
    # colour and word, colour letters (RAG/BRAG)
    ("Green", "on_track", "green", "lifecycle"), ("Amber", "at_risk", "amber", "lifecycle"),
    ("Red", "off_track", "red", "lifecycle"), ("Blue", "complete", "blue", "lifecycle"),
    ("G", "on_track", "green", "lifecycle"), ("A", "at_risk", "amber", "lifecycle"), ("R", "off_track", "red", "lifecycle"),
    ("Amber – some slippage", "at_risk", "amber", "lifecycle"), ("Amber - some delays", "at_risk", "amber", "lifecycle"),
    ("Green – complete", "complete", "green", "lifecycle"), ("Red – not started", "not_started", "red", "lifecycle"),
    ("G - on track", "on_track", "green", "lifecycle"), ("Amber 60%", "at_risk", "amber", "lifecycle"),
    ("Green 100%", "complete", "green", "lifecycle"), ("Red/Amber", "off_track", "red", "lifecycle"),
    ("A: some slippage", "at_risk", "amber", "lifecycle"),
    # acceptance of recommendations
    ("Accepted", None, None, "acceptance"), ("Accepted in principle", None, None, "acceptance"),
    ("Partly accepted", None, None, "acceptance"), ("Partially accepted", None, None, "acceptance"),
    ("Not accepted", None, None, "acceptance"), ("Rejected", None, None, "acceptance"),
    ("Agreed", None, None, "acceptance"), ("Noted", None, None, "acceptance"),
    ("Accepted - implemented", "complete", None, "acceptance"),
    # a status word followed by commentary in the same cell (real corpus: PM transparency commitments, 2010)
    ("Commenced. As at end of October - 6 new ICT contracts had been published and a further 21 contracts were "
     "reported as awarded and in preparation for publication.", "on_track", None, "lifecycle"),
    ("In hand A phased approach has been agreed and the commitment has been restated in the Policing "
     "Consultation Paper.\nSystems testing to take place late December", "on_track", None, "lifecycle"),
    ("Done Names, grades, job titles and annual pay rates were limited to SCS2 and above.", "complete", None, "lifecycle"),
    ("Not yet complete. Awaiting evidence from the Children's Services team", "on_track", None, "lifecycle"),
    # says nothing planparse knows
    ("See note", None, None, "lifecycle"), ("Carried forward", None, None, "lifecycle"),
    ("Awaiting response from partner agencies", None, None, "lifecycle"), ("See commentary", None, None, "lifecycle"),
    ("Report to Board in April", None, None, "lifecycle"),
    # prose in a status column (a misread column, DWP open data strategy 2013): no guess from "new" or "done"
    ("3.3 Engagement with external data users and the Open Data Institute (ODI) The ODI is an independent non "
     "profit company. They do this by bringing together experts to mentor new ideas, which will be done by the "
     "Open Data Immersion Programme", None, None, "lifecycle"),
]


@pytest.mark.parametrize(("phrase", "state", "rag", "kind"), PHRASES, ids=[p[0] for p in PHRASES])
def test_status_phrase(phrase: str, state: str | None, rag: str | None, kind: str) -> None:
    status = read_status(phrase, None, {}).status
    assert status is not None
    assert (status.state, status.rag, status.kind) == (state, rag, kind), read_phrase(phrase).evidence


def test_the_table_covers_what_issue_13_asks() -> None:
    assert len(PHRASES) >= 150
    hard = [p for p, *_ in PHRASES if re.search(r"\b(not|no|yet|un|in(?=complete)|partly|partially|in part|fully|"
                                                r"substantially|largely|nearly|almost|but|however|although|now)\b|^un|^in[a-z]", p, re.I)]
    assert len(hard) >= 40


def test_an_unknown_phrase_is_kept_with_a_warning_and_no_guess() -> None:
    reading = read_status("Carried forward", None, {})
    assert reading.status is not None and (reading.status.text, reading.status.state) == ("Carried forward", None)
    assert [code for code, _ in reading.warnings] == ["status_unknown"]
    assert "Carried forward" in reading.warnings[0][1]
    # known words that state nothing (TBC, an acceptance) are not unknown
    assert read_status("TBC", None, {}).warnings == []
    assert read_status("Accepted in principle", None, {}).warnings == []


def test_percent_is_kept_beside_the_colour() -> None:
    status = read_status("Amber 60%", None, {}).status
    assert status is not None and (status.rag, status.state, status.percent) == ("amber", "at_risk", 60)


def test_negated_completion_is_never_complete_on_a_fill_that_says_complete() -> None:
    status = read_status("Not yet complete", "#00B050", SEED000_LEGEND).status
    assert status is not None and (status.rag, status.state, status.source) == ("green", "on_track", "text")


def _knowledge_cases() -> list[tuple[str, str, object, bool]]:
    cases: list[tuple[str, str, object, bool]] = []
    for e in builtin_phrasebook().entries:
        for phrase, want in e.examples:
            cases.append((f"{e.section}:{e.id}", phrase, want, True))
        for phrase in e.not_examples:
            target: object = "acceptance" if e.section == "acceptance" else e.state
            cases.append((f"{e.section}:{e.id}", phrase, target, False))
    return cases


KNOWLEDGE = _knowledge_cases()


@pytest.mark.parametrize(("entry", "phrase", "want", "positive"), KNOWLEDGE,
                         ids=[f"{c[0]}-{c[1]}-{'yes' if c[3] else 'no'}" for c in KNOWLEDGE])
def test_status_knowledge_example(entry: str, phrase: str, want: object, positive: bool) -> None:
    reading = read_phrase(phrase)
    marker = entry.split(":")[0] in ("negation", "future", "partial", "contrast")
    if entry.startswith("acceptance"):
        got: object = reading.kind
    else:
        got = reading.state
    if positive:
        assert got == want, f"{phrase!r} should read {want} ({entry}): {reading.evidence}"
    elif marker:
        section = entry.split(":")[0]
        # the marker must not govern anything in this phrase
        said = f"after {section}" if section != "contrast" else "contrast"
        assert not any(said in ev for ev in reading.evidence), reading.evidence
    elif entry.startswith("acceptance"):
        assert got == "lifecycle", f"{phrase!r} must not read as an acceptance: {reading.evidence}"
    else:
        assert got != want, f"{phrase!r} must not read as {want} ({entry}): {reading.evidence}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('precedence = ["complete"]\n', "status.toml: 'precedence' must list every state once"),
        (PRECEDENCE + '[[cue]]\nid = "x"\nstate = "finished"\nwords = ["x"]\nexamples = ["x"]\nnot_examples = ["y"]\n',
         "my.toml:2: cue 'x': unknown state 'finished'"),
        (PRECEDENCE + '[[cue]]\nid = "x"\nstate = "complete"\nwords = ["x"]\nexamples = ["x"]\n',
         "my.toml:2: cue 'x': every entry needs 'examples' and 'not_examples'"),
        (PRECEDENCE + '[[cue]]\nid = "x"\nstate = "complete"\nwordz = ["x"]\n', "my.toml:2: cue 'x': unknown key(s) wordz"),
    ],
)
def test_a_wrong_status_file_names_the_line(text: str, message: str) -> None:
    label = "status.toml" if text.startswith("precedence = [\"complete\"]") else "my.toml"
    with pytest.raises(KnowledgeError) as err:
        phrasebook_from_data(tomllib.loads(text), label, text)
    assert str(err.value).startswith(message), str(err.value)


# A status cell that runs on: the status at its head, the commentary after it (issue 11, batch 5
# first run: LPDP 'Follow-up' cells, the PM's commitments tracker, the NII annex's narrative cells).
@pytest.mark.parametrize(
    ("cell", "status", "commentary"),
    [
        ("Completed. See attached note.", "Completed.", "See attached note."),
        ("Ongoing. Competition proposal submitted to Panel on 30 November.", "Ongoing.",
         "Competition proposal submitted to Panel on 30 November."),
        ("Ongoing - discussions with HMT continue", "Ongoing", "discussions with HMT continue"),
        ("Not started – awaiting funding from the board", "Not started", "awaiting funding from the board"),
        ("Commenced\nCOI have published on their website", "Commenced", "COI have published on their website"),
        ("Commenced COI have published on their website", "Commenced", "COI have published on their website"),
        ("In hand A phased approach has been agreed", "In hand", "A phased approach has been agreed"),
        ("Commenced As at 12 November - 129 tenders published", "Commenced", "As at 12 November - 129 tenders published"),
        ("Done\nNames, grades and job titles were limited to SCS2.", "Done", "Names, grades and job titles were limited to SCS2."),
        # one phrase: a date, a second state, a colour with its word, a single word
        ("Completed", "Completed", None),
        ("Complete – March 2016", "Complete – March 2016", None),
        ("In progress - off track", "In progress - off track", None),
        ("Amber – some slippage", "Amber – some slippage", None),
        ("On track for completion by end October.", "On track for completion by end October.", None),
        ("Red - funding not yet agreed by the council", "Red - funding not yet agreed by the council", None),
        ("Not yet complete but on schedule", "Not yet complete but on schedule", None),
        # an account with no status word at its head is commentary, not a status
        ("LG Inform has been released to local authorities. It is timetabled for public access before "
         "Christmas. The local domain work is ongoing.", None,
         "LG Inform has been released to local authorities. It is timetabled for public access before "
         "Christmas. The local domain work is ongoing."),
        ("The LR review is currently still underway and no final decisions have been made at this stage. "
         "CH have set out proposals to Ministers.", None,
         "The LR review is currently still underway and no final decisions have been made at this stage. "
         "CH have set out proposals to Ministers."),
    ],
)
def test_status_cell_divided_into_status_and_commentary(cell: str, status: str | None, commentary: str | None) -> None:
    got = divide_status_cell(cell)
    assert (got.status, got.commentary) == (status, commentary), got.why


@pytest.mark.parametrize(
    ("phrase", "state"),
    [
        # several sentences with no status at their head: the words inside are not the status
        ("LG Inform has been released to local authorities. It is timetabled for public access before "
         "Christmas. The local domain work is ongoing.", None),
        ("In September, we completed a first draft of our review. It is now with stakeholders.", None),
        # a status sentence first: read by it
        ("Completed. See attached note.", "complete"),
        ("Ongoing. See attached note.", "on_track"),
        # short cells of two sentences stay one phrase
        ("On hold. Awaiting funding.", "at_risk"),
    ],
)
def test_an_account_in_a_status_cell_has_no_state(phrase: str, state: str | None) -> None:
    assert read_phrase(phrase).state == state, read_phrase(phrase).evidence


@pytest.mark.parametrize(
    ("status_cell", "progress_cell", "status_column", "want"),
    [
        # a status cell that runs on gives its commentary to an empty progress
        ("Completed. See attached note.", None, True, ("Completed.", "See attached note.")),
        # ... but not over a progress cell of its own
        ("Completed. See attached note.", "Signed off in May", True, ("Completed. See attached note.", "Signed off in May")),
        # a narrative status cell is progress, with no status
        ("The PDG continue to offer successful hack days. Companies House are also now looking at hack days.",
         None, True, (None, "The PDG continue to offer successful hack days. Companies House are also now looking at hack days.")),
        # no status column: a progress ('Follow-up') cell that starts with a status phrase gives it
        (None, "Completed. See attached note.", False, ("Completed.", "See attached note.")),
        (None, "Ongoing", False, ("Ongoing", None)),
        (None, "See attached paper Item for Panel discussion on 29 September.", False,
         (None, "See attached paper Item for Panel discussion on 29 September.")),
        (None, "Quality assurance started in August 2024. Of 30 plans checked, 21 met the standard.", False,
         (None, "Quality assurance started in August 2024. Of 30 plans checked, 21 met the standard.")),
        # a status column that is empty on this row (its colour is the status): progress stays progress
        (None, "Not due yet. Survey questions will be agreed in early 2026.", True,
         (None, "Not due yet. Survey questions will be agreed in early 2026.")),
    ],
)
def test_status_and_progress_placed(
    status_cell: str | None, progress_cell: str | None, status_column: bool, want: tuple[str | None, str | None]
) -> None:
    status, progress, why = place_status_and_progress(status_cell, progress_cell, status_column=status_column)
    assert (status, progress) == want, why
