"""Spreadsheet grids -> layout blocks, shared by the .xlsx and .csv readers.

A reader fills a :class:`Sheet` (its cells as printed text with fill and font, its merged
ranges, its header/footer text); :func:`sheets_to_layout` turns every sheet into layout
blocks the same way whatever the file format:

1. :func:`sheet_regions` splits the used range at blank rows (a sheet may hold several
   tables one under another);
2. :func:`region_to_blocks` reads the rows at the top of a region that hold one value and
   no fill (an organisation, the plan title, "Updated: ...") as headings or paragraphs,
   and the rest as a :class:`~planparse.layout.Table` with merged ranges as spans; columns
   empty in the whole region (spacer columns) are left out;
3. each sheet starts with its name as a heading (default names such as "Sheet1" excepted);
   a key sheet ("Key", "RAG definitions", "Guidance") gives no heading, only its content,
   which the legend finder reads as the document's legend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import BULLET, Block, Cell, Heading, Layout, Para, Paragraph, Table

MAX_SHEET_ROWS = 200_000
"""Most rows read from one sheet (a real tracker has a few thousand at most)."""
MAX_SHEET_COLS = 500
"""Widest sheet read; guards ``Table.grid()`` memory."""
HEADING_SIZE = 12.0
"""A lone bold value at least this big (points) above a table is a heading."""
TITLE_SIZE = 14.0
"""... and at least this big, a level-1 heading."""

_DEFAULT_NAME = re.compile(r"^(sheet|tabelle|feuil|hoja|foglio|blad)\s*\d*$", re.I)
_KEY_NAME = re.compile(
    r"^\s*(key|legend|guidance|notes?|rag\s+(definitions?|key|ratings?|status)|"
    r"definitions|status\s+key|how\s+to\s+use.*|read\s*me)\s*$",
    re.I,
)
_BULLET_LINE = re.compile(r"^\s*[•·▪◦●\-\u2013]\s+")


@dataclass(slots=True)
class SheetCell:
    """One cell's printed value and look."""

    text: str
    fill: str | None = None
    bold: bool = False
    size: float | None = None


@dataclass(slots=True)
class Sheet:
    """A sheet as a reader saw it: 0-based (row, col) -> cell, merges as (r0, c0, r1, c1)."""

    name: str
    cells: dict[tuple[int, int], SheetCell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_rows: set[int] = field(default_factory=set)
    """Rows printed at the top of every page (print titles): the table's header rows."""
    furniture: list[str] = field(default_factory=list)
    is_key: bool = False
    merges_known: bool = True
    """False for formats that cannot store merges (CSV)."""


def is_key_sheet(name: str) -> bool:
    """A sheet whose name says it explains the others ("Key", "RAG definitions", "Guidance")."""
    return bool(_KEY_NAME.match(name))


def text_to_paras(text: str) -> list[Para]:
    """A cell's text as paragraphs, one per line; "• " (or "- ") lines are list items."""
    paras: list[Para] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        m = _BULLET_LINE.match(line)
        if m and len(stripped) > 2:
            paras.append(Para(line[m.end():].strip(), list_item=True))
        else:
            paras.append(Para(stripped))
    return paras


def sheets_to_layout(sheets: list[Sheet], warnings: list[tuple[str, str, int | None]]) -> Layout:
    """Every sheet's blocks in workbook order (key sheets last), and the sheets' furniture."""
    blocks: list[Block] = []
    furniture: list[str] = []
    ordered = [s for s in sheets if not s.is_key] + [s for s in sheets if s.is_key]
    for sheet in ordered:
        for line in sheet.furniture:
            if line not in furniture:
                furniture.append(line)
        sheet_blocks = sheet_to_blocks(sheet)
        if not sheet_blocks:
            continue
        if not sheet.is_key and not _DEFAULT_NAME.match(sheet.name.strip()):
            first = sheet_blocks[0]
            if not (isinstance(first, Heading) and first.text.strip() == sheet.name.strip()):
                blocks.append(Heading(sheet.name.strip(), 1))
        blocks.extend(sheet_blocks)
    return Layout(blocks=blocks, furniture=furniture, pages=None, warnings=warnings)


def sheet_to_blocks(sheet: Sheet) -> list[Block]:
    blocks: list[Block] = []
    for rows in sheet_regions(sheet):
        blocks.extend(region_to_blocks(sheet, rows))
    return blocks


def _merge_index(sheet: Sheet) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Top-left cell of every merge -> the merge."""
    return {(m[0], m[1]): m for m in sheet.merges}


def sheet_regions(sheet: Sheet) -> list[list[int]]:
    """Runs of consecutive non-blank rows (a merge keeps the rows it covers together)."""
    used: set[int] = {r for (r, _), cell in sheet.cells.items() if cell.text.strip() or cell.fill}
    for r0, _, r1, _ in sheet.merges:
        if any(r in used for r in range(r0, r1 + 1)):
            used.update(range(r0, r1 + 1))
    regions: list[list[int]] = []
    current: list[int] = []
    for r in sorted(used):
        if current and r != current[-1] + 1:
            regions.append(current)
            current = []
        current.append(r)
    if current:
        regions.append(current)
    return regions


def region_to_blocks(sheet: Sheet, rows: list[int]) -> list[Block]:
    """A title block (lone unfilled values) then a table, from one region of a sheet."""
    merges = _merge_index(sheet)
    row_set = set(rows)
    by_row: dict[int, list[int]] = {}
    for (r, c), cell in sheet.cells.items():
        if r in row_set and (cell.text.strip() or cell.fill):
            by_row.setdefault(r, []).append(c)
    blocks: list[Block] = []
    start = 0
    while start < len(rows):
        r = rows[start]
        cols = by_row.get(r, [])
        if len(cols) != 1:
            break
        cell = sheet.cells[(r, cols[0])]
        merge = merges.get((r, cols[0]))
        if cell.fill or (merge is not None and merge[2] > r):
            break
        blocks.append(_lone_value_block(cell))
        start += 1
    table_rows = rows[start:]
    if not table_rows:
        return blocks
    if all(len(by_row.get(r, [])) <= 1 for r in table_rows) and not any(
        (r, c) in merges for r in table_rows for c in by_row.get(r, [])
    ):
        # a single column of text: paragraphs, not a table
        for r in table_rows:
            for c in by_row.get(r, []):
                blocks.append(_lone_value_block(sheet.cells[(r, c)], heading=False))
        return blocks
    blocks.append(rows_to_table(sheet, table_rows, merges))
    return blocks


def _lone_value_block(cell: SheetCell, heading: bool = True) -> Heading | Paragraph:
    text = cell.text.strip()
    if heading and cell.bold and cell.size is not None and cell.size >= HEADING_SIZE and "\n" not in text:
        return Heading(text, 1 if cell.size >= TITLE_SIZE else 2)
    paras = text_to_paras(text)
    if len(paras) == 1 and paras[0].list_item:
        return Paragraph(paras[0].text, list_item=True)
    return Paragraph("\n".join(p.text if not p.list_item else BULLET + p.text for p in paras))


def rows_to_table(
    sheet: Sheet, rows: list[int], merges: dict[tuple[int, int], tuple[int, int, int, int]]
) -> Table:
    """Rows of a sheet as one table: merges as spans, empty (spacer) columns left out."""
    row_set = set(rows)
    first, last = rows[0], rows[-1]
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (_, _, r1, c1) in merges.items():
        if r0 not in row_set:
            continue
        r1 = min(r1, last)
        spans[(r0, c0)] = (r1, c1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    used_cols: set[int] = set()
    for (r, c), cell in sheet.cells.items():
        if r in row_set and (r, c) not in covered and (cell.text.strip() or cell.fill):
            used_cols.add(c)
    for (r0, c0), (_, c1) in spans.items():
        if (r0, c0) in sheet.cells and (sheet.cells[(r0, c0)].text.strip() or sheet.cells[(r0, c0)].fill):
            used_cols.update(range(c0, c1 + 1))
    cols = sorted(c for c in used_cols if c < MAX_SHEET_COLS)
    col_index = {c: i for i, c in enumerate(cols)}
    if not sheet.merges_known and len(cols) >= 3:
        # A format without merges (CSV) prints a full-width section row ("2. Prevention")
        # as a value in the first column and nothing else: read it as spanning the row.
        for r in rows:
            values = [c for c in cols if (r, c) in sheet.cells and sheet.cells[(r, c)].text.strip()]
            if values == [cols[0]] and r != first:
                spans[(r, cols[0])] = (r, cols[-1])
                covered.update((r, c) for c in cols[1:])
    cells: list[Cell] = []
    for r in rows:
        for c in cols:
            if (r, c) in covered:
                continue
            sc = sheet.cells.get((r, c))
            row_span, col_span = 1, 1
            if (r, c) in spans:
                r1, c1 = spans[(r, c)]
                row_span = r1 - r + 1
                col_span = sum(1 for k in cols if c <= k <= c1)
            cells.append(
                Cell(
                    row=r - first,
                    col=col_index[c],
                    paras=text_to_paras(sc.text) if sc else [],
                    row_span=row_span,
                    col_span=max(1, col_span),
                    fill=sc.fill if sc else None,
                )
            )
    header_rows = 0
    for r in rows:
        if r in sheet.header_rows:
            header_rows += 1
        else:
            break
    return Table(
        cells=cells,
        n_rows=last - first + 1,
        n_cols=len(cols),
        header_rows=header_rows,
        merges_known=sheet.merges_known,
    )
