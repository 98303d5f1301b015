"""Lines of text -> paragraphs: paragraph breaks, bullets, words split by column width.

* A paragraph ends where the vertical gap to the next line is wider than ordinary leading
  (more than ``para_gap`` x the font size, see :mod:`.pdf_settings`), where the next line starts with a bullet or a number
  ("2.", "3)"), or where a list item is followed by a line further left than its text.
* A bullet glyph ("•", "▪", "-", "o", Word's Symbol-font bullet U+F0B7, ...) standing
  before the text makes a list item; the glyph is dropped, the indent gives the level.
* Lines are joined with a space, except: a line ending in a hyphen or an en dash right
  after a letter or digit joins the next without a space and keeps the dash
  ("multi-" + "agency" -> "multi-agency", "April–" + "September");
  a line that is a single word filling the whole width of its cell may have been split
  by the column (Word and LibreOffice break a word that is wider than its cell at the
  last letter that fits) and then joins the next line without a space
  (:func:`split_by_width`): digits split from digits ("30/06/202" + "3"), or a letter
  followed by a lower-case letter ("Communicati" + "ons"), unless the text layer says
  otherwise. LibreOffice prints the space where it wraps a line whenever the space fits
  on the line, so a space after the word proves a wrap between words ("Implementation"
  + "date") and, in a document that prints such spaces, a missing one where it would
  have fitted proves a split word. Where it would not have fitted, the two cannot be
  told apart by position (a whole word that just fits its cell leaves as little room as
  the first part of a split one), and the document's own words decide: the next line
  starts with a word printed elsewhere away from a line break, and the joined form is
  not one ("Complete" + "by"), so it is a wrap between words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..layout import Para
from ._pdf_model import Line, Word
from ._pdf_page import BULLET_GLYPHS
from .pdf_settings import DEFAULT_PDF_SETTINGS, PdfSettings

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


def _bare(word: str) -> str:
    """A word as looked up in a :class:`Lexicon`: lower case, outer punctuation off."""
    return word.strip("()[]{}\"'‘’“”.,;:!?").lower()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What a document shows about its own words, for telling words split by a column
    width from wraps between words (:func:`split_by_width`)."""

    words: frozenset[str]
    """Words (see :func:`_bare`) printed away from any line break: whole words only."""
    wrap_spaces: bool
    """The text layer keeps the space at a line wrap (LibreOffice's PDF export does)."""
    leading: tuple[tuple[float, float], ...] = ()
    """(font size, usual gap) pairs: the gap (points, bottom of one line to top of the
    next) seen most often between lines of that size, i.e. the document's own leading.
    Space between paragraphs is measured against it (see :func:`paragraph_gap`)."""

    def usual_gap(self, size: float, settings: PdfSettings = DEFAULT_PDF_SETTINGS) -> float | None:
        for known, gap in self.leading:
            if abs(known - size) <= settings.leading_size_slack:
                return gap
        return None


def paragraph_gap(gap: float, size: float, lexicon: Lexicon | None, settings: PdfSettings) -> bool:
    """Does a vertical gap of ``gap`` points between lines of ``size`` end a paragraph?

    Wider than ``para_gap`` ems: always. Narrower, but ``para_extra`` ems (at least
    ``para_extra_min`` points) wider than the document's usual gap between lines of the
    size: also (a browser or reportlab prints a few points after a paragraph with a tight
    leading, so the break is narrower than ``para_gap`` but still stands out).
    """
    if gap > settings.para_gap * size:
        return True
    usual = lexicon.usual_gap(size, settings) if lexicon is not None else None
    return usual is not None and gap > usual + max(settings.para_extra_min, settings.para_extra * size)


def _leading(texts: Sequence[Sequence[Line]], settings: PdfSettings) -> tuple[tuple[float, float], ...]:
    gaps: dict[float, Counter[float]] = {}
    for lines in texts:
        for prev, line in zip(lines, lines[1:], strict=False):
            if abs(prev.size - line.size) > settings.leading_size_slack:
                continue
            gap = line.top - prev.bottom
            if -settings.leading_overlap * line.size < gap < settings.para_gap * line.size:
                step = settings.leading_bin
                gaps.setdefault(line.size, Counter())[round(gap / step) * step] += 1
    out = []
    for size, counts in sorted(gaps.items()):
        if counts.total() >= settings.leading_samples:
            out.append((size, counts.most_common(1)[0][0]))
    return tuple(out)


def document_lexicon(texts: Iterable[Sequence[Line]], settings: PdfSettings = DEFAULT_PDF_SETTINGS) -> Lexicon:
    """The :class:`Lexicon` of runs of lines (each cell's lines, a page's text lines).

    A word at a possible break (the last word of a line that another line follows, the
    first word of a line that follows another) may be a piece of a split word and is
    left out. Wrap spaces are kept when ``wrap_space_share`` or more of the wraps end in a
    space.
    """
    words: set[str] = set()
    wraps = spaced = 0
    texts = [list(lines) for lines in texts]
    for lines in texts:
        last = len(lines) - 1
        for i, line in enumerate(lines):
            inner = line.words[1 if i > 0 else 0 : len(line.words) - 1 if i < last else None]
            words.update(_bare(w.text) for w in inner)
            if i < last:
                wraps += 1
                spaced += line.words[-1].space_after
    return Lexicon(
        frozenset(words),
        wraps > 0 and spaced >= settings.wrap_space_share * wraps,
        _leading(texts, settings),
    )


def split_by_width(
    head: Word, tail: str, slack: float, lexicon: Lexicon | None = None, settings: PdfSettings = DEFAULT_PDF_SETTINGS
) -> bool:
    """Were ``head`` (alone on a line that fills its cell, ``slack`` points short of the
    right edge) and ``tail`` (the first word of the next line) one word split by the
    column width? See the module doc; ``lexicon`` None: a letter followed by a lower-case
    letter is always a split."""
    if head.space_after:
        return False
    text = head.text
    if text[-1].isdigit() and tail[0].isdigit():
        return True
    if not (text[-1].isalpha() and tail[0].islower()):
        return False
    if lexicon is None:
        return True
    if lexicon.wrap_spaces and slack >= settings.space_width * head.size:
        return True  # a space would have fitted, and none was printed
    h, t = _bare(text), _bare(tail)
    return not (len(t) >= 2 and t in lexicon.words and h + t not in lexicon.words)


def join_text(before: str, after: str, split_word: bool = False) -> str:
    """Join two pieces of one paragraph that a line or page break separated;
    ``split_word``: they are the two parts of one word (no space)."""
    if not before:
        return after
    if not after:
        return before
    if split_word:
        return before + after
    if (
        before.endswith(("-", "–"))
        and len(before) > 1
        and before[-2].isalnum()
        and after[0].isalnum()
    ):
        return before + after  # "multi-" + "agency", "April–" + "September"
    return f"{before} {after}"


def lines_to_paras(
    lines: Sequence[Line],
    left: float,
    right: float,
    text_right: float | None = None,
    lexicon: Lexicon | None = None,
    settings: PdfSettings = DEFAULT_PDF_SETTINGS,
    line_groups: list[list[Line]] | None = None,
) -> list[Para]:
    """Paragraphs of the lines of one cell (or text column) between ``left`` and ``right``.

    ``text_right``, when given, is where the text wraps (else the right edge less the
    left padding); ``lexicon``: see :func:`split_by_width`. ``line_groups``, when given,
    receives the lines of each paragraph (parallel to the result).
    """
    groups: list[list[Line]] = line_groups if line_groups is not None else []
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
            and line.top - prev.bottom <= settings.para_gap * line.size
            and (
                not paras[-1].list_item
                or (
                    abs(line.x0 - text_x0) <= settings.wrap_indent_slack
                    and line.words[1].x0 - line.words[0].x1 < settings.bullet_tab * line.size
                )
            )
        ):
            # A dash at the start of a wrapped line ("meeting" / "- further report") is the
            # author's dash, not a bullet: weak glyphs only start a list after a break. In
            # a list item, a dash where the item's wrapped lines start, followed by a
            # plain space rather than a bullet's tab, wraps the item ("Assistant
            # Director" / "– Quality & Partnership").
            text, is_bullet = line.text, False
        if is_bullet:
            level = 1 if line.x0 - base > settings.list_indent else 0
            paras.append(Para(text, True, level))
            groups.append([line])
            text_x0 = line.words[1].x0 if len(line.words) > 1 else line.x0
        elif (
            prev is None
            or paragraph_gap(line.top - prev.bottom, line.size, lexicon, settings)
            or NUMBERED.match(text)
            or (paras[-1].list_item and line.x0 < text_x0 - settings.hanging_slack)
        ):
            paras.append(Para(text))
            groups.append([line])
        else:
            slack = (
                right - prev.x1 - (prev.x0 - left)
                if text_right is None
                else text_right - prev.x1
            )
            split = (
                len(prev.words) == 1
                and slack <= settings.split_slack * prev.size
                and len(prev.words[0].text) >= settings.split_min_chars
                and split_by_width(prev.words[0], line.words[0].text, slack, lexicon, settings)
            )
            paras[-1].text = join_text(paras[-1].text, text, split)
            groups[-1].append(line)
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
