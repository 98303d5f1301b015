"""Text tidying and leading-reference parsing, shared by every stage after the readers."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_MARKUP = re.compile(r"</?(?:p|ul|ol|li|b|i|u|em|strong|span|br)\b[^>]*>", re.I)


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
