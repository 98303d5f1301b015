"""Column headings to record fields, whatever the words.

Plans name the same column a hundred ways ("Owner", "Lead officer", "Who", "Responsible
officer"). What planparse knows of those wordings is data, in
``planparse/knowledge/columns.toml``: ordered whole-heading patterns that settle the hard
cases, then words and phrases read anywhere in a heading, scored (the heading's last word,
the head of the phrase, counts most). :func:`read_heading` gives the field with the evidence
for it; :func:`field_for_heading` just the field, or None when the column has no field of
its own (it still lands in ``fields``).

Users add their own wordings with a file in the same format (``planparse parse
--columns my-columns.toml``) or a mapping (``parse(..., columns={"Scrutiny ask":
"objective"})``); theirs are read before the built-in ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from ..knowledge import KnowledgeError, entry_lines, load_toml
from ..normalise.text import one_line

Field = Literal["ref", "objective", "action", "owner", "deadline", "status", "progress", "evidence", "milestones"]
FIELDS: tuple[str, ...] = ("ref", "objective", "action", "owner", "deadline", "status", "progress", "evidence", "milestones")
Rule = Field | Literal["_skip"]

WORD_HEAD_FACTOR = 0.6
"""A cue word that is not the heading's last word scores this share of its weight."""
WORD_ACCEPT = 0.6
"""The least score a word reading needs to give a field."""


@dataclass(slots=True, frozen=True)
class HeadingReading:
    """What a heading says: the field (or "_skip": known to feed none), and why."""

    rule: Rule | None
    evidence: str
    score: float
    cue: str | None = None
    """The id of the pattern that decided (None when words or an exact heading did)."""

    @property
    def field(self) -> Field | None:
        return None if self.rule in (None, "_skip") else cast(Field, self.rule)


@dataclass(slots=True, frozen=True)
class PatternCue:
    id: str
    rule: Rule
    regex: re.Pattern[str]
    examples: tuple[str, ...] = ()
    not_examples: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class WordCue:
    rule: Field
    weight: float
    phrases: tuple[tuple[str, ...], ...]
    head_only: bool = False
    examples: tuple[str, ...] = ()
    not_examples: tuple[str, ...] = ()


@dataclass(slots=True)
class Cues:
    """Column knowledge: exact headings, ordered patterns, scored words; user's first."""

    exact: dict[str, Rule] = field(default_factory=dict)
    patterns: list[PatternCue] = field(default_factory=list)
    words: list[WordCue] = field(default_factory=list)
    label: str = "columns.toml"

    def extended(self, other: Cues) -> Cues:
        """These cues with ``other``'s read first (a user's file before the built-in one)."""
        return Cues(
            exact={**self.exact, **other.exact},
            patterns=[*other.patterns, *self.patterns],
            words=[*other.words, *self.words],
            label=f"{other.label} + {self.label}",
        )


def normalise_heading(text: str) -> str:
    flat = one_line(text).lower().replace("’", "'").rstrip(":.").strip()
    flat = re.sub(r"\s+", " ", flat)
    return flat


_TOKEN = re.compile(r"[a-z0-9]+|[%#?]")
_SEGMENT = re.compile(r"\s*(?:/|\\|&|\||;|\band\b|\bor\b|\(|\)|,)\s*")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _rule_of(name: str, where: str) -> Rule:
    if name == "none":
        return "_skip"
    if name not in FIELDS:
        raise KnowledgeError(f"{where}: unknown field {name!r}; fields are {', '.join(FIELDS)} or 'none'")
    return cast(Field, name)


def _str_list(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def cues_from_data(data: Mapping[str, Any], label: str, text: str) -> Cues:
    """Validate a parsed columns file into :class:`Cues`; errors name the file and line."""
    known = {"pattern", "words", "heading"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise KnowledgeError(f"{label}: unknown section(s) {', '.join(unknown)}; use [[pattern]], [[words]] or [heading]")
    cues = Cues(label=label)
    heading = data.get("heading", {})
    if not isinstance(heading, dict):
        raise KnowledgeError(f"{label}: [heading] must be a table of \"Heading as printed\" = \"field\"")
    for h, f in heading.items():
        if not isinstance(f, str):
            raise KnowledgeError(f"{label}: heading {h!r}: the field must be a string")
        cues.exact[normalise_heading(h)] = _rule_of(f, f"{label}: heading {h!r}")
    lines = entry_lines(text, "pattern")
    for k, entry in enumerate(_entries(data, "pattern", label)):
        where = f"{label}:{lines[k] if k < len(lines) else '?'}: pattern {entry.get('id', k + 1)!r}"
        _only_keys(entry, {"id", "field", "regex", "examples", "not_examples"}, where)
        if not isinstance(entry.get("regex"), str) or not isinstance(entry.get("field"), str):
            raise KnowledgeError(f"{where}: needs 'field' and 'regex' (strings)")
        try:
            regex = re.compile(entry["regex"], re.I)
        except re.error as err:
            raise KnowledgeError(f"{where}: the regex does not compile: {err}") from err
        cues.patterns.append(PatternCue(
            id=str(entry.get("id", f"pattern{k + 1}")),
            rule=_rule_of(entry["field"], where),
            regex=regex,
            examples=_str_list(entry, "examples", where),
            not_examples=_str_list(entry, "not_examples", where),
        ))
    lines = entry_lines(text, "words")
    for k, entry in enumerate(_entries(data, "words", label)):
        where = f"{label}:{lines[k] if k < len(lines) else '?'}: words for {entry.get('field', '?')!r}"
        _only_keys(entry, {"field", "weight", "words", "head_only", "examples", "not_examples"}, where)
        rule = _rule_of(str(entry.get("field")), where)
        if rule == "_skip":
            raise KnowledgeError(f"{where}: words must name a field, not 'none'")
        weight = entry.get("weight", 1.0)
        if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
            raise KnowledgeError(f"{where}: 'weight' must be a number in (0, 1]")
        words = _str_list(entry, "words", where)
        if not words:
            raise KnowledgeError(f"{where}: 'words' is empty")
        phrases = tuple(t for t in (tuple(_tokens(w.lower())) for w in words) if t)
        cues.words.append(WordCue(
            rule=cast(Field, rule),
            weight=float(weight),
            phrases=phrases,
            head_only=bool(entry.get("head_only", False)),
            examples=_str_list(entry, "examples", where),
            not_examples=_str_list(entry, "not_examples", where),
        ))
    return cues


def _entries(data: Mapping[str, Any], key: str, label: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise KnowledgeError(f"{label}: '{key}' must be written as [[{key}]] tables")
    return value


def _only_keys(entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(entry) - allowed)
    if extra:
        raise KnowledgeError(f"{where}: unknown key(s) {', '.join(extra)}; allowed: {', '.join(sorted(allowed))}")


@cache
def builtin_cues() -> Cues:
    data, label, text = load_toml("columns.toml")
    return cues_from_data(data, label, text)


def load_cues(path: str | Path) -> Cues:
    """A user's columns file, in the built-in format (``[[pattern]]``, ``[[words]]`` or a
    ``[heading]`` table of exact headings)."""
    data, label, text = load_toml(Path(path))
    return cues_from_data(data, label, text)


def cues_from_mapping(mapping: Mapping[str, str], label: str = "columns=") -> Cues:
    """``{"Scrutiny ask": "objective", "Our response": "action"}`` as cues."""
    cues = Cues(label=label)
    for h, f in mapping.items():
        if not isinstance(h, str) or not isinstance(f, str):
            raise KnowledgeError(f"{label}: headings and fields must be strings")
        cues.exact[normalise_heading(h)] = _rule_of(f, f"{label} {h!r}")
    return cues


def resolve_cues(user: Cues | None) -> Cues:
    return builtin_cues() if user is None else builtin_cues().extended(user)


def read_heading(text: str, cues: Cues | None = None) -> HeadingReading:
    """What a heading says, with the evidence: exact user headings, then the first pattern
    that matches, then the best-scoring cue words."""
    cues = cues or builtin_cues()
    flat = normalise_heading(text)
    if not flat or len(flat) > 80:
        return HeadingReading(None, "no heading" if not flat else "too long for a heading", 0.0)
    if flat in cues.exact:
        return HeadingReading(cues.exact[flat], f"heading {flat!r} in {cues.label}", 1.0)
    for cue in cues.patterns:
        if cue.regex.search(flat):
            return HeadingReading(cue.rule, f"pattern '{cue.id}'", 1.0, cue.id)
    return _read_words(flat, cues)


def _read_words(flat: str, cues: Cues) -> HeadingReading:
    scores: dict[Field, tuple[float, str]] = {}
    for segment in (s for s in _SEGMENT.split(flat) if s and s.strip()):
        toks = _tokens(segment)
        if not toks:
            continue
        for cue in cues.words:
            for phrase in cue.phrases:
                n = len(phrase)
                for i in range(len(toks) - n + 1):
                    if tuple(toks[i : i + n]) != phrase:
                        continue
                    head = i + n == len(toks) or (toks[-1] == "?" and i + n == len(toks) - 1)
                    if cue.head_only and not head:
                        continue
                    score = cue.weight * (1.0 if head else WORD_HEAD_FACTOR) + 0.01 * n
                    if score > scores.get(cue.rule, (0.0, ""))[0]:
                        where = "last word" if head else "word"
                        scores[cue.rule] = (score, f"{where} '{' '.join(phrase)}'")
    if not scores:
        return HeadingReading(None, "no cue", 0.0)
    best = max(scores.items(), key=lambda kv: kv[1][0])
    rule, (score, why) = best
    if score < WORD_ACCEPT:
        return HeadingReading(None, f"weak cue {why} for {rule} ({score:.2f})", score)
    return HeadingReading(rule, f"{why} -> {rule} ({score:.2f})", round(min(score, 0.95), 2))


def heading_rule(text: str, cues: Cues | None = None) -> Rule | None:
    """Like :func:`field_for_heading`, but "_skip" for a heading known to feed no field."""
    return read_heading(text, cues).rule


def field_for_heading(text: str, cues: Cues | None = None) -> Field | None:
    """The record field a column heading feeds: "Lead officer" -> "owner"; None if none."""
    return read_heading(text, cues).field


_RATING_WORDS = re.compile(r"^(high|medium|med|low|h|m|l|critical|major|minor|significant|moderate|p?[1-4]|priority [1-4]|essential|desirable)\.?$", re.I)


def is_rating_column(values: list[str]) -> bool:
    """True when a column's cells are ratings (High/Medium/Low, 1-3), not priorities in words."""
    filled = [one_line(v) for v in values if one_line(v)]
    if not filled:
        return False
    return sum(bool(_RATING_WORDS.match(v)) for v in filled) >= 0.6 * len(filled)
