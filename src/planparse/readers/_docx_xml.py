"""WordprocessingML knowledge for the Word reader: text of paragraphs, styles, colours.

Kept apart from :mod:`planparse.readers.docx` (which builds the layout) the way
python-docx keeps its XML knowledge in ``oxml/``: everything here takes lxml elements
and returns plain Python values.

python-docx's ``Paragraph.text`` reads only ``w:r`` and ``w:hyperlink`` children, so it
drops text in content controls, simple fields and tracked insertions; the walker here
reads what the page shows instead (see :func:`paragraph_lines`).
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, TCPR, TRPR = w("pPr"), w("rPr"), w("tcPr"), w("trPr")
SDT, SDT_CONTENT, SDT_PR = w("sdt"), w("sdtContent"), w("sdtPr")
CUSTOM_XML, SHD, VAL = w("customXml"), w("shd"), w("val")
TXBX_CONTENT = w("txbxContent")
MC_FALLBACK = f"{{{MC_NS}}}Fallback"

# Inline wrappers whose content is shown on the page: descend into them.
_INLINE_CONTAINERS = frozenset(
    w(t) for t in ("hyperlink", "ins", "moveTo", "fldSimple", "smartTag", "customXml", "dir", "bdo")
)
# Tracked deletions and moved-away text are not shown in the final document.
_BREAKS = frozenset((w("br"), w("cr")))
_SPACE_LIKE = frozenset((w("tab"), w("ptab")))

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_INVISIBLE[ord("\u2011")] = "-"  # non-breaking hyphen: an ordinary hyphen once extracted


def tidy(text: str) -> str:
    """Collapse runs of spaces (tabs, no-break spaces) and strip; the words are kept."""
    if text.isascii() and "  " not in text and "\t" not in text:
        return text.strip()  # nothing to translate or collapse: the common case, kept quick
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def is_on(el: etree._Element | None) -> bool:
    """True for an OOXML on/off element that is present and not switched off."""
    if el is None:
        return False
    return el.get(VAL, "true").lower() not in ("false", "0", "off", "none")


def int_attr(el: etree._Element | None, default: int, attr: str = VAL) -> int:
    """Integer attribute of ``el``; ``default`` when absent or not a number."""
    if el is None:
        return default
    try:
        return int(el.get(attr, ""))
    except ValueError:
        return default


def first_child(el: etree._Element, tag: str) -> etree._Element | None:
    """``el.find(tag)`` for a plain tag: its first child element with that tag.

    Several times quicker than ``find`` (which goes through lxml's path language), and
    the Word reader asks this a few times for every cell, paragraph and run.
    """
    for child in el.iterchildren(tag):
        return child
    return None


def children(el: etree._Element) -> Iterator[etree._Element]:
    """Element children only (comments, processing instructions and entities skipped)."""
    for child in el:
        if isinstance(child.tag, str):
            yield child


def block_children(el: etree._Element) -> Iterator[etree._Element]:
    """Block-level children of a body, cell, header or text box, in document order.

    Content controls (``w:sdt``) and custom XML wrappers are transparent: their content
    is yielded as if it stood in their place.
    """
    for child in children(el):
        if child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None and not is_placeholder(child):
                yield from block_children(content)
        elif child.tag == CUSTOM_XML:
            yield from block_children(child)
        else:
            yield child


def blocks_of(el: etree._Element, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """The block children of ``el`` with one of ``tags`` (never ``w:sdt`` or
    ``w:customXml``): :func:`block_children` filtered, without a generator per level."""
    for child in el:
        tag = child.tag
        if tag in tags:
            yield child
        elif tag == SDT:
            content = first_child(child, SDT_CONTENT)
            if content is not None and not is_placeholder(child):
                yield from blocks_of(content, tags)
        elif tag == CUSTOM_XML:
            yield from blocks_of(child, tags)


def is_placeholder(sdt: etree._Element) -> bool:
    """True when a content control shows its placeholder ("Click here to enter text")."""
    props = first_child(sdt, SDT_PR)
    return props is not None and is_on(first_child(props, _SHOWING_PLACEHOLDER))


_SHOWING_PLACEHOLDER = w("showingPlcHdr")


# ---------------------------------------------------------------------------------------
# Paragraph text


_FLD_CHAR, _FLD_CHAR_TYPE, _VANISH = w("fldChar"), w("fldCharType"), w("vanish")
_NO_BREAK_HYPHEN, _SYM = w("noBreakHyphen"), w("sym")
_RUN_TEXT = frozenset((T, *_SPACE_LIKE, *_BREAKS, _NO_BREAK_HYPHEN, _SYM))


def paragraph_lines(p: etree._Element) -> list[str]:
    """The visible text of paragraph ``p``, split at line breaks and tidied.

    Reads runs inside hyperlinks, content controls, simple fields, smart tags and tracked
    insertions; complex fields contribute their result, never their instruction; tracked
    deletions, hidden text and placeholder text of content controls are left out.
    ``w:tab`` becomes a space; ``w:br`` and ``w:cr`` end a line. Empty lines are dropped.
    """
    pieces: list[str] = []
    _walk_inline(p, pieces, [])
    text = "".join(pieces)
    if "\n" not in text:
        line = tidy(text)
        return [line] if line else []
    lines = (tidy(line) for line in text.split("\n"))
    return [line for line in lines if line]


def _walk_inline(el: etree._Element, pieces: list[str], fields: list[bool]) -> None:
    """Text of the runs under ``el`` into ``pieces``; ``fields`` has one entry per open
    complex field: False in its instruction, True in its result."""
    for child in el:
        tag = child.tag
        if tag == R:
            _walk_run(child, pieces, fields)
        elif tag in _INLINE_CONTAINERS:
            _walk_inline(child, pieces, fields)
        elif tag == SDT:
            content = first_child(child, SDT_CONTENT)
            if content is not None and not is_placeholder(child):
                _walk_inline(content, pieces, fields)
        # w:del, w:moveFrom, w:pPr, bookmarks, proofing marks, maths: nothing shown.


def _walk_run(run: etree._Element, pieces: list[str], fields: list[bool]) -> None:
    kids = list(run)
    rpr = next((c for c in kids if c.tag == RPR), None)  # the first child, in valid files
    hidden = rpr is not None and is_on(first_child(rpr, _VANISH))
    for child in kids:
        tag = child.tag
        if tag == _FLD_CHAR:
            kind = child.get(_FLD_CHAR_TYPE)
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
            continue
        if hidden or tag not in _RUN_TEXT or False in fields:  # False: a field's instruction
            continue
        if tag == T:
            text = child.text or ""
            if len(child):
                # An entity reference the parser left unresolved (never fetched) is a child
                # node: drop it but keep the text after it ("Publish &xxe; now" -> "Publish  now").
                text += "".join(c.tail or "" for c in child)
            pieces.append(text)
        elif tag in _SPACE_LIKE:
            pieces.append(" ")
        elif tag in _BREAKS:
            pieces.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            pieces.append("-")
        else:
            pieces.append(_symbol(child))
        # w:softHyphen (shown only when a line breaks there), w:instrText, w:delText,
        # drawings and footnote references add no text.


def _symbol(sym: etree._Element) -> str:
    """Character of a ``w:sym``; symbol-font code points (U+F000..U+F0FF) are dropped."""
    try:
        code = int(sym.get(w("char"), ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF or not 0 < code < 0x110000:
        return ""
    return chr(code)


def paragraph_textboxes(p: etree._Element) -> list[etree._Element]:
    """Text boxes (``w:txbxContent``) anchored in paragraph ``p``, each once.

    A text box is stored twice when Word writes a DrawingML shape with a VML fallback
    (``mc:AlternateContent``); the fallback copy is skipped, as are text boxes nested in
    another text box (they are read with it).
    """
    boxes = []
    for box in p.iter(TXBX_CONTENT):
        parent = box.getparent()
        while parent is not None and parent is not p:
            if parent.tag in (MC_FALLBACK, TXBX_CONTENT):
                break
            parent = parent.getparent()
        else:
            boxes.append(box)
    return boxes


# ---------------------------------------------------------------------------------------
# Styles


@dataclass(slots=True, frozen=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
_LIST_NAME = re.compile(r"list(\s+(bullet|number))?(\s*\d)?", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class ParaInfo:
    """What a paragraph's properties and style say about it."""

    style: str | None
    heading_level: int | None
    list_item: bool
    level: int


class Styles:
    """Paragraph styles of a document, with ``w:basedOn`` inheritance resolved."""

    _MAX_CHAIN = 32  # a hostile file may make basedOn loop

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self._infos: dict[tuple[str | None, ...], ParaInfo] = {}
        self.default_id: str | None = None
        if root is None:
            return
        for el in root.iterchildren(w("style")):
            if el.get(w("type"), "paragraph") != "paragraph":
                continue
            style_id = el.get(w("styleId"))
            if not style_id:
                continue
            name_el = el.find(w("name"))
            based_el = el.find(w("basedOn"))
            ppr = el.find(PPR)
            num_pr = ppr.find(w("numPr")) if ppr is not None else None
            num_id_el = num_pr.find(w("numId")) if num_pr is not None else None
            ilvl_el = num_pr.find(w("ilvl")) if num_pr is not None else None
            outline_el = ppr.find(w("outlineLvl")) if ppr is not None else None
            self._styles[style_id] = _Style(
                name=(name_el.get(VAL) if name_el is not None else None) or style_id,
                based_on=based_el.get(VAL) if based_el is not None else None,
                num_id=num_id_el.get(VAL) if num_id_el is not None else None,
                ilvl=int_attr(ilvl_el, 0) if ilvl_el is not None else None,
                outline=int_attr(outline_el, 9) if outline_el is not None else None,
            )
            if el.get(w("default")) in ("1", "true", "on"):
                self.default_id = style_id

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < self._MAX_CHAIN:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on

    def paragraph_info(self, p: etree._Element) -> ParaInfo:
        """Style, heading level and list marking of paragraph ``p``.

        The answer depends only on four properties of the paragraph (its style, numbering
        id and level, outline level), so it is worked out once per combination: a long
        table repeats a handful of them thousands of times.
        """
        ppr = first_child(p, PPR)
        style_el = num_pr = outline_el = None
        if ppr is not None:
            for child in ppr:  # the first of each, as find() would give
                tag = child.tag
                if tag == _P_STYLE and style_el is None:
                    style_el = child
                elif tag == _NUM_PR and num_pr is None:
                    num_pr = child
                elif tag == _OUTLINE_LVL and outline_el is None:
                    outline_el = child
        key = (
            _raw(style_el),
            _raw(first_child(num_pr, _NUM_ID)) if num_pr is not None else None,
            _raw(first_child(num_pr, _ILVL)) if num_pr is not None else None,
            _raw(outline_el),
        )
        info = self._infos.get(key)
        if info is None:
            info = self._infos[key] = self._paragraph_info(style_el, num_pr, outline_el)
        return info

    def _paragraph_info(
        self,
        style_el: etree._Element | None,
        num_pr: etree._Element | None,
        outline_el: etree._Element | None,
    ) -> ParaInfo:
        style_id = style_el.get(VAL) if style_el is not None else None
        if style_id not in self._styles:
            style_id = self.default_id
        chain = list(self._chain(style_id))
        name = chain[0].name if chain else None

        num_id_el = first_child(num_pr, _NUM_ID) if num_pr is not None else None
        ilvl_el = first_child(num_pr, _ILVL) if num_pr is not None else None
        num_id = num_id_el.get(VAL) if num_id_el is not None else None
        if num_id is None:
            num_id = next((s.num_id for s in chain if s.num_id is not None), None)
        ilvl = int_attr(ilvl_el, 0) if ilvl_el is not None else None
        if ilvl is None:
            ilvl = next((s.ilvl for s in chain if s.ilvl is not None), 0)
        numbered = num_id is not None and num_id != "0"
        # A list style counts only when nothing says otherwise (numId 0 removes numbering).
        by_name = bool(name and _LIST_NAME.fullmatch(name.strip()))
        list_item = numbered if num_id is not None else by_name

        heading = _heading_level(name, outline_el, chain)
        return ParaInfo(_ui_name(name), heading, list_item, max(0, min(ilvl, 8)))


_P_STYLE, _NUM_PR, _NUM_ID, _ILVL, _OUTLINE_LVL = (
    w("pStyle"), w("numPr"), w("numId"), w("ilvl"), w("outlineLvl")
)
_ABSENT = "\x00absent"


def _raw(el: etree._Element | None) -> str | None:
    """What :meth:`Styles.paragraph_info` reads of a property element: None when absent,
    else its ``w:val`` (:data:`_ABSENT` when the element carries none)."""
    return None if el is None else el.get(VAL, _ABSENT)


def _heading_level(
    name: str | None, outline_el: etree._Element | None, chain: list[_Style]
) -> int | None:
    """Heading level from direct outline level, style name (Title = 0) or inherited outline."""
    if outline_el is not None:
        return _outline_to_level(int_attr(outline_el, 9))
    if name:
        if name.strip().lower() == "title":
            return 0
        match = _HEADING_NAME.fullmatch(name.strip())
        if match:
            return int(match.group(1))
    outline = next((s.outline for s in chain if s.outline is not None), None)
    return _outline_to_level(outline) if outline is not None else None


def _outline_to_level(outline: int) -> int | None:
    return outline + 1 if 0 <= outline <= 8 else None


def _ui_name(name: str | None) -> str | None:
    """Style name as Word shows it ("heading 1" is stored, "Heading 1" is shown)."""
    if name and _HEADING_NAME.fullmatch(name) and name[0].islower():
        return name[0].upper() + name[1:]
    return name


# ---------------------------------------------------------------------------------------
# Colours

_THEME_SLOTS = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    "text1": "dk1",
    "background1": "lt1",
    "text2": "dk2",
    "background2": "lt2",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
    **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
}
_SYSTEM_COLOURS = {"windowText": "000000", "window": "FFFFFF"}
_HEX6 = re.compile(r"[0-9A-Fa-f]{6}")
# Word's highlight palette (w:highlight/@w:val).
_HIGHLIGHTS = {
    "black": "000000",
    "blue": "0000FF",
    "cyan": "00FFFF",
    "green": "00FF00",
    "magenta": "FF00FF",
    "red": "FF0000",
    "yellow": "FFFF00",
    "white": "FFFFFF",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
}


def theme_colours(root: etree._Element | None) -> dict[str, str]:
    """Colour scheme of a theme part: slot name (``accent1``, ``dk1``...) -> ``RRGGBB``."""
    colours: dict[str, str] = {}
    if root is None:
        return colours
    scheme = root.find(f".//{{{A_NS}}}clrScheme")
    if scheme is None:
        return colours
    for slot in children(scheme):
        value: str | None = None
        for spec in children(slot):
            if spec.tag == f"{{{A_NS}}}srgbClr":
                value = spec.get("val")
            elif spec.tag == f"{{{A_NS}}}sysClr":
                value = spec.get("lastClr") or _SYSTEM_COLOURS.get(spec.get("val", ""))
        if value and _HEX6.fullmatch(value):
            colours[etree.QName(slot).localname] = value.upper()
    return colours


def _rgb(hex6: str) -> tuple[int, int, int]:
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "".join(f"{max(0, min(255, round(c))):02X}" for c in rgb)


def apply_tint_shade(hex6: str, tint: str | None, shade: str | None) -> str:
    """Lighten (tint) or darken (shade) a theme colour as Word's ``themeFillTint``/``Shade``.

    Both are hex bytes applied to the colour's HSL luminance: tint ``t`` gives
    ``L * t/255 + (1 - t/255)`` (towards white), shade ``s`` gives ``L * s/255``
    (towards black). Word's integer arithmetic can differ from this by one unit.
    """
    h, lum, sat = colorsys.rgb_to_hls(*(c / 255 for c in _rgb(hex6)))
    if tint and re.fullmatch(r"[0-9A-Fa-f]{1,2}", tint):
        f = int(tint, 16) / 255
        lum = lum * f + (1 - f)
    if shade and re.fullmatch(r"[0-9A-Fa-f]{1,2}", shade):
        lum *= int(shade, 16) / 255
    r, g, b = colorsys.hls_to_rgb(h, lum, sat)
    return _hex((r * 255, g * 255, b * 255))


def _hex_or_none(value: str | None) -> str | None:
    return value.upper() if value and _HEX6.fullmatch(value) else None


def shading_colour(shd: etree._Element | None, theme: dict[str, str]) -> str | None:
    """The colour a ``w:shd`` paints, as ``#RRGGBB``; None when none, "auto" or white.

    The theme colour (``w:themeFill`` with tint/shade) wins over the stored ``w:fill``,
    as in Word. Pattern shading is honoured: ``solid`` paints the pattern colour and
    ``pctNN`` mixes NN% of it into the fill.
    """
    if shd is None:
        return None
    pattern = shd.get(VAL, "clear")
    if pattern == "nil":
        return None
    fill = _theme_or_hex(shd, "Fill", theme)
    colour = _theme_or_hex(shd, "Color", theme)
    result: str | None = fill
    if pattern == "solid" and colour:
        result = colour
    elif match := re.fullmatch(r"pct(\d{1,3})", pattern):
        # "auto" pattern colour prints black, "auto" fill prints white.
        share = min(int(match.group(1)), 100) / 100
        (br, bg, bb), (fr, fg, fb) = _rgb(fill or "FFFFFF"), _rgb(colour or "000000")
        result = _hex((br + (fr - br) * share, bg + (fg - bg) * share, bb + (fb - bb) * share))
    return None if result is None or result == "FFFFFF" else f"#{result}"


def _theme_or_hex(shd: etree._Element, which: str, theme: dict[str, str]) -> str | None:
    """``fill`` or ``color`` of a ``w:shd``: its theme colour if resolvable, else its hex."""
    attr = "fill" if which == "Fill" else "color"
    slot = _THEME_SLOTS.get(shd.get(w(f"theme{which}"), ""))
    if slot and slot in theme:
        return apply_tint_shade(
            theme[slot], shd.get(w(f"theme{which}Tint")), shd.get(w(f"theme{which}Shade"))
        )
    return _hex_or_none(shd.get(w(attr)))


def run_shading(run: etree._Element, theme: dict[str, str]) -> str | None:
    """Colour behind a run's text: its ``w:shd`` or its highlight."""
    rpr = first_child(run, RPR)
    if rpr is None:
        return None
    colour = shading_colour(first_child(rpr, SHD), theme)
    if colour is None:
        highlight = first_child(rpr, _HIGHLIGHT)
        value = _HIGHLIGHTS.get(highlight.get(VAL, "")) if highlight is not None else None
        colour = f"#{value}" if value and value != "FFFFFF" else None
    return colour


_HIGHLIGHT = w("highlight")


def paragraph_shading(p: etree._Element, theme: dict[str, str]) -> str | None:
    """The one colour behind all of a paragraph's text, or None.

    Either the paragraph's own ``w:pPr/w:shd`` or, failing that, a colour every run
    with visible text shares (run shading or highlight).
    """
    ppr = first_child(p, PPR)
    colour = shading_colour(first_child(ppr, SHD), theme) if ppr is not None else None
    if colour:
        return colour
    run_colours = set()
    for run in p.iter(R):
        if any((t.text or "").strip() for t in run.iterchildren(T)):
            run_colours.add(run_shading(run, theme))
    return run_colours.pop() if len(run_colours) == 1 else None
