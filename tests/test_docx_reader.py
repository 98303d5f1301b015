"""The Word reader: documents built with python-docx (plus raw XML where python-docx has
no API) are read back into layouts, and hostile files are refused cleanly."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches

from planparse.errors import DocumentReadError
from planparse.layout import Cell, Covered, Heading, Layout, Para, Paragraph, Table
from planparse.readers.docx import read_docx

NS = (
    nsdecls("w", "r", "a")
    + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    + ' xmlns:v="urn:schemas-microsoft-com:vml"'
    + ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def save(doc: DocumentObject, tmp_path: Path, name: str = "plan.docx") -> bytes:
    path = tmp_path / name
    doc.save(str(path))
    return path.read_bytes()


def read(doc: DocumentObject, tmp_path: Path) -> Layout:
    return read_docx(save(doc, tmp_path), "plan.docx")


def append_xml(doc: DocumentObject, xml: str) -> None:
    """Put a raw block element (w:p, w:tbl, w:sdt) at the end of the body."""
    body = doc.element.body
    el = parse_xml(xml.replace("<w:p>", f"<w:p {NS}>", 1) if xml.startswith("<w:p>") else xml)
    sect_pr = body.sectPr
    if sect_pr is not None:
        sect_pr.addprevious(el)
    else:
        body.append(el)


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(text: str = "", pr: str = "", paras: str | None = None) -> str:
    body = paras if paras is not None else f"<w:p>{run(text) if text else ''}</w:p>"
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{body}</w:tc>"


def tbl(rows: list[str], grid: int, row_pr: list[str] | None = None) -> str:
    """A raw table; ``rows`` are the inner XML of each w:tr."""
    prs = row_pr or [""] * len(rows)
    trs = "".join(
        f"<w:tr>{f'<w:trPr>{pr}</w:trPr>' if pr else ''}{cells}</w:tr>"
        for cells, pr in zip(rows, prs, strict=True)
    )
    cols = '<w:gridCol w:w="1000"/>' * grid
    return f"<w:tbl {NS}><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{trs}</w:tbl>"


def only_table(layout: Layout) -> Table:
    tables = layout.tables()
    assert len(tables) == 1
    return tables[0]


def cell_summary(table: Table) -> list[tuple[int, int, int, int, str]]:
    return [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells]


# ---------------------------------------------------------------------------------------
# Body blocks


def test_body_blocks_in_document_order(tmp_path: Path) -> None:
    doc = Document()
    doc.add_heading("DSCB Improvement Plan", 0)
    doc.add_heading("Area 1 – Board Effectiveness", 1)
    doc.add_paragraph("")
    doc.add_paragraph("The plan is built around 4 key areas.")
    doc.add_paragraph("Refresh the protocol", style="List Bullet")
    doc.add_paragraph("Appoint lay members", style="List Number")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "Outcome"
    doc.add_heading("Area 2", 2)
    append_xml(
        doc, f'<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr>{run("Outline level heading")}</w:p>'
    )
    append_xml(
        doc, '<w:p><w:pPr><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>Body level</w:t></w:r></w:p>'
    )
    append_xml(
        doc,
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>Directly numbered</w:t></w:r></w:p>",
    )
    append_xml(
        doc,
        '<w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:numId w:val="0"/></w:numPr>'
        "</w:pPr><w:r><w:t>Numbering removed</w:t></w:r></w:p>",
    )
    layout = read(doc, tmp_path)

    kinds = [
        (type(b).__name__, getattr(b, "text", None), getattr(b, "level", None))
        for b in layout.blocks
    ]
    assert kinds == [
        ("Heading", "DSCB Improvement Plan", 0),
        ("Heading", "Area 1 – Board Effectiveness", 1),
        ("Paragraph", "The plan is built around 4 key areas.", None),
        ("Paragraph", "Refresh the protocol", None),
        ("Paragraph", "Appoint lay members", None),
        ("Table", None, None),
        ("Heading", "Area 2", 2),
        ("Heading", "Outline level heading", 3),
        ("Paragraph", "Body level", None),
        ("Paragraph", "Directly numbered", None),
        ("Paragraph", "Numbering removed", None),
    ]
    paragraphs = [b for b in layout.blocks if isinstance(b, Paragraph)]
    assert [(p.list_item, p.style) for p in paragraphs] == [
        (False, "Normal"),
        (True, "List Bullet"),
        (True, "List Number"),
        (False, "Normal"),
        (True, "Normal"),
        (False, "List Bullet"),
    ]
    assert layout.pages is None
    assert layout.warnings == []
    assert layout.tables()[0].index == 0


def test_custom_style_based_on_heading_is_a_heading(tmp_path: Path) -> None:
    doc = Document()
    style = doc.styles.add_style("Plan Area", 1)  # 1 = paragraph style
    style.base_style = doc.styles["Heading 2"]
    doc.add_paragraph("Area 3 – Learning", style="Plan Area")
    assert read(doc, tmp_path).blocks == [Heading("Area 3 – Learning", 2)]


def test_block_content_controls_are_descended_into(tmp_path: Path) -> None:
    doc = Document()
    append_xml(
        doc,
        f"<w:sdt {NS}><w:sdtPr/><w:sdtContent>"
        f"<w:p>{run('Inside a control')}</w:p>"
        + tbl([tc("In a controlled table")], 1).replace(f" {NS}", "")
        + "</w:sdtContent></w:sdt>",
    )
    layout = read(doc, tmp_path)
    assert layout.blocks[0] == Paragraph("Inside a control", False, "Normal")
    assert only_table(layout).cells[0].text == "In a controlled table"


FLD_BEGIN = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
FLD_SEP = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
FLD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def instr(code: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'


INLINE_CASES = [
    pytest.param(
        run("See ") + '<w:hyperlink w:anchor="a1"><w:r><w:t>the protocol</w:t></w:r></w:hyperlink>',
        "See the protocol",
        id="hyperlink",
    ),
    pytest.param(
        run("Page ") + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>',
        "Page 3",
        id="simple-field-result",
    ),
    pytest.param(
        run("Updated ")
        + FLD_BEGIN
        + instr(" DATE \\@ dd/MM/yyyy ")
        + FLD_SEP
        + run("01/04/2016")
        + FLD_END,
        "Updated 01/04/2016",
        id="complex-field-result-not-instruction",
    ),
    pytest.param(
        FLD_BEGIN
        + instr(" IF ")
        + FLD_BEGIN
        + instr(" PAGE ")
        + FLD_SEP
        + run("1")
        + FLD_END
        + instr(' = 1 "first" "other" ')
        + FLD_SEP
        + run("first")
        + FLD_END,
        "first",
        id="nested-complex-field",
    ),
    pytest.param(
        run("Deadline ")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>May</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="a"><w:r><w:t>June</w:t></w:r></w:ins>'
        + run(" 2016"),
        "Deadline June 2016",
        id="tracked-insertion-kept-deletion-dropped",
    ),
    pytest.param(
        '<w:moveFrom w:id="1" w:author="a"><w:r><w:t>Liz Murphy </w:t></w:r></w:moveFrom>'
        + run("Owner: ")
        + '<w:moveTo w:id="2" w:author="a"><w:r><w:t>Liz Murphy</w:t></w:r></w:moveTo>',
        "Owner: Liz Murphy",
        id="moved-text-once",
    ),
    pytest.param(
        run("RAG: ") + "<w:sdt><w:sdtPr/><w:sdtContent>" + run("Green") + "</w:sdtContent></w:sdt>",
        "RAG: Green",
        id="inline-content-control",
    ),
    pytest.param(
        run("RAG:")
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + run("Choose an item.")
        + "</w:sdtContent></w:sdt>",
        "RAG:",
        id="placeholder-content-control-dropped",
    ),
    pytest.param(
        '<w:r><w:t>Owner:</w:t><w:tab/><w:t xml:space="preserve">  Liz \t  Murphy </w:t></w:r>',
        "Owner: Liz Murphy",
        id="tab-and-space-runs-collapse",
    ),
    pytest.param(run("Liz\u00a0Murphy\u200b"), "Liz Murphy", id="no-break-and-zero-width-space"),
    pytest.param(
        "<w:r><w:t>co</w:t><w:noBreakHyphen/><w:t>ordinate re</w:t><w:softHyphen/>"
        "<w:t>view of Child\u00adren\u2011s</w:t></w:r>",
        "co-ordinate review of Children-s",
        id="no-break-and-soft-hyphens",
    ),
    pytest.param(
        run("Visible")
        + '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> hidden</w:t></w:r>',
        "Visible",
        id="hidden-text-dropped",
    ),
    pytest.param(
        '<w:r><w:t xml:space="preserve">hidden </w:t><w:rPr><w:vanish/></w:rPr></w:r>'
        + run("Visible"),
        "Visible",
        id="hidden-run-with-properties-after-its-text",
    ),
    pytest.param(
        "<w:r><!-- reviewer's note --><w:t>Owner:</w:t><?pi x?></w:r>" + run(" Liz Murphy"),
        "Owner: Liz Murphy",
        id="comments-and-processing-instructions-ignored",
    ),
    pytest.param(
        '<w:smartTag w:uri="u" w:element="date"><w:r><w:t>31/12/13</w:t></w:r></w:smartTag>',
        "31/12/13",
        id="smart-tag",
    ),
    pytest.param(
        '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Arial" w:char="2713"/>'
        "<w:t>Done</w:t></w:r>",
        "\u2713Done",
        id="symbols",
    ),
    pytest.param(
        '<w:customXml w:element="owner">' + run("Tony McGregor") + "</w:customXml>",
        "Tony McGregor",
        id="custom-xml",
    ),
]


@pytest.mark.parametrize(("inner", "expected"), INLINE_CASES)
def test_paragraph_text_is_what_the_page_shows(tmp_path: Path, inner: str, expected: str) -> None:
    doc = Document()
    append_xml(doc, f"<w:p>{inner}</w:p>")
    append_xml(doc, tbl([tc(paras=f"<w:p>{inner}</w:p>")], 1))
    layout = read(doc, tmp_path)
    assert layout.blocks[0] == Paragraph(expected, False, "Normal")
    assert only_table(layout).cells[0].paras == [Para(expected)]


@pytest.mark.parametrize(
    "inner",
    [
        FLD_BEGIN + instr(" PAGE "),  # field never closed
        FLD_END + FLD_SEP,  # stray field characters
        '<w:del w:id="1" w:author="a"><w:r><w:delText>gone</w:delText></w:r></w:del>',
        "<w:r><w:t/></w:r>",
        run("   "),
    ],
    ids=["unclosed-field", "stray-field-chars", "all-deleted", "empty-t", "spaces"],
)
def test_paragraph_without_visible_text_is_dropped(tmp_path: Path, inner: str) -> None:
    doc = Document()
    append_xml(doc, f"<w:p>{inner}</w:p>")
    doc.add_paragraph("after")
    assert read(doc, tmp_path).blocks == [Paragraph("after", False, "Normal")]


def test_line_breaks(tmp_path: Path) -> None:
    broken = (
        run("Liz Murphy") + "<w:r><w:br/></w:r>" + run("Independent Chair") + "<w:r><w:cr/></w:r>"
    )
    doc = Document()
    append_xml(
        doc,
        f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{run("Area 1")}<w:r><w:br/></w:r>{run("Board")}</w:p>',
    )
    append_xml(doc, f"<w:p>{broken}</w:p>")
    append_xml(
        doc,
        tbl(
            [
                tc(paras=f"<w:p>{broken}</w:p>")
                + tc(
                    paras='<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>'
                    + run("Timetable in place")
                    + "<w:r><w:br/></w:r>"
                    + run("presented to April Exec")
                    + "</w:p>"
                )
            ],
            2,
        ),
    )
    layout = read(doc, tmp_path)
    assert layout.blocks[:2] == [
        Heading("Area 1 Board", 1),
        Paragraph("Liz Murphy\nIndependent Chair", False, "Normal"),
    ]
    owner, progress = only_table(layout).cells
    assert owner.paras == [Para("Liz Murphy"), Para("Independent Chair")]
    assert progress.paras == [Para("Timetable in place", True), Para("presented to April Exec")]
    assert progress.text == "• Timetable in place\npresented to April Exec"


def test_altchunk_gives_a_warning(tmp_path: Path) -> None:
    doc = Document()
    append_xml(doc, f'<w:altChunk {NS} r:id="rId99"/>')
    doc.add_paragraph("after")
    layout = read(doc, tmp_path)
    assert layout.blocks == [Paragraph("after", False, "Normal")]
    assert [code for code, _, _ in layout.warnings] == ["docx_altchunk"]


def test_macro_enabled_document_is_read(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Macro plan")
    data = replace_part(
        save(doc, tmp_path),
        "[Content_Types].xml",
        lambda xml: xml.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml",
        ),
    )
    assert b"macroEnabled" in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    assert read_docx(data, "plan.docm").blocks == [Paragraph("Macro plan", False, "Normal")]


def test_text_box_in_body_is_read_once(tmp_path: Path) -> None:
    box = f"<w:txbxContent><w:p>{run('Key: RED – Overdue')}</w:p></w:txbxContent>"
    doc = Document()
    append_xml(
        doc,
        "<w:p>"
        + run("Anchor")
        + '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        + box
        + "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        + box
        + "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
    )
    assert read(doc, tmp_path).blocks == [
        Paragraph("Anchor", False, "Normal"),
        Paragraph("Key: RED – Overdue", False, "Normal"),
    ]


# ---------------------------------------------------------------------------------------
# Tables


def test_merges_built_with_python_docx(tmp_path: Path) -> None:
    doc = Document()
    table = doc.add_table(rows=3, cols=3)
    for r, texts in enumerate(
        [("Outcome", "Activity", "Owner"), ("", "1. Refresh", "Liz"), ("", "2. Embed", "Tony")]
    ):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    table.cell(1, 0).text = "Increased visibility"
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(0, 1).merge(table.cell(0, 2))
    t = only_table(read(doc, tmp_path))
    assert (t.n_rows, t.n_cols) == (3, 3)
    assert cell_summary(t) == [
        (0, 0, 1, 1, "Outcome"),
        (0, 1, 1, 2, "Activity\nOwner"),
        (1, 0, 2, 1, "Increased visibility"),
        (1, 1, 1, 1, "1. Refresh"),
        (1, 2, 1, 1, "Liz"),
        (2, 1, 1, 1, "2. Embed"),
        (2, 2, 1, 1, "Tony"),
    ]


def test_vertical_and_horizontal_merges_from_raw_xml(tmp_path: Path) -> None:
    restart = '<w:vMerge w:val="restart"/>'
    cont = "<w:vMerge/>"
    rows = [
        tc("Outcome") + tc("Activity", '<w:gridSpan w:val="2"/>') + tc("RAG"),
        tc("Increased visibility", restart)
        + tc("1.")
        + tc("Refresh protocol")
        + tc("Green", restart),
        tc("", cont) + tc("2.") + tc("Embed protocol") + tc("", '<w:vMerge w:val="continue"/>'),
        # a continue cell carrying text: kept once, in the merged cell
        tc("of the DSCB", cont) + tc("3.") + tc("Appoint lay members") + tc("Amber"),
    ]
    doc = Document()
    append_xml(doc, tbl(rows, 4))
    t = only_table(read(doc, tmp_path))
    assert (t.n_rows, t.n_cols, t.header_rows) == (4, 4, 0)
    assert cell_summary(t) == [
        (0, 0, 1, 1, "Outcome"),
        (0, 1, 1, 2, "Activity"),
        (0, 3, 1, 1, "RAG"),
        (1, 0, 3, 1, "Increased visibility\nof the DSCB"),
        (1, 1, 1, 1, "1."),
        (1, 2, 1, 1, "Refresh protocol"),
        (1, 3, 2, 1, "Green"),
        (2, 1, 1, 1, "2."),
        (2, 2, 1, 1, "Embed protocol"),
        (3, 1, 1, 1, "3."),
        (3, 2, 1, 1, "Appoint lay members"),
        (3, 3, 1, 1, "Amber"),
    ]
    grid = t.grid()
    merged = t.cells[3]
    assert grid[2][0] == Covered(merged) and grid[3][0] == Covered(merged)
    assert grid[0][2] == Covered(t.cells[1])
    all_text = "\n".join(c.text for c in t.cells)
    assert all_text.count("Increased visibility") == 1 and all_text.count("of the DSCB") == 1


@pytest.mark.parametrize(
    ("rows", "row_pr", "expected", "n_cols"),
    [
        pytest.param(
            [tc("a") + tc("b") + tc("c"), tc("sub-row") + tc("d")],
            ["", '<w:gridBefore w:val="1"/>'],
            [
                (0, 0, 1, 1, "a"),
                (0, 1, 1, 1, "b"),
                (0, 2, 1, 1, "c"),
                (1, 1, 1, 1, "sub-row"),
                (1, 2, 1, 1, "d"),
            ],
            3,
            id="gridBefore-shifts-columns",
        ),
        pytest.param(
            [tc("a") + tc("b") + tc("c"), tc("short")],
            ["", '<w:gridAfter w:val="2"/>'],
            [(0, 0, 1, 1, "a"), (0, 1, 1, 1, "b"), (0, 2, 1, 1, "c"), (1, 0, 1, 1, "short")],
            3,
            id="gridAfter-leaves-columns-empty",
        ),
        pytest.param(
            [tc("x", '<w:vMerge w:val="restart"/>') + tc("y"), tc("", '<w:gridSpan w:val="2"/>')],
            ["", ""],
            [(0, 0, 1, 1, "x"), (0, 1, 1, 1, "y"), (1, 0, 1, 2, "")],
            2,
            id="restart-then-plain-cell-ends-merge",
        ),
        pytest.param(
            [
                tc("a") + tc("b"),
                tc("orphan", "<w:vMerge/>") + tc("c"),
                tc("", "<w:vMerge/>") + tc("d"),
            ],
            ["", "", ""],
            [
                (0, 0, 1, 1, "a"),
                (0, 1, 1, 1, "b"),
                (1, 0, 2, 1, "orphan"),
                (1, 1, 1, 1, "c"),
                (2, 1, 1, 1, "d"),
            ],
            2,
            id="continue-without-restart-starts-a-merge",
        ),
        pytest.param(
            [tc("wide", '<w:hMerge w:val="restart"/>') + tc("", "<w:hMerge/>") + tc("z")],
            [""],
            [(0, 0, 1, 2, "wide"), (0, 2, 1, 1, "z")],
            3,
            id="legacy-hMerge",
        ),
        pytest.param(
            [tc("a") + tc("b") + tc("c") + tc("overflow")],
            [""],
            [(0, 0, 1, 1, "a"), (0, 1, 1, 1, "b"), (0, 2, 1, 1, "c"), (0, 3, 1, 1, "overflow")],
            4,
            id="row-wider-than-grid",
        ),
        pytest.param(
            [tc("kept"), tc("deleted row"), tc("also kept")],
            ["", '<w:del w:id="1" w:author="a"/>', ""],
            [(0, 0, 1, 1, "kept"), (1, 0, 1, 1, "also kept")],
            3,
            id="tracked-deleted-row-dropped",
        ),
        pytest.param(
            [tc("bad span", '<w:gridSpan w:val="x"/>') + tc("ok", '<w:gridSpan w:val="-3"/>')],
            [""],
            [(0, 0, 1, 1, "bad span"), (0, 1, 1, 1, "ok")],
            3,
            id="invalid-span-values",
        ),
    ],
)
def test_grid_positions(
    tmp_path: Path,
    rows: list[str],
    row_pr: list[str],
    expected: list[tuple[int, int, int, int, str]],
    n_cols: int,
) -> None:
    doc = Document()
    append_xml(doc, tbl(rows, 3 if n_cols != 2 else 2, row_pr))
    t = only_table(read(doc, tmp_path))
    assert cell_summary(t) == expected
    assert t.n_cols == n_cols
    assert t.n_rows == len(rows) - sum("w:del" in pr for pr in row_pr)


@pytest.mark.parametrize(
    ("row_pr", "header_rows"),
    [
        (["<w:tblHeader/>", '<w:tblHeader w:val="true"/>', "", "<w:tblHeader/>"], 2),
        (["", "<w:tblHeader/>", "", ""], 0),
        (['<w:tblHeader w:val="0"/>', "", "", ""], 0),
        (["<w:tblHeader/>"] * 4, 4),
    ],
    ids=["two-leading", "not-leading", "switched-off", "all"],
)
def test_header_rows(tmp_path: Path, row_pr: list[str], header_rows: int) -> None:
    doc = Document()
    append_xml(doc, tbl([tc(str(i)) for i in range(4)], 1, row_pr))
    assert only_table(read(doc, tmp_path)).header_rows == header_rows


def test_header_row_set_with_python_docx(tmp_path: Path) -> None:
    doc = Document()
    table = doc.add_table(rows=3, cols=2)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    assert only_table(read(doc, tmp_path)).header_rows == 1


def test_nested_table_goes_to_cell_tables_only(tmp_path: Path) -> None:
    inner = tbl([tc("Milestone") + tc("Date"), tc("Launch") + tc("By 31/12/13")], 2)
    doc = Document()
    append_xml(
        doc, tbl([tc("Priority") + tc(paras=f"<w:p>{run('Key actions')}</w:p>{inner}<w:p/>")], 2)
    )
    t = only_table(read(doc, tmp_path))
    outer_cell = t.cells[1]
    assert outer_cell.paras == [Para("Key actions")]
    assert len(outer_cell.tables) == 1
    assert cell_summary(outer_cell.tables[0]) == [
        (0, 0, 1, 1, "Milestone"),
        (0, 1, 1, 1, "Date"),
        (1, 0, 1, 1, "Launch"),
        (1, 1, 1, 1, "By 31/12/13"),
    ]
    assert "Launch" in list(read(doc, tmp_path).texts())


def test_cell_list_items_and_levels(tmp_path: Path) -> None:
    def numbered(text: str, ilvl: int) -> str:
        return (
            f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f"{run(text)}</w:p>"
        )

    paras = (
        f"<w:p>{run('Actions:')}</w:p>"
        + numbered("Recruit lay members", 0)
        + numbered("advert in May", 1)
        + f'<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>{run("Report to Exec")}</w:p>'
        + "<w:p/>"
    )
    doc = Document()
    append_xml(doc, tbl([tc(paras=paras)], 1))
    cell = only_table(read(doc, tmp_path)).cells[0]
    assert cell.paras == [
        Para("Actions:"),
        Para("Recruit lay members", True, 0),
        Para("advert in May", True, 1),
        Para("Report to Exec", True, 0),
    ]
    assert cell.text == "Actions:\n• Recruit lay members\n• advert in May\n• Report to Exec"


def test_paragraph_properties_are_read_per_paragraph_in_a_long_table(tmp_path: Path) -> None:
    """The reader works a paragraph's style and numbering out once per combination of
    properties; paragraphs that differ in any of them must still come out different."""

    def para(ppr: str, text: str) -> str:
        return f"<w:p><w:pPr>{ppr}</w:pPr>{run(text)}</w:p>"

    bullet = '<w:pStyle w:val="ListBullet"/>'
    cells = [
        para(bullet, "bullet"),
        para(bullet + '<w:numPr><w:numId w:val="0"/></w:numPr>', "numbering removed"),
        para('<w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>', "level two"),
        para('<w:numPr><w:ilvl/><w:numId w:val="1"/></w:numPr>', "level without value"),
        para('<w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>', "level two again"),
        para("", "plain"),
    ]
    doc = Document()
    append_xml(doc, tbl([tc(paras=body) for body in cells], 1))
    table = only_table(read(doc, tmp_path))
    assert [c.paras for c in table.cells] == [
        [Para("bullet", True, 0)],
        [Para("numbering removed")],
        [Para("level two", True, 2)],
        [Para("level without value", True, 0)],
        [Para("level two again", True, 2)],
        [Para("plain")],
    ]


def test_content_controls_around_rows_and_cells(tmp_path: Path) -> None:
    row_in_sdt = (
        "<w:sdt><w:sdtPr/><w:sdtContent><w:tr>"
        + tc("Row in control")
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + tc("Cell in control")
        + "</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
    )
    cell_body = (
        f"<w:sdt><w:sdtPr/><w:sdtContent><w:p>{run('Para in control')}</w:p></w:sdtContent></w:sdt>"
    )
    xml = tbl([tc("a") + tc(paras=cell_body)], 2).replace("</w:tbl>", row_in_sdt + "</w:tbl>")
    doc = Document()
    append_xml(doc, xml)
    t = only_table(read(doc, tmp_path))
    assert cell_summary(t) == [
        (0, 0, 1, 1, "a"),
        (0, 1, 1, 1, "Para in control"),
        (1, 0, 1, 1, "Row in control"),
        (1, 1, 1, 1, "Cell in control"),
    ]


# ---------------------------------------------------------------------------------------
# Fills


@pytest.mark.parametrize(
    ("tc_pr", "fill"),
    [
        ('<w:shd w:val="clear" w:color="auto" w:fill="FF0000"/>', "#FF0000"),
        ('<w:shd w:val="clear" w:color="auto" w:fill="ffc000"/>', "#FFC000"),
        ('<w:shd w:val="clear" w:color="auto" w:fill="auto"/>', None),
        ('<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/>', None),
        ('<w:shd w:val="nil" w:fill="FF0000"/>', None),
        ('<w:shd w:val="clear" w:fill="not-a-colour"/>', None),
        ("", None),
        ('<w:shd w:val="solid" w:color="00B050" w:fill="auto"/>', "#00B050"),
        ('<w:shd w:val="pct25" w:color="auto" w:fill="auto"/>', "#BFBFBF"),
        ('<w:shd w:val="pct50" w:color="FF0000" w:fill="FFFF00"/>', "#FF8000"),
        # Theme colours of python-docx's default template: accent2 C0504D, accent3 9BBB59.
        ('<w:shd w:val="clear" w:color="auto" w:fill="C0504D" w:themeFill="accent2"/>', "#C0504D"),
        ('<w:shd w:val="clear" w:color="auto" w:fill="000000" w:themeFill="accent3"/>', "#9BBB59"),
        (
            '<w:shd w:val="clear" w:fill="D99594" w:themeFill="accent2" w:themeFillTint="99"/>',
            "#D99694",
        ),
        (
            '<w:shd w:val="clear" w:fill="943634" w:themeFill="accent2" w:themeFillShade="BF"/>',
            "#953735",
        ),
        ('<w:shd w:val="clear" w:fill="FFFFFF" w:themeFill="background1"/>', None),
        ('<w:shd w:val="clear" w:themeFill="text2"/>', "#1F497D"),
        ('<w:shd w:val="clear" w:fill="92D050" w:themeFill="accent9"/>', "#92D050"),
    ],
    ids=[
        "hex",
        "lower-case-hex",
        "auto",
        "white",
        "nil-pattern",
        "bad-hex",
        "no-shading",
        "solid-pattern",
        "pct25-grey",
        "pct50-mix",
        "theme",
        "theme-beats-stored-fill",
        "theme-tint",
        "theme-shade",
        "theme-white",
        "theme-text2",
        "unknown-theme-slot-falls-back",
    ],
)
def test_cell_fill(tmp_path: Path, tc_pr: str, fill: str | None) -> None:
    doc = Document()
    append_xml(doc, tbl([tc("Green", tc_pr)], 1))
    assert only_table(read(doc, tmp_path)).cells[0].fill == fill


def test_theme_fill_without_theme_part_uses_stored_fill(tmp_path: Path) -> None:
    doc = Document()
    append_xml(
        doc,
        tbl(
            [
                tc(
                    "x",
                    '<w:shd w:val="clear" w:fill="D99594" w:themeFill="accent2" w:themeFillTint="99"/>',
                )
            ],
            1,
        ),
    )
    data = replace_part(
        drop_part(save(doc, tmp_path), "word/theme/theme1.xml"),
        "word/_rels/document.xml.rels",
        lambda xml: re.sub(rb'<Relationship [^>]*Target="theme/theme1.xml"/>', b"", xml),
    )
    assert only_table(read_docx(data, "plan.docx")).cells[0].fill == "#D99594"


def shaded_para(text: str, colour: str) -> str:
    return f'<w:p><w:pPr><w:shd w:val="clear" w:fill="{colour}"/></w:pPr>{run(text)}</w:p>'


def shaded_run(text: str, rpr: str) -> str:
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize(
    ("paras", "fill"),
    [
        (shaded_para("Red", "FF0000") + "<w:p/>", "#FF0000"),
        (shaded_para("Red", "FF0000") + shaded_para("still red", "ff0000"), "#FF0000"),
        (shaded_para("Red", "FF0000") + shaded_para("Amber", "FFC000"), None),
        (shaded_para("Red", "FF0000") + f"<w:p>{run('plain')}</w:p>", None),
        (
            "<w:p>"
            + shaded_run("Gre", '<w:shd w:val="clear" w:fill="00B050"/>')
            + shaded_run("en ", '<w:shd w:val="clear" w:fill="00B050"/>')
            + run(" ")
            + "</w:p>",
            "#00B050",
        ),
        ("<w:p>" + shaded_run("Amber", '<w:highlight w:val="yellow"/>') + "</w:p>", "#FFFF00"),
        (
            "<w:p>" + shaded_run("half", '<w:highlight w:val="yellow"/>') + run("plain") + "</w:p>",
            None,
        ),
    ],
    ids=[
        "one-para",
        "two-paras-same",
        "two-colours",
        "one-unshaded",
        "runs",
        "highlight",
        "part-highlight",
    ],
)
def test_fill_from_text_shading(tmp_path: Path, paras: str, fill: str | None) -> None:
    doc = Document()
    append_xml(doc, tbl([tc(paras=paras)], 1))
    assert only_table(read(doc, tmp_path)).cells[0].fill == fill


def test_cell_shading_wins_over_text_shading(tmp_path: Path) -> None:
    doc = Document()
    append_xml(
        doc,
        tbl([tc(pr='<w:shd w:val="clear" w:fill="00B050"/>', paras=shaded_para("x", "FF0000"))], 1),
    )
    assert only_table(read(doc, tmp_path)).cells[0].fill == "#00B050"


# ---------------------------------------------------------------------------------------
# Furniture


def test_headers_and_footers_of_all_sections(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Body")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "DSCB Improvement Plan"
    footer = section.footer
    footer.paragraphs[0].text = "FINAL version.doc"
    legend = footer.add_table(rows=1, cols=4, width=Inches(6))
    for cell, text, colour in zip(
        legend.rows[0].cells,
        ["RED – Overdue", "Amber – At Risk", "Yellow – On Schedule", "Green - Complete"],
        ["FF0000", "FFC000", "FFFF00", "00B050"],
        strict=True,
    ):
        cell.text = text
        cell._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="{colour}"/>')
        )
    page = footer.add_paragraph("Page ")
    page._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    section.different_first_page_header_footer = True
    section.first_page_footer.paragraphs[0].text = "FINAL version.doc"  # same text: kept once
    section.first_page_header.paragraphs[0].text = "Cover page"
    section.even_page_header.paragraphs[0].text = "Even pages"

    second = doc.add_section()
    second.footer.is_linked_to_previous = False
    second.footer.paragraphs[0].text = "Appendix A"
    doc.add_paragraph("More body")

    layout = read(doc, tmp_path)
    assert layout.furniture == [
        "DSCB Improvement Plan",
        "Cover page",
        "Even pages",
        "FINAL version.doc",
        "RED – Overdue Amber – At Risk Yellow – On Schedule Green - Complete",
        "Page 1",
        "Appendix A",
    ]
    assert [b.text for b in layout.blocks if isinstance(b, Paragraph)] == ["Body", "More body"]
    assert layout.tables() == []


def test_text_box_in_footer(tmp_path: Path) -> None:
    doc = Document()
    footer_p = doc.sections[0].footer.paragraphs[0]._p
    footer_p.append(
        parse_xml(
            f"<w:r {NS}><w:pict><v:textbox><w:txbxContent><w:p>{run('Key: Green - Complete')}</w:p>"
            "</w:txbxContent></v:textbox></w:pict></w:r>"
        )
    )
    assert read(doc, tmp_path).furniture == ["Key: Green - Complete"]


# ---------------------------------------------------------------------------------------
# Bad input


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    return buf.getvalue()


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def replace_part(data: bytes, part: str, change: object) -> bytes:
    entries = zip_entries(data)
    entries[part] = change(entries[part]) if callable(change) else change  # type: ignore[assignment]
    return zip_bytes(entries)


def drop_part(data: bytes, part: str) -> bytes:
    entries = zip_entries(data)
    del entries[part]
    return zip_bytes(entries)


@pytest.fixture(scope="module")
def valid_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    doc = Document()
    doc.add_paragraph("A plan")
    return save(doc, tmp_path_factory.mktemp("valid"))


LAUGHS = '<!ENTITY lol "lollollollollollollollollollol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
)
W_DOC = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda ok: b"PK\x05\x06" + b"\0" * 18, "no word/document.xml", id="empty-zip"),
        pytest.param(
            lambda ok: b"This is not a Word document", "not a zip archive", id="not-a-zip"
        ),
        pytest.param(lambda ok: b"", "not a zip archive", id="no-bytes"),
        pytest.param(lambda ok: ok[: len(ok) // 2], "not a zip archive", id="truncated"),
        pytest.param(
            lambda ok: drop_part(ok, "word/document.xml"),
            "no word/document.xml",
            id="no-document-xml",
        ),
        pytest.param(
            lambda ok: zip_bytes({"word/document.xml": b"<w:document/>"}),
            "cannot open",
            id="no-content-types",
        ),
        pytest.param(
            lambda ok: replace_part(ok, "word/document.xml", b"<w:document><unclosed>"),
            "cannot open",
            id="malformed-xml",
        ),
        pytest.param(
            lambda ok: replace_part(ok, "word/document.xml", b"<html><body/></html>"),
            "not a WordprocessingML document",
            id="wrong-root",
        ),
        pytest.param(
            lambda ok: replace_part(
                ok,
                "word/document.xml",
                f'<?xml version="1.0"?><!DOCTYPE lolz [{LAUGHS}]>{W_DOC}<w:body><w:p><w:r>'
                "<w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>".encode(),
            ),
            "cannot open",
            id="billion-laughs",
        ),
        pytest.param(
            lambda ok: replace_part(
                ok,
                "word/styles.xml",
                f'<?xml version="1.0"?><!DOCTYPE lolz [{LAUGHS}]>'
                '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'w:x="&lol9;"/>'.encode(),
            ),
            "cannot open",
            id="billion-laughs-in-attribute-of-another-part",
        ),
        pytest.param(
            lambda ok: zip_bytes(
                {f"f{i}": b"" for i in range(10_001)} | {"word/document.xml": b""}
            ),
            "10002 entries",
            id="too-many-entries",
        ),
    ],
)
def test_bad_input_is_refused(valid_docx: bytes, make: object, message: str) -> None:
    data = make(valid_docx)  # type: ignore[operator]
    with pytest.raises(DocumentReadError) as info:
        read_docx(data, "bad.docx")
    assert info.value.path == "bad.docx"
    assert message in info.value.message


def test_external_entity_is_not_resolved(valid_docx: bytes, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]>{W_DOC}'
        "<w:body><w:p><w:r><w:t>before &x; after</w:t></w:r></w:p></w:body></w:document>"
    )
    data = replace_part(valid_docx, "word/document.xml", xml.encode())
    try:
        layout = read_docx(data, "xxe.docx")
    except DocumentReadError:
        return
    assert not any("TOP-SECRET" in text for text in layout.texts())


def bomb_docx(valid: bytes, size: int) -> bytes:
    """A valid .docx plus one part of ``size`` zero bytes (compresses ~1000:1)."""
    buf = io.BytesIO()
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, content in zip_entries(valid).items():
            zf.writestr(name, content)
        with zf.open("word/media/image1.bin", "w", force_zip64=True) as part:
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (300 << 20, "refusing to decompress word/media/image1.bin (300.0 MB"),
        (20 << 20, "possible zip bomb"),
    ],
    ids=["300MB-part", "20MB-part-at-high-ratio"],
)
def test_zip_bomb_is_refused_before_decompressing(
    valid_docx: bytes, size: int, message: str
) -> None:
    data = bomb_docx(valid_docx, size)
    assert len(data) < size // 100
    with pytest.raises(DocumentReadError, match="possible zip bomb") as info:
        read_docx(data, "bomb.docx")
    assert message in info.value.message


def test_many_small_parts_over_the_total_are_refused(valid_docx: bytes) -> None:
    entries = zip_entries(valid_docx)
    buf = io.BytesIO()
    part = b"x" * (9 << 20)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    # 9 MB parts stay below the per-part ratio check; 23 of them pass the 200 MB total.
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i in range(23):
            zf.writestr(f"word/media/part{i}.bin", part)
    with pytest.raises(DocumentReadError, match=r"MB in total \(possible zip bomb\)"):
        read_docx(buf.getvalue(), "bomb.docx")


def test_valid_fixture_reads(valid_docx: bytes) -> None:
    assert read_docx(valid_docx, "ok.docx").blocks == [Paragraph("A plan", False, "Normal")]


def test_cell_objects_are_layout_cells(tmp_path: Path) -> None:
    doc = Document()
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "x"
    cell = only_table(read(doc, tmp_path)).cells[0]
    assert cell == Cell(0, 0, [Para("x")], 1, 1, None, [], [])


def test_impossibly_wide_row_is_capped_and_text_kept(tmp_path: Path) -> None:
    doc = Document()
    append_xml(doc, tbl([tc("Outcome", '<w:gridSpan w:val="999999999"/>') + tc("overflow")], 1))
    layout = read(doc, tmp_path)
    t = only_table(layout)
    assert cell_summary(t) == [(0, 0, 1, 1000, "Outcome\noverflow")]
    assert t.n_cols == 1000
    assert [code for code, _, _ in layout.warnings] == ["docx_table_too_wide"]
