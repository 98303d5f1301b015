"""The spreadsheet readers (issue 18): .xlsx/.xlsm, .csv, and .ods/.xls through LibreOffice."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, FormulaRule
from openpyxl.styles import Color, Font, PatternFill

import planparse
from planparse.errors import DocumentReadError, EncryptedDocumentError, MissingDependencyError
from planparse.layout import Heading, Layout, Paragraph, Table
from planparse.options import ParseOptions
from planparse.readers import convert, read_document, sniff_format
from planparse.readers import xlsx as X
from planparse.readers.csv import decode_text, read_csv, sniff_delimiter

ROOT = Path(__file__).resolve().parent.parent
XLSX = ROOT / "fixtures" / "xlsx"
CSV = ROOT / "fixtures" / "csv"


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _fill(table: Table, r: int, c: int) -> str | None:
    """Fill of the cell at grid position (r, c) (a merged cell's, where it is covered)."""
    cell = table.grid()[r][c]
    origin = getattr(cell, "origin", cell)
    return origin.fill if origin is not None else None


def _layout(data: bytes) -> Layout:
    return read_document(data, "test.xlsx", ParseOptions()).layout


def _tracker(ws: Any, top: int = 1) -> None:
    """A small plan table: header, two actions under one merged objective."""
    ws.cell(top, 1, "Objective")
    ws.cell(top, 2, "Action")
    ws.cell(top, 3, "Lead")
    ws.cell(top, 4, "Deadline")
    ws.cell(top, 5, "RAG")
    ws.cell(top + 1, 1, "Improve the quality of supervision")
    ws.merge_cells(start_row=top + 1, start_column=1, end_row=top + 2, end_column=1)
    ws.cell(top + 1, 2, "Audit supervision records quarterly")
    ws.cell(top + 1, 3, "Head of Service")
    ws.cell(top + 1, 4, dt.datetime(2024, 3, 31)).number_format = "dd/mm/yyyy"
    ws.cell(top + 1, 5, "Green")
    ws.cell(top + 2, 2, "Train all team managers in reflective supervision")
    ws.cell(top + 2, 3, "Principal Social Worker")
    ws.cell(top + 2, 4, 45382).number_format = "d mmm yyyy"  # 31/03/2024 as a serial
    ws.cell(top + 2, 5, "Red")


# --------------------------------------------------------------------------- sniffing


def test_formats_are_decided_by_content() -> None:
    wb = Workbook()
    data = _save(wb)
    assert sniff_format(data) == "xlsx"
    assert sniff_format(b"Ref,Action,Lead\r\n1,Do it,Me\r\n") == "csv"
    assert sniff_format("\ufeffRef;Action\r\n".encode()) == "csv"
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    assert sniff_format(ods.getvalue()) == "ods"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le")
    assert sniff_format(ole) == "xls"
    assert sniff_format(bytes(range(256)) * 4) == "unknown"


# --------------------------------------------------------------------------- xlsx


def test_a_tracker_sheet_becomes_a_section_with_a_title_block_and_a_table() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Theme 1 Supervision"
    ws.cell(1, 1, "Northshire County Council").font = Font(bold=True, size=16)
    ws.cell(2, 1, "Children's Services Improvement Plan")
    ws.cell(3, 1, "Updated: 31 January 2024")
    _tracker(ws, top=5)
    _tracker(ws, top=10)  # a second table under the first, after a blank row
    layout = _layout(_save(wb))
    kinds = [type(b).__name__ for b in layout.blocks]
    assert kinds == ["Heading", "Heading", "Paragraph", "Paragraph", "Table", "Table"]
    assert layout.blocks[0].text == "Theme 1 Supervision"  # type: ignore[union-attr]
    assert layout.blocks[1] == Heading("Northshire County Council", 1)
    assert layout.blocks[3] == Paragraph("Updated: 31 January 2024")
    table = layout.blocks[4]
    assert isinstance(table, Table) and (table.n_rows, table.n_cols) == (3, 5)
    objective = table.row_cells(1)[0]
    assert (objective.text, objective.row_span) == ("Improve the quality of supervision", 2)
    assert [c.text for c in table.row_cells(1)][1:] == [
        "Audit supervision records quarterly", "Head of Service", "31/03/2024", "Green",
    ]
    assert table.row_cells(2)[2].text == "31/03/2024"  # a serial with a date format


def test_default_sheet_names_give_no_heading_and_spacer_columns_are_left_out() -> None:
    wb = Workbook()
    ws = wb.active
    ws.cell(1, 1, "Ref")
    ws.cell(1, 3, "Action")  # column B is a blank spacer
    ws.cell(2, 1, "1.1")
    ws.cell(2, 3, "Publish the strategy")
    layout = _layout(_save(wb))
    assert len(layout.blocks) == 1
    table = layout.blocks[0]
    assert isinstance(table, Table) and table.n_cols == 2
    assert [c.text for c in table.row_cells(1)] == ["1.1", "Publish the strategy"]


def test_fills_resolve_rgb_theme_tint_and_indexed_colours() -> None:
    wb = Workbook()
    ws = wb.active
    _tracker(ws)
    ws["E2"].fill = PatternFill("solid", fgColor=Color(theme=9, tint=0.0))  # accent6
    ws["E3"].fill = PatternFill("solid", fgColor=Color(indexed=10))  # FF0000
    ws["B2"].fill = PatternFill("solid", fgColor=Color(theme=4, tint=0.7999816888943144))
    ws["B3"].fill = PatternFill("solid", fgColor="FFFFFFFF")  # white is no fill
    table = _layout(_save(wb)).tables()[0]
    # openpyxl writes the Office 2007 theme: accent6 F79646, accent1 4F81BD
    assert _fill(table, 1, 4) == "#F79646"
    assert _fill(table, 2, 4) == "#FF0000"
    assert _fill(table, 1, 1) == "#DCE6F2"  # accent1 lightened 80% (Excel: DCE6F1)
    assert _fill(table, 2, 1) is None


def test_tint_is_excels() -> None:
    assert X.apply_tint("4472C4", 0.0) == "4472C4"
    assert X.apply_tint("000000", 0.5) == "808080"
    assert X.apply_tint("70AD47", -0.25) == "548235"


def test_conditional_formatting_gives_the_fill_a_person_sees() -> None:
    wb = Workbook()
    ws = wb.active
    _tracker(ws)
    ws.cell(4, 2, "Publish the supervision policy")
    ws.cell(4, 5, "Amber")
    ws.conditional_formatting.add("E2:E4", CellIsRule(operator="equal", formula=['"green"'], fill=PatternFill(bgColor="00B050")))
    ws.conditional_formatting.add("E2:E4", FormulaRule(formula=['$E2="Red"'], fill=PatternFill(bgColor="FF0000")))
    ws.conditional_formatting.add("B2:B4", FormulaRule(formula=['E2="Amber"'], fill=PatternFill(bgColor="FFC000")))
    ws.conditional_formatting.add("D2:D4", ColorScaleRule(start_type="min", start_color="FFFFFF", end_type="max", end_color="FF0000"))
    ws.conditional_formatting.add("C2:C4", FormulaRule(formula=["AND(E2=\"Red\",TODAY()>D2)"], fill=PatternFill(bgColor="FF0000")))
    layout = _layout(_save(wb))
    table = layout.tables()[0]
    assert [_fill(table, r, 4) for r in (1, 2, 3)] == ["#00B050", "#FF0000", None]
    assert [_fill(table, r, 1) for r in (1, 2, 3)] == [None, None, "#FFC000"]
    codes = [(code, msg) for code, msg, _ in layout.warnings]
    assert [c for c, _ in codes] == ["xlsx_conditional_format", "xlsx_conditional_format"]
    assert "colorScale" in codes[0][1] + codes[1][1] and "AND(" in codes[0][1] + codes[1][1]


def test_conditional_fixture_shows_rule_fills_not_static_ones() -> None:
    data = (XLSX / "ofsted_childrens_improvement_plan.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<conditionalFormatting" in sheet and 'type="expression"' in sheet
    table = next(t for t in _layout(data).tables() if t.n_rows > 5)
    fills = {c.text: c.fill for c in table.cells if c.text in ("Green", "Red", "Amber", "Blue")}
    assert fills and all(fills.values())


def test_hidden_rows_and_columns_are_left_out_with_a_warning() -> None:
    wb = Workbook()
    ws = wb.active
    _tracker(ws)
    ws.cell(4, 2, "Withdrawn action")
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["C"].hidden = True
    hidden = wb.create_sheet("Lookups")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "Red"
    layout = _layout(_save(wb))
    table = layout.tables()[0]
    assert (table.n_rows, table.n_cols) == (3, 4)
    assert "Withdrawn action" not in list(layout.texts())
    assert "Head of Service" not in list(layout.texts())
    messages = [m for _, m, _ in layout.warnings]
    assert "sheet 'Sheet': 1 hidden row and 1 hidden column left out" in messages
    assert "the hidden sheet 'Lookups' was left out" in messages


def test_formulas_give_their_cached_values_and_percentages_print_as_such() -> None:
    assert X.printed_value(0.6, "0%") == "60%"
    assert X.printed_value(0.125, "0.0%") == "12.5%"
    assert X.printed_value(3.0, "General") == "3"
    assert X.printed_value(dt.datetime(2025, 3, 31), "dd/mm/yyyy") == "31/03/2025"
    assert X.printed_value(dt.datetime(2025, 3, 31), "mmm-yy") == "Mar-25"  # shown as a month
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Done"
    ws["B1"] = "=COUNTIF(A1:A1,\"Done\")"
    data = _save(wb)  # openpyxl stores no cached value: the cell prints as empty
    assert "COUNTIF" not in " ".join(_layout(data).texts())


def test_a_key_sheet_is_the_documents_legend() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    _tracker(ws)
    key = wb.create_sheet("RAG definitions")
    for r, (colour, meaning, fill) in enumerate(
        [("Red", "Off track – escalate", "FF0000"), ("Amber", "Some slippage", "FFC000"), ("Green", "Complete", "00B050")], start=1
    ):
        key.cell(r, 1, colour).fill = PatternFill("solid", fgColor=fill)
        key.cell(r, 2, meaning)
    result = planparse.parse(_save(wb), name="tracker.xlsx")
    assert result.source.format == "xlsx"
    assert result.legends.rag == {"red": "Off track – escalate", "amber": "Some slippage", "green": "Complete"}
    assert not any(isinstance(b, Heading) and b.text == "RAG definitions" for b in _layout(_save(wb)).blocks)
    states = {a.action: a.status.state for a in result.actions if a.status}
    assert states["Audit supervision records quarterly"] == "complete"


def _generator() -> Any:
    tools = ROOT / "tools" / "make_sheet_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_sheet_fixtures", tools)
    assert spec is not None and spec.loader is not None
    if "make_sheet_fixtures" not in sys.modules:
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_sheet_fixtures"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_sheet_fixtures"]


def test_every_spec_with_a_docx_has_its_sheet_renditions() -> None:
    names = sorted(_generator().sheet_specs())
    assert sorted(p.stem for p in XLSX.glob("*.xlsx")) == names
    assert sorted(p.stem for p in CSV.glob("*.csv")) == names


@pytest.mark.parametrize("name", sorted(p.stem for p in XLSX.glob("*.xlsx")))
def test_sheet_fixtures_are_what_the_specs_render_now(name: str) -> None:
    gen = _generator()
    loaded = gen.mf.load_spec(name)
    assert (XLSX / f"{name}.xlsx").read_bytes() == gen.render_xlsx(loaded), "run tools/make_sheet_fixtures.py"
    assert (CSV / f"{name}.csv").read_bytes() == gen.render_csv(loaded), "run tools/make_sheet_fixtures.py"


# --------------------------------------------------------------------------- bad workbooks


def test_truncated_workbook_is_a_clear_error() -> None:
    wb = Workbook()
    _tracker(wb.active)
    data = _save(wb)
    with pytest.raises(DocumentReadError, match="not a valid .xlsx|zip archive"):
        planparse.parse(data[: len(data) // 2], name="cut.xlsx")


def test_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (60 * 1024 * 1024))
    with pytest.raises(DocumentReadError, match="possible zip bomb"):
        planparse.parse(buffer.getvalue(), name="bomb.xlsx")


def test_encrypted_workbook_says_so() -> None:
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    ole[600:600 + 28] = "EncryptionInfo".encode("utf-16-le")
    with pytest.raises(EncryptedDocumentError, match="password-protected"):
        planparse.parse(bytes(ole), name="locked.xlsx")


def test_ods_without_libreoffice_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(MissingDependencyError, match="libreoffice-calc"):
        planparse.parse(ods.getvalue(), name="plan.ods")


def test_a_package_that_is_not_a_workbook_is_a_clear_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("xl/workbook.xml", "<not-a-workbook")
    with pytest.raises(DocumentReadError, match="cannot open the workbook"):
        planparse.parse(buffer.getvalue(), name="broken.xlsx")


# --------------------------------------------------------------------------- csv


def test_csv_encodings_and_delimiters_are_sniffed() -> None:
    assert decode_text("\ufeffRéf,Action".encode()) == ("Réf,Action", "utf-8-sig")
    assert decode_text("Owner;Café".encode("cp1252")) == ("Owner;Café", "cp1252")
    assert decode_text("Owner,Café".encode()) == ("Owner,Café", "utf-8")
    assert sniff_delimiter("Ref;Action;Lead\n1;Do;Me\n") == ";"
    assert sniff_delimiter("Ref\tAction\tLead\n1\tDo\tMe\n") == "\t"


def test_a_csv_tracker_reads_like_its_sheet() -> None:
    text = (
        "Ref;Action;Lead;Due;Status\r\n"
        "1. Governance;;;;\r\n"
        "1.1;Agree the terms of reference;Board Manager;31/03/2024;Complete\r\n"
        "1.2;\"Publish the plan\n• on the website\";Chair;30/06/2024;On track\r\n"
    )
    layout = read_csv(text.encode("cp1252"), "plan.csv")
    table = layout.tables()[0]
    assert not table.merges_known
    section = table.row_cells(1)[0]
    assert (section.text, section.col_span) == ("1. Governance", 5)
    action = table.row_cells(3)[1]
    assert [p.list_item for p in action.paras] == [False, True]
    result = planparse.parse(text.encode("cp1252"), name="plan.csv")
    assert result.source.format == "csv"
    assert [(a.ref, a.status.state if a.status else None) for a in result.actions] == [
        ("1.1", "complete"), ("1.2", "on_track"),
    ]


# --------------------------------------------------------------------------- batch


def test_batch_picks_spreadsheets_up(tmp_path: Path) -> None:
    from planparse.batch import discover

    for name in ("plan.xlsx", "tracker.xlsm", "export.csv", "old.ods", "old.xls", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    inputs, _ = discover([tmp_path], legacy=False)
    found = {Path(i.path).name: i.problem for i in inputs}
    assert set(found) == {"plan.xlsx", "tracker.xlsm", "export.csv", "old.ods", "old.xls"}
    assert found["plan.xlsx"] is None and found["export.csv"] is None
    assert isinstance(found["old.ods"], MissingDependencyError)
    assert "save the file as .xlsx" in found["old.ods"].message


def test_external_links_are_not_followed_and_said_so() -> None:
    wb = Workbook()
    _tracker(wb.active)
    data = _save(wb)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr(
            "xl/externalLinks/externalLink1.xml",
            '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<externalBook/></externalLink>',
        )
    result = planparse.parse(out.getvalue(), name="linked.xlsx")
    assert [w.code for w in result.warnings] == ["xlsx_external_links"]
    assert len(result.actions) == 2


def test_one_sheet_per_theme_gives_each_sheets_actions_its_section() -> None:
    wb = Workbook()
    first = wb.active
    first.title = "1. Supervision"
    _tracker(first)
    second = wb.create_sheet("2. Quality assurance")
    _tracker(second)
    second["B2"] = "Run a monthly case file audit"
    second["B3"] = "Report audit findings to the board"
    result = planparse.parse(_save(wb), name="themes.xlsx")
    assert [(a.section.ref, a.section.title) if a.section else None for a in result.actions] == [
        ("1", "Supervision"), ("1", "Supervision"), ("2", "Quality assurance"), ("2", "Quality assurance"),
    ]


@pytest.mark.parametrize(
    ("number_format", "printed"),
    [
        # a date format with no day shows a month: the cell means the month (LPDP comms plan 'Feb-10')
        ("[$-409]mmm\\-yy", "Feb-10"),
        ("mmm-yy", "Feb-10"),
        ("mmmm yyyy", "February 2010"),
        ("mm/yyyy", "02/2010"),
        # a day in the format, or no format: the day as the UK prints it
        ("dd/mm/yyyy", "01/02/2010"),
        ("d-mmm-yy", "01/02/2010"),
        ("m/d/yyyy", "01/02/2010"),
        ("General", "01/02/2010"),
        (None, "01/02/2010"),
    ],
)
def test_date_cell_printed_by_its_number_format(number_format: str | None, printed: str) -> None:
    import datetime as _dt

    from planparse.readers.xlsx import printed_value

    assert printed_value(_dt.datetime(2010, 2, 1), number_format) == printed
    assert printed_value(_dt.date(2010, 2, 1), number_format) == printed
