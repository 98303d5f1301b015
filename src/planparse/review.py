"""The review page: one self-contained HTML file showing what planparse read, and where.

PDF pages are drawn as images (pypdfium2, which pdfplumber already depends on) with every
plan table outlined, tables judged not to be plans outlined dashed with the reason on
hover, and every record's cells boxed in its status colour. Word tables are drawn as HTML
grids with their fills and merges. Beside them, the records as a list; clicking a record
highlights and scrolls to its cells, clicking a cell selects its record. The page embeds
its images and needs no network. Layout comes from a jinja2 template in ``templates/``.
"""

from __future__ import annotations

import base64
import io
import logging
from pathlib import Path
from typing import Any

from .layout import Cell, Covered, Layout, Table
from .models import ParseResult

log = logging.getLogger(__name__)

SCALE = 1.5
"""Page images are drawn at this many pixels per PDF point."""

RAG_COLOURS = {
    "red": "#d62728", "amber": "#ff9f1c", "yellow": "#e6c700", "green": "#2ca02c", "blue": "#1f77b4",
}
NO_STATUS = "#7f7f7f"


def _page_images(data: bytes, pages: int) -> list[dict[str, Any]]:
    import pypdfium2 as pdfium

    out = []
    pdf = pdfium.PdfDocument(data)
    try:
        for i in range(min(pages, len(pdf))):
            page = pdf[i]
            w, h = page.get_size()
            image = page.render(scale=SCALE).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=True)
            out.append({
                "number": i + 1, "width": w, "height": h,
                "src": "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii"),
            })
    finally:
        pdf.close()
    return out


def _table_outline(table: Table) -> dict[int, list[float]]:
    """Page -> the union box of the table's cells on that page."""
    boxes: dict[int, list[float]] = {}
    for cell in table.cells:
        for b in cell.boxes:
            cur = boxes.get(b.page)
            boxes[b.page] = [b.x0, b.top, b.x1, b.bottom] if cur is None else [
                min(cur[0], b.x0), min(cur[1], b.top), max(cur[2], b.x1), max(cur[3], b.bottom)
            ]
    return boxes


def _grid(table: Table) -> list[list[dict[str, Any]]]:
    rows: list[list[dict[str, Any]]] = []
    for r, line in enumerate(table.grid()):
        row = []
        for c, x in enumerate(line):
            if isinstance(x, Covered):
                continue
            cell: Cell | None = x
            row.append({
                "row": r, "col": c,
                "text": cell.text if cell else "",
                "rowspan": cell.row_span if cell else 1,
                "colspan": cell.col_span if cell else 1,
                "fill": cell.fill if cell else None,
            })
        rows.append(row)
    return rows


def review_context(result: ParseResult, layout: Layout, data: bytes) -> dict[str, Any]:
    """Everything the template draws, as plain data (so it can be inspected or tested)."""
    plan_tables = {t for p in result.plans for t in p.tables}
    others = {t.table: t for t in (result.other_tables or [])}
    records = []
    for i, a in enumerate(result.actions):
        colour = RAG_COLOURS.get(a.status.rag, NO_STATUS) if a.status and a.status.rag else NO_STATUS
        boxes = [
            {"field": f, "page": ref.page, "bbox": ref.bbox, "table": ref.table, "row": ref.row, "col": ref.col}
            for f, refs in a.provenance.cells.items() for ref in refs
        ]
        records.append({
            "n": i, "id": a.id, "ref": a.ref, "action": a.action, "colour": colour,
            "record": a.model_dump(mode="json", exclude={"provenance", "fields", "owners"}),
            "boxes": boxes,
            "warnings": [w.message for w in result.warnings if w.action == a.id],
        })
    tables = []
    for t in layout.tables():
        kind = "plan" if t.index in plan_tables else "other"
        reason = others[t.index].reason if t.index in others else ("a plan table" if kind == "plan" else "not a plan")
        tables.append({"index": t.index, "kind": kind, "reason": reason, "outline": _table_outline(t), "grid": _grid(t)})
    pages = _page_images(data, result.source.pages or 0) if result.source.format == "pdf" else []
    return {
        "result": result,
        "title": result.document.title or result.source.file,
        "records": records,
        "tables": tables,
        "pages": pages,
        "scale": SCALE,
        "doc_warnings": [w for w in result.warnings if w.action is None],
        "page_warnings": {
            p["number"]: [w.message for w in result.warnings if w.page == p["number"]] for p in pages
        },
    }


def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("planparse", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_review(context: dict[str, Any]) -> str:
    return str(_env().get_template("review.html.j2").render(**context))


def write_index(output: Path, documents: list[dict[str, Any]], failures: list[dict[str, str]]) -> None:
    """The batch index page: each document with its counts and a link to its page, and the failures."""
    output.parent.mkdir(parents=True, exist_ok=True)
    html = _env().get_template("index.html.j2").render(documents=documents, failures=failures)
    output.write_text(str(html), encoding="utf-8")


def write_review(source: str | Path, output: str | Path, **options: Any) -> ParseResult:
    """Read ``source`` and write its review page to ``output``; returns the result."""
    from .options import ParseOptions
    from .pipeline import _load, parse
    from .readers import read_document

    opts = ParseOptions.resolve({k: v for k, v in options.items() if v is not None}, all_tables=True)
    result = parse(source, options=opts)
    data, label = _load(source, None)
    layout = read_document(data, label, opts).layout
    html = render_review(review_context(result, layout, data))
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    log.info("review page for %s written to %s", source, out)
    return result
