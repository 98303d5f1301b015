"""Legends a document prints to explain itself: RAG colours and source codes.

A RAG legend ("RED – Overdue Amber – At Risk Yellow – On Schedule Green - Complete") may
sit in a footer, a paragraph or a table (colour word or colour swatch beside its meaning);
a code legend ("D=Diagnostic S=SAIT C=Control Log O=Other") likewise. Both are read once
for the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..layout import Layout, Table
from ..models import Legends
from ..normalise.status import rag_from_fill
from ..normalise.text import one_line
from .vocab import COLOURS, legend_vocab

_VOCAB = legend_vocab()
_SEP = _VOCAB.separator
_COLOUR = rf"(?P<colour>{_VOCAB.colour_alternatives})"
_RAG_ITEM = re.compile(
    rf"(?<![\w-])\**{_COLOUR}\**{_SEP}\**(?P<meaning>.+?)\**"
    rf"(?=(?:\s*[,;|]\s*|\s+)\**(?:{_VOCAB.colour_alternatives})\**{_SEP}|\s*$)",
    re.I,
)
_LETTER = {k.lower(): v for k, v in _VOCAB.letters.items()}

_CODE_ITEM = re.compile(
    r"(?<![\w])(?P<code>[A-Z]{1,3})\s*=\s*(?P<meaning>.+?)(?=[\s,;]+[A-Z]{1,3}\s*=|\s*[)\]]?\s*$)"
)


def rag_legend_from_text(text: str) -> dict[str, str]:
    """Colour -> meaning from one line of text; empty unless at least two colours are named."""
    flat = one_line(text).replace("**", "")
    if len(flat) > 300:
        return {}
    found: dict[str, str] = {}
    for m in _RAG_ITEM.finditer(flat):
        letter = m.group("colour")
        if len(letter) == 1 and not letter.isupper():
            continue  # "a - b" in prose is not a legend; R/A/G legends use capitals
        colour = _LETTER[letter.lower()] if len(letter) == 1 else _VOCAB.words[letter.lower()]
        meaning = m.group("meaning").strip(" *,;|.")
        if not meaning or len(meaning) > 100:
            continue
        found.setdefault(colour, meaning)
    # Single letters are only a legend when written as one (R=..., A=..., G=...).
    return found if len(found) >= 2 else {}


def codes_legend_from_text(text: str) -> dict[str, str]:
    """Code -> meaning ("D=Diagnostic S=SAIT ..."); empty unless two codes are defined."""
    flat = one_line(text)
    if len(flat) > 400 or "=" not in flat:
        return {}
    start = flat.find(":")
    body = flat[start + 1 :] if start != -1 and start < flat.find("=") else flat
    body = body.strip(" ()[]")
    found = {
        m.group("code"): m.group("meaning").strip(" ,;.)")
        for m in _CODE_ITEM.finditer(body)
    }
    found = {k: v for k, v in found.items() if v and len(v) <= 60}
    if set(found) <= set(_VOCAB.letters) and len(found) >= 2:
        return {}  # that's a RAG legend in letters, read by rag_legend_from_text
    return found if len(found) >= 2 else {}


def rag_legend_from_table(table: Table) -> dict[str, str]:
    """A small table whose rows pair a colour (word or swatch) with its meaning."""
    if table.n_rows > 8 or table.n_cols > 8:
        return {}
    found: dict[str, str] = {}
    for r in range(table.n_rows):
        cells = table.row_cells(r)
        for left, right in zip(cells, cells[1:], strict=False):
            meaning = one_line(right.text)
            # A key table's meanings may run longer than a one-line legend's.
            if not meaning or len(meaning) > 120:
                continue
            colour = _colour_word(left.text) or (rag_from_fill(left.fill) if left.is_empty else None)
            if colour:
                found.setdefault(colour, meaning)
        # A single row written as one line ("Red - Overdue") per cell.
        for cell in cells:
            for colour, meaning in rag_legend_from_text(cell.text).items():
                found.setdefault(colour, meaning)
            single = _single_item(cell.text)
            if single:
                found.setdefault(*single)
    return found if len(found) >= 2 else {}


def _colour_word(text: str) -> str | None:
    """A cell that names a colour: "Green", "AMBER", or a capital letter R/A/Y/G/B."""
    flat = one_line(text).strip(" *:=-–")
    if flat in _LETTER or flat in _VOCAB.letters:
        return _VOCAB.letters.get(flat)
    return _VOCAB.words.get(flat.lower())


def _single_item(text: str) -> tuple[str, str] | None:
    words = "|".join(re.escape(w) for w in _VOCAB.words)
    m = re.fullmatch(rf"\s*({words}){_SEP}(.{{1,60}})", one_line(text), re.I)
    return (_VOCAB.words[m.group(1).lower()], m.group(2).strip(" .")) if m else None


def find_legends(layout: Layout) -> Legends:
    """Every legend printed anywhere in the document: furniture, paragraphs and tables."""
    rag: dict[str, str] = {}
    codes: dict[str, str] = {}
    texts: Iterable[str] = list(layout.furniture) + [
        b.text for b in layout.blocks if not isinstance(b, Table)
    ]
    for text in texts:
        for line in [text, *text.split("\n")]:
            for colour, meaning in rag_legend_from_text(line).items():
                rag.setdefault(colour, meaning)
            for code, meaning in codes_legend_from_text(line).items():
                codes.setdefault(code, meaning)
    for table in layout.tables():
        for colour, meaning in rag_legend_from_table(table).items():
            rag.setdefault(colour, meaning)
    ordered: dict[str, str] = {c: rag[c] for c in COLOURS if c in rag}
    return Legends(rag=ordered, codes=codes)
