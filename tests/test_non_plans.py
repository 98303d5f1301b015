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
    assert [(t.kind, t.reason) for t in result.other_tables] == [
        ("membership", "a membership or attendance list (headings 'Name', 'Agency', 'Role')"),
        ("budget", "a budget or finance table (headings 'Income'; 4 of 4 cells are figures)"),
    ]


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


def _kinds(rows_by_table: list[list[list[str]]]) -> planparse.ParseResult:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        for rows in rows_by_table:
            _table(d, rows)
            d.add_paragraph("")

    return planparse.parse(_docx_bytes(build), name="pack.docx", all_tables=True, normalise_owners=False)


def test_what_is_not_a_plan_is_said_positively() -> None:
    result = _kinds([
        [["Contents", "Page"], ["Introduction", "3"], ["Our priorities", "5"], ["Action plan", "9"]],
        [["Risk", "Likelihood", "Impact", "Owner", "Review date"],
         ["Partners withdraw funding for the training programme", "3", "4", "Board Manager", "March 2024"],
         ["Demand for assessments rises beyond what the team can meet", "4", "4", "Head of Service", "June 2024"]],
        [["Item", "Time", "Presenter"], ["Welcome and apologies", "10:00", "Chair"], ["Minutes", "10:05", "Chair"]],
        [["Decision", "Date of decision", "Rationale"], ["Adopt the policy", "1/2/24", "Statutory duty"],
         ["Close the old panel", "3/4/24", "Merged"]],
        [["Name:", ""], ["Job title:", ""], ["Date:", ""], ["Signature:", ""]],
        [["Recommendations", "Agency"], ["1, 2, 5", "Police"], ["3", "Health"], ["4, 6", "Council"]],
    ])
    assert result.actions == []
    assert [(t.table, t.kind) for t in result.other_tables or []] == [
        (0, "contents"), (1, "risk_register"), (2, "agenda"), (3, "decision_log"), (4, "form"), (5, "recommendation_numbers"),
    ]
    risk = (result.other_tables or [])[1]
    assert risk.reason == "a risk register (headings 'Risk', 'Likelihood', 'Impact')"


def test_template_placeholders_are_never_actions() -> None:
    result = _kinds([
        [["Action", "Lead", "Target date", "RAG"], ["[Action]", "[Name]", "<insert date>", "xxx"],
         ["Click here to enter text.", "[Name]", "<insert date>", "xxx"]],
        [["Action", "Lead", "Target date"], ["Review the policy", "Head of Service", "March 2024"],
         ["[Insert action]", "", ""]],
    ])
    assert [a.action for a in result.actions] == ["Review the policy"]
    assert [(t.table, t.kind, t.reason) for t in result.other_tables or []] == [
        (0, "template", "an empty template (8 of 8 cells are template placeholders)"),
    ]


def test_unheaded_action_column_is_read() -> None:
    """The actions sit in a column whose heading names nothing (here blank); the owner,
    deadline and status headings around it make the table a plan."""
    result = _kinds([
        [["", "Lead officer", "Target date", "RAG"],
         ["Refresh the multi-agency threshold document and relaunch it", "Head of Service", "March 2024", "Green"],
         ["Audit twenty case files a quarter against the new standard", "QA Manager", "June 2024", "Amber"],
         ["Train every social worker in the revised assessment model", "Principal Social Worker", "July 2024", "Red"]],
    ])
    assert [(a.action, a.owner_text, a.status.rag if a.status else None) for a in result.actions] == [
        ("Refresh the multi-agency threshold document and relaunch it", "Head of Service", "green"),
        ("Audit twenty case files a quarter against the new standard", "QA Manager", "amber"),
        ("Train every social worker in the revised assessment model", "Principal Social Worker", "red"),
    ]
    trace = planparse.parse(result_bytes := _unheaded_bytes(), name="plan.docx", trace=True, normalise_owners=False).trace
    assert result_bytes
    chosen = trace.tables[0].chosen
    assert chosen is not None and chosen.name == "header row 0, action column from cells"
    assert chosen.columns[0].field == "action"


def _unheaded_bytes() -> bytes:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        _table(d, [["", "Lead officer", "Target date", "RAG"],
                   ["Refresh the multi-agency threshold document and relaunch it", "Head of Service", "March 2024", "Green"],
                   ["Audit twenty case files a quarter against the new standard", "QA Manager", "June 2024", "Amber"]])

    return _docx_bytes(build)


def test_risk_register_with_an_unheaded_narrative_column_is_not_a_plan() -> None:
    """A narrative column with no heading under owner and date headings would read as the
    actions; the table is a risk register, so it is no plan."""
    result = _kinds([
        [["Risk ref", "", "Likelihood", "Impact", "Risk owner", "Review date"],
         ["R1", "Partners withdraw funding for the training programme next year", "3", "4", "Board Manager", "March 2024"],
         ["R2", "Demand for assessments rises beyond what the team can meet", "4", "4", "Head of Service", "June 2024"]],
    ])
    assert result.actions == []
    assert [(t.kind, t.reason.split(" (")[0]) for t in result.other_tables or []] == [("risk_register", "a risk register")]
