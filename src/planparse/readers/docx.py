"""Word (.docx) reader: the bytes of a .docx file -> :class:`~planparse.layout.Layout`.

Stages, each a small function:

1. :func:`check_archive` opens the zip with :mod:`zipfile` and refuses what is not a
   Word package or would decompress to far more than any real document (zip bombs);
2. :func:`open_package` loads the package with python-docx's OPC layer, which follows the
   relationships and parses every XML part with ``resolve_entities=False`` (and libxml2
   stops entity expansion bombs), so no external entity is ever fetched;
3. :func:`body_to_blocks` walks the body in document order into headings, paragraphs and
   tables (:func:`table_to_layout` turns one ``w:tbl`` into a grid of cells with spans
   and fills);
4. :func:`furniture_lines` collects the text of every section's headers and footers.

Word stores no pages, so nothing here has a page number and ``Layout.pages`` is None.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.part import Part, XmlPart
from docx.oxml.parser import parse_xml
from lxml import etree

from ..errors import DocumentReadError
from ..layout import Block, Cell, Heading, Layout, Para, Paragraph, Table
from . import _docx_xml as X

MAX_ENTRIES = 10_000
"""Most zip entries a .docx may have (a large real report has a few hundred)."""
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
"""Most bytes all parts together may decompress to."""
MAX_RATIO = 200
"""Highest compression ratio allowed for a part bigger than :data:`RATIO_CHECK_FROM`."""
RATIO_CHECK_FROM = 10 * 1024 * 1024

MAX_TABLE_COLS = 1000
"""Widest table grid accepted (Word allows 63 columns); guards ``Table.grid()`` memory."""

DOCUMENT_XML = "word/document.xml"


def read_docx(data: bytes, name: str) -> Layout:
    """Read the Word document ``data`` (the bytes of file ``name``) into a layout.

    Raises :class:`~planparse.errors.DocumentReadError` for anything that is not a
    readable Word package, including zip bombs and XML entity bombs.
    """
    check_archive(data, name)
    from ._zip_budget import ZipBudget, inflate_members, repack_stored

    # Inflated here as a stream under a running budget; the loader only copies (issue 14).
    members = inflate_members(data, name, ZipBudget(MAX_TOTAL_UNCOMPRESSED, MAX_TOTAL_UNCOMPRESSED))
    main = open_package(repack_stored(members), name)
    try:
        return package_to_layout(main)
    except (ValueError, KeyError, IndexError, RecursionError, etree.LxmlError) as err:
        raise DocumentReadError(f"cannot read the Word document ({_describe(err)})", name) from err


# ---------------------------------------------------------------------------------------
# Stage 1 and 2: archive checks and package loading


def check_archive(data: bytes, name: str) -> None:
    """Refuse ``data`` unless it is a zip holding ``word/document.xml`` of sane size.

    Sizes are the ones the zip's central directory declares; :mod:`zipfile` stops
    decompressing at the declared size (and then fails its CRC check), so bounding the
    declared sizes bounds what python-docx will inflate.
    """
    from ._zip_budget import check_declared_sizes

    check_declared_sizes(
        data, name, kind="docx", required=DOCUMENT_XML, max_total=MAX_TOTAL_UNCOMPRESSED,
        ratio_from=RATIO_CHECK_FROM, max_ratio=MAX_RATIO, max_entries=MAX_ENTRIES,
    )


def open_package(data: bytes, name: str) -> Part:
    """Load the package and return its main document part.

    python-docx's ``Document()`` is not used because it rejects macro-enabled documents
    and templates (.docm, .dotx), which Word reads like any other.
    """
    try:
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
        root = element_of(main)
    # The package loader can fail in many ways on a hostile file (bad zip members,
    # encrypted entries, missing parts, XML errors, entity bombs); all mean "unreadable".
    except Exception as err:
        raise DocumentReadError(f"cannot open the Word document ({_describe(err)})", name) from err
    if root.tag != X.w("document") or root.find(X.w("body")) is None:
        raise DocumentReadError(
            "not a valid .docx (the main part is not a WordprocessingML document; "
            "Strict Open XML is not supported)",
            name,
        )
    return main


def _describe(err: BaseException) -> str:
    """The error on one line, in at most 160 characters (an XML error could span two lines)."""
    text = " ".join(str(err).split())
    if len(text) > 160:
        text = text[:157].rstrip() + "..."
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def element_of(part: Part) -> etree._Element:
    """Root XML element of a part; parts python-docx keeps as bytes are parsed safely."""
    if isinstance(part, XmlPart):
        return part.element
    return parse_xml(part.blob)


def _related_element(part: Part, reltype: str) -> etree._Element | None:
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return element_of(rel.target_part)
    return None


# ---------------------------------------------------------------------------------------
# Stage 3: body


@dataclass(slots=True)
class _Context:
    """What every stage needs to know about the document beyond the element at hand."""

    styles: X.Styles
    theme: dict[str, str]
    warnings: list[tuple[str, str, int | None]] = field(default_factory=list)

    def warn(self, code: str, message: str) -> None:
        if (code, message, None) not in self.warnings:
            self.warnings.append((code, message, None))


def package_to_layout(main: Part) -> Layout:
    """Layout of a loaded package: body blocks, furniture and the reader's warnings."""
    root = element_of(main)
    ctx = _Context(
        styles=X.Styles(_related_element(main, RT.STYLES)),
        theme=X.theme_colours(_related_element(main, RT.THEME)),
    )
    body = root.find(X.w("body"))
    assert body is not None  # checked by open_package
    blocks = body_to_blocks(body, ctx)
    furniture = furniture_lines(main, body, ctx)
    return Layout(blocks=blocks, furniture=furniture, pages=None, warnings=ctx.warnings)


def body_to_blocks(container: etree._Element, ctx: _Context) -> list[Block]:
    """Headings, paragraphs and tables of a body (or text box), in document order."""
    blocks: list[Block] = []
    for el in X.blocks_of(container, _BODY_BLOCKS):
        if el.tag == X.P:
            block = paragraph_to_block(el, ctx)
            if block is not None:
                blocks.append(block)
            for box in X.paragraph_textboxes(el):
                blocks.extend(body_to_blocks(box, ctx))
        elif el.tag == X.TBL:
            blocks.append(table_to_layout(el, ctx))
        else:
            ctx.warn("docx_altchunk", "an embedded document part (altChunk) was not read")
    return blocks


_ALT_CHUNK = X.w("altChunk")
_BODY_BLOCKS = (X.P, X.TBL, _ALT_CHUNK)
_CELL_BLOCKS = (X.P, X.TBL)


def paragraph_to_block(p: etree._Element, ctx: _Context) -> Heading | Paragraph | None:
    """A body paragraph as a heading (Title, Heading N, outline level) or a paragraph.

    Line breaks inside a heading become spaces; inside a paragraph they stay as "\\n".
    Returns None for a paragraph without visible text.
    """
    lines = X.paragraph_lines(p)
    if not lines:
        return None
    info = ctx.styles.paragraph_info(p)
    if info.heading_level is not None:
        return Heading(" ".join(lines), info.heading_level)
    return Paragraph("\n".join(lines), info.list_item, info.style)


def paragraph_to_paras(
    p: etree._Element, ctx: _Context, lines: list[str] | None = None
) -> list[Para]:
    """A cell paragraph as :class:`Para` objects, one per line (``lines``, when the caller
    already has them, are its :func:`~._docx_xml.paragraph_lines`).

    A line break inside a bulleted paragraph continues the same item, so only the first
    line is marked as a list item.
    """
    if lines is None:
        lines = X.paragraph_lines(p)
    if not lines:
        return []
    info = ctx.styles.paragraph_info(p)
    if not info.list_item:
        return [Para(line) for line in lines]
    return [Para(line, i == 0, info.level) for i, line in enumerate(lines)]


# ---------------------------------------------------------------------------------------
# Tables


def table_to_layout(tbl: etree._Element, ctx: _Context) -> Table:
    """One ``w:tbl`` as a grid of cells.

    ``w:gridSpan`` gives a cell's column span; a vertical merge (``w:vMerge`` restart
    followed by continue cells in the same column) is one cell with a row span, holding
    any text the continue cells carry. ``w:gridBefore`` shifts a row's first cell right.
    Tracked-deleted rows are left out. ``header_rows`` counts the leading rows marked
    "repeat as header row".
    """
    n_cols = min(len(tbl.findall(_GRID_COLS)), MAX_TABLE_COLS)
    cells: list[Cell] = []
    header_rows = 0
    in_header = True
    open_merges: dict[int, Cell] = {}
    rows = [tr for tr in _table_rows(tbl) if not _row_deleted(tr)]
    for r, tr in enumerate(rows):
        tr_pr = X.first_child(tr, X.TRPR)
        if in_header and tr_pr is not None and X.is_on(X.first_child(tr_pr, _TBL_HEADER)):
            header_rows += 1
        else:
            in_header = False
        before = X.int_attr(X.first_child(tr_pr, _GRID_BEFORE) if tr_pr is not None else None, 0)
        col = min(max(0, before), MAX_TABLE_COLS - 1)
        still_open: dict[int, Cell] = {}
        previous: Cell | None = None
        for tc in _row_cells(tr):
            tc_pr = X.first_child(tc, X.TCPR)
            span = 1
            v_merge: str | None = None
            h_continue = False
            if tc_pr is not None:
                span_el = v_el = h_el = None
                for prop in tc_pr:  # the first of each, as find() would give
                    tag = prop.tag
                    if tag == _GRID_SPAN and span_el is None:
                        span_el = prop
                    elif tag == _V_MERGE and v_el is None:
                        v_el = prop
                    elif tag == _H_MERGE and h_el is None:
                        h_el = prop
                span = max(1, X.int_attr(span_el, 1))
                if v_el is not None:
                    v_merge = v_el.get(X.VAL, "continue")
                h_continue = h_el is not None and h_el.get(X.VAL, "continue") == "continue"
            paras, tables, shown = _cell_parts(tc, ctx)
            if col >= MAX_TABLE_COLS and previous is not None:
                # Keep the text of a hostile, impossibly wide row in the last cell that fits.
                ctx.warn("docx_table_too_wide", f"a table row runs past {MAX_TABLE_COLS} columns")
                previous.paras.extend(paras)
                previous.tables.extend(tables)
                continue
            span = min(span, MAX_TABLE_COLS - col)
            origin = open_merges.get(col) if v_merge == "continue" else None
            if h_continue and previous is not None:
                # Legacy horizontal merge: this cell widens the one to its left.
                previous.col_span += span
                previous.paras.extend(paras)
                previous.tables.extend(tables)
            elif origin is not None and origin.row + origin.row_span == r:
                origin.row_span += 1
                origin.paras.extend(paras)
                origin.tables.extend(tables)
                still_open[col] = origin
                previous = origin
            else:
                fill = _fill_of(tc_pr, shown, ctx)
                cell = Cell(r, col, paras, 1, span, fill, tables=tables)
                cells.append(cell)
                if v_merge is not None:
                    still_open[col] = cell
                previous = cell
            col += span
        after = X.int_attr(X.first_child(tr_pr, _GRID_AFTER) if tr_pr is not None else None, 0)
        col = min(col + max(0, after), MAX_TABLE_COLS)
        n_cols = max(n_cols, col)
        open_merges = still_open
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols, header_rows=header_rows)


_GRID_COLS = f"{X.w('tblGrid')}/{X.w('gridCol')}"
_TBL_HEADER, _GRID_BEFORE, _GRID_AFTER = X.w("tblHeader"), X.w("gridBefore"), X.w("gridAfter")
_GRID_SPAN, _V_MERGE, _H_MERGE, _DEL = X.w("gridSpan"), X.w("vMerge"), X.w("hMerge"), X.w("del")


def _table_rows(tbl: etree._Element) -> list[etree._Element]:
    """Rows of a table, looking through row-level content controls and custom XML."""
    return list(X.blocks_of(tbl, (X.TR,)))


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    return list(X.blocks_of(tr, (X.TC,)))


def _row_deleted(tr: etree._Element) -> bool:
    tr_pr = X.first_child(tr, X.TRPR)
    return tr_pr is not None and X.first_child(tr_pr, _DEL) is not None


def cell_content(container: etree._Element, ctx: _Context) -> tuple[list[Para], list[Table]]:
    """Paragraphs and nested tables of a cell (or of a text box inside one)."""
    paras, tables, _ = _cell_parts(container, ctx)
    return paras, tables


def _cell_parts(
    container: etree._Element, ctx: _Context
) -> tuple[list[Para], list[Table], list[etree._Element]]:
    """:func:`cell_content`, and the container's own paragraphs that show text (what
    :func:`cell_fill` looks at), so that no paragraph's text is read twice."""
    paras: list[Para] = []
    tables: list[Table] = []
    shown: list[etree._Element] = []
    for el in X.blocks_of(container, _CELL_BLOCKS):
        if el.tag == X.P:
            lines = X.paragraph_lines(el)
            if lines:
                shown.append(el)
                paras.extend(paragraph_to_paras(el, ctx, lines))
            for box in X.paragraph_textboxes(el):
                box_paras, box_tables, _ = _cell_parts(box, ctx)
                paras.extend(box_paras)
                tables.extend(box_tables)
        else:
            tables.append(table_to_layout(el, ctx))
    return paras, tables, shown


def cell_fill(tc: etree._Element, ctx: _Context) -> str | None:
    """Background of a cell as ``#RRGGBB``: its own shading, else its text's shading.

    When the cell itself is not shaded but every paragraph with text in it is shaded
    the same colour (paragraph shading, run shading or highlight), that colour is what
    the reader sees. Table-style conditional shading is not applied.
    """
    shown = [el for el in X.blocks_of(tc, (X.P,)) if X.paragraph_lines(el)]
    return _fill_of(X.first_child(tc, X.TCPR), shown, ctx)


def _fill_of(tc_pr: etree._Element | None, shown: list[etree._Element], ctx: _Context) -> str | None:
    """:func:`cell_fill` from the cell's ``w:tcPr`` and its paragraphs that show text."""
    fill = X.shading_colour(X.first_child(tc_pr, X.SHD), ctx.theme) if tc_pr is not None else None
    if fill is not None:
        return fill
    colours = {X.paragraph_shading(p, ctx.theme) for p in shown}
    return colours.pop() if len(colours) == 1 else None


# ---------------------------------------------------------------------------------------
# Stage 4: furniture


_HEADER_FOOTER_REFS = (X.w("headerReference"), X.w("footerReference"))
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def furniture_lines(main: Part, body: etree._Element, ctx: _Context) -> list[str]:
    """Distinct lines of text in the headers and footers of every section.

    Headers and footers are read as referenced by each section (default, first-page and
    even-page ones alike); per section headers come before footers, and default before
    first-page before even-page. A table in a
    header or footer gives one line per row, its cells joined by a space.
    """
    lines: list[str] = []
    seen_parts: set[str] = set()
    for sect_pr in body.iter(X.w("sectPr")):
        refs = [ref for ref in X.children(sect_pr) if ref.tag in _HEADER_FOOTER_REFS]
        refs.sort(key=_reference_order)
        for ref in refs:
            rel = main.rels.get(ref.get(f"{{{_R_NS}}}id", ""))
            if rel is None or rel.is_external:
                continue
            part = rel.target_part
            if str(part.partname) in seen_parts:
                continue
            seen_parts.add(str(part.partname))
            for line in _container_lines(element_of(part), ctx):
                if line not in lines:
                    lines.append(line)
    return lines


def _reference_order(ref: etree._Element) -> tuple[int, int]:
    kinds = ("default", "first", "even")
    kind = ref.get(X.w("type"), "default")
    return (
        _HEADER_FOOTER_REFS.index(ref.tag),
        kinds.index(kind) if kind in kinds else len(kinds),
    )


def _container_lines(container: etree._Element, ctx: _Context) -> list[str]:
    lines: list[str] = []
    for el in X.blocks_of(container, _CELL_BLOCKS):
        if el.tag == X.P:
            lines.extend(X.paragraph_lines(el))
            for box in X.paragraph_textboxes(el):
                lines.extend(_container_lines(box, ctx))
        else:
            lines.extend(_table_lines(table_to_layout(el, ctx)))
    return lines


def _table_lines(table: Table) -> list[str]:
    lines: list[str] = []
    nested: list[Table] = []
    for r in range(table.n_rows):
        texts: list[str] = []
        for cell in table.row_cells(r):
            texts.extend(p.text for p in cell.paras)
            nested.extend(cell.tables)
        if texts:
            lines.append(" ".join(texts))
    for inner in nested:
        lines.extend(_table_lines(inner))
    return lines
