"""Flat outputs for spreadsheet users: rows, CSV and Excel (.xlsx).

One row per action with everything a person filtering a spreadsheet needs next to it: the
document's title, organisation, kind and date, the plan's title, the section, every record
field, the status meaning from the document's own legend, superseded dates, owners as
printed and split into people / roles / bodies, readable provenance, and then every column
heading the document printed (from ``fields``) as its own column, so "Priority" or
"Management response" survive.

The rows are built from the JSON form of a result (``result.model_dump(mode="json")``), so
``planparse parse --to csv``, ``planparse batch`` (which rebuilds its combined outputs from
the per-document JSONs) and :meth:`planparse.ParseResult.to_rows` share one implementation.

Excel output uses XlsxWriter (BSD): status cells filled in their RAG colour, the header row
frozen and filtered, column widths set, and sheets for milestones (linked by action id),
legends, warnings and, in a batch, failures.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

Row = dict[str, Any]

ACTION_COLUMNS: tuple[str, ...] = (
    "document",
    "id",
    "document_title",
    "organisation",
    "document_kind",
    "document_date",
    "plan",
    "plan_title",
    "ref",
    "section",
    "section_ref",
    "section_title",
    "objective",
    "action",
    "owners",
    "owner_text",
    "owner_people",
    "owner_roles",
    "owner_bodies",
    "deadline",
    "deadline_date",
    "deadline_precision",
    "deadline_ongoing",
    "deadline_superseded",
    "status",
    "rag",
    "state",
    "status_meaning",
    "status_source",
    "status_fill",
    "progress",
    "evidence",
    "milestones",
    "milestone_count",
    "table",
    "pages",
    "rows",
)
"""The fixed columns of an action row, in order; the document's own headings follow."""

MILESTONE_COLUMNS: tuple[str, ...] = (
    "document",
    "action_id",
    "action_ref",
    "number",
    "text",
    "deadline",
    "deadline_date",
    "deadline_precision",
    "status",
    "rag",
    "state",
    "progress",
)

WARNING_COLUMNS: tuple[str, ...] = ("document", "code", "message", "page", "action")
LEGEND_COLUMNS: tuple[str, ...] = ("document", "legend", "key", "meaning")
FAILURE_COLUMNS: tuple[str, ...] = ("document", "error", "reason")

RAG_FILLS = {
    "red": "#FF0000",
    "amber": "#FFC000",
    "yellow": "#FFFF00",
    "green": "#00B050",
    "blue": "#0070C0",
}
"""Fill of a status cell in Excel, by RAG colour (Office's standard colours)."""
_RAG_FONTS = {"red": "#FFFFFF", "blue": "#FFFFFF", "green": "#FFFFFF"}


def format_owner(owner: Mapping[str, Any]) -> str:
    """'Liz Murphy (Independent Chair)', 'Head of Service (Police)', 'DSCB'."""
    parts = [owner.get(k) for k in ("name", "role", "organisation")]
    present = [p for p in parts if p]
    if not present:
        return ""
    head, rest = present[0], present[1:]
    return f"{head} ({', '.join(rest)})" if rest else str(head)


def format_milestone(milestone: Mapping[str, Any]) -> str:
    """'Draft the policy (by 2017-03-31, green)'."""
    text = str(milestone.get("text") or "").strip()
    extra = []
    deadline = milestone.get("deadline") or {}
    if deadline.get("date"):
        extra.append(f"by {deadline['date']}")
    status = milestone.get("status") or {}
    if status.get("rag") or status.get("text"):
        extra.append(str(status.get("rag") or status.get("text")))
    return f"{text} ({', '.join(extra)})" if extra else text


def _join(values: Iterable[Any], sep: str = "; ") -> str | None:
    items = [str(v) for v in values if v not in (None, "")]
    return sep.join(items) if items else None


def action_row(
    action: Mapping[str, Any],
    *,
    document: str | None = None,
    info: Mapping[str, Any] | None = None,
    plans: Mapping[str, Mapping[str, Any]] | None = None,
) -> Row:
    """One action (its JSON form) as a flat row: :data:`ACTION_COLUMNS`, then its ``fields``.

    Values are str, int, bool or None; dates are ISO text. A heading in ``fields`` that is
    also a fixed column's name gets " (as printed)" after it.
    """
    info = info or {}
    section = action.get("section") or {}
    deadline = action.get("deadline") or {}
    status = action.get("status") or {}
    provenance = action.get("provenance") or {}
    owners = action.get("owners") or []
    milestones = action.get("milestones") or []
    plan_id = action.get("plan")
    plan = (plans or {}).get(plan_id or "") or {}
    row: Row = {
        "document": document,
        "id": action.get("id"),
        "document_title": info.get("title"),
        "organisation": info.get("organisation"),
        "document_kind": info.get("kind"),
        "document_date": info.get("date"),
        "plan": plan_id,
        "plan_title": plan.get("title"),
        "ref": action.get("ref"),
        "section": _join((section.get("ref"), section.get("title")), " "),
        "section_ref": section.get("ref"),
        "section_title": section.get("title"),
        "objective": action.get("objective"),
        "action": action.get("action"),
        "owners": _join(format_owner(o) for o in owners),
        "owner_text": action.get("owner_text"),
        "owner_people": _join(o.get("name") for o in owners),
        "owner_roles": _join(o.get("role") for o in owners),
        "owner_bodies": _join(o.get("organisation") for o in owners),
        "deadline": deadline.get("text"),
        "deadline_date": deadline.get("date"),
        "deadline_precision": deadline.get("precision"),
        "deadline_ongoing": deadline.get("ongoing") if deadline else None,
        "deadline_superseded": _join(deadline.get("superseded") or [], ", "),
        "status": status.get("text"),
        "rag": status.get("rag"),
        "state": status.get("state"),
        "status_meaning": status.get("meaning"),
        "status_source": status.get("source"),
        "status_fill": status.get("fill"),
        "progress": action.get("progress"),
        "evidence": action.get("evidence"),
        "milestones": _join(format_milestone(m) for m in milestones),
        "milestone_count": len(milestones),
        "table": provenance.get("table"),
        "pages": _join(provenance.get("pages") or [], ","),
        "rows": _join(provenance.get("rows") or [], ","),
    }
    for heading, text in (action.get("fields") or {}).items():
        key = f"{heading} (as printed)" if heading in ACTION_COLUMNS else heading
        row[key] = text
    return row


def result_rows(data: Mapping[str, Any], document: str | None = None) -> list[Row]:
    """Every action of one result (JSON form) as flat rows; ``document`` defaults to its file."""
    name = document if document is not None else (data.get("source") or {}).get("file")
    plans = {p["id"]: p for p in data.get("plans") or [] if isinstance(p, Mapping) and "id" in p}
    info = data.get("document") or {}
    return [action_row(a, document=name, info=info, plans=plans) for a in data.get("actions") or []]


def milestone_rows(data: Mapping[str, Any], document: str | None = None) -> list[Row]:
    """One row per milestone, linked to its action by ``action_id``."""
    name = document if document is not None else (data.get("source") or {}).get("file")
    rows: list[Row] = []
    for action in data.get("actions") or []:
        for n, m in enumerate(action.get("milestones") or [], start=1):
            deadline = m.get("deadline") or {}
            status = m.get("status") or {}
            rows.append(
                {
                    "document": name,
                    "action_id": action.get("id"),
                    "action_ref": action.get("ref"),
                    "number": n,
                    "text": m.get("text"),
                    "deadline": deadline.get("text"),
                    "deadline_date": deadline.get("date"),
                    "deadline_precision": deadline.get("precision"),
                    "status": status.get("text"),
                    "rag": status.get("rag"),
                    "state": status.get("state"),
                    "progress": m.get("progress"),
                }
            )
    return rows


def legend_rows(data: Mapping[str, Any], document: str | None = None) -> list[Row]:
    name = document if document is not None else (data.get("source") or {}).get("file")
    legends = data.get("legends") or {}
    return [
        {"document": name, "legend": kind, "key": key, "meaning": meaning}
        for kind in ("rag", "codes")
        for key, meaning in (legends.get(kind) or {}).items()
    ]


def warning_rows(data: Mapping[str, Any], document: str | None = None) -> list[Row]:
    name = document if document is not None else (data.get("source") or {}).get("file")
    return [
        {"document": name, **{k: w.get(k) for k in WARNING_COLUMNS[1:]}}
        for w in data.get("warnings") or []
    ]


def columns_of(rows: Iterable[Row], fixed: Sequence[str] = ACTION_COLUMNS) -> list[str]:
    """The fixed columns, then every other key in order of first appearance."""
    columns = list(fixed)
    seen = set(columns)
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    return columns


# ---------------------------------------------------------------------------------------
# CSV

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def to_csv(rows: Sequence[Row], columns: Sequence[str] | None = None) -> str:
    """Rows as CSV text (CRLF line ends, formulas guarded), with a UTF-8 byte-order mark so
    Excel opens it as UTF-8."""
    columns = list(columns) if columns is not None else columns_of(rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell_text(row.get(c)) for c in columns])
    return "\ufeff" + buf.getvalue()


# ---------------------------------------------------------------------------------------
# Excel

_WIDTHS = {"action": 60, "objective": 40, "progress": 50, "evidence": 40, "owners": 35, "text": 50}
_MAX_WIDTH = 60
_EXCEL_CELL_LIMIT = 32767


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _EXCEL_CELL_LIMIT:
        return value[: _EXCEL_CELL_LIMIT - 1] + "…"
    return value


def _width(column: str, rows: Sequence[Row]) -> float:
    if column in _WIDTHS:
        return _WIDTHS[column]
    longest = max([len(column)] + [len(str(r.get(column) or "")) for r in rows[:200]])
    return float(min(_MAX_WIDTH, max(8, longest + 2)))


def write_xlsx(
    target: str | Path | io.BytesIO,
    actions: Sequence[Row],
    *,
    milestones: Sequence[Row] = (),
    legends: Sequence[Row] = (),
    warnings: Sequence[Row] = (),
    failures: Sequence[Row] | None = None,
) -> None:
    """Write an Excel workbook: sheets actions, milestones, legends, warnings (and failures
    when given, as in a batch). ``target`` is a path or a BytesIO."""
    import xlsxwriter

    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    if isinstance(target, io.BytesIO):
        options["in_memory"] = True
        book = xlsxwriter.Workbook(target, options)
    else:
        book = xlsxwriter.Workbook(str(target), options)
    header = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    rag_formats = {
        rag: book.add_format(
            {"bg_color": fill, "font_color": _RAG_FONTS.get(rag, "#000000"), "valign": "top", "text_wrap": True}
        )
        for rag, fill in RAG_FILLS.items()
    }
    sheets: list[tuple[str, Sequence[Row], list[str]]] = [
        ("actions", actions, columns_of(actions)),
        ("milestones", milestones, list(MILESTONE_COLUMNS)),
        ("legends", legends, list(LEGEND_COLUMNS)),
        ("warnings", warnings, list(WARNING_COLUMNS)),
    ]
    if failures is not None:
        sheets.append(("failures", failures, list(FAILURE_COLUMNS)))
    for name, rows, columns in sheets:
        sheet = book.add_worksheet(name)
        for c, column in enumerate(columns):
            sheet.write_string(0, c, column, header)
            sheet.set_column(c, c, _width(column, rows), wrap)
        coloured = {columns.index(k) for k in ("status", "rag", "state", "status_meaning") if k in columns}
        for r, row in enumerate(rows, start=1):
            fmt = rag_formats.get(str(row.get("rag") or ""))
            for c, column in enumerate(columns):
                value = _xlsx_value(row.get(column))
                cell_format = fmt if (fmt is not None and c in coloured) else wrap
                if value is None:
                    if cell_format is not wrap:
                        sheet.write_blank(r, c, None, cell_format)
                elif isinstance(value, bool):
                    sheet.write_boolean(r, c, value, cell_format)
                elif isinstance(value, (int, float)):
                    sheet.write_number(r, c, value, cell_format)
                else:
                    sheet.write_string(r, c, str(value), cell_format)
        sheet.freeze_panes(1, 0)
        if columns:
            sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    book.close()


def xlsx_bytes(data: Mapping[str, Any], document: str | None = None) -> bytes:
    """One result (JSON form) as the bytes of an Excel workbook."""
    buf = io.BytesIO()
    write_xlsx(
        buf,
        result_rows(data, document),
        milestones=milestone_rows(data, document),
        legends=legend_rows(data, document),
        warnings=warning_rows(data, document),
    )
    return buf.getvalue()


def jsonl_text(data: Mapping[str, Any], document: str | None = None) -> str:
    """One JSON line per action, each with the document it came from (as in batch)."""
    import json

    name = document if document is not None else (data.get("source") or {}).get("file")
    return "".join(
        json.dumps({"document": name, **a}, ensure_ascii=False) + "\n" for a in data.get("actions") or []
    )
