"""RAG status: colour words and cell fills to a colour, words and legends to a state.

The state a colour stands for is the document's own business: Green is "Complete" in one
plan and "On track" in another, so a legend printed in the document decides; the defaults
below apply only when there is none.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..knowledge import KnowledgeError, entry_lines, load_toml
from ..models import Rag, State, Status, StatusKind
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
_RAG_LETTER_RE = re.compile(r"^([ragyb])\s*[-–—:(]\s*\S")  # "G - on track", "A: some slippage"
_COLOUR_RE = re.compile(r"\b(red|amber|orange|yellow|green|blue)\b", re.I)

_PERCENT = re.compile(r"(\d{1,3})(?:\.\d+)?\s*%")


def state_from_words(text: str | None) -> State | None:
    """The state a status word or phrase names, or None: "In progress - off track" -> off_track.

    The whole phrase is read (:func:`read_phrase`): "Not yet complete" is on track, not complete.
    """
    if not text:
        return None
    return read_phrase(text).state


def rag_from_words(text: str | None) -> Rag | None:
    """The colour a status cell names: "Green", "AMBER", "G", "Red/Amber" (first wins)."""
    if not text:
        return None
    flat = one_line(text).strip().lower()
    if flat.rstrip(".") in _COLOUR_WORDS:
        return _COLOUR_WORDS[flat.rstrip(".")]
    m = _RAG_LETTER_RE.match(flat)
    if m:
        return _COLOUR_WORDS[m.group(1)]
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
    phrase: PhraseReading | None = None


def read_status(
    text: str | None, fill: str | None, legend: dict[str, str] | None = None
) -> StatusReading:
    """Status from a status cell's words and fill, interpreted through the document's legend.

    The words are read as a whole phrase (:func:`read_phrase`). A state the words name wins
    over the colour's; a colour word wins over the fill, and a disagreement is a warning.
    Words that say nothing planparse knows keep their text with no state and a
    ``status_unknown`` warning.
    """
    legend = legend or {}
    words = one_line(text) or None
    full_words = words
    if words is not None:
        words = examined(words)
    warnings: list[tuple[str, str]] = []
    fill_rag = rag_from_fill(fill)
    word_rag = rag_from_words(words)
    phrase = read_phrase(text) if (text and words) else None
    source = "text"
    rag: Rag | None = word_rag
    state: State | None = phrase.state if phrase else None
    if phrase and phrase.from_percent and word_rag is not None and phrase.state != "complete":
        state = None  # "Amber 60%": the colour rates the action, the percentage is kept beside it
    meaning: str | None = None

    if words is None and fill_rag is None:
        return StatusReading(None, [])
    if words is None:
        rag, source = fill_rag, "fill"
    elif word_rag is None:
        legend_rag = _legend_colour_for(words, legend)
        if legend_rag is not None:
            rag, source = legend_rag, "legend"
        else:
            rag = fill_rag
        if state is None and rag is None:
            assert phrase is not None
            if not phrase.known:
                warnings.append(("status_unknown", f"status {words!r} says nothing planparse knows; no state given"))
            return StatusReading(
                Status(text=full_words, source="text", fill=fill, kind=phrase.kind, percent=phrase.percent), warnings, phrase
            )
    if word_rag is not None and fill_rag is not None and word_rag != fill_rag:
        warnings.append(
            ("status_fill_mismatch", f"status word {words!r} disagrees with the cell's {fill_rag} fill; the word wins")
        )
    worded = state
    if rag is not None and rag in legend:
        meaning = legend[rag]
        state = legend_state(rag, legend) or state
    if worded is not None and source != "legend":
        state = worded  # "Green – complete", "Not yet complete" on a green fill: the words say it
    if state is None and rag is not None and not (phrase and phrase.kind == "acceptance"):
        state = DEFAULT_STATES[rag]
    return StatusReading(
        Status(
            text=full_words, rag=rag, state=state, meaning=meaning, source=source, fill=fill,  # type: ignore[arg-type]
            kind=phrase.kind if phrase else "lifecycle", percent=phrase.percent if phrase else None,
        ),
        warnings,
        phrase,
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


# --- Reading a status phrase as a whole -----------------------------------------------------
#
# What the words mean is data (planparse/knowledge/status.toml); this is only the reading:
# tokens, the longest known entry at each word, markers (negation, future, partial) applied
# to the cue they govern, clauses split at a contrast word, and the last clause that names
# a state giving the current position.

_STATES: tuple[str, ...] = ("not_started", "on_track", "at_risk", "off_track", "overdue", "complete", "not_applicable")
_SECTIONS = ("cue", "negation", "future", "partial", "contrast", "acceptance")
_MARKERS = ("negation", "future", "partial")
_BOUNDARY = "|"

_MONTHS = frozenset(
    ["jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"]
)
_COLOUR_TOKENS = frozenset(("red", "amber", "orange", "yellow", "green", "blue"))
_TOKEN_RE = re.compile(
    r"[a-z]/[a-z]\b"              # n/a, i/p, n/s, o/t
    r"|\d{1,3}(?:\.\d+)?\s*%"     # a percentage
    r"|[a-z0-9]+(?:'[a-z]+)?"     # a word (hasn't)
    r"|[✓✔☑√✗✘☒]"                 # ticks and crosses
    r"|[,;:()\[\]–—\-/]"           # punctuation that ends a marker's reach
)
_NOISE = re.compile(r"^(\d+(st|nd|rd|th)?|q[1-4]|fy\d*|\d+[a-z]{0,2})$")


@dataclass(slots=True, frozen=True)
class PhraseEntry:
    """One entry of ``status.toml``: a cue with its states, or a marker, contrast or acceptance word."""

    section: str
    id: str
    phrases: tuple[tuple[str, ...], ...]
    state: State | None = None
    negated: State | None = None
    partial: State | None = None
    future: State | None = None
    whole: bool = False
    scope: int = 3
    prefixes: tuple[str, ...] = ()
    examples: tuple[tuple[str, str | None], ...] = ()
    not_examples: tuple[str, ...] = ()


@dataclass(slots=True)
class Phrasebook:
    """Status knowledge, indexed: entries by first token (longest first), whole-cell phrases."""

    entries: list[PhraseEntry]
    precedence: tuple[State, ...]
    label: str = "status.toml"
    index: dict[str, list[tuple[tuple[str, ...], PhraseEntry]]] = field(default_factory=dict)
    whole: dict[str, PhraseEntry] = field(default_factory=dict)
    prefixes: tuple[str, ...] = ()
    single_cues: dict[str, PhraseEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for toks in entry.phrases:
                if entry.whole:
                    self.whole[" ".join(toks)] = entry
                    continue
                self.index.setdefault(toks[0], []).append((toks, entry))
                if entry.section == "cue" and len(toks) == 1:
                    self.single_cues.setdefault(toks[0], entry)
            self.prefixes += entry.prefixes
        for options in self.index.values():
            options.sort(key=lambda o: (-len(o[0]), o[1].section != "cue"))


@dataclass(slots=True)
class PhraseReading:
    """What a status phrase says, with the evidence for it (which entries matched, how)."""

    state: State | None
    kind: StatusKind
    known: bool
    percent: int | None
    evidence: list[str]
    from_percent: bool = False
    """The state comes from the percentage alone (a colour in the cell outranks it)."""


def tokenise(text: str) -> list[str]:
    """Lower-case tokens of a status phrase; dates, months and numbers dropped, punctuation
    kept as a boundary, a percentage as ``%NN``, a hyphen inside a word as a space."""
    flat = one_line(text).lower().replace("’", "'").replace("‘", "'")
    flat = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", flat)
    flat = re.sub(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b|\b\d{4}\s*[/\-]\s*\d{2,4}\b", " ", flat)
    out: list[str] = []
    for tok in _TOKEN_RE.findall(flat):
        if tok.endswith("%"):
            out.append("%" + tok[:-1].strip().split(".")[0])
        elif len(tok) == 1 and tok in ",;:()[]–—-/":
            if out and out[-1] != _BOUNDARY:
                out.append(_BOUNDARY)
        elif tok in _MONTHS or _NOISE.match(tok):
            continue
        else:
            out.append(tok)
    while out and out[-1] == _BOUNDARY:
        out.pop()
    while out and out[0] == _BOUNDARY:
        out.pop(0)
    return out


def _state_of(name: object, where: str, *, allow_none: bool = False) -> State | None:
    if name is None:
        return None
    if allow_none and name == "none":
        return None
    if name not in _STATES:
        raise KnowledgeError(f"{where}: unknown state {name!r}; states are {', '.join(_STATES)}")
    return name  # type: ignore[return-value]


def phrasebook_from_data(data: Mapping[str, Any], label: str, text: str) -> Phrasebook:
    """Validate a parsed status file into a :class:`Phrasebook`; errors name the file and line."""
    unknown = sorted(set(data) - {*_SECTIONS, "precedence"})
    if unknown:
        raise KnowledgeError(f"{label}: unknown section(s) {', '.join(unknown)}")
    precedence = data.get("precedence", [])
    if not isinstance(precedence, list) or sorted(precedence) != sorted(_STATES):
        raise KnowledgeError(f"{label}: 'precedence' must list every state once: {', '.join(_STATES)}")
    entries: list[PhraseEntry] = []
    allowed = {
        "cue": {"id", "state", "negated", "partial", "future", "whole", "words", "examples", "not_examples"},
        "acceptance": {"words", "examples", "not_examples"},
        "contrast": {"words", "examples", "not_examples"},
    }
    for section in _SECTIONS:
        value = data.get(section, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise KnowledgeError(f"{label}: '{section}' must be written as [[{section}]] tables")
        lines = entry_lines(text, section)
        for k, entry in enumerate(value):
            where = f"{label}:{lines[k] if k < len(lines) else '?'}: {section} {entry.get('id', k + 1)!r}"
            keys = allowed.get(section, {"words", "scope", "prefixes", "examples", "not_examples"})
            extra = sorted(set(entry) - keys)
            if extra:
                raise KnowledgeError(f"{where}: unknown key(s) {', '.join(extra)}; allowed: {', '.join(sorted(keys))}")
            words = entry.get("words")
            if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
                raise KnowledgeError(f"{where}: 'words' must be a non-empty list of strings")
            phrases = tuple(t for t in (tuple(tokenise(w)) for w in words) if t)
            if len(phrases) != len(words):
                raise KnowledgeError(f"{where}: a word reads as nothing once dates and punctuation are set aside")
            raw_examples = entry.get("examples", [])
            examples: list[tuple[str, str | None]] = []
            if section == "cue":
                if "state" not in entry:
                    raise KnowledgeError(f"{where}: a cue needs a 'state'")
                state = _state_of(entry["state"], where, allow_none=True)
                if not isinstance(raw_examples, list):
                    raise KnowledgeError(f"{where}: 'examples' must be a list of phrases")
                examples = [(str(e), state) for e in raw_examples]
            elif section == "acceptance":
                state = None
                if not isinstance(raw_examples, list):
                    raise KnowledgeError(f"{where}: 'examples' must be a list of phrases")
                examples = [(str(e), "acceptance") for e in raw_examples]
            else:
                state = None
                if not isinstance(raw_examples, dict):
                    raise KnowledgeError(f"{where}: 'examples' must be a table of \"phrase\" = \"state\"")
                examples = [(str(p), _state_of(s, f"{where}: example {p!r}", allow_none=True)) for p, s in raw_examples.items()]
            not_examples = entry.get("not_examples", [])
            if not isinstance(not_examples, list) or not all(isinstance(v, str) for v in not_examples):
                raise KnowledgeError(f"{where}: 'not_examples' must be a list of strings")
            if not examples or not not_examples:
                raise KnowledgeError(f"{where}: every entry needs 'examples' and 'not_examples'")
            scope = entry.get("scope", 3)
            if not isinstance(scope, int) or scope < 1:
                raise KnowledgeError(f"{where}: 'scope' must be a whole number of words, 1 or more")
            prefixes = entry.get("prefixes", [])
            if not isinstance(prefixes, list) or not all(isinstance(v, str) for v in prefixes):
                raise KnowledgeError(f"{where}: 'prefixes' must be a list of strings")
            entries.append(PhraseEntry(
                section=section,
                id=str(entry.get("id", f"{section}{k + 1}")),
                phrases=phrases,
                state=state,
                negated=_state_of(entry.get("negated"), where),
                partial=_state_of(entry.get("partial"), where),
                future=_state_of(entry.get("future"), where),
                whole=bool(entry.get("whole", False)),
                scope=scope,
                prefixes=tuple(p.lower() for p in prefixes),
                examples=tuple(examples),
                not_examples=tuple(not_examples),
            ))
    return Phrasebook(entries=entries, precedence=tuple(precedence), label=label)


@cache
def builtin_phrasebook() -> Phrasebook:
    """The status knowledge that ships with planparse (``knowledge/status.toml``)."""
    data, label, text = load_toml("status.toml")
    return phrasebook_from_data(data, label, text)


def _percent_state(percent: int) -> State:
    return "complete" if percent >= 100 else "not_started" if percent == 0 else "on_track"


LEAD_WORDS = 6
"""A status cell that runs on ("Commenced. As at end of October - 6 new contracts ...") is
read by its first line or sentence when that is at most this many words and names a state."""

PHRASE_WORDS = 25
"""A status cell of more than this many words is commentary, not a status phrase: only its
head is read (above); when that names nothing the cell gets no state, not a guess from
whichever stray word the prose holds ("new", "will be done")."""

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9‘'\"(])")


def _leads(text: str) -> list[str]:
    """Candidate status statements at the head of a long cell, best first: its first line or
    sentence, then the words before a capitalised word ("In hand A phased approach ...")."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines or len(" ".join(lines).split()) <= LEAD_WORDS + 2:
        return []
    out: list[str] = []
    sentences = _SENTENCE_END.split(lines[0])
    first = lines[0] if len(lines) > 1 and len(sentences) < 2 else sentences[0]
    if first != text.strip() and len(first.split()) <= LEAD_WORDS:
        out.append(first)
    words = lines[0].split()
    for k in range(min(LEAD_WORDS, len(words) - 1), 0, -1):
        if words[k][:1].isupper() and not words[k - 1].endswith(("-", "–")):
            out.append(" ".join(words[:k]))
    return out


def read_phrase(text: str, book: Phrasebook | None = None) -> PhraseReading:
    """Read a status phrase as a whole: its state, whether it is an acceptance, and why.

    "Not yet complete but on schedule" -> on_track; "Partly implemented" -> on_track;
    "Complete – March 2016" -> complete; "Accepted in principle" -> kind acceptance, no state.
    A cell whose short first line or sentence names a state, followed by commentary, is read
    by that line ("Commenced. As at end of October - 6 new ICT contracts ..." -> on_track):
    the commentary's words ("new", "late") are not the status.
    """
    book = book or builtin_phrasebook()
    for head in _leads(text):
        reading = _read_phrase(head, book)
        if reading.state is not None or reading.kind == "acceptance":
            reading.evidence.insert(0, f"read by its head {head!r}; the rest is commentary")
            return reading
    if len(text.split()) > PHRASE_WORDS:
        return PhraseReading(None, "lifecycle", False, None, [f"more than {PHRASE_WORDS} words and no status at its head"])
    if _is_account(text):
        return PhraseReading(None, "lifecycle", False, None, ["several sentences and no status at their head: an account, not a status"])
    return _read_phrase(text, book)


def _sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in _SENTENCE_END.split(flat) if s.strip()]


def _is_account(text: str) -> bool:
    """A cell of several sentences and more than ``LEAD_WORDS + 2`` words reports what
    happened ("LG Inform has been released to local authorities. It is timetabled for public
    access before Christmas. ..."); a state named somewhere in it is not the cell's status."""
    return len(text.split()) > LEAD_WORDS + 2 and len(_sentences(text)) >= 2


# --- A status cell that runs on into commentary ---------------------------------------------

_DASH_SPLIT = re.compile(r"^(?P<head>[^–—\-:]{1,60}?)\s+[–—\-:]\s+(?P<rest>\S.*)$", re.S)

ACCOUNT_WORDS = 3
"""Commentary after a dash ("Ongoing - discussions with HMT continue") is split from the
status word before it only when it has at least this many words and names no state of its
own: "Complete – March 2016" and "In progress - off track" stay one phrase."""


@dataclass(slots=True, frozen=True)
class StatusCell:
    """A status (or progress) cell divided into the status statement at its head and the
    commentary after it, with the reason; ``status`` None means the cell is all commentary."""

    status: str | None
    commentary: str | None
    why: str


def _names_status(head: str, book: Phrasebook) -> bool:
    reading = _read_phrase(head, book)
    return reading.state is not None or reading.kind == "acceptance" or rag_from_words(head) is not None


def divide_status_cell(text: str, book: Phrasebook | None = None) -> StatusCell:
    """Divide a status cell into its status statement and the commentary that follows.

    "Completed. See attached note." -> ("Completed", "See attached note.");
    "Ongoing - discussions with HMT continue" -> ("Ongoing", "discussions with HMT continue");
    "Done" -> ("Done", None); "In progress - off track" -> (whole, None);
    "The LR review is currently still underway. CH have set out proposals ..." -> (None, whole):
    a narrative update with no status word at its head is commentary, not a status.
    """
    book = book or builtin_phrasebook()
    if examined(text) is not text:
        return StatusCell(text, None, "longer than a normaliser reads (issue 14): kept whole")
    flat = " ".join(text.split())
    if not flat:
        return StatusCell(None, None, "empty")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    sentences = _sentences(text)
    heads: list[tuple[str, str]] = []
    if len(lines) > 1:
        heads.append((lines[0], " ".join(" ".join(lines[1:]).split())))
    if len(sentences) > 1:
        heads.append((sentences[0], " ".join(sentences[1:])))
    for head, rest in heads:
        if len(head.split()) <= LEAD_WORDS and _names_status(head, book):
            return StatusCell(head.strip(), rest or None, f"status {head!r} at the head, then commentary")
    words = flat.split()
    for k in range(min(LEAD_WORDS, len(words) - ACCOUNT_WORDS), 0, -1):
        # "Commenced COI have published ...": a status phrase run into a sentence that starts
        # with a capital (a PDF line break lost); "Complete – March 2016" is not cut.
        if words[k][:1].isupper() and not words[k - 1].endswith(("-", "–", "—", ":")):
            head, rest = " ".join(words[:k]), " ".join(words[k:])
            if _status_lead(head, book) and not _names_status(rest, book):
                return StatusCell(head, rest, f"status {head!r}, then commentary from its capital")
    m = _DASH_SPLIT.match(flat)
    if m and len(m["rest"].split()) >= ACCOUNT_WORDS:
        head, rest = m["head"].strip(), m["rest"].strip()
        if _status_lead(head, book) and not _names_status(rest, book):
            return StatusCell(head, rest, f"status {head!r}, then commentary after the dash")
    if (len(flat.split()) > PHRASE_WORDS or _is_account(text)) and read_phrase(text, book).state is None:
        return StatusCell(None, flat, "an account with no status at its head")
    return StatusCell(flat, None, "one status phrase")


def place_status_and_progress(
    status_text: str | None, progress: str | None, *, status_column: bool = False
) -> tuple[str | None, str | None, str]:
    """The status text and progress text a record gets from its status and progress cells.

    A status cell that starts with a status word and runs on keeps the word as the status and
    gives the rest to progress when the row has no progress of its own; a status cell that is
    only an account becomes the progress. In a table with no status column (``status_column``
    false), a progress cell that starts with a status phrase and nothing else ("Completed. See
    attached note.", a "Follow-up" column) gives that phrase as the status. Returns (status
    text, progress text, why).
    """
    has_progress = bool(progress and progress.strip())
    if status_text and status_text.strip():
        if has_progress:
            return status_text, progress, "status and progress cells as printed"
        cell = divide_status_cell(status_text)
        if cell.commentary is None:
            return status_text, progress, cell.why
        return cell.status, cell.commentary, cell.why
    if has_progress and not status_column:
        assert progress is not None
        cell = divide_status_cell(progress)
        if cell.status is not None and _status_lead(cell.status):
            return cell.status, cell.commentary, f"progress cell: {cell.why}"
    return status_text, progress, "as printed"


def _status_lead(head: str, book: Phrasebook | None = None) -> bool:
    """A progress cell gives its head as the status only when that head is nothing but a
    status phrase with a lifecycle state ("Completed", "Ongoing", "Not started"): every word
    of it is in ``status.toml``. "Quality assurance started in August 2024." is progress."""
    book = book or builtin_phrasebook()
    if len(head.split()) > LEAD_WORDS or read_phrase(head, book).state is None:
        return False
    tokens = [t for t in tokenise(head) if t != _BOUNDARY and not t.startswith("%")]
    i = 0
    while i < len(tokens):
        match = next((toks for toks, _ in book.index.get(tokens[i], []) if tuple(tokens[i : i + len(toks)]) == toks), None)
        if match is None and " ".join(tokens) not in book.whole:
            return False
        i += len(match) if match else len(tokens)
    return True


def _read_phrase(text: str, book: Phrasebook) -> PhraseReading:
    tokens = [t for t in tokenise(text) if t not in _COLOUR_TOKENS]
    evidence: list[str] = []
    percent: int | None = None
    for tok in tokens:
        if tok.startswith("%"):
            percent = int(tok[1:])
            break
    words = [t for t in tokens if t != _BOUNDARY]
    joined = " ".join(words)
    if joined in book.whole:
        entry = book.whole[joined]
        evidence.append(f"whole cell {joined!r}: {entry.section} {entry.id}")
        return PhraseReading(entry.state, "lifecycle", True, percent, evidence)

    kind: StatusKind = "lifecycle"
    known = False
    clauses: list[list[State]] = [[]]
    pending: tuple[PhraseEntry, int] | None = None  # a marker and the position after it
    pending_words = ""
    pending_percent: tuple[int, int] | None = None
    only_markers_so_far = True
    last_cue: tuple[PhraseEntry, int] | None = None  # the clause's last cue and the position after it
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == _BOUNDARY:
            pending, pending_percent = None, None
            i += 1
            continue
        if tok.startswith("%"):
            pending_percent = (int(tok[1:]), i + 1)
            only_markers_so_far = False
            i += 1
            continue
        match = next(
            ((toks, e) for toks, e in book.index.get(tok, []) if tuple(tokens[i : i + len(toks)]) == toks), None
        )
        prefixed: PhraseEntry | None = None
        if match is None:
            for prefix in book.prefixes:
                rest = tok[len(prefix):]
                if tok.startswith(prefix) and rest in book.single_cues:
                    neg = next(e for e in book.entries if prefix in e.prefixes)
                    pending = (neg, i)
                    pending_words = f"{prefix}-"
                    prefixed = book.single_cues[rest]
                    match = ((tok,), prefixed)
                    break
        if match is None:
            only_markers_so_far = False
            i += 1
            continue
        toks, entry = match
        n = len(toks)
        if entry.section == "partial" and last_cue is not None and i - last_cue[1] <= 1 and last_cue[0].partial:
            # written after its cue: "Implemented in part", "Complete (partially)"
            clauses[-1][-1] = last_cue[0].partial
            evidence.append(f"after partial {' '.join(toks)!r} written after cue {last_cue[0].id} -> {last_cue[0].partial}")
            last_cue = None
        elif entry.section in _MARKERS:
            pending = (entry, i + n)  # logged when it governs a cue
            pending_words = " ".join(toks)
        elif entry.section == "contrast":
            evidence.append(f"contrast {' '.join(toks)!r}: the clause after states the current position")
            clauses.append([])
            pending, pending_percent, last_cue = None, None, None
        elif entry.section == "acceptance":
            if only_markers_so_far and kind == "lifecycle":
                kind, known = "acceptance", True
                evidence.append(f"acceptance {' '.join(toks)!r}")
                pending = None
            else:
                only_markers_so_far = False
        else:  # a cue
            known = True
            state = entry.state
            how = "as written"
            if pending is not None and i - pending[1] <= pending[0].scope:
                marker = pending[0]
                if marker.section == "partial" and entry.partial is not None:
                    state, how = entry.partial, f"after partial {pending_words!r}"
                elif marker.section == "negation" and entry.negated is not None:
                    state, how = entry.negated, f"after negation {pending_words!r}"
                elif marker.section == "future" and entry.future is not None:
                    state, how = entry.future, f"after future {pending_words!r}"
                pending = None
            if (
                pending_percent is not None
                and state == "complete"
                and entry.state == "complete"
                and i - pending_percent[1] <= 1
            ):
                state, how = _percent_state(pending_percent[0]), f"qualified by {pending_percent[0]}%"
            evidence.append(f"cue {entry.id} {' '.join(toks)!r} {how} -> {state}")
            if state is not None:
                clauses[-1].append(state)
                last_cue = (entry, i + n)
            only_markers_so_far = False
        i += n

    stated = [c for c in clauses if c]
    result: State | None = None
    from_percent = False
    if stated:
        last = stated[-1]
        result = min(last, key=book.precedence.index)
        if len(clauses) > 1 and stated[-1] is not clauses[-1]:
            evidence.append("the clause after the contrast names no state; the one before stands")
    elif percent is not None:
        result = _percent_state(percent)
        known = from_percent = True
        evidence.append(f"percentage {percent}% -> {result}")
    if kind == "acceptance" and result is None:
        evidence.append("an acceptance is not a lifecycle state")
    return PhraseReading(result, kind, known, percent, evidence, from_percent)
