"""What a column's cells hold, read without its heading: who, when, how it stands, what was done.

Used when a heading names no field (or is hidden): the column's cells are profiled
(:class:`~planparse.extract.tables.ColumnProfile`) and each field scored from the profile
(:func:`field_scores`), so a reading of the table can take the best-supported field for
each column and say why. Names, roles and bodies are recognised with the owner lexicons of
``models/owners_src`` (the same word lists the owner splitter uses); progress and target
words come from ``knowledge/tables.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..normalise.text import one_line
from .vocab import tables_vocab


@dataclass(slots=True, frozen=True)
class _OwnerWords:
    titles: frozenset[str]
    role_heads: frozenset[str]
    role_abbrevs: frozenset[str]
    org_heads: frozenset[str]
    org_abbrevs: frozenset[str]
    first_names: frozenset[str]


@cache
def _owner_words() -> _OwnerWords:
    from ..normalise import owners

    src = owners.source_dir()
    if src.exists():
        lex = owners.Lexicon.from_sources(src)
    else:  # an installed package without the sources: the built pipeline carries them
        lex = owners.load_pipeline().get_pipe("planparse_owner_tagger").lexicon
    return _OwnerWords(
        titles=frozenset(t.rstrip(".") for t in lex.titles for t in t.split()),
        role_heads=frozenset(w.lower() for w in lex.role_heads),
        role_abbrevs=frozenset(lex.role_abbrevs),
        org_heads=frozenset(w.lower() for w in lex.org_heads),
        org_abbrevs=frozenset(lex.org_abbrevs),
        first_names=frozenset(lex.first_names),
    )


OWNER_CELL_MAX_CHARS = 200
"""Longest owner cell ("Tony Oakman Strategic Director, Merlin Joseph Interim Chief Officer, ...")."""
OWNER_CELL_MAX_WORDS = 30
"""Most words in an owner cell; more is a paragraph."""
_NOT_A_NAME = re.compile(r"\b(?:19|20)\d{2}\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\\|\.(?:docx?|pdf|xlsx?|pptx?)\b|https?:|www\.", re.I)
"""Years, dates, file paths and addresses: never in a cell that names an owner."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_LINKS = frozenset({"of", "for", "and", "the", "to", "in", "with", "at", "on", "&", "or", "all", "lead", "leads"})


def names_an_owner(text: str) -> bool:
    """True for a cell that names people, roles or bodies and says nothing else:
    "Head of Public Contact (Joanne Pritchard)", "Det Supt Claire Norwood, Head of Public
    Protection", "Directorate of Children's Services", "SBM/English lead"; not "Review the
    policy with the head of service" (a sentence) nor "High" (a rating)."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) > 1:
        # One owner a line ("Directorate of Children's Services / Assistant Director - ...").
        return sum(1 for ln in lines if names_an_owner(ln)) >= 0.6 * len(lines)
    flat = one_line(text)
    if not flat or len(flat) > OWNER_CELL_MAX_CHARS or _NOT_A_NAME.search(flat):
        return False
    words = _WORD.findall(flat)
    if not words or len(words) > OWNER_CELL_MAX_WORDS or (flat.endswith(".") and len(words) > 6):
        return False
    lex = _owner_words()
    hits = 0
    capitals = 0
    content = 0
    for k, w in enumerate(words):
        bare = w.strip(".'’").removesuffix("'s").removesuffix("’s")
        low = bare.lower()
        last = low.split("-")[-1]
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if (low in lex.role_heads or last in lex.role_heads or low in lex.org_heads or last in lex.org_heads
                or bare in lex.role_abbrevs or bare in lex.org_abbrevs
                or (bare in lex.titles and nxt[:1].isupper())
                or (bare in lex.first_names and nxt[:1].isupper())
                or (bare.isupper() and 2 <= len(bare) <= 6)):
            hits += 1
        if low in _LINKS:
            continue
        content += 1
        if bare[:1].isupper():
            capitals += 1
    if hits == 0:
        return False
    # Names, roles and bodies are written in capitals ("Exchequer Services Manager"); a
    # sentence that mentions a manager is mostly lower case.
    return content <= 3 or capitals >= 0.6 * content


def reports_progress(text: str) -> bool:
    """A cell that says what has been done ("Call-back procedure introduced February 2022")."""
    return tables_vocab().report_words.search(text) is not None


def states_targets(text: str) -> bool:
    """A cell that states a target or measure ("85% of pupils ... by July 2022")."""
    return tables_vocab().target_words.search(text) is not None
