"""Locatable provenance: every record names the cells it was read from, findable on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

import planparse

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
ALL = sorted(FIXTURES.glob("pdf/*.pdf")) + sorted(FIXTURES.glob("docx/*.docx"))


def _letters(text: str) -> str:
    """Letters and digits only: a word wrapped inside a narrow cell ("Neighbourh / ood")
    reads the same as the record's tidied text."""
    return "".join(re.findall(r"[0-9A-Za-z]+", text))


def _text_in_box(page: pdfplumber.page.Page, bbox: list[float]) -> str:
    """The text of the characters whose centre lies inside ``bbox`` (a glyph's box may poke
    over a cell's rule, so neither strict containment nor overlap is right)."""
    x0, top, x1, bottom = bbox

    def inside(obj: dict[str, object]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx = (float(obj["x0"]) + float(obj["x1"])) / 2  # type: ignore[arg-type]
        cy = (float(obj["top"]) + float(obj["bottom"])) / 2  # type: ignore[arg-type]
        return x0 <= cx <= x1 and top <= cy <= bottom

    return page.filter(inside).extract_text() or ""


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_record_of_every_fixture_has_cells(path: Path) -> None:
    result = planparse.parse(path, normalise_owners=False)
    # (a held-out fixture the extraction does not yet read gives no records to check)
    for a in result.actions:
        cells = a.provenance.cells
        assert "action" in cells, a.id
        for name, refs in cells.items():
            for ref in refs:
                if path.suffix == ".pdf":
                    # a merged objective cell may start on an earlier page than the row
                    assert ref.page is not None and 1 <= ref.page <= (result.source.pages or 0)
                    assert name != "action" or ref.page in a.provenance.pages
                    assert ref.bbox is not None and len(ref.bbox) == 4
                    x0, top, x1, bottom = ref.bbox
                    assert x0 < x1 and top < bottom
                else:
                    assert ref.page is None and ref.table == a.provenance.table
                    assert ref.row is not None and ref.row <= max(a.provenance.rows)
                    assert name != "action" or ref.row in a.provenance.rows


@pytest.mark.parametrize("name", ["csp_action_plan", "seed003_portrait_long"])
def test_text_inside_a_records_boxes_is_its_text(name: str) -> None:
    """Crop each record's action and owner boxes with pdfplumber: the words found there are
    the record's action / owner words, in order (a row cut by a page break: both boxes)."""
    path = FIXTURES / "pdf" / f"{name}.pdf"
    result = planparse.parse(path, normalise_owners=False)
    checked = 0
    with pdfplumber.open(path) as pdf:
        for a in result.actions:
            for field, want in (("action", a.action), ("owner", a.owner_text)):
                refs = a.provenance.cells.get(field)
                if not refs or not want or a.milestones:
                    continue
                got = ""
                for ref in refs:
                    assert ref.page is not None and ref.bbox is not None
                    got += _text_in_box(pdf.pages[ref.page - 1], ref.bbox)
                # the cell may also print the reference the action text was stripped of,
                # and a wrapped cell's text is found whole, so compare letters in order
                assert _letters(want) in _letters(got), (a.id, field, got)
                checked += 1
    assert checked >= 10


def test_a_row_cut_by_a_page_break_has_one_box_per_page() -> None:
    result = planparse.parse(FIXTURES / "pdf" / "seed003_portrait_long.pdf", normalise_owners=False)
    split = [a for a in result.actions if len({r.page for r in a.provenance.cells["action"]}) > 1]
    assert split, "the fixture prints at least one action across a page break"
    for a in split:
        pages = [r.page for r in a.provenance.cells["action"]]
        assert pages == sorted(pages) and len(pages) == len(set(pages))
