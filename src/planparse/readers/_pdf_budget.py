"""A budget per PDF page, checked before pdfplumber reads it (issue 14).

Pages made of millions of drawing operators, form XObjects nested and drawn repeatedly,
a single text string of megabytes, or a content stream that inflates to gigabytes made
pdfminer run until killed. Before a page is read, its content streams are inflated here
in bounded steps and sized: inflated bytes, operators (counting those of every form
XObject each time it is drawn, to a bounded depth) and characters in text strings. A page
over any budget is skipped with a warning; the rest of the document is still read.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

MAX_INFLATED_BYTES = 32 * 1024 * 1024
"""Most bytes a page's content (its streams and the forms it draws) may inflate to."""
MAX_OPERATORS = 400_000
"""Most operators a page may run, forms counted once per time they are drawn."""
MAX_TEXT_CHARS = 400_000
"""Most bytes of text strings a page may show."""
MAX_FORM_DEPTH = 12

_OPERATOR = re.compile(rb"(?<![/\w.\-+])[A-Za-z'\"][A-Za-z0-9*]{0,2}(?![\w])")
_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>")
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


class OverBudget(Exception):
    """A page is over one of its budgets; the message says which, in words."""


@dataclass(slots=True)
class _Spent:
    inflated: int = 0
    operators: int = 0
    chars: int = 0


def _resolve(obj: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def _inflate(stream: Any, spent: _Spent) -> bytes:
    """The stream's data, inflating Flate in steps and stopping at the page's budget."""
    filters = stream.get_filters() if hasattr(stream, "get_filters") else []
    raw = stream.rawdata if stream.rawdata is not None else (stream.data or b"")
    names = [getattr(f, "name", f) for f, _params in filters]
    if not names:
        data = raw
    elif names == ["FlateDecode"] or names == ["Fl"]:
        if getattr(stream, "decipher", None) is not None:
            return b""  # encrypted: the raw bytes are not zlib data; left to pdfminer
        d = zlib.decompressobj()
        parts: list[bytes] = []
        try:
            chunk = d.decompress(raw, 1 << 20)
            while True:
                parts.append(chunk)
                spent.inflated += len(chunk)
                if spent.inflated > MAX_INFLATED_BYTES:
                    raise OverBudget(f"its content inflates to more than {MAX_INFLATED_BYTES // (1024 * 1024)} MB")
                if d.eof or not d.unconsumed_tail:
                    break
                chunk = d.decompress(d.unconsumed_tail, 1 << 20)
        except zlib.error:
            pass  # damaged or unusual data: what inflated is costed, the rest left to pdfminer
        return b"".join(parts)
    else:
        return b""  # other filters: left to pdfminer (no cheap bounded decoder here)
    spent.inflated += len(data)
    if spent.inflated > MAX_INFLATED_BYTES:
        raise OverBudget(f"its content is more than {MAX_INFLATED_BYTES // (1024 * 1024)} MB")
    return data


def _cost(data: bytes, resources: Any, spent: _Spent, depth: int, memo: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(operators, text chars) of ``data``, each drawn form counted every time it is drawn."""
    ops = len(_OPERATOR.findall(data))
    chars = sum(len(m) for m in _STRING.findall(data))
    draws = _DO.findall(data)
    if draws and depth < MAX_FORM_DEPTH:
        xobjects = _resolve((_resolve(resources) or {}).get("XObject")) if resources else None
        for name in draws:
            ref = (xobjects or {}).get(name.decode("latin-1"))
            form = _resolve(ref)
            if form is None or not hasattr(form, "attrs"):
                continue
            if getattr(_resolve(form.attrs.get("Subtype")), "name", None) != "Form":
                continue
            key = id(form)
            if key not in memo:
                memo[key] = (0, 0)  # a form that draws itself costs nothing more
                memo[key] = _cost(_inflate(form, spent), form.attrs.get("Resources"), spent, depth + 1, memo)
            f_ops, f_chars = memo[key]
            ops += f_ops
            chars += f_chars
            if ops > MAX_OPERATORS or chars > MAX_TEXT_CHARS:
                break
    elif draws:
        raise OverBudget(f"it nests form XObjects more than {MAX_FORM_DEPTH} deep")
    return ops, chars


def check_page(page_obj: Any) -> None:
    """Raise :class:`OverBudget` if the pdfminer page ``page_obj`` is over a budget."""
    spent = _Spent()
    contents = page_obj.contents if isinstance(page_obj.contents, list) else [page_obj.contents]
    data = b"\n".join(_inflate(s, spent) for s in (_resolve(c) for c in contents) if s is not None and hasattr(s, "rawdata"))
    ops, chars = _cost(data, page_obj.resources, spent, 0, {})
    if ops > MAX_OPERATORS:
        raise OverBudget(f"it has more than {MAX_OPERATORS:,} drawing operators")
    if chars > MAX_TEXT_CHARS:
        raise OverBudget(f"it has more than {MAX_TEXT_CHARS:,} characters of text")
