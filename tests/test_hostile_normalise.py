"""Issue 14: every normaliser reads a bounded head of a cell; the record keeps the full text.

Work is bounded by the length examined (asserted on directly), never by a clock.
"""

from __future__ import annotations

import planparse.normalise.dates as dates
from planparse.normalise.dates import parse_deadline
from planparse.normalise.owners import split_owners
from planparse.normalise.status import read_status
from planparse.normalise.text import MAX_EXAMINED_CHARS, examined

MILLION = 1_000_000


def test_examined_text_is_bounded_and_cut_at_a_space() -> None:
    text = "word " * MILLION
    head = examined(text)
    assert len(head) <= MAX_EXAMINED_CHARS
    assert not head.endswith("wor")
    assert examined("short text") == "short text"


def test_an_owner_cell_of_a_million_characters_does_not_crash_the_splitter() -> None:
    # Was: ValueError from spaCy (text longer than nlp.max_length) escaped parse().
    owners = split_owners("Head of Planning, " + "x" * MILLION + " and Director of Finance")
    assert owners
    assert all(len(o.role or o.name or o.organisation or "") <= MAX_EXAMINED_CHARS for o in owners)


def test_an_owner_cell_of_a_million_words_reads_only_its_head() -> None:
    owners = split_owners("Head of Planning; " * (MILLION // 18))
    assert 1 <= len(owners) <= MAX_EXAMINED_CHARS // 10


def test_a_deadline_cell_of_a_million_characters_reads_its_head_and_keeps_the_text(monkeypatch) -> None:
    seen: list[int] = []
    real = dates._find_candidates

    def spy(text, warnings, *rest):  # type: ignore[no-untyped-def]
        seen.append(len(text))
        return real(text, warnings, *rest)

    monkeypatch.setattr(dates, "_find_candidates", spy)
    dates._parse_cached.cache_clear()
    text = "By March 2016 " + "and then 12 more things to do 2017 " * (MILLION // 35)
    result = parse_deadline(text)
    assert result.deadline is not None
    assert result.deadline.date is not None and result.deadline.date.year in (2016, 2017)
    assert len(result.deadline.text) > MILLION * 0.9  # the record keeps the full text
    assert seen and max(seen) <= MAX_EXAMINED_CHARS  # the work was on the head only


def test_a_status_cell_of_a_million_characters_is_read_and_kept_in_full() -> None:
    text = "Green - on track.\n" + "note " * (MILLION // 5)
    reading = read_status(text, None)
    assert reading.status is not None
    assert len(reading.status.text or "") > MILLION * 0.9
    assert reading.status.state is not None


def test_a_status_cell_of_a_million_characters_is_not_divided() -> None:
    from planparse.normalise.status import divide_status_cell, place_status_and_progress

    text = "Completed. " + "note " * (MILLION // 5)
    assert divide_status_cell(text).status == text
    status, progress, _ = place_status_and_progress(None, text, status_column=False)
    assert (status, progress) == (None, text)
