"""Raw records to validated :class:`~planparse.models.ActionRecord` objects.

This is where printed text becomes data: deadlines become dates, owner cells become
people, roles and bodies, status words and fills become a colour and a state read
through the document's legend. The printed text stays beside every value.
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import (
    ActionRecord,
    Deadline,
    Legends,
    Milestone,
    Owner,
    ParseWarning,
    Provenance,
    Status,
)
from ..normalise.dates import DateContext, parse_deadline
from ..normalise.status import place_status_and_progress, read_status
from ..normalise.text import tidy
from .ids import IdAllocator
from .tables import RawRecord

OwnerSplitter = Callable[[str], list[Owner]]


def _deadline(
    text: str | None, warnings: list[ParseWarning], action_id: str, page: int | None, dates: DateContext | None = None
) -> Deadline | None:
    if not text:
        return None
    result = parse_deadline(text, dates)
    for code, message in result.warnings:
        warnings.append(ParseWarning(code=code, message=message, page=page, action=action_id))
    return result.deadline


def _status(
    text: str | None, fill: str | None, legends: Legends, warnings: list[ParseWarning], action_id: str, page: int | None
) -> Status | None:
    reading = read_status(text, fill, legends.rag)
    for code, message in reading.warnings:
        warnings.append(ParseWarning(code=code, message=message, page=page, action=action_id))
    return reading.status


def build_records(
    raws: list[RawRecord],
    plan_ids: list[str],
    legends: Legends,
    split_owners: OwnerSplitter | None,
    dates: DateContext | None = None,
) -> tuple[list[ActionRecord], list[ParseWarning]]:
    """Normalise raw records; returns the records and the warnings they raised. ``dates`` is
    what the document says about its dates (order, year: normalise/dates.py)."""
    out: list[ActionRecord] = []
    warnings: list[ParseWarning] = []
    # An owner cell merged over many rows comes as the same text for each: tidied and split
    # once (issue 14). Keyed on the text; equal strings from one merged cell are one object.
    owners_of: dict[str, tuple[str | None, list[Owner]]] = {}
    ids = IdAllocator()
    for raw, plan_id in zip(raws, plan_ids, strict=True):
        action_id = ids.allocate(plan_id, raw.ref, tidy(raw.action))
        page = raw.pages[0] if raw.pages else None
        for code, message in raw.notes:
            warnings.append(ParseWarning(code=code, message=message, page=page, action=action_id))
        milestones = [
            Milestone(
                text=tidy(m.text),
                deadline=_deadline(m.deadline_text, warnings, action_id, page, dates),
                status=_status(m.status_text, m.status_fill, legends, warnings, action_id, page),
                progress=tidy(m.progress) or None,
            )
            for m in raw.milestones
        ]
        raw_owner = raw.owner_text or ""
        if raw_owner not in owners_of:
            text = tidy(raw_owner) or None
            owners_of[raw_owner] = (text, split_owners(text) if (split_owners and text) else [])
        owner_text, owners = owners_of[raw_owner]
        # "Completed. See attached note.": the status word and the commentary after it (normalise/status.py)
        status_text, progress, _ = place_status_and_progress(
            raw.status_text, raw.progress, status_column="status" in raw.columns
        )
        out.append(
            ActionRecord(
                id=action_id,
                plan=plan_id,
                ref=raw.ref,
                section=raw.section,
                objective=tidy(raw.objective) or None,
                action=tidy(raw.action),
                owners=[o.model_copy() for o in owners],
                owner_text=owner_text,
                deadline=_deadline(tidy(raw.deadline_text), warnings, action_id, page, dates),
                status=_status(status_text, raw.status_fill, legends, warnings, action_id, page),
                progress=tidy(progress) or None,
                evidence=tidy(raw.evidence) or None,
                milestones=milestones,
                fields={k: tidy(v) for k, v in raw.fields.items()},
                provenance=Provenance(table=raw.table, pages=sorted(raw.pages), rows=raw.rows),
            )
        )
    return out, warnings
