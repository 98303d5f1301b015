"""One pdfplumber page -> :class:`PageData`: words, ruled tables, aligned-text tables, fills.

Each expensive pdfplumber call is made once per page: ``extract_words`` (text),
``find_tables`` (ruled tables, from the page's line and rectangle edges) and one pass over
``page.rects`` (cell fills). Cell text is NOT taken from ``Table.extract()`` (which filters
the page's characters once per cell); words are dropped into cells by their centre.

Tables without ruling lines are found in the words left over: lines whose text falls
into two or more column blocks that line up with other lines (see
:func:`borderless_fragments`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from ._pdf_model import FragCell, Fragment, Line, PageData, Word
from .pdf_settings import DEFAULT_PDF_SETTINGS, PdfSettings

BULLET_GLYPHS = frozenset(
    {"•", "▪", "-", "o", "◦", "●", "■", "□", "➢", "►", "–", "·", "∙", "‣", "⁃", "○",
     "\uf0b7", "\uf0a7", "\uf0d8", "\uf076", "\uf0fc", "\uf0a8", "\uf06e", "\uf0e8"}
)
"""Glyphs that start a bullet line when they stand alone before the text."""

# WinAnsiEncoding has no character at these codes, and the PDF standard (Annex D, note 3)
# prints the bullet there: reportlab's standard fonts write "•" as code 127, which
# pdfminer reports as "(cid:127)".
WINANSI_BULLET_CODES = frozenset({127, 129, 141, 143, 144, 157})
_CID = re.compile(r"\(cid:(\d+)\)")

_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)


def fill_hex(colour: Any, settings: PdfSettings = DEFAULT_PDF_SETTINGS) -> str | None:
    """A pdfplumber colour (grey, RGB or CMYK floats) as ``#RRGGBB``; white/none -> None."""
    if colour is None or isinstance(colour, str):
        return None
    if isinstance(colour, int | float):
        colour = (colour,)
    try:
        vals = [float(v) for v in colour]
    except (TypeError, ValueError):
        return None  # a pattern or a named colour space
    if len(vals) == 1:
        r = g = b = vals[0]
    elif len(vals) == 3:
        r, g, b = vals
    elif len(vals) == 4:
        c, m, y, k = vals
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    rgb = [max(0, min(255, round(v * 255))) for v in (r, g, b)]
    if min(rgb) >= settings.white_level:
        return None
    return "#{:02X}{:02X}{:02X}".format(*rgb)


class Fill:
    __slots__ = ("x0", "x1", "top", "bottom", "colour")

    def __init__(self, x0: float, x1: float, top: float, bottom: float, colour: str) -> None:
        self.x0, self.x1, self.top, self.bottom, self.colour = x0, x1, top, bottom, colour

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.bottom - self.top)


def rects_to_fills(rects: Iterable[dict[str, Any]], settings: PdfSettings) -> list[Fill]:
    """Filled, coloured, cell-sized rectangles (duplicates and hairlines left out)."""
    seen: set[tuple[int, int, int, int, str]] = set()
    fills: list[Fill] = []
    for rect in rects:
        if not rect.get("fill"):
            continue
        x0, x1, top, bottom = rect["x0"], rect["x1"], rect["top"], rect["bottom"]
        if x1 - x0 < settings.rule_max_thickness or bottom - top < settings.rule_max_thickness:
            continue  # a rule drawn as a thin rectangle
        colour = fill_hex(rect.get("non_stroking_color"), settings)
        if colour is None:
            continue
        key = (round(x0), round(x1), round(top), round(bottom), colour)
        if key in seen:
            continue
        seen.add(key)
        fills.append(Fill(x0, x1, top, bottom, colour))
    return fills


def to_words(
    raw: Iterable[dict[str, Any]], chars: Iterable[dict[str, Any]], settings: PdfSettings
) -> list[Word]:
    """pdfplumber's words (``extract_words(extra_attrs=["fontname", "size"])``) -> :class:`Word`.

    ``extra_attrs`` keeps each word in one font (for bold and size) and keeps
    pdfplumber from clustering a whole page's characters into lines at once (baselines a
    little apart in neighbouring columns chain into one "line" and interleave two lines'
    letters). But it splits a word where the font changes: "children" + "," after an
    italic run, "(" + "priority". Pieces that touch, with no space character between
    them, are joined again (:func:`join_touching`). ``chars`` (the page's characters)
    tell which words have a space character right after them.
    """
    spaces: dict[int, list[float]] = {}
    for ch in chars:
        if ch["text"] == " ":
            spaces.setdefault(round(ch["top"]), []).append(ch["x0"])

    def space_after(w: dict[str, Any]) -> bool:
        top, x1 = round(w["top"]), w["x1"]
        return any(
            abs(x - x1) < settings.space_char_slack for t in (top - 1, top, top + 1) for x in spaces.get(t, ())
        )

    return join_touching(
        [
            Word(
                winansi_bullets(w["text"]),
                float(w["x0"]),
                float(w["x1"]),
                float(w["top"]),
                float(w["bottom"]),
                float(w.get("size") or (w["bottom"] - w["top"])),
                bool(_BOLD.search(str(w.get("fontname", "")))),
                bool(spaces) and space_after(w),
            )
            for w in raw
            if w["text"].strip()
        ],
        settings,
    )


def winansi_bullets(text: str) -> str:
    """Unmapped WinAnsi codes that the standard prints as bullets -> "•"."""
    if "(cid:" not in text:
        return text
    return _CID.sub(
        lambda m: "•" if int(m.group(1)) in WINANSI_BULLET_CODES else m.group(0), text
    )


def drawn_markers(
    shapes: Iterable[dict[str, Any]], words: Sequence[Word], settings: PdfSettings
) -> list[Word]:
    """Bullets drawn as small filled shapes (Chromium draws a list's disc or square as a
    path, not a glyph) -> "•" words, so a list item reads the same as one whose bullet is
    text. A shape counts when it is filled, about square, between ``marker_min_side``
    and ``marker_max_side`` points a side, and a word starts within ``marker_word_gap`` ems
    to its right on the same line; the marker takes
    that word's line box and size."""
    out: list[Word] = []
    for shape in shapes:
        w, h = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if not shape.get("fill") or not (
            settings.marker_min_side <= min(w, h) <= max(w, h) <= settings.marker_max_side
        ):
            continue
        if max(w, h) > settings.marker_max_aspect * min(w, h):
            continue
        mid = (shape["top"] + shape["bottom"]) / 2
        right = [
            word
            for word in words
            if word.top <= mid <= word.bottom and 0 < word.x0 - shape["x1"] <= settings.marker_word_gap * word.size
        ]
        if not right:
            continue
        nxt = min(right, key=lambda word: word.x0)
        out.append(
            Word("•", float(shape["x0"]), float(shape["x1"]), nxt.top, nxt.bottom, nxt.size, False, True)
        )
    return out


def join_touching(words: list[Word], settings: PdfSettings = DEFAULT_PDF_SETTINGS) -> list[Word]:
    """Join words that touch on one baseline (a gap under ``touch_gap`` ems, no space character
    between): the pieces of one word printed in two fonts. The joined word takes the
    size and weight of its longer part."""
    order = sorted(range(len(words)), key=lambda i: (round(words[i].bottom), words[i].x0))
    out: list[Word] = []
    for i in order:
        w = words[i]
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.space_after
            and abs(prev.bottom - w.bottom) <= settings.touch_baseline_slack
            and -settings.touch_overlap * w.size
            <= w.x0 - prev.x1
            <= settings.touch_gap * min(w.size, prev.size)
        ):
            major = prev if len(prev.text) >= len(w.text) else w
            out[-1] = Word(
                prev.text + w.text,
                prev.x0,
                w.x1,
                min(prev.top, w.top),
                max(prev.bottom, w.bottom),
                major.size,
                major.bold,
                w.space_after,
            )
        else:
            out.append(w)
    return out


def group_lines(words: Sequence[Word], settings: PdfSettings) -> list[Line]:
    """Words -> lines: a word joins the current line when it overlaps it vertically."""
    lines: list[Line] = []
    current: list[Word] = []
    cur_top = cur_bottom = 0.0
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        height = word.bottom - word.top
        if current and word.top < cur_bottom - settings.line_overlap * height:
            current.append(word)
            cur_bottom = max(cur_bottom, word.bottom)
            cur_top = min(cur_top, word.top)
            continue
        if current:
            lines.append(Line.of(current))
        current, cur_top, cur_bottom = [word], word.top, word.bottom
    if current:
        lines.append(Line.of(current))
    return lines


def split_chunks(line: Line, settings: PdfSettings) -> list[Line]:
    """Split a line where the gap between words is wider than a column gutter.

    A lone bullet glyph stays with the text after it (Word indents bullet text by a tab).
    """
    chunks: list[list[Word]] = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        gap = word.x0 - prev.x1
        lone_bullet = len(chunks[-1]) == 1 and chunks[-1][0].text in BULLET_GLYPHS
        if gap > max(settings.gutter_min, settings.gutter_em * word.size) and not lone_bullet:
            chunks.append([word])
        else:
            chunks[-1].append(word)
    if len(chunks) == 1:
        return [line]
    return [Line.of(ws) for ws in chunks]


def split_wide(line: Line, settings: PdfSettings) -> list[Line]:
    """Split a line at gaps wider than ``wide_gap`` ems: a footer's left text and its page
    number, or two text columns, are separate lines."""
    parts: list[list[Word]] = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 > settings.wide_gap * word.size:
            parts.append([word])
        else:
            parts[-1].append(word)
    return [line] if len(parts) == 1 else [Line.of(ws) for ws in parts]


def _cluster(values: Iterable[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(points: Sequence[float], value: float, tol: float) -> int:
    """Index of the boundary in ``points`` nearest to ``value`` (within ``tol``)."""
    i = bisect_right(points, value + tol) - 1
    return max(i, 0)


def _locate(bounds: Sequence[float], value: float) -> int:
    """Band index of ``value`` between sorted boundaries (-1 or len-1 when outside)."""
    return bisect_right(bounds, value) - 1


def _has_rules(
    bbox: tuple[float, float, float, float], rules: Sequence[tuple[float, ...]], slack: float
) -> bool:
    x0, top, x1, bottom = bbox
    for rx0, rtop, rx1, rbottom in rules:
        if rx1 >= x0 - slack and rx0 <= x1 + slack and rbottom >= top - slack and rtop <= bottom + slack:
            return True
    return False


def _box_fill(box: tuple[float, float, float, float], fills: Sequence[Fill]) -> str | None:
    """The colour of the fill under the middle of ``box`` (None: unfilled or white)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for fill in fills:
        if fill.x0 <= cx <= fill.x1 and fill.top <= cy <= fill.bottom:
            return fill.colour
    return None


def horizontal_rules(page: Any, settings: PdfSettings) -> list[tuple[float, float, float]]:
    """Horizontal rules a reader sees, as (x0, x1, y): lines, the top and bottom of
    stroked rectangles, and rectangles too thin to be anything but a rule."""
    out: list[tuple[float, float, float]] = []
    for o in page.lines:
        if o["bottom"] - o["top"] < settings.rule_max_thickness:
            out.append((o["x0"], o["x1"], (o["top"] + o["bottom"]) / 2))
    for r in page.rects:
        if r["bottom"] - r["top"] < settings.rule_max_thickness and r["x1"] - r["x0"] >= settings.rule_min_length:
            out.append((r["x0"], r["x1"], (r["top"] + r["bottom"]) / 2))
        elif r.get("stroke"):
            out.append((r["x0"], r["x1"], r["top"]))
            out.append((r["x0"], r["x1"], r["bottom"]))
    return out


Rule = tuple[float, float, float, float]


def _fill_at(x: float, y: float, fills: Sequence[Fill]) -> str | None:
    """The colour of the shading at the point (x, y), None where there is none."""
    for fill in fills:
        if fill.x0 <= x <= fill.x1 and fill.top <= y <= fill.bottom:
            return fill.colour
    return None


def _rule_along(
    vertical: bool, at: float, lo: float, hi: float, rules: Sequence[Rule], settings: PdfSettings
) -> bool:
    """Is a rule drawn along the boundary at ``at`` (x when ``vertical``, else y) somewhere
    between ``lo`` and ``hi``?"""
    thin, slack, touch = settings.rule_max_thickness, settings.rule_slack, settings.rule_touch
    for x0, top, x1, bottom in rules:
        if vertical:
            if x1 - x0 < thin and abs((x0 + x1) / 2 - at) <= slack and min(bottom, hi) - max(top, lo) > touch:
                return True
        elif bottom - top < thin and abs((top + bottom) / 2 - at) <= slack and min(x1, hi) - max(x0, lo) > touch:
            return True
    return False


def _rule_edges(rules: Sequence[Rule], settings: PdfSettings) -> list[Rule]:
    """Rules as segments: a stroked rectangle gives its four sides."""
    out: list[Rule] = []
    for x0, top, x1, bottom in rules:
        if x1 - x0 < settings.rule_max_thickness or bottom - top < settings.rule_max_thickness:
            out.append((x0, top, x1, bottom))
        else:
            out += [(x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)]
    return out


def join_shading_pieces(
    cell_boxes: Sequence[tuple[float, float, float, float]],
    rules: Sequence[Rule],
    fills: Sequence[Fill],
    settings: PdfSettings,
) -> list[tuple[float, float, float, float]]:
    """Join the cells pdfplumber cuts out of one shaded cell drawn in pieces.

    Word (2007-2010 "Save as PDF") shades a header cell with one rectangle per text line
    plus a strip for each cell margin. pdfplumber's line strategy takes every rectangle
    edge as a boundary, so one header cell comes out as a dozen slivers, each in grid
    columns and rows of its own, and the header words land in other grid columns than
    the data under them. Two neighbouring cells (sharing a whole side) are one cell when
    a reader could not see the boundary: no rule is drawn along it and one shading runs
    on across it (the same colour just either side; a white gap between shaded cells
    breaks it). A boundary between columns is only joined where cells run across that
    column boundary over most of the table (``PdfSettings.piece_support``): columns of shaded cells
    that no rule separates stay apart when the rows below keep them apart too.
    """
    snap = settings.piece_snap
    snap_x = _cluster([v for b in cell_boxes for v in (b[0], b[2])], snap)
    snap_y = _cluster([v for b in cell_boxes for v in (b[1], b[3])], snap)

    def sx(v: float) -> float:
        return snap_x[_index(snap_x, v, snap)]

    def sy(v: float) -> float:
        return snap_y[_index(snap_y, v, snap)]

    boxes = {(sx(b[0]), sy(b[1]), sx(b[2]), sy(b[3])) for b in cell_boxes}
    if len(boxes) < 2 or not fills:
        return list(cell_boxes)
    segments = _rule_edges(rules, settings)
    probe, touch = settings.shade_probe, settings.rule_touch
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    height = bottom - top

    def crossed(x: float) -> float:
        """Share of the table's height over which a cell runs across x."""
        return sum(b[3] - b[1] for b in boxes if b[0] < x - touch and b[2] > x + touch) / height

    def joinable(a: tuple[float, ...], b: tuple[float, ...], vertical: bool) -> bool:
        if vertical:
            at, lo, hi = a[2], a[1], a[3]
            mid = (lo + hi) / 2
            left, right = _fill_at(at - probe, mid, fills), _fill_at(at + probe, mid, fills)
        else:
            at, lo, hi = a[3], a[0], a[2]
            mid = (lo + hi) / 2
            left, right = _fill_at(mid, at - probe, fills), _fill_at(mid, at + probe, fills)
        if left is None or left != right or _rule_along(vertical, at, lo, hi, segments, settings):
            return False
        return not vertical or crossed(at) >= settings.piece_support

    joined = False
    changed = True
    while changed:
        changed = False
        by_left = {(b[0], b[1], b[3]): b for b in boxes}
        by_top = {(b[0], b[2], b[1]): b for b in boxes}
        for a in sorted(boxes):
            right = by_left.get((a[2], a[1], a[3]))
            if right is not None and joinable(a, right, True):
                boxes -= {a, right}
                boxes.add((a[0], a[1], right[2], a[3]))
                changed = joined = True
                break
            below = by_top.get((a[0], a[2], a[3]))
            if below is not None and joinable(a, below, False):
                boxes -= {a, below}
                boxes.add((a[0], a[1], a[2], below[3]))
                changed = joined = True
                break
    if not joined:
        return list(cell_boxes)
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def join_unruled_rows(
    cell_boxes: Sequence[tuple[float, float, float, float]],
    hrules: Sequence[tuple[float, float, float]],
    fills: Sequence[Fill],
    settings: PdfSettings,
) -> list[tuple[float, float, float, float]]:
    """Join cells across row boundaries nobody can see.

    pdfplumber's line strategy takes every rectangle edge as a boundary. Word shades a
    header cell with one rectangle per text line, and draws a border in pieces whose ends
    sit between rows: the grid then gets a row per header line, or an empty sliver row
    above every data row. A boundary is real when a rule runs along it somewhere across
    the table, or the fill changes across it (zebra rows without rules); where neither
    holds for every cell that ends there, the cells above and below are one cell.
    """
    boxes = [(b[0], b[1], b[2], b[3]) for b in cell_boxes]
    if len(boxes) < 2:
        return list(cell_boxes)
    left = min(b[0] for b in boxes)
    right = max(b[2] for b in boxes)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], settings.grid_snap)
    for y in ys[1:-1]:
        if any(
            abs(ry - y) <= settings.rule_slack
            and rx0 < right - settings.rule_touch
            and rx1 > left + settings.rule_touch
            for rx0, rx1, ry in hrules
        ):
            continue
        above = [b for b in boxes if abs(b[3] - y) <= settings.rule_slack]
        below = {(round(b[0]), round(b[2])): b for b in boxes if abs(b[1] - y) <= settings.rule_slack}
        pairs = [(a, below.get((round(a[0]), round(a[2])))) for a in above]
        if not pairs or any(
            b is None or _box_fill(a, fills) != _box_fill(b, fills) for a, b in pairs
        ):
            continue
        if len(pairs) != len(below):
            continue
        for a, b in pairs:
            assert b is not None
            boxes.remove(a)
            boxes.remove(b)
            boxes.append((a[0], a[1], a[2], b[3]))
    return boxes


def ruled_fragment(
    cell_boxes: Sequence[tuple[float, float, float, float]],
    page_no: int,
    settings: PdfSettings,
) -> Fragment | None:
    """pdfplumber's cell rectangles -> a grid; merged cells keep their spans.

    Returns None for what is not a table: a single column, or cells covering too little
    of their bounding box (shading that happens to touch, not a ruled grid).
    """
    if not cell_boxes:
        return None
    xs = _cluster([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes], settings.grid_snap)
    ys = _cluster([b[1] for b in cell_boxes] + [b[3] for b in cell_boxes], settings.grid_snap)
    if len(xs) < 3 or len(ys) < 2:
        return None
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in cell_boxes)
    if area < settings.ruled_min_coverage * (xs[-1] - xs[0]) * (ys[-1] - ys[0]):
        return None
    cells: list[FragCell] = []
    for x0, top, x1, bottom in cell_boxes:
        row = _index(ys, top, settings.grid_snap)
        span = max(1, _index(ys, bottom, settings.grid_snap) - row)
        cells.append(FragCell(row, span, x0, x1, top, bottom))
    cells.sort(key=lambda c: (c.row, c.x0))
    return Fragment(page_no, True, cells, ys, xs)


def fill_cells(
    frag: Fragment, words: list[Word], fills: Sequence[Fill], settings: PdfSettings
) -> list[Word]:
    """Drop words and fills into the fragment's cells; return the words outside it."""
    pad = settings.cell_pad
    x0, x1 = frag.xs[0] - pad, frag.xs[-1] + pad
    top, bottom = frag.top - pad, frag.bottom + pad
    inside: dict[int, list[Word]] = {}
    outside: list[Word] = []
    cells = frag.cells
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            outside.append(word)
            continue
        hit = _cell_at(cells, cx, cy, settings.cell_hit_slack)
        if hit is None:
            outside.append(word)
        else:
            inside.setdefault(hit, []).append(word)
    for i, ws in inside.items():
        cells[i].lines = group_lines(ws, settings)
    # A cell may be shaded in pieces (Word: one rectangle per line of a header cell):
    # the pieces of one colour count together.
    shaded: dict[tuple[int, str], float] = {}
    for fill in fills:
        cx, cy = (fill.x0 + fill.x1) / 2, (fill.top + fill.bottom) / 2
        hit = _cell_at(cells, cx, cy, settings.cell_hit_slack)
        if hit is not None:
            key = (hit, fill.colour)
            shaded[key] = shaded.get(key, 0.0) + fill.area
    for (hit, colour), area in shaded.items():
        cell = cells[hit]
        cell_area = (cell.x1 - cell.x0) * (cell.bottom - cell.top)
        if cell_area > 0 and settings.cell_fill_min_ratio <= area / cell_area <= settings.cell_fill_max_ratio:
            cell.fill = colour
    return outside


def _cell_at(cells: Sequence[FragCell], x: float, y: float, slack: float) -> int | None:
    for i, cell in enumerate(cells):
        if cell.x0 - slack <= x <= cell.x1 + slack and cell.top - slack <= y <= cell.bottom + slack:
            return i
    return None


# ---------------------------------------------------------------- tables without rules


def _column_starts(
    lines: Sequence[list[Line]], fills: Sequence[Fill], carried: Sequence[float], settings: PdfSettings
) -> list[float]:
    """Left edges of the columns of tables without rules.

    Strong starts: a left edge shared by blocks of two or more multi-block lines. Weak
    starts, kept unless a block of a multi-block line runs across them: the left edges of
    a line of three or more blocks (a header row naming a column that is empty on this
    page), and the columns of the table that ran to the foot of the previous page
    (``carried``). Coloured fills add a column when no start lies inside them (a RAG
    column may hold no text at all below its header).
    """
    multi = [chunks for chunks in lines if len(chunks) >= 2]
    xs = sorted(chunk.x0 for chunks in multi for chunk in chunks)
    blocks = [c for chunks in multi for c in chunks]
    slack, cross = settings.column_start_slack, settings.column_cross_slack

    def crossings(x: float) -> int:
        return sum(1 for b in blocks if b.x0 < x - slack and b.x1 > x + cross)

    starts: list[float] = []
    i = 0
    while i < len(xs):
        j = i
        while j + 1 < len(xs) and xs[j + 1] - xs[i] <= slack:
            j += 1
        support = j - i + 1
        # an indent inside a column (bullet text, say) is crossed by that column's
        # unindented lines; a column boundary is not
        if support >= 2 and not (crossings(xs[i]) >= max(2, support / 2)):
            starts.append(xs[i])
        i = j + 1
    weak = [c.x0 for chunks in multi if len(chunks) >= 3 for c in chunks] + list(carried)
    for x in weak:
        if any(abs(x - s) <= slack for s in starts):
            continue
        if any(b.x0 < x - slack and b.x1 > x + cross for b in blocks):
            continue
        starts.append(x)
        starts.sort()
    for fill in fills:
        if any(fill.x0 - settings.fill_slack <= s <= fill.x1 for s in starts):
            continue
        inner = [x for x in xs if fill.x0 - settings.fill_slack <= x <= fill.x0 + settings.fill_start_reach]
        starts.append(min(inner) if inner else fill.x0 + settings.cell_pad)
    return sorted(starts)


def _fits(chunks: Sequence[Line], starts: Sequence[float], settings: PdfSettings) -> bool:
    """Every block lies inside one column: it starts at or after a column start and stops
    before the next column starts (a full-width paragraph crosses a boundary)."""
    for chunk in chunks:
        k = _locate(starts, chunk.x0 + settings.column_start_slack)
        if k < 0:
            return False
        if k + 1 < len(starts) and chunk.x1 > starts[k + 1] + settings.column_cross_slack:
            return False
    return True


def _band_fill(
    line: Line,
    chunks: Sequence[Line],
    starts: Sequence[float],
    fills: Sequence[Fill],
    settings: PdfSettings,
) -> Fill | None:
    """The shading of a full-width row (a section title across the table) that ``line``
    is printed on, or None.

    Such a line crosses the column boundaries or stands alone in the first column, and
    lies on one filled rectangle that runs from the first column past the start of the
    last: the fill shows the row's extent that a rule would have shown.
    """
    if len(chunks) >= 2 and _fits(chunks, starts, settings):
        return None
    if (
        len(chunks) == 1
        and _fits(chunks, starts, settings)
        and _locate(starts, line.x0 + settings.column_start_slack) != 0
    ):
        return None  # a wrapped line of a cell further right
    cy = (line.top + line.bottom) / 2
    for fill in fills:
        if (
            fill.top - settings.fill_slack <= cy <= fill.bottom + settings.fill_slack
            and fill.x0 <= min(starts[0], line.x0) + settings.fill_slack
            and fill.x1 >= max(starts[-1], line.x1)
            and fill.bottom - fill.top <= settings.band_max_height * line.size
        ):
            return fill
    return None


def borderless_fragments(
    lines: list[Line],
    fills: Sequence[Fill],
    page_no: int,
    carried: Sequence[float],
    settings: PdfSettings,
) -> tuple[list[Fragment], list[Line]]:
    """Find tables drawn without rules among ``lines``; return them and the lines left over.

    Heuristic, in stages:

    1. split each line into blocks at gaps wider than a column gutter;
    2. column starts = left edges shared by blocks of two or more multi-block lines
       (plus coloured fills, for RAG columns with no text);
    3. a table is a run of consecutive lines that all *fit* the columns (each block starts
       at a column start and ends before the next), holding ``borderless_min_lines`` or
       more multi-block lines, the same font size, and no vertical gap wider than
       ``table_line_gap`` lines; leading single-block lines are left out (a heading that
       happens to fit). A line on a shading that spans
       the columns (:func:`_band_fill`) is a full-width row inside the run (a section
       title), not the end of the table;
    4. rows: a row starts at a line where two or more columns start a new block (a column
       starts when it had no text on the line above) or where the first column starts
       one: every cell of a Word row begins at the row's top. A full-width row is a row
       of its own, one cell across every column.
    """
    chunked = [split_chunks(line, settings) for line in lines]
    if sum(1 for c in chunked if len(c) >= 2) < settings.borderless_min_lines:
        return [], lines
    page_fills = [f for f in fills if f.x1 - f.x0 < settings.narrow_fill_width]
    starts = _column_starts(chunked, page_fills, carried, settings)
    if len(starts) < 2:
        return [], lines
    bands: dict[int, Fill] = {}
    runs: list[list[int]] = []
    run: list[int] = []
    for i, chunks in enumerate(chunked):
        band = _band_fill(lines[i], chunks, starts, fills, settings) if run else None
        ok = band is not None or _fits(chunks, starts, settings)
        if ok and run:
            prev = lines[run[-1]]
            if (
                lines[i].top - prev.bottom > settings.table_line_gap * prev.size
                or abs(lines[i].size - prev.size) > settings.table_size_slack
            ):
                ok = False
        if ok:
            if not run and len(chunks) < 2:
                continue  # a table starts with a multi-block line
            run.append(i)
            if band is not None:
                bands[i] = band
        else:
            if run:
                runs.append(run)
            run = [i] if _fits(chunks, starts, settings) and len(chunks) >= 2 else []
    if run:
        runs.append(run)
    fragments: list[Fragment] = []
    used: set[int] = set()
    for run in runs:
        if sum(1 for i in run if len(chunked[i]) >= 2 and i not in bands) < settings.borderless_min_lines:
            continue
        frag = _run_to_fragment(
            [chunked[i] for i in run],
            starts,
            fills,
            page_no,
            {k: bands[i] for k, i in enumerate(run) if i in bands},
            settings,
        )
        if frag is not None:
            fragments.append(frag)
            used.update(run)
    rest = [line for i, line in enumerate(lines) if i not in used]
    return fragments, rest


def _overflows(above: list[Line], chunk: Line) -> bool:
    """Does ``chunk``, on the first line of a new row, continue the text of the cell above?

    Only a vertically merged cell's text can run past the top of the next row; it is
    taken to do so when it goes on mid-sentence (the cell above does not end a sentence
    and ``chunk`` starts in lower case).
    """
    if not above:
        return False
    return not above[-1].text.rstrip().endswith((".", "!", "?", ":", ";")) and chunk.text[
        :1
    ].islower()


def _run_to_fragment(
    rows_of_chunks: list[list[Line]],
    starts: Sequence[float],
    fills: Sequence[Fill],
    page_no: int,
    bands: dict[int, Fill] | None,
    settings: PdfSettings,
) -> Fragment | None:
    """One run of table lines -> a grid. ``bands``: the lines (by index) that are
    full-width rows, with their shading.

    Fills narrower than ``narrow_fill_width`` may add a column (a RAG column with no text); any fill
    about as wide as the cell its centre falls in colours that cell.
    """
    bands = bands or {}
    cols_used = sorted(
        {
            _locate(starts, c.x0 + settings.column_start_slack)
            for i, chunks in enumerate(rows_of_chunks)
            if i not in bands
            for c in chunks
        }
    )
    top = rows_of_chunks[0][0].top
    bottom = max(c.bottom for c in rows_of_chunks[-1])
    in_run = [f for f in fills if f.top < bottom and f.bottom > top]
    narrow = [f for f in in_run if f.x1 - f.x0 < settings.narrow_fill_width]
    fill_cols = {_locate(starts, f.x0 + settings.fill_start_reach) for f in narrow}
    cols = sorted(set(cols_used) | (fill_cols & set(range(len(starts)))))
    if len(cols) < 2:
        return None
    col_starts = [starts[c] for c in cols]
    right = max(
        [c.x1 for chunks in rows_of_chunks for c in chunks]
        + [f.x1 for f in narrow]
        + [f.x1 for f in bands.values()]
    )
    pad = settings.cell_pad
    xs = [s - pad for s in col_starts] + [right + pad]

    # A shaded cell shows its row's extent: its top and bottom edges are row boundaries
    # (a sub-row under a RAG-filled row whose own RAG cell is blank, say).
    edges = sorted(
        {
            y
            for f in narrow
            for k in range(len(cols))
            if f.x0 <= xs[k] + settings.fill_slack
            and f.x1 >= xs[k] + settings.fill_cell_cover * (xs[k + 1] - xs[k])
            for y in (f.top, f.bottom)
        }
    )
    prev_line_bottom: float | None = None
    last_bottom: list[float | None] = [None] * len(cols)
    row_blocks: list[list[list[Line]]] = []
    row_tops: list[float] = []
    owner = [0] * len(cols)
    """Per column, the row whose cell takes the column's text (a merged cell's first row)."""
    spans: dict[tuple[int, int], int] = {}
    band_rows: dict[int, tuple[list[Line], Fill]] = {}
    prev_bold = False
    after_band = False
    for i, chunks in enumerate(rows_of_chunks):
        if i in bands:
            line = Line.of([w for c in chunks for w in c.words])
            if i - 1 in bands and bands[i - 1] is bands[i]:
                band_rows[len(row_blocks) - 1][0].append(line)  # a wrapped title
            else:
                row_blocks.append([[] for _ in cols])
                row_tops.append(line.top - pad)
                band_rows[len(row_blocks) - 1] = ([line], bands[i])
            owner = [len(row_blocks) - 1] * len(cols)
            last_bottom = [line.bottom] * len(cols)
            prev_line_bottom = line.bottom
            prev_bold, after_band = line.bold, True
            continue
        placed = [(_locate(col_starts, c.x0 + settings.column_start_slack), c) for c in chunks]
        size = max(c.size for c in chunks)
        started = [
            k
            for k, c in placed
            if last_bottom[k] is None
            or c.top - (last_bottom[k] or 0.0) > settings.cell_restart_gap * size
        ]
        bold = all(c.bold for c in chunks)
        after_header = prev_bold and not bold  # a bold header row ends where plain text begins
        line_top = min(c.top for c in chunks)
        at_edge = prev_line_bottom is not None and any(
            prev_line_bottom - settings.shade_edge_slack < y < line_top + settings.shade_edge_reach * size
            for y in edges[bisect_right(edges, prev_line_bottom - settings.shade_edge_slack) :][:4]
        )
        prev_line_bottom = max(c.bottom for c in chunks)
        new_row = (
            not row_blocks
            or after_band
            or at_edge
            or len(started) >= 2
            or 0 in started
            or after_header
        )
        prev_bold, after_band = bold, False
        if new_row:
            row_blocks.append([[] for _ in cols])
            row_tops.append(min(c.top for c in chunks) - pad)
            r = len(row_blocks) - 1
            for k, c in placed:
                if k in started or after_header or not _overflows(row_blocks[owner[k]][k], c):
                    owner[k] = r
            for k in range(len(cols)):
                if k not in {p[0] for p in placed}:
                    owner[k] = r
        for k, c in placed:
            row_blocks[owner[k]][k].append(c)
            last_bottom[k] = c.bottom
            if owner[k] != len(row_blocks) - 1:
                spans[(owner[k], k)] = len(row_blocks) - owner[k]
    row_tops.append(bottom + pad)
    # the widest text of a column marks where its lines wrap (for words split by width)
    text_right = [
        max((c.x1 for blocks in row_blocks for c in blocks[k]), default=xs[k + 1])
        for k in range(len(cols))
    ]
    covered = {
        (r0 + i, k) for (r0, k), span in spans.items() for i in range(1, span)
    }
    cells: list[FragCell] = []
    by_pos: dict[tuple[int, int], FragCell] = {}
    for r, blocks in enumerate(row_blocks):
        if r in band_rows:
            band_lines, band = band_rows[r]
            cells.append(
                FragCell(r, 1, xs[0], xs[-1], row_tops[r], row_tops[r + 1], band_lines, band.colour)
            )
            continue
        for k, block in enumerate(blocks):
            if (r, k) in covered:
                continue
            span = spans.get((r, k), 1)
            cell = FragCell(
                r, span, xs[k], xs[k + 1], row_tops[r], row_tops[r + span], block,
                text_right=text_right[k],
            )
            cells.append(cell)
            by_pos[(r, k)] = cell
    for fill in in_run:
        cx, cy = (fill.x0 + fill.x1) / 2, (fill.top + fill.bottom) / 2
        hit = by_pos.get((_locate(row_tops, cy), _locate(xs, cx)))
        if hit is not None and fill.x1 - fill.x0 <= settings.fill_max_widen * (hit.x1 - hit.x0) + 2 * pad:
            hit.fill = fill.colour
    return Fragment(page_no, False, cells, row_tops, xs)


# ---------------------------------------------------------------- the page


TABLE_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def open_row_edges(
    rules: Sequence[tuple[float, float, float, float]], settings: PdfSettings
) -> list[float]:
    """Heights where a ruled table is cut open by a page break.

    Word and LibreOffice close a table with a rule at the foot of each page; reportlab
    splitting a row across pages draws the column rules of the cut row down to the page
    foot and on from the next page's top with no rule across. pdfplumber's line strategy
    then finds no cell there and the cut row's text falls out of the table. Where
    ``open_edge_rules`` or more vertical rules end (or start) at one height and no
    horizontal rule at all runs there (a row boundary beside a merged cell still has its
    rule in the other columns), that height is given to pdfplumber as a horizontal rule.
    """
    thin, long = settings.rule_max_thickness, settings.rule_min_length
    vertical = [r for r in rules if r[2] - r[0] < thin and r[3] - r[1] >= long]
    horizontal = [r for r in rules if r[3] - r[1] < thin and r[2] - r[0] >= long]
    slack = settings.rule_end_slack
    out: list[float] = []
    for ends in ([r[3] for r in vertical], [r[1] for r in vertical]):
        for y in _cluster(ends, slack):
            at = [r for r, e in zip(vertical, ends, strict=True) if abs(e - y) <= slack]
            if len(at) < settings.open_edge_rules:
                continue
            x0, x1 = min(r[0] for r in at), max(r[2] for r in at)
            closed = any(
                abs((h[1] + h[3]) / 2 - y) <= settings.rule_slack and h[0] < x1 and h[2] > x0
                for h in horizontal
            )
            if not closed:
                out.append(y)
    return out


def open_sided_grid(
    bbox: tuple[float, float, float, float], rules: Sequence[Rule], words: Sequence[Word], settings: PdfSettings
) -> list[tuple[float, float, float, float]] | None:
    """The cells of a table ruled only across: its row rules by the columns its text
    lines up in. None when a rule runs down inside the table.

    Word's banded table styles ("Light Shading", "Light List") draw a rule between rows
    and a frame, and no rule between columns. pdfplumber then finds columns only where a
    banded row's shading is cut, and an unshaded row comes out as one cell across the
    table. The columns a reader sees are where the text lines up: found as for a table
    without rules (:func:`_column_starts`), over every line inside the frame.
    """
    x0, top, x1, bottom = bbox
    edges = _rule_edges(rules, settings)
    thin, short, touch = settings.rule_max_thickness, settings.rule_min_length, settings.rule_touch
    for rx0, rtop, rx1, rbottom in edges:
        mid = (rx0 + rx1) / 2
        inner = x0 + thin < mid < x1 - thin
        if rx1 - rx0 < thin and rbottom - rtop >= short and inner and min(rbottom, bottom) - max(rtop, top) > touch:
            return None
    # a row rule may be drawn in pieces, one per cell: their lengths at one height add up
    runs: dict[float, float] = {}
    for rx0, rtop, rx1, rbottom in edges:
        y = (rtop + rbottom) / 2
        if rbottom - rtop < thin and top - settings.cell_pad <= y <= bottom + settings.cell_pad and rx1 - rx0 >= short:
            key = next((k for k in runs if abs(k - y) <= settings.rule_slack), y)
            runs[key] = runs.get(key, 0.0) + max(0.0, min(rx1, x1) - max(rx0, x0))
    across = [y for y, length in runs.items() if length >= settings.open_sided_row_rule * (x1 - x0)]
    ys = _cluster([top, bottom, *across], settings.grid_snap)
    if len(ys) < 3:
        return None
    inside = [w for w in words if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom]
    chunked = [split_chunks(line, settings) for line in group_lines(inside, settings)]
    starts = _column_starts(chunked, [], (), settings)
    if len(starts) < 2:
        return None
    xs = [x0] + [s - settings.cell_pad for s in starts[1:]] + [x1]
    return [(xs[i], ys[j], xs[i + 1], ys[j + 1]) for j in range(len(ys) - 1) for i in range(len(xs) - 1)]


def split_footnotes(
    lines: list[Line],
    hrules: Sequence[tuple[float, float, float]],
    fragments: Sequence[Fragment],
    width: float,
    height: float,
    settings: PdfSettings,
) -> tuple[list[Line], list[Line], float | None]:
    """Split off the footnotes: (body lines, footnote lines, the separator's height).

    Word prints footnotes at the page foot under a short rule that starts at the left
    margin. A rule counts as that separator when it is ``footnote_rule_min`` to
    ``footnote_rule_max`` long (:class:`PdfSettings`), in the
    lower half of the page, below every table, starts where the text under it starts, and
    every line under it begins right of its start.
    """
    lowest = max((f.bottom for f in fragments), default=0.0)
    for x0, x1, y in sorted(hrules, key=lambda r: -r[2]):
        if not (settings.footnote_rule_min <= x1 - x0 <= settings.footnote_rule_max * width):
            continue
        if y < height / 2 or y <= lowest:
            continue
        under = [ln for ln in lines if ln.top >= y]
        if not under or any(ln.x0 < x0 - settings.cell_pad for ln in under):
            continue
        if min(ln.x0 for ln in under) - x0 > settings.footnote_margin:
            continue
        return [ln for ln in lines if ln.top < y], under, y
    return lines, [], None


def extract_page(
    page: Any, page_no: int, carried: Sequence[float] = (), settings: PdfSettings = DEFAULT_PDF_SETTINGS
) -> PageData:
    """Read one pdfplumber page into a :class:`PageData` (the page can be closed after).

    ``carried``: column starts of a table without rules that ran to the foot of the
    previous page (its columns go on here even where this page leaves one empty).
    """
    words = to_words(page.extract_words(extra_attrs=["fontname", "size"]), page.chars, settings)
    words += drawn_markers([*page.curves, *page.rects], words, settings)
    chars = sum(len(w.text) for w in words)
    fills = rects_to_fills(page.rects, settings)
    fragments: list[Fragment] = []
    if words:
        rules = [
            (o["x0"], o["top"], o["x1"], o["bottom"])
            for o in page.lines
        ] + [
            (r["x0"], r["top"], r["x1"], r["bottom"])
            for r in page.rects
            if r.get("stroke") or min(r["x1"] - r["x0"], r["bottom"] - r["top"]) < settings.rule_max_thickness
        ]
        table_settings = dict(TABLE_SETTINGS)
        open_edges = open_row_edges(rules, settings)
        hrules = horizontal_rules(page, settings) + [(0.0, float(page.width), y) for y in open_edges]
        if open_edges:
            table_settings["explicit_horizontal_lines"] = open_edges
        for table in page.find_tables(table_settings):
            if not _has_rules(table.bbox, rules, settings.rule_touch):
                continue  # only fills touching each other: shading, not a ruled table
            boxes = open_sided_grid(table.bbox, rules, words, settings)
            if boxes is None:
                boxes = join_shading_pieces(table.cells, rules, fills, settings)
                boxes = join_unruled_rows(boxes, hrules, fills, settings)
            frag = ruled_fragment(boxes, page_no, settings)
            if frag is None:
                continue
            words = fill_cells(frag, words, fills, settings)
            if any(cell.lines for cell in frag.cells):
                fragments.append(frag)
    lines, footnotes, footnote_top = split_footnotes(
        group_lines(words, settings),
        horizontal_rules(page, settings),
        fragments,
        float(page.width),
        float(page.height),
        settings,
    )
    ruled_boxes = [(f.xs[0], f.top, f.xs[-1], f.bottom) for f in fragments]
    free_fills = [
        f
        for f in fills
        if not any(
            b[0] <= (f.x0 + f.x1) / 2 <= b[2] and b[1] <= (f.top + f.bottom) / 2 <= b[3]
            for b in ruled_boxes
        )
    ]
    more, lines = borderless_fragments(lines, free_fills, page_no, carried, settings)
    lines = [part for line in lines for part in split_wide(line, settings)]
    fragments.extend(more)
    fragments.sort(key=lambda f: f.top)
    footnotes = [part for line in footnotes for part in split_wide(line, settings)]
    return PageData(
        page_no, float(page.width), float(page.height), lines, fragments, chars, footnotes, footnote_top
    )
