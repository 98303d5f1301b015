"""Lines of text -> paragraphs: paragraph breaks, bullets, words split by column width.

* A paragraph ends where the vertical gap to the next line is wider than ordinary leading
  (more than 0.45 x the font size), where the next line starts with a bullet or a number
  ("2.", "3)"), or where a list item is followed by a line further left than its text.
* A bullet glyph ("•", "▪", "-", "o", Word's Symbol-font bullet U+F0B7, ...) standing
  before the text makes a list item; the glyph is dropped, the indent gives the level.
* Lines are joined with a space, except: a line ending in a hyphen after a letter joins
  the next without a space and keeps the hyphen ("multi-" + "agency" -> "multi-agency");
  a line that is a single word filling the whole width of its cell was split by the
  column ("Communicati" + "ons" -> "Communications") and joins without a space when the
  next line starts in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..layout import Para
from ._pdf_model import Line
from ._pdf_page import BULLET_GLYPHS

NUMBERED = re.compile(r"^\(?(\d{1,3}(\.\d{1,3})*|[a-z]|[ivx]{1,4})[.)](\s|$)")
"""A numbered item: "2.", "2.1.", "3)", "(a)", "iv."."""

_BULLET_PREFIX = tuple(g for g in BULLET_GLYPHS if g not in {"-", "o", "–"})
_END = (".", "!", "?", ":", ";")
_WEAK_BULLETS = {"-", "o", "–"}
_ORDINAL = re.compile(r"\b(\d{1,2}) (st|nd|rd|th)\b")


def _bullet(line: Line) -> tuple[str, bool]:
    """The line's text with a leading bullet removed, and whether there was one."""
    first = line.words[0].text
    rest = " ".join(w.text for w in line.words[1:])
    if first in BULLET_GLYPHS and rest:
        return rest, True
    if first.startswith(_BULLET_PREFIX) and len(first) > 1:
        return (first[1:] + (" " + rest if rest else "")).strip(), True
    return line.text, False


def join_text(before: str, after: str, split_word: bool = False) -> str:
    """Join two pieces of one paragraph that a line or page break separated."""
    if not before:
        return after
    if not after:
        return before
    if split_word and after[0].islower():
        return before + after
    if before.endswith("-") and len(before) > 1 and before[-2].isalpha() and after[0].isalpha():
        return before + after
    return f"{before} {after}"


def lines_to_paras(
    lines: Sequence[Line], left: float, right: float, text_right: float | None = None
) -> list[Para]:
    """Paragraphs of the lines of one cell (or text column) between ``left`` and ``right``.

    ``text_right``, when given, is where the text wraps (else the right edge less the
    left padding).
    """
    paras: list[Para] = []
    if not lines:
        return paras
    base = min(line.x0 for line in lines)
    prev: Line | None = None
    text_x0 = base
    for line in lines:
        text, is_bullet = _bullet(line)
        if (
            is_bullet
            and line.words[0].text in _WEAK_BULLETS
            and prev is not None
            and line.top - prev.bottom <= 0.45 * line.size
            and not paras[-1].list_item
        ):
            # A dash at the start of a wrapped line ("meeting" / "- further report") is the
            # author's dash, not a bullet: weak glyphs only start a list after a break.
            text, is_bullet = line.text, False
        if is_bullet:
            level = 1 if line.x0 - base > 12 else 0
            paras.append(Para(text, True, level))
            text_x0 = line.words[1].x0 if len(line.words) > 1 else line.x0
        elif (
            prev is None
            or line.top - prev.bottom > 0.45 * line.size
            or NUMBERED.match(text)
            or (paras[-1].list_item and line.x0 < text_x0 - 3)
        ):
            paras.append(Para(text))
        else:
            slack = (
                right - prev.x1 - (prev.x0 - left)
                if text_right is None
                else text_right - prev.x1
            )
            split = len(prev.words) == 1 and slack <= 0.6 * prev.size and len(prev.words[0].text) > 2
            paras[-1].text = join_text(paras[-1].text, text, split)
        prev = line
    for para in paras:
        # A raised ordinal ("1st") comes out of the PDF as two words: "1 st".
        para.text = _ORDINAL.sub(r"\1\2", para.text)
    return paras


def continue_paras(paras: list[Para], more: list[Para]) -> None:
    """Append ``more`` (text continued on the next page) to ``paras`` in place.

    The first continued paragraph joins the last one unless that ended a sentence and the
    continuation starts like a new paragraph (a list item, a number, a capital letter).
    """
    if not more:
        return
    first = more[0]
    if paras and not first.list_item and not NUMBERED.match(first.text):
        last = paras[-1]
        ended = last.text.rstrip().endswith(_END)
        if not ended or first.text[:1].islower():
            last.text = join_text(last.text, first.text)
            more = more[1:]
    paras.extend(more)
