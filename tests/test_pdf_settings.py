"""The PDF reader's tolerances as named, validated settings (issue 12, item 6)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import planparse
from planparse.errors import OptionsError
from planparse.layout import Layout, Table
from planparse.options import ParseOptions
from planparse.readers.pdf import read_pdf
from planparse.readers.pdf_settings import DEFAULT_PDF_SETTINGS, PdfSettings, settings_table

ROOT = Path(__file__).resolve().parent.parent
READER_FIXTURES = ROOT / "fixtures" / "pdf_reader"
DOC = ROOT / "docs" / "pdf-settings.md"
SETTINGS_SOURCE = ROOT / "src" / "planparse" / "readers" / "pdf_settings.py"


def read(name: str, **settings: object) -> Layout:
    path = READER_FIXTURES / name
    return read_pdf(path.read_bytes(), str(path), ParseOptions(pdf_settings=settings))


def rows_of(table: Table) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        rows.setdefault(cell.row, []).append(cell.text)
    return list(rows.values())


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"para_gap": -1}, "option pdf_settings: PDF setting para_gap: Input should be greater than or equal to 0"),
        ({"full_width_share": 1.2}, "option pdf_settings: PDF setting full_width_share: Input should be less than or equal to 1"),
        ({"marker_max_aspect": 0.5}, "option pdf_settings: PDF setting marker_max_aspect: Input should be greater than or equal to 1"),
        ({"open_edge_rules": 0}, "option pdf_settings: PDF setting open_edge_rules: Input should be greater than or equal to 1"),
        ({"white_level": 300}, "option pdf_settings: PDF setting white_level: Input should be less than or equal to 255"),
        ({"leading_bin": 0}, "option pdf_settings: PDF setting leading_bin: Input should be greater than 0"),
        ({"cell_pad": "wide"}, "option pdf_settings: PDF setting cell_pad: Input should be a valid number, unable to parse string as a number"),
        ({"marker_min_side": 8}, "option pdf_settings: marker_min_side (8.0) is larger than marker_max_side (7.0)"),
        ({"cell_fill_min_ratio": 2}, "option pdf_settings: cell_fill_min_ratio (2.0) is larger than cell_fill_max_ratio (1.6)"),
        ([("cell_pad", 3)], "option pdf_settings: PDF settings must be a mapping of setting names to values or a PdfSettings, not list"),
    ],
)
def test_bad_setting_is_an_options_error_naming_it(settings: object, message: str) -> None:
    with pytest.raises(OptionsError) as err:
        ParseOptions.resolve(pdf_settings=settings)
    assert str(err.value) == message


def test_unknown_setting_lists_every_known_name() -> None:
    with pytest.raises(OptionsError) as err:
        planparse.parse(READER_FIXTURES / "narrow_cells.pdf", pdf_settings={"cell_padding": 3, "gap": 1})
    message = str(err.value)
    assert message.startswith(
        "option pdf_settings: unknown PDF setting(s) cell_padding, gap; known settings are "
        "band_max_height, block_gap, block_size_slack, "
    )
    assert message.endswith(", wide_gap, wrap_indent_slack, wrap_space_share")
    # two unknown names and every known one, separated by commas
    assert message.count(", ") == 1 + len(PdfSettings.model_fields) - 1


def test_resolve_takes_a_mapping_an_instance_or_none() -> None:
    assert PdfSettings.resolve(None) is DEFAULT_PDF_SETTINGS
    mine = PdfSettings(cell_pad=3)
    assert PdfSettings.resolve(mine) is mine
    assert PdfSettings.resolve({"cell_pad": 3}) == mine
    assert ParseOptions(pdf_settings={"cell_pad": 3}).pdf_settings == mine
    assert ParseOptions().pdf_settings is DEFAULT_PDF_SETTINGS
    # options rebuilt with more keywords keep the settings
    again = ParseOptions.resolve(ParseOptions(pdf_settings=mine), all_tables=True)
    assert again.pdf_settings == mine and again.all_tables
    with pytest.raises(OptionsError, match=r"^PDF setting cell_pad: Input should be greater than or equal to 0$"):
        PdfSettings.resolve({"cell_pad": -0.5})


def test_batch_fingerprint_changes_only_with_a_changed_setting() -> None:
    from planparse.batch import options_fingerprint

    default = options_fingerprint(ParseOptions())
    assert options_fingerprint(ParseOptions(pdf_settings={"cell_pad": 2.0})) == default
    assert options_fingerprint(ParseOptions(pdf_settings={"cell_pad": 3})) != default


def test_settings_are_frozen() -> None:
    with pytest.raises(ValueError, match="Instance is frozen"):
        DEFAULT_PDF_SETTINGS.cell_pad = 3  # type: ignore[misc]


# ---------------------------------------------------------------- one setting, one change


def test_split_slack_zero_leaves_words_split_by_the_column_width_apart() -> None:
    (default,) = read("narrow_cells.pdf").tables()
    (zero,) = read("narrow_cells.pdf", split_slack=0).tables()
    assert [row[4] for row in rows_of(default)] == ["Deadline", "30/06/2023", "31/12/2023"]
    assert [row[4] for row in rows_of(zero)] == ["Deadlin e", "30/06/20 23", "31/12/20 23"]
    # the other columns do not depend on it
    assert [row[:4] for row in rows_of(zero)] == [row[:4] for row in rows_of(default)]


def test_touch_gap_zero_keeps_a_comma_in_another_font_as_a_word_of_its_own() -> None:
    (default,) = read("narrow_cells.pdf").tables()
    (zero,) = read("narrow_cells.pdf", touch_gap=0).tables()
    assert rows_of(default)[2][1] == "Hear the voice of children, young people and families (all priorities)"
    assert rows_of(zero)[2][1] == "Hear the voice of children , young people and families (all priorities)"


def test_join_outer_slack_zero_leaves_a_table_in_one_piece_per_page() -> None:
    default = read("ruled_repeat_header.pdf").tables()
    zero = read("ruled_repeat_header.pdf", join_outer_slack=0).tables()
    assert [(t.n_rows, t.pages) for t in default] == [(7, [1, 2, 3])]
    assert [(t.n_rows, t.pages) for t in zero] == [(4, [1]), (5, [2]), (2, [3])]


def test_parse_passes_the_settings_to_the_reader() -> None:
    path = READER_FIXTURES / "ruled_repeat_header.pdf"
    default = planparse.parse(path, normalise_owners=False)
    narrow = planparse.parse(path, normalise_owners=False, pdf_settings=PdfSettings(join_outer_slack=0))
    # one table whose rows run over the page breaks, against one table per page (the
    # page-3 piece adds no action)
    assert [(a.provenance.table, a.provenance.pages) for a in default.actions] == [
        (0, [1]), (0, [1]), (0, [1, 2]), (0, [2]), (0, [2]), (0, [2, 3]),
    ]
    assert [(a.provenance.table, a.provenance.pages) for a in narrow.actions] == [
        (0, [1]), (0, [1]), (0, [1]), (1, [2]), (1, [2]), (1, [2]),
    ]
    assert narrow.plans[0].tables == [0, 1, 2]


# ---------------------------------------------------------------- documented


def test_every_setting_has_a_docstring_that_starts_with_its_unit_or_kind() -> None:
    for name, info in PdfSettings.model_fields.items():
        text = info.description or ""
        assert text, f"{name} has no docstring"
        assert text.split(".")[0] in {
            "pt", "em", "Ratio", "Ratio of areas", "Ratio of widths", "0-255", "Lines", "Rows",
            "Pages", "Characters",
        } or text.startswith(("em (of", "Share of", "Vertical rules", "Line pairs")), name


def test_docs_list_every_setting_from_its_docstring() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert settings_table() in doc, "docs/pdf-settings.md is out of date: run python tools/pdf_settings_doc.py"
    for name, info in PdfSettings.model_fields.items():
        assert f"| `{name}` | {info.default!r} |" in doc


def test_settings_module_declares_each_field_once_with_a_docstring_under_it() -> None:
    """The docs come from attribute docstrings: a field without the string literal right
    under it would get no description (pydantic reads them from the source)."""
    tree = ast.parse(SETTINGS_SOURCE.read_text(encoding="utf-8"))
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "PdfSettings"]
    body = cls.body
    fields = [
        (stmt.target.id, body[i + 1])
        for i, stmt in enumerate(body)
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
        and stmt.target.id != "model_config"
    ]
    assert [name for name, _ in fields] == list(PdfSettings.model_fields)
    for name, nxt in fields:
        assert isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant), name
