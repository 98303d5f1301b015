"""Documents and tables that are not action plans give no actions and no error."""

from __future__ import annotations

import io

import docx

import planparse


def _docx_bytes(build) -> bytes:  # type: ignore[no-untyped-def]
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _table(document, rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def test_document_without_tables_returns_no_actions_and_says_why() -> None:
    data = _docx_bytes(lambda d: (d.add_heading("Annual Report 2015-16", 0), d.add_paragraph("The Board met six times.")))
    result = planparse.parse(data, name="report.docx")
    assert result.actions == [] and result.plans == []
    assert [w.code for w in result.warnings] == ["no_tables"]
    assert result.document.title == "Annual Report 2015-16"


def test_membership_and_budget_tables_give_no_actions() -> None:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        d.add_heading("Board membership", 1)
        _table(d, [["Name", "Agency", "Role"], ["Liz Murphy", "DSCB", "Independent Chair"],
                   ["Sarah Norman", "Dudley MBC", "Chief Executive"]])
        d.add_heading("Budget", 1)
        _table(d, [["Income", "2015/16", "2016/17"], ["Council contribution", "£120,000", "£125,000"],
                   ["Police", "£15,000", "£15,000"]])

    result = planparse.parse(_docx_bytes(build), name="pack.docx", all_tables=True)
    assert result.actions == []
    assert [w.code for w in result.warnings] == ["no_plan_tables"]
    assert result.other_tables is not None
    assert [(t.table, t.header, t.rows) for t in result.other_tables] == [
        (0, ["Name", "Agency", "Role"], 3),
        (1, ["Income", "2015/16", "2016/17"], 3),
    ]
    assert all(t.confidence < 0.5 for t in result.other_tables)


def test_plan_table_among_other_tables_gives_only_its_actions() -> None:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        _table(d, [["Name", "Agency"], ["Liz Murphy", "DSCB"]])
        d.add_heading("Action Plan 2016", 1)
        _table(d, [["Action", "Lead", "Target Date"], ["1.1 Agree the strategy", "DSCB", "March 2016"],
                   ["1.2 Train staff", "CSE Team", "Q3 2015-16"]])

    result = planparse.parse(_docx_bytes(build), name="mixed.docx", normalise_owners=False)
    assert [(a.ref, a.action, str(a.deadline.date) if a.deadline else None) for a in result.actions] == [
        ("1.1", "Agree the strategy", "2016-03-31"),
        ("1.2", "Train staff", "2015-12-31"),
    ]
    assert [(p.title, p.tables) for p in result.plans] == [("Action Plan 2016", [1])]
