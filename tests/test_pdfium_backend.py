"""The pdfium backend (``pdf_backend="pdfium"``) gives the records pdfplumber gives.

Every PDF under ``fixtures/`` (LibreOffice's, Chromium's and reportlab's renditions, the
reader's own fixtures and the broken files) is parsed with both backends and the whole
results compared (records, provenance boxes, warnings; for a broken file the error).
Owners are not split into people/roles/bodies here (``normalise_owners=False``): that
step reads the owner text only, which the comparison already covers.

Renditions that still read differently are listed in ``NOT_SAME`` with the reason; they
are strict xfails, so one that starts to agree must be taken off the list. The pdfium
backend becomes the default only when this list is empty and the real corpus agrees too
(docs/pdf-backends.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

import planparse
from planparse.errors import OptionsError, PlanparseError
from planparse.options import ParseOptions
from planparse.readers._pdfium_page import PdfiumDocument

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FOLDERS = ("pdf", "pdf_chromium", "pdf_reportlab", "pdf_reader", "bad")

_FLOAT32 = (
    "pdfium keeps matrices in single precision: a provenance box edge lands 0.01 pt "
    "the other side of a rounding"
)
# (folder, fixture): why pdfium's reading differs from pdfplumber's (docs/pdf-backends.md)
NOT_SAME: dict[tuple[str, str], str] = {
    ("pdf_chromium", "seed000_fill_only"): _FLOAT32,
    ("pdf_chromium", "seed000_improvement_plan"): _FLOAT32,
    ("pdf_chromium", "seed002_committee_pack"): _FLOAT32,
    ("pdf_chromium", "seed003_portrait_long"): (
        "glyph positions drift up to 0.05 pt along a line (single precision): two "
        "paragraph breaks differ"
    ),
    ("pdf_reportlab", "hwb_strategy_delivery_plan"): (
        "a Symbol-font arrow: pdfminer reads code 0xAD as '›', pdfium as '↑'"
    ),
    ("pdf_reportlab", "seed000_no_rules"): (
        "WinAnsi code 127 bullets: pdfminer gives them no width, '(cid:127)', pdfium "
        "prints the standard's bullet, 0.35 em wide; the text after it sits elsewhere"
    ),
    ("pdf_reader", "page_breaks"): (
        "a CMYK fill: pdfium gives colours as RGB, converted its own way (#EE1D23 for "
        "pure red ink, pdfminer's components give #FF0000)"
    ),
}


def _cases() -> list[Any]:
    out = []
    for folder in FOLDERS:
        for pdf in sorted((FIXTURES / folder).glob("*.pdf")):
            reason = NOT_SAME.get((folder, pdf.stem))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(folder, pdf.stem, marks=marks, id=f"{folder}-{pdf.stem}"))
    return out


@cache
def _read(folder: str, name: str, backend: str) -> Any:
    try:
        result = planparse.parse(
            FIXTURES / folder / f"{name}.pdf", pdf_backend=backend, normalise_owners=False
        )
    except PlanparseError as err:
        return {"error": type(err).__name__, "message": str(err)}
    return result.model_dump(mode="json")


def test_not_same_names_existing_fixtures() -> None:
    for folder, name in NOT_SAME:
        assert (FIXTURES / folder / f"{name}.pdf").is_file(), (folder, name)


@pytest.mark.parametrize(("folder", "name"), _cases())
def test_pdfium_backend_gives_pdfplumbers_records(folder: str, name: str) -> None:
    assert _read(folder, name, "pdfium") == _read(folder, name, "pdfplumber")


def test_pdf_backend_option_is_validated() -> None:
    assert ParseOptions().pdf_backend == "pdfplumber"
    assert ParseOptions.resolve(pdf_backend="pdfium").pdf_backend == "pdfium"
    with pytest.raises(OptionsError, match="pdf_backend"):
        ParseOptions.resolve(pdf_backend="mupdf")


def test_pdfium_page_objects_are_pdfplumbers() -> None:
    """On a LibreOffice page (text, ruled table, shaded cells) pdfium's chars, rects and
    lines are pdfminer's: same text, font, size and box to 0.01 pt (a ligature's right
    edge to 0.1 pt), same fill and stroke; pdfplumber's words and table cells on them
    are the same."""
    path = FIXTURES / "pdf" / "business_plan_2022_25.pdf"
    data = path.read_bytes()
    with pdfplumber.open(path) as pdf:
        doc = PdfiumDocument(data, None)
        try:
            base = pdf.pages[0]
            page = doc.page(base)
            for kind in ("char", "rect", "line", "curve"):
                want, got = base.objects.get(kind, []), page.objects.get(kind, [])
                assert len(got) == len(want), kind
                for a, b in zip(want, got, strict=True):
                    for key in ("x0", "x1", "top", "bottom"):
                        # a ligature's advance is taken from where the next glyph starts
                        slack = 0.1 if key == "x1" and len(a.get("text", "")) > 1 else 0.01
                        assert b[key] == pytest.approx(a[key], abs=slack), (kind, key, a, b)
                    if kind == "char":
                        assert (b["text"], b["fontname"], b["upright"]) == (
                            a["text"], a["fontname"], a["upright"]
                        )
                        assert b["size"] == pytest.approx(a["size"], abs=0.01)
                    else:
                        assert (b["fill"], b["stroke"]) == (a["fill"], a["stroke"])
            assert len(base.objects.get("char", [])) > 1000
            assert len(base.objects.get("rect", [])) > 10
            assert len(base.objects.get("line", [])) > 10
            words = [w["text"] for w in page.extract_words()]
            assert words == [w["text"] for w in base.extract_words()]
            want_tables, got_tables = base.find_tables(), page.find_tables()
            assert want_tables and len(got_tables) == len(want_tables)
            for want_t, got_t in zip(want_tables, got_tables, strict=True):
                assert len(got_t.cells) == len(want_t.cells)
                for a_cell, b_cell in zip(want_t.cells, got_t.cells, strict=True):
                    assert b_cell == pytest.approx(a_cell, abs=0.01)
        finally:
            doc.close()
