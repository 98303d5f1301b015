"""What planparse knows about how plans are written, kept as data files beside this module.

Each ``*.toml`` file here is vocabulary a person who knows the domain can extend without
reading code: column cues (``columns.toml``), status phrases (``status.toml``, checked by
``tests/test_status.py``), document kinds and plan titles (``documents.toml``), legend
titles and colour words (``legends.toml``), what tables that are not plans look like and
template placeholders (``tables.toml``), where a document comes from for reading its
numeric dates (``dates.toml``, checked by ``tests/test_deadlines.py``). Every entry carries examples it must match and
examples it must not;
``tests/test_knowledge.py`` turns each example into a case. Files are validated when
loaded: a wrong entry raises :class:`KnowledgeError` naming the file and line.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "KnowledgeError",
    "compile_phrases",
    "entries",
    "entry_lines",
    "load_toml",
    "only_keys",
    "phrase_regex",
    "section_line",
    "str_list",
]


class KnowledgeError(ValueError):
    """A knowledge file (built in or the user's) is not valid; the message names the line."""


def load_toml(source: str | Path, *, text: str | None = None) -> tuple[dict[str, Any], str, str]:
    """Parse a knowledge file: (data, label for messages, raw text).

    ``source`` is the name of a built-in file ("columns.toml") or a path.
    """
    if text is None:
        if isinstance(source, Path) or "/" in str(source) or "\\" in str(source):
            path = Path(source)
            label = str(path)
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError as err:
                raise KnowledgeError(f"{label}: no such file") from err
            except (OSError, UnicodeDecodeError) as err:
                raise KnowledgeError(f"{label}: cannot be read ({err})") from err
        else:
            label = str(source)
            text = _builtin_text(label)
    else:
        label = str(source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise KnowledgeError(f"{label}: not valid TOML: {err}") from err
    return data, label, text


@cache
def _builtin_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def entry_lines(text: str, table: str) -> list[int]:
    """1-based line of each ``[[table]]`` header in order, so messages can name the line."""
    pattern = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(table)}[ \t]*\]\]", re.M)
    return [text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)]


_SEPARATOR = r"[\s\-–—]+"


def phrase_regex(phrase: str) -> str:
    """A phrase as written in a knowledge file, as a regular expression (no groups).

    Words match whole and in any case; a space or hyphen between words matches any run of
    spaces and dashes ("post inspection" finds "Post-Inspection"); ``(s)`` after a word
    makes the plural optional ("action plan(s)"); ``*`` at the end of a word lets it run on
    ("recommend*" finds "recommendations").
    """
    words = [w for w in re.split(r"[\s\-–—]+", phrase.strip()) if w]
    parts = []
    for w in words:
        tail = ""
        if w.endswith("(s)"):
            w, tail = w[:-3], "s?"
        elif w.endswith("*") and len(w) > 1:
            w, tail = w[:-1], r"[a-z0-9]*"
        parts.append(re.escape(w) + tail)
    body = _SEPARATOR.join(parts)
    # A word stands whole; a symbol ("%") needs no boundary.
    before = r"(?<![a-z0-9])" if words and words[0][:1].isalnum() else ""
    after = r"(?![a-z0-9])" if words and (words[-1].rstrip("*")[-1:].isalnum() or words[-1].endswith(")")) else ""
    return before + body + after


def compile_phrases(phrases: list[str] | tuple[str, ...], where: str) -> re.Pattern[str]:
    """Several phrases as one case-insensitive pattern (see :func:`phrase_regex`)."""
    if not phrases:
        raise KnowledgeError(f"{where}: the list of phrases is empty")
    bad = [p for p in phrases if not isinstance(p, str) or not p.strip()]
    if bad:
        raise KnowledgeError(f"{where}: phrases must be non-empty strings")
    alternatives = sorted({phrase_regex(p) for p in phrases}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(alternatives) + ")", re.I)


def str_list(entry: dict[str, Any], key: str, where: str, *, required: bool = False) -> tuple[str, ...]:
    """``entry[key]`` as a tuple of strings; an error naming ``where`` otherwise."""
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: {key!r} must be a list of strings")
    if required and not value:
        raise KnowledgeError(f"{where}: {key!r} is missing or empty")
    return tuple(value)


def only_keys(entry: dict[str, Any], allowed: set[str], where: str) -> None:
    """An error naming ``where`` for any key not in ``allowed`` (a misspelt key is no silent no-op)."""
    extra = sorted(set(entry) - allowed)
    if extra:
        raise KnowledgeError(f"{where}: unknown key(s) {', '.join(extra)}; allowed: {', '.join(sorted(allowed))}")


def entries(data: dict[str, Any], key: str, label: str, text: str) -> list[tuple[str, dict[str, Any]]]:
    """The ``[[key]]`` tables of a file, each with a ``label:line`` to name it by."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise KnowledgeError(f"{label}: '{key}' must be written as [[{key}]] tables")
    lines = entry_lines(text, key)
    return [(f"{label}:{lines[k] if k < len(lines) else '?'}: {key} {e.get('id', k + 1)!r}", e) for k, e in enumerate(value)]


def section_line(text: str, name: str) -> int | None:
    """1-based line of a ``[name]`` table header, for messages."""
    m = re.search(rf"^[ \t]*\[[ \t]*{re.escape(name)}[ \t]*\][ \t]*(#.*)?$", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None
