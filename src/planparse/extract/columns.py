"""Column headings to record fields, whatever the words.

Plans name the same column a hundred ways ("Owner", "Lead officer", "Who", "Responsible
officer"); :func:`field_for_heading` maps a heading to the record field it feeds, or None
when the column has no field of its own (it still lands in ``fields``).
"""

from __future__ import annotations

import re
from typing import Literal

from ..normalise.text import one_line

Field = Literal["ref", "objective", "action", "owner", "deadline", "status", "progress", "evidence", "milestones"]

# Tried in order; the first rule whose pattern matches the normalised heading wins.
# Order matters: "RAG status-progress" is a status, "Outcomes / Impact" is evidence,
# "Milestones/Timescales" is a deadline, "Performance Measures and Milestones" is not.
_RULES: list[tuple[str, Field]] = [
    (r"^(ref|ref no|reference|no|number|item|item no|rec no|rec ref|action no|action ref|#|id)$", "ref"),
    (r"\b(b?rag)\b|\brag\s*status|^status\b|\bstatus$|^rating$|^current status|^overall status|^progress rating|^% ?(complete|completed|achieved)$|^percent(age)? complete", "status"),
    (r"\band outcomes?$|\boutcomes?\s*/\s*impact|^impact\b|\bimpact of\b|^evidence\b|\bevidence\b|^success (criteria|measures)|^outcomes? achieved", "evidence"),
    (r"performance measures|key performance|^measures?\b|^kpi", "_skip"),  # type: ignore[list-item]
    # A start date is not the deadline ("Timescale: Start | Complete by").
    (r"^(start|start date|date started|started|begin|from|date raised|date opened|date identified)$", "_skip"),  # type: ignore[list-item]
    (r"\b(complete|completed|completion|finish|end)\s+(by|date)\b|^delivery( date| by)?$|^deliver by|^year of delivery|review date|date (of|for) review|^next review", "deadline"),
    (r"deadline|due date|target date|timescale|time scale|by when|^when\b|implementation date|completion date|date due|^target$|^due$|^date\b|^by$|target completion|^timeline|^milestones?\s*/\s*timescales?", "deadline"),
    # "Key milestones achieved in enacting recommendation" (the Home Office DHR template) is
    # what has been done: progress.
    (r"\bmilestones?\s+achieved|\bachieved (to date|so far)|^achievements?\b", "progress"),
    (r"^milestones?$|^key milestones", "milestones"),
    (r"\b(owner|owners|lead|leads|lead officer|lead agency|lead group|lead partner|responsible|responsibility|accountable|who|executive lead|operational lead|by whom|officer)\b", "owner"),
    (r"progress|current position|\bupdates?\b|^comments?$|commentary|position statement|^position$|^latest", "progress"),
    (r"^(outcome|outcomes|desired outcome|desired outcomes|expected outcome|objective|objectives|strategic objective|aim|aims|goal|learning|learning point|improvement point|area for improvement|areas for improvement|finding|findings|issue|issues|must do|should do|theme|priority|priorities|key priority|what we want to achieve)\b|learning or improvement|learning/improvement|\brequirements?$|^(must|should)\s*(/|or)\s*(should|must)|^(function|functions|area of work|workstream|work stream|description|risk|issue|risk description|issue description|risk or issue|risk\s*/\s*issue)$", "objective"),
    # Headings written as questions: "What CQC told us" / "What we found" is what the actions
    # answer; "How will we know" is the evidence ("What we will do" stays the action).
    (r"^how (will|would|do|can) (we|you) know|^how we will know|^how will (we|you) (measure|evidence)|^measures? of success", "evidence"),
    (r"^what\b.*\b(told us|found|said|saw|identified|inspectors?|needs? to (improve|change)|is the (issue|problem|concern)|are we trying to|the issue)\b|^why\b", "objective"),
    # "Regulator's finding", "Peer review recommendation", "Inspection requirement": what the
    # actions answer. A recommendation column is the action unless an Action column exists
    # (then :func:`planparse.extract.tables.find_header` makes it the objective).
    (r"^[a-z0-9'’ ]{0,30}\b(findings?|areas? for (improvement|development)|causes? (of|for) concern|concerns?|weakness(es)?|requirements?)$", "objective"),
    (r"^[a-z0-9'’ ]{0,30}\brecommendations?$", "action"),
    (r"^(activity|activities|action|actions|key action|key actions|recommendation|recommendations|task|tasks|what|what we will do|what we are going to do|action required|actions required|action to be taken|actions to be taken|agreed action|planned action|what will we do|how)\b|\bactions?\s*(required|planned|agreed)\b|^[a-z ]{0,30}\bactions?$", "action"),
]
_COMPILED = [(re.compile(p, re.I), f) for p, f in _RULES]


def normalise_heading(text: str) -> str:
    flat = one_line(text).lower().replace("’", "'").rstrip(":.").strip()
    flat = re.sub(r"\s+", " ", flat)
    return flat


def heading_rule(text: str) -> Field | Literal["_skip"] | None:
    """Like :func:`field_for_heading`, but "_skip" for a heading known to feed no field."""
    flat = normalise_heading(text)
    if not flat or len(flat) > 80:
        return None
    for pattern, field in _COMPILED:
        if pattern.search(flat):
            return field
    return None


def field_for_heading(text: str) -> Field | None:
    """The record field a column heading feeds: "Lead officer" -> "owner"; None if none."""
    rule = heading_rule(text)
    return None if rule == "_skip" else rule


_RATING_WORDS = re.compile(r"^(high|medium|med|low|h|m|l|critical|major|minor|significant|moderate|p?[1-4]|priority [1-4]|essential|desirable)\.?$", re.I)


def is_rating_column(values: list[str]) -> bool:
    """True when a column's cells are ratings (High/Medium/Low, 1-3), not priorities in words."""
    filled = [one_line(v) for v in values if one_line(v)]
    if not filled:
        return False
    return sum(bool(_RATING_WORDS.match(v)) for v in filled) >= 0.6 * len(filled)
