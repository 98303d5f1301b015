"""What a table that is not a plan is: a risk register, an agenda, a contents page ...

Said positively, from ``knowledge/tables.toml`` [[kind]]: the words of the table's first
rows and/or a test of its cells. :func:`table_kind` gives the first kind a table fits, with
the evidence, so ``other_tables`` can say "a risk register (headings 'Likelihood',
'Impact', 'Mitigation')" rather than only "not enough plan words".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..layout import Table
from ..normalise.text import one_line
from .vocab import TableKindCue, placeholder, tables_vocab

HEADER_ROWS_LOOKED_AT = 3
"""Rows at the top of a table whose words are read as its headings."""
HEADING_MAX_WORDS = 6
"""Longest cell read as a heading when looking for a kind's heading words."""
CELL_TEST_SHARE = 0.7
"""Share of the cells (or rows) a cells test needs ("most cells are figures")."""


@dataclass(slots=True, frozen=True)
class TableKind:
    id: str
    name: str
    veto: bool
    evidence: str

    @property
    def reason(self) -> str:
        return f"{self.name} ({self.evidence})"


def table_kind(table: Table) -> TableKind | None:
    """The first kind of ``tables.toml`` the table fits, or None."""
    rows = [[one_line(c.text) for c in table.row_cells(r)] for r in range(table.n_rows)]
    return kind_of_rows(rows)


def kind_of_rows(rows: list[list[str]]) -> TableKind | None:
    """Like :func:`table_kind` for a table given as rows of cell texts (the first the header)."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return None
    for cue in tables_vocab().kinds:
        found = _fits(cue, rows)
        if found is not None:
            return TableKind(cue.id, cue.name, cue.veto, found)
    return None


def _fits(cue: TableKindCue, rows: list[list[str]]) -> str | None:
    why: list[str] = []
    if cue.headings is not None:
        # Headings are short; "Understanding the risk of fire and other emergencies" is a
        # grade's title, not a risk register's heading.
        head = [c for r in rows[:HEADER_ROWS_LOOKED_AT] for c in r
                if c and len(c.split()) <= HEADING_MAX_WORDS and not _FIGURE.match(c)]
        hits: dict[str, str] = {}
        required = False
        for cell in head:
            for m in cue.headings.finditer(cell):
                hits.setdefault(m.group(0).lower(), cell)
            if cue.required is not None and cue.required.search(cell):
                required = True
        if len(hits) < cue.at_least or (cue.required is not None and not required):
            return None
        why.append("headings " + ", ".join(repr(c) for c in dict.fromkeys(hits.values())))
    if cue.cells is not None:
        said = _CELL_TESTS[cue.cells](rows)
        if said is None:
            return None
        why.append(said)
    return "; ".join(why)


_PAGE = re.compile(r"^(?:\d{1,3}|[ivxlc]{1,6})$", re.I)
_FIGURE = re.compile(r"^[(-]?[£$€]?\s?-?[\d,]+(?:\.\d+)?\s*(?:%|k|m|bn|p)?\)?$|^[-–—]$|^n/?a$", re.I)
_REFS = re.compile(r"^(?:[A-Z]{1,3}\s?)?\d{1,3}(?:\.\d{1,3})*[a-z]?(?:\s*(?:,|&|/|and)\s*(?:[A-Z]{1,3}\s?)?\d{1,3}(?:\.\d{1,3})*[a-z]?)*\.?$")
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:am|pm)?(?:\s*[-–]\s*\d{1,2}[:.]\d{2}\s*(?:am|pm)?)?$|^\d{1,2}\s*(?:am|pm)$", re.I)
_RECOMMENDATION = re.compile(r"\brec(?:s|ommendations?)?\b", re.I)


def _page_numbers(rows: list[list[str]]) -> str | None:
    lasts = [next((c for c in reversed(r) if c), "") for r in rows]
    texts = [next((c for c in r if c), "") for r in rows]
    paged = [last for last, first in zip(lasts, texts, strict=True)
             if _PAGE.match(last) and first != last and not _FIGURE.match(first)]
    if len(rows) < 3 or len(paged) < CELL_TEST_SHARE * len(rows):
        return None
    # Pages run forward down a contents page; scores and counts go up and down.
    numbers = [int(p) for p in paged if p.isdigit()]
    rising = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b >= a)
    if len(numbers) >= 2 and rising < CELL_TEST_SHARE * (len(numbers) - 1):
        return None
    return f"{len(paged)} of {len(rows)} rows end in a page number, rising"


def _numbers(rows: list[list[str]]) -> str | None:
    body = [c for r in rows[1:] for c in r[1:] if c]
    if len(rows) < 3 or len(body) < 4 or max(len(r) for r in rows) < 3:
        return None
    figures = sum(1 for c in body if _FIGURE.match(c))
    if figures >= CELL_TEST_SHARE * len(body):
        return f"{figures} of {len(body)} cells are figures"
    return None


def _labels(rows: list[list[str]]) -> str | None:
    if len(rows) < 3 or max(len(r) for r in rows) > 4:
        return None
    labelled = 0
    for r in rows:
        first = next((c for c in r if c), "")
        rest = [c for c in r[r.index(first) + 1 :] if c] if first else []
        if first and len(first.split()) <= 5 and len(first) <= 40 and not rest:
            labelled += 1
    if labelled >= CELL_TEST_SHARE * len(rows):
        return f"{labelled} of {len(rows)} rows are a short label with blanks to fill in"
    return None


def _refs_only(rows: list[list[str]]) -> str | None:
    body = rows[1:]
    if len(body) < 2:
        return None
    cells = [c for r in body for c in r if c]
    if cells and all(_REFS.match(c) for c in cells):
        return "every cell is a number or reference"
    header = rows[0]
    for k, h in enumerate(header):
        column = [r[k] for r in body if k < len(r) and r[k]]
        if _RECOMMENDATION.search(h) and len(column) >= 2 and all(_REFS.match(c) for c in column) \
                and all(len(c) <= 30 for c in cells):
            return f"the column {h!r} holds only numbers, no text"
    return None


def _times(rows: list[list[str]]) -> str | None:
    if len(rows) < 3:
        return None
    width = max(len(r) for r in rows)
    for k in range(width):
        column = [r[k] for r in rows if k < len(r) and r[k]]
        timed = sum(1 for c in column if _TIME.match(c))
        if len(column) >= 3 and timed >= CELL_TEST_SHARE * len(rows):
            return f"a column of times of day ({timed} of {len(rows)} rows)"
    return None


def _placeholders(rows: list[list[str]]) -> str | None:
    body = [c for r in rows[1:] for c in r if c]
    if len(body) < 2:
        return None
    held = sum(1 for c in body if placeholder(c) is not None)
    if held >= 0.6 * len(body):
        return f"{held} of {len(body)} cells are template placeholders"
    return None


_FIELD_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z]+(?:[A-Z][a-z0-9]+)+$")
"""A machine's field name: ``unique_id``, ``assembly_year``, ``dueDate`` (no person heads a
column of a plan that way)."""


def _field_names(rows: list[list[str]]) -> str | None:
    header = [c.strip() for c in rows[0] if c and c.strip()] if rows else []
    named = [c for c in header if _FIELD_NAME.match(c)]
    if len(rows) < 3 or len(named) < 3 or len(named) < CELL_TEST_SHARE * len(header):
        return None
    return f"{len(named)} of {len(header)} headings are field names ({', '.join(named[:3])}, ...)"


_CELL_TESTS = {
    "field_names": _field_names,
    "page_numbers": _page_numbers,
    "numbers": _numbers,
    "labels": _labels,
    "refs_only": _refs_only,
    "times": _times,
    "placeholders": _placeholders,
}
