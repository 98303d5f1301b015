"""The vocabulary of documents, legends and tables, loaded from ``planparse/knowledge``.

What a paper calls itself (``documents.toml``), how legends are titled and which colour
words they use (``legends.toml``), what tables that are not plans look like and which cell
texts are template placeholders (``tables.toml``). Each file is validated once, when first
used; a wrong entry raises :class:`~planparse.knowledge.KnowledgeError` naming the file and
line. Column cues and status phrases have loaders of their own (``columns.py``,
``normalise/status.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, cast, get_args

from ..knowledge import (
    KnowledgeError,
    compile_phrases,
    entries,
    load_toml,
    only_keys,
    section_line,
    str_list,
)
from ..models import DocumentKind


@dataclass(slots=True, frozen=True)
class Examples:
    """Texts a cue must match and texts it must not."""

    examples: tuple[str, ...]
    not_examples: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class KindCue:
    """One document kind and the phrases that name it."""

    id: str
    kind: DocumentKind
    first: bool
    in_title: re.Pattern[str] | None
    in_text: re.Pattern[str] | None
    examples: Examples


@dataclass(slots=True, frozen=True)
class PhraseCue:
    """A set of phrases with its examples (title words, plan titles, legend titles ...)."""

    id: str
    pattern: re.Pattern[str]
    examples: Examples

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text)


@dataclass(slots=True, frozen=True)
class DocumentVocab:
    kinds: tuple[KindCue, ...]
    title_words: PhraseCue
    plan_title: PhraseCue


def _examples(entry: dict[str, Any], where: str) -> Examples:
    return Examples(str_list(entry, "examples", where, required=True), str_list(entry, "not_examples", where, required=True))


def phrase_section(data: dict[str, Any], name: str, label: str, text: str, key: str = "phrases") -> PhraseCue:
    """A ``[name]`` table of ``key`` phrases with examples."""
    where = f"{label}:{section_line(text, name) or '?'}: [{name}]"
    entry = data.get(name)
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{label}: missing [{name}] table")
    only_keys(entry, {key, "examples", "not_examples"}, where)
    return PhraseCue(name, compile_phrases(str_list(entry, key, where, required=True), where), _examples(entry, where))


def _known_sections(data: dict[str, Any], known: set[str], label: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise KnowledgeError(f"{label}: unknown section(s) {', '.join(unknown)}; expected {', '.join(sorted(known))}")


def documents_from_data(data: dict[str, Any], label: str, text: str) -> DocumentVocab:
    _known_sections(data, {"kind", "title_words", "plan_title"}, label)
    kinds = []
    allowed = set(get_args(DocumentKind)) - {"unknown"}
    for where, e in entries(data, "kind", label, text):
        only_keys(e, {"id", "kind", "first", "in_title", "in_text", "examples", "not_examples"}, where)
        kind = e.get("kind")
        if kind not in allowed:
            raise KnowledgeError(f"{where}: unknown kind {kind!r}; kinds are {', '.join(sorted(allowed))}")
        in_title = str_list(e, "in_title", where)
        in_text = str_list(e, "in_text", where)
        if not in_title and not in_text:
            raise KnowledgeError(f"{where}: needs 'in_title' or 'in_text' phrases")
        kinds.append(KindCue(
            id=str(e.get("id", kind)),
            kind=cast(DocumentKind, kind),
            first=bool(e.get("first", False)),
            in_title=compile_phrases(in_title, where) if in_title else None,
            in_text=compile_phrases(in_text, where) if in_text else None,
            examples=_examples(e, where),
        ))
    return DocumentVocab(
        kinds=tuple(kinds),
        title_words=phrase_section(data, "title_words", label, text, key="words"),
        plan_title=phrase_section(data, "plan_title", label, text),
    )


@cache
def documents() -> DocumentVocab:
    data, label, text = load_toml("documents.toml")
    return documents_from_data(data, label, text)


COLOURS = ("red", "amber", "yellow", "green", "blue")


@dataclass(slots=True, frozen=True)
class LegendVocab:
    words: dict[str, str]
    """Colour word (lower case) -> colour."""
    letters: dict[str, str]
    """Capital letter -> colour."""
    separator: str
    """Regex for what stands between a colour and its meaning."""
    key_title: re.Pattern[str]
    colour_examples: Examples
    title_examples: Examples

    @property
    def colour_alternatives(self) -> str:
        """Every colour word then every letter, as one regex alternation (no group)."""
        return "|".join([*(re.escape(w) for w in self.words), *(re.escape(x.lower()) for x in self.letters)])


def legends_from_data(data: dict[str, Any], label: str, text: str) -> LegendVocab:
    _known_sections(data, {"colours", "separators", "key_title"}, label)
    colours = data.get("colours")
    where = f"{label}:{section_line(text, 'colours') or '?'}: [colours]"
    if not isinstance(colours, dict):
        raise KnowledgeError(f"{label}: missing [colours] table")
    only_keys(colours, {*COLOURS, "examples", "not_examples"}, where)
    words: dict[str, str] = {}
    letters: dict[str, str] = {}
    for colour in COLOURS:
        for name in str_list(colours, colour, where, required=True):
            if len(name) == 1:
                if not name.isupper():
                    raise KnowledgeError(f"{where}: {colour}: a one-letter name must be a capital ({name!r})")
                letters[name] = colour
            else:
                words[name.lower()] = colour
    seps = data.get("separators")
    swhere = f"{label}:{section_line(text, 'separators') or '?'}: [separators]"
    if not isinstance(seps, dict):
        raise KnowledgeError(f"{label}: missing [separators] table")
    only_keys(seps, {"symbols", "words"}, swhere)
    symbols = str_list(seps, "symbols", swhere, required=True)
    if any(len(s) != 1 for s in symbols):
        raise KnowledgeError(f"{swhere}: 'symbols' are single characters")
    sep_words = str_list(seps, "words", swhere)
    separator = r"\s*(?:[" + "".join(re.escape(s) for s in symbols) + "]" + "".join(rf"|\b{re.escape(w)}\b" for w in sep_words) + r")\s*"
    key = data.get("key_title")
    kwhere = f"{label}:{section_line(text, 'key_title') or '?'}: [key_title]"
    if not isinstance(key, dict):
        raise KnowledgeError(f"{label}: missing [key_title] table")
    only_keys(key, {"qualifiers", "nouns", "examples", "not_examples"}, kwhere)
    qualifiers = compile_phrases(str_list(key, "qualifiers", kwhere, required=True), kwhere).pattern
    nouns = "|".join(re.escape(n) for n in str_list(key, "nouns", kwhere, required=True))
    key_title = re.compile(rf"^(?:{qualifiers}\s+)*(?:{nouns})s?(?:\s+to\s+\w+)?\s*:?$", re.I)
    return LegendVocab(words, letters, separator, key_title, _examples(colours, where), _examples(key, kwhere))


@cache
def legend_vocab() -> LegendVocab:
    data, label, text = load_toml("legends.toml")
    return legends_from_data(data, label, text)


@dataclass(slots=True, frozen=True)
class PlaceholderCue:
    id: str
    regex: re.Pattern[str]
    examples: Examples


def placeholders_from_data(data: dict[str, Any], label: str, text: str) -> tuple[PlaceholderCue, ...]:
    out: list[PlaceholderCue] = []
    for where, e in entries(data, "placeholder", label, text):
        only_keys(e, {"id", "regex", "examples", "not_examples"}, where)
        if not isinstance(e.get("regex"), str):
            raise KnowledgeError(f"{where}: needs a 'regex' (string)")
        try:
            regex = re.compile(e["regex"], re.I)
        except re.error as err:
            raise KnowledgeError(f"{where}: the regex does not compile: {err}") from err
        out.append(PlaceholderCue(str(e.get("id", len(out) + 1)), regex, _examples(e, where)))
    return tuple(out)


@dataclass(slots=True, frozen=True)
class TablesVocab:
    placeholders: tuple[PlaceholderCue, ...]
    kinds: tuple[TableKindCue, ...]
    report_words: PhraseCue
    target_words: PhraseCue


CELL_TESTS = ("page_numbers", "numbers", "labels", "refs_only", "times", "placeholders", "field_names")


@dataclass(slots=True, frozen=True)
class TableKindCue:
    """A kind of table that is not a plan (``tables.toml`` [[kind]])."""

    id: str
    name: str
    headings: re.Pattern[str] | None
    heading_phrases: tuple[str, ...]
    at_least: int
    required: re.Pattern[str] | None
    cells: str | None
    veto: bool
    examples: tuple[list[list[str]], ...]
    not_examples: tuple[list[list[str]], ...]


def _tables(entry: dict[str, Any], key: str, where: str) -> tuple[list[list[str]], ...]:
    value = entry.get(key, [])
    ok = isinstance(value, list) and value and all(
        isinstance(t, list) and t and all(isinstance(r, list) and all(isinstance(c, str) for c in r) for r in t) for t in value
    )
    if not ok:
        raise KnowledgeError(f"{where}: {key!r} must be a non-empty list of tables (lists of rows of strings)")
    return tuple(value)


def kinds_from_data(data: dict[str, Any], label: str, text: str) -> tuple[TableKindCue, ...]:
    out: list[TableKindCue] = []
    for where, e in entries(data, "kind", label, text):
        only_keys(e, {"id", "name", "headings", "at_least", "required", "cells", "veto", "examples", "not_examples"}, where)
        if not isinstance(e.get("id"), str) or not isinstance(e.get("name"), str):
            raise KnowledgeError(f"{where}: needs 'id' and 'name' (strings)")
        phrases = str_list(e, "headings", where)
        required = str_list(e, "required", where)
        cells = e.get("cells")
        if cells is not None and cells not in CELL_TESTS:
            raise KnowledgeError(f"{where}: unknown cells test {cells!r}; tests are {', '.join(CELL_TESTS)}")
        if not phrases and cells is None:
            raise KnowledgeError(f"{where}: needs 'headings' or 'cells'")
        at_least = e.get("at_least", 1)
        if not isinstance(at_least, int) or at_least < 1:
            raise KnowledgeError(f"{where}: 'at_least' must be a whole number of 1 or more")
        out.append(TableKindCue(
            id=e["id"],
            name=e["name"],
            headings=compile_phrases(phrases, where) if phrases else None,
            heading_phrases=phrases,
            at_least=at_least,
            required=compile_phrases(required, where) if required else None,
            cells=cells,
            veto=bool(e.get("veto", False)),
            examples=_tables(e, "examples", where),
            not_examples=_tables(e, "not_examples", where),
        ))
    return tuple(out)


def tables_from_data(data: dict[str, Any], label: str, text: str) -> TablesVocab:
    _known_sections(data, {"placeholder", "kind", "report_words", "target_words"}, label)
    return TablesVocab(
        placeholders_from_data(data, label, text),
        kinds_from_data(data, label, text),
        phrase_section(data, "report_words", label, text),
        phrase_section(data, "target_words", label, text),
    )


@cache
def tables_vocab() -> TablesVocab:
    data, label, text = load_toml("tables.toml")
    return tables_from_data(data, label, text)


def placeholder(text: str) -> str | None:
    """The id of the placeholder cue a cell's whole text is ("[Item]" -> "bracketed"), else None."""
    flat = " ".join(text.split()).strip(" .")
    if not flat or len(flat) > 80:
        return None
    for cue in tables_vocab().placeholders:
        if cue.regex.search(flat):
            return cue.id
    return None
