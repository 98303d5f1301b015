"""A pdfplumber page whose objects are read through pdfium (``pdf_backend="pdfium"``).

pdfplumber's cost is pdfminer interpreting each page's content stream in Python. pdfium
(through pypdfium2, Apache/BSD, installed with pdfplumber) interprets it in C. This module
reads one page's characters, paths and images through pdfium's text and page-object APIs
and hands them over as the SAME dicts pdfplumber builds from pdfminer's layout objects
(keys, units, top-left origin, pdfminer's box rules), so the PDF reader and pdfplumber's
own algorithms (``extract_words``, ``TableFinder``) run on them unchanged:
:class:`PdfiumPage` is a :class:`pdfplumber.page.Page` whose :meth:`~PdfiumPage.parse_objects`
is replaced, nothing else.

The document structure still comes from pdfminer through pdfplumber (the page tree, page
boxes and rotation, the budget check of :mod:`._pdf_budget`, and the font dictionaries):
that part is cheap, reading objects on demand. Only content-stream interpretation moves.

How pdfminer's objects are reproduced
-------------------------------------
* **chars** (:func:`_chars`): pdfium's text page gives each character's text, origin,
  matrix and text object; pdfminer's box is not pdfium's glyph box but the advance width
  by the font size, from the font descriptor's ``Descent`` below the baseline
  (:meth:`_Fonts.metrics` reads it with pdfminer's own rules: standard-14 metrics first,
  a positive descent negated, a Type 3 font's ``FontBBox``). Characters pdfium made up
  (``FPDFText_IsGenerated``: spaces and line breaks it infers) are left out.
* **paths** (:func:`_paths`): each path object's segments, through its matrix (and the
  matrices of the form XObjects around it), split into subpaths at each move as pdfminer
  does, then classed like pdfminer's ``paint_path``: one segment a ``line``, a closed
  axis-aligned four-sided loop a ``rect``, anything else a ``curve``.
* **colours**: pdfium gives fill and stroke colours as 8-bit RGB whatever the colour
  space; they are handed over as RGB floats (``fill_hex`` reads both the same way for
  grey and RGB; CMYK converts differently, see docs/pdf-backends.md).
* **images**: their boxes (the reader only asks whether a page has any).
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pypdfium2_raw.bindings as _bindings
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

log = logging.getLogger(__name__)

Matrix = tuple[float, float, float, float, float, float]

DIGITS = 4
"""Decimals kept of a coordinate. pdfium computes in single precision (about 1e-4 pt of
noise), pdfminer in double from the decimals written in the file: where the file wrote
a value of a few decimals, rounding takes the noise off and gives pdfminer's double, so
a box edge pdfminer reads as 260.885 is not 260.88503 here (which the output's two
decimals would round the other way)."""

HYPHEN_MARK = 0x02
"""What pdfium's text page reports for a hyphen at the end of a line."""

MAX_FORM_DEPTH = 12
"""Form XObjects nested deeper than this are not read (pdfminer's budget check already
skips pages nesting deeper)."""


def _mult(m1: Matrix, m0: Matrix) -> Matrix:
    """m1 applied after m0 ... as pdfminer's ``mult_matrix(m1, m0)``."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _base_ctm(mediabox: tuple[float, float, float, float], rotate: int) -> Matrix:
    """pdfminer's initial CTM for a page (``PDFPageInterpreter.process_page``)."""
    x0, y0, x1, y1 = mediabox
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _name(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def _num(value: Any, default: float = 0.0) -> float:
    value = resolve1(value)
    return float(value) if isinstance(value, int | float) else default


class _Fonts:
    """What pdfminer knows of each font of a document that pdfium does not say the same
    way: its name (the descriptor's ``FontName``) and its descent (text space units).

    Keyed by the font's ``BaseFont`` without its subset tag ("ABCDEF+"), which is what
    pdfium reports for a font. Two subsets of one font in a document (same name, other
    tags) are told apart by the length of their embedded font program."""

    def __init__(self) -> None:
        self._by_base: dict[str, list[tuple[str, float, Any]]] = {}
        self._seen: set[int] = set()

    def learn(self, resources: Any, depth: int = 0) -> None:
        """Read the fonts of a resource dictionary (and of the forms it holds)."""
        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > MAX_FORM_DEPTH:
            return
        fonts = resolve1(resources.get("Font"))
        if isinstance(fonts, dict):
            for ref in fonts.values():
                key = id(resolve1(ref))
                if key in self._seen:
                    continue
                self._seen.add(key)
                try:
                    spec = resolve1(ref)
                    if isinstance(spec, dict):
                        base = _untag(_name(spec.get("BaseFont", "unknown")))
                        known = self._by_base.setdefault(base, [])
                        metrics = self._metrics(spec)
                        if metrics not in known:
                            known.append(metrics)
                except Exception:  # a damaged font: pdfium's own figures are used
                    log.debug("font %r not read", ref, exc_info=True)
        xobjects = resolve1(resources.get("XObject"))
        if isinstance(xobjects, dict):
            for ref in xobjects.values():
                form = resolve1(ref)
                attrs = getattr(form, "attrs", None)
                if attrs is None or id(form) in self._seen:
                    continue
                self._seen.add(id(form))
                if _name(attrs.get("Subtype")) == "Form" and "Resources" in attrs:
                    self.learn(attrs.get("Resources"), depth + 1)

    @staticmethod
    def _metrics(spec: dict[str, Any]) -> tuple[str, float, Any]:
        """(fontname, descent, font program) as pdfminer's font classes compute them."""
        from pdfminer.fontmetrics import FONT_METRICS

        subtype = _name(spec.get("Subtype"))
        if subtype == "Type0":
            descendants = resolve1(spec.get("DescendantFonts")) or [{}]
            spec = resolve1(descendants[0]) or {}
        base = _name(spec.get("BaseFont", "unknown"))
        if subtype == "Type3":
            bbox = resolve1(spec.get("FontBBox")) or [0, 0, 0, 0]
            matrix = resolve1(spec.get("FontMatrix")) or [0.001, 0, 0, 0.001, 0, 0]
            descriptor = resolve1(spec.get("FontDescriptor")) or {}
            vscale = abs(_num(matrix[2]) + _num(matrix[3]))
            name = _name(descriptor.get("FontName", "unknown")) if descriptor else "unknown"
            return name, _num(bbox[1]) * vscale, None
        if subtype in {"Type1", "MMType1", "TrueType"} and base in FONT_METRICS:
            descriptor = FONT_METRICS[base][0]
        else:
            descriptor = resolve1(spec.get("FontDescriptor")) or {}
        name = _name(descriptor.get("FontName", "unknown"))
        descent = _num(descriptor.get("Descent", 0))
        if descent > 0:
            descent = -descent
        program = next(
            (descriptor.get(k) for k in ("FontFile", "FontFile2", "FontFile3") if k in descriptor),
            None,
        )
        return name, descent * 0.001, program

    def metrics(self, base: str, font: Any) -> tuple[str, float] | None:
        """(fontname, descent) of pdfium's ``font`` named ``base`` (None: not known)."""
        known = self._by_base.get(_untag(base))
        if not known:
            return None
        if len({(k[0], k[1]) for k in known}) > 1:
            size = ctypes.c_size_t()
            pdfium_c.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size))
            for name, descent, program in known:
                try:
                    data = resolve1(program).get_data() if program is not None else None
                except Exception:
                    data = None
                if data is not None and len(data) == size.value:
                    return name, descent
        return known[0][0], known[0][1]


def _untag(name: str) -> str:
    """A font name without its subset tag: "BAAAAA+DejaVuSans" -> "DejaVuSans"."""
    tag, plus, rest = name.partition("+")
    return rest if plus and len(tag) == 6 and tag.isupper() else name


class PdfiumDocument:
    """A PDF opened by pdfium beside pdfplumber's view of the same bytes."""

    def __init__(self, data: bytes, password: str | None) -> None:
        self.pdf = pdfium.PdfDocument(data, password=password or None)
        self.fonts = _Fonts()

    def page(self, base: Page) -> PdfiumPage:
        """pdfplumber's page ``base`` with its objects read by pdfium."""
        return PdfiumPage(self, base)

    def close(self) -> None:
        self.pdf.close()


_U = ctypes.c_uint
_F = ctypes.c_float
_D = ctypes.c_double


def _colour(getter: Any, obj: Any) -> tuple[float, ...] | None:
    r, g, b, a = _U(), _U(), _U(), _U()
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None
    if r.value == g.value == b.value:
        return (r.value / 255,)
    return (r.value / 255, g.value / 255, b.value / 255)


def _matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1, 0, 0, 1, 0, 0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(objs: Iterator[Any], ctm: Matrix, depth: int = 0) -> Iterator[tuple[int, Any, Matrix]]:
    """(type, object, matrix from the object's space to pdfminer's page space) in
    content order, form XObjects opened in place."""
    for obj in objs:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth >= MAX_FORM_DEPTH:
                continue
            inner = _mult(_matrix(obj), ctm)
            n = pdfium_c.FPDFFormObj_CountObjects(obj)
            yield from _walk(
                (pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(max(n, 0))),
                inner,
                depth + 1,
            )
        else:
            yield kind, obj, ctm


@dataclass(slots=True)
class _TextObject:
    """What the characters of one pdfium text object share (read once per object)."""

    obj: Any
    order: int
    """Place of the object in content order (forms opened in place)."""
    font: Any
    font_key: int
    fontname: str
    descent: float
    size: float
    linear: tuple[float, float, float, float]
    """The text matrix times the CTM, without its translation."""
    fill: tuple[float, ...] | None
    stroke: tuple[float, ...] | None


# FPDFText_GetTextObject with the object's address as an int (one ctypes pointer object
# fewer per character; the pointer-typed binding stays as pypdfium2 declares it).
_GET_TEXT_OBJECT = _bindings._libs["pdfium"]["FPDFText_GetTextObject"]
_GET_TEXT_OBJECT.argtypes = (pdfium_c.FPDF_TEXTPAGE, ctypes.c_int)
_GET_TEXT_OBJECT.restype = ctypes.c_void_p

_MAYBE_GENERATED = frozenset({0x20, 0x0D, 0x0A, HYPHEN_MARK})
"""What pdfium's made-up characters can be; only these are asked about."""


def _address(ptr: Any) -> int:
    return ctypes.cast(ptr, ctypes.c_void_p).value or 0


def _page_text(tp: Any, count: int) -> list[int] | None:
    """The code points of all ``count`` characters of the text page in one call (None
    when a character outside the BMP makes the UTF-16 units not one per character)."""
    buf = (ctypes.c_ushort * (count + 1))()
    n = pdfium_c.FPDFText_GetText(tp, 0, count, buf)
    units = list(buf[: max(n - 1, 0)])
    if len(units) != count or any(0xD800 <= u <= 0xDFFF for u in units):
        return None
    return units


class PdfiumPage(Page):
    """A :class:`pdfplumber.page.Page` whose chars, rects, lines, curves and images are
    read through pdfium; everything else (boxes, tables, words) is pdfplumber's."""

    def __init__(self, doc: PdfiumDocument, base: Page) -> None:
        super().__init__(base.pdf, base.page_obj, base.page_number, base.initial_doctop)
        self._doc = doc
        self._base = base

    def parse_objects(self) -> dict[str, list[dict[str, Any]]]:
        doc = self._doc
        try:
            doc.fonts.learn(self.page_obj.resources)
        except Exception as err:  # as pdfplumber reports pdfminer's errors on a page
            raise PdfminerException(err) from err
        page = doc.pdf[self.page_number - 1]
        try:
            mb = self.page_obj.mediabox
            base_ctm = _base_ctm((mb[0], mb[1], mb[2], mb[3]), self.rotation)
            objects: dict[str, list[dict[str, Any]]] = {}
            n = pdfium_c.FPDFPage_CountObjects(page.raw)
            walked = list(
                _walk((pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(n)), base_ctm)
            )
            textpage = page.get_textpage()
            try:
                chars = self._chars(textpage.raw, walked, base_ctm)
            finally:
                textpage.close()
            if chars:
                objects["char"] = chars
            for kind, obj, ctm in walked:
                if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                    for item in self._paths(obj, ctm):
                        objects.setdefault(item["object_type"], []).append(item)
                elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    objects.setdefault("image", []).append(self._image(obj, ctm))
            return objects
        finally:
            page.close()

    # ------------------------------------------------------------ pdfplumber's finishing

    def _finish(self, attr: dict[str, Any]) -> dict[str, Any]:
        """pdfplumber's ``process_object`` tail: page number, top/bottom, mediabox shift."""
        attr["page_number"] = self.page_number
        for k in ("x0", "y0", "x1", "y1"):
            attr[k] = round(attr[k], DIGITS)
        attr["width"] = attr["x1"] - attr["x0"]
        attr["height"] = attr["y1"] - attr["y0"]
        if attr["object_type"] == "char":
            attr["size"] = attr["height"]
        mb_x0, mb_top = self.mediabox[:2]
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
        if mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    # ------------------------------------------------------------------------ chars

    def _chars(self, tp: Any, walked: list[tuple[int, Any, Matrix]], base_ctm: Matrix) -> list[dict[str, Any]]:
        count = pdfium_c.FPDFText_CountChars(tp)
        if count <= 0:
            return []
        order = {
            _address(obj): i
            for i, (kind, obj, _ctm) in enumerate(walked)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT
        }
        texts = _page_text(tp, count)
        per_obj: dict[int, _TextObject] = {}
        loose = pdfium_c.FS_RECTF()
        ox, oy = _D(), _D()
        ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
        widths: dict[tuple[int, int], float] = {}
        glyph_w = _F()
        glyph_ref = ctypes.byref(glyph_w)
        thousand = _F(1000.0)
        last_at: tuple[int, float, float] | None = None
        ligatures: set[int] = set()
        out: list[tuple[int, int, dict[str, Any]]] = []
        mb_x0, mb_top = self.mediabox[:2]
        height, doctop0, page_number = self.height, self.initial_doctop, self.page_number
        plain = base_ctm[:4] == (1, 0, 0, 1)
        get_object, origin_of = _GET_TEXT_OBJECT, pdfium_c.FPDFText_GetCharOrigin
        map_error, generated = pdfium_c.FPDFText_HasUnicodeMapError, pdfium_c.FPDFText_IsGenerated
        for i in range(count):
            code = texts[i] if texts is not None else 0xFFFE
            if code == 0xFFFE:  # the page text's placeholder (a hyphen mark, no Unicode)
                code = pdfium_c.FPDFText_GetUnicode(tp, i)
            if code in _MAYBE_GENERATED and generated(tp, i) == 1:
                continue
            key = get_object(tp, i)
            if not key:
                continue
            info = per_obj.get(key)
            if info is None:
                info = per_obj[key] = self._text_object(tp, i, order.get(key, len(order)))
            origin_of(tp, i, ox_ref, oy_ref)
            if code == HYPHEN_MARK:
                code = ord("-")  # pdfium marks a hyphen that ends a line
            if map_error(tp, i) == 1:
                text = f"(cid:{code})"
            else:
                text = chr(code) if code < 0x110000 else "\ufffd"
            at = (key, ox.value, oy.value)
            if at == last_at and out:
                # one glyph, several characters (a ligature "ff"): pdfminer's one char,
                # as wide as the glyph; its width is measured once the next glyph is known
                out[-1][2]["text"] += text
                ligatures.add(len(out) - 1)
                continue
            last_at = at
            # the advance: the font's width for the character (the PDF's /Widths, as
            # pdfminer takes it), else the extent of pdfium's loose box along the baseline
            wkey = (info.font_key, code)
            width = widths.get(wkey)
            if width is None:
                ok = pdfium_c.FPDFFont_GetGlyphWidth(info.font, code, thousand, glyph_ref)
                width = widths[wkey] = glyph_w.value / 1000.0 if ok else -1.0
            a, b, c, d = info.linear
            if width >= 0:
                adv = width * info.size
            else:
                pdfium_c.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(loose))
                if abs(a) >= abs(b):
                    adv = (loose.right - loose.left) / abs(a) if a else 0.0
                else:
                    adv = (loose.top - loose.bottom) / abs(b)
            if plain and b == 0 and c == 0:
                # the common case, unrotated text on an unrotated page: the box directly
                ex, ey = ox.value + base_ctm[4], oy.value + base_ctm[5]
                lo, hi = info.descent * info.size, (info.descent + 1.0) * info.size
                x0, x1 = ex, ex + a * adv
                y0, y1 = ey + d * lo, ey + d * hi
                if x1 < x0:
                    x0, x1 = x1, x0
                if y1 < y0:
                    y0, y1 = y1, y0
                x0, x1, y0, y1 = round(x0, DIGITS), round(x1, DIGITS), round(y0, DIGITS), round(y1, DIGITS)
                top = height - y1 + mb_top
                attr = {
                    "matrix": (a, 0.0, 0.0, d, ex, ey),
                    "fontname": info.fontname,
                    "adv": adv,
                    "upright": a * d > 0,
                    "x0": x0 + mb_x0,
                    "y0": y0,
                    "x1": x1 + mb_x0,
                    "y1": y1,
                    "width": x1 - x0,
                    "height": y1 - y0,
                    "size": y1 - y0,
                    "text": text,
                    "object_type": "char",
                    "stroking_color": info.stroke,
                    "non_stroking_color": info.fill,
                    "page_number": page_number,
                    "top": top,
                    "bottom": height - y0 + mb_top,
                    "doctop": doctop0 + top,
                }
            else:
                attr = self._char_dict(
                    text, (a, b, c, d, ox.value, oy.value), base_ctm, info.size, adv,
                    info.fontname, info.descent, info.obj,
                )
            out.append((info.order, i, attr))
        for k in ligatures:
            _ligature_width(out, k)
        seen = {t[0] for t in out}
        for kind, obj, _ctm in walked:
            key = _address(obj)
            if kind != pdfium_c.FPDF_PAGEOBJ_TEXT or order[key] in seen:
                continue
            lone = self._lone_space(obj, base_ctm)
            if lone is not None:
                out.append((order[key], -1, lone))
        out.sort(key=lambda t: (t[0], t[1]))
        return [t[2] for t in out]

    def _text_object(self, tp: Any, i: int, order: int) -> _TextObject:
        """What every character of the text object of character ``i`` shares."""
        obj = pdfium_c.FPDFText_GetTextObject(tp, i)
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        buf = ctypes.create_string_buffer(256)
        n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
        base = buf.raw[: max(n - 1, 0)].decode("utf-8", "replace")
        known = self._doc.fonts.metrics(base, font)
        if known is None:
            desc = _F()
            pdfium_c.FPDFFont_GetDescent(font, _F(1.0), ctypes.byref(desc))
            known = (base, min(desc.value, 0.0))
        size = _F()
        pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
        m = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFText_GetMatrix(tp, i, ctypes.byref(m))
        return _TextObject(
            obj=obj,
            order=order,
            font=font,
            font_key=_address(font),
            fontname=known[0],
            descent=known[1],
            size=size.value,
            linear=(m.a, m.b, m.c, m.d),
            fill=_colour(pdfium_c.FPDFPageObj_GetFillColor, obj),
            stroke=_colour(pdfium_c.FPDFPageObj_GetStrokeColor, obj),
        )

    def _lone_space(self, obj: Any, base_ctm: Matrix) -> dict[str, Any] | None:
        """pdfminer's char for a text object pdfium's text page leaves out: one that
        shows nothing but a space (it has no area). Word processors print the space at
        a line wrap on its own like that, and the reader needs it (:func:`to_words`)."""
        left, bottom, right, top = _F(), _F(), _F(), _F()
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top))):
            return None
        if right.value - left.value > 0.01:
            return None
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        size, width = _F(), _F()
        if not (
            pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
            and pdfium_c.FPDFFont_GetGlyphWidth(font, 0x20, _F(1000.0), ctypes.byref(width))
        ):
            return None
        buf = ctypes.create_string_buffer(256)
        n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
        base = buf.raw[: max(n - 1, 0)].decode("utf-8", "replace")
        known = self._doc.fonts.metrics(base, font)
        fontname, descent = known if known is not None else (base, 0.0)
        m = _matrix(obj)
        return self._char_dict(" ", m, base_ctm, size.value, width.value / 1000.0 * size.value, fontname, descent, obj)

    def _char_dict(
        self,
        text: str,
        matrix: Matrix,
        base_ctm: Matrix,
        fs: float,
        adv: float,
        fontname: str,
        descent: float,
        obj: Any,
    ) -> dict[str, Any]:
        """pdfminer's ``LTChar`` box for a glyph at ``matrix`` (text matrix times CTM,
        moved to the glyph's origin), as pdfplumber's char dict."""
        gm = _mult(matrix, base_ctm)
        y_lo = descent * fs
        corners = [_apply(gm, u, v) for u in (0.0, adv) for v in (y_lo, y_lo + fs)]
        x0 = min(p[0] for p in corners)
        x1 = max(p[0] for p in corners)
        y0 = min(p[1] for p in corners)
        y1 = max(p[1] for p in corners)
        ga, gb, gc, gd = gm[:4]
        attr = {
            "matrix": gm,
            "fontname": fontname,
            "adv": adv,
            "upright": bool(ga * gd > 0 and gb * gc <= 0),
            "x0": x0,
            "y0": y0,
            "x1": x1,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "size": y1 - y0,
            "text": text,
            "object_type": "char",
            "stroking_color": _colour(pdfium_c.FPDFPageObj_GetStrokeColor, obj),
            "non_stroking_color": _colour(pdfium_c.FPDFPageObj_GetFillColor, obj),
        }
        return self._finish(attr)

    # ------------------------------------------------------------------------ paths

    def _paths(self, obj: Any, ctm: Matrix) -> list[dict[str, Any]]:
        fillmode, stroke = ctypes.c_int(), ctypes.c_int()
        if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke)):
            return []
        fill = fillmode.value != 0
        if not fill and not stroke.value:
            return []
        m = _mult(_matrix(obj), ctm)
        n = pdfium_c.FPDFPath_CountSegments(obj)
        x, y = _F(), _F()
        subpaths: list[list[tuple[str, list[tuple[float, float]]]]] = []
        pending: list[tuple[float, float]] = []
        for i in range(max(n, 0)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            pt = _apply(m, x.value, y.value)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                subpaths.append([("m", [pt])])
                pending = []
            elif not subpaths:
                continue
            elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                pending.append(pt)
                if len(pending) == 3:
                    subpaths[-1].append(("c", pending))
                    pending = []
            else:
                subpaths[-1].append(("l", [pt]))
            if pdfium_c.FPDFPathSegment_GetClose(seg):
                subpaths[-1].append(("h", []))
        common = {
            "stroke": bool(stroke.value),
            "fill": fill,
            "evenodd": fillmode.value == pdfium_c.FPDF_FILLMODE_ALTERNATE,
            "stroking_color": _colour(pdfium_c.FPDFPageObj_GetStrokeColor, obj),
            "non_stroking_color": _colour(pdfium_c.FPDFPageObj_GetFillColor, obj),
            "linewidth": _stroke_width(obj),
        }
        out = []
        for path in subpaths:
            if len(path) < 2:
                continue  # a lone move: pdfminer draws nothing
            item = self._classify(path, common)
            if item is not None:
                out.append(item)
        return out

    def _classify(
        self, path: list[tuple[str, list[tuple[float, float]]]], common: dict[str, Any]
    ) -> dict[str, Any] | None:
        """pdfminer's ``paint_path`` for one subpath: line, rect or curve."""
        shape = "".join(op for op, _pts in path)
        start = path[0][1][-1]
        pts = [p[-1] if op != "h" else start for op, p in path]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in {"mlh", "ml"}:
            kind = "line"
            (ax, ay), (bx, by) = pts[0], pts[1]
            bbox = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        elif shape in {"mlllh", "mllll"}:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            closed = pts[0] == pts[4]
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if closed and square:
                kind = "rect"
                bbox = (min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2))
            else:
                kind = "curve"
                bbox = _bound(pts)
        else:
            kind = "curve"
            bbox = _bound(pts)
        x0, y0, x1, y1 = bbox
        attr = {
            **common,
            "object_type": kind,
            "x0": x0,
            "y0": y0,
            "x1": x1,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "pts": [self.point2coord(_round(p)) for p in pts],
            "path": [(op, *(self.point2coord(_round(q)) for q in p)) for op, p in path],
        }
        return self._finish(attr)

    # ----------------------------------------------------------------------- images

    def _image(self, obj: Any, ctm: Matrix) -> dict[str, Any]:
        m = _mult(_matrix(obj), ctm)
        corners = [_apply(m, u, v) for u in (0.0, 1.0) for v in (0.0, 1.0)]
        x0 = min(p[0] for p in corners)
        x1 = max(p[0] for p in corners)
        y0 = min(p[1] for p in corners)
        y1 = max(p[1] for p in corners)
        return self._finish(
            {
                "object_type": "image",
                "x0": x0,
                "y0": y0,
                "x1": x1,
                "y1": y1,
                "width": x1 - x0,
                "height": y1 - y0,
            }
        )


def _ligature_width(out: list[tuple[int, int, dict[str, Any]]], k: int) -> None:
    """Widen the ligature ``out[k]`` (given the width of its first letter) to where the
    next glyph of its text object starts on the same line: the ligature glyph's advance
    (pdfium has no width for a glyph whose text is two letters)."""
    obj, _i, char = out[k]
    if k + 1 >= len(out) or out[k + 1][0] != obj:
        return
    nxt = out[k + 1][2]
    a, b, c, _d, _e, _f = char["matrix"]
    if b != 0 or c != 0 or a <= 0 or abs(nxt["top"] - char["top"]) > 0.01:
        return
    if nxt["x0"] > char["x1"]:
        char["x1"] = nxt["x0"]
        char["width"] = char["x1"] - char["x0"]


def _round(p: tuple[float, float]) -> tuple[float, float]:
    return round(p[0], DIGITS), round(p[1], DIGITS)


def _stroke_width(obj: Any) -> float:
    w = _F()
    return float(w.value) if pdfium_c.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(w)) else 0.0


def _bound(pts: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)
