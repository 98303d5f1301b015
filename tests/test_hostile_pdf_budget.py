"""Issue 14: a PDF page over its budget (operators, text, inflated bytes, nested forms) is
skipped with a warning and the rest of the document is read. Budgets are counts, not time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import fuzz  # noqa: E402
import make_bad_inputs as mb  # noqa: E402

import planparse  # noqa: E402
from planparse.readers import _pdf_budget as budget  # noqa: E402


def _two_pages(hostile: bytes) -> bytes:
    """A good table page, then a page whose content is ``hostile``."""
    pdf = mb.PdfWriter()
    rows = [mb.HEADINGS, *mb.GOOD_ROWS]
    ops = []
    y = 780.0
    for row in rows:
        y -= mb.ROW_H
        for x, cell in zip(mb.COLUMNS, row, strict=False):
            ops.append(mb._text(x, y, cell))
        ops.append(f"{mb.COLUMNS[0]} {y:.1f} m {mb.COLUMNS[-1]} {y:.1f} l S\n")
    ops.append(f"{mb.COLUMNS[0]} 780 m {mb.COLUMNS[-1]} 780 l S\n")
    for x in mb.COLUMNS:
        ops.append(f"{x} 780 m {x} {y:.1f} l S\n")
    pdf.page("0.5 w\n" + "".join(ops))
    pdf.page(hostile.decode("latin-1"))
    return pdf.build()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"10 10 m 20 20 l S\n" * (budget.MAX_OPERATORS // 3 + 10), "drawing operators"),
        (b"BT /F1 8 Tf 50 700 Td (" + b"A" * (budget.MAX_TEXT_CHARS + 10) + b") Tj ET\n", "characters of text"),
    ],
)
def test_a_page_over_budget_is_skipped_and_the_rest_is_read(content: bytes, reason: str) -> None:
    result = planparse.parse(_two_pages(content), name="hostile.pdf")
    assert len(result.actions) == 2  # the good page is still read
    (warning,) = [w for w in result.warnings if w.code == "page_over_budget"]
    assert warning.page == 2 and reason in warning.message


def test_nested_forms_drawn_repeatedly_are_counted_per_draw() -> None:
    import random

    data = fuzz.nested_xobjects(random.Random(3))  # 8 draws per level, 5+ levels: 8**5 draws
    result = planparse.parse(data, name="forms.pdf")
    assert [w.code for w in result.warnings if w.code == "page_over_budget"] == ["page_over_budget"]


def test_a_content_stream_that_inflates_past_the_budget_is_not_inflated(monkeypatch) -> None:
    import random

    monkeypatch.setattr(budget, "MAX_INFLATED_BYTES", 8 * 1024 * 1024)
    data = fuzz.inflating_stream(random.Random(0))  # 64 MB of spaces
    result = planparse.parse(data, name="inflate.pdf")
    (warning,) = [w for w in result.warnings if w.code == "page_over_budget"]
    assert "inflates" in warning.message


def test_an_ordinary_page_is_within_every_budget() -> None:
    result = planparse.parse(mb.table_pdf(mb.big_table_rows(200)), name="ok.pdf")
    assert len(result.actions) == 200
    assert not [w for w in result.warnings if w.code == "page_over_budget"]


def test_flate_data_that_does_not_inflate_is_left_to_pdfminer_not_a_failure() -> None:
    # Encrypted PDFs (and some producers) give raw stream bytes that are not zlib data: the
    # budget must not turn a readable document into a failure (two real documents did).
    from planparse.readers._pdf_budget import _inflate, _Spent

    class Stream:
        rawdata = b"\x8f\x13 not zlib at all"
        data = None
        decipher = None

        def get_filters(self) -> list[tuple[str, dict[str, object]]]:
            return [("FlateDecode", {})]

    assert _inflate(Stream(), _Spent()) == b""
    enc = Stream()
    enc.decipher = object()  # type: ignore[assignment]
    assert _inflate(enc, _Spent()) == b""
