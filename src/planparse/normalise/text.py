"""Text tidying and leading-reference parsing, shared by every stage after the readers."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_MARKUP = re.compile(r"</?(?:p|ul|ol|li|b|i|u|em|strong|span|br)\b[^>]*>", re.I)


# The most text any normaliser examines in one cell (deadlines, owners, status). A cell longer
# than this is a pasted document, not a deadline or an owner list: the head is read and the
# record keeps the full text. Bounds the work per cell whatever the input.
MAX_EXAMINED_CHARS = 4000


def examined(text: str, limit: int = MAX_EXAMINED_CHARS) -> str:
    """The part of ``text`` a normaliser reads: all of it, or its head cut at a space."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rfind(" ", limit // 2)
    return head[:cut] if cut > 0 else head


def tidy(text: str | None) -> str:
    """Collapse runs of spaces on each line, drop blank lines and stray markup; keep words."""
    if not text:
        return ""
    text = _MARKUP.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def one_line(text: str | None) -> str:
    """Text on one line (for headings and matching): newlines become spaces, bullets dropped."""
    return " ".join(part.lstrip("•▪ ").strip() for part in tidy(text).split("\n")).strip()


# A leading reference: "1.", "1)", "3b)", "2.2", "A2.3", "SD4", "(a)", "1.0", "R3:".
# A bare number needs punctuation after it ("12 schools" is not a reference) unless it has
# a dotted or lettered form ("2.2 Share ...", "A2.3 ...").
_REF = re.compile(
    r"""^\s*\(?
    (?P<ref>
        [A-Z]{1,3}\d{1,3}(?:\.\d{1,3})*[a-z]?     # A2.3, SD4, R12
      | \d{1,3}(?:\.\d{1,3})+[a-z]?               # 2.2, 1.0, 4.10
      | \d{1,5}[a-z]?                             # 1, 3b, 10000 (long registers)
      | [a-z]                                     # (a), a)
    )
    (?P<punct>\s*[.):]+|\s*[-–—]\s|\s*(?=\s))
    \s*""",
    re.X,
)


def split_ref(text: str) -> tuple[str | None, str]:
    """Split a leading reference off ``text``: ``"3b) Do X"`` -> ``("3b", "Do X")``.

    Returns ``(None, text)`` when the text does not start with a reference.
    """
    m = _REF.match(text)
    if not m:
        return None, text
    ref, punct = m.group("ref"), m.group("punct").strip()
    rest = text[m.end():]
    if not rest.strip():
        return None, text
    if not punct:
        # No punctuation: only dotted/lettered forms count ("2.2 Share", "SD4 Review").
        if not re.search(r"[.A-Za-z]", ref) or ref.isalpha():
            return None, text
    elif len(ref) == 1 and ref.isalpha() and not text.lstrip().startswith("(") and punct != ")":
        # "a) ..." is a reference, "A. Smith" or "I. ..." is not worth the risk.
        return None, text
    if ref.isdigit() and len(ref) == 4 and ref.startswith(("19", "20")):
        return None, text  # "2016. The Board ..." is a year, not a reference
    return ref, rest.lstrip()
