"""Content ids for actions: the same action keeps its id from one edition of a plan to the next.

An action's id is built from what the action *is*, never from where it sits::

    p<plan number>[-<ref>]-<8 hex digits of SHA-1 of the normalised action text>

e.g. ``p1-2.3-5f0c9a1e`` (plan-1, reference "2.3") or ``p2-0b77d4c2`` (no reference).
The text is normalised before hashing — lower case, every run of characters that is not a
letter or digit becomes one space, leading list numbers already removed by extraction — so
re-wrapped lines, changed punctuation or case do not change the id. Progress, status,
owner and deadline are not part of it, so a revised edition (rows added above, progress
rewritten, status changed) gives the unchanged action the same id.

Collision rule: when two actions in one document would get the same id (the same text
under the same reference in the same plan), the second gets ``-2``, the third ``-3`` and so
on, in document order, so no two actions in one document share an id.
"""

from __future__ import annotations

import hashlib
import re

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_REF_SAFE = re.compile(r"[^0-9A-Za-z.]+")


def normalise_action_text(text: str) -> str:
    """The action text as the id sees it: lower case, words and digits separated by one space."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def base_id(plan: str | None, ref: str | None, action: str) -> str:
    """The id before the collision rule: plan number, reference, hash of the normalised text."""
    plan_no = (plan or "").removeprefix("plan-") or "0"
    digest = hashlib.sha1(normalise_action_text(action).encode("utf-8")).hexdigest()[:8]
    parts = [f"p{plan_no}"]
    if ref:
        safe = _REF_SAFE.sub("_", ref).strip("_")
        if safe:
            parts.append(safe)
    parts.append(digest)
    return "-".join(parts)


class IdAllocator:
    """Hands out content ids for one document, applying the collision rule."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def allocate(self, plan: str | None, ref: str | None, action: str) -> str:
        base = base_id(plan, ref, action)
        n = self._seen.get(base, 0) + 1
        self._seen[base] = n
        return base if n == 1 else f"{base}-{n}"
