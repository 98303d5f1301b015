"""What the PDF reader keeps of one page once pdfplumber has let go of it.

The stages of :mod:`planparse.readers.pdf` pass these small objects along:

``extract_page`` (``_pdf_page``)  pdfplumber page -> :class:`PageData` (words grouped into
                                  :class:`Line` objects, tables as :class:`Fragment` grids)
``assemble`` (``_pdf_assemble``)  every :class:`PageData` -> :class:`~planparse.layout.Layout`
                                  (furniture removed, fragments joined across pages)

Coordinates are pdfplumber's: points from the top-left corner of the page as displayed
(``/Rotate`` already applied), ``top`` < ``bottom``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    space_after: bool = False
    """The text layer has a space right after the word. LibreOffice keeps the space at
    a line wrap, so a word that ends its line with one was not split by the width."""


@dataclass(slots=True)
class Line:
    """Words printed on one baseline (within one cell or text column), left to right."""

    words: list[Word]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @classmethod
    def of(cls, words: list[Word]) -> Line:
        words = sorted(words, key=lambda w: w.x0)
        chars = sum(len(w.text) for w in words) or 1
        size = sum(w.size * len(w.text) for w in words) / chars
        bold_chars = sum(len(w.text) for w in words if w.bold)
        return cls(
            words,
            min(w.x0 for w in words),
            max(w.x1 for w in words),
            min(w.top for w in words),
            max(w.bottom for w in words),
            round(size, 1),
            bold_chars * 2 > chars,
        )


@dataclass(slots=True)
class FragCell:
    """A cell of one page's piece of a table; ``row``/``row_span`` count that piece's rows."""

    row: int
    row_span: int
    x0: float
    x1: float
    top: float
    bottom: float
    lines: list[Line] = field(default_factory=list)
    fill: str | None = None
    text_right: float | None = None
    """Where the cell's lines wrap, when known better than from its right edge (tables
    without rules, whose cells have no drawn edge)."""

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(slots=True)
class Fragment:
    """The part of a table printed on one page, as a grid of rows (columns by x-position)."""

    page: int
    ruled: bool
    cells: list[FragCell]
    row_tops: list[float]
    """Top of each row, plus the bottom of the last row (len = rows + 1)."""
    xs: list[float]
    """Column boundaries, left to right (len = columns + 1)."""

    @property
    def n_rows(self) -> int:
        return len(self.row_tops) - 1

    @property
    def top(self) -> float:
        return self.row_tops[0]

    @property
    def bottom(self) -> float:
        return self.row_tops[-1]

    def row(self, r: int) -> list[FragCell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.x0)


@dataclass(slots=True)
class PageData:
    number: int
    """1-based page number."""
    width: float
    height: float
    lines: list[Line]
    """Text outside tables, top to bottom."""
    fragments: list[Fragment]
    chars: int
    """Characters in the page's text layer (0 for a scanned page)."""
    footnotes: list[Line] = field(default_factory=list)
    """Lines under a footnote separator at the page foot: text, but nothing that stands
    between a table and its continuation on the next page."""
    footnote_top: float | None = None
    """Where the footnote separator is drawn (None: no footnotes)."""
