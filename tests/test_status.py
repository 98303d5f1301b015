"""Status words and fills to a colour and a state, read through the document's legend."""

from __future__ import annotations

import pytest

from planparse.normalise.status import rag_from_fill, read_status, state_from_words

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
