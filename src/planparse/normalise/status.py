"""RAG status: colour words and cell fills to a colour, words and legends to a state.

The state a colour stands for is the document's own business: Green is "Complete" in one
plan and "On track" in another, so a legend printed in the document decides; the defaults
below apply only when there is none.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

from ..models import Rag, State, Status
from .text import examined, one_line

RAGS: tuple[Rag, ...] = ("red", "amber", "yellow", "green", "blue")

DEFAULT_STATES: dict[str, State] = {
    "red": "off_track",
    "amber": "at_risk",
    "yellow": "on_track",
    "green": "on_track",
    "blue": "complete",
}

# Colour words and the letters of RAG/BRAG ratings. Order matters: "red/amber" reads amber
# is not guessed - the first colour named wins.
_COLOUR_WORDS: dict[str, Rag] = {
    "red": "red",
    "r": "red",
    "amber": "amber",
    "a": "amber",
    "orange": "amber",
    "yellow": "yellow",
    "y": "yellow",
    "green": "green",
    "g": "green",
    "blue": "blue",
    "b": "blue",
}
_COLOUR_RE = re.compile(r"\b(red|amber|orange|yellow|green|blue)\b", re.I)

# Word patterns -> state, tried in order: negatives and qualified forms before plain ones.
_STATE_PATTERNS: list[tuple[re.Pattern[str], State]] = [
    (re.compile(r"\bnot\s+(yet\s+)?(started|commenced|begun|due)\b|\byet to start\b|\bnot\s+due\s+yet\b", re.I), "not_started"),
    (re.compile(r"\b(off[\s-]*track|not\s+on\s+track|(at\s+)?(serious|significant|high)\s+risk|delayed|behind( schedule)?|significant(ly)? slippage|significantly delayed)\b", re.I), "off_track"),
    (re.compile(r"\boverdue\b|\bpast (its )?due\b|\bmissed\b", re.I), "overdue"),
    (re.compile(r"\b(at[\s-]+risk|some\s+risk|risk\s+to\s+(the\s+)?(target|deadline|delivery|completion)|some\s+slippage|slippage|slipped|minor delay|concerns?)\b", re.I), "at_risk"),
    (re.compile(r"\b(withdrawn|no\s+longer\s+(required|needed|applicable)|not\s+applicable|n/a|superseded|cancelled|canceled|closed\s*-\s*not required)\b", re.I), "not_applicable"),
    (re.compile(r"\bnot\s+met\b", re.I), "off_track"),
    (re.compile(r"\bnot\s+(yet\s+)?(implemented|actioned|achieved)\b", re.I), "not_started"),
    (re.compile(r"\b(not\s+complete|incomplete|partially\s+(met|complete[d]?|implemented|achieved))\b", re.I), "on_track"),
    (re.compile(r"\b(complete[d]?|implemented|done|achieved|finished|embedded|closed|fully met|met)\b", re.I), "complete"),
    (re.compile(r"\b(on[\s-]*track|on[\s-]*schedule|on[\s-]*target|in[\s-]*progress|ongoing|on-going|progressing|underway|under way|started|open)\b", re.I), "on_track"),
]
_PERCENT = re.compile(r"(\d{1,3})\s*%")


def state_from_words(text: str | None) -> State | None:
    """The state a status word or phrase names, or None: "In progress - off track" -> off_track."""
    if not text:
        return None
    flat = one_line(text)
    for pattern, state in _STATE_PATTERNS:
        if pattern.search(flat):
            return state
    m = _PERCENT.search(flat)
    if m:
        done = int(m.group(1))
        return "complete" if done >= 100 else "not_started" if done == 0 else "on_track"
    return None


def rag_from_words(text: str | None) -> Rag | None:
    """The colour a status cell names: "Green", "AMBER", "G", "Red/Amber" (first wins)."""
    if not text:
        return None
    flat = one_line(text).strip().lower()
    if flat.rstrip(".") in _COLOUR_WORDS:
        return _COLOUR_WORDS[flat.rstrip(".")]
    m = _COLOUR_RE.search(flat)
    if m and len(flat) <= 40:
        return _COLOUR_WORDS[m.group(1).lower()]
    return None


def rag_from_fill(fill: str | None) -> Rag | None:
    """The RAG colour nearest a fill ``#RRGGBB``, or None for white, grey, black and others."""
    if not fill or not re.fullmatch(r"#?[0-9A-Fa-f]{6}", fill):
        return None
    hexv = fill.lstrip("#")
    r, g, b = (int(hexv[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    if s < 0.15 or v < 0.35:
        return None
    hue = h * 360
    if hue < 18 or hue >= 330:
        return "red"
    if hue < 50:
        return "amber"
    if hue < 70:
        return "yellow"
    if hue < 170:
        return "green"
    if 180 <= hue < 260:
        return "blue"
    return None


@dataclass(slots=True)
class StatusReading:
    status: Status | None
    warnings: list[tuple[str, str]]


def read_status(
    text: str | None, fill: str | None, legend: dict[str, str] | None = None
) -> StatusReading:
    """Status from a status cell's words and fill, interpreted through the document's legend.

    The word wins over the fill; a disagreement is returned as a warning.
    """
    legend = legend or {}
    words = one_line(text) or None
    full_words = words
    if words is not None:
        words = examined(words)
    warnings: list[tuple[str, str]] = []
    fill_rag = rag_from_fill(fill)
    word_rag = rag_from_words(words)
    source = "text"
    rag: Rag | None = word_rag
    state: State | None = None
    meaning: str | None = None

    if words is None and fill_rag is None:
        return StatusReading(None, [])
    if words is None:
        rag, source = fill_rag, "fill"
    elif word_rag is None:
        state = state_from_words(words)
        legend_rag = _legend_colour_for(words, legend)
        if legend_rag is not None:
            rag, source = legend_rag, "legend"
        else:
            rag = fill_rag
        if state is None and rag is None:
            # Words that say nothing we know (e.g. a note): keep them, no rag or state.
            return StatusReading(Status(text=full_words, source="text", fill=fill), [])
    if word_rag is not None and fill_rag is not None and word_rag != fill_rag:
        warnings.append(
            ("status_fill_mismatch", f"status word {words!r} disagrees with the cell's {fill_rag} fill; the word wins")
        )
    if rag is not None and rag in legend:
        meaning = legend[rag]
        state = legend_state(rag, legend) or state
    if state is None and rag is not None:
        state = DEFAULT_STATES[rag]
    return StatusReading(
        Status(text=full_words, rag=rag, state=state, meaning=meaning, source=source, fill=fill),  # type: ignore[arg-type]
        warnings,
    )


def legend_state(colour: str, legend: dict[str, str]) -> State | None:
    """The state a legend's meaning for ``colour`` names.

    A key ranks amber (and yellow) below red, so when both read as off track ("Behind
    target, recovery plan agreed" / "Behind target, escalated"), amber is at risk.
    """
    state = state_from_words(legend.get(colour))
    if (
        colour in ("amber", "yellow")
        and state in ("off_track", "overdue")
        and "red" in legend
        and state_from_words(legend["red"]) == state
    ):
        return "at_risk"
    return state


def _legend_colour_for(words: str, legend: dict[str, str]) -> Rag | None:
    flat = words.strip().lower().rstrip(".")
    for colour, meaning in legend.items():
        if meaning.strip().lower().rstrip(".") == flat:
            return colour  # type: ignore[return-value]
    return None
