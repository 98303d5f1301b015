"""Render the fixture specs to PDF through producers other than LibreOffice.

``tools/make_fixtures.py`` writes each spec as a Word file and (``--pdf``) LibreOffice's PDF
of it. A PDF reader tested only on one program's output learns how that program writes text
and rectangles, so this script prints the same specs through two more producers:

* ``fixtures/pdf_chromium/NAME.pdf``   headless Chromium printing an HTML rendering of the
  spec (tables with ``rowspan``/``colspan``, ``<thead>`` repeated on every page, bullets as
  ``<ul>`` list markers, page header and footer in ``@page`` margin boxes, landscape sections
  as named pages);
* ``fixtures/pdf_reportlab/NAME.pdf``  reportlab's platypus drawing the tables directly
  (``Table`` with ``SPAN`` and ``BACKGROUND`` styles, ``repeatRows``, standard Helvetica in
  WinAnsi encoding, bullets as paragraph bullet text, header and footer drawn on each page).

Both are built from one neutral description of the document (``document_blocks``) that
follows the Word rendition's layout rule by rule: the same header rows, merged objective
cells, section rows, RAG fills and status words, legends and page breaks. The expected JSON
is the Word twin's (``fixtures/expected/NAME.json``), so every rendition must give the same
records. Only specs whose ``formats`` include ``pdf`` are rendered.

Usage::

    python tools/make_producer_fixtures.py [--producer chromium|reportlab|all] [NAME ...]

Needs the Debian ``chromium`` package and the ``fixtures`` extra (reportlab); the tests read
the committed PDFs and need neither.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_fixtures as mf  # noqa: E402  (the spec loader and layout rules of the Word rendition)

ROOT = mf.ROOT
OUT_DIRS = {
    "chromium": mf.FIXTURES / "pdf_chromium",
    "reportlab": mf.FIXTURES / "pdf_reportlab",
}
PAGE_CM = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}
HEADING_PT = {1: 16.0, 2: 13.0, 3: 11.5}


# --------------------------------------------------------------------------- neutral model


@dataclass
class Cell:
    """One printed table cell: its paragraphs (inline markup kept), fill and spans."""

    paragraphs: list[str] = field(default_factory=list)
    fill: str | None = None
    bold: bool = False
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Table:
    """A grid of cells; ``None`` marks a position covered by a spanning cell."""

    widths_cm: list[float]
    rows: list[list[Cell | None]]
    font_size: float
    header_rows: int = 0  # rows repeated at the top of each page
    rules: bool = True


@dataclass
class Para:
    """A paragraph outside tables: ``style`` is normal, title, heading1-3, bullet or number."""

    text: str
    style: str = "normal"
    bold: bool = False
    align: str | None = None
    font_size: float | None = None


@dataclass
class Legend:
    """A RAG key printed as one line of runs: bold coloured label, then its meaning."""

    entries: list[dict[str, Any]]
    font_size: float


@dataclass
class Break:
    """A page break; with ``page``, a new section laid out as that page."""

    page: dict[str, Any] | None = None


Block = Para | Table | Legend | Break


def _cell(value: Any, bold: bool = False, fill: str | None = None) -> Cell:
    return Cell(mf._paragraphs(value), fill=fill, bold=bold)


def _plan_table(spec: dict[str, Any], block: dict[str, Any]) -> Table:
    """The plan table as printed by the Word rendition (see ``mf._render_plan_table``)."""
    render = block["render"]
    columns = block["columns"]
    fields = [c["field"] for c in columns]
    total = sum(c.get("width", 1) for c in columns)
    usable = mf._usable_width_cm(spec["page"])
    widths = [usable * c.get("width", 1) / total for c in columns]
    ncol = len(columns)
    groups = render.get("header_groups")
    n_head = 2 if groups else 1
    bold_head = render["header_bold"]
    head_fill = render["header_fill"]

    grid: list[list[Cell | None]] = []
    if groups:
        top: list[Cell | None] = []
        below: list[Cell | None] = []
        col = 0
        for text, span in groups:
            cell = _cell(text, bold_head, head_fill)
            if span > 1:
                cell.colspan = span
                top += [cell] + [None] * (span - 1)
                below += [
                    _cell(columns[c]["heading"], bold_head, head_fill)
                    for c in range(col, col + span)
                ]
            else:
                cell.rowspan = 2
                top.append(cell)
                below.append(None)
            col += span
        grid += [top, below]
    else:
        grid.append([_cell(c["heading"], bold_head, head_fill) for c in columns])

    rows: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = []
    for row in block["rows"]:
        if "section_row" in row:
            rows.append(("section", row["section_row"], None))
        elif "list_row" in row:
            rows.append(("list", row["list_row"], None))
        else:
            rows.append(("action", row, None))
            rows += [("milestone", m, row) for m in row.get("milestones", [])]

    obj_col = fields.index("objective") if "objective" in fields else None
    last_objective: tuple[Any, ...] | None = None
    open_objective: Cell | None = None
    for kind, item, parent in rows:
        if kind == "section":
            cell = _cell(item["text"], True, item.get("fill"))
            cell.colspan = ncol
            grid.append([cell] + [None] * (ncol - 1))
            last_objective, open_objective = None, None
            continue
        if kind == "list":
            grid.append([_cell(v) for v in item["cells"]])
            last_objective, open_objective = None, None
            continue
        source = parent if kind == "milestone" else item
        out: list[Cell | None] = []
        for col, fld in enumerate(fields):
            if col == obj_col:
                key = (id(block), json.dumps(mf._cell_value(block, source, "objective")))
                if render["merge_objectives"] and key == last_objective and open_objective:
                    open_objective.rowspan += 1
                    out.append(None)
                    continue
                last_objective = key
                value = mf._cell_value(block, item, fld) if kind == "action" else None
                open_objective = _cell(value)
                out.append(open_objective)
                continue
            if kind == "milestone" and fld not in {"progress", "deadline", "status"}:
                out.append(Cell())
                continue
            if fld == "status":
                out.append(_status_cell(render, item))
            else:
                out.append(_cell(mf._cell_value(block, item, fld, columns[col])))
        grid.append(out)
    if block.get("section_above_header") and rows and rows[0][0] == "section":
        first = grid.pop(n_head)
        grid.insert(0, first)
        # Word repeats header rows only from the table's top, which is now the section row
        n_head = 0
    repeat = n_head if render["repeat_header"] else 0
    return Table(widths, grid, render["font_size"], repeat, render["rules"])


def _status_cell(render: dict[str, Any], row: dict[str, Any]) -> Cell:
    colour = row.get("rag")
    if colour is None:
        return _cell(row.get("status_text"))
    style = render["rag_style"]
    text = mf.status_word(render, row) if style in ("word_fill", "word") else None
    fill = (row.get("fill") or mf.DEFAULT_FILLS[colour]) if style in ("word_fill", "fill") else None
    return _cell(text, fill=fill)


def _plain_table(spec: dict[str, Any], block: dict[str, Any]) -> Table:
    """A table that is not a plan, printed as given (see ``mf._render_table``)."""
    widths = block.get("widths_cm") or [
        mf._usable_width_cm(spec["page"]) * w / sum(block["widths"]) for w in block["widths"]
    ]
    n_head = block.get("header_rows", 0)
    grid: list[list[Cell | None]] = []
    for r, values in enumerate(block["rows"]):
        head = r < n_head
        out: list[Cell | None] = []
        for value in values:
            cs = value if isinstance(value, dict) else {"text": value}
            fill = cs.get("fill") or (block.get("header_fill") if head else None)
            cell = _cell(cs.get("text"), head or cs.get("bold", False), fill)
            cell.colspan = cs.get("span", 1)
            out += [cell] + [None] * (cell.colspan - 1)
        grid.append(out)
    repeat = n_head if block.get("repeat_header") else 0
    return Table(list(widths), grid, block.get("font_size", 9), repeat, block.get("rules", True))


def document_blocks(spec: dict[str, Any]) -> list[Block]:
    """The spec's body as neutral blocks, in the order the Word rendition prints them."""
    blocks: list[Block] = []
    page_spec = spec
    for block in spec["body"]:
        kind = block["type"]
        if kind == "heading":
            blocks.append(Para(block["text"], f"heading{block.get('level', 1)}"))
        elif kind == "paragraph":
            style = {"List Bullet": "bullet", "List Number": "number", "Title": "title"}.get(
                block.get("style", ""), "normal"
            )
            blocks.append(
                Para(
                    block["text"],
                    style,
                    block.get("bold", False),
                    block.get("align"),
                    block.get("font_size"),
                )
            )
        elif kind == "section_break":
            page_spec = {**spec, "page": {**spec["page"], **block.get("page", {})}}
            blocks.append(Break(page_spec["page"]))
        elif kind == "page_break":
            blocks.append(Break())
        elif kind == "table":
            blocks.append(_plain_table(page_spec, block))
            blocks.append(Para(""))
        elif kind == "rag_legend":
            entries = spec["legend"]["rag"]
            if spec["legend"].get("placement") == "table":
                grid: list[list[Cell | None]] = [
                    [
                        _cell(e["label"], True, e.get("fill") or mf.DEFAULT_FILLS[e["colour"]]),
                        _cell(e["meaning"]),
                    ]
                    for e in entries
                ]
                blocks.append(Table([2.0, 6.0], grid, 9))
            else:
                blocks.append(Legend(entries, 9))
        elif kind == "kv_table":
            grid = [[_cell(v) for v in row] for row in block["rows"]]
            blocks.append(Table(block.get("widths_cm", [5.0, 10.0]), grid, 10))
        elif kind == "plan_table":
            if block.get("heading"):
                blocks.append(Para(block["heading"], "heading2"))
            blocks.append(_plan_table(page_spec, block))
            blocks.append(Para(""))
        else:
            raise ValueError(f"{spec['name']}: unknown block type {kind!r}")
    return blocks


def page_furniture(spec: dict[str, Any]) -> tuple[list[str], list[str], Legend | None]:
    """Header lines, footer lines and the footer legend printed on every page."""
    legend = spec.get("legend", {})
    footer_legend = Legend(legend["rag"], 8) if legend.get("placement") == "footer" else None
    return list(spec["page"]["header"]), list(spec["page"]["footer"]), footer_legend


# --------------------------------------------------------------------------- html / chromium


def _html_inline(text: str) -> str:
    out = []
    for piece in mf._MARKUP.split(text):
        inner = mf._TAG.sub("", piece)
        tag = re.match(r"<(sup|b|i)>", piece)
        esc = html.escape(inner, quote=False)
        out.append(f"<{tag.group(1)}>{esc}</{tag.group(1)}>" if tag else esc)
    return "".join(out)


def _html_paragraphs(paragraphs: list[str]) -> str:
    """Cell paragraphs: '• ' lines become a list (the browser draws the bullet marker)."""
    out: list[str] = []
    items: list[str] = []
    for text in paragraphs:
        if text.startswith("• "):
            items.append(f"<li>{_html_inline(text[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{_html_inline(text)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def _html_table(table: Table) -> str:
    style = "" if table.rules else " class=norules"
    cols = "".join(f'<col style="width:{w:.2f}cm">' for w in table.widths_cm)
    parts = [
        f'<table{style} style="width:{sum(table.widths_cm):.2f}cm;font-size:{table.font_size}pt">'
        f"<colgroup>{cols}</colgroup>"
    ]
    for r, row in enumerate(table.rows):
        if r == 0 and table.header_rows:
            parts.append("<thead>")
        if r == table.header_rows:
            parts.append("</thead><tbody>" if table.header_rows else "<tbody>")
        cells = []
        for cell in row:
            if cell is None:
                continue
            attrs = ""
            if cell.colspan > 1:
                attrs += f" colspan={cell.colspan}"
            if cell.rowspan > 1:
                attrs += f" rowspan={cell.rowspan}"
            css = []
            if cell.fill:
                css.append(f"background:#{cell.fill}")
            if cell.bold:
                css.append("font-weight:bold")
            if css:
                attrs += f' style="{";".join(css)}"'
            cells.append(f"<td{attrs}>{_html_paragraphs(cell.paragraphs)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _html_legend(legend: Legend) -> str:
    runs = []
    for entry in legend.entries:
        colour = entry.get("text_colour", "000000")
        runs.append(
            f'<b style="color:#{colour}">{html.escape(entry["label"])}</b>'
            + html.escape(entry.get("sep", " – ") + entry["meaning"])
        )
    return f'<p style="font-size:{legend.font_size}pt">' + " ".join(runs) + "</p>"


def _css_string(lines: list[str]) -> str:
    text = "\\A ".join(mf.plain(line) or "" for line in lines)
    return '"' + text.replace('"', '\\"') + '"'


def render_html(spec: dict[str, Any]) -> str:
    """The spec as one HTML page whose print layout follows the Word rendition."""
    page = spec["page"]
    header, footer, footer_legend = page_furniture(spec)
    if footer_legend:
        footer = footer + [
            " ".join(e["label"] + e.get("sep", " – ") + e["meaning"] for e in footer_legend.entries)
        ]
    pages_css = []
    pages: dict[str, str] = {}

    def page_rule(p: dict[str, Any], name: str = "") -> str:
        orient = " landscape" if p["orientation"] == "landscape" else ""
        boxes = ""
        if header:
            boxes += f"@top-left {{ content: {_css_string(header)}; {BOX_CSS} }}"
        if footer:
            boxes += f"@bottom-left {{ content: {_css_string(footer)}; {BOX_CSS} }}"
        size = "letter" if p["size"] == "Letter" else "A4"
        return f"@page {name} {{ size: {size}{orient}; margin: {p['margin_cm']}cm; {boxes} }}"

    pages_css.append(page_rule(page))
    body: list[str] = []
    current = ""
    for block in document_blocks(spec):
        if isinstance(block, Break):
            if block.page is None:
                body.append('<div class="pb"></div>')
                continue
            key = json.dumps(block.page, sort_keys=True)
            if key not in pages:
                pages[key] = f"p{len(pages) + 1}"
                pages_css.append(page_rule(block.page, pages[key]))
            if current:
                body.append("</div>")
            current = pages[key]
            body.append(f'<div class="pb"></div><div style="page:{current}">')
        elif isinstance(block, Table):
            body.append(_html_table(block))
        elif isinstance(block, Legend):
            body.append(_html_legend(block))
        elif block.text == "":
            body.append('<p class="gap"></p>')
        else:
            tag = {"title": "h1 class=title", "heading1": "h1", "heading2": "h2", "heading3": "h3"}
            css = []
            if block.bold:
                css.append("font-weight:bold")
            if block.align:
                css.append(f"text-align:{block.align.lower()}")
            if block.font_size:
                css.append(f"font-size:{block.font_size}pt")
            style = f' style="{";".join(css)}"' if css else ""
            text = _html_inline(block.text)
            if block.style in ("bullet", "number"):
                lt = "ul" if block.style == "bullet" else "ol"
                body.append(f"<{lt}{style}><li>{text}</li></{lt}>")
            else:
                t = tag.get(block.style, "p")
                body.append(f"<{t}{style}>{text}</{t.split()[0]}>")
    if current:
        body.append("</div>")
    title = html.escape(spec["document"].get("title") or spec["name"])
    return (
        "<!DOCTYPE html><html><head><meta charset=utf-8>"
        f"<title>{title}</title><style>{' '.join(pages_css)} {BASE_CSS.format(font=page['font'], size=page['font_size'])}"
        "</style></head><body>" + "\n".join(body) + "</body></html>\n"
    )


BOX_CSS = "font: 8pt Arial, sans-serif; white-space: pre; vertical-align: middle;"
BASE_CSS = """
body {{ font-family: "{font}", "Liberation Sans", sans-serif; font-size: {size}pt; margin: 0; }}
h1 {{ font-size: 16pt; color: #2F5496; margin: 10pt 0 4pt; }}
h1.title {{ font-size: 24pt; color: #000; }}
h2 {{ font-size: 13pt; color: #2F5496; margin: 8pt 0 4pt; }}
h3 {{ font-size: 11.5pt; color: #1F3763; margin: 6pt 0 3pt; }}
p {{ margin: 0 0 6pt; }}
p.gap {{ height: 6pt; margin: 0; }}
table {{ border-collapse: collapse; table-layout: fixed; margin: 0 auto; }}
td {{ border: 0.5pt solid #000; padding: 1pt 3pt; vertical-align: top; overflow-wrap: anywhere; }}
table.norules td {{ border: none; }}
td p {{ margin: 0 0 2pt; }}
td ul {{ margin: 0 0 2pt; padding-left: 12pt; }}
ul, ol {{ margin: 0 0 4pt; padding-left: 18pt; }}
tr {{ break-inside: avoid; }}
thead {{ display: table-header-group; }}
div.pb {{ break-after: page; }}
"""


def chromium_pdf(spec: dict[str, Any], out: Path) -> None:
    """Print the spec's HTML with headless Chromium; blank its timestamps."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        raise SystemExit("chromium is needed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / f"{spec['name']}.html"
        page.write_text(render_html(spec), encoding="utf-8")
        pdf = Path(tmp) / "out.pdf"
        subprocess.run(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        out.write_bytes(mf._stable_pdf(pdf.read_bytes()))


# --------------------------------------------------------------------------- reportlab


def _rl_inline(text: str) -> str:
    out = []
    for piece in mf._MARKUP.split(text):
        inner = html.escape(mf._TAG.sub("", piece), quote=False)
        tag = re.match(r"<(sup|b|i)>", piece)
        if tag:
            name = "super" if tag.group(1) == "sup" else tag.group(1)
            out.append(f"<{name}>{inner}</{name}>")
        else:
            out.append(inner)
    return "".join(out)


def reportlab_pdf(spec: dict[str, Any], out: Path) -> None:
    """Draw the spec with reportlab's platypus (tables as ``Table`` flowables)."""
    try:
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.pagesizes import landscape, portrait
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import cm
        from reportlab.platypus import (
            BaseDocTemplate,
            Frame,
            NextPageTemplate,
            PageBreak,
            PageTemplate,
            Paragraph,
            Spacer,
            TableStyle,
        )
        from reportlab.platypus import Table as RLTable
    except ImportError as err:  # pragma: no cover - a build-time tool
        raise SystemExit("reportlab is needed: pip install '.[fixtures]'") from err

    header, footer, footer_legend = page_furniture(spec)
    base_font = "Helvetica"
    aligns = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}

    def style(size: float, bold: bool = False, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(
            "s",
            fontName="Helvetica-Bold" if bold else base_font,
            fontSize=size,
            leading=size * 1.2,
            **kw,
        )

    def pagesize(p: dict[str, Any]) -> tuple[float, float]:
        w, h = PAGE_CM[p["size"]]
        size = (w * cm, h * cm)
        return landscape(size) if p["orientation"] == "landscape" else portrait(size)

    def legend_markup(legend: Legend) -> str:
        runs = []
        for e in legend.entries:
            colour = e.get("text_colour", "000000")
            runs.append(
                f'<font color="#{colour}"><b>{html.escape(e["label"])}</b></font>'
                + html.escape(e.get("sep", " – ") + e["meaning"])
            )
        return " ".join(runs)

    def on_page(canvas: Any, doc: Any) -> None:
        width, height = canvas._pagesize
        margin = spec["page"]["margin_cm"] * cm
        canvas.saveState()
        canvas.setFont(base_font, 8)
        y = height - 0.6 * cm - 8
        for line in header:
            canvas.drawString(margin, y, mf.plain(line) or "")
            y -= 10
        lines = [mf.plain(line) or "" for line in footer]
        y = 0.6 * cm + 10 * (len(lines) + (1 if footer_legend else 0)) - 8
        for line in lines:
            canvas.drawString(margin, y, line)
            y -= 10
        if footer_legend:
            para = Paragraph(legend_markup(footer_legend), style(8))
            _, h = para.wrap(width - 2 * margin, 100)
            para.drawOn(canvas, margin, y - h + 10)
        canvas.restoreState()

    def cell_flowables(cell: Cell, size: float) -> list[Any]:
        flow: list[Any] = []
        for text in cell.paragraphs:
            if text.startswith("• "):
                flow.append(
                    Paragraph(
                        _rl_inline(text[2:]),
                        style(size, cell.bold, leftIndent=9, bulletIndent=0, spaceAfter=2),
                        bulletText="•",
                    )
                )
            else:
                flow.append(Paragraph(_rl_inline(text), style(size, cell.bold, spaceAfter=2)))
        return flow

    def rl_table(table: Table) -> Any:
        data = [
            [cell_flowables(c, table.font_size) if c else "" for c in row] for row in table.rows
        ]
        cmds: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        if table.rules:
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                if cell.colspan > 1 or cell.rowspan > 1:
                    cmds.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
                if cell.fill:
                    cmds.append(
                        (
                            "BACKGROUND",
                            (c, r),
                            (c + cell.colspan - 1, r + cell.rowspan - 1),
                            colors.HexColor("#" + cell.fill),
                        )
                    )
        return RLTable(
            data,
            colWidths=[w * cm for w in table.widths_cm],
            repeatRows=table.header_rows,
            style=TableStyle(cmds),
            splitInRow=1,
        )

    story: list[Any] = []
    templates: list[Any] = []

    def template(p: dict[str, Any], name: str) -> Any:
        w, h = pagesize(p)
        m = p["margin_cm"] * cm
        frame = Frame(
            m, m, w - 2 * m, h - 2 * m, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
        )
        return PageTemplate(id=name, frames=[frame], pagesize=(w, h), onPage=on_page)

    templates.append(template(spec["page"], "main"))
    size = spec["page"]["font_size"]
    for block in document_blocks(spec):
        if isinstance(block, Break):
            if block.page is not None:
                name = f"p{len(templates)}"
                templates.append(template(block.page, name))
                story.append(NextPageTemplate(name))
            story.append(PageBreak())
        elif isinstance(block, Table):
            story.append(rl_table(block))
        elif isinstance(block, Legend):
            story.append(Paragraph(legend_markup(block), style(block.font_size, spaceAfter=6)))
        elif block.text == "":
            story.append(Spacer(1, 6))
        else:
            if block.style.startswith("heading"):
                level = int(block.style[-1])
                st = style(
                    HEADING_PT[level],
                    True,
                    spaceBefore=8,
                    spaceAfter=4,
                    textColor=colors.HexColor("#2F5496"),
                )
            elif block.style == "title":
                st = style(24, True, spaceAfter=8)
            else:
                st = style(
                    block.font_size or size,
                    block.bold,
                    spaceAfter=6,
                    alignment=aligns.get((block.align or "left").lower(), TA_LEFT),
                )
            if block.style in ("bullet", "number"):
                st.leftIndent, st.bulletIndent = 14, 2
                story.append(Paragraph(_rl_inline(block.text), st, bulletText="•"))
            else:
                story.append(Paragraph(_rl_inline(block.text), st))
    doc = BaseDocTemplate(
        str(out),
        pagesize=pagesize(spec["page"]),
        title=spec["document"].get("title") or "",
        author="planparse fixtures",
        keywords=f"spec-{mf.spec_digest(spec)}",
        creator="planparse tools/make_producer_fixtures.py",
        invariant=1,
    )
    doc.addPageTemplates(templates)
    doc.build(story)


# --------------------------------------------------------------------------- main


PRODUCERS = {"chromium": chromium_pdf, "reportlab": reportlab_pdf}


def pdf_names() -> list[str]:
    """Specs that have a PDF rendition."""
    return [n for n in mf.spec_names() if "pdf" in mf.load_spec(n)["formats"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--producer", choices=[*PRODUCERS, "all"], default="all")
    parser.add_argument("--html", type=Path, help="also write each spec's HTML into this folder")
    parser.add_argument("names", nargs="*", help="spec names (default: every PDF fixture)")
    args = parser.parse_args(argv)
    names = args.names or pdf_names()
    unknown = sorted(set(names) - set(pdf_names()))
    if unknown:
        parser.error(f"no PDF spec named {', '.join(unknown)}")
    producers = list(PRODUCERS) if args.producer == "all" else [args.producer]
    for name in names:
        spec = mf.load_spec(name)
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            (args.html / f"{name}.html").write_text(render_html(spec), encoding="utf-8")
        for producer in producers:
            OUT_DIRS[producer].mkdir(parents=True, exist_ok=True)
            path = OUT_DIRS[producer] / f"{name}.pdf"
            PRODUCERS[producer](spec, path)
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
