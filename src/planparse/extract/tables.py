"""Tables to raw action records: header rows, plan or not, sections, objectives, milestones.

Written once for every reader: it sees only :mod:`planparse.layout`. The stages are small
functions whose results can be inspected on their own:

``find_header``  table -> :class:`ColumnMap` (which row is the header, which column feeds
                 which field), or None;
``judge_table``  table + column map -> :class:`TableVerdict` (a plan or not, with a
                 confidence and a reason);
``rows_to_raw``  plan table -> :class:`RawRecord` list (text as printed, not normalised).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import BULLET, Cell, Covered, Table
from ..models import Section
from ..normalise.text import one_line, split_ref, tidy
from .cells import names_an_owner, reports_progress, states_targets
from .columns import Cues, Field, HeadingReading, field_for_heading, is_rating_column, read_heading
from .trace import ColumnReading, Reading, RowFate, TableTrace
from .vocab import placeholder

MAX_HEADER_SEARCH = 6


@dataclass(slots=True)
class ColumnMap:
    """Where the header is and what each column holds."""

    header_rows: list[int]
    headings: list[str]
    fields: list[Field | None]
    section_heading: str | None = None
    """A header cell that titles the whole table as a section ("PRIORITY 1 ...")."""
    evidence: list[str] = field(default_factory=list)
    """Per column, what decided its field (for the trace)."""
    scores: list[float] = field(default_factory=list)
    """Per column, how sure that reading is (1.0 a known wording; less for cue words or cells)."""

    def columns(self, name: Field) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == name]

    @property
    def first_data_row(self) -> int:
        return max(self.header_rows) + 1 if self.header_rows else 0

    def signature(self) -> tuple[Field | None, ...]:
        return tuple(self.fields)

    def set(self, col: int, value: Field | None, why: str, score: float = 1.0) -> None:
        """Change one column's field, keeping the reason."""
        self.fields[col] = value
        self.evidence[col] = why
        self.scores[col] = score

    def reading(self, name: str, score: float, notes: list[str] | None = None) -> Reading:
        columns = [
            ColumnReading(i, h, f, self.evidence[i] if i < len(self.evidence) else "", self.scores[i] if i < len(self.scores) else 0.0)
            for i, (h, f) in enumerate(zip(self.headings, self.fields, strict=True))
        ]
        return Reading(name, round(score, 3), columns, list(self.header_rows), list(notes or []))


@dataclass(slots=True)
class TableVerdict:
    is_plan: bool
    confidence: float
    reason: str
    kind: str | None = None
    """What a table that is not a plan is, when recognised (``knowledge/tables.toml`` [[kind]])."""


@dataclass(slots=True)
class RawMilestone:
    text: str
    deadline_text: str | None
    status_text: str | None
    status_fill: str | None
    progress: str | None
    rows: list[int]


@dataclass(slots=True)
class RawRecord:
    """An action as printed: every value is the text of the cell it came from."""

    table: int
    rows: list[int]
    pages: list[int]
    ref: str | None
    section: Section | None
    objective: str | None
    action: str
    owner_text: str | None
    deadline_text: str | None
    status_text: str | None
    status_fill: str | None
    progress: str | None
    evidence: str | None
    fields: dict[str, str]
    milestones: list[RawMilestone] = field(default_factory=list)
    item: int | None = None
    """Position of the action in a cell that lists several (business-plan rows), else None."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) warnings raised while reading the row."""
    columns: dict[str, list[int]] = field(default_factory=dict)
    """Output field -> grid columns it was read from (for locatable provenance)."""


def _field_columns(**cols: list[int | None] | list[int]) -> dict[str, list[int]]:
    return {name: [c for c in cs if c is not None] for name, cs in cols.items() if any(c is not None for c in cs)}


# --------------------------------------------------------------------------- header


def _row_texts(grid: list[list[Cell | Covered | None]], r: int) -> list[str]:
    out = []
    for x in grid[r]:
        if isinstance(x, Cell):
            out.append(x.text)
        elif isinstance(x, Covered):
            out.append(x.origin.text)
        else:
            out.append("")
    return out


def _header_score(texts: list[str], cues: Cues | None = None) -> tuple[int, set[Field]]:
    """How many fields a row's cells name, read as headings. A cue word counts only in a
    cell short enough to be a heading (a data cell "Agreed by the Board in May" is not)."""
    fields: set[Field] = set()
    for t in texts:
        flat = one_line(t)
        if not t or len(flat) > 80:
            continue
        reading = read_heading(t, cues)
        if reading.field is None:
            continue
        if reading.score < 1.0 and not _heading_like(flat):
            continue
        fields.add(reading.field)
    return len(fields), fields


def _heading_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and not text.endswith(".") and not re.search(r"\d{1,2}[/.]\d{1,2}|\d{4}", text)


@dataclass(slots=True)
class Candidate:
    """One way to read a table: which rows are the header, which column feeds which field,
    with a score for the whole reading and the notes that explain it."""

    name: str
    cmap: ColumnMap
    score: float
    notes: list[str] = field(default_factory=list)
    acceptable: bool = True
    """False for a reading that cannot make the table a plan (kept in the trace)."""


TRACKERS: frozenset[str] = frozenset({"owner", "deadline", "status", "progress"})
HEADER_FIELD_WEIGHT = 0.25
"""Score per field a header row names: the headings are the surest evidence of a reading."""
HEADER_DEPTH_PENALTY = 0.02
"""Score lost per row the header stands below the top of the table."""
MAX_READINGS_KEPT = 5
"""Readings of a table kept in the trace, best first."""


def find_header(table: Table, cues: Cues | None = None, trace: TableTrace | None = None) -> ColumnMap | None:
    """The best reading of a table's header and columns, or None when no reading makes a plan.

    Candidate readings are built (:func:`candidate_readings`): each of the first few rows as
    the header (with a second header row merged in when it names fields), the same with the
    action column found from the cells when no heading names it, and no header at all.
    Each is scored as a whole (:func:`score_reading`); the ranked list goes into the trace
    and the best acceptable one is taken.
    """
    if table.n_rows < 1 or table.n_cols < 2:
        return None
    grid = table.grid()
    ranked = sorted(candidate_readings(table, grid, cues), key=lambda c: -c.score)
    if trace is not None:
        trace.readings.extend(c.cmap.reading(c.name, c.score, c.notes) for c in ranked[:MAX_READINGS_KEPT])
    best = next((c for c in ranked if c.acceptable), None)
    if best is None:
        # No reading makes a plan; the best one still says why (judge_table gives the reason),
        # unless it is a lone action heading over cells that show nothing to track.
        if not ranked or ranked[0].name.endswith("(action only)"):
            return None
        best = ranked[0]
    if trace is not None and ranked[0] is not best:
        # the taken reading first, as the trace promises
        k = next(i for i, r in enumerate(trace.readings) if r.name == best.name)
        trace.readings.insert(0, trace.readings.pop(k))
    return best.cmap


def candidate_readings(table: Table, grid: list[list[Cell | Covered | None]], cues: Cues | None) -> list[Candidate]:
    """Every plausible reading of a table, scored."""
    out: list[Candidate] = []
    for r in range(min(MAX_HEADER_SEARCH, table.n_rows)):
        texts = _row_texts(grid, r)
        n, named = _header_score(texts, cues)
        if _described_items(texts, cues) is not None:
            named = named | {"action"}
        if n == 0:
            continue
        full = n >= 2 and bool(named & {"action", "milestones"} or n >= 3)
        # A header naming only the action column: a plan if the cells show what the other
        # headings do not (dates, owners, RAG words); a lone data row only under the top row.
        loose = named == {"action"} and table.n_rows - r >= (2 if r == 0 else 3)
        trackers_named = named & TRACKERS
        if not (full or loose or len(trackers_named) >= 2):
            continue
        cmap = _column_map(table, grid, r, cues)
        if "action" in cmap.fields:
            only = loose and not full
            out.append(score_reading(table, cmap, f"header row {r}" + (" (action only)" if only else ""), n, r, loose=only))
        elif len(trackers_named) >= 2:
            # Owner, deadline or status headed, the action column not: the column whose cells
            # say what will be done, by cells alone.
            found = _action_from_cells(table, cmap)
            if found is not None:
                out.append(score_reading(table, found, f"header row {r}, action column from cells", n, r))
            else:
                cand = score_reading(table, cmap, f"header row {r}", n, r)
                out.append(cand)
    headerless = _headerless(table, grid)
    if headerless is not None:
        out.append(Candidate("no header: cells only", headerless, 0.6, ["no row names a field; the cells say action, status and owner"]))
    return out


def score_reading(table: Table, cmap: ColumnMap, name: str, named: int, r: int, loose: bool = False) -> Candidate:
    """A whole-table score: the fields the header names, an action present, the trackers
    (owner, deadline, status, progress), columns whose cells agree with their headings, each
    field once, and a header near the top."""
    fields = [f for f in cmap.fields if f]
    have = set(fields)
    trackers = have & TRACKERS
    notes = [f"row {r} names {named} field{'s' if named != 1 else ''}"]
    score = HEADER_FIELD_WEIGHT * named - HEADER_DEPTH_PENALTY * r
    acceptable = True
    if "action" in have:
        score += 0.5
    else:
        notes.append("no action column")
        acceptable = False
    score += 0.1 * len(trackers)
    if not trackers:
        notes.append("no owner, deadline, status or progress column")
        if loose:
            acceptable = False
            notes.append(f"row {r} names only the action column and the cells show no owner, deadline, status or progress")
    from_cells = sum(1 for e in cmap.evidence if e.startswith("cells:"))
    if from_cells:
        notes.append(f"{from_cells} column{'s' if from_cells != 1 else ''} read from cells")
    data_like = [h for r0 in cmap.header_rows for h in _row_data_like(table, r0)]
    if data_like:
        score -= HEADER_DATA_CELL_PENALTY * len(data_like)
        notes.append(f"{len(data_like)} header cell{'s' if len(data_like) != 1 else ''} read like data: "
                     + "; ".join(repr(h[:30]) for h in data_like[:3]))
    disagree = _disagreements(table, cmap)
    score -= 0.1 * len(disagree)
    notes.extend(disagree)
    repeated = [f for f in have if f not in ("owner", "progress") and fields.count(f) > 1]
    if repeated:
        score -= 0.1 * len(repeated)
        notes.append(f"{', '.join(sorted(repeated))} read from more than one column")
    data_rows = table.n_rows - cmap.first_data_row
    if data_rows < 1:
        score -= 0.5
        notes.append("no rows under the header")
    return Candidate(name, cmap, round(score, 3), notes, acceptable)


HEADER_DATA_CELL_PENALTY = 0.15
"""Score lost per cell of a header row that reads like data (a sentence, a date, a number)."""
_FULL_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\s+\d{4}\b")
_NUMBER_CELL = re.compile(r"^[A-Za-z]?\d+(?:\.\d+)*[a-z]?[.)]?$")


def _row_data_like(table: Table, r: int) -> list[str]:
    """The cells of a row that read like data, not headings: long sentences, full dates,
    bare numbers ("2.1")."""
    out = []
    for x in table.row_cells(r):
        t = one_line(x.text)
        if t and (len(t) > 80 or _FULL_DATE.search(t) or _NUMBER_CELL.match(t)):
            out.append(t)
    return out


def _disagreements(table: Table, cmap: ColumnMap) -> list[str]:
    """Columns whose cells contradict their heading: a deadline column with no dates, a
    status column of long narrative. Each costs the reading a little."""
    out: list[str] = []
    first = cmap.first_data_row
    for c, f in enumerate(cmap.fields):
        if f not in ("deadline", "status") or cmap.evidence[c].startswith("cells:"):
            continue
        cells = [x for x in table.cells if x.col == c and x.row >= first][:_INFER_SAMPLE]
        p = _profile(c, cells)
        if p.filled < 3:
            continue
        if f == "deadline" and p.date < 0.2:
            out.append(f"col {c} is headed as the deadline but {p.date:.0%} of its cells are dates")
        elif f == "status" and p.mean > 80 and p.state < 0.2 and p.coloured < 0.5:
            out.append(f"col {c} is headed as the status but holds narrative")
    return out


ACTION_CELLS_MIN_WORDS = 4
"""Words a cell needs to read as a sentence of what will be done."""
ACTION_CELLS_MIN_COVERAGE = 0.6
"""Share of the data rows an unheaded action column must fill."""


def _action_from_cells(table: Table, cmap: ColumnMap) -> ColumnMap | None:
    """The column that holds the actions when no heading says so: the leftmost column with
    no field of its own whose cells are sentences (most of 4 words or more, not dates, not
    names), under a header that names at least two of owner, deadline, status, progress."""
    first = cmap.first_data_row
    rows = max(1, table.n_rows - first)
    best: tuple[float, int, ColumnProfile] | None = None
    for c in range(table.n_cols):
        if cmap.fields[c] is not None or cmap.evidence[c].endswith("known to feed no field"):
            continue
        cells = [x for x in table.cells if x.col == c and x.row >= first][:_INFER_SAMPLE]
        texts = [one_line(x.text) for x in cells if x.text.strip()]
        if len(texts) < 2:
            continue
        sentences = sum(1 for t in texts if len(t.split()) >= ACTION_CELLS_MIN_WORDS) / len(texts)
        p = _profile(c, cells)
        # An action on (nearly) every row; a column filled now and then (a merged objective,
        # a note) is not where the actions are.
        coverage = min(1.0, len(texts) / min(rows, _INFER_SAMPLE))
        if sentences < 0.7 or coverage < ACTION_CELLS_MIN_COVERAGE or p.date >= 0.5 or p.owner >= 0.5 or p.mean < 25:
            continue
        if placeholder_share(texts) >= 0.5:
            continue
        fit = sentences * coverage - 0.01 * c  # the leftmost on a tie: actions come before their trackers
        if best is None or fit > best[0]:
            best = (fit, c, p)
    if best is not None:
        _, c, p = best
        found = ColumnMap(list(cmap.header_rows), list(cmap.headings), list(cmap.fields), cmap.section_heading,
                          list(cmap.evidence), list(cmap.scores))
        found.set(c, "action", f"{cmap.evidence[c]}; cells: sentences of what will be done, under a header that "
                  f"names the owner, deadline or status [{p.say()}]", 0.6)
        _action_from_labels(table, found, first)
        _infer_from_content(table, found, set(), first)
        return found
    return None


def placeholder_share(texts: list[str]) -> float:
    """Share of texts that are only a template placeholder ("[Action]", "Enter text")."""
    return sum(1 for t in texts if placeholder(t) is not None) / len(texts) if texts else 0.0


_INITIALS = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}(?:\s*[/,&]\s*|\s+and\s+)?)+$|^all$", re.I)


def _headerless(table: Table, grid: list[list[Cell | Covered | None]]) -> ColumnMap | None:
    """A small action log printed with no header row (minutes' action tables: "Circulate
    the minutes | KK | New"): one column of sentences saying what will be done, one whose
    every cell is a status word planparse knows, and at most one of owner initials or
    names. Anything less certain is not read as a plan."""
    from ..normalise.status import state_from_words

    if not 2 <= table.n_cols <= 4 or table.n_rows > 60:
        return None
    cols: dict[int, list[str]] = {}
    for cell in table.cells:
        cols.setdefault(cell.col, []).append(one_line(cell.text))
    texts = {c: [t for t in cols.get(c, []) if t] for c in range(table.n_cols)}
    if any(not v for v in texts.values()):
        return None
    fields: list[Field | None] = [None] * table.n_cols
    why = [""] * table.n_cols
    for c, values in texts.items():
        mean = sum(len(v) for v in values) / len(values)
        if mean >= 25 and all(len(v.split()) >= 4 for v in values) and "action" not in fields:
            fields[c], why[c] = "action", "no header; cells: sentences of what will be done"
        elif all(len(v.split()) <= 4 and state_from_words(v) is not None for v in values) and "status" not in fields:
            fields[c], why[c] = "status", "no header; cells: every one a status word"
        elif all(len(v) <= 30 and (_INITIALS.match(v) or owner_like(v)) for v in values) and "owner" not in fields:
            fields[c], why[c] = "owner", "no header; cells: initials or names"
        else:
            return None
    if fields.count(None) or "action" not in fields or "status" not in fields or fields.index("action") != 0:
        return None
    return ColumnMap(header_rows=[], headings=[""] * table.n_cols, fields=fields, evidence=why,
                     scores=[0.6] * table.n_cols)


def _column_map(table: Table, grid: list[list[Cell | Covered | None]], r0: int, cues: Cues | None = None) -> ColumnMap:
    header_rows = [r0]
    headings = [one_line(t) for t in _row_texts(grid, r0)]
    subs: list[str] = [""] * len(headings)
    # A second header row: short texts, at least one naming a field, none looking like data.
    if r0 + 1 < table.n_rows:
        below = _row_texts(grid, r0 + 1)
        own = [isinstance(x, Cell) for x in grid[r0 + 1]]
        short = all(len(one_line(t)) <= 40 for t, o in zip(below, own, strict=True) if o)
        naming = [i for i, (t, o) in enumerate(zip(below, own, strict=True)) if o and field_for_heading(t, cues)]
        if (table.header_rows >= r0 + 2 or short) and naming and any(
            isinstance(grid[r0][i], Covered) or field_for_heading(headings[i], cues) is None
            or headings[i] == one_line(below[i]) for i in naming
        ):
            header_rows.append(r0 + 1)
            for i, (t, o) in enumerate(zip(below, own, strict=True)):
                t = one_line(t)
                if o and t and t != headings[i]:
                    subs[i] = t
                    headings[i] = f"{headings[i]} / {t}" if headings[i] else t
    fields: list[Field | None] = []
    evidence: list[str] = []
    scores: list[float] = []
    skipped: set[int] = set()
    for h, sub in zip(headings, subs, strict=True):
        # Under a group heading ("Timescale" over "Start | Complete by") the sub-heading
        # decides; the group heading only when the sub-heading says nothing.
        reading: HeadingReading | None = read_heading(sub, cues) if sub else None
        source = "sub-heading"
        if reading is None or reading.rule is None:
            reading, source = read_heading(h, cues), "heading"
        if reading.rule is None and "/" in h:
            reading, source = read_heading(h.split("/")[-1], cues), "heading after '/'"
        if reading.rule == "_skip":
            skipped.add(len(fields))
        fields.append(reading.field)
        if reading.rule == "_skip":
            evidence.append(f"{source}: {reading.evidence}: known to feed no field")
        elif reading.rule is None:
            evidence.append(f"{source}: {reading.evidence}")
        else:
            evidence.append(f"{source}: {reading.evidence}")
        scores.append(reading.score)
    cmap = ColumnMap(header_rows=header_rows, headings=headings, fields=fields, evidence=evidence, scores=scores)
    cmap.section_heading = _header_section(cmap)
    first_data = max(header_rows) + 1
    for c, f in enumerate(fields):
        if f == "objective" and _is_category_column(table, c, first_data):
            cmap.set(c, None, "cells: a handful of short category words, not an objective", 0.0)
        elif f == "action" and fields.count("action") > 1 and _is_category_column(table, c, first_data, max_words=3):
            # "Task Category" beside "Task Description": the category is no action
            cmap.set(c, None, f"{cmap.evidence[c]}; cells: a handful of short category words, not actions", 0.0)
            skipped.add(c)
    skipped |= _settle_duplicates(cmap)
    described = _described_items(headings, cues) if "action" not in fields else None
    if described is not None and _narrative(table, described[1], first_data):
        name, desc = described
        cmap.set(desc, "action", f"heading: {cmap.headings[desc]!r} beside the names in {cmap.headings[name]!r}, "
                 "no action column: each item's description is what will be done", 0.8)
    if "action" not in fields and "milestones" in fields and {"owner", "deadline", "status"} & set(fields):
        # A milestone log ("Milestone | Target date | Responsible party"): no column is the
        # action, the milestones are the things to do, one to a row.
        c = fields.index("milestones")
        cmap.set(c, "action", f"{cmap.evidence[c]}; no action column, so the milestones are the rows to do", 0.8)
    if "action" in fields:
        _action_from_labels(table, cmap, first_data)
        _infer_from_content(table, cmap, skipped, first_data)
    return cmap


NAMED_ITEM_CUES = frozenset({"dataset_name", "item_name"})
"""Column cues (``knowledge/columns.toml`` pattern ids) whose columns name the items a table
lists ("Dataset Name", "Project name")."""
DESCRIPTION_MIN_CHARS = 25
"""Mean length (characters) of a description column's cells for it to be read as the
action of a list of named items: sentences, not labels."""


def _described_items(headings: list[str], cues: Cues | None) -> tuple[int, int] | None:
    """(name column, description column) of a list of named items with a deadline and no
    action column: "Dataset Name | Description | Date of release" (the publication plans of
    the 2012 departmental open data strategies), "Project name | Description | Target date".
    The description is the nearest column right of the names whose heading reads as the
    objective ("Description"); the names stay the objective."""
    readings = [read_heading(h, cues) if h else None for h in headings]
    fields = [r.field if r else None for r in readings]
    if "action" in fields or "deadline" not in fields:
        return None
    for i, r in enumerate(readings):
        if r is None or r.cue not in NAMED_ITEM_CUES:
            continue
        for j in range(i + 1, len(readings)):
            rj = readings[j]
            if rj is not None and rj.field == "objective" and rj.cue not in NAMED_ITEM_CUES:
                return i, j
        return None
    return None


def _narrative(table: Table, col: int, first_data: int) -> bool:
    texts = [one_line(x.text) for x in table.cells if x.col == col and x.row >= first_data and x.text.strip()]
    texts = texts[:_INFER_SAMPLE]
    return bool(texts) and sum(len(t) for t in texts) / len(texts) >= DESCRIPTION_MIN_CHARS


_YES_NO = frozenset({"y", "n", "yes", "no", "n/a", "na", "y/n", "tbc"})
_LABEL_CELL = re.compile(r"^(?:[A-Za-z][A-Za-z ]{0,24}\s)?\d{1,3}(?:\.\s?\d{1,3}){0,3}[a-z]?[.)]?$")


_LABELLED_REF = re.compile(r"^[A-Za-z][A-Za-z ]{1,24}\s(\d{1,3}(?:\.\s?\d{1,3}){1,3}[a-z]?)$")


def _action_from_labels(table: Table, cmap: ColumnMap, first_data: int) -> None:
    """A column headed "Activity" that holds only labels and numbers ("Activity 3.3.1",
    "Dataset 4.1.2") is the reference; the narrative beside it is the action."""
    a = cmap.fields.index("action")
    cells = [x for x in table.cells if x.col == a and x.row >= first_data][:_INFER_SAMPLE]
    texts = [one_line(x.text) for x in cells if x.text.strip()]
    if len(texts) < 2 or sum(1 for t in texts if _LABEL_CELL.match(t)) < 0.8 * len(texts):
        return
    for c in range(a + 1, table.n_cols):
        if cmap.fields[c] not in (None, "objective"):
            continue
        narrative = [one_line(x.text) for x in table.cells if x.col == c and x.row >= first_data and x.text.strip()][:_INFER_SAMPLE]
        if len(narrative) >= 0.8 * len(texts) and sum(len(t) for t in narrative) / len(narrative) >= 40:
            cmap.set(c, "action", f"{cmap.evidence[c]}; cells: the narrative beside a column of labels and numbers", 0.8)
            if "ref" in cmap.fields:
                cmap.set(a, None, f"{cmap.evidence[a]}; cells: labels and numbers only, not actions", 0.0)
            else:
                cmap.set(a, "ref", f"{cmap.evidence[a]}; cells: labels and numbers only, so the reference", 0.8)
            return


_INFER_SAMPLE = 60
_REF_CELL = re.compile(r"^(?:[A-Z]{1,4}\s?)?\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?[.)]?$|^[a-z][.)]$")
_ROLE_WORDS = re.compile(
    r"\b(director|manager|head|lead|leads|chair|officer|coordinator|co-ordinator|team|board|council|"
    r"police|trust|service|services|group|partnership|nurse|consultant|governor|headteacher|"
    r"senco|dsl|commissioner|executive|sub-group|subgroup|all partners|all agencies)\b",
    re.I,
)


_PERSON = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|cllr|prof|sister|insp|supt|det|dci|di)\.?\s+)?"
    r"(?:[A-Z]\.?\s*)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$|^(?:mr|mrs|ms|miss|dr)\.?\s+[A-Z]",
)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]{1,6}s?$")
_OWNER_SPLIT = re.compile(r"\s*(?:/|,|;|&|\n|\band\b|\s[-–—]\s|\(|\))\s*")
_PAST = re.compile(
    r"\b(?:\w{3,}ed|was|were|has|have|had|is now|are now|now in place|in place|under ?way|done|"
    r"complete|completed|achieved|agreed|delivered|launched|published|began|begun|held)\b", re.I)
_DATED = re.compile(r"\b(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{2,4}|q[1-4])\b", re.I)
_MEASURE = re.compile(r"\d+\s*%|\b(?:measure|measured|target|reduction|reduce|increase|fewer|more than|less than|at least|all|every|no)\b", re.I)


def owner_like(text: str) -> bool:
    """True for an owner cell: short names, roles, bodies or their acronyms, not a sentence."""
    flat = one_line(text)
    if not flat or len(flat) > 120 or flat.endswith(".") and len(flat.split()) > 6:
        return False
    parts = [p for p in _OWNER_SPLIT.split(text) if p and p.strip()]
    if not parts:
        return False
    good = 0
    for part in parts:
        part = part.strip(" .:")
        words = part.split()
        if not words or len(words) > 8 or len(part) < 2:
            continue
        if _ROLE_WORDS.search(part) or _ACRONYM.match(part) or _PERSON.match(part) or (
            part.isupper() and sum(ch.isalpha() for ch in part) >= 2 and len(part) <= 12
        ):
            good += 1
    return good >= 0.6 * len(parts)


@dataclass(slots=True)
class ColumnProfile:
    """What a column's cells hold, as shares of its filled cells (a sample of them)."""

    col: int
    filled: int
    mean: float
    merged: bool
    ref: float = 0.0
    date: float = 0.0
    rag: float = 0.0
    state: float = 0.0
    fills: float = 0.0
    owner: float = 0.0
    past: float = 0.0
    measure: float = 0.0
    coloured: float = 0.0
    """Share of filled cells shaded in a RAG colour."""
    rows: int = 0
    """Cells looked at, blank ones included."""
    lines: float = 0.0
    """Mean lines a filled cell holds."""
    figures: float = 0.0
    """Share of filled cells that open with a figure ("41.2%", "1,204")."""
    capitals: float = 0.0
    """Share of words (past the first) that start with a capital: names and bodies are written so."""
    yesno: float = 0.0
    """Share of filled cells that are only yes or no (Y, N, Yes, No, N/A)."""
    report: float = 0.0
    """Share of filled cells that report what was done (knowledge/tables.toml [report_words])."""
    target: float = 0.0
    """Share of filled cells that state targets or measures ([target_words])."""
    accept: float = 0.0
    """Share of filled cells that open with a response to a recommendation ("Agreed. ...")."""

    def say(self) -> str:
        return (f"{self.filled} cells, mean {self.mean:.0f} chars; dates {self.date:.0%}, RAG {self.rag:.0%}, "
                f"owners {self.owner:.0%}, done-words {self.past:.0%}, reports {self.report:.0%}, targets {self.target:.0%}")


def _profile(c: int, cells: list[Cell]) -> ColumnProfile:
    from ..normalise.dates import parse_deadline
    from ..normalise.status import rag_from_fill, rag_from_words, state_from_words

    filled = [x for x in cells if x.text.strip()]
    n = len(filled)
    texts = [one_line(x.text) for x in filled]
    mean = sum(len(t) for t in texts) / n if n else 0.0
    prof = ColumnProfile(c, n, mean, any(x.row_span > 1 for x in filled), rows=len(cells))
    if cells:
        prof.fills = sum(1 for x in cells if not x.text.strip() and rag_from_fill(x.fill) is not None) / len(cells)
    if not n:
        return prof

    def is_date(text: str) -> bool:
        if "%" in text:
            return False  # "41.2% (2023/24)": a figure for a year, not a date to meet
        d = parse_deadline(text).deadline
        return d is not None and (d.date is not None or d.ongoing)

    def dated_cell(x: Cell) -> bool:
        lines = [ln.removeprefix(BULLET).strip() for ln in x.text.split("\n") if ln.strip()]
        if len(lines) > 1 and all(len(ln) <= 60 for ln in lines):
            return sum(1 for ln in lines if is_date(ln)) >= 0.6 * len(lines)
        return len(one_line(x.text)) <= 60 and is_date(x.text)

    share = lambda test: sum(1 for x in filled if test(x)) / n  # noqa: E731
    prof.ref = share(lambda x: bool(_REF_CELL.match(one_line(x.text))))
    prof.date = share(dated_cell)
    prof.rag = share(lambda x: rag_from_words(x.text) is not None)
    prof.state = share(lambda x: rag_from_words(x.text) is not None or state_from_words(x.text) is not None)
    distinct = len({t.lower() for t in texts})
    # Codes ("D", "P") and category words repeated down the column are not owners.
    # Codes ("D", "P") repeated down the column are not owners; the same manager on every
    # row is.
    prof.owner = share(lambda x: not _is_status_word(x.text) and names_an_owner(x.text)) \
        if mean >= 3 and (distinct >= min(3, n) or mean >= 8) else 0.0
    prof.past = share(lambda x: bool(_PAST.search(x.text) or _DATED.search(x.text)))
    prof.measure = share(lambda x: bool(_MEASURE.search(x.text)))
    prof.coloured = share(lambda x: rag_from_fill(x.fill) is not None)
    prof.yesno = share(lambda x: one_line(x.text).lower().rstrip(".") in _YES_NO)
    prof.report = share(lambda x: reports_progress(x.text))
    words = [w for t in texts for w in t.split()[1:] if w[:1].isalpha() and w.lower() not in _LINK_WORDS]
    prof.capitals = sum(1 for w in words if w[:1].isupper()) / len(words) if words else 1.0
    prof.figures = share(lambda x: bool(re.match(r"\s*[£$]?\d[\d,.]*\s*%?", x.text)) and not _is_status_word(x.text.split("(")[0]) or
                         bool(re.match(r"\s*\d[\d,.]*\s*%?\s*\(", x.text)))
    prof.lines = sum(len([ln for ln in x.text.split("\n") if ln.strip()]) for x in filled) / n
    prof.target = share(lambda x: states_targets(x.text))
    prof.accept = share(lambda x: _opens_with_acceptance(x.text))
    return prof


_LINK_WORDS = frozenset({"of", "for", "and", "the", "to", "in", "with", "at", "on", "or", "&"})


def _is_status_word(text: str) -> bool:
    from ..normalise.status import rag_from_words, state_from_words

    flat = one_line(text)
    return len(flat) <= 30 and (rag_from_words(flat) is not None or state_from_words(flat) is not None)


def _opens_with_acceptance(text: str) -> bool:
    """ "Agreed. Supplier bank detail changes will be verified ...": a management response."""
    from ..normalise.status import read_phrase

    first = re.split(r"[.;:\n–-]", one_line(text), maxsplit=1)[0][:40]
    return bool(first) and read_phrase(first).kind == "acceptance"


def _infer_from_content(table: Table, cmap: ColumnMap, skipped: set[int], first_data: int) -> None:
    """Give a field to a column whose heading named none, when the field is missing and the
    cells leave no doubt: short numbers left of the action -> ref, merged or long text left
    of it -> objective, dates -> deadline, RAG words or bare fills -> status, names, roles
    and bodies -> owner (a second such column beside the owner column too), the narrative
    right of the action that reports what was done -> progress, another that states
    measures -> evidence. Headings are worded a hundred ways; a plan's cells are not."""
    fields = cmap.fields
    action_c = fields.index("action")
    columns: dict[int, list[Cell]] = {}
    for cell in table.cells:
        if cell.row >= first_data:
            columns.setdefault(cell.col, []).append(cell)
    free = [c for c in range(table.n_cols) if fields[c] is None and c not in skipped and c != action_c]
    # enough cells to judge; a 10,000-row table is not read twice
    profiles = {c: _profile(c, columns.get(c, [])[:_INFER_SAMPLE]) for c in free}
    if "status" not in fields:
        # A column headed "Progress" or "Update" whose cells are only status words, often on
        # RAG fills ("On track", "Plan in place", "Complete"), is the status column.
        for c in cmap.columns("progress"):
            p = _profile(c, columns.get(c, [])[:_INFER_SAMPLE])
            if p.filled >= 2 and p.mean <= 30 and max(p.state, p.coloured) >= 0.7:
                cmap.set(c, "status", f"{cmap.evidence[c]}; cells: short status words{' on RAG fills' if p.coloured >= 0.7 else ''}, not narrative [{p.say()}]", 0.8)
                break

    n_data = max(0, table.n_rows - first_data)
    ranked = {c: field_scores(profiles[c], c, action_c, n_data) for c in free}
    # Best-supported first: each column its best field that is still free; each field once
    # (a second owner column only beside the first).
    # On a tie the leftmost column, but the rightmost of two dated ones: "Start | Complete by".
    options = sorted(((fs.score, c, fs) for c in free for fs in ranked[c]),
                     key=lambda t: (-t[0], -t[1] if t[2].field == "deadline" else t[1]))
    for _, c, fs in options:
        if c not in free:
            continue
        if fs.field in fields:
            # Names beside the owner column under a heading that says nothing: a second owner
            # column ("Lead agency | Lead officer"); partners and monitors are known headings
            # that feed no field (knowledge/columns.toml 'others_involved'), so never free.
            beside = any(fields[k] == "owner" for k in (c - 1, c + 1) if 0 <= k < len(fields))
            if not (fs.field == "owner" and beside and profiles[c].owner >= SECOND_OWNER_MIN_SHARE):
                continue
            if _lists_several(columns.get(c, [])[:_INFER_SAMPLE]):
                continue  # "Police, ICB, Probation, Fire": the partners beside the lead
            fs = FieldScore("owner", round(fs.score - 0.2, 2), "names, roles and bodies beside the owner column")
        if fs.field == "evidence" and "progress" not in fields and not any(
            o.field == "progress" for k in free if k != c for o in ranked[k]
        ):
            continue
        others = "; ".join(f"{o.field} {o.score:.2f}" for o in ranked[c] if o is not fs and o.field != fs.field)
        cmap.set(c, fs.field, f"cells: {fs.why} [{profiles[c].say()}]" + (f"; also fits {others}" if others else ""), fs.score)
        free.remove(c)
    for c in free:
        fits = ", ".join(f"{o.field} {o.score:.2f}" for o in ranked[c])
        cmap.evidence[c] += (f"; cells fit {fits}, not taken" if fits else "; cells fit no field missing") + \
            f" [{profiles[c].say()}]"


OWNER_MIN_CAPITALS = 0.5
"""Share of an owner column's words (past each cell's first) written with a capital: names,
roles and bodies are ("Exchequer Services Manager"); "Required for all agencies" is not."""
SECOND_OWNER_MIN_SHARE = 0.7
"""Share of a column's cells that must name owners for it to be a second owner column."""
SECOND_OWNER_MAX_NAMED = 1.6
"""A column of names beside the owner column is a second owner column ("Executive lead |
Operational lead") when its cells name at most this many owners on average; more, and it
lists the partners around the lead."""


def _lists_several(cells: list[Cell]) -> bool:
    from ..normalise.owners import split_owners

    counts = [len(split_owners(x.text)) for x in cells if x.text.strip()]
    # one cell is thin evidence that a column lists partners rather than leads
    return len(counts) >= 2 and sum(counts) / len(counts) > SECOND_OWNER_MAX_NAMED


@dataclass(slots=True, frozen=True)
class FieldScore:
    """How well a column's cells fit one field, and why."""

    field: Field
    score: float
    why: str


def field_scores(p: ColumnProfile, c: int, action_c: int, n_data: int) -> list[FieldScore]:
    """Every field a column's cells support, best first, from its profile and its place
    beside the action column. Headings are worded a hundred ways; a plan's cells are not:
    dates, RAG and status words, names and roles, narrative that reports what was done."""
    out: list[FieldScore] = []
    need = 1 if n_data <= 1 else 2
    if p.filled < need:
        if p.fills >= 0.6:
            out.append(FieldScore("status", round(0.5 + 0.45 * p.fills, 2), "blank with RAG fills"))
        return out
    left, right = c < action_c, c > action_c
    if p.filled < 2:
        # One cell is thin evidence: only a date, or names in capitals, say enough.
        if p.date >= 1.0 and p.mean <= 160:
            out.append(FieldScore("deadline", 0.7, "a date (the only data row)"))
        elif p.owner >= 1.0 and p.capitals >= 0.8 and p.mean <= 200:
            out.append(FieldScore("owner", 0.6, "names, roles or bodies (the only data row)"))
        elif left and p.mean >= 25:
            out.append(FieldScore("objective", 0.6, "long text left of the action (the only data row)"))
        return out
    if left and p.mean <= 10 and p.ref >= 0.6:
        out.append(FieldScore("ref", round(0.6 + 0.3 * p.ref, 2), "short numbers left of the action"))
    if left and (p.mean >= 25 or p.merged) and p.mean >= 12:
        out.append(FieldScore("objective", 0.7, f"{'merged' if p.merged else 'long'} text left of the action"))
    if p.date >= 0.6 and p.mean <= 160:
        out.append(FieldScore("deadline", round(0.5 + 0.45 * p.date, 2), "mostly dates"))
    # Y/N cells answer the column's own question ("Open Government Licence (Y/N)"), not
    # how the action stands.
    if p.mean <= 30 and p.state >= 0.6 and p.yesno < 0.6:
        # A status column says something on most rows; a trend or comment column now and then.
        coverage = p.filled / p.rows if p.rows else 1.0
        # Figures ("41.2% (2023/24)") read as percentages done, but a column of them is data.
        figures = p.figures if p.rag < 0.5 else 0.0
        out.append(FieldScore("status", round(0.5 + 0.45 * max(p.rag, p.state) * (0.5 + 0.5 * coverage) - 0.3 * figures, 2),
                              "mostly RAG or status words"))
    if (p.mean <= 80 or (p.mean <= 200 and p.lines >= 1.5)) and p.owner >= 0.6 and p.capitals >= OWNER_MIN_CAPITALS:
        out.append(FieldScore("owner", round(0.4 + 0.5 * p.owner, 2), "mostly names, roles and bodies"))
    if right and p.mean >= 40 and p.accept < 0.5:
        coverage = p.filled / p.rows if p.rows else 1.0
        # Progress reports quote figures too ("rose from 34% to 86%"): targets without
        # report words are the measures of success.
        if p.target >= 0.6 and p.report < 0.4:
            out.append(FieldScore("evidence", round(0.4 + 0.3 * p.target, 2), "narrative right of the action stating targets and measures"))
        elif p.report >= 0.5 or (p.mean >= 80 and p.filled >= 3):
            # An update is written on most rows; an outcome column now and then.
            score = (0.35 + 0.35 * p.report + 0.15 * min(1.0, p.mean / 200) + 0.15 * coverage
                     - 0.2 * max(0.0, p.target - p.report))
            out.append(FieldScore("progress", round(score, 2), "narrative right of the action reporting what was done"))
    return sorted(out, key=lambda fs: -fs.score)


def _header_section(cmap: ColumnMap) -> str | None:
    """A header cell that is a section title ("PRIORITY 1 Improve the protection of ...").

    Business plans print one table per priority with the priority statement as the first
    heading and its strands in the cell below: the heading is the section, the column the
    objective. Returns the heading's text and maps its column to the objective.
    """
    for c, (h, f) in enumerate(zip(cmap.headings, cmap.fields, strict=True)):
        if len(h) > 25 and _SECTION_HEAD.match(h) and (f == "objective" or (f is None and "objective" not in cmap.fields)):
            cmap.set(c, "objective", "heading is a section title ('PRIORITY 1 ...'): the column holds its strands", 0.9)
            return h
    return None


def _is_category_column(table: Table, c: int, first_data: int, max_words: int = 2) -> bool:
    """True when a column's cells are a handful of short category words ("Risk", "Issue",
    "High"), so it is not the objective even if its heading says so."""
    values = [one_line(cell.text) for cell in table.cells if cell.col == c and cell.row >= first_data]
    filled = [v for v in values if v]
    if len(filled) < 2:
        return False
    if is_rating_column(filled):
        return True
    short = all(len(v) <= 10 * max_words and len(v.split()) <= max_words for v in filled)
    return short and len(set(v.lower() for v in filled)) <= max(2, len(filled) // 2)


_ACTION_WORDS = re.compile(r"\b(actions?|activit(y|ies)|tasks?)\b", re.I)


def _settle_duplicates(cmap: ColumnMap) -> set[int]:
    """One column per single-valued field; owner and progress may come from several.

    With both a "Recommendation" and an "Action" column, the action column holds the
    actions and the recommendation is what they answer (the objective, if none other).
    """
    fields, headings = cmap.fields, cmap.headings
    action_cols = [i for i, f in enumerate(fields) if f == "action"]
    if len(action_cols) > 1:
        preferred = [i for i in action_cols if _ACTION_WORDS.search(headings[i])]
        if preferred and preferred[0] != action_cols[0]:
            for i in action_cols:
                if i != preferred[0]:
                    if "objective" not in fields:
                        cmap.set(i, "objective", f"{cmap.evidence[i]}; a column headed as actions exists, so this is what they answer", 0.8)
                    else:
                        cmap.set(i, None, f"{cmap.evidence[i]}; a column headed as actions exists", 0.0)
            fields[preferred[0]] = "action"
    demoted: set[int] = set()  # headed as a field another column holds: not read from cells
    # The surest reading of a single-valued field wins ("Deadline" over "Meeting date"),
    # the earlier column on a tie.
    best: dict[Field, int] = {}
    for i, f in enumerate(fields):
        if f is None or f in ("owner", "progress"):
            continue
        if f not in best or cmap.scores[i] > cmap.scores[best[f]]:
            best[f] = i
    for i, f in enumerate(fields):
        if f is None or f in ("owner", "progress") or best[f] == i:
            continue
        k = best[f]
        where = "an earlier" if k < i else "a surer"
        cmap.set(i, None, f"{cmap.evidence[i]}; {f} already read from {where} column ({cmap.headings[k]!r})", 0.0)
        demoted.add(i)
    return demoted


# --------------------------------------------------------------------------- plan or not


def _status_matrix(table: Table, cmap: ColumnMap) -> str | None:
    """Why the "action" column holds no actions: its cells are a few short words repeated
    down the column (status words, ratings, Y/N) - a scorecard or matrix, not a plan."""
    from ..normalise.status import rag_from_words, state_from_words

    a = cmap.fields.index("action")
    texts = [one_line(x.text) for x in table.cells if x.col == a and x.row >= cmap.first_data_row and x.text.strip()]
    texts = texts[:_INFER_SAMPLE]
    if len(texts) < 3:
        return None
    short = [t for t in texts if len(t.split()) <= 3]
    if len(short) < 0.8 * len(texts):
        return None
    statusy = sum(1 for t in short if state_from_words(t) is not None or rag_from_words(t) is not None
                  or t.lower().rstrip(".") in _YES_NO)
    if statusy >= 0.6 * len(texts) or len({t.lower() for t in texts}) <= max(2, len(texts) // 4):
        return (f"the column read as the action ({cmap.headings[a]!r}) holds a few short words repeated "
                "(status words, ratings or Y/N), not actions: a status matrix")
    return None


def judge_table(table: Table, cmap: ColumnMap | None) -> TableVerdict:
    """Is this table an action plan? Plans have an action column and something that tracks it."""
    if cmap is None:
        return TableVerdict(False, 0.0, "no header row naming an action, owner, deadline or status")
    fields = {f for f in cmap.fields if f}
    data_rows = table.n_rows - cmap.first_data_row
    if "action" not in fields:
        return TableVerdict(False, 0.2, f"no action column (columns: {', '.join(cmap.headings)})")
    trackers = fields & {"owner", "deadline", "status", "progress"}
    if not trackers:
        return TableVerdict(False, 0.3, "an action column but no owner, deadline, status or progress column")
    if data_rows < 1:
        return TableVerdict(False, 0.3, "a header row with no rows under it")
    matrix = _status_matrix(table, cmap)
    if matrix:
        return TableVerdict(False, 0.2, matrix)
    confidence = min(1.0, 0.55 + 0.1 * len(trackers) + 0.05 * len(fields & {"objective", "evidence", "ref"}))
    return TableVerdict(True, round(confidence, 2), f"action column with {', '.join(sorted(trackers))}")


# --------------------------------------------------------------------------- sections

_SECTION_WORDS = (
    r"area|section|part|priority|theme|objective|workstream|work stream|domain|outcome|"
    r"strategic priority|key area|key priority|standard|aim|goal|strand"
)
_SECTION_HEAD = re.compile(
    rf"^(?:{_SECTION_WORDS})\s+(?P<ref>[A-Z]?\d{{1,3}}(?:\.\d{{1,2}})?[a-z]?|[A-Z])\s*(?:[-–—:.)]+\s*|\s+)(?P<title>.+)$",
    re.I,
)
_NUMBERED_SECTION = re.compile(r"^\d{1,2}(?:\.0)?\s*[.)]*\s+\S")


def parse_section(text: str) -> Section:
    """ "Area 1 – Board Effectiveness" -> ref 1; "2.0 Prevention" -> ref 2.0; else no ref."""
    flat = one_line(text)
    m = _SECTION_HEAD.match(flat)
    if m:
        return Section(ref=m.group("ref"), title=m.group("title").strip())
    ref, rest = split_ref(flat)
    if ref is not None:
        return Section(ref=ref, title=rest.strip())
    return Section(ref=None, title=flat)


def looks_like_section_heading(text: str) -> bool:
    flat = one_line(text)
    return bool(flat) and len(flat) <= 120 and bool(_SECTION_HEAD.match(flat) or _NUMBERED_SECTION.match(flat))


# --------------------------------------------------------------------------- rows


@dataclass(slots=True)
class _RowView:
    """One grid row seen through the column map."""

    index: int
    own: list[str]
    """Text of the cells that start in this row ('' elsewhere)."""
    shown: list[str]
    """Text shown at each position, a merged cell's text included."""
    fills: list[str | None]
    origin_rows: list[int]
    pages: list[int]

    def own_nonempty(self) -> list[int]:
        return [i for i, t in enumerate(self.own) if t.strip()]


def _view(
    table: Table, grid: list[list[Cell | Covered | None]], r: int, merged: dict[int, str] | None = None
) -> _RowView:
    """``merged`` caches a merged cell's tidied text by the cell's identity, so a cell merged
    over many rows is rendered and tidied once, not once per row (issue 14)."""
    own, shown, fills, origins = [], [], [], []
    pages: set[int] = set(table.row_pages[r]) if r < len(table.row_pages) else set()
    for x in grid[r]:
        if isinstance(x, Cell):
            own.append(tidy(x.text))
            shown.append(tidy(x.text))
            fills.append(x.fill)
            origins.append(x.row)
            if not pages:
                pages.update(x.pages)
        elif isinstance(x, Covered):
            own.append("")
            if merged is None:
                shown.append(tidy(x.origin.text))
            else:
                key = id(x.origin)
                if key not in merged:
                    merged[key] = tidy(x.origin.text)
                shown.append(merged[key])
            fills.append(x.origin.fill)
            origins.append(x.origin.row)
        else:
            own.append("")
            shown.append("")
            fills.append(None)
            origins.append(r)
    return _RowView(r, own, shown, fills, origins, sorted(pages))


def _first(cols: list[int]) -> int | None:
    return cols[0] if cols else None


def _join(values: list[str]) -> str | None:
    parts = [v for v in values if v and v.strip()]
    return "\n".join(parts) if parts else None


def _unique_headings(headings: list[str]) -> list[str]:
    out: list[str] = []
    for i, h in enumerate(headings):
        name = h or f"Column {i + 1}"
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return out


def _is_header_repeat(view: _RowView, cmap: ColumnMap) -> bool:
    texts = [one_line(t).lower() for t in view.shown]
    heads = [h.lower() for h in cmap.headings]
    matches = sum(1 for t, h in zip(texts, heads, strict=False) if t and h and (t == h or h.startswith(t)))
    return matches >= max(2, (sum(1 for h in heads if h) + 1) // 2)


def _section_row(view: _RowView, table: Table, grid: list[list[Cell | Covered | None]], cmap: ColumnMap) -> tuple[str, str] | None:
    """Text of a full-width section row ("2.0 Prevention") and the rule that saw it, or None."""
    filled = view.own_nonempty()
    if len(filled) != 1:
        return None
    c = filled[0]
    cell = grid[view.index][c]
    text = view.own[c]
    if not isinstance(cell, Cell) or len(one_line(text)) > 150:
        return None
    wide = cell.col_span >= max(2, table.n_cols - 1)
    if wide:
        return text, "section_row.full_width"
    # An unmerged row with text in one cell only: a section when numbered like one and
    # not in the action column (a numbered action with nothing else is still an action).
    if cmap.fields[c] != "action" and c == 0 and _NUMBERED_SECTION.match(one_line(text)) and all(
        not t.strip() for t in view.shown[1:]
    ):
        return text, "section_row.numbered_first_cell"
    return None


def rows_to_raw(
    table: Table,
    cmap: ColumnMap,
    section: Section | None,
    start_row: int | None = None,
    trace: TableTrace | None = None,
) -> list[RawRecord]:
    """Turn a plan table's data rows into raw records (one per action row).

    * a full-width row starts a section;
    * a row with action text starts an action; a vertically merged objective (or one left
      blank under the row that printed it) applies to every action under it;
    * a row with no action text but its own deadline or status is a milestone of the
      action above; one with only more text continues the action above.
    """
    grid = table.grid()
    names = _unique_headings(cmap.headings)
    action_c = _first(cmap.columns("action"))
    objective_c = _first(cmap.columns("objective"))
    ref_c = _first(cmap.columns("ref"))
    deadline_c = _first(cmap.columns("deadline"))
    evidence_c = _first(cmap.columns("evidence"))
    status_cs = cmap.columns("status")
    owner_cs = cmap.columns("owner")
    progress_cs = cmap.columns("progress")
    assert action_c is not None
    records: list[RawRecord] = []
    last_objective: str | None = None
    first = cmap.first_data_row if start_row is None else start_row
    if cmap.section_heading is not None:
        section = parse_section(cmap.section_heading)
    # A full-width title row above the header ("1.0 Safeguarding Board") opens a section.
    def note(r: int, fate: RowFate, rule: str, detail: str = "") -> None:
        if trace is not None:
            trace.row(r, fate, rule, detail)

    for r in range(0, min(cmap.header_rows) if cmap.header_rows and start_row is None else 0):
        sec = _section_row(_view(table, grid, r), table, grid, cmap)
        if sec is not None and looks_like_section_heading(sec[0]):
            section = parse_section(sec[0])
            note(r, "title_section", f"{sec[1]} above the header", one_line(sec[0])[:60])
        else:
            note(r, "skipped", "above the header")
    if start_row is None:
        for r in cmap.header_rows:
            note(r, "header", "header.chosen")

    merged: dict[int, str] = {}  # the grid holds every origin cell alive while this runs
    for r in range(first, table.n_rows):
        view = _view(table, grid, r, merged)
        if not view.own_nonempty():
            note(r, "empty", "row.no_own_text")
            continue
        if _is_header_repeat(view, cmap):
            note(r, "header_repeat", "row.repeats_header")
            continue
        sec = _section_row(view, table, grid, cmap)
        if sec is not None:
            section = parse_section(sec[0])
            last_objective = None
            note(r, "section", sec[1], one_line(sec[0])[:60])
            continue

        objective = None
        if objective_c is not None:
            objective = view.shown[objective_c] or None
            if objective is not None:
                last_objective = objective
            elif not table.merges_known:
                # Without ruling lines a merged objective prints once, above blank cells;
                # numbering that restarts at 1 with no objective ends the merge.
                if _restarts_numbering(view.own[action_c]):
                    last_objective = None
                objective = last_objective

        status_c = next((c for c in status_cs if view.shown[c] or view.fills[c]), _first(status_cs))
        action_own = view.own[action_c]
        if action_own and placeholder(action_own) is not None:
            # A template's "[Action]" or "Click here to enter text" is never an action.
            note(r, "skipped", f"row.placeholder.{placeholder(action_own)}", one_line(action_own)[:60])
            continue
        if action_own:
            ref = None
            text = action_own
            if ref_c is not None and view.shown[ref_c]:
                ref = one_line(view.shown[ref_c]).rstrip(".):") or None
                labelled = _LABELLED_REF.match(ref or "")
                if labelled:  # "Activity 3.3.1" -> "3.3.1"
                    ref = labelled.group(1)
                if ref is not None:
                    _, text = _strip_same_ref(ref, text)
            else:
                ref, text = split_ref(text)
                if ref is None and objective_c is not None and objective:
                    obj_cell = grid[r][objective_c]
                    if isinstance(obj_cell, Cell) and obj_cell.row_span == 1:
                        oref, otext = split_ref(objective)
                        if oref is not None:
                            ref, objective = oref, otext
            deadline_text = view.shown[deadline_c] if deadline_c is not None and view.shown[deadline_c] else None
            base = RawRecord(
                table=table.index,
                rows=[r],
                pages=list(view.pages),
                ref=ref,
                section=section,
                objective=objective,
                action=tidy(text),
                owner_text=_join([view.shown[c] for c in owner_cs]),
                deadline_text=deadline_text,
                status_text=view.shown[status_c] if status_c is not None and view.shown[status_c] else None,
                status_fill=view.fills[status_c] if status_c is not None else None,
                progress=_join([view.shown[c] for c in progress_cs]),
                evidence=view.shown[evidence_c] if evidence_c is not None and view.shown[evidence_c] else None,
                fields={n: view.shown[i] for i, n in enumerate(names)},
                columns=_field_columns(
                    action=[action_c], ref=[ref_c], objective=[objective_c], owner=owner_cs,
                    deadline=[deadline_c], status=[status_c], progress=progress_cs, evidence=[evidence_c],
                ),
            )
            listed = split_listed_actions(base, cmap.headings[action_c])
            records.extend(listed)
            if len(listed) > 1:
                note(r, "actions", "row.listed_actions", f"{len(listed)} actions listed in one cell")
            else:
                note(r, "action", "row.action_text", base.action[:60])
            continue

        if not records or records[-1].table != table.index:
            note(r, "before_first_action", "row.no_action_yet")
            continue  # text before the first action (e.g. an objective-only row)
        prev = records[-1]
        own_deadline = deadline_c is not None and bool(view.own[deadline_c])
        own_status = status_c is not None and (
            bool(view.own[status_c]) or (view.fills[status_c] is not None and view.origin_rows[status_c] == r)
        )
        if own_deadline or own_status:
            prog = _join([view.own[c] for c in progress_cs])
            dl = view.own[deadline_c] if deadline_c is not None and view.own[deadline_c] else None
            prev.milestones.append(
                RawMilestone(
                    text=dl or prog or (view.own[status_c] if status_c is not None else "") or "",
                    deadline_text=dl,
                    status_text=view.own[status_c] if own_status and status_c is not None and view.own[status_c] else None,
                    status_fill=view.fills[status_c] if own_status and status_c is not None else None,
                    progress=prog,
                    rows=[r],
                )
            )
            note(r, "milestone", "row.own_deadline_or_status", "no action text, its own " + ("deadline" if own_deadline else "status"))
        else:
            _continue_record(prev, view, cmap, names)
            note(r, "continuation", "row.more_text", "no action text, deadline or status: more text for the action above")
        prev.rows.append(r)
        for p in view.pages:
            if p not in prev.pages:
                prev.pages.append(p)
    return records


def _restarts_numbering(action_text: str) -> bool:
    ref, _ = split_ref(action_text)
    return ref is not None and (ref == "1" or ref.endswith(".1") or ref in ("a", "A"))


def _strip_same_ref(ref: str, text: str) -> tuple[str | None, str]:
    """Drop a leading number from the action text when it repeats the Ref column."""
    lead, rest = split_ref(text)
    return (lead, rest) if lead == ref else (None, text)


def _continue_record(prev: RawRecord, view: _RowView, cmap: ColumnMap, names: list[str]) -> None:
    """A row with only more text for the action above (no action, deadline or status)."""
    for i, text in enumerate(view.own):
        if not text:
            continue
        f = cmap.fields[i]
        if f == "progress":
            prev.progress = _join([prev.progress or "", text])
        elif f == "evidence":
            prev.evidence = _join([prev.evidence or "", text])
        elif f == "owner":
            prev.owner_text = _join([prev.owner_text or "", text])
        elif f == "objective" and not prev.objective:
            prev.objective = text
        prev.fields[names[i]] = _join([prev.fields.get(names[i], ""), text]) or ""


# --------------------------------------------------------------------------- listed actions

_PLURAL_ACTIONS = re.compile(r"\b(key actions|actions|activities|tasks|recommendations)\b", re.I)


def _lines(text: str | None) -> list[str]:
    return [ln for ln in (text or "").split("\n") if ln.strip()]


def split_listed_actions(raw: RawRecord, action_heading: str) -> list[RawRecord]:
    """One record per listed action when a row holds a list of actions (business plans).

    A row splits when its action cell lists two or more bullets and either the deadline
    cell lists several milestones too, or the column is headed in the plural ("Key
    actions") and the deadline cell is empty or a list. One plain date for the whole row
    (a risk log's "Mitigating actions" with one review date) keeps the bullets together. A lead-in ending in ":"
    ("scrutinise delivery plans for:") keeps its bullets as one action.

    Milestones pair with actions by order when the counts match. An unbulleted line
    before the bullets is read whichever way makes the counts match: a heading over the
    bullets (not an action itself), or an action whose sub-points are the bullets just
    under it. When no reading matches, every line is an action, the deadlines stay null
    and a warning says so.
    """
    lines = _lines(raw.action)
    bullets = [ln for ln in lines if ln.startswith(BULLET)]
    deadline_lines = _lines(raw.deadline_text)
    deadlines = [ln.removeprefix(BULLET).strip() for ln in deadline_lines]
    if len(bullets) < 2:
        return [raw]
    leads = [ln for ln in lines if not ln.startswith(BULLET)]
    listed_deadline = any(ln.startswith(BULLET) for ln in deadline_lines)
    if not (len(deadlines) >= 2 or (_PLURAL_ACTIONS.search(action_heading) and (listed_deadline or not deadlines))):
        return [raw]
    if len(deadlines) <= 1 and leads and leads[-1].rstrip().endswith(":"):
        return [raw]
    items = _listed_items(lines, len(deadlines))
    paired = items is not None
    if items is None:
        items = [ln.removeprefix(BULLET).strip() for ln in lines if not ln.rstrip().endswith(":")]
    out = []
    for k, item in enumerate(items):
        ref, text = split_ref(item)
        rec = RawRecord(
            table=raw.table,
            rows=list(raw.rows),
            pages=list(raw.pages),
            ref=ref,
            section=raw.section,
            objective=raw.objective,
            action=text,
            owner_text=raw.owner_text,
            deadline_text=deadlines[k] if paired else None,
            status_text=raw.status_text,
            status_fill=raw.status_fill,
            progress=raw.progress,
            evidence=raw.evidence,
            fields=dict(raw.fields),
            item=k,
            columns={k2: list(v) for k2, v in raw.columns.items()},
        )
        if k == 0 and not paired and deadlines:
            rec.notes.append((
                "milestones_unpaired",
                f"the row lists {len(items)} actions but {len(deadlines)} milestones; deadlines left empty",
            ))
        out.append(rec)
    return out


def _listed_items(lines: list[str], n_deadlines: int) -> list[str] | None:
    """The actions of a listed cell when a reading gives exactly ``n_deadlines`` of them."""
    if n_deadlines < 2:
        return None
    bullets = [ln.removeprefix(BULLET).strip() for ln in lines if ln.startswith(BULLET)]
    # 1. The bullets are the actions; unbulleted lines are headings over them.
    if len(bullets) == n_deadlines:
        return bullets
    # 2. Each line is an action.
    plain = [ln.removeprefix(BULLET).strip() for ln in lines]
    if len(plain) == n_deadlines:
        return plain
    # 3. One unbulleted action at the top whose sub-points are the first k bullets.
    if lines and not lines[0].startswith(BULLET) and not lines[0].rstrip().endswith(":") and all(ln.startswith(BULLET) for ln in lines[1:]):
        k = len(lines) - n_deadlines
        if 1 <= k < len(lines) - 1:
            head = "\n".join([lines[0], *lines[1 : k + 1]])
            return [head, *bullets[k:]]
    return None
