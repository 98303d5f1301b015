"""Every page's :class:`PageData` -> one :class:`~planparse.layout.Layout`.

Stages (each a function, run in this order by :func:`assemble`):

``strip_furniture``  running headers/footers, page numbers and a legend printed at every
                     page foot -> ``Layout.furniture`` (each text once), out of the body.
``join_tables``      table fragments on consecutive pages -> one :class:`Table`
                     (:class:`TableBuilder` holds the growing table).
``lines_to_blocks``  text outside tables -> :class:`Heading` / :class:`Paragraph`.

How a fragment at the top of a page is joined to the table at the foot of the previous
page (:meth:`TableBuilder.try_extend`):

1. *Same table*: the table was the last thing on its page and the fragment is the first
   thing on the next, and their column boundaries match (outer edges within 6 pt, most
   inner boundaries within 3 pt; every such figure is a :class:`PdfSettings` field).
2. *Repeated header*: leading rows whose texts equal the table's first rows are dropped;
   their count becomes ``header_rows``. When the piece before held only those header
   rows (a browser leaves a header alone at a page foot when the first row does not fit),
   the next row starts the table's body; so does a plain row under a table that so far is
   one all-bold row.
3. *Cut row*: the first remaining row continues the table's last row only when
   (a) the previous piece reached the foot of the page's text area,
   (b) every non-empty cell of the new row sits under a cell of the last row whose text
       ran to the bottom of that row (a cell that ended higher was complete, so text under
       it starts a new row),
   (c) no cell starts with a number ("2.") in a column whose cell above also started
       with one (a numbered action starts a row), the new row is not one full-width cell
       (a section row) under a row of several cells, and
   (d) there is positive evidence of a cut: a cell of the last row has nothing more on
       the new page (its short text fitted), or a continued cell starts in lower case,
       or a cut cell of two or more lines stops mid-sentence.
   A cut row's cells get the continued text appended (:func:`continue_paras`).
4. *Merged cell across the break*: when the first new row is a new row, an empty cell
   under a cell of the last row that is vertically merged (or in a column that has
   vertical merges, in ruled tables) extends that cell's ``row_span`` rather than making
   an empty cell. Numbered actions beside it overrule that guess
   (:meth:`TableBuilder._merged_over_break`): numbering that restarts at "1." makes a
   new cell; numbering that goes on extends a cell left of the numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from itertools import chain

from ..layout import Block, Box, Cell, Heading, Layout, Para, Paragraph, Table
from ._pdf_model import FragCell, Fragment, Line, PageData
from ._pdf_text import NUMBERED, Lexicon, continue_paras, document_lexicon, lines_to_paras
from .pdf_settings import DEFAULT_PDF_SETTINGS, PdfSettings

PAGE_NUMBER = re.compile(
    r"^[-–\s]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[-–\s]*$", re.IGNORECASE
)
_SENTENCE_END = (".", "!", "?", ":", ";")


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


# ---------------------------------------------------------------- furniture


def strip_furniture(pages: Collection[PageData], settings: PdfSettings) -> list[str]:
    """Remove running headers/footers from the pages' lines; return their texts, once each.

    Furniture is a line (or a small table) in the top or bottom band of the page whose text,
    digits ignored, recurs in the same band on at least half of the pages (and two or
    more; ``furniture_share`` and ``furniture_min_pages``), or a page number ("3", "Page 3", "Page 3 of 9") in a band.
    """
    n = sum(1 for p in pages if p.chars)
    seen: dict[tuple[str, str], set[int]] = {}

    def side(page: PageData, top: float, bottom: float) -> str | None:
        band = settings.furniture_band * max(page.height, page.width)
        if bottom <= band:
            return "head"
        if top >= page.height - band:
            return "foot"
        return None

    for page in pages:
        for line in [*page.lines, *page.footnotes]:
            s = side(page, line.top, line.bottom)
            if s:
                seen.setdefault((s, _norm(line.text)), set()).add(page.number)
        for frag in page.fragments:
            s = side(page, frag.top, frag.bottom)
            if s:
                seen.setdefault((s, _norm(_frag_text(frag))), set()).add(page.number)
    need = max(settings.furniture_min_pages, math.ceil(settings.furniture_share * n))
    repeated = {key for key, on in seen.items() if len(on) >= need}

    found: list[str] = []

    def is_furniture(page: PageData, text: str, top: float, bottom: float) -> bool:
        s = side(page, top, bottom)
        if s is None or not ((s, _norm(text)) in repeated or PAGE_NUMBER.match(text)):
            return False
        if text not in found and _norm(text) not in {_norm(f) for f in found}:
            found.append(text)
        return True

    for page in pages:
        page.lines = [ln for ln in page.lines if not is_furniture(page, ln.text, ln.top, ln.bottom)]
        page.footnotes = [ln for ln in page.footnotes if not is_furniture(page, ln.text, ln.top, ln.bottom)]
        page.fragments = [
            f for f in page.fragments if not is_furniture(page, _frag_text(f), f.top, f.bottom)
        ]
    return found


def _frag_text(frag: Fragment) -> str:
    return " ".join(c.text for c in frag.cells if c.lines)


# ---------------------------------------------------------------- tables


@dataclass(slots=True)
class _BCell:
    row: int
    row_span: int
    x0: float
    x1: float
    paras: list[Para]
    fill: str | None
    pages: set[int]
    at_right: bool
    ruled: bool
    boxes: list[Box]


def _lines_box(page: int, lines: list[Line]) -> Box:
    """The rectangle round some lines of text on one page."""
    return Box(
        page,
        round(min(ln.x0 for ln in lines), 2),
        round(min(ln.top for ln in lines), 2),
        round(max(ln.x1 for ln in lines), 2),
        round(max(ln.bottom for ln in lines), 2),
    )


def _box(page: int, cell: FragCell) -> Box:
    return Box(page, round(cell.x0, 2), round(cell.top, 2), round(cell.x1, 2), round(cell.bottom, 2))


def _cell_paras(cell: FragCell, lexicon: Lexicon | None, settings: PdfSettings) -> list[Para]:
    return lines_to_paras(cell.lines, cell.x0, cell.x1, cell.text_right, lexicon, settings)


_LEAD_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]")
_BARE_NUMBER = re.compile(r"^\d{1,3}(\.\d{1,3})*[.)]?$")


def _lead_number(text: str) -> int | None:
    """The number a numbered action starts with ("2." -> 2, "3)" -> 3, "2.1 " -> 2)."""
    m = _LEAD_NUMBER.match(text.lstrip())
    return int(m.group(1)) if m else None


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _same_columns(a: Fragment, b: Fragment, settings: PdfSettings) -> bool:
    outer = settings.join_outer_slack
    if a.ruled != b.ruled or abs(a.xs[0] - b.xs[0]) > outer:
        return False
    if a.ruled and abs(a.xs[-1] - b.xs[-1]) > outer:
        return False
    inner_a, inner_b = a.xs[1:-1], b.xs[1:-1]
    if not inner_a or not inner_b:
        return len(inner_a) == len(inner_b)
    matched = sum(1 for x in inner_a if any(abs(x - y) <= settings.join_inner_slack for y in inner_b))
    return matched >= settings.join_inner_share * max(len(inner_a), len(inner_b))


class TableBuilder:
    """A table growing fragment by fragment; :meth:`build` makes the :class:`Table`."""

    def __init__(
        self, frag: Fragment, lexicon: Lexicon | None = None, settings: PdfSettings = DEFAULT_PDF_SETTINGS
    ) -> None:
        self.settings = settings
        self.lexicon = lexicon
        """The document's words, for words split by the column width (see ``_pdf_text``)."""
        self.cells: list[_BCell] = []
        self.row_pages: list[set[int]] = []
        self.repeated_header = 0
        self.last = frag
        self.first_rows: list[tuple[str, ...]] = [
            self._row_key(frag, r) for r in range(min(settings.repeat_header_rows, frag.n_rows))
        ]
        self._append(frag, 0, 0)

    @property
    def n_rows(self) -> int:
        return len(self.row_pages)

    @staticmethod
    def _row_key(frag: Fragment, r: int) -> tuple[str, ...]:
        return tuple(" ".join(c.text.split()) for c in frag.row(r))

    def _headers_again(self, frag: Fragment, r0: int, offset: int) -> set[int]:
        """Rows of ``frag`` (from ``r0``; not the table's own first row) that print the
        table's first row again inside a piece: reportlab repeats the header where it
        splits a table within one page, as some authors repeat it by hand. Only a row of
        two or more texts, none spanning rows, counts."""
        if not self.first_rows or sum(1 for t in self.first_rows[0] if t) < 2:
            return set()
        rows: dict[int, list[FragCell]] = {}
        for cell in frag.cells:
            if cell.row >= r0:
                rows.setdefault(cell.row, []).append(cell)
        out = set()
        for r, cells in rows.items():
            if offset + r - r0 == 0 or any(c.row_span != 1 for c in cells):
                continue
            key = tuple(" ".join(c.text.split()) for c in sorted(cells, key=lambda c: c.x0))
            if key == self.first_rows[0]:
                out.add(r)
        return out

    def _append(self, frag: Fragment, r0: int, offset: int, skip: set[int] | None = None) -> None:
        dropped = self._headers_again(frag, r0, offset)
        index: dict[int, int] = {}
        gone = 0
        for r in range(r0, frag.n_rows):
            index[r] = offset + r - r0 - gone
            gone += r in dropped
        for cell in frag.cells:
            if cell.row < r0 or (skip and id(cell) in skip) or cell.row in dropped:
                continue
            self.cells.append(
                _BCell(
                    index[cell.row],
                    cell.row_span,
                    cell.x0,
                    cell.x1,
                    _cell_paras(cell, self.lexicon, self.settings),
                    cell.fill,
                    {frag.page},
                    abs(cell.x1 - frag.xs[-1]) < self.settings.right_edge_slack,
                    frag.ruled,
                    [_box(frag.page, cell)],
                )
            )
        for r in range(r0, frag.n_rows):
            if r in dropped:
                continue
            row = index[r]
            while len(self.row_pages) <= row:
                self.row_pages.append(set())
            self.row_pages[row].add(frag.page)
        self.last = frag

    def _covering(self, row: int, x0: float, x1: float) -> _BCell | None:
        best, best_overlap = None, 0.0
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.row_span:
                ov = _overlap(cell.x0, cell.x1, x0, x1)
                if ov > best_overlap and ov >= self.settings.cover_share * min(cell.x1 - cell.x0, x1 - x0):
                    best, best_overlap = cell, ov
        return best

    def _column_has_merges(self, target: _BCell) -> bool:
        return any(
            c.row_span > 1 and _overlap(c.x0, c.x1, target.x0, target.x1) > 0 for c in self.cells
        )

    def _merged_over_break(self, frag: Fragment, cell: FragCell, target: _BCell) -> bool:
        """Is ``cell`` (empty, first row of ``frag``) the rest of ``target``, a cell merged
        down across the page break, rather than a new empty cell?

        A page break hides the rule that would tell them apart. The numbered actions
        beside them decide when they can: numbering that starts again at "1." is a new
        group, so a new cell; numbering that goes on ("1." above the break, "2." beside
        ``cell``) is the same group, so the same merged cell when ``cell`` is left of the
        numbers (the column that groups the actions, such as an outcome). Otherwise:
        merged when ``target`` already spans rows or its column has merged cells.
        """
        number: int | None = None
        x0 = x1 = 0.0
        for r in range(cell.row, cell.row + cell.row_span):
            for other in frag.row(r):
                if other is cell or _overlap(other.x0, other.x1, cell.x0, cell.x1) > 0:
                    continue
                n = _lead_number(other.text)
                if n is not None:
                    number, x0, x1 = n, other.x0, other.x1
                    break
            if number is not None:
                break
        if number is not None:
            above = [
                c
                for c in self.cells
                if target.row <= c.row < target.row + target.row_span
                and _overlap(c.x0, c.x1, x0, x1) > 0
                and c.paras
            ]
            before = [_lead_number(c.paras[0].text) for c in sorted(above, key=lambda c: c.row)]
            last = next((n for n in reversed(before) if n is not None), None)
            if last is not None and number == last + 1 and cell.x1 <= x0 + self.settings.number_column_slack:
                return True
            if last is not None and number == 1:
                return False
        return target.row_span > 1 or self._column_has_merges(target)

    def _header_rows_repeated(self, frag: Fragment) -> int:
        for k in range(min(len(self.first_rows), frag.n_rows), 0, -1):
            same = all(self._row_key(frag, r) == self.first_rows[r] for r in range(k))
            if same and any(any(t for t in self.first_rows[r]) for r in range(k)):
                return k
        return 0

    def continues_row(self, frag: Fragment, r0: int, page_bottom: float) -> bool:
        """Is row ``r0`` of ``frag`` the rest of the table's last row, cut by the page break?"""
        prev = self.last
        if prev.bottom < page_bottom:
            return False
        last_r = prev.n_rows - 1
        prev_cells = [c for c in prev.cells if c.row <= last_r < c.row + c.row_span]
        new_cells = [c for c in frag.cells if c.row == r0 and c.lines]
        if not new_cells:
            return True
        share = self.settings.full_width_share
        if (
            len(new_cells) == 1
            and _spans_table(new_cells[0], frag, share)
            and not any(_spans_table(p, prev, share) for p in prev_cells)
        ):
            return False  # a full-width row ("Theme 2: ...") is a section row, never the rest of a cut row
        if (
            self.n_rows == 1
            and _row_bold(prev, last_r)
            and not any(line.bold for c in new_cells for line in c.lines)
        ):
            return False  # a table's bold header row alone at the page foot, plain rows next
        evidence = False
        continued: set[int] = set()
        for cell in new_cells:
            above = max(
                prev_cells, key=lambda p: _overlap(p.x0, p.x1, cell.x0, cell.x1), default=None
            )
            if above is None or not above.lines:
                return False
            if _overlap(above.x0, above.x1, cell.x0, cell.x1) <= 0:
                return False
            last_line = above.lines[-1]
            if last_line.bottom < prev.bottom - max(
                self.settings.cut_reach_min, self.settings.cut_reach_em * last_line.size
            ):
                return False  # that cell's text ended higher up: it was complete
            target = self._covering(self.n_rows - 1, cell.x0, cell.x1)
            first_text = cell.lines[0].text
            if (
                target is not None
                and target.paras
                and NUMBERED.match(first_text)
                and NUMBERED.match(target.paras[0].text)
            ):
                return False  # a numbered action starts a new row
            if (
                target is not None
                and target.paras
                and _BARE_NUMBER.match(first_text)
                and _BARE_NUMBER.match(target.paras[0].text)
            ):
                return False  # a reference ("18") under a reference ("17") starts a new row
            if first_text[:1].islower():
                evidence = True
            if len(above.lines) >= 2 and not last_line.text.rstrip().endswith(_SENTENCE_END):
                evidence = True
            continued.add(id(above))
        if any(p.lines and id(p) not in continued for p in prev_cells if p.row == last_r):
            evidence = True  # a cell of the last row was complete on the previous page
        return evidence

    def try_extend(self, frag: Fragment, page_bottom: float) -> bool:
        """Join ``frag`` (first on its page) if it continues this table; see the module doc."""
        if frag.page != self.last.page + 1 or not _same_columns(self.last, frag, self.settings):
            return False
        r0 = self._header_rows_repeated(frag)
        if r0:
            self.repeated_header = max(self.repeated_header, r0)
        if r0 >= frag.n_rows:
            self.last = frag
            return True
        last = self.n_rows - 1
        # A table whose piece so far is only the header rows (a browser leaves the header
        # alone at a page foot when the first row does not fit) has no row to cut.
        cont = not (r0 and last < r0) and self.continues_row(frag, r0, page_bottom)
        consumed: set[int] = set()
        for cell in frag.cells:
            if cell.row != r0:
                continue
            target = self._covering(last, cell.x0, cell.x1)
            if target is None:
                continue
            if cont:
                continue_paras(target.paras, _cell_paras(cell, self.lexicon, self.settings))
                target.row_span += cell.row_span - 1
            elif (
                not cell.lines
                and cell.fill == target.fill  # one merged cell has one fill
                and frag.ruled
                and target.ruled
                and self._merged_over_break(frag, cell, target)
            ):
                target.row_span += cell.row_span
            else:
                continue
            target.pages.add(frag.page)
            target.boxes.append(_box(frag.page, cell))
            target.fill = target.fill or cell.fill
            consumed.add(id(cell))
        self._append(frag, r0, last if cont else last + 1, consumed)
        return True

    def build(self) -> Table:
        right = max(c.x1 for c in self.cells)
        for c in self.cells:
            if c.at_right:
                c.x1 = right
        bounds: list[float] = []
        for x in sorted({c.x0 for c in self.cells} | {c.x1 for c in self.cells}):
            if not bounds or x - bounds[-1] > self.settings.column_merge:
                bounds.append(x)

        def col(x: float) -> int:
            return min(range(len(bounds)), key=lambda i: abs(bounds[i] - x))

        cells: list[Cell] = []
        for c in self.cells:
            c0 = col(c.x0)
            span = max(1, col(c.x1) - c0)
            cells.append(
                Cell(c.row, c0, c.paras, c.row_span, span, c.fill, sorted(c.pages), boxes=list(c.boxes))
            )
        cells.sort(key=lambda c: (c.row, c.col))
        header = self.repeated_header or self._guess_header(cells)
        pages = sorted(set().union(*self.row_pages)) if self.row_pages else []
        return Table(
            cells,
            self.n_rows,
            len(bounds) - 1,
            header,
            pages,
            [sorted(p) for p in self.row_pages],
            # Without ruling lines a merged cell looks like a filled cell above empty ones.
            merges_known=self.last.ruled,
        )

    def _guess_header(self, cells: list[Cell]) -> int:
        """1 when the first row is all bold and the second is not (header not repeated)."""
        if self.n_rows < 2:
            return 0
        return 1 if self._first_row_bold and not self._second_row_bold else 0

    _first_row_bold = False
    _second_row_bold = False


def _spans_table(cell: FragCell, frag: Fragment, share: float) -> bool:
    """Does ``cell`` run across (nearly) the whole width of its table piece?"""
    left = min(c.x0 for c in frag.cells)
    right = max(c.x1 for c in frag.cells)
    return right > left and cell.x1 - cell.x0 >= share * (right - left)


def _row_bold(frag: Fragment, r: int) -> bool:
    lines = [line for c in frag.row(r) for line in c.lines]
    return bool(lines) and all(line.bold for line in lines)


# ---------------------------------------------------------------- text blocks


def lines_to_blocks(
    lines: list[Line],
    body_size: float,
    heading_sizes: list[float],
    page_no: int,
    lexicon: Lexicon | None,
    settings: PdfSettings,
) -> list[Block]:
    """Runs of lines of one style -> headings and paragraphs."""
    blocks: list[Block] = []
    run: list[Line] = []

    def flush() -> None:
        if not run:
            return
        size, bold = run[0].size, run[0].bold
        groups: list[list[Line]] = []
        paras = lines_to_paras(
            run, min(ln.x0 for ln in run), max(ln.x1 for ln in run), None, lexicon, settings, groups
        )
        text = " ".join(p.text for p in paras)
        if _is_heading(size, bold, len(run), text, body_size, settings):
            level = next(
                (i + 1 for i, s in enumerate(heading_sizes) if size >= s - settings.heading_level_slack), 1
            )
            blocks.append(Heading(text, min(level, 6), page_no, _lines_box(page_no, run)))
        else:
            for p, group in zip(paras, groups, strict=True):
                blocks.append(Paragraph(p.text, p.list_item, None, page_no, _lines_box(page_no, group)))
        run.clear()

    for line in lines:
        if run:
            prev = run[-1]
            if (
                abs(line.size - prev.size) > settings.block_size_slack
                or line.bold != prev.bold
                or line.top - prev.bottom > settings.block_gap * max(line.size, prev.size)
            ):
                flush()
        run.append(line)
    flush()
    return blocks


def _is_heading(
    size: float, bold: bool, n_lines: int, text: str, body_size: float, settings: PdfSettings
) -> bool:
    if len(text) > settings.heading_max_chars or not any(ch.isalpha() for ch in text):
        return False
    if size >= body_size + settings.heading_size_step:
        return True
    return (
        bold
        and n_lines <= settings.bold_heading_max_lines
        and not text.rstrip().endswith(".")
        and size >= body_size - settings.bold_heading_size_slack
    )


# ---------------------------------------------------------------- all together


def _body_size(pages: Collection[PageData]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
        for frag in page.fragments:
            for cell in frag.cells:
                for line in cell.lines:
                    sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _page_bottoms(
    pages: Collection[PageData], body_size: float, settings: PdfSettings
) -> dict[int, float]:
    """Per page, the lowest a table must reach to count as cut by the page break.

    The bottom margin is the smallest gap between the page's content and its lower edge
    over all pages; a table reaching within three lines of it (``foot_reach_lines``, at
    least ``foot_reach_min`` points) is at the page foot.
    """
    margins = []
    for page in pages:
        bottoms = [ln.bottom for ln in page.lines] + [f.bottom for f in page.fragments]
        if bottoms:
            margins.append(page.height - max(bottoms))
    margin = min(margins) if margins else 72.0
    slack = max(settings.foot_reach_min, settings.foot_reach_lines * body_size)
    return {
        p.number: min(p.height - margin, p.footnote_top if p.footnote_top is not None else p.height) - slack
        for p in pages
    }


def assemble(
    pages: Collection[PageData],
    n_pages: int,
    warnings: list[tuple[str, str, int | None]],
    settings: PdfSettings,
) -> Layout:
    """The layout of ``pages``, which are gone through several times, one page at a time:
    the PDF reader passes a :class:`~.pdf.PageStore` that keeps them compressed and
    decodes each page as it is reached; a page's ``lines`` and ``fragments`` replaced
    while it is in hand are kept (see :func:`strip_furniture`)."""
    furniture = strip_furniture(pages, settings)
    body_size = _body_size(pages)
    heading_sizes = sorted(
        {ln.size for p in pages for ln in p.lines if ln.size >= body_size + settings.heading_size_step},
        reverse=True,
    )
    bottoms = _page_bottoms(pages, body_size, settings)
    lexicon = document_lexicon(
        chain(
            (page.lines for page in pages),
            (cell.lines for page in pages for frag in page.fragments for cell in frag.cells),
        ),
        settings,
    )
    out: list[Block] = []
    open_table: TableBuilder | None = None
    open_at = 0  # where the open table's place in ``out`` is

    def close_table() -> None:
        # A table no page can continue is built at once: its builder holds the last piece
        # with every word and box, and a long document has hundreds of tables.
        if open_table is not None:
            out[open_at] = open_table.build()

    for page in pages:
        items = sorted(
            [(ln.top, ln, None) for ln in page.lines]
            + [(f.top, None, f) for f in page.fragments],
            key=lambda t: t[0],
        )
        pending: list[Line] = []
        for i, (_, line, frag) in enumerate(items):
            if line is not None:
                pending.append(line)
                continue
            assert frag is not None
            if pending:
                out.extend(lines_to_blocks(pending, body_size, heading_sizes, page.number, lexicon, settings))
                pending = []
            if (
                i == 0
                and open_table is not None
                and open_table.try_extend(frag, bottoms.get(open_table.last.page, 0.0))
            ):
                pass
            else:
                close_table()
                open_table = TableBuilder(frag, lexicon, settings)
                open_table._first_row_bold = _row_bold(frag, 0)
                open_table._second_row_bold = frag.n_rows > 1 and _row_bold(frag, 1)
                open_at = len(out)
                out.append(Paragraph(""))  # the table's place, filled by close_table()
        if pending:
            out.extend(lines_to_blocks(pending, body_size, heading_sizes, page.number, lexicon, settings))
        if page.footnotes:
            out.extend(
                Paragraph(p.text, p.list_item, None, page.number)
                for p in lines_to_paras(
                    page.footnotes,
                    min(ln.x0 for ln in page.footnotes),
                    max(ln.x1 for ln in page.footnotes),
                    None,
                    lexicon,
                    settings,
                )
            )
        if not items or items[-1][2] is None:
            close_table()
            open_table = None  # text after the table: the next page cannot continue it
    close_table()
    return Layout(out, furniture, n_pages, warnings)

