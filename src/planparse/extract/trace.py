"""What the extraction decided and why: a record of every table, column and row decision.

Extraction keeps its intermediates the way pdfplumber's ``TableFinder`` keeps edges,
intersections and cells for its visual debugger: for each table the header rows chosen,
the ranked readings of its columns (each column's field with the evidence for it), whether
it is a plan and why; for each row what became of it and which rule decided.

``planparse.parse(path, trace=True)`` returns the trace as ``result.trace`` (a
:class:`Trace`; ``result.trace.to_dict()`` for data); ``planparse inspect FILE`` prints it
with :meth:`Trace.render`. The trace is never part of the JSON output.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

RowFate = Literal[
    "action",
    "actions",
    "milestone",
    "continuation",
    "section",
    "header",
    "header_repeat",
    "empty",
    "before_first_action",
    "title_section",
    "skipped",
]


@dataclass(slots=True)
class ColumnReading:
    """One column's field in one reading, with the evidence for it."""

    col: int
    heading: str
    field: str | None
    evidence: str
    """What decided: ``cue 'owner' ~ 'lead officer'``, ``cells: 9/10 parse as dates``, ..."""
    score: float = 0.0


@dataclass(slots=True)
class Reading:
    """One candidate reading of a table's columns, with its score."""

    name: str
    score: float
    columns: list[ColumnReading]
    header_rows: list[int]
    notes: list[str] = field(default_factory=list)

    def fields(self) -> list[str | None]:
        return [c.field for c in self.columns]


@dataclass(slots=True)
class RowDecision:
    """What became of one table row."""

    row: int
    fate: RowFate
    rule: str
    """The rule that decided, e.g. ``section_row.full_width``, ``row.action_text``."""
    detail: str = ""


@dataclass(slots=True)
class TableTrace:
    """Every decision about one table."""

    table: int
    n_rows: int
    n_cols: int
    pages: list[int]
    header_rows: list[int] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    """Candidate readings, best first; the first is the one taken."""
    is_plan: bool = False
    confidence: float = 0.0
    reason: str = ""
    kind: str | None = None
    """What a table that is not a plan is (``risk_register``, ``agenda``, ...), when known."""
    continues: int | None = None
    rows: list[RowDecision] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Decisions about the whole table beyond its readings (a plan reading overruled by a kind)."""

    @property
    def chosen(self) -> Reading | None:
        return self.readings[0] if self.readings else None

    def row(self, r: int, fate: RowFate, rule: str, detail: str = "") -> None:
        self.rows.append(RowDecision(r, fate, rule, detail))


@dataclass(slots=True)
class Trace:
    """The decisions of one parse, table by table."""

    tables: list[TableTrace] = field(default_factory=list)

    def table(self, index: int) -> TableTrace | None:
        return next((t for t in self.tables if t.table == index), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def render(self, table: int | None = None) -> str:
        """A readable report; ``table`` limits it to one table (its index)."""
        out: list[str] = []
        for t in self.tables:
            if table is not None and t.table != table:
                continue
            pages = f", pages {_pages(t.pages)}" if t.pages else ""
            verdict = "PLAN" if t.is_plan else "not a plan" + (f" ({t.kind})" if t.kind else "")
            out.append(f"table {t.table}: {t.n_rows} rows x {t.n_cols} columns{pages} -> {verdict}, "
                       f"confidence {t.confidence:.2f}: {t.reason}")
            if t.continues is not None:
                out.append(f"  continues table {t.continues}")
            out.extend(f"  note: {n}" for n in t.notes)
            if t.header_rows:
                out.append(f"  header rows: {', '.join(str(r) for r in t.header_rows)}")
            for rank, reading in enumerate(t.readings, 1):
                mark = "*" if rank == 1 else " "
                out.append(f"  {mark} reading {rank} '{reading.name}' score {reading.score:.2f}")
                for c in reading.columns:
                    head = repr(c.heading[:40])
                    out.append(f"      col {c.col:<2} {head:<44} -> {c.field or '-':<11} {c.evidence}")
                out.extend(f"      note: {n}" for n in reading.notes)
            if t.rows:
                out.append("  rows:")
                for d in t.rows:
                    detail = f" ({d.detail})" if d.detail else ""
                    out.append(f"    row {d.row:<4} {d.fate:<20} {d.rule}{detail}")
            out.append("")
        return "\n".join(out).rstrip() + "\n" if out else "no tables\n"


def _pages(pages: list[int]) -> str:
    if not pages:
        return ""
    return f"{pages[0]}" if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"
