"""Every tolerance of the PDF reader, named, with its default, unit and bounds.

The PDF reader (:mod:`planparse.readers.pdf` and its stages ``_pdf_page``, ``_pdf_text``,
``_pdf_assemble``) compares positions, gaps and sizes against thresholds. Each one is a
field of :class:`PdfSettings`, the way pdfplumber's ``TableSettings`` names every snap,
join and intersection tolerance: one frozen object, validated once, passed down through
the reader (the stages read no module-level threshold at call time).

Units: ``pt`` is a PDF point (1/72 inch), in pdfplumber's coordinates (from the top-left
of the page as displayed); ``em`` is a multiple of the font size of the text concerned
(a gap of 0.6 em next to 10 pt text is 6 pt); a *share* or *ratio* has no unit.

Change one with ``parse(path, pdf_settings={"cell_pad": 3})`` (or a :class:`PdfSettings`
instance, or ``ParseOptions(pdf_settings=...)``); docs/pdf-settings.md lists them all
(generated from the docstrings below by :func:`settings_table`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import OptionsError

Points = Annotated[float, Field(ge=0)]
"""A distance in points; never negative."""
Ems = Annotated[float, Field(ge=0)]
"""A multiple of a font size; never negative."""
Share = Annotated[float, Field(ge=0, le=1)]
"""A fraction between 0 and 1."""
Ratio = Annotated[float, Field(ge=1)]
"""A ratio of at least 1 (how many times larger one thing may be than another)."""
Count = Annotated[int, Field(ge=1)]
"""A whole number of things, at least 1."""


class PdfSettings(BaseModel):
    """The PDF reader's tolerances (see the module docstring for units)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    # ------------------------------------------------------------ words and lines
    space_char_slack: Points = 1.0
    """pt. How far a space character may start from a word's right edge and still be the
    space printed right after that word (a space kept at a line wrap)."""
    touch_gap: Ems = 0.15
    """em (of the smaller word). Two words on one baseline with no space character between
    them are one word printed in two fonts when the gap between them is at most this."""
    touch_overlap: Ems = 0.1
    """em. How far the second of two touching words may start left of the first's end
    (kerning) and still be joined to it."""
    touch_baseline_slack: Points = 1.0
    """pt. How far apart the bottoms of two touching words may be and still be on one
    baseline."""
    line_overlap: Share = 0.5
    """Share of a word's height. A word joins the line being built when its top lies above
    the line's bottom by more than this share of its height."""
    marker_min_side: Points = 1.5
    """pt. Smallest side of a filled shape read as a drawn list marker (a bullet that
    Chromium draws as a path, not a glyph)."""
    marker_max_side: Points = 7.0
    """pt. Largest side of a filled shape read as a drawn list marker."""
    marker_max_aspect: Ratio = 1.5
    """Ratio. A drawn list marker is about square: its longer side is at most this many
    times its shorter one."""
    marker_word_gap: Ems = 2.0
    """em (of the word). A drawn marker counts only when a word starts within this distance
    to its right on the same line."""
    white_level: Annotated[int, Field(ge=0, le=255)] = 250
    """0-255. A fill whose red, green and blue are all at least this is white (no fill)."""

    # ------------------------------------------------------------ rules and ruled tables
    rule_max_thickness: Points = 3.0
    """pt. A line or rectangle thinner than this is a rule; a filled rectangle this thin is
    a rule, not a cell's shading."""
    rule_min_length: Points = 3.0
    """pt. A rule shorter than this along its direction is a dot, not a rule."""
    rule_slack: Points = 1.5
    """pt. How far a rule may lie from a cell boundary and still be the rule drawn on it."""
    rule_touch: Points = 1.0
    """pt. How far a rule may stop short of a table's box and still be the table's: a table
    with no rule within this distance is shading that touches, and a row boundary counts as
    ruled only where a rule reaches more than this into the table's width."""
    rule_end_slack: Points = 1.0
    """pt. Vertical rules whose ends lie within this of one height end at that height (see
    ``open_edge_rules``)."""
    open_edge_rules: Count = 3
    """Vertical rules that must end at one height, with no horizontal rule there, before a
    ruled table is taken to be cut open at that height by a page break."""
    grid_snap: Points = 3.0
    """pt. Cell edges of a ruled table this close together are one grid line (one column or
    row boundary)."""
    ruled_min_coverage: Share = 0.85
    """Share of the bounding box. pdfplumber's cells must cover at least this share of their
    bounding box to be a ruled table (less: fills that happen to touch)."""
    cell_pad: Points = 2.0
    """pt. Slack when testing whether a word lies in a table; also the padding between a
    column's text and its boundary in tables without rules."""
    cell_hit_slack: Points = 0.5
    """pt. How far outside a ruled cell a word's (or fill's) centre may lie and still be in
    that cell."""
    cell_fill_min_ratio: Annotated[float, Field(ge=0)] = 0.4
    """Ratio of areas. A colour counts as a ruled cell's fill when the rectangles of that
    colour centred in the cell cover at least this share of it..."""
    cell_fill_max_ratio: Annotated[float, Field(ge=0)] = 1.6
    """Ratio of areas. ...and at most this many times its area (larger: the shading of a
    bigger region)."""

    shade_probe: Points = 1.0
    """pt. How far either side of a cell boundary the shading is looked at when deciding
    whether one shading runs on across it (a white gap between shaded cells is wider): a
    shaded cell drawn in pieces is one cell again (``join_shading_pieces``)."""
    piece_snap: Points = 1.0
    """pt. Cell edges this close together are one edge when shading pieces are joined."""
    piece_support: Share = 0.5
    """Share of the table's height. A column boundary with no rule along it, inside one
    shading, is a boundary between pieces of a cell when cells run across it over at least
    this share of the table's height (else the columns below keep it)."""
    open_sided_row_rule: Share = 0.8
    """Share of the table's width. In a table ruled only across (rules between rows and a
    frame, no rule between columns: Word's banded styles), a horizontal rule, its pieces
    added up, that runs across this share marks a row boundary (``open_sided_grid``)."""

    # ------------------------------------------------------------ tables without rules
    gutter_min: Points = 6.0
    """pt. A gap between words wider than this (and than ``gutter_em``) splits a line into
    blocks that may be cells of a table without rules."""
    gutter_em: Ems = 0.6
    """em (of the next word). A gap between words wider than this (and than ``gutter_min``)
    splits a line into blocks."""
    wide_gap: Ems = 3.0
    """em. Text outside tables is split into separate lines at gaps wider than this (a
    footer's text and its page number, two text columns)."""
    column_start_slack: Points = 4.0
    """pt. Left edges of blocks this close together are one column start; a block belongs
    to the column whose start is at most this right of its left edge."""
    column_cross_slack: Points = 1.0
    """pt. A block that runs more than this past the next column's start crosses the
    column boundary (a full-width paragraph, not a cell)."""
    fill_slack: Points = 1.0
    """pt. How far text, a column start or a column boundary may lie outside a fill and
    still be on it."""
    fill_start_reach: Points = 12.0
    """pt. The text of a filled column (a RAG column) starts within this of the fill's left
    edge."""
    borderless_min_lines: Count = 2
    """Lines. A table without rules needs at least this many lines that split into two or
    more blocks (a page with fewer has no such table)."""
    narrow_fill_width: Points = 200.0
    """pt. A fill narrower than this may be a cell (and add a column of its own, such as a
    RAG column with no text); a wider one is a band across the table."""
    band_max_height: Ems = 6.0
    """em (of the line on it). A fill across the table taller than this is not the shading
    of one full-width row (a section title)."""
    table_line_gap: Ems = 2.5
    """em (of the line above). A vertical gap wider than this between two lines ends a table
    without rules."""
    table_size_slack: Points = 1.5
    """pt. Lines of a table without rules differ in font size by at most this."""
    cell_restart_gap: Ems = 1.0
    """em (of the line). In a table without rules, a column's text starts a new cell when
    the gap above it, to that column's previous text, is wider than this."""
    shade_edge_slack: Points = 1.0
    """pt. A shaded cell's top or bottom edge starts a new row when it lies between the
    previous line (less this) and the next line's top (plus ``shade_edge_reach``)."""
    shade_edge_reach: Ems = 0.35
    """em (of the line). How far below a line's top a shaded cell's edge may lie and still
    start the row at that line."""
    fill_cell_cover: Share = 0.75
    """Share of a column's width. A narrow fill's top and bottom edges are row boundaries
    when it covers at least this share of a column from the column's left edge."""
    fill_max_widen: Ratio = 1.5
    """Ratio of widths. A fill colours the cell its centre falls in when it is at most this
    many times as wide as the cell (plus twice ``cell_pad``)."""

    # ------------------------------------------------------------ paragraphs
    para_gap: Ems = 0.45
    """em. A vertical gap wider than this always ends a paragraph; a weak bullet glyph
    ("-", "o", "–") starts a list item only after a gap wider than this."""
    para_extra: Ems = 0.15
    """em. A gap this much (and at least ``para_extra_min``) wider than the document's usual
    gap between lines of the size also ends a paragraph: a browser or reportlab prints a
    few points after a paragraph with a tight leading."""
    para_extra_min: Points = 1.0
    """pt. The smallest widening over the usual gap that ends a paragraph."""
    leading_samples: Count = 12
    """Line pairs of one font size needed before their usual gap (the document's leading)
    is trusted."""
    leading_size_slack: Points = 0.3
    """pt. Lines whose font sizes differ by at most this count as one size when measuring
    the document's leading."""
    leading_overlap: Ems = 0.3
    """em. Line pairs overlapping by more than this are left out of the leading."""
    leading_bin: Annotated[float, Field(gt=0)] = 0.25
    """pt. Gaps between lines are rounded to a multiple of this before the most common gap
    (the leading) is taken."""
    wrap_space_share: Share = 0.25
    """Share of line wraps. The text layer keeps the space at a line wrap (LibreOffice's
    export) when at least this share of a document's wraps end in a space."""
    space_width: Ems = 0.3
    """em. Room a space needs at a line's end: in a document that keeps wrap spaces, a line
    ending at least this short of its cell's edge with no space is a split word."""
    split_slack: Ems = 0.6
    """em. A one-word line ending at most this short of its cell's right edge may be a word
    split by the column width."""
    split_min_chars: Count = 3
    """Characters. A one-word line shorter than this is never the first part of a split
    word."""
    list_indent: Points = 12.0
    """pt. A bullet indented more than this from the text's left edge is a second-level
    list item."""
    hanging_slack: Points = 3.0
    """pt. A line starting more than this left of a list item's text ends the item."""
    wrap_indent_slack: Points = 2.0
    """pt. Inside a list item, a dash this close to where the item's wrapped lines start
    (and followed by a plain space) wraps the item rather than starting a new one."""
    bullet_tab: Ems = 0.5
    """em. A gap after a dash narrower than this is a plain space; a bullet is followed by
    a tab, which is wider."""

    # ------------------------------------------------------------ page furniture
    furniture_band: Share = 0.12
    """Share of the page's longer side. Running headers and footers are looked for in the
    top and bottom band of this height: margins are set in lengths, so a landscape page's
    footer sits as far from its lower edge as a portrait page's does."""
    footnote_rule_min: Points = 36.0
    """pt. Shortest rule read as the separator Word draws over a page's footnotes (144 pt
    by default, a third of a portrait text column)."""
    footnote_rule_max: Share = 0.4
    """Share of the page width. Longest rule read as a footnote separator."""
    footnote_margin: Points = 12.0
    """pt. How far the footnote separator may start from the left edge of the text under
    it. Lines under the separator are footnotes: text, but not text after a table, so the
    table may go on over the page."""
    furniture_share: Share = 0.5
    """Share of pages. A text in a band is furniture when it recurs (digits ignored) on at
    least this share of the pages with text..."""
    furniture_min_pages: Count = 2
    """Pages. ...and on at least this many."""

    # ------------------------------------------------------------ tables across pages
    join_outer_slack: Points = 6.0
    """pt. The outer edges of two table pieces on consecutive pages match within this for
    the pieces to be one table."""
    join_inner_slack: Points = 3.0
    """pt. An inner column boundary of one piece matches one of the other within this."""
    join_inner_share: Share = 0.6
    """Share of inner boundaries. At least this share must match for two pieces to be one
    table."""
    repeat_header_rows: Count = 3
    """Rows. A piece whose first rows (up to this many) repeat the table's first rows
    repeats the header."""
    right_edge_slack: Points = 0.5
    """pt. A cell whose right edge is within this of its piece's right edge is in the last
    column (and is stretched to the table's right edge)."""
    cover_share: Share = 0.5
    """Share of the narrower width. A cell on the new page continues the cell above it when
    they overlap by at least this share."""
    number_column_slack: Points = 1.0
    """pt. An empty cell ending within this right of a numbered action's left edge is left
    of the numbers (see merged cells across a page break)."""
    cut_reach_min: Points = 18.0
    """pt. A cell's text that ends more than this (and more than ``cut_reach_em``) above the
    foot of its piece was complete: the next page's text does not continue it."""
    cut_reach_em: Ems = 2.0
    """em (of the cell's last line). See ``cut_reach_min``."""
    foot_reach_min: Points = 36.0
    """pt. A table that reaches within this (and within ``foot_reach_lines`` body lines) of
    the lowest content of any page is at the page foot: it may be cut by the break."""
    foot_reach_lines: Ems = 3.0
    """em (of the body text). See ``foot_reach_min``."""
    column_merge: Points = 4.0
    """pt. Cell edges of a joined table this close together are one column boundary."""
    full_width_share: Share = 0.8
    """Share of the piece's width. A cell at least this wide is a full-width row (a section
    row), never the rest of a row cut by a page break."""

    # ------------------------------------------------------------ headings
    heading_size_step: Points = 1.5
    """pt. Text at least this much larger than the body text is a heading."""
    heading_level_slack: Points = 0.25
    """pt. A heading's level is that of the largest heading size it reaches within this."""
    bold_heading_size_slack: Points = 0.5
    """pt. Bold text at most this much smaller than the body text may be a heading..."""
    bold_heading_max_lines: Count = 2
    """Lines. ...when it has at most this many lines and does not end with a full stop."""
    heading_max_chars: Count = 200
    """Characters. Longer text is never a heading."""
    block_size_slack: Points = 0.6
    """pt. Lines outside tables whose font sizes differ by more than this are separate
    blocks (a heading and the paragraph under it)."""
    block_gap: Ems = 1.2
    """em (of the larger line). A vertical gap wider than this between lines outside
    tables separates blocks."""

    @model_validator(mode="after")
    def _check_pairs(self) -> PdfSettings:
        if self.marker_min_side > self.marker_max_side:
            raise ValueError(
                f"marker_min_side ({self.marker_min_side}) is larger than "
                f"marker_max_side ({self.marker_max_side})"
            )
        if self.cell_fill_min_ratio > self.cell_fill_max_ratio:
            raise ValueError(
                f"cell_fill_min_ratio ({self.cell_fill_min_ratio}) is larger than "
                f"cell_fill_max_ratio ({self.cell_fill_max_ratio})"
            )
        return self

    @classmethod
    def resolve(cls, value: PdfSettings | Mapping[str, Any] | None) -> PdfSettings:
        """Settings from an instance, a mapping of names to values (the rest stay at their
        defaults) or None (all defaults). Raises :class:`~planparse.errors.OptionsError` (a
        ValueError) naming an unknown setting with the list of known ones, or the setting
        whose value is out of bounds."""
        if value is None:
            return DEFAULT_PDF_SETTINGS
        if isinstance(value, PdfSettings):
            return value
        if not isinstance(value, Mapping):
            raise OptionsError(
                f"PDF settings must be a mapping of setting names to values or a PdfSettings, "
                f"not {type(value).__name__}"
            )
        unknown = sorted(str(k) for k in set(value) - set(cls.model_fields))
        if unknown:
            raise OptionsError(
                f"unknown PDF setting(s) {', '.join(unknown)}; known settings are "
                f"{', '.join(sorted(cls.model_fields))}"
            )
        try:
            return cls(**value)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(x) for x in first.get("loc", ()))
            msg = str(first.get("msg", err)).removeprefix("Value error, ")
            raise OptionsError(f"PDF setting {where}: {msg}" if where else msg) from None


DEFAULT_PDF_SETTINGS = PdfSettings()
"""The defaults: what every stage of the PDF reader uses unless a parse says otherwise."""


def settings_table() -> str:
    """docs/pdf-settings.md's table: every setting with its default and docstring
    (``python tools/pdf_settings_doc.py`` writes it into the page)."""
    rows = ["| Setting | Default | What it measures |", "| --- | --- | --- |"]
    for name, info in PdfSettings.model_fields.items():
        text = " ".join((info.description or "").split()).replace("|", "\\|")
        rows.append(f"| `{name}` | {info.default!r} | {text} |")
    return "\n".join(rows) + "\n"
