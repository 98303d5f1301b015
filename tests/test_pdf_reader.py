"""The PDF reader: fixtures in fixtures/pdf_reader/ (built by tools/make_pdf_reader_fixtures.py).

The LibreOffice-made fixtures hold the same plan (six actions under three outcomes, RAG as
fill only) as a ruled table, a table without borders, and a ruled table in a landscape
section whose header row is not repeated; page_breaks.pdf is hand-written to put page
breaks exactly where the row-joining heuristic must decide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planparse.errors import DocumentReadError, EncryptedDocumentError
from planparse.layout import Cell, Heading, Layout, Para, Paragraph, Table
from planparse.options import ParseOptions
from planparse.readers import read_document
from planparse.readers._pdf_assemble import TableBuilder
from planparse.readers._pdf_model import FragCell, Fragment, Line, Word
from planparse.readers._pdf_page import fill_hex, join_touching
from planparse.readers._pdf_text import (
    Lexicon,
    document_lexicon,
    join_text,
    lines_to_paras,
    split_by_width,
)
from planparse.readers.pdf import PageStore, read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pdf_reader"

LEGEND = "RED – Overdue Amber – At Risk Green - Complete"
HEADER = ["Outcome", "Action", "Owner", "Progress", "Deadline", "RAG"]
ACTIONS = [
    "1. Refresh the partnership protocol with the Adult Board.",
    "2. Embed the protocol across the borough",
    "3. Appoint additional lay members",
    "4. Review the Board business unit",
    "5. Agree the Board budget for 2016-17",
    "6. Implement the participation strategy",
]
OWNERS = [
    "Liz Murphy Independent Chair",
    "Tony McGregor, Interim Business Manager",
    "Martine McFadden Business and Communications Manager",
    "Tony Oakman Strategic Director",
    "Sarah Norman Chief Executive",
    "Nicki Burrows Development Officer",
]
DEADLINES = [
    "End of April 2016",
    "End of June 2016",
    "End of June 2016",
    "End of July 2016",
    "End of April 2016",
    "End of July 2016",
]
FILLS = ["#00B050", "#FFC000", "#FF0000", "#FFC000", "#00B050", "#FF0000"]
RECRUITMENT = [
    Para(
        "Work on recruitment started in April and is reported to the Executive each month. "
        "The partners agreed the approach at the March meeting of the Board. A task and "
        "finish group meets fortnightly to review progress against the plan."
    ),
    Para(
        "The partners agreed the approach at the March meeting of the Board. A task and "
        "finish group meets fortnightly to review progress against the plan. Evidence of "
        "impact will be gathered through audits and feedback from families."
    ),
    Para("Advert issued in May", True),
    Para("Interviews in June", True),
]


def read(name: str, **options: object) -> Layout:
    path = FIXTURES / name
    return read_pdf(path.read_bytes(), str(path), ParseOptions.resolve(options))


def cell(table: Table, row: int, col: int) -> Cell:
    found = [c for c in table.cells if (c.row, c.col) == (row, col)]
    assert found, f"no cell starts at ({row}, {col})"
    return found[0]


def column(table: Table, col: int) -> list[str]:
    return [cell(table, r, col).text for r in range(1, table.n_rows)]


# ---------------------------------------------------------------- Word -> LibreOffice PDFs


@pytest.mark.parametrize(
    "name", ["ruled_repeat_header.pdf", "borderless.pdf", "landscape_header_once.pdf"]
)
def test_plan_over_three_pages_is_one_table_with_one_row_per_action(name: str) -> None:
    layout = read(name)
    (table,) = layout.tables()
    assert (table.n_rows, table.n_cols, table.header_rows) == (7, 6, 1)
    assert [c.text for c in table.row_cells(0)] == HEADER
    assert column(table, 1) == ACTIONS
    assert column(table, 2) == OWNERS
    assert column(table, 4) == DEADLINES
    assert [cell(table, r, 5).fill for r in range(1, 7)] == FILLS
    assert all(cell(table, r, 5).text == "" for r in range(1, 7))
    assert cell(table, 3, 3).paras == RECRUITMENT  # cut by the page break, joined back
    assert layout.furniture[:2] == ["Safeguarding Board Improvement Plan 2016", LEGEND]
    assert layout.furniture[2:] == ["Page 1"]
    assert not any(LEGEND in text for b in layout.blocks for text in Layout([b]).texts())


def test_ruled_table_pages_and_vertical_merges() -> None:
    layout = read("ruled_repeat_header.pdf")
    (table,) = layout.tables()
    assert layout.pages == 3
    assert table.pages == [1, 2, 3]
    assert table.row_pages == [[1], [1], [1], [1, 2], [2], [2], [2, 3]]
    outcome = cell(table, 1, 0)
    assert outcome.text == "Increased visibility of the Board across the partnership"
    # merged over rows 1-3, the last of which runs onto page 2
    assert (outcome.row_span, outcome.pages) == (3, [1, 2])
    assert (cell(table, 4, 0).row_span, cell(table, 6, 0).row_span) == (2, 1)
    assert cell(table, 3, 1).pages == [1, 2]
    assert cell(table, 5, 3).paras[-2:] == [
        Para("Budget agreed", True),
        Para("Schools contribution outstanding", True),
    ]


def test_blocks_interleave_headings_paragraphs_and_table_in_reading_order() -> None:
    blocks = read("ruled_repeat_header.pdf").blocks
    assert [type(b).__name__ for b in blocks] == [
        "Heading", "Paragraph", "Heading", "Table", "Paragraph",
    ]
    assert blocks[0] == Heading("Improvement Plan", 1, 1)
    assert blocks[1] == Paragraph(
        "This plan sets out how the Board will improve. It is reviewed by the Executive "
        "each month and RAG rated.",
        page=1,
    )
    assert blocks[2] == Heading("Area 1 – Board Effectiveness", 2, 1)
    assert blocks[4] == Paragraph("Plan agreed by the Board on 1 May 2016.", page=3)


def test_borderless_table_has_no_spans_and_keeps_rows() -> None:
    (table,) = read("borderless.pdf").tables()
    assert all(c.row_span == 1 and c.col_span == 1 for c in table.cells)
    assert table.row_pages == [[1], [1], [1], [1, 2], [2], [2, 3], [3]]
    assert column(table, 0) == [
        "Increased visibility of the Board across the partnership", "", "",
        "Fit for purpose infrastructure and resources", "",
        "Children and young people inform the work of the Board",
    ]


def test_landscape_section_header_row_printed_once() -> None:
    layout = read("landscape_header_once.pdf")
    (table,) = layout.tables()
    assert layout.pages == 4
    assert table.pages == [2, 3, 4]
    assert Heading("Area 1 – Board Effectiveness", 2, 2) in layout.blocks


def rows_of(table: Table) -> list[list[str]]:
    return [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)]


def test_borderless_shaded_section_rows_stay_in_the_table_as_full_width_rows() -> None:
    (table,) = read("borderless_sections.pdf").tables()
    assert rows_of(table) == [
        ["Ref", "Action", "Progress", "Deadline", "RAG"],
        ["1. Governance"],
        ["1.1", "Agree the terms of reference",
         "Draft terms of reference were shared with partners in January and comments were "
         "received from all of them by the end of February", "31/03/2024", ""],
        # a milestone sub-row: its progress starts right under the row above; the edge of
        # the RAG fill above shows where that row ended
        ["", "", "Further report to the Board in the autumn", "30/09/2024", ""],
        ["1.2", "Appoint a lay member", "Advert closed, two candidates shortlisted.",
         "30/06/2024", ""],
        ["2. Performance"],
        ["2.1", "Publish a quarterly dataset", "First dataset published in April.",
         "31/07/2024", ""],
        ["2.2", "Audit the dataset", "Not started.", "31/10/2024", ""],
    ]
    for r in (1, 5):
        (section,) = table.row_cells(r)
        assert (section.col, section.col_span, section.fill) == (0, 5, "#D9E2F3")
    assert [cell(table, 0, c).fill for c in range(5)] == ["#BDD7EE"] * 5
    assert [cell(table, r, 4).fill for r in (2, 3, 4, 6, 7)] == [
        "#00B050", None, "#FFC000", "#00B050", "#FF0000"]
    assert not table.merges_known


def test_narrow_cells_rejoin_split_words_and_keep_wrapped_words_apart() -> None:
    (table,) = read("narrow_cells.pdf").tables()
    assert rows_of(table) == [
        # "Implementation" / "date" (wrap space printed), "Complete" / "by" (no room for
        # the space; "by" is a word of the document), "Deadlin" + "e" (split)
        ["Ref", "Recommendation", "Implementation date", "Complete by", "Deadline"],
        # "30/06/20" + "23"; "(" + italic "priority 1" + ")" printed in two fonts
        ["1", "Review the guidance (priority 1)", "30/06/2023", "March 2023", "30/06/2023"],
        ["2", "Hear the voice of children, young people and families (all priorities)",
         "31/12/2023", "June 2023", "31/12/2023"],
    ]


def test_header_printed_once_merged_outcome_follows_the_numbering_over_page_breaks() -> None:
    layout = read_pdf(
        (FIXTURES.parent / "pdf" / "seed000_header_once.pdf").read_bytes(),
        "seed000_header_once.pdf",
        ParseOptions(),
    )
    tables = layout.tables()
    # actions 1.-3. then a new group restarting at "1." on the next page: a new empty
    # outcome cell, not the one above carried on
    challenge = cell(tables[0], 14, 0)
    assert (challenge.text[:26], challenge.row_span) == ("DSCB uses challenge to dri", 3)
    assert (cell(tables[0], 17, 0).text, cell(tables[0], 17, 0).row_span) == ("", 2)
    # "1." above the break, a milestone row and "2.", "3." after it: the same outcome
    holds = cell(tables[1], 3, 0)
    assert (holds.text[:26], holds.row_span, holds.pages) == ("DSCB holds partners to acc", 4, [4, 5])
    addresses = cell(tables[3], 1, 0)
    assert (addresses.text[:26], addresses.row_span) == ("DSCB addresses key safegua", 2)
    # a RAG cell beside the next number is that action's own (blank) cell
    assert cell(tables[2], 4, 7).row_span == 1


# ---------------------------------------------------------------- hand-written PDFs


def test_page_breaks_cut_row_joined_new_row_kept() -> None:
    layout = read("page_breaks.pdf")
    (table,) = layout.tables()
    assert (table.n_rows, table.n_cols, table.header_rows) == (6, 4, 1)
    assert column(table, 1)[0] == "1. Audit the records held by each team"
    cut = cell(table, 2, 1)
    assert cut.text.startswith("2. Train all staff in the new recording system step 1 ")
    assert cut.text.endswith("step 43 new recording system step 44 new recording system "
                             "step 45 new recording system step 46 and the manual.")
    assert cut.pages == [1, 2]
    assert column(table, 1)[2:] == [
        "3. Report progress to the Board",
        "4. Review training needs line 1 " + " ".join(f"needs line {i}" for i in range(2, 30)),
        "5. Publish the annual training report",  # a new row, though its first cell is empty
    ]
    assert column(table, 2) == ["J Smith", "A Jones Head of Performance", "B Brown",
                                "C Green", "C Green"]
    assert table.row_pages == [[1], [1], [1, 2], [2], [2], [3]]
    objective = cell(table, 1, 0)
    assert (objective.text, objective.row_span, objective.pages) == (
        "Improve data quality", 3, [1, 2])
    training = cell(table, 4, 0)
    assert (training.text, training.row_span, training.pages) == ("Better training", 2, [2, 3])
    # CMYK red, RGB green, grey; the cut row's fill is the same on both pages
    assert [cell(table, r, 3).fill for r in range(1, 6)] == [
        "#FF0000", "#00B04F", "#808080", None, None]
    assert layout.furniture == ["Data Quality Action Plan v2", "Page 1"]
    assert layout.blocks[0] == Heading("Data Quality Action Plan", 1, 1)
    assert layout.blocks[-1] == Paragraph("Approved by the Board in May 2016.", page=3)


def test_rotated_page_reads_upright() -> None:
    layout = read("rotated.pdf")
    (table,) = layout.tables()
    assert [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)] == [
        ["Action", "Owner", "Status"],
        ["Write the rotated report", "R Page", "Open"],
    ]
    assert layout.blocks[0] == Heading("Rotated Plan", 1, 1)


def test_read_document_sniffs_pdf() -> None:
    data = (FIXTURES / "rotated.pdf").read_bytes()
    result = read_document(data, "plan.docx", ParseOptions())
    assert result.format == "pdf"
    assert result.layout.tables()[0].n_rows == 2


# ---------------------------------------------------------------- bad input


def test_scanned_pdf_warns_needs_ocr_and_has_no_tables() -> None:
    layout = read("image_only.pdf")
    assert layout.tables() == []
    assert [(code, page) for code, _, page in layout.warnings] == [("needs_ocr", None)]
    assert "no text layer" in layout.warnings[0][1] and "OCR" in layout.warnings[0][1]


def test_encrypted_pdf_without_password_says_how_to_pass_one() -> None:
    with pytest.raises(EncryptedDocumentError, match="--password") as info:
        read("encrypted.pdf")
    assert "wrong" not in str(info.value)
    assert info.value.path is not None and info.value.path.endswith("encrypted.pdf")


def test_encrypted_pdf_wrong_password() -> None:
    with pytest.raises(EncryptedDocumentError, match="wrong"):
        read("encrypted.pdf", password="guess")


def test_encrypted_pdf_right_password() -> None:
    layout = read("encrypted.pdf", password="s3cret")
    assert layout.blocks == [Paragraph("A short plan, protected by a password.", page=1)]


@pytest.mark.parametrize("keep", [0.5, 0.02, 0.99])
def test_truncated_pdf_is_a_read_error(keep: float) -> None:
    data = (FIXTURES / "ruled_repeat_header.pdf").read_bytes()
    with pytest.raises(DocumentReadError, match="cannot be read") as info:
        read_pdf(data[: int(len(data) * keep)], "cut.pdf", ParseOptions())
    assert info.value.__cause__ is not None
    assert not isinstance(info.value, EncryptedDocumentError)


BROKEN_PAGE_TREE = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox null >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\nnot a pdf at all", BROKEN_PAGE_TREE, b"%PDF-1.7\n" + bytes(range(256))]
)
def test_corrupt_pdf_is_a_read_error_not_a_traceback(data: bytes) -> None:
    with pytest.raises(DocumentReadError) as info:
        read_pdf(data, "broken.pdf", ParseOptions())
    assert info.value.path == "broken.pdf"


def test_max_pages_limits_pages_read() -> None:
    layout = read("ruled_repeat_header.pdf", max_pages=1)
    assert layout.pages == 3
    (table,) = layout.tables()
    assert table.n_rows == 4 and table.pages == [1]
    assert ("max_pages", "read only the first 1 of 3 pages (max_pages)", None) in layout.warnings


# ---------------------------------------------------------------- the stages


@pytest.mark.parametrize(
    ("colour", "expected"),
    [
        ((1.0, 0.0, 0.0), "#FF0000"),
        ((0.0, 0.6902, 0.3137), "#00B050"),
        ((0.5,), "#808080"),
        (0.5, "#808080"),
        ((0.0, 0.25, 1.0, 0.0), "#FFBF00"),
        ((1.0,), None),
        ((1.0, 1.0, 1.0), None),
        ((0.0, 0.0, 0.0, 0.0), None),
        (None, None),
        ("P0", None),
    ],
)
def test_fill_hex(colour: object, expected: str | None) -> None:
    assert fill_hex(colour) == expected


def _line(text: str, top: float, x0: float = 10.0, size: float = 10.0) -> Line:
    words, x = [], x0
    for t in text.split():
        words.append(Word(t, x, x + 5.5 * len(t), top, top + size, size, False))
        x += 5.5 * len(t) + 2.8
    return Line.of(words)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # line wrap inside a paragraph; a gap starts a new paragraph
        ([("The plan is", 0), ("agreed.", 12), ("Next steps", 30)],
         [Para("The plan is agreed."), Para("Next steps")]),
        # bullets: glyph dropped, continuation lines stay in the item
        ([("• Advert issued", 0), ("in May", 12, 18.3), ("▪ Interviews", 24), ("- Offers", 36)],
         [Para("Advert issued in May", True), Para("Interviews", True), Para("Offers", True)]),
        ([("\uf0b7 Symbol bullet", 0), ("o Second level", 12)],
         [Para("Symbol bullet", True), Para("Second level", True)]),
        # a hyphen at a line end is kept and joined without a space
        ([("multi-", 0), ("agency working", 12)], [Para("multi-agency working")]),
        # a numbered line starts a new paragraph (not a list item: the number is text)
        ([("1. Audit", 0), ("2. Train", 12)], [Para("1. Audit"), Para("2. Train")]),
    ],
)
def test_lines_to_paras(lines: list[tuple[Any, ...]], expected: list[Para]) -> None:
    assert lines_to_paras([_line(*spec) for spec in lines], 5.0, 400.0) == expected


def test_lines_to_paras_rejoins_word_split_by_column_width() -> None:
    lines = [_line("Communicati", 0), _line("ons Manager", 12)]
    right = lines[0].x1 + 5.0  # the word filled the cell: split by the column width
    assert lines_to_paras(lines, 5.0, right) == [Para("Communications Manager")]
    # a short single word (natural wrap before a long word) is not glued
    lines = [_line("Tony", 0), _line("mcgregor", 12)]
    assert lines_to_paras(lines, 5.0, 200.0) == [Para("Tony mcgregor")]


# Row-continuation heuristic on synthetic fragments: previous page's table ends at
# y=780 (page foot); columns Action | Owner | Progress.
XS = [40.0, 200.0, 300.0, 550.0]


def _frag(page: int, rows: list[list[list[str]]], top: float, heights: list[float]) -> Fragment:
    tops = [top]
    for h in heights:
        tops.append(tops[-1] + h)
    cells = []
    for r, row in enumerate(rows):
        for k, texts in enumerate(row):
            lines = [_line(t, tops[r] + 3 + 12 * i, XS[k] + 4) for i, t in enumerate(texts)]
            cells.append(FragCell(r, 1, XS[k], XS[k + 1], tops[r], tops[r + 1], lines))
    return Fragment(page, True, cells, tops, XS)


PREV_ROW = [["2. Train all staff"], ["A Jones"],
            [f"line {i} of the progress" for i in range(1, 8)]]


@pytest.mark.parametrize(
    ("prev_height", "new_row", "continues"),
    [
        # progress ran to the foot; only it goes on, in lower case: a cut row
        (88.0, [[], [], ["and the rest of it."]], True),
        # same, starting with a capital: the Action/Owner cells ended, so still a cut row
        (88.0, [[], [], ["The rest of it."]], True),
        # Owner had ended high up in its cell: text under it starts a new row
        (88.0, [[], ["B Brown"], ["More progress"]], False),
        # a numbered action under a numbered action: a new row
        (88.0, [["3. Report"], [], ["more"]], False),
        # the previous row did not reach the foot of the page: a new row
        (120.0, [[], [], ["and the rest of it."]], False),
    ],
)
def test_continuation_heuristic(
    prev_height: float, new_row: list[list[str]], continues: bool
) -> None:
    # table ends at 780 when prev_height=88 (row reaches the foot), 812 otherwise
    prev = _frag(1, [[["Action"], ["Owner"], ["Progress"]], PREV_ROW], 672.0, [20.0, prev_height])
    if prev_height != 88.0:
        prev = _frag(1, [[["Action"], ["Owner"], ["Progress"]], PREV_ROW], 500.0,
                     [20.0, prev_height])
    builder = TableBuilder(prev)
    nxt = _frag(2, [new_row], 40.0, [30.0])
    assert builder.continues_row(nxt, 0, page_bottom=700.0) is continues


# ---------------------------------------------------------------- words and lines


def _word(text: str, x0: float = 10.0, *, size: float = 10.0, space_after: bool = False,
          top: float = 0.0) -> Word:
    return Word(text, x0, x0 + 5.0 * len(text), top, top + size, size, False, space_after)


LEXICON = Lexicon(frozenset({"by", "to", "or", "date", "the", "coordinators"}), wrap_spaces=True)


@pytest.mark.parametrize(
    ("head", "tail", "slack", "lexicon", "split"),
    [
        # the text layer has the space LibreOffice prints at a wrap: two words
        (_word("Implementation", space_after=True), "date", 3.5, LEXICON, False),
        # no space, but none would have fitted; "by" is a word of the document
        (_word("Complete"), "by", 1.2, LEXICON, False),
        # no space where one would have fitted: split, though "or" is a word
        (_word("Coordinat"), "or", 4.3, LEXICON, True),
        # no room for a space and "ing" is no word of the document: split
        (_word("Commission"), "ing", 0.5, LEXICON, True),
        (_word("Septembe"), "r", 1.7, LEXICON, True),
        # digits split from digits, whatever the words
        (_word("30/06/20"), "23", 1.3, LEXICON, True),
        (_word("September"), "2019", 1.0, LEXICON, False),
        (_word("Southmere"), "District", 0.5, LEXICON, False),
        # a producer that prints no wrap spaces: the words decide
        (_word("Coordinat"), "or", 4.3, Lexicon(frozenset({"or"}), False), False),
        (_word("Coordinat"), "ors", 4.3, Lexicon(frozenset({"ors", "coordinators"}), False), True),
        # no lexicon: a letter before a lower-case letter is a split
        (_word("Complete"), "by", 1.2, None, True),
    ],
)
def test_split_by_width(head: Word, tail: str, slack: float, lexicon: Lexicon | None,
                        split: bool) -> None:
    assert split_by_width(head, tail, slack, lexicon) is split


def test_document_lexicon_leaves_out_words_at_line_breaks() -> None:
    cell_lines = [
        Line.of([_word("Agreed"), _word("by", 50), _word("the", 70, space_after=True)]),
        Line.of([_word("Commission", top=12), _word("ing", 70, top=12)]),
    ]
    lexicon = document_lexicon([cell_lines])
    assert lexicon == Lexicon(frozenset({"agreed", "by", "ing"}), wrap_spaces=True)


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("multi-", "agency", "multi-agency"),
        ("April–", "September 2020", "April–September 2020"),
        ("2016-", "17", "2016-17"),
        ("meeting –", "further report", "meeting – further report"),
        ("the", "-", "the -"),
    ],
)
def test_join_text_keeps_a_dash_that_ends_a_line_attached(before: str, after: str,
                                                          joined: str) -> None:
    assert join_text(before, after) == joined


def test_join_touching_rejoins_a_word_printed_in_two_fonts() -> None:
    # pdfplumber splits a word where the font changes: "(" + italic "priority" ...
    words = [
        _word("(", 10.0, space_after=False),
        _word("priority", 15.1, space_after=True),
        _word("5", 58.0),
        _word(")", 63.0),
        _word("children", 80.0),
        _word(",", 120.1, space_after=True),
        _word("young", 128.0, space_after=True),
        _word("people", 158.0, top=12.0),  # the next line
    ]
    assert [w.text for w in join_touching(words)] == [
        "(priority", "5)", "children,", "young", "people"]
    # words with a space between them stay apart, however close
    spaced = [_word("a", 10.0, space_after=True), _word("b", 15.5)]
    assert [w.text for w in join_touching(spaced)] == ["a", "b"]


def test_dash_continuing_a_wrapped_list_item_is_not_a_bullet() -> None:
    item = _line("• Assistant Director", 0)
    text_x0 = item.words[1].x0
    # the wrapped line starts where the item's text starts, with a plain space after
    # the dash: the role goes on ("Assistant Director – Quality & Partnership")
    wrapped = [item, _line("– Quality & Partnership", 12, text_x0)]
    assert lines_to_paras(wrapped, 5.0, 400.0) == [
        Para("Assistant Director – Quality & Partnership", True)]
    # a dash where the bullets stand is the next item
    listed = [item, _line("– Head of Service", 12, item.x0)]
    assert lines_to_paras(listed, 5.0, 400.0) == [
        Para("Assistant Director", True), Para("Head of Service", True)]


def test_full_width_section_row_at_a_page_top_is_not_the_rest_of_a_cut_row() -> None:
    """cqc_asc_assessment_plan.pdf: a progress cell runs to the foot of page 1 and page 2
    opens with the shaded row "Theme 2: Providing support" (header not repeated)."""
    from planparse.layout import Table as LayoutTable
    from planparse.options import ParseOptions
    from planparse.readers.pdf import read_pdf

    path = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "cqc_asc_assessment_plan.pdf"
    layout = read_pdf(path.read_bytes(), path.name, ParseOptions())
    plan = max((b for b in layout.blocks if isinstance(b, LayoutTable)), key=lambda t: t.n_rows)
    theme2 = [c for c in plan.cells if c.text == "Theme 2: Providing support"]
    assert len(theme2) == 1 and theme2[0].col_span == plan.n_cols and theme2[0].pages == [2]
    assert not any("Theme 2" in c.text for c in plan.cells if c is not theme2[0])


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("seed000_improvement_plan.pdf", True),
        ("seed000_header_once.pdf", True),
        ("seed003_portrait_long.pdf", False),
    ],
)
def test_pages_kept_compressed_read_the_same(name: str, furniture: bool) -> None:
    """A long document's pages are kept compressed between reading and assembling (issue
    15); the layout must be the one read with every page kept as objects, furniture
    stripped and tables joined across page breaks alike."""
    data = (FIXTURES.parent / "pdf" / name).read_bytes()
    compressed = PageStore(as_objects=0)
    as_objects = PageStore(as_objects=10_000)
    layout = read_pdf(data, name, ParseOptions(), store=compressed)
    assert layout == read_pdf(data, name, ParseOptions(), store=as_objects)
    assert bool(layout.furniture) is furniture and layout.tables()
    assert len(compressed) == len(as_objects) == layout.pages
    first, again = next(iter(compressed)), next(iter(compressed))
    assert first == again and first is not again  # decoded afresh each time
    assert next(iter(as_objects)) is next(iter(as_objects))
# ---------------------------------------------------------------- Word 2010 "Save as PDF"


def test_header_shaded_in_pieces_reads_as_one_cell_per_column_over_its_data() -> None:
    """shaded_pieces.pdf: each header cell shaded with a rectangle per text line plus
    margin strips (Word 2010's PDF export; the 2012 departmental open data strategies).
    The pieces are one cell each, in the grid column of the data under them."""
    table = read("shaded_pieces.pdf").tables()[0]
    assert (table.n_cols, table.header_rows) == (4, 1)
    assert [c.text for c in table.row_cells(0)] == [
        "Dataset Name", "Description of data", "To be first published on", "Frequency of update"]
    assert [c.fill for c in table.row_cells(0)] == ["#009999"] * 4
    assert [c.text for c in table.row_cells(1)] == [
        "Spend over 25,000", "Items of spending over 25,000, published each month.", "June 2012", "Monthly"]


def test_landscape_footer_is_furniture_and_the_table_goes_on_over_the_page() -> None:
    """shaded_pieces.pdf: the footer sits 73 pt above the lower edge of a landscape page
    (more than 12% of its height); it is furniture, so the table that ends early on page 1
    is the last thing there and the rows at the top of page 2 continue it."""
    layout = read("shaded_pieces.pdf")
    assert "Department Open Data Strategy June 2012 1" in layout.furniture
    (table,) = layout.tables()
    assert table.pages == [1, 2] and table.n_rows == 6
    assert column(table, 0) == ["Spend over 25,000", "Organograms", "Contracts", "Grants", "Customer survey"]
    assert [b.text for b in layout.blocks if isinstance(b, Paragraph)] == [
        "Further datasets will be added as they are identified."]


_TEAL = "#009999"


@pytest.mark.parametrize(
    ("boxes", "rules", "fills", "expected"),
    [
        # a header cell cut into a top strip, margin strips beside a text line, a bottom
        # strip, over a data cell: the pieces join, the data cell stays
        (
            [(0, 0, 100, 10), (0, 10, 5, 22), (5, 10, 95, 22), (95, 10, 100, 22), (0, 22, 100, 30),
             (0, 30, 100, 80)],
            [(0, 29.8, 100, 30.2)],
            [(0, 0, 100, 10), (0, 10, 5, 22), (5, 10, 95, 22), (95, 10, 100, 22), (0, 22, 100, 30)],
            [(0, 0, 100, 30), (0, 30, 100, 80)],
        ),
        # a rule along the boundary keeps the pieces apart
        (
            [(0, 0, 50, 10), (50, 0, 100, 10), (0, 10, 100, 80)],
            [(49.8, 0, 50.2, 10)],
            [(0, 0, 50, 10), (50, 0, 100, 10)],
            [(0, 0, 50, 10), (50, 0, 100, 10), (0, 10, 100, 80)],
        ),
        # a white gap between two shaded cells is a boundary
        (
            [(0, 0, 50, 10), (50, 0, 100, 10), (0, 10, 100, 80)],
            [],
            [(0, 0, 48, 10), (52, 0, 100, 10)],
            [(0, 0, 50, 10), (50, 0, 100, 10), (0, 10, 100, 80)],
        ),
        # shaded columns that the rows below keep apart too stay two columns
        (
            [(0, 0, 50, 10), (50, 0, 100, 10), (0, 10, 50, 80), (50, 10, 100, 80)],
            [(0, 9.8, 100, 10.2)],
            [(0, 0, 100, 10)],
            [(0, 0, 50, 10), (50, 0, 100, 10), (0, 10, 50, 80), (50, 10, 100, 80)],
        ),
    ],
    ids=["pieces-join", "rule-between", "white-gap", "columns-below"],
)
def test_join_shading_pieces(
    boxes: list[tuple[float, float, float, float]],
    rules: list[tuple[float, float, float, float]],
    fills: list[tuple[float, float, float, float]],
    expected: list[tuple[float, float, float, float]],
) -> None:
    from planparse.readers._pdf_page import Fill, join_shading_pieces
    from planparse.readers.pdf_settings import DEFAULT_PDF_SETTINGS

    shading = [Fill(x0, x1, top, bottom, _TEAL) for x0, top, x1, bottom in fills]
    got = join_shading_pieces(boxes, rules, shading, DEFAULT_PDF_SETTINGS)
    assert sorted(tuple(float(v) for v in b) for b in got) == sorted(tuple(float(v) for v in b) for b in expected)


def test_footnote_under_a_table_does_not_stop_its_cut_row_going_on() -> None:
    """footnotes.pdf: the last row of page 1 is cut by the page break and a footnote sits
    between the table and the page foot, under Word's short separator rule. The footnote
    is text of the page, not a paragraph after the table: the rest of the row at the top
    of page 2 joins the row."""
    layout = read("footnotes.pdf")
    (table,) = layout.tables()
    assert table.pages == [1, 2] and table.n_rows == 4
    assert cell(table, 2, 1).text.endswith("module 45, and then share the results with the partner agencies.")
    assert column(table, 1)[2] == "3. Report progress to the Board."
    assert [b.text for b in layout.blocks if isinstance(b, Paragraph)] == [
        "1 The protocol is published on the Board's website.", "Approved by the Board in May 2016."]


def test_table_ruled_only_across_takes_its_columns_from_the_text() -> None:
    """banded_rows.pdf: a Word "Light Shading" table - rules between rows (in pieces) and a
    frame, no rule between columns, every other row shaded. Every row has the five columns
    its text lines up in (an unshaded row was one cell across the table), and the row at
    the top of page 2 whose reference "4" follows "3" is a new row, not the rest of row 3."""
    layout = read("banded_rows.pdf")
    (table,) = layout.tables()
    assert (table.n_rows, table.n_cols, table.pages) == (6, 5, [1, 2])
    assert [c.text for c in table.row_cells(0)] == [
        "No.", "Section", "Commitment Description", "Category", "Notes on action"]
    assert [c.text for c in table.row_cells(2)] == [
        "2", "Who do I ask?", "We will publish how we deal with requests for datasets.", "Contacting us",
        "In place by March 2014"]
    assert column(table, 0) == ["1", "2", "3", "4", "5"]
    assert column(table, 4)[2:] == ["Initial action by December, updated quarterly", "In place by May 2014",
                                    "From October 2013"]
