"""Loading the slow parts once, safely from many threads.

planparse imports its heavy libraries only when a document needs them (pdfplumber for a
PDF, spaCy and the owner model for owner cells, dateparser for a date the rules cannot
read), so ``planparse parse`` on a small Word file starts fast. Several threads making
their first ``parse()`` call at once would otherwise run those imports side by side, and
spaCy's import of its own modules then fails with ``_DeadlockError`` or a "partially
initialized module" ``ImportError``. Every first load goes through :func:`once`, under one
lock; after it has run, the check is a set lookup without the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .models import Owner

T = TypeVar("T")

LOCK = threading.RLock()
"""Held while a slow part loads; re-entrant, as one load may need another."""
_DONE: dict[str, object] = {}


def once(name: str, load: Callable[[], T]) -> T:
    """Run ``load`` the first time ``name`` is asked for (under the lock); return its value."""
    if name in _DONE:
        return _DONE[name]  # type: ignore[return-value]
    with LOCK:
        if name not in _DONE:
            _DONE[name] = load()
        return _DONE[name]  # type: ignore[return-value]


def owner_splitter() -> Callable[[str], list[Owner]]:
    """:func:`planparse.normalise.owners.split_owners`, with spaCy and the model loaded."""

    def load() -> Callable[[str], list[Owner]]:
        from .normalise.owners import load_pipeline, split_owners

        load_pipeline()
        return split_owners

    return once("owners", load)


def reader(fmt: str) -> None:
    """Import the reader of ``fmt`` ('pdf', 'docx') and its library."""

    def load() -> None:
        if fmt == "pdf":
            from .readers import pdf  # noqa: F401
        else:
            from .readers import docx  # noqa: F401

    once(f"reader:{fmt}", load)
