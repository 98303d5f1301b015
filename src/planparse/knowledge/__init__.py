"""What planparse knows about how plans are written, kept as data files beside this module.

Each ``*.toml`` file here is vocabulary a person who knows the domain can extend without
reading code: column cues (``columns.toml``), status phrases (``status.toml``, checked by
``tests/test_status.py``), what tables that are not plans look like (``tables.toml``). Every entry carries examples it must match and examples it must not;
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

__all__ = ["KnowledgeError", "entry_lines", "load_toml"]


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
