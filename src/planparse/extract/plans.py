"""The whole document: which tables are plans, how they group, what section each sits in.

:func:`find_plans` walks the layout's blocks in order and returns an inspectable
:class:`PlanFinding` (every table's verdict, the plans, the raw records) for the record
builder to normalise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import Heading, Layout, Paragraph, Table
from ..models import Plan, Section, TableSummary
from ..normalise.text import one_line
from .columns import Cues, Field
from .kinds import table_kind
from .legends import codes_legend_from_text, rag_legend_from_text
from .tables import (
    ColumnMap,
    RawRecord,
    TableVerdict,
    find_header,
    judge_table,
    looks_like_section_heading,
    parse_section,
    rows_to_raw,
)
from .trace import TableTrace, Trace
from .vocab import documents, legend_vocab


def _names_a_plan(text: str) -> bool:
    """A line that titles a plan ("Appendix A: Action Plan"): knowledge/documents.toml [plan_title]."""
    return documents().plan_title.search(text) is not None


@dataclass(slots=True)
class TableFinding:
    table: Table
    cmap: ColumnMap | None
    verdict: TableVerdict
    continues: int | None = None
    """Index of the plan table this headerless table continues, if any."""


@dataclass(slots=True)
class PlanFinding:
    tables: list[TableFinding] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    records: list[RawRecord] = field(default_factory=list)
    record_plan: list[str] = field(default_factory=list)
    """Plan id for each record, parallel to ``records``."""

    def other_tables(self) -> list[TableSummary]:
        out = []
        for f in self.tables:
            if f.verdict.is_plan:
                continue
            header = f.cmap.headings if f.cmap else [one_line(c.text) for c in f.table.row_cells(0)]
            out.append(
                TableSummary(
                    table=f.table.index,
                    pages=f.table.pages,
                    header=header,
                    rows=f.table.n_rows,
                    confidence=f.verdict.confidence,
                    reason=f.verdict.reason,
                    kind=f.verdict.kind,
                )
            )
        return out


def _is_furniture_text(text: str) -> bool:
    """A legend ("Red - not on track ...") or its title ("Status key:"): never a section."""
    return bool(legend_vocab().key_title.match(text) or rag_legend_from_text(text) or codes_legend_from_text(text))


def _context_before(blocks: list[Heading | Paragraph | Table], i: int) -> tuple[Section | None, str | None]:
    """Section and plan title printed just before table ``i`` (back to the previous table)."""
    section: Section | None = None
    title: str | None = None
    j = i - 1
    seen = 0
    while j >= 0 and not isinstance(blocks[j], Table) and seen < 12:
        block = blocks[j]
        j -= 1
        seen += 1
        text = one_line(block.text)  # type: ignore[union-attr]
        if not text or _is_furniture_text(text):
            continue
        if title is None and _names_a_plan(text) and len(text) <= 150:
            title = text
            continue
        if section is None and title is None and (
            (isinstance(block, Heading) and len(text) <= 150) or looks_like_section_heading(text)
        ):
            section = parse_section(text)
    if title is not None and _is_generic_title(title):
        # "Action Plan 2015-16" over the table; the appendix heading a little above (past a
        # contents table) names the plan: "Dudley Child Sexual Exploitation Action Plan 2015/16".
        for block in reversed(blocks[max(0, j - 25) : j + 1]):
            if isinstance(block, Heading):
                text = one_line(block.text)
                if len(text) <= 150 and _names_a_plan(text) and not _is_generic_title(text):
                    title = text
                    break
    return section, title


_GENERIC_WORDS = re.compile(r"\b(?:(?:19|20)\d{2}(?:\s*[-/–]\s*(?:19|20)?\d{2})?|draft|updated?|final|v(?:ersion)?\s*[\d.]+)\b", re.I)


def _is_generic_title(title: str) -> bool:
    """True for a title that names no subject: "Action Plan 2015-16", "Action plan (updated)"."""
    rest = _GENERIC_WORDS.sub(" ", re.sub(r"\baction\s+plan\b", " ", title.lower()))
    return not re.search(r"[a-z]{3,}", rest)


def find_plans(
    layout: Layout, doc_title: str | None = None, cues: Cues | None = None, trace: Trace | None = None
) -> PlanFinding:
    """Judge every table, group plan tables into plans and read their rows.

    ``cues`` are the column cues to read headings with (the built-in ones when None);
    ``trace`` collects every decision when given.
    """
    finding = PlanFinding()
    blocks = layout.blocks
    prev_plan: TableFinding | None = None
    plan_sig: tuple[Field | None, ...] | None = None
    current_plan: Plan | None = None
    last_section: Section | None = None

    for i, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        table = block
        tt = TableTrace(table.index, table.n_rows, table.n_cols, list(table.pages)) if trace is not None else None
        if trace is not None and tt is not None:
            trace.tables.append(tt)
        cmap = find_header(table, cues, tt)
        verdict = said_positively(table, cmap, judge_table(table, cmap), tt)
        tf = TableFinding(table, cmap, verdict)
        section, title = _context_before(blocks, i)

        start_row: int | None = None
        if not verdict.is_plan and cmap is None and prev_plan is not None and prev_plan.cmap is not None \
                and table.n_cols == prev_plan.table.n_cols and _only_furniture_between(blocks, prev_plan.table, table):
            # A headerless table straight after a plan with the same columns continues it.
            cmap = prev_plan.cmap
            tf = TableFinding(table, cmap, TableVerdict(True, prev_plan.verdict.confidence, "continues the table before"), prev_plan.table.index)
            start_row = 0
            if section is None:
                section = last_section
        finding.tables.append(tf)
        if tt is not None:
            _trace_verdict(tt, tf)
        if not tf.verdict.is_plan or cmap is None:
            prev_plan = None
            continue

        sig = cmap.signature()
        if current_plan is None or prev_plan is None or sig != plan_sig or (title and title != current_plan.title):
            current_plan = Plan(
                id=f"plan-{len(finding.plans) + 1}",
                title=title or (doc_title if not finding.plans else None),
                section=None,
                pages=[],
                tables=[],
                confidence=tf.verdict.confidence,
            )
            finding.plans.append(current_plan)
            plan_sig = sig
        current_plan.tables.append(table.index)
        current_plan.pages = sorted(set(current_plan.pages) | set(table.pages))

        records = rows_to_raw(table, cmap, section, start_row=start_row, trace=tt)
        if records:
            last_section = records[-1].section
        finding.records.extend(records)
        finding.record_plan.extend([current_plan.id] * len(records))
        prev_plan = tf
    return finding


def said_positively(table: Table, cmap: ColumnMap | None, verdict: TableVerdict, tt: TableTrace | None = None) -> TableVerdict:
    """What a table that is not a plan is, said positively (a risk register, an agenda, a
    contents page ...: ``knowledge/tables.toml``). A table read as a plan only because its
    action column was found from the cells is no plan when it is one of those; a kind
    marked ``veto`` (a contents page, an empty template, a form, a list of recommendation
    numbers) never is."""
    kind = table_kind(table)
    if kind is None:
        return verdict
    if not verdict.is_plan:
        if tt is not None and verdict.reason:
            tt.notes.append(f"judged: {verdict.reason}")
        return TableVerdict(False, verdict.confidence, kind.reason, kind.id)
    action = cmap.columns("action") if cmap is not None else []
    from_cells = bool(action) and cmap is not None and "cells: sentences of what will be done" in cmap.evidence[action[0]]
    if kind.veto or from_cells:
        why = "" if kind.veto else "; its action column has no heading and was found from the cells only"
        if tt is not None:
            tt.notes.append(f"read as a plan ({verdict.reason}) but recognised as {kind.name}")
        return TableVerdict(False, min(verdict.confidence, 0.2), kind.reason + why, kind.id)
    return verdict


def _trace_verdict(tt: TableTrace, tf: TableFinding) -> None:
    tt.is_plan, tt.confidence, tt.reason = tf.verdict.is_plan, tf.verdict.confidence, tf.verdict.reason
    tt.kind = tf.verdict.kind
    tt.continues = tf.continues
    if tf.cmap is not None:
        tt.header_rows = [] if tf.continues is not None else list(tf.cmap.header_rows)
        if tf.continues is not None:
            tt.readings.insert(0, tf.cmap.reading("columns of the table it continues", tf.verdict.confidence))


def _only_furniture_between(blocks: list[Heading | Paragraph | Table], a: Table, b: Table) -> bool:
    ia = next(i for i, x in enumerate(blocks) if x is a)
    ib = next(i for i, x in enumerate(blocks) if x is b)
    for x in blocks[ia + 1 : ib]:
        text = one_line(x.text)  # type: ignore[union-attr]
        if text and not _is_furniture_text(text) and len(text) > 40:
            return False
    return True
