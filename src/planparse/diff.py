"""Compare two editions of a plan: actions added, removed, and changed field by field.

Actions are matched by content id first (see :mod:`planparse.extract.ids`: the id does not
depend on position, progress or status, so an unchanged action keeps it). Actions left over
are then paired by reference within the same plan when their texts are alike, and last by
text similarity alone, so an action whose wording was edited is reported as *changed*
(its ``action`` field) rather than as one removed and one added.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .extract.ids import normalise_action_text
from .models import ActionRecord, ParseResult

MatchedBy = Literal["id", "ref", "text"]

REF_SIMILARITY = 0.5
"""Least text similarity (0-1) for two leftover actions with the same reference to pair."""
TEXT_SIMILARITY = 0.8
"""Least text similarity (0-1) for two leftover actions without a common reference to pair."""

COMPARED_FIELDS = (
    "action", "ref", "section", "objective", "owner_text", "deadline", "status",
    "progress", "evidence", "milestones",
)
"""Fields compared between matched actions, in the order changes are reported."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldChange(_Model):
    """One field of one action that differs between the editions."""

    field: str = Field(description="The record field (status, deadline, owner_text, progress, ...).")
    old: Any = Field(default=None, description="The old value, as in the JSON output.")
    new: Any = Field(default=None, description="The new value, as in the JSON output.")
    note: str | None = Field(
        default=None,
        description="What the change means: 'deadline slipped', 'deadline brought forward', "
        "'status green -> amber', 'owner changed', 'progress updated'.",
    )


class ActionChange(_Model):
    """An action present in both editions whose fields differ."""

    old_id: str = Field(description="The action's id in the old edition.")
    new_id: str = Field(description="The action's id in the new edition.")
    ref: str | None = Field(default=None, description="Reference in the new edition.")
    action: str = Field(description="Action text in the new edition.")
    matched_by: MatchedBy = Field(description="How the two were paired: same id, same reference, similar text.")
    changes: list[FieldChange] = Field(description="The fields that differ.")


class DiffResult(_Model):
    """What changed between two editions of a plan."""

    added: list[ActionRecord] = Field(default_factory=list, description="Actions only in the new edition.")
    removed: list[ActionRecord] = Field(default_factory=list, description="Actions only in the old edition.")
    changed: list[ActionChange] = Field(default_factory=list, description="Matched actions whose fields differ.")
    unchanged: list[str] = Field(default_factory=list, description="Ids (new edition) of matched, unchanged actions.")

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    def summary(self) -> str:
        """A short human-readable account, one line per change."""
        lines = [
            f"{len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.changed)} changed, {len(self.unchanged)} unchanged"
        ]
        for a in self.added:
            lines.append(f"+ {a.id}  {_short(a.action)}")
        for a in self.removed:
            lines.append(f"- {a.id}  {_short(a.action)}")
        for c in self.changed:
            how = "" if c.matched_by == "id" else f" (was {c.old_id}, matched by {c.matched_by})"
            lines.append(f"~ {c.new_id}{how}  {_short(c.action)}")
            for f in c.changes:
                lines.append(f"    {f.field}: {f.note or 'changed'}")
        return "\n".join(lines)


def _short(text: str, n: int = 70) -> str:
    one = " ".join(text.split())
    return one if len(one) <= n else one[: n - 1] + "…"


def _actions(result: ParseResult | Mapping[str, Any] | list[Any]) -> list[ActionRecord]:
    if isinstance(result, ParseResult):
        return list(result.actions)
    if isinstance(result, Mapping):
        return [ActionRecord.model_validate(a) for a in result.get("actions", [])]
    return [a if isinstance(a, ActionRecord) else ActionRecord.model_validate(a) for a in result]


def _similarity(a: ActionRecord, b: ActionRecord) -> float:
    return SequenceMatcher(None, normalise_action_text(a.action), normalise_action_text(b.action)).ratio()


def _value(record: ActionRecord, name: str) -> Any:
    value = getattr(record, name)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    return value


def _note(name: str, old: Any, new: Any) -> str:
    if name == "deadline":
        od, nd = (old or {}).get("date"), (new or {}).get("date")
        if od and nd and nd > od:
            return f"deadline slipped {od} -> {nd}"
        if od and nd and nd < od:
            return f"deadline brought forward {od} -> {nd}"
        return f"deadline {(old or {}).get('text')!r} -> {(new or {}).get('text')!r}"
    if name == "status":
        orag, nrag = (old or {}).get("rag"), (new or {}).get("rag")
        ostate, nstate = (old or {}).get("state"), (new or {}).get("state")
        if (orag, ostate) != (nrag, nstate):
            return f"status {orag or ostate or 'none'} -> {nrag or nstate or 'none'}"
        return "status wording changed"
    if name == "owner_text":
        return "owner changed"
    if name == "progress":
        return "progress updated" if old else "progress added"
    if name == "action":
        return "action reworded"
    return f"{name} changed"


def compare_actions(old: ActionRecord, new: ActionRecord) -> list[FieldChange]:
    """The fields that differ between two versions of one action."""
    changes = []
    for name in COMPARED_FIELDS:
        a, b = _value(old, name), _value(new, name)
        if name == "status" and a and b:
            # the fill colour's exact shade is not a change a reader cares about
            a = {k: v for k, v in a.items() if k != "fill"}
            b = {k: v for k, v in b.items() if k != "fill"}
        if a != b:
            changes.append(FieldChange(field=name, old=a, new=b, note=_note(name, a, b)))
    return changes


def diff(
    old: ParseResult | Mapping[str, Any] | list[Any], new: ParseResult | Mapping[str, Any] | list[Any]
) -> DiffResult:
    """What changed from ``old`` to ``new`` (each a :class:`ParseResult`, its JSON as a dict,
    or a list of action records)."""
    olds, news = _actions(old), _actions(new)
    pairs: list[tuple[ActionRecord, ActionRecord, MatchedBy]] = []
    by_id = {a.id: a for a in olds}
    left_new: list[ActionRecord] = []
    for n in news:
        o = by_id.pop(n.id, None)
        if o is not None:
            pairs.append((o, n, "id"))
        else:
            left_new.append(n)
    left_old = [a for a in olds if a.id in by_id]

    def pair_up(rule: MatchedBy) -> None:
        for n in list(left_new):
            best: tuple[float, ActionRecord] | None = None
            for o in left_old:
                if rule == "ref" and not (n.ref and o.ref == n.ref and o.plan == n.plan):
                    continue
                score = _similarity(o, n)
                if score >= (REF_SIMILARITY if rule == "ref" else TEXT_SIMILARITY) and (
                    best is None or score > best[0]
                ):
                    best = (score, o)
            if best is not None:
                pairs.append((best[1], n, rule))
                left_old.remove(best[1])
                left_new.remove(n)

    pair_up("ref")
    pair_up("text")

    result = DiffResult(added=left_new, removed=left_old)
    order = {a.id: i for i, a in enumerate(news)}
    for o, n, how in sorted(pairs, key=lambda p: order[p[1].id]):
        changes = compare_actions(o, n)
        if changes or how != "id":
            result.changed.append(
                ActionChange(old_id=o.id, new_id=n.id, ref=n.ref, action=n.action, matched_by=how, changes=changes)
            )
        else:
            result.unchanged.append(n.id)
    return result


def load_result(text: str) -> dict[str, Any]:
    """A planparse JSON output read back (for ``planparse diff`` on saved results)."""
    data = json.loads(text)
    if not isinstance(data, dict) or "actions" not in data:
        raise ValueError("not a planparse result (no 'actions')")
    return data
