"""Excel (.xlsx, .xlsm) reader: the bytes of a workbook -> :class:`~planparse.layout.Layout`.

Stages:

1. :func:`check_workbook_archive` refuses what is not a workbook package or would
   decompress to far more than any real tracker (zip bombs), as the Word reader does;
2. :func:`open_workbook` loads it with openpyxl (cached values of formulas, never the
   formulas; external links are not followed, openpyxl only keeps their cached values).
   openpyxl's read-only mode is not used: it gives neither merged ranges, row and column
   visibility nor conditional formatting, which trackers depend on;
3. :func:`worksheet_to_sheet` turns each visible worksheet into a :class:`~._sheet.Sheet`:
   printed text (dates as dd/mm/yyyy, whole numbers without ".0", percentages with "%"),
   resolved fills (RGB, theme colours with tints, indexed colours; then conditional
   formatting, see :mod:`._conditional`), bold and size, merges, print-title rows, the
   page header and footer. Hidden rows and columns are left out with a warning;
4. :func:`~._sheet.sheets_to_layout` makes the blocks. Text boxes and comments are ignored.

.ods and .xls files are converted to .xlsx by LibreOffice first (:func:`planparse.readers.convert.convert_to_xlsx`, in the same sandbox as .doc).
"""

from __future__ import annotations

import colorsys
import datetime as dt
import io
import logging
import re
import warnings as py_warnings
from typing import Any

from ..errors import DocumentReadError
from ..layout import Layout
from ._conditional import RuleSpec, conditional_fills
from ._sheet import MAX_SHEET_COLS, MAX_SHEET_ROWS, Sheet, SheetCell, is_key_sheet, sheets_to_layout

log = logging.getLogger(__name__)

MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 500 * 1024 * 1024
"""Most bytes all parts together may decompress to (a 20,000-row tracker is ~30 MB)."""
MAX_RATIO = 200
RATIO_CHECK_FROM = 20 * 1024 * 1024
WORKBOOK_XML = "xl/workbook.xml"

Warnings = list[tuple[str, str, int | None]]


def read_xlsx(data: bytes, name: str) -> Layout:
    """Read the workbook ``data`` (the bytes of file ``name``) into a layout."""
    links = check_workbook_archive(data, name)
    wb = open_workbook(data, name)
    warnings: Warnings = []
    if links:
        _warn(
            warnings,
            "xlsx_external_links",
            f"the workbook links to {links} other file{'s' if links != 1 else ''}; "
            "those were not opened, the values last cached in this one were read",
        )
    try:
        theme = theme_colours(getattr(wb, "loaded_theme", None))
        sheets: list[Sheet] = []
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                _warn(warnings, "xlsx_hidden_sheet", f"the hidden sheet {ws.title!r} was left out")
                continue
            sheets.append(worksheet_to_sheet(ws, wb, theme, warnings))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as err:
        raise DocumentReadError(f"cannot read the workbook ({type(err).__name__}: {err})", name) from err
    finally:
        wb.close()
    return sheets_to_layout(sheets, warnings)


def _warn(warnings: Warnings, code: str, message: str) -> None:
    if (code, message, None) not in warnings:
        warnings.append((code, message, None))


# ---------------------------------------------------------------------------------------
# Stage 1 and 2


def check_workbook_archive(data: bytes, name: str) -> int:
    """Refuse ``data`` unless it is a zip holding ``xl/workbook.xml`` of sane size.

    Returns the number of external links the workbook holds (parts under
    ``xl/externalLinks/``), which are never followed.
    """
    from ._zip_budget import check_declared_sizes

    infos = check_declared_sizes(
        data, name, kind="xlsx", required=WORKBOOK_XML, max_total=MAX_TOTAL_UNCOMPRESSED,
        ratio_from=RATIO_CHECK_FROM, max_ratio=MAX_RATIO, max_entries=MAX_ENTRIES,
    )
    return sum(
        1 for info in infos
        if info.filename.startswith("xl/externalLinks/externalLink") and info.filename.endswith(".xml")
    )


def open_workbook(data: bytes, name: str) -> Any:
    import openpyxl

    try:
        with py_warnings.catch_warnings():
            py_warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            return openpyxl.load_workbook(
                io.BytesIO(data), data_only=True, keep_links=False, keep_vba=False, rich_text=False
            )
    except Exception as err:  # a hostile package fails in many ways; all mean "unreadable"
        text = str(err).strip()
        raise DocumentReadError(
            f"cannot open the workbook ({type(err).__name__}{': ' + text if text else ''})", name
        ) from err


# ---------------------------------------------------------------------------------------
# Colours

_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6", "hlink", "folHlink")
"""SpreadsheetML theme colour indices (0 and 1 are light 1 and dark 1, swapped from the XML)."""


def theme_colours(theme_xml: bytes | None) -> list[str]:
    """The theme's colours as RRGGBB in the order cells index them."""
    if not theme_xml:
        return []
    from lxml import etree

    try:
        root = etree.fromstring(theme_xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return []
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    scheme = root.find(".//a:clrScheme", ns)
    if scheme is None:
        return []
    found: dict[str, str] = {}
    for child in scheme:
        key = etree.QName(child).localname
        for colour in child:
            value = colour.get("lastClr") or colour.get("val") or ""
            if re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                found[key] = value.upper()
    return [found.get(k, "") for k in _THEME_ORDER]


def apply_tint(rgb: str, tint: float) -> str:
    """Excel's tint: lighten (tint > 0) or darken (tint < 0) in HLS space."""
    if not tint:
        return rgb
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, min(max(light, 0.0), 1.0), s)
    return "".join(f"{round(v * 255):02X}" for v in (r, g, b))


def colour_to_hex(colour: Any, theme: list[str]) -> str | None:
    """An openpyxl ``Color`` as ``#RRGGBB``; None when unset, automatic or white."""
    if colour is None:
        return None
    rgb: str | None = None
    kind = getattr(colour, "type", None)
    if kind == "rgb" and isinstance(colour.rgb, str):
        value = colour.rgb
        if len(value) == 8:
            if value[:2] == "00" and value[2:] == "000000":
                return None  # openpyxl's "no colour"
            value = value[2:]
        rgb = value.upper() if re.fullmatch(r"[0-9A-Fa-f]{6}", value) else None
    elif kind == "theme" and isinstance(colour.theme, int) and colour.theme < len(theme):
        rgb = theme[colour.theme] or None
    elif kind == "indexed" and isinstance(colour.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        if colour.indexed < 64 and colour.indexed < len(COLOR_INDEX):
            rgb = COLOR_INDEX[colour.indexed][2:]
    if rgb is None:
        return None
    rgb = apply_tint(rgb, float(getattr(colour, "tint", 0.0) or 0.0))
    return None if rgb == "FFFFFF" else f"#{rgb}"


def fill_to_hex(fill: Any, theme: list[str], dxf: bool = False) -> str | None:
    """The colour a pattern fill shows (a conditional format's fill keeps it in bgColor)."""
    if fill is None:
        return None
    pattern = getattr(fill, "fill_type", None) or getattr(fill, "patternType", None)
    if not dxf and pattern in (None, "none"):
        return None
    if dxf:
        return colour_to_hex(fill.bgColor, theme) or colour_to_hex(fill.fgColor, theme)
    return colour_to_hex(fill.fgColor, theme) or (
        colour_to_hex(fill.bgColor, theme) if pattern != "solid" else None
    )


# ---------------------------------------------------------------------------------------
# Stage 3


def printed_value(value: Any, number_format: str | None) -> str:
    """A cell value as Excel prints it, in the forms planparse reads."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0) and value.date() == dt.date(1899, 12, 30):
            return value.strftime("%H:%M")
        month_year = _month_year_format(number_format)
        return value.strftime(month_year or "%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime(_month_year_format(number_format) or "%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        fmt = number_format or ""
        if "%" in fmt:
            return f"{value * 100:.{_decimals(fmt)}f}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, float):
            return f"{value:.10g}"
        return str(value)
    return str(value).replace("_x000D_", "")


_FORMAT_NOISE = re.compile(r'\[[^\]]*\]|"[^"]*"|\\|_.|\*.')
_FORMAT_TOKENS = [("mmmm", "%B"), ("mmm", "%b"), ("mm", "%m"), ("m", "%m"), ("yyyy", "%Y"), ("yy", "%y")]


def _month_year_format(number_format: str | None) -> str | None:
    """A strftime format for a date cell whose number format shows a month and a year but no
    day ("mmm-yy" shows 1 February 2010 as "Feb-10": the cell means the month), else None."""
    fmt = _FORMAT_NOISE.sub("", (number_format or "").split(";")[0]).lower()
    if not fmt or "d" in fmt or "h" in fmt or "s" in fmt or "y" not in fmt or "m" not in fmt:
        return None
    out, i = "", 0
    while i < len(fmt):
        for token, code in _FORMAT_TOKENS:
            if fmt.startswith(token, i):
                out, i = out + code, i + len(token)
                break
        else:
            if fmt[i].isalpha():
                return None
            out, i = out + fmt[i], i + 1
    return out


def _decimals(fmt: str) -> int:
    m = re.search(r"0\.(0+)%", fmt)
    return len(m.group(1)) if m else 0


def worksheet_to_sheet(ws: Any, wb: Any, theme: list[str], warnings: Warnings) -> Sheet:
    """One worksheet's visible cells, merges, print titles, header and footer."""
    from openpyxl.utils import column_index_from_string

    sheet = Sheet(name=ws.title, is_key=is_key_sheet(ws.title))
    hidden_rows = {r - 1 for r, dim in ws.row_dimensions.items() if dim.hidden}
    hidden_cols: set[int] = set()
    for key, dim in ws.column_dimensions.items():
        if dim.hidden:
            lo = dim.min or column_index_from_string(key)
            hi = dim.max or lo
            hidden_cols.update(range(lo - 1, min(hi, MAX_SHEET_COLS)))
    max_row = min(ws.max_row or 0, MAX_SHEET_ROWS)
    max_col = min(ws.max_column or 0, MAX_SHEET_COLS)
    if (ws.max_row or 0) > MAX_SHEET_ROWS:
        _warn(warnings, "xlsx_sheet_too_long", f"sheet {ws.title!r}: only the first {MAX_SHEET_ROWS} rows were read")
    left_out_rows = left_out_cols = 0
    values: dict[tuple[int, int], str] = {}
    for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        for cell in row:
            if not hasattr(cell, "column"):
                continue
            r, c = cell.row - 1, cell.column - 1
            text = printed_value(cell.value, cell.number_format)
            if text:
                values[(r, c)] = text
            fill = fill_to_hex(cell.fill, theme) if cell.has_style else None
            if not text and fill is None:
                continue
            if r in hidden_rows or c in hidden_cols:
                left_out_rows += r in hidden_rows
                left_out_cols += c in hidden_cols
                continue
            font = cell.font if cell.has_style else None
            sheet.cells[(r, c)] = SheetCell(
                text=text,
                fill=fill,
                bold=bool(font is not None and font.b),
                size=float(font.sz) if font is not None and font.sz else None,
            )
    if hidden_rows & {r for r, _ in values} or hidden_cols & {c for _, c in values}:
        n_rows = len(hidden_rows & {r for r, _ in values})
        n_cols = len(hidden_cols & {c for _, c in values})
        parts = [f"{n} hidden {w}{'s' if n != 1 else ''}" for n, w in ((n_rows, "row"), (n_cols, "column")) if n]
        _warn(warnings, "xlsx_hidden_cells", f"sheet {ws.title!r}: {' and '.join(parts)} left out")
    for rng in ws.merged_cells.ranges:
        r0, c0, r1, c1 = rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1
        if r0 >= MAX_SHEET_ROWS or c0 >= MAX_SHEET_COLS:
            continue
        sheet.merges.append((r0, c0, min(r1, MAX_SHEET_ROWS - 1), min(c1, MAX_SHEET_COLS - 1)))
    _apply_conditional(ws, wb, theme, sheet, values, max_row, max_col, warnings)
    sheet.header_rows = _print_title_rows(ws)
    sheet.furniture = _header_footer_lines(ws)
    return sheet


def _apply_conditional(
    ws: Any, wb: Any, theme: list[str], sheet: Sheet, values: dict[tuple[int, int], str],
    max_row: int, max_col: int, warnings: Warnings,
) -> None:
    rules: list[RuleSpec] = []
    dxfs = getattr(wb, "_differential_styles", None)
    for cf in ws.conditional_formatting:
        ranges = [
            (b[1] - 1, b[0] - 1, b[3] - 1, b[2] - 1)
            for b in (rng.bounds for rng in cf.sqref.ranges)
        ]
        for rule in cf.rules:
            dxf = rule.dxf
            if dxf is None and rule.dxfId is not None and dxfs is not None:
                try:
                    dxf = dxfs[rule.dxfId]
                except (IndexError, KeyError, TypeError):
                    dxf = None
            fill = fill_to_hex(dxf.fill, theme, dxf=True) if dxf is not None and dxf.fill is not None else None
            rules.append(
                RuleSpec(
                    kind=rule.type or "",
                    operator=rule.operator,
                    formulas=[str(f) for f in (rule.formula or [])],
                    text=rule.text,
                    fill=fill,
                    priority=rule.priority or 0,
                    stop=bool(rule.stopIfTrue),
                    ranges=ranges,
                )
            )
    if not rules:
        return
    fills, skipped = conditional_fills(rules, lambda r, c: values.get((r, c), ""), max_row - 1, max_col - 1)
    for (r, c), fill in fills.items():
        cell = sheet.cells.get((r, c))
        if cell is None:
            if (r, c) in values or r >= max_row:
                continue
            sheet.cells[(r, c)] = SheetCell(text="", fill=fill)
        else:
            cell.fill = fill
    for what in skipped:
        _warn(
            warnings,
            "xlsx_conditional_format",
            f"sheet {ws.title!r}: a conditional format rule ({what[:80]}) could not be evaluated; "
            "the cells it colours show their own fill",
        )


def _print_title_rows(ws: Any) -> set[int]:
    titles = getattr(ws, "print_title_rows", None)
    if not titles:
        return set()
    m = re.match(r"^\$?(\d+):\$?(\d+)$", str(titles).split(",")[0].strip())
    return set(range(int(m.group(1)) - 1, int(m.group(2)))) if m else set()


_HF_CODES = re.compile(r"&(?:\"[^\"]*\"|\d+|[A-Za-z])")


def _header_footer_lines(ws: Any) -> list[str]:
    lines: list[str] = []
    for hf in (ws.oddHeader, ws.oddFooter, ws.firstHeader, ws.firstFooter):
        for part in (hf.left, hf.center, hf.right):
            text = getattr(part, "text", None)
            if not text:
                continue
            for line in _HF_CODES.sub("", text).replace("&&", "&").split("\n"):
                line = line.strip()
                if line and line not in lines:
                    lines.append(line)
    return lines


# ---------------------------------------------------------------------------------------
# .ods and .xls




