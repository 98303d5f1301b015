"""Locatable provenance: the cells each field of a record was read from.

Table reading notes, per raw record, which grid columns gave each field
(``RawRecord.columns``); this stage looks those columns up in the record's rows and names
the cells the way a person finds them: by page and box when the layout has page geometry
(PDF), by table, row and column otherwise (Word). It never asks which format the layout
came from, only whether its cells carry boxes.
"""

from __future__ import annotations

from ..layout import Cell, Covered, Layout, Table
from ..models import ActionRecord, CellRef
from .tables import RawRecord

Grid = list[list[Cell | Covered | None]]


def cells_of(grid: Grid, raw: RawRecord, blank: dict[int, bool] | None = None) -> dict[str, list[Cell]]:
    """Field -> the distinct cells (merge origins) it was read from, in row order
    (``grid`` is the record's table's :meth:`Table.grid`). ``blank`` caches whether a cell
    is empty by its identity, for the cells of one layout: a cell merged over many rows is
    met by every record of those rows and is rendered once (issue 14)."""
    blank = {} if blank is None else blank

    def empty(cell: Cell) -> bool:
        if id(cell) not in blank:
            blank[id(cell)] = cell.is_empty
        return blank[id(cell)]

    out: dict[str, list[Cell]] = {}
    for name, cols in raw.columns.items():
        seen: list[Cell] = []
        for r in raw.rows:
            if r >= len(grid):
                continue
            for c in cols:
                x = grid[r][c] if c < len(grid[r]) else None
                cell = x.origin if isinstance(x, Covered) else x
                if cell is not None and all(cell is not s for s in seen) and not empty(cell):
                    seen.append(cell)
        if seen:
            out[name] = seen
    return out


def cell_refs(table: Table, cell: Cell) -> list[CellRef]:
    if cell.boxes:
        return [CellRef(page=b.page, bbox=[b.x0, b.top, b.x1, b.bottom]) for b in cell.boxes]
    return [CellRef(table=table.index, row=cell.row, col=cell.col)]


def add_cell_provenance(layout: Layout, raws: list[RawRecord], records: list[ActionRecord]) -> None:
    """Fill ``record.provenance.cells`` for every record (records and raws in the same order)."""
    tables = layout.tables()
    grids: dict[int, Grid] = {}  # one grid per table: a 10,000-row table must stay linear
    blank: dict[int, bool] = {}  # the layout's cells live through this call: ids are safe
    for raw, record in zip(raws, records, strict=True):
        if not 0 <= raw.table < len(tables):
            continue
        table = tables[raw.table]
        if raw.table not in grids:
            grids[raw.table] = table.grid()
        record.provenance.cells = {
            name: [ref for cell in cells for ref in cell_refs(table, cell)]
            for name, cells in cells_of(grids[raw.table], raw, blank).items()
        }
