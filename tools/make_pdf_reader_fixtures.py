"""Build the small PDFs that ``tests/test_pdf_reader.py`` reads, into ``fixtures/pdf_reader/``.

Two kinds of fixture:

* Word documents made with python-docx and converted by LibreOffice
  (``soffice --headless --convert-to pdf``): what a real plan looks like after Word/LibreOffice
  export: ruled and borderless tables over three pages, a header row repeated (or not),
  a vertically merged first column, rows cut by page breaks, RAG cells that are only a
  fill colour, a landscape section and a colour legend in the footer.
* PDFs written byte by byte by :class:`MiniPdf` below, where a test needs exact control:
  where a page break falls, a new row at the top of a page with an empty first column,
  grey and CMYK fills, and a page carrying ``/Rotate``.

Plus an image-only PDF (a rendered page wrapped by Pillow: no text layer) and an
encrypted PDF (LibreOffice's PDF export with a document-open password).

The PDFs are committed; the tests never need LibreOffice. Run
``python tools/make_pdf_reader_fixtures.py`` to rebuild them (needs ``soffice`` and
``pdftoppm``), or ``python tools/make_pdf_reader_fixtures.py narrow_cells`` to rebuild only
the Word-made fixtures named.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "pdf_reader"

LEGEND = "RED – Overdue Amber – At Risk Green - Complete"
RED, AMBER, GREEN = "FF0000", "FFC000", "00B050"

HEADER = ["Outcome", "Action", "Owner", "Progress", "Deadline", "RAG"]


def _progress(n: int, topic: str) -> list[str]:
    """Paragraphs long enough to push rows over page breaks."""
    sentences = [
        f"Work on {topic} started in April and is reported to the Executive each month.",
        "The partners agreed the approach at the March meeting of the Board.",
        "A task and finish group meets fortnightly to review progress against the plan.",
        "Evidence of impact will be gathered through audits and feedback from families.",
        "Next steps are agreed with the chairs of the partnership boards.",
    ]
    return [" ".join(sentences[(i + j) % len(sentences)] for j in range(3)) for i in range(n)]


# Each row: (outcome or None when merged with the row above, action, owner,
#            progress paragraphs, bullet paragraphs, deadline, RAG fill)
ROWS: list[tuple[str | None, str, str, list[str], list[str], str, str]] = [
    (
        "Increased visibility of the Board across the partnership",
        "1. Refresh the partnership protocol with the Adult Board.",
        "Liz Murphy Independent Chair",
        _progress(2, "the protocol"),
        [],
        "End of April 2016",
        GREEN,
    ),
    (
        None,
        "2. Embed the protocol across the borough",
        "Tony McGregor, Interim Business Manager",
        _progress(2, "embedding"),
        ["Protocol shared with the five boards", "Chairs meet quarterly"],
        "End of June 2016",
        AMBER,
    ),
    (
        None,
        "3. Appoint additional lay members",
        "Martine McFadden Business and Communications Manager",
        _progress(2, "recruitment"),
        ["Advert issued in May", "Interviews in June"],
        "End of June 2016",
        RED,
    ),
    (
        "Fit for purpose infrastructure and resources",
        "4. Review the Board business unit",
        "Tony Oakman Strategic Director",
        _progress(3, "the review"),
        [],
        "End of July 2016",
        AMBER,
    ),
    (
        None,
        "5. Agree the Board budget for 2016-17",
        "Sarah Norman Chief Executive",
        _progress(2, "the budget"),
        ["Budget agreed", "Schools contribution outstanding"],
        "End of April 2016",
        GREEN,
    ),
    (
        "Children and young people inform the work of the Board",
        "6. Implement the participation strategy",
        "Nicki Burrows Development Officer",
        _progress(2, "participation"),
        [],
        "End of July 2016",
        RED,
    ),
]


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(table: DocxTable) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _no_borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _add_page_number(paragraph) -> None:
    paragraph.add_run("Page ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _furnish(section, header_text: str) -> None:
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = header_text
    section.footer.is_linked_to_previous = False
    footer = section.footer
    footer.paragraphs[0].text = LEGEND
    _add_page_number(footer.add_paragraph())


def _plan_table(
    doc, *, ruled: bool, repeat_header: bool, widths: Sequence[float]
) -> DocxTable:
    table = doc.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    if ruled:
        table.style = doc.styles["Table Grid"]
    else:
        _no_borders(table)
    for col, title in enumerate(HEADER):
        cell = table.cell(0, col)
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    if repeat_header:
        _repeat_header(table)
    merge_start = 1
    for i, (outcome, action, owner, progress, bullets, deadline, fill) in enumerate(ROWS, 1):
        if outcome is not None:
            table.cell(i, 0).text = outcome
            merge_start = i
        elif i > merge_start:
            table.cell(merge_start, 0).merge(table.cell(i, 0))
        table.cell(i, 1).text = action
        table.cell(i, 2).text = owner
        progress_cell = table.cell(i, 3)
        progress_cell.text = progress[0]
        for para in progress[1:]:
            progress_cell.add_paragraph(para)
        for bullet in bullets:
            progress_cell.add_paragraph(bullet, style="List Bullet")
        table.cell(i, 4).text = deadline
        _shade(table.cell(i, 5), fill)
    _set_widths(table, widths)
    return table


def _base_document():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10)
    style.paragraph_format.space_after = Pt(4)
    return doc


def make_plan_docx(*, ruled: bool, repeat_header: bool, landscape: bool) -> bytes:
    doc = _base_document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    _furnish(section, "Safeguarding Board Improvement Plan 2016")
    doc.add_heading("Improvement Plan", level=1)
    doc.add_paragraph(
        "This plan sets out how the Board will improve. It is reviewed by the Executive "
        "each month and RAG rated."
    )
    if landscape:
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        widths: Sequence[float] = (4.0, 4.5, 3.5, 9.0, 2.5, 2.0)
    else:
        widths = (3.0, 3.0, 2.6, 6.4, 1.8, 1.2)
    doc.add_heading("Area 1 – Board Effectiveness", level=2)
    _plan_table(doc, ruled=ruled, repeat_header=repeat_header, widths=widths)
    doc.add_paragraph("Plan agreed by the Board on 1 May 2016.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _set_widths(table: DocxTable, widths: Sequence[float]) -> None:
    table.autofit = False
    for col, grid_col in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        grid_col.set(qn("w:w"), str(int(widths[col] * 567)))
    for row in table.rows:
        for col, width in enumerate(widths):
            row.cells[col].width = Cm(width)


SECTION_FILL, HEADER_FILL = "D9E2F3", "BDD7EE"
# (ref, action, progress paragraphs, deadline, RAG fill or None); a str is a section row
SECTION_ROWS: list[str | tuple[str, str, list[str], str, str | None]] = [
    "1. Governance",
    ("1.1", "Agree the terms of reference", [
        "Draft terms of reference were shared with partners in January and comments "
        "were received from all of them by the end of February"], "31/03/2024", GREEN),
    ("", "", ["Further report to the Board in the autumn"], "30/09/2024", None),
    ("1.2", "Appoint a lay member", ["Advert closed, two candidates shortlisted."],
     "30/06/2024", AMBER),
    "2. Performance",
    ("2.1", "Publish a quarterly dataset", ["First dataset published in April."],
     "31/07/2024", GREEN),
    ("2.2", "Audit the dataset", ["Not started."], "31/10/2024", RED),
]


def make_sections_docx() -> bytes:
    """A table without borders whose sections are shaded full-width rows, with a RAG
    fill per action and a milestone sub-row (blank RAG) under action 1.1, whose progress
    text starts right under the progress text of the row above."""
    doc = _base_document()
    doc.add_heading("Partnership Plan", level=1)
    header = ["Ref", "Action", "Progress", "Deadline", "RAG"]
    table = doc.add_table(rows=1 + len(SECTION_ROWS), cols=len(header))
    _no_borders(table)
    for col, title in enumerate(header):
        cell = table.cell(0, col)
        cell.paragraphs[0].add_run(title).bold = True
        _shade(cell, HEADER_FILL)
    for r, row in enumerate(SECTION_ROWS, 1):
        if isinstance(row, str):
            merged = table.cell(r, 0).merge(table.cell(r, len(header) - 1))
            merged.paragraphs[0].add_run(row).bold = True
            _shade(merged, SECTION_FILL)
            continue
        ref, action, progress, deadline, fill = row
        table.cell(r, 0).text = ref
        table.cell(r, 1).text = action
        table.cell(r, 2).text = progress[0]
        for para in progress[1:]:
            table.cell(r, 2).add_paragraph(para)
        table.cell(r, 3).text = deadline
        if fill:
            _shade(table.cell(r, 4), fill)
    for row in table.rows:  # no space after paragraphs: rows sit as tight as Word prints them
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.space_after = Pt(0)
    _set_widths(table, (1.2, 4.0, 6.0, 2.4, 1.4))
    doc.add_paragraph("Agreed by the Partnership Board.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def make_narrow_cells_docx() -> bytes:
    """A ruled table whose narrow columns wrap and split words (Liberation Sans 10 pt,
    0.19 cm cell margins): a date wider than its column ("30/06/20" + "23"), a bold
    header word that fills its column before the next word ("Implementation" / "date",
    LibreOffice prints the wrap space), one that leaves less room than a space
    ("Complete" / "by", no space printed), a bold header word split ("Deadlin" + "e"),
    and actions with italic runs inside brackets and before a comma."""
    doc = _base_document()
    doc.add_heading("Audit Recommendations", level=1)
    doc.add_paragraph("Each recommendation is agreed by the manager named and tracked by the committee.")
    header = ["Ref", "Recommendation", "Implementation date", "Complete by", "Deadline"]
    table = doc.add_table(rows=3, cols=len(header))
    table.style = doc.styles["Table Grid"]
    for col, title in enumerate(header):
        table.cell(0, col).paragraphs[0].add_run(title).bold = True
    rows = [
        ("1", [("Review the guidance ", False), ("(priority 1)", True)], "30/06/2023",
         "March 2023", "30/06/2023"),
        ("2", [("Hear the voice of ", False), ("children", True),
               (", young people and families ", False), ("(all priorities)", True)],
         "31/12/2023", "June 2023", "31/12/2023"),
    ]
    for r, (ref, runs, impl, complete, deadline) in enumerate(rows, 1):
        table.cell(r, 0).text = ref
        para = table.cell(r, 1).paragraphs[0]
        for text, italic in runs:
            para.add_run(text).italic = italic
        table.cell(r, 2).text = impl
        table.cell(r, 3).text = complete
        table.cell(r, 4).text = deadline
    _set_widths(table, (1.0, 6.0, 3.2, 2.04, 1.8))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def soffice_to_pdf(docx_bytes: bytes, stem: str, export_filter: str = "pdf") -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{stem}.docx"
        src.write_bytes(docx_bytes)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                export_filter,
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(tmp) / f"{stem}.pdf").read_bytes()


# ---------------------------------------------------------------- hand-written PDFs


def _pdf_str(text: str) -> str:
    raw = text.encode("cp1252")
    out = []
    for b in raw:
        ch = chr(b)
        if ch in "()\\":
            out.append("\\" + ch)
        elif 32 <= b < 127:
            out.append(ch)
        else:
            out.append(f"\\{b:03o}")
    return "(" + "".join(out) + ")"


class MiniPdf:
    """A tiny PDF writer: Helvetica text, lines and filled rectangles, optional /Rotate."""

    def __init__(self) -> None:
        self.pages: list[tuple[float, float, int, list[str]]] = []

    def page(self, width: float = 595, height: float = 842, rotate: int = 0) -> list[str]:
        ops: list[str] = []
        self.pages.append((width, height, rotate, ops))
        return ops

    @staticmethod
    def text(ops: list[str], x: float, y: float, s: str, size: float = 10, bold: bool = False) -> None:
        font = "F2" if bold else "F1"
        ops.append(f"BT /{font} {size} Tf {x:.2f} {y:.2f} Td {_pdf_str(s)} Tj ET")

    @staticmethod
    def line(ops: list[str], x0: float, y0: float, x1: float, y1: float) -> None:
        ops.append(f"0 0 0 RG 0.75 w {x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S")

    @staticmethod
    def fill(ops: list[str], x0: float, y0: float, x1: float, y1: float, colour: Sequence[float]) -> None:
        op = {1: "g", 3: "rg", 4: "k"}[len(colour)]
        vals = " ".join(f"{v:.3f}" for v in colour)
        ops.append(f"{vals} {op} {x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f} re f 0 g")

    def build(self) -> bytes:
        objs: list[bytes] = []
        objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
        objs.append(b"")  # pages, filled below
        objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        objs.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
        )
        kids = []
        for width, height, rotate, ops in self.pages:
            content = "\n".join(ops).encode("latin-1")
            objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
            content_id = len(objs)
            rot = f" /Rotate {rotate}" if rotate else ""
            objs.append(
                (
                    f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}]{rot} "
                    f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_id} 0 R >>"
                ).encode()
            )
            kids.append(f"{len(objs)} 0 R")
        objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
        out = io.BytesIO()
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objs, 1):
            offsets.append(out.tell())
            out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            out.write(f"{off:010d} 00000 n \n".encode())
        out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


COLS = [40.0, 150.0, 330.0, 460.0, 555.0]
COL_NAMES = ["Objective", "Action", "Owner", "RAG"]


def _grid_row(
    ops: list[str],
    top: float,
    bottom: float,
    texts: Sequence[Sequence[str]],
    *,
    merged_above: Sequence[int] = (),
    bold: bool = False,
    fills: dict[int, Sequence[float]] | None = None,
) -> None:
    """Draw one ruled row from ``top`` down to ``bottom`` (PDF y grows upwards).

    ``merged_above`` lists the columns whose top border is left out (merged with the row
    above). ``texts[c]`` are the lines of column ``c``.
    """
    for col, colour in (fills or {}).items():
        MiniPdf.fill(ops, COLS[col], bottom, COLS[col + 1], top, colour)
    for col in range(len(COLS) - 1):
        if col not in merged_above:
            MiniPdf.line(ops, COLS[col], top, COLS[col + 1], top)
        for i, s in enumerate(texts[col] if col < len(texts) else ()):
            MiniPdf.text(ops, COLS[col] + 4, top - 12 - 12 * i, s, bold=bold)
    for x in COLS:
        MiniPdf.line(ops, x, top, x, bottom)


def _close(ops: list[str], y: float) -> None:
    MiniPdf.line(ops, COLS[0], y, COLS[-1], y)


def _footer(ops: list[str], n: int) -> None:
    MiniPdf.text(ops, 40, 30, "Data Quality Action Plan v2", size=8)
    MiniPdf.text(ops, 520, 30, f"Page {n}", size=8)


def make_page_breaks_pdf() -> bytes:
    """Three pages, one table, built to test how page breaks are resolved.

    Page 1 -> 2: row 2 is cut by the page break (its Action text continues at the top of
    page 2 under a repeated header; Objective empty because it is merged, Owner empty
    because it fitted on page 1).
    Page 2 -> 3: row 4 ends at the page bottom and page 3 opens with a NEW row (action
    "5.") whose Objective is empty because the merge continues; it must stay a row.
    Fills: CMYK red, RGB green, grey.
    """
    pdf = MiniPdf()
    header = [[n] for n in COL_NAMES]
    # page 1
    ops = pdf.page()
    MiniPdf.text(ops, 40, 800, "Data Quality Action Plan", size=16, bold=True)
    MiniPdf.text(ops, 40, 780, "The actions below respond to the audit of March 2016.")
    _grid_row(ops, 760, 740, header, bold=True)
    _grid_row(
        ops, 740, 600,
        [["Improve data", "quality"], ["1. Audit the records", "held by each team"], ["J Smith"], []],
        fills={3: (0.0, 1.0, 1.0, 0.0)},
    )
    _grid_row(
        ops, 600, 60,
        [[], ["2. Train all staff in the"] + [f"new recording system step {i}" for i in range(1, 44)],
         ["A Jones", "Head of", "Performance"], []],
        merged_above=(0,),
        fills={3: (0.0, 0.69, 0.31)},
    )
    _close(ops, 60)
    _footer(ops, 1)
    # page 2: repeated header, continuation fragment, then row 3 and 4
    ops = pdf.page()
    _grid_row(ops, 800, 780, header, bold=True)
    _grid_row(
        ops, 780, 700,
        [[], [f"new recording system step {i}" for i in range(44, 47)] + ["and the manual."],
         [], []],
        fills={3: (0.0, 0.69, 0.31)},
    )
    _grid_row(
        ops, 700, 600,
        [[], ["3. Report progress", "to the Board"], ["B Brown"], []],
        merged_above=(0,),
        fills={3: (0.5,)},
    )
    _grid_row(
        ops, 600, 60,
        [["Better training"], ["4. Review training"] + [f"needs line {i}" for i in range(1, 30)],
         ["C Green"], []],
    )
    _close(ops, 60)
    _footer(ops, 2)
    # page 3: a new row at the top whose objective is empty (the merge goes on)
    ops = pdf.page()
    _grid_row(ops, 800, 780, header, bold=True)
    _grid_row(ops, 780, 700, [[], ["5. Publish the annual", "training report"], ["C Green"], []],
              merged_above=())
    _close(ops, 700)
    MiniPdf.text(ops, 40, 670, "Approved by the Board in May 2016.")
    _footer(ops, 3)
    return pdf.build()


PIECE_COLS = [40.0, 160.0, 520.0, 640.0, 780.0]
PIECE_HEADER = [["Dataset Name"], ["Description of data"], ["To be first", "published on"], ["Frequency of", "update"]]
PIECE_ROWS = [
    ("Spend over 25,000", "Items of spending over 25,000, published each month.", "June 2012", "Monthly"),
    ("Organograms", "Posts and salaries of senior staff, as structured data.", "September 2012", "Six-monthly"),
    ("Contracts", "Tender documents and contracts over 10,000.", "March 2013", "Monthly"),
    ("Grants", "Details of grant recipients and the amounts they were given.", "April 2013", "Quarterly"),
    ("Customer survey", "Results of the annual customer satisfaction survey.", "Summer 2013", "Annual"),
]


def _hairlines(ops: list[str], xs: Sequence[float], top: float, bottom: float, rows: Sequence[float]) -> None:
    """Borders as Word's 2010 PDF export draws them: thin filled black rectangles."""
    for x in xs:
        MiniPdf.fill(ops, x - 0.25, bottom, x + 0.25, top, (0.0,))
    for y in rows:
        MiniPdf.fill(ops, xs[0] - 0.25, y - 0.25, xs[-1] + 0.25, y + 0.25, (0.0,))


def _shade_in_pieces(
    ops: list[str], x0: float, x1: float, top: float, bottom: float, lines: int, colour: Sequence[float]
) -> None:
    """Shade one header cell the way Word's 2010 PDF export does: a strip for each cell
    margin and one rectangle per text line, the text lines centred in the cell."""
    pad, leading = 5.2, 12.6
    text_top = top - (top - bottom - lines * leading) / 2
    text_bottom = text_top - lines * leading
    MiniPdf.fill(ops, x0, text_top, x1, top, colour)
    MiniPdf.fill(ops, x0, bottom, x1, text_bottom, colour)
    MiniPdf.fill(ops, x0, text_bottom, x0 + pad, text_top, colour)
    MiniPdf.fill(ops, x1 - pad, text_bottom, x1, text_top, colour)
    for k in range(lines):
        MiniPdf.fill(ops, x0 + pad, text_top - (k + 1) * leading, x1 - pad, text_top - k * leading, colour)


def make_shaded_pieces_pdf() -> bytes:
    """A publication plan on landscape pages as Word 2010 saves it as PDF (the 2012
    departmental open data strategies): header cells shaded in pieces (a rectangle per text
    line plus margin strips, so the pieces of a one-line and a two-line heading do not line
    up), borders as thin filled rectangles, the table ending well above the page foot on
    page 1 and going on at the top of page 2 with no header repeated, and a running footer
    73 pt above the lower edge (more than 12% of a landscape page's height)."""
    pdf = MiniPdf()
    teal = (0.0, 0.6, 0.6)
    xs = PIECE_COLS
    ops = pdf.page(842, 595)
    MiniPdf.text(ops, 40, 540, "Annex 1: List of data to be released", size=14, bold=True)
    top, bottom = 520.0, 482.0
    for c, lines in enumerate(PIECE_HEADER):
        _shade_in_pieces(ops, xs[c] + 0.25, xs[c + 1] - 0.25, top - 0.25, bottom + 0.25, len(lines), teal)
        first = top - (top - bottom - len(lines) * 12.6) / 2 - 10
        for k, s in enumerate(lines):
            MiniPdf.text(ops, xs[c] + 6, first - 12.6 * k, s, size=9, bold=True)
    row_h = 40.0
    ys = [top, bottom] + [bottom - row_h * (i + 1) for i in range(3)]
    for i, row in enumerate(PIECE_ROWS[:3]):
        for c, s in enumerate(row):
            MiniPdf.text(ops, xs[c] + 6, ys[i + 1] - 14, s, size=9)
    _hairlines(ops, xs, top, ys[-1], ys)
    MiniPdf.text(ops, 40, 75, "Department Open Data Strategy June 2012  1", size=8)
    ops = pdf.page(842, 595)
    ys = [540.0 - row_h * i for i in range(3)]
    for i, row in enumerate(PIECE_ROWS[3:]):
        for c, s in enumerate(row):
            MiniPdf.text(ops, xs[c] + 6, ys[i] - 14, s, size=9)
    _hairlines(ops, xs, ys[0], ys[-1], ys)
    MiniPdf.text(ops, 40, ys[-1] - 30, "Further datasets will be added as they are identified.", size=9)
    MiniPdf.text(ops, 40, 75, "Department Open Data Strategy June 2012  2", size=8)
    return pdf.build()


def make_footnotes_pdf() -> bytes:
    """A ruled plan whose last row on page 1 is cut by the page break, with a footnote
    between the table and the page foot (Word's short separator rule at the left margin,
    the footnote in a smaller font, its number raised), and the rest of the row at the top
    of page 2 (header not repeated)."""
    pdf = MiniPdf()
    ops = pdf.page()
    MiniPdf.text(ops, 40, 815, "Safeguarding Board Action Plan", size=14, bold=True)
    header = [["Objective"], ["Action"], ["Owner"], []]
    _grid_row(ops, 800, 780, header, bold=True)
    _grid_row(ops, 780, 700, [["Stronger partnership"], ["1. Refresh the partnership", "protocol with the Adult Board.1"],
                              ["L Murphy"], []], fills={3: (0.0, 0.69, 0.31)})
    _grid_row(
        ops, 700, 130,
        [["Better training"], ["2. Train all staff in the"] + [f"recording system, module {i}," for i in range(1, 46)]
         + ["and then share the results with"], ["A Jones"], []],
        fills={3: (1.0, 0.75, 0.0)},
    )
    _close(ops, 130)
    ops.append("0 0 0 rg 40.00 110.00 144.00 0.60 re f 0 g")
    MiniPdf.text(ops, 40, 100, "1", size=5)
    MiniPdf.text(ops, 44, 96, "The protocol is published on the Board's website.", size=8)
    MiniPdf.text(ops, 290, 30, "1", size=9)
    ops = pdf.page()
    _grid_row(ops, 800, 760, [[], ["the partner agencies."], [], []], fills={3: (1.0, 0.75, 0.0)})
    _grid_row(ops, 760, 700, [["Better training"], ["3. Report progress to the Board."], ["B Brown"], []],
              fills={3: (1.0, 0.0, 0.0)})
    _close(ops, 700)
    MiniPdf.text(ops, 40, 670, "Approved by the Board in May 2016.")
    MiniPdf.text(ops, 290, 30, "2", size=9)
    return pdf.build()


BANDED_COLS = [44.0, 72.0, 164.0, 540.0, 610.0, 766.0]
BANDED_ROWS = [
    ("1", "Step 5: Challenge", ["For all the data we publish, details of how to find out more will be",
                                "published alongside the description of the data."], "Contacting us",
     ["In place by March 2014"]),
    ("2", "Who do I ask?", ["We will publish how we deal with requests for datasets."], "Contacting us",
     ["In place by March 2014"]),
    ("3", "Step 2: Assess", ["We will prioritise the data that needs to be improved, with users,",
                             "and publish any roadmaps"], "Prioritisation",
     ["Initial action by December,", "updated quarterly"]),
    ("4", "Step 3: Publish", ["We will publish the reasons when data cannot be made open."], "Reasoning",
     ["In place by May 2014"]),
    ("5", "Step 7: Community", ["We will work with users to identify the data they need."], "Users",
     ["From October 2013"]),
]


def _banded_row(ops: list[str], top: float, bottom: float, row: tuple, shade: Sequence[float] | None) -> None:
    """One row of a Word "Light Shading" table: shaded or not, its rule drawn in one piece
    per cell (with a tiny square at each junction), no rule between its columns."""
    xs = BANDED_COLS
    if shade is not None:
        MiniPdf.fill(ops, xs[0], bottom, xs[-1], top, shade)
    ref, step, action, category, notes = row
    texts = [[ref], [step], action, [category], notes]
    for c, lines in enumerate(texts):
        for k, s in enumerate(lines):
            MiniPdf.text(ops, xs[c] + 4, top - 12 - 11 * k, s, size=9)
    green = (0.70, 0.80, 0.51)
    for x0, x1 in zip(xs, xs[1:], strict=False):
        MiniPdf.fill(ops, x0 + 0.5, bottom - 0.5, x1 - 0.5, bottom + 0.5, green)
        MiniPdf.fill(ops, x1 - 0.5, bottom - 0.5, x1 + 0.5, bottom + 0.5, green)
    MiniPdf.fill(ops, xs[0] - 0.5, bottom, xs[0] + 0.5, top, green)
    MiniPdf.fill(ops, xs[-1] - 0.5, bottom, xs[-1] + 0.5, top, green)


def make_banded_rows_pdf() -> bytes:
    """A plan in a Word "Light Shading" style on landscape pages: rules between rows (each
    drawn in pieces) and a frame, no rule between columns, every other row shaded; the
    table runs to the foot of page 1 and goes on at the top of page 2 with a new row whose
    reference ("4") follows the last one ("3"), under a cut-looking last row."""
    pdf = MiniPdf()
    band = (0.90, 0.93, 0.84)
    xs = BANDED_COLS
    ops = pdf.page(842, 595)
    MiniPdf.text(ops, 44, 540, "Annex V: Summary of Commitments", size=14, bold=True)
    top = 500.0
    MiniPdf.fill(ops, xs[0], top - 30, xs[-1], top, (0.61, 0.73, 0.35))
    for c, s in enumerate(["No.", "Section", "Commitment Description", "Category", "Notes on action"]):
        MiniPdf.text(ops, xs[c] + 4, top - 18, s, size=9, bold=True)
    for edge in (top, top - 30):
        MiniPdf.fill(ops, xs[0], edge - 0.5, xs[-1], edge + 0.5, (0.70, 0.80, 0.51))
    y = top - 30
    heights = [200.0, 210.0, 28.0]
    for i, row in enumerate(BANDED_ROWS[:3]):
        _banded_row(ops, y, y - heights[i], row, band if i % 2 == 0 else None)
        y -= heights[i]
    MiniPdf.text(ops, 400, 20, "28", size=9)
    ops = pdf.page(842, 595)
    y = 560.0
    MiniPdf.fill(ops, xs[0], y - 0.5, xs[-1], y + 0.5, (0.70, 0.80, 0.51))
    for i, row in enumerate(BANDED_ROWS[3:], 3):
        _banded_row(ops, y, y - 40, row, band if i % 2 == 0 else None)
        y -= 40
    MiniPdf.text(ops, 400, 20, "29", size=9)
    return pdf.build()


def make_rotated_pdf() -> bytes:
    """A portrait MediaBox with /Rotate 90 whose content is drawn so it shows upright
    (landscape, 842 wide), as scanners and some exporters do."""
    pdf = MiniPdf()
    ops = pdf.page(595, 842, rotate=90)
    # displayed (X, Y) -> media (x, y) = (595 - Y, X)... i.e. cm 0 1 -1 0 595 0
    ops.append("q 0 1 -1 0 595 0 cm")
    inner: list[str] = []
    MiniPdf.text(inner, 40, 550, "Rotated Plan", size=16, bold=True)
    xs = [40.0, 300.0, 600.0, 800.0]
    for y in (520.0, 500.0, 460.0):
        MiniPdf.line(inner, xs[0], y, xs[-1], y)
    for x in xs:
        MiniPdf.line(inner, x, 520, x, 460)
    for x, s in zip(xs, ["Action", "Owner", "Status"], strict=False):
        MiniPdf.text(inner, x + 4, 506, s, bold=True)
    for x, s in zip(xs, ["Write the rotated report", "R Page", "Open"], strict=False):
        MiniPdf.text(inner, x + 4, 486, s)
    ops.extend(inner)
    ops.append("Q")
    return pdf.build()


def make_image_only_pdf(source_pdf: bytes) -> bytes:
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src.pdf"
        src.write_bytes(source_pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(src), f"{tmp}/page"],
            check=True,
        )
        png = sorted(Path(tmp).glob("page*.png"))[0]
        image = Image.open(png).convert("RGB")
        out = io.BytesIO()
        image.save(out, format="PDF", resolution=40)
        return out.getvalue()


def encrypted_filter(password: str) -> str:
    options = {
        "EncryptFile": {"type": "boolean", "value": "true"},
        "DocumentOpenPassword": {"type": "string", "value": password},
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options)


WRITTEN = {
    "page_breaks": make_page_breaks_pdf,
    "rotated": make_rotated_pdf,
    "shaded_pieces": make_shaded_pieces_pdf,
    "footnotes": make_footnotes_pdf,
    "banded_rows": make_banded_rows_pdf,
}
"""The hand-written fixtures (no LibreOffice needed), by stem."""


def main(argv: Sequence[str] = ()) -> int:
    """Build every fixture, or only those whose stems are named (the Word-made ones
    come out a little different each time LibreOffice runs; the hand-written ones named
    in ``WRITTEN`` need no LibreOffice)."""
    if argv and set(argv) <= set(WRITTEN):
        OUT.mkdir(parents=True, exist_ok=True)
        for stem in argv:
            (OUT / f"{stem}.pdf").write_bytes(WRITTEN[stem]())
            print(f"{(OUT / f'{stem}.pdf').relative_to(ROOT)}")
        return 0
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        print("needs LibreOffice (soffice) and poppler (pdftoppm)", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    docs = {
        "ruled_repeat_header": lambda: make_plan_docx(ruled=True, repeat_header=True, landscape=False),
        "borderless": lambda: make_plan_docx(ruled=False, repeat_header=True, landscape=False),
        "landscape_header_once": lambda: make_plan_docx(
            ruled=True, repeat_header=False, landscape=True
        ),
        "borderless_sections": make_sections_docx,
        "narrow_cells": make_narrow_cells_docx,
    }
    if argv:
        unknown = sorted(set(argv) - set(docs) - set(WRITTEN))
        if unknown:
            print(f"unknown fixture(s) {unknown}; the Word-made ones are {sorted(docs)}, "
                  f"the hand-written ones {sorted(WRITTEN)}", file=sys.stderr)
            return 2
        for stem in argv:
            data = WRITTEN[stem]() if stem in WRITTEN else soffice_to_pdf(docs[stem](), stem)
            (OUT / f"{stem}.pdf").write_bytes(data)
            print(f"{(OUT / f'{stem}.pdf').relative_to(ROOT)}")
        return 0
    for stem, make in docs.items():
        (OUT / f"{stem}.pdf").write_bytes(soffice_to_pdf(make(), stem))
    short = _base_document()
    short.add_paragraph("A short plan, protected by a password.")
    buf = io.BytesIO()
    short.save(buf)
    (OUT / "encrypted.pdf").write_bytes(
        soffice_to_pdf(buf.getvalue(), "encrypted", encrypted_filter("s3cret"))
    )
    for stem, write in WRITTEN.items():
        (OUT / f"{stem}.pdf").write_bytes(write())
    (OUT / "image_only.pdf").write_bytes(
        make_image_only_pdf((OUT / "ruled_repeat_header.pdf").read_bytes())
    )
    for path in sorted(OUT.glob("*.pdf")):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
