"""The format-neutral layout model: what a page showed, produced by a reader.

Readers (``planparse.readers.docx``, ``planparse.readers.pdf``) turn a file into a
:class:`Layout`; everything after this module works on the layout only and never imports
python-docx or pdfplumber, so plan finding and record building are written once for
every format.

The model records what the page showed, not what it meant:

* a :class:`Table` is a grid of :class:`Cell` objects; a merged cell is ONE cell with a
  ``row_span``/``col_span``, and the grid positions it covers are reported by
  :meth:`Table.grid` as :class:`Covered` (not as an empty cell);
* a cell keeps its paragraphs (with list items marked), its fill colour (``#RRGGBB``) and
  the pages it sits on;
* page furniture (running headers and footers) is kept apart from body content.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

BULLET = "• "


@dataclass(slots=True)
class Para:
    """A paragraph of text. ``list_item`` is True for bullets and numbered list items."""

    text: str
    list_item: bool = False
    level: int = 0

    def render(self) -> str:
        return f"{BULLET}{self.text}" if self.list_item else self.text


def render_paras(paras: list[Para]) -> str:
    """Paragraphs as planparse prints them: joined by newlines, list items as "• " lines."""
    return "\n".join(p.render() for p in paras if p.text)


@dataclass(slots=True, frozen=True)
class Box:
    """Where a cell (or one page's part of it) is printed: a page and a rectangle in PDF
    points, top-left origin (x0, top, x1, bottom), as pdfplumber measures them."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class Cell:
    """One table cell as printed, at grid position (row, col) with its span."""

    row: int
    col: int
    paras: list[Para] = field(default_factory=list)
    row_span: int = 1
    col_span: int = 1
    fill: str | None = None
    """Background colour as ``#RRGGBB`` (upper case), None when not filled or white."""
    pages: list[int] = field(default_factory=list)
    """1-based pages the cell is printed on (empty when the format has no pages)."""
    tables: list[Table] = field(default_factory=list)
    """Tables nested inside this cell."""
    boxes: list[Box] = field(default_factory=list)
    """Where the cell is printed, one box per page it sits on (empty when the format has no
    page geometry, as in Word, where the cell is found by its table, row and col)."""

    @property
    def text(self) -> str:
        return render_paras(self.paras)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


@dataclass(slots=True, frozen=True)
class Covered:
    """A grid position covered by a merged cell that starts elsewhere."""

    origin: Cell


@dataclass(slots=True)
class Table:
    """A table: its cells in row-major order, each at its own (row, col)."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    header_rows: int = 0
    """Rows the source marks as header rows (Word "repeat as header row"; 0 when unknown)."""
    pages: list[int] = field(default_factory=list)
    row_pages: list[list[int]] = field(default_factory=list)
    """Per row, the 1-based pages it is printed on (empty lists when unknown)."""
    index: int = -1
    """Position among the document's tables (set by :class:`Layout`)."""
    merges_known: bool = True
    """False when the source cannot show merged cells (a PDF table without ruling lines):
    a blank cell under a filled one may then be a merge, and extraction may carry text down."""

    def grid(self) -> list[list[Cell | Covered | None]]:
        """Rows x columns; a merged cell sits at its origin and is ``Covered`` elsewhere.

        ``None`` marks a position no cell occupies (ragged rows in the source).
        """
        grid: list[list[Cell | Covered | None]] = [
            [None] * self.n_cols for _ in range(self.n_rows)
        ]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    grid[r][c] = cell if (r, c) == (cell.row, cell.col) else Covered(cell)
        return grid

    def row_cells(self, r: int) -> list[Cell]:
        """Cells that start in row ``r``, left to right."""
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)

    def pages_of_rows(self, rows: list[int]) -> list[int]:
        pages: set[int] = set()
        for r in rows:
            if r < len(self.row_pages):
                pages.update(self.row_pages[r])
        if not pages:
            for cell in self.cells:
                if cell.row in rows:
                    pages.update(cell.pages)
        return sorted(pages)


@dataclass(slots=True)
class Heading:
    text: str
    level: int = 1
    page: int | None = None
    box: Box | None = field(default=None, compare=False)
    """Where the heading is printed (PDF); None when the format has no page geometry.
    Not compared: two headings with the same text, level and page are equal."""


@dataclass(slots=True)
class Paragraph:
    text: str
    list_item: bool = False
    style: str | None = None
    page: int | None = None
    box: Box | None = field(default=None, compare=False)
    """Where the paragraph is printed (PDF); None when the format has no page geometry.
    Not compared, as for :class:`Heading`."""


Block = Heading | Paragraph | Table


@dataclass(slots=True)
class Layout:
    """A document as an ordered list of blocks, plus its page furniture."""

    blocks: list[Block]
    furniture: list[str] = field(default_factory=list)
    """Text of running headers and footers (each distinct text once)."""
    pages: int | None = None
    warnings: list[tuple[str, str, int | None]] = field(default_factory=list)
    """(code, message, page) noticed by the reader, e.g. ("needs_ocr", ..., None)."""

    def __post_init__(self) -> None:
        for i, table in enumerate(self.tables()):
            table.index = i

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def texts(self) -> Iterator[str]:
        """Every piece of text in the document, furniture and table cells included."""
        yield from self.furniture
        for block in self.blocks:
            if isinstance(block, Table):
                yield from _table_texts(block)
            else:
                yield block.text


def _table_texts(table: Table) -> Iterator[str]:
    for cell in table.cells:
        yield cell.text
        for nested in cell.tables:
            yield from _table_texts(nested)
