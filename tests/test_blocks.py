"""Plans written without a table: headed blocks with labelled lines (extract/blocks.py)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest

import planparse
from planparse.extract.blocks import LabelFileError, label_sets, parse_label_file, read_labels


def _docx(build: list[tuple[str, str]]) -> bytes:
    """A Word document from (kind, text) pairs: kind "h1".."h3" is a heading, "p" a
    paragraph, "b" a bulleted and "n" a numbered list item."""
    doc = docx.Document()
    for kind, text in build:
        if kind.startswith("h"):
            doc.add_heading(text, level=int(kind[1:]))
        elif kind == "b":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "n":
            doc.add_paragraph(text, style="List Number")
        else:
            doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


PLAN = [
    ("h1", "Westbrook Library Service Action Plan 2025"),
    ("p", "This plan sets out what the service will do this year. Comments are welcome."),
    ("p", "1. Tell us what you think of the opening hours."),
    ("p", "2. Tell us which events you would attend."),
    ("h2", "Theme A: Reaching more readers"),
    ("h3", "Action 1: Open two branches on Sundays"),
    ("p", "Sunday opening was the most asked-for change in the 2024 survey."),
    ("p", "Lead: Head of Libraries"),
    ("p", "Due: 31 March 2025"),
    ("p", "Status: On track"),
    ("h3", "Action 2: Launch a home delivery service for housebound readers"),
    ("p", "Volunteers will deliver books every fortnight."),
    ("p", "Responsible: Community Services Manager and the Friends of"),
    ("p", "Westbrook Libraries"),
    ("p", "Timeline: September 2025"),
    ("p", "Status: Not started"),
    ("p", "Progress: Volunteer roles advertised"),
    ("h2", "Theme B: Digital skills"),
    ("h3", "Action 3: Run weekly digital drop-in sessions"),
    ("p", "Owner: Digital Inclusion Officer Status: Complete"),
    ("p", "Due: 30/06/2025"),
    ("p", "Measure: 200 residents helped"),
]


def test_headed_blocks_with_labelled_lines_give_literal_records() -> None:
    result = planparse.parse(_docx(PLAN), name="library_plan.docx", normalise_owners=False)
    got = [
        (a.ref, (a.section.ref, a.section.title) if a.section else None, a.action, a.owner_text,
         a.deadline.text if a.deadline else None, str(a.deadline.date) if a.deadline and a.deadline.date else None,
         a.status.state if a.status else None, a.progress, a.evidence)
        for a in result.actions
    ]
    assert got == [
        ("1", ("A", "Reaching more readers"), "Open two branches on Sundays", "Head of Libraries",
         "31 March 2025", "2025-03-31", "on_track", None, None),
        ("2", ("A", "Reaching more readers"), "Launch a home delivery service for housebound readers",
         "Community Services Manager and the Friends of Westbrook Libraries", "September 2025", "2025-09-30",
         "not_started", "Volunteer roles advertised", None),
        ("3", ("B", "Digital skills"), "Run weekly digital drop-in sessions", "Digital Inclusion Officer",
         "30/06/2025", "2025-06-30", "complete", None, "200 residents helped"),
    ]
    # Records say they did not come from a table.
    assert all(a.provenance.table is None and a.provenance.rows == [] for a in result.actions)
    assert [w.code for w in result.warnings if w.code == "actions_from_text"] == ["actions_from_text"]
    assert "3 action(s)" in next(w.message for w in result.warnings if w.code == "actions_from_text")
    assert [p.tables for p in result.plans] == [[]]


def test_prose_with_numbered_paragraphs_gives_no_action() -> None:
    report = [
        ("h1", "Annual Report of the Westbrook Library Service 2024"),
        ("h2", "1. Introduction"),
        ("p", "1.1 The service opened 40 hours a week across six branches."),
        ("p", "1.2 Visits rose by 8% on the year before; the lead for this work was the Head of Libraries."),
        ("h2", "2. Recommendations"),
        ("p", "2.1 The board should consider Sunday opening."),
        ("p", "2.2 The board should note the report."),
        ("p", "Status of this report: for information"),
        ("p", "Date: 4 March 2025"),
        ("h2", "3. Contacts"),
        ("p", "Owner: Head of Libraries"),
    ]
    result = planparse.parse(_docx(report), name="annual_report.docx", normalise_owners=False)
    assert result.actions == []
    assert all(w.code != "actions_from_text" for w in result.warnings)


def test_one_labelled_block_is_not_evidence_enough() -> None:
    single = PLAN[:10]  # only Action 1 has its labels
    result = planparse.parse(_docx(single), name="one.docx", normalise_owners=False)
    assert result.actions == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Responsible: All Agencies Supported practice(s): Promote Wide Access",
         [("owner", "All Agencies"), ("other", "Promote Wide Access")]),
        ("Responsible : President’s Management Council", [("owner", "President’s Management Council")]),
        ("Timeline: Completed within 3 months", [("deadline", "Completed within 3 months")]),
        ("Owner: the lead officer: see note", [("owner", "the lead officer: see note")]),
        ("The lead: someone", []),
    ],
)
def test_read_labels(line: str, expected: list[tuple[str, str]]) -> None:
    assert read_labels(line) == expected


def _label_examples() -> list[tuple[str, str, bool]]:
    return [
        (ls.field, text, want)
        for ls in label_sets().values()
        for text, want in [(t, True) for t in ls.matches] + [(t, False) for t in ls.not_matches]
    ]


@pytest.mark.parametrize(("fieldname", "text", "want"), _label_examples())
def test_every_label_example(fieldname: str, text: str, want: bool) -> None:
    got = read_labels(text)
    assert (bool(got) and got[0][0] == fieldname) is want


def test_every_field_has_examples_both_ways() -> None:
    for ls in label_sets().values():
        assert ls.matches and ls.not_matches, ls.field


def test_a_bad_label_file_names_the_field() -> None:
    with pytest.raises(LabelFileError, match=r"\[owners\]: unknown field"):
        parse_label_file('[owners]\nlabels = ["lead"]\n')
    with pytest.raises(LabelFileError, match=r"\[owner\]: needs a non-empty 'labels' list"):
        parse_label_file("[owner]\nlabels = []\n")


MILESTONES = [
    ("h1", "Records Programme Charter"),
    ("h2", "Purpose"),
    ("p", "The programme moves the council's paper records to the new system."),
    ("b", "Fewer lost files"),
    ("b", "Faster answers to requests"),
    ("b", "Lower storage costs"),
    ("h2", "Planned Milestones"),
    ("p", "The milestones planned for the programme are listed below."),
    ("p", "Phase 1 (April – September 2025):"),
    ("b", "30 June 2025 – Appoint the scanning contractor"),
    ("b", "Agree the retention schedule"),
    ("p", "Phase 2 (October 2025 – March 2026):"),
    ("b", "Scan the planning archive"),
    ("b", "31 March 2026 – Close the basement store"),
    ("h2", "Governance"),
    ("p", "The board meets monthly."),
]


def test_milestones_listed_under_a_heading_give_literal_records() -> None:
    result = planparse.parse(_docx(MILESTONES), name="charter.docx", normalise_owners=False)
    got = [
        (a.section.title if a.section else None, a.action, a.deadline.text if a.deadline else None,
         str(a.deadline.date) if a.deadline and a.deadline.date else None)
        for a in result.actions
    ]
    assert got == [
        ("Phase 1 (April – September 2025)", "Appoint the scanning contractor", "30 June 2025", "2025-06-30"),
        ("Phase 1 (April – September 2025)", "Agree the retention schedule", None, None),
        ("Phase 2 (October 2025 – March 2026)", "Scan the planning archive", None, None),
        ("Phase 2 (October 2025 – March 2026)", "Close the basement store", "31 March 2026", "2026-03-31"),
    ]
    assert [p.title for p in result.plans] == ["Planned Milestones"]
    assert all(a.provenance.table is None for a in result.actions)
    assert any(w.code == "actions_from_text" and "'Planned Milestones'" in w.message for w in result.warnings)


def test_bulleted_recommendations_and_lists_after_prose_give_no_action() -> None:
    report = [
        ("h1", "Review of the Records Service"),
        ("h2", "Recommendations"),
        ("b", "The service is well led"),
        ("b", "Staff know the retention rules"),
        ("b", "Storage costs are rising"),
        ("h2", "Activities in the year"),
        ("p", "The service answered 4,000 requests in the year."),
        ("p", "It moved to a new building in May."),
        ("p", "Among the things staff did were:"),
        ("p", "It also held an open day for residents."),
        ("b", "An open day"),
        ("b", "Two training sessions"),
        ("b", "A survey of users"),
    ]
    result = planparse.parse(_docx(report), name="review.docx", normalise_owners=False)
    assert result.actions == []


def test_numbered_actions_under_an_action_plan_heading() -> None:
    doc = [
        ("h1", "Parks Strategy 2025"),
        ("p", "The strategy was agreed by the council in January."),
        ("h2", "Action plan"),
        ("p", "1. Plant 500 street trees by March 2026"),
        ("p", "2. Open a new play area in Riverside Park"),
        ("p", "3. Publish a tree management policy"),
        ("h2", "Background"),
        ("p", "1. Parks cover 9% of the borough."),
    ]
    result = planparse.parse(_docx(doc), name="parks.docx", normalise_owners=False)
    assert [(a.ref, a.action, a.deadline) for a in result.actions] == [
        ("1", "Plant 500 street trees by March 2026", None),
        ("2", "Open a new play area in Riverside Park", None),
        ("3", "Publish a tree management policy", None),
    ]
    assert [p.title for p in result.plans] == ["Action plan"]


def test_report_paragraph_numbering_and_resolutions_give_no_action() -> None:
    report = [
        ("h1", "Quarterly Transparency Report"),
        ("h2", "Published Commitments"),
        ("p", "15. The department published its spending data on time."),
        ("p", "16. The department released three new datasets."),
        ("p", "17. The department held a user workshop."),
        ("h2", "Recommendations"),
        ("p", "1. That the Committee notes the report."),
        ("p", "2. That the Committee agrees the revised timetable."),
        ("p", "3. That the Committee asks for a further report in June."),
    ]
    result = planparse.parse(_docx(report), name="wms.docx", normalise_owners=False)
    assert result.actions == []


def test_a_risk_register_written_as_blocks_gives_no_action() -> None:
    register = [
        ("h1", "Project Risk Log"),
        ("h2", "Risk 1: Supplier fails to deliver"),
        ("p", "Owner: Project Manager"),
        ("p", "Likelihood: Medium"),
        ("p", "Status: Open"),
        ("h2", "Risk 2: Key staff leave"),
        ("p", "Owner: HR Lead"),
        ("p", "Likelihood: Low"),
        ("p", "Status: Closed"),
    ]
    result = planparse.parse(_docx(register), name="risks.docx", normalise_owners=False)
    assert result.actions == []


def _real(name: str) -> Path:
    root = os.environ.get("PLANPARSE_REAL_DOCS")
    path = Path(root) / name if root else None
    if path is None or not path.is_file():
        pytest.skip(f"{name} not present (set PLANPARSE_REAL_DOCS)")
    return path


def test_real_headed_blocks_us_federal_data_strategy_draft() -> None:
    result = planparse.parse(_real("us_federal_data_strategy_draft_2019_2020_action_plan.pdf"), normalise_owners=False)
    assert len(result.actions) == 16
    first, sixth = result.actions[0], result.actions[5]
    assert (first.ref, first.section.title if first.section else None, first.action, first.owner_text,
            first.deadline.text if first.deadline else None, first.provenance.pages, first.provenance.table) == (
        "1", "Shared Actions: Government-wide Data Services", "Create an OMB Data Council",
        "Office of Management and Budget", "Completed within 3 months", [6], None)
    assert sixth.owner_text == (
        "The Federal Statistical Research Data Center Program Management Office, U.S. Census Bureau, "
        "Department of Commerce under the direction of the Interagency Council on Statistical Policy.")
    ref = first.provenance.cells["action"][0]
    assert ref.page == 6 and ref.bbox is not None
    import pdfplumber

    with pdfplumber.open(_real("us_federal_data_strategy_draft_2019_2020_action_plan.pdf")) as pdf:
        x0, top, x1, bottom = ref.bbox
        assert pdf.pages[5].crop((x0 - 1, top - 1, x1 + 1, bottom + 1)).extract_text() == (
            "Action 1: Create an OMB Data Council")


def test_real_milestone_list_hhs_charter() -> None:
    result = planparse.parse(_real("hhs_iam_program_charter_2009.docx"), normalise_owners=False)
    assert len(result.actions) == 25  # 24 milestones and the Phase 4 statement the truth leaves out
    first = result.actions[0]
    assert (first.section.title if first.section else None, first.deadline.text if first.deadline else None,
            str(first.deadline.date) if first.deadline else None) == (
        "Phase 1 (September 2009 – March 2010)", "September 26, 2009", "2009-09-26")
    assert first.action.startswith("Award multiple statements of work to contractors")


def test_pdf_headings_and_paragraphs_keep_their_boxes() -> None:
    from planparse.layout import Box, Heading, Paragraph
    from planparse.readers._pdf_assemble import lines_to_blocks
    from planparse.readers._pdf_model import Line, Word
    from planparse.readers.pdf_settings import DEFAULT_PDF_SETTINGS

    def line(text: str, top: float, size: float, bold: bool = False, x0: float = 72.0) -> Line:
        words, x = [], x0
        for w in text.split():
            words.append(Word(w, x, x + 5.0 * len(w), top, top + size, size, bold))
            x += 5.0 * len(w) + 3.0
        return Line.of(words)

    lines = [
        line("Action 1: Open on Sundays", 100.0, 16.0, bold=True),
        line("Lead: Head of Libraries", 130.0, 10.0),
        line("Due: 31 March 2025 and then", 160.0, 10.0),
        line("every year", 172.0, 10.0),
    ]
    blocks = lines_to_blocks(lines, 10.0, [16.0], 3, None, DEFAULT_PDF_SETTINGS)
    assert [(type(b).__name__, b.text, b.box) for b in blocks if isinstance(b, (Heading, Paragraph))] == [
        ("Heading", "Action 1: Open on Sundays", Box(3, 72.0, 100.0, 189.0, 116.0)),
        ("Paragraph", "Lead: Head of Libraries", Box(3, 72.0, 130.0, 181.0, 140.0)),
        ("Paragraph", "Due: 31 March 2025 and then every year", Box(3, 72.0, 160.0, 197.0, 182.0)),
    ]
