"""Actions from plans written without a table: headed blocks with labelled lines.

Many plans print each action as a heading (or a numbered line) followed by lines that
name its fields::

    Action 1: Create an OMB Data Council
    By November 2019, the Office of Management and Budget will ...
    Responsible: Office of Management and Budget
    Measurement: Internal Data Council established (Y/N)
    Timeline: Completed within 3 months

Table reading finds nothing there. This stage reads such documents from the layout's
headings and paragraphs, and only when the evidence is strong: at least
:data:`MIN_CORE_FIELDS` of the core labels (owner, deadline, status, progress) must each
recur in at least :data:`MIN_LABELLED_BLOCKS` blocks. It runs only when no table of the
document gave an action (the hook in :func:`planparse.pipeline.extract_layout`).

The labels are data (``block_labels.toml`` beside this module, with examples a test turns
into cases). Stages, each inspectable:

``layout_to_lines`` (body text in order, contents lines dropped) -> ``line_labels`` (which
field each line names) -> ``segment`` (one block per start line, for each kind of start)
-> ``choose_segmentation`` (the kind of start whose blocks carry the labels) ->
``blocks_to_raw`` (raw records, normalised later like table records).

Records read here carry ``provenance.table = None`` (no table), the pages of their lines
and ``provenance.cells["action"]`` naming the page of the start line; the document gets one
``actions_from_text`` warning saying how many actions came from text, not from a table.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..layout import Box, Heading, Layout, Paragraph, Table
from ..models import ActionRecord, CellRef, ParseWarning, Plan, Section
from ..normalise.dates import parse_deadline
from ..normalise.text import one_line
from .plans import PlanFinding
from .tables import RawRecord, parse_section

log = logging.getLogger(__name__)

MIN_LABELLED_BLOCKS = 2
"""A core field must be labelled in at least this many blocks to count as recurring."""
MIN_CORE_FIELDS = 2
"""At least this many core fields must recur before any block becomes an action."""
MAX_START_CHARS = 200
"""A start line (the action's heading or numbered title) is at most this long."""
MAX_SECTION_CHARS = 120
"""A heading longer than this is not taken as a section title."""
MAX_SHORT_CONTINUATION = 120
"""A line continuing a short value (owner, deadline, status) is at most this long."""
TEXT_TABLE = -1
"""``RawRecord.table`` for a record read from text (no table)."""

FIELDS = ("owner", "deadline", "status", "progress", "evidence", "action", "other", "not_plan")
_SHORT_FIELDS = frozenset({"owner", "deadline", "status"})


# --------------------------------------------------------------------------- labels (data)


@dataclass(slots=True, frozen=True)
class LabelSet:
    field: str
    core: bool
    labels: tuple[str, ...]
    matches: tuple[str, ...]
    not_matches: tuple[str, ...]


class LabelFileError(ValueError):
    """``block_labels.toml`` is malformed (names the field and key)."""


def parse_label_file(text: str) -> dict[str, LabelSet]:
    """Validate and load a label file's text."""
    data = tomllib.loads(text)
    out: dict[str, LabelSet] = {}
    for name, body in data.items():
        if name not in FIELDS:
            raise LabelFileError(f"[{name}]: unknown field; fields are {', '.join(FIELDS)}")
        if not isinstance(body, dict) or not isinstance(body.get("labels"), list) or not body["labels"]:
            raise LabelFileError(f"[{name}]: needs a non-empty 'labels' list")
        unknown = set(body) - {"core", "labels", "matches", "not_matches"}
        if unknown:
            raise LabelFileError(f"[{name}]: unknown key(s) {', '.join(sorted(unknown))}")
        out[name] = LabelSet(
            field=name,
            core=bool(body.get("core", False)),
            labels=tuple(str(x).lower() for x in body["labels"]),
            matches=tuple(body.get("matches", [])),
            not_matches=tuple(body.get("not_matches", [])),
        )
    return out


@cache
def label_sets() -> dict[str, LabelSet]:
    text = resources.files(__package__).joinpath("block_labels.toml").read_text(encoding="utf-8")
    return parse_label_file(text)


@dataclass(slots=True, frozen=True)
class _Matchers:
    start: re.Pattern[str]
    inner: re.Pattern[str]
    field_of: dict[str, str]


@cache
def _matchers() -> _Matchers:
    field_of: dict[str, str] = {}
    for ls in label_sets().values():
        for label in ls.labels:
            field_of[label] = ls.field
    # Longest first, so "rag status" wins over "rag"; spaces match any run of spaces.
    alts = "|".join(re.escape(lab).replace(r"\ ", r"\s+") for lab in sorted(field_of, key=len, reverse=True))
    start = re.compile(rf"^\s*(?P<label>{alts})\s*:\s*(?P<value>.*)$", re.I | re.S)
    # A second label inside a line that starts with one: capitalised, after a space.
    inner = re.compile(rf"(?<=\s)(?P<label>(?=[A-Z])(?:{alts}))\s*:\s", re.I)
    return _Matchers(start, inner, field_of)


def _field(label: str) -> str:
    return _matchers().field_of[re.sub(r"\s+", " ", label.lower())]


def read_labels(text: str) -> list[tuple[str, str]]:
    """The (field, value) pairs a line names, in order; [] when it names none.

    "Responsible: All Agencies Supported practice(s): Promote Wide Access" gives
    [("owner", "All Agencies"), ("other", "Promote Wide Access")].
    """
    m = _matchers().start.match(text)
    if m is None:
        return []
    out: list[tuple[str, str]] = []
    label, rest = m.group("label"), m.group("value")
    while True:
        inner = _matchers().inner.search(rest)
        if inner is None or not inner.group("label")[0].isupper():
            out.append((_field(label), rest.strip()))
            return out
        out.append((_field(label), rest[: inner.start()].strip()))
        label, rest = inner.group("label"), rest[inner.end() :]


# --------------------------------------------------------------------------- lines


@dataclass(slots=True)
class Line:
    """One heading or paragraph of body text, in document order."""

    block: int
    text: str
    page: int | None
    heading: bool
    level: int
    box: Box | None = None
    labels: list[tuple[str, str]] = field(default_factory=list)


_CONTENTS = re.compile(r"(?:\.\s?){5,}|…{2,}|\.{3,}\s*\d+\s*$")


def layout_to_lines(layout: Layout) -> list[Line]:
    """Body headings and paragraphs; contents lines (dot leaders) and tables left out."""
    lines: list[Line] = []
    for i, block in enumerate(layout.blocks):
        if not isinstance(block, (Heading, Paragraph)):
            continue
        text = one_line(block.text)
        if not text or _CONTENTS.search(text):
            continue
        heading = isinstance(block, Heading)
        lines.append(Line(i, text, block.page, heading, block.level if isinstance(block, Heading) else 0, block.box))
    for line in lines:
        line.labels = read_labels(line.text)
    return lines


# --------------------------------------------------------------------------- starts

_KEYWORD_START = re.compile(
    r"^(?:action|recommendation|task|activity|step|milestone|deliverable|commitment)\s+"
    r"(?P<ref>\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\s*[:.)–—-]\s*(?P<title>\S.*)$",
    re.I,
)
# "1. Do X", "2) Do X", "1.1 Do X" (a bare number needs punctuation: "30 June 2025 – ..." is a date).
_NUMBER_START = re.compile(
    r"^(?P<ref>\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?(?=[.)]?\s)|\d{1,2}[a-z]?(?=[.)]))[.)]?\s*(?P<title>[^\s.)]\S*(?:\s.*)?)$"
)

START_KINDS = ("keyword", "heading", "numbered", "action_label")
"""Kinds of start line, in order of preference when several read the same blocks."""


def start_of(line: Line, kind: str) -> tuple[str | None, str] | None:
    """(ref, title) when ``line`` starts a block for this kind of start, else None."""
    if kind == "action_label":
        if line.labels and line.labels[0][0] == "action" and line.labels[0][1]:
            return None, line.labels[0][1]
        return None
    if line.labels or len(line.text) > MAX_START_CHARS:
        return None
    if kind == "keyword":
        m = _KEYWORD_START.match(line.text)
        return (m.group("ref"), m.group("title").strip()) if m else None
    if kind == "heading":
        if not line.heading:
            return None
        m = _KEYWORD_START.match(line.text)
        if m:
            return m.group("ref"), m.group("title").strip()
        return None, line.text
    m = _NUMBER_START.match(line.text)
    if m and not (len(m.group("ref")) == 4 and m.group("ref").startswith(("19", "20"))):
        return m.group("ref"), m.group("title").strip()
    return None


# --------------------------------------------------------------------------- blocks


@dataclass(slots=True)
class TextBlock:
    """A start line and the lines under it, up to the next start."""

    start: Line
    ref: str | None
    title: str
    body: list[Line] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)
    """Field -> value parts (label value, then continuation lines)."""
    section: Section | None = None

    @property
    def core_fields(self) -> set[str]:
        core = {ls.field for ls in label_sets().values() if ls.core}
        return {f for f in self.values if f in core}

    @property
    def pages(self) -> list[int]:
        return sorted({ln.page for ln in [self.start, *self.body] if ln.page is not None})


@dataclass(slots=True)
class Segmentation:
    kind: str
    blocks: list[TextBlock]
    recurring: list[str]
    """Core fields labelled in at least MIN_LABELLED_BLOCKS blocks."""

    @property
    def actions(self) -> list[TextBlock]:
        return [b for b in self.blocks if b.core_fields]

    @property
    def not_plan(self) -> bool:
        """Risk, issue or decision labels recur: a register written as blocks."""
        return sum(1 for b in self.blocks if "not_plan" in b.values) >= MIN_LABELLED_BLOCKS

    @property
    def is_plan(self) -> bool:
        return (
            len(self.recurring) >= MIN_CORE_FIELDS
            and len(self.actions) >= MIN_LABELLED_BLOCKS
            and not self.not_plan
        )


def _continues(fieldname: str, value: list[str], line: Line) -> bool:
    if fieldname in _SHORT_FIELDS:
        prev = value[-1] if value else ""
        return len(line.text) <= MAX_SHORT_CONTINUATION and (
            line.text[:1].islower() or bool(re.search(r"(?:,|\band|\bof|\bthe|\bwith|\bfor|&)$", prev))
        )
    return fieldname in ("evidence", "progress", "other", "action")


def _read_values(block: TextBlock) -> None:
    current: str | None = None
    for line in block.body:
        if line.labels:
            for name, value in line.labels:
                block.values.setdefault(name, [])
                if value:
                    block.values[name].append(value)
                current = name
        elif line.heading:
            current = None  # a heading inside the block ends the value before it
        elif current is not None and _continues(current, block.values[current], line):
            block.values[current].append(line.text)
        else:
            current = None if current in _SHORT_FIELDS else current
    for name in list(block.values):
        if not block.values[name]:
            del block.values[name]


def segment(lines: list[Line], kind: str) -> Segmentation:
    """One block per start line of ``kind``; the lines before the first start belong to none."""
    blocks: list[TextBlock] = []
    section: Section | None = None
    for line in lines:
        st = start_of(line, kind)
        if st is not None:
            ref, title = st
            blocks.append(TextBlock(line, ref, title, section=section))
            if kind == "action_label":
                blocks[-1].body.append(line)
        elif blocks:
            blocks[-1].body.append(line)
        if st is None and line.heading and not line.labels and len(line.text) <= MAX_SECTION_CHARS:
            section = parse_section(line.text)
    for block in blocks:
        _read_values(block)
    if kind == "heading":
        # A heading whose block names no field is a section for the blocks after it.
        current: Section | None = None
        for block in blocks:
            if block.core_fields:
                block.section = current
            elif len(block.title) <= MAX_SECTION_CHARS:
                current = parse_section(block.start.text)
    counts: dict[str, int] = {}
    for block in blocks:
        for name in block.core_fields:
            counts[name] = counts.get(name, 0) + 1
    recurring = sorted(n for n, c in counts.items() if c >= MIN_LABELLED_BLOCKS)
    return Segmentation(kind, blocks, recurring)


def choose_segmentation(lines: list[Line]) -> tuple[Segmentation | None, list[Segmentation]]:
    """The kind of start that puts the most labelled blocks under starts (earliest kind on
    a tie), when its labels are evidence enough; every candidate is returned for tracing."""
    candidates = [segment(lines, kind) for kind in START_KINDS]
    best: Segmentation | None = None
    for cand in candidates:
        if cand.is_plan and (best is None or len(cand.actions) > len(best.actions)):
            best = cand
    return best, candidates


# --------------------------------------------------------------------------- records


def _join(parts: list[str] | None) -> str | None:
    return " ".join(parts) if parts else None


def blocks_to_raw(seg: Segmentation) -> list[RawRecord]:
    out: list[RawRecord] = []
    for block in seg.actions:
        values = block.values
        action, objective = block.title, None
        if "action" in values and seg.kind != "action_label":
            action, objective = _join(values["action"]) or block.title, block.title
        elif seg.kind == "action_label":
            action = _join(values.get("action")) or block.title
        out.append(
            RawRecord(
                table=TEXT_TABLE,
                rows=[],
                pages=block.pages,
                ref=block.ref,
                section=block.section,
                objective=objective,
                action=action,
                owner_text=_join(values.get("owner")),
                deadline_text=_join(values.get("deadline")),
                status_text=_join(values.get("status")),
                status_fill=None,
                progress=_join(values.get("progress")),
                evidence=_join(values.get("evidence")),
                fields={},
            )
        )
    return out


# --------------------------------------------------------------------------- listed actions

LIST_HEADING = re.compile(
    r"\b(?:actions|next\s+steps|milestones|activities|deliverables|tasks|commitments)\s*:?\s*$"
    r"|^(?:(?:key|main|planned|proposed|agreed|our|priority|programme|project|program)\s+)*"
    r"(?:actions|next\s+steps|milestones|activities|deliverables|tasks|commitments)\b",
    re.I,
)
"""A heading that names a list of actions, bulleted or numbered: the heading ends with (or
is) the list's noun ("Planned Program Milestones", "Key actions", "Next steps")."""
NUMBERED_LIST_HEADING = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:(?:our|the|draft|proposed|agreed)\s+)?"
    r"(?:action\s+plan|implementation\s+plan|work\s*plan|recommendations)\s*:?\s*$",
    re.I,
)
"""Headings whose lists count only when their items are numbered consistently: a report's
bulleted recommendations are often findings, not a plan."""
NOT_ACTION_ITEM = re.compile(
    r"^(?:that\b|to\s+note\b|note\b|the\s+(?:committee|board|cabinet|panel|council|meeting)\s+"
    r"(?:is|are|be)\s+(?:asked|invited|recommended))",
    re.I,
)
"""An item that asks a meeting to decide ("That Cabinet approves ...") is a resolution, not an action."""
MIN_LIST_ITEMS = 3
"""A listed plan has at least this many items under its heading."""
MAX_ITEM_CHARS = 400
"""A list item longer than this is prose, not an action (the median item must be shorter)."""
MAX_DATE_LEAD_CHARS = 30
"""A date leading an item ("September 26, 2009 – Award ...") is at most this long."""
MAX_LINES_BEFORE_ITEMS = 2
"""Prose lines allowed between the heading and its first item (an introduction)."""
_DATE_LEAD = re.compile(r"^(?P<date>[^–—]{4,40}?)\s+[–—-]\s+(?P<rest>\S.*)$")
_GROUP_LINE = re.compile(r"^.{3,120}:$")


@dataclass(slots=True)
class ListItem:
    line: Line
    ref: str | None
    text: str
    section: Section | None


@dataclass(slots=True)
class ListedPlan:
    """A heading naming actions and the items listed under it."""

    heading: Line
    items: list[ListItem]
    numbered: bool


def _item_of(line: Line, paragraph_list_item: bool) -> tuple[str | None, str] | None:
    m = _KEYWORD_START.match(line.text) or _NUMBER_START.match(line.text)
    if m and not (len(m.group("ref")) == 4 and m.group("ref").startswith(("19", "20"))):
        return m.group("ref"), m.group("title").strip()
    if paragraph_list_item:
        return None, line.text
    return None


def _table_between(layout: Layout, a: int, b: int) -> bool:
    return any(isinstance(x, Table) for x in layout.blocks[a + 1 : b])


def consistently_numbered(refs: list[str | None]) -> bool:
    """True when every item has a reference, all of one depth ("1", "2" or "3.1", "3.2"),
    the first ending in 1 and each one more than the one before (a new parent restarts:
    "1.3", "2.1")."""
    if not refs or any(r is None for r in refs):
        return False
    parts = [[int(x) for x in re.findall(r"\d+", r or "")] for r in refs]
    if len({len(p) for p in parts}) != 1 or parts[0][-1] != 1:
        return False
    for prev, cur in zip(parts, parts[1:], strict=False):
        same_parent = prev[:-1] == cur[:-1]
        if not ((same_parent and cur[-1] == prev[-1] + 1) or (not same_parent and cur[-1] == 1)):
            return False
    return True


def find_listed_plans(layout: Layout) -> list[ListedPlan]:
    """Each heading that names actions, with the run of list items (or numbered lines)
    under it, up to the next heading of its level or above."""
    lines = layout_to_lines(layout)
    list_flags = {i: isinstance(b, Paragraph) and b.list_item for i, b in enumerate(layout.blocks)}
    out: list[ListedPlan] = []
    k = 0
    while k < len(lines):
        head = lines[k]
        k += 1
        heading_text = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+", "", head.text)
        bullets_ok = bool(LIST_HEADING.search(heading_text))
        if not (head.heading and (bullets_ok or NUMBERED_LIST_HEADING.match(head.text))
                and len(head.text) <= MAX_SECTION_CHARS):
            continue
        items: list[ListItem] = []
        section: Section | None = None
        before = 0
        while k < len(lines):
            line = lines[k]
            if (line.heading and line.level <= head.level) or (items and line.block - items[-1].line.block > 1
                                                               and _table_between(layout, items[-1].line.block, line.block)):
                break  # a heading of the list's level, or a table after the items, ends the list
            got = None if line.labels else _item_of(line, list_flags.get(line.block, False))
            if got is not None and not line.heading:
                items.append(ListItem(line, got[0], got[1], section))
            elif (line.heading or _GROUP_LINE.match(line.text)) and len(line.text) <= MAX_SECTION_CHARS:
                section = parse_section(line.text.rstrip(":").strip())
            elif items or before >= MAX_LINES_BEFORE_ITEMS:
                break  # prose after the list ends it; prose long before any item: no list here
            else:
                before += 1
            k += 1
        refs = [it.ref for it in items]
        numbered = consistently_numbered(refs)
        # Numbered items must be numbered as a list; unnumbered ones need a heading that
        # names them (items numbered 15, 16 ... continue a report's paragraph numbering).
        shaped = numbered if any(r is not None for r in refs) else bullets_ok
        lengths = sorted(len(it.text) for it in items)
        if (
            len(items) >= MIN_LIST_ITEMS
            and lengths[len(lengths) // 2] <= MAX_ITEM_CHARS
            and shaped
            and not any(NOT_ACTION_ITEM.match(it.text) for it in items)
        ):
            out.append(ListedPlan(head, items, numbered))
    return out


def listed_to_raw(plan: ListedPlan) -> list[RawRecord]:
    out: list[RawRecord] = []
    for it in plan.items:
        action, deadline = it.text, None
        m = _DATE_LEAD.match(it.text)
        if m and len(m.group("date")) <= MAX_DATE_LEAD_CHARS:
            lead = parse_deadline(m.group("date"))
            if lead.deadline is not None and lead.deadline.date is not None:
                action, deadline = m.group("rest").strip(), m.group("date").strip()
        out.append(
            RawRecord(
                table=TEXT_TABLE, rows=[], pages=[it.line.page] if it.line.page is not None else [],
                ref=it.ref, section=it.section, objective=None, action=action, owner_text=None,
                deadline_text=deadline, status_text=None, status_fill=None, progress=None, evidence=None,
                fields={},
            )
        )
    return out


@dataclass(slots=True)
class TextFinding:
    """What :func:`find_text_plans` decided, kept for inspection."""

    chosen: Segmentation | None
    candidates: list[Segmentation]
    records: list[RawRecord]
    starts: list[Line]
    """The line each record's action was read from (parallel to ``records``)."""
    listed: list[ListedPlan] = field(default_factory=list)

    @property
    def start_pages(self) -> list[int | None]:
        return [ln.page for ln in self.starts]


def _add_plan(finding: PlanFinding, raws: list[RawRecord], title: str | None, confidence: float) -> None:
    plan = Plan(
        id=f"plan-{len(finding.plans) + 1}",
        title=title,
        section=None,
        pages=sorted({p for r in raws for p in r.pages}),
        tables=[],
        confidence=confidence,
    )
    finding.plans.append(plan)
    finding.records.extend(raws)
    finding.record_plan.extend([plan.id] * len(raws))


BLOCKS_CONFIDENCE = 0.7
"""Plan confidence for headed blocks whose labels recur."""
LIST_CONFIDENCE = 0.5
"""Plan confidence for a list under a heading that names actions."""


def find_text_plans(layout: Layout, finding: PlanFinding, doc_title: str | None = None) -> TextFinding:
    """Add plans and raw records read from text to ``finding`` (which had no records
    from tables): headed blocks with labelled lines first, else lists under a heading
    that names actions."""
    lines = layout_to_lines(layout)
    chosen, candidates = choose_segmentation(lines)
    if chosen is not None:
        raws = blocks_to_raw(chosen)
        _add_plan(finding, raws, doc_title, BLOCKS_CONFIDENCE)
        log.debug("read %d actions from %s blocks (labels %s)", len(raws), chosen.kind, chosen.recurring)
        return TextFinding(chosen, candidates, raws, [b.start for b in chosen.actions])
    listed = find_listed_plans(layout)
    records: list[RawRecord] = []
    starts: list[Line] = []
    for lp in listed:
        raws = listed_to_raw(lp)
        _add_plan(finding, raws, lp.heading.text, LIST_CONFIDENCE)
        records.extend(raws)
        starts.extend(it.line for it in lp.items)
    return TextFinding(None, candidates, records, starts, listed)


def add_text_provenance(found: TextFinding, raws: list[RawRecord], records: list[ActionRecord]) -> None:
    """Provenance for records read from text: no table; the action's place is its start
    line: page and box when the layout has them (PDF), else nothing to point at (Word)."""
    start_of_raw = {id(r): ln for r, ln in zip(found.records, found.starts, strict=True)}
    for raw, record in zip(raws, records, strict=True):
        line = start_of_raw.get(id(raw))
        if line is None:
            continue
        record.provenance.table = None
        record.provenance.rows = []
        if line.box is not None:
            b = line.box
            record.provenance.cells = {"action": [CellRef(page=b.page, bbox=[b.x0, b.top, b.x1, b.bottom])]}
        elif line.page is not None:
            record.provenance.cells = {"action": [CellRef(page=line.page)]}


def text_warning(found: TextFinding) -> ParseWarning:
    """The one warning telling a user these actions did not come from a table."""
    seg = found.chosen
    page = next((p for p in found.start_pages if p is not None), None)
    if seg is not None:
        how = f"{seg.kind.replace('_', ' ')} blocks with labelled lines ({', '.join(seg.recurring)})"
    else:
        how = "lists under " + "; ".join(f"'{lp.heading.text}'" for lp in found.listed)
    return ParseWarning(
        code="actions_from_text",
        message=f"no plan table; {len(found.records)} action(s) read from {how}, not from a table",
        page=page,
    )
