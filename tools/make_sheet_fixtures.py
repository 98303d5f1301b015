"""Render planparse's fixture specs as spreadsheets: ``fixtures/xlsx/`` and ``fixtures/csv/``.

The same specs as ``tools/make_fixtures.py`` (whose helpers this reuses), laid out the way
spreadsheet trackers are: everything on one sheet, top to bottom, a blank row between
blocks; headings as a lone bold value (14 pt for level 1, 12 pt below); paragraphs as a
lone value; plan tables with merged objective cells, merged group headings and section
rows, fills on RAG cells, the header rows as print titles; the page header and footer as
the sheet's header and footer; a RAG key printed as a table goes to a sheet of its own
called "Key". Deadlines printed as dd/mm/yyyy are stored as dates and "60%" as a
percentage, as Excel keeps them. Specs in :data:`CONDITIONAL` show their RAG fills by
conditional formatting (cell-value, text-contains and formula rules) instead of static
fills. The expected output is the spec's own (``fixtures/expected/NAME.json``).

The CSV rendition is the same sheet saved as CSV (values only: no fills, no merges; the
header and footer lines become the first and last rows, the key sheet follows the plan).

Usage::

    python tools/make_sheet_fixtures.py [NAME ...]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule, Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_fixtures as mf  # noqa: E402

XLSX_DIR = mf.FIXTURES / "xlsx"
CSV_DIR = mf.FIXTURES / "csv"
CONDITIONAL = frozenset({"ofsted_childrens_improvement_plan", "mha_monitoring_action_plan", "seed000_improvement_plan"})
"""Specs whose RAG fills are rendered as conditional formatting."""
_DMY = re.compile(r"^\d{2}/\d{2}/\d{4}$")
_PERCENT = re.compile(r"^(\d{1,3})%$")


def cell_text(value: Any) -> str:
    """A spec value as a cell's text: paragraphs on lines, markup removed."""
    lines = [mf._TAG.sub("", p) for p in mf._paragraphs(value)]
    return "\n".join(lines)


class SheetWriter:
    """Writes blocks top to bottom, keeping the grid also as plain rows for the CSV."""

    def __init__(self, ws: Any, conditional: bool) -> None:
        self.ws = ws
        self.row = 1
        self.conditional = conditional
        self.rules: list[tuple[str, int, int, str]] = []
        """(status word, row, col, fill) of status cells coloured by rule."""
        self.print_titles: tuple[int, int] | None = None

    def put(self, r: int, c: int, value: Any, *, bold: bool = False, size: float | None = None,
            fill: str | None = None, typed: bool = False) -> None:
        text = cell_text(value)
        cell = self.ws.cell(row=r, column=c)
        if typed and _DMY.match(text):
            day, month, year = (int(x) for x in text.split("/"))
            cell.value = dt.datetime(year, month, day)
            cell.number_format = "dd/mm/yyyy"
        elif typed and _PERCENT.match(text):
            cell.value = int(_PERCENT.match(text).group(1)) / 100  # type: ignore[union-attr]
            cell.number_format = "0%"
        elif text:
            cell.value = text
        if bold or size:
            cell.font = Font(bold=bold, size=size or 10)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)

    def lone(self, text: str, *, bold: bool = False, size: float | None = None) -> None:
        self.put(self.row, 1, text, bold=bold, size=size)
        self.row += 1

    def gap(self) -> None:
        self.row += 1


def _header_rows(w: SheetWriter, block: dict[str, Any], top: int) -> int:
    render, columns = block["render"], block["columns"]
    groups = render.get("header_groups")
    bold, fill = render["header_bold"], render["header_fill"]
    if not groups:
        for c, column in enumerate(columns, start=1):
            w.put(top, c, column["heading"], bold=bold, fill=fill)
        return 1
    c = 1
    for text, span in groups:
        if span > 1:
            w.put(top, c, text, bold=bold, fill=fill)
            w.ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=c + span - 1)
            for k in range(c, c + span):
                w.put(top + 1, k, columns[k - 1]["heading"], bold=bold, fill=fill)
        else:
            w.put(top, c, columns[c - 1]["heading"], bold=bold, fill=fill)
            w.ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
        c += span
    return 2


def render_plan_table(w: SheetWriter, spec: dict[str, Any], block: dict[str, Any]) -> None:
    render, columns = block["render"], block["columns"]
    fields = [c["field"] for c in columns]
    n = len(columns)
    grid: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = []
    for row in block["rows"]:
        if "section_row" in row:
            grid.append(("section", row["section_row"], None))
        elif "list_row" in row:
            grid.append(("list", row["list_row"], None))
        else:
            grid.append(("action", row, None))
            grid.extend(("milestone", m, row) for m in row.get("milestones", []))
    if block.get("section_above_header") and grid and grid[0][0] == "section":
        _section_row(w, grid[0][1], n)
        grid = grid[1:]
    top = w.row
    n_head = _header_rows(w, block, top)
    if render["repeat_header"] and w.print_titles is None:
        w.print_titles = (top, top + n_head - 1)
    w.row = top + n_head
    obj_col = fields.index("objective") if "objective" in fields else None
    merge_start: int | None = None
    last_key: str | None = None
    for index, (kind, item, parent) in enumerate(grid):
        r = w.row
        if kind == "section":
            _close_merge(w, merge_start, r - 1, obj_col)
            merge_start, last_key = None, None
            _section_row(w, item, n)
            continue
        if kind == "list":
            _close_merge(w, merge_start, r - 1, obj_col)
            merge_start, last_key = None, None
            for c, value in enumerate(item["cells"], start=1):
                w.put(r, c, value)
            w.row += 1
            continue
        source = parent if kind == "milestone" else item
        for c, field in enumerate(fields, start=1):
            if c - 1 == obj_col:
                key = repr(mf._cell_value(block, source, "objective"))
                if render["merge_objectives"] and key == last_key:
                    continue  # covered by the merge above
                _close_merge(w, merge_start, r - 1, obj_col)
                last_key, merge_start = key, r
                if kind == "action":
                    w.put(r, c, mf._cell_value(block, item, field))
                if not render["merge_objectives"]:
                    merge_start = None
                continue
            if kind == "milestone" and field not in {"progress", "deadline", "status"}:
                continue
            if field == "status":
                _status_cell(w, render, item, r, c)
            else:
                w.put(r, c, mf._cell_value(block, item, field, columns[c - 1]), typed=field in ("deadline", "status"))
        w.row += 1
        del index
    _close_merge(w, merge_start, w.row - 1, obj_col)


def _close_merge(w: SheetWriter, start: int | None, end: int, col: int | None) -> None:
    if start is not None and col is not None and end > start:
        w.ws.merge_cells(start_row=start, start_column=col + 1, end_row=end, end_column=col + 1)


def _section_row(w: SheetWriter, item: dict[str, Any], n: int) -> None:
    w.put(w.row, 1, item["text"], bold=True, fill=item.get("fill") or "F2F2F2")
    if n > 1:
        w.ws.merge_cells(start_row=w.row, start_column=1, end_row=w.row, end_column=n)
    w.row += 1


def _status_cell(w: SheetWriter, render: dict[str, Any], row: dict[str, Any], r: int, c: int) -> None:
    colour = row.get("rag")
    if colour is None:
        if row.get("status_text"):
            w.put(r, c, row["status_text"], typed=True)
        return
    style = render["rag_style"]
    word = mf.status_word(render, row) if style in ("word_fill", "word") else None
    fill = (row.get("fill") or mf.DEFAULT_FILLS[colour]) if style in ("word_fill", "fill") else None
    if word:
        w.put(r, c, word, typed=True)
    if fill and w.conditional and word:
        w.rules.append((cell_text(word), r, c, fill))
    elif fill:
        w.put(r, c, None, fill=fill)


def add_conditional_rules(w: SheetWriter) -> None:
    """One rule per status word over the status cells, of three kinds in turn."""
    by_word: dict[str, tuple[str, list[str]]] = {}
    for word, r, c, fill in w.rules:
        by_word.setdefault(word, (fill, []))[1].append(f"{get_column_letter(c)}{r}")
    for i, (word, (fill, refs)) in enumerate(sorted(by_word.items())):
        first_col = re.match(r"[A-Z]+", refs[0]).group(0)  # type: ignore[union-attr]
        first_row = re.search(r"\d+", refs[0]).group(0)  # type: ignore[union-attr]
        sqref = " ".join(refs)
        quoted = word.replace('"', '""')
        kind = i % 3
        if kind == 0:
            rule = CellIsRule(operator="equal", formula=[f'"{quoted}"'], fill=PatternFill(bgColor=fill))
        elif kind == 1:
            rule = Rule(type="containsText", operator="containsText", text=word,
                        dxf=DifferentialStyle(fill=PatternFill(bgColor=fill)))
            rule.formula = [f'NOT(ISERROR(SEARCH("{quoted}",{refs[0]})))']
        else:
            rule = FormulaRule(formula=[f'${first_col}{first_row}="{quoted}"'], fill=PatternFill(bgColor=fill))
        if kind == 1:
            # "contains" must not catch a longer word holding this one (e.g. "Off track" in
            # "Not off track"); the cells of each word get their own rule, so stop there.
            rule.stopIfTrue = True
        w.ws.conditional_formatting.add(sqref, rule)


def legend_line(spec: dict[str, Any]) -> str:
    entries = spec["legend"]["rag"]
    return " ".join(e["label"] + e.get("sep", " – ") + e["meaning"] for e in entries)


def render_workbook(spec: dict[str, Any]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    w = SheetWriter(ws, spec["name"] in CONDITIONAL)
    legend = spec.get("legend", {})
    for block in spec["body"]:
        kind = block["type"]
        if kind == "heading":
            w.lone(block["text"], bold=True, size=14 if block.get("level", 1) == 1 else 12)
        elif kind == "paragraph":
            text = block["text"]
            if block.get("style") == "List Bullet":
                text = "• " + text
            title = block.get("style") == "Title"
            w.lone(cell_text(text), bold=block.get("bold", False) or title, size=16 if title else None)
        elif kind in ("page_break", "section_break"):
            continue
        elif kind == "rag_legend":
            if legend.get("placement") == "table":
                key = wb.create_sheet("Key")
                for r, entry in enumerate(legend["rag"], start=1):
                    key.cell(row=r, column=1, value=entry["label"]).font = Font(bold=True)
                    key.cell(row=r, column=1).fill = PatternFill(
                        "solid", fgColor=entry.get("fill") or mf.DEFAULT_FILLS[entry["colour"]]
                    )
                    key.cell(row=r, column=2, value=entry["meaning"])
                continue
            w.lone(legend_line(spec))
        elif kind == "kv_table":
            for values in block["rows"]:
                for c, value in enumerate(values, start=1):
                    w.put(w.row, c, value)
                w.row += 1
        elif kind == "table":
            n_head = block.get("header_rows", 0)
            for r, values in enumerate(block["rows"]):
                c = 1
                for value in values:
                    cs = value if isinstance(value, dict) else {"text": value}
                    span = cs.get("span", 1)
                    head = r < n_head
                    w.put(w.row, c, cs.get("text"), bold=head or cs.get("bold", False),
                          fill=cs.get("fill") or (block.get("header_fill") if head else None))
                    if span > 1:
                        ws.merge_cells(start_row=w.row, start_column=c, end_row=w.row, end_column=c + span - 1)
                    c += span
                w.row += 1
        elif kind == "plan_table":
            if block.get("heading"):
                w.lone(block["heading"], bold=True, size=12)
            render_plan_table(w, spec, block)
        else:
            raise ValueError(f"{spec['name']}: unknown block type {kind!r}")
        w.gap()
    if w.rules:
        add_conditional_rules(w)
    if w.print_titles:
        ws.print_title_rows = f"{w.print_titles[0]}:{w.print_titles[1]}"
    page = spec["page"]
    if page["header"]:
        ws.oddHeader.center.text = "\n".join(page["header"])
    footer = list(page["footer"])
    if legend.get("placement") == "footer":
        footer.append(legend_line(spec))
    if footer:
        ws.oddFooter.center.text = "\n".join(footer)
    props = wb.properties
    props.title = spec["document"].get("title") or ""
    props.creator = props.lastModifiedBy = "planparse fixtures"
    props.keywords = f"spec-{mf.spec_digest(spec)}"
    props.created = props.modified = mf.FIXED_TIME
    return wb


def render_xlsx(spec: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    render_workbook(spec).save(buffer)
    return _stable(buffer.getvalue())


def _stable(data: bytes) -> bytes:
    """Fixed zip times, and the modified time openpyxl stamps at save replaced."""
    data = mf._stable_zip(data)
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2016-05-16T09:00:00Z", body)
            dst.writestr(info, body)
    return out.getvalue()


def render_csv(spec: dict[str, Any]) -> bytes:
    """The sheet's values as CSV: header lines, the sheet, footer lines, then the key sheet."""
    wb = render_workbook(spec)
    rows: list[list[str]] = []
    page = spec["page"]
    rows.extend([line] for line in page["header"])
    if page["header"]:
        rows.append([])
    for ws in wb.worksheets:
        if ws.title != "Sheet1":
            rows.append([])
        for row in ws.iter_rows(values_only=True):
            rows.append([_csv_value(v) for v in row])
        if ws.title == "Sheet1" and spec.get("legend", {}).get("placement") == "footer":
            rows.extend([[], [legend_line(spec)]])
    while rows and not any(rows[-1]):
        rows.pop()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        while row and not row[-1]:
            row.pop()
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{round(value * 100)}%"  # only percentages are stored as fractions here
    return str(value)


def sheet_specs() -> list[str]:
    """Specs with a Word rendition: the ones rendered as spreadsheets too."""
    return [n for n in mf.spec_names() if "docx" in mf.load_spec(n)["formats"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="spec names (default: every spec with a docx)")
    args = parser.parse_args(argv)
    names = args.names or sheet_specs()
    XLSX_DIR.mkdir(parents=True, exist_ok=True)
    CSV_DIR.mkdir(parents=True, exist_ok=True)
    for name in names:
        spec = mf.load_spec(name)
        (XLSX_DIR / f"{name}.xlsx").write_bytes(render_xlsx(spec))
        (CSV_DIR / f"{name}.csv").write_bytes(render_csv(spec))
        print(f"fixtures/xlsx/{name}.xlsx fixtures/csv/{name}.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
