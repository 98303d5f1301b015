"""The extraction trace: literal decisions on two fixtures, and the inspect command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import planparse

ROOT = Path(__file__).resolve().parent.parent


def test_trace_of_seed003_docx() -> None:
    result = planparse.parse(ROOT / "fixtures/docx/seed003_scr_action_plan.docx", normalise_owners=False, trace=True)
    trace = result.trace
    assert [t.table for t in trace.tables] == [0, 1]
    first, plan = trace.tables
    assert (first.is_plan, first.reason) == (False, "no header row naming an action, owner, deadline or status")
    assert (plan.is_plan, plan.confidence, plan.header_rows) == (True, 0.8, [0])
    reading = plan.chosen
    assert reading is not None and (reading.name, reading.score, reading.notes) == ("header row 0", 1.7, ["row 0 names 4 fields"])
    assert len(plan.readings) == 1
    assert [(c.heading, c.field, c.evidence) for c in reading.columns] == [
        ("Learning or Improvement Point", "objective", "heading: pattern 'objective'"),
        ("Recommendation", "action", "heading: pattern 'named_recommendation'"),
        ("Progress/Comment", "progress", "heading: pattern 'progress'"),
        ("RAG Status", "status", "heading: pattern 'status'"),
    ]
    assert [(d.row, d.fate, d.rule) for d in plan.rows] == [(0, "header", "header.chosen")] + [
        (r, "action", "row.action_text") for r in range(1, 12)
    ]
    assert result.model_dump_json() == planparse.parse(
        ROOT / "fixtures/docx/seed003_scr_action_plan.docx", normalise_owners=False
    ).model_dump_json(), "the trace is never part of the output"


def test_trace_of_ofsted_pdf_sections_and_milestone() -> None:
    result = planparse.parse(ROOT / "fixtures/pdf/ofsted_childrens_improvement_plan.pdf", normalise_owners=False, trace=True)
    table = result.trace.table(0)
    assert table is not None and table.pages == [1, 2] and table.is_plan
    assert table.chosen is not None
    assert [c.field for c in table.chosen.columns] == ["ref", "objective", "action", "owner", "deadline", "evidence", "progress", "status"]
    assert table.chosen.columns[5].evidence == "heading: pattern 'how_know'"
    fates = {d.row: (d.fate, d.rule) for d in table.rows}
    assert fates[1] == ("section", "section_row.full_width")
    assert fates[6] == ("milestone", "row.own_deadline_or_status")
    assert [d.row for d in table.rows if d.fate == "section"] == [1, 4, 9, 13]
    assert sum(d.fate == "action" for d in table.rows) == len(result.actions) == 10
    data = result.trace.to_dict()
    assert data["tables"][0]["rows"][1] == {
        "row": 1, "fate": "section", "rule": "section_row.full_width",
        "detail": "1.) Improve the quality and timeliness of responses to child",
    }


def test_inspect_command_prints_readings_and_rows() -> None:
    doc = ROOT / "fixtures/docx/seed003_scr_action_plan.docx"
    out = subprocess.run(
        [sys.executable, "-c", "import sys; from planparse.cli import main; sys.exit(main())", "inspect", str(doc), "--table", "1"],
        capture_output=True, text=True, check=True,
    ).stdout
    lines = out.splitlines()
    assert lines[0] == "table 1: 12 rows x 4 columns -> PLAN, confidence 0.80: action column with progress, status"
    assert "  * reading 1 'header row 0' score 1.70" in lines
    assert any(line.split() == ["row", "3", "action", "row.action_text", *line.split()[4:]] for line in lines)
    assert "table 0" not in out


def test_ranked_readings_of_csp_action_plan() -> None:
    """Two readings of the CSP plan's table: its first row as the header (taken), and a data
    row that names an owner and a publication date, with the action found from the cells
    below it - ranked far lower, with the reasons."""
    result = planparse.parse(ROOT / "fixtures/docx/csp_action_plan.docx", normalise_owners=False, trace=True)
    table = result.trace.table(0)
    assert table is not None and table.is_plan
    assert [(r.name, r.score) for r in table.readings] == [
        ("header row 0", 2.65),
        ("header row 4, action column from cells", 0.62),
    ]
    taken, other = table.readings
    assert [(c.heading, c.field) for c in taken.columns] == [
        ("Ref", "ref"), ("Action", "action"), ("Lead agency", "owner"), ("Partners", None),
        ("Target date", "deadline"), ("Performance measure", "evidence"), ("Update – Q2", "progress"), ("RAG", "status"),
    ]
    assert taken.columns[3].evidence == "heading: pattern 'others_involved': known to feed no field"
    assert taken.notes == ["row 0 names 7 fields"]
    assert [c.field for c in other.columns] == ["ref", "action", "owner", None, None, "progress", "deadline", "status"]
    assert other.columns[1].evidence.startswith(
        "heading: too long for a heading; cells: sentences of what will be done, under a header that names the owner")
    assert other.notes == [
        "row 4 names 2 fields",
        "3 columns read from cells",
        "4 header cells read like data: '2.1'; 'Use the ASB case review (Commu'; '30/06/2023'",
        "col 6 is headed as the deadline but 0% of its cells are dates",
    ]


def test_ranked_readings_of_dhr_plan_and_cells_evidence() -> None:
    result = planparse.parse(ROOT / "fixtures/docx/dhr_action_plan_maria.docx", normalise_owners=False, trace=True)
    table = result.trace.table(2)
    assert table is not None and table.is_plan and table.header_rows == [0]
    assert [(r.name, r.score) for r in table.readings] == [
        ("header row 0", 2.4),
        ("header row 2, action column from cells", 1.06),
    ]
    scope = table.chosen.columns[1] if table.chosen else None
    assert scope is not None and (scope.heading, scope.field) == ("Scope (local / regional / national)", None)
    assert scope.evidence == (
        "heading after '/': no cue; cells fit no field missing [8 cells, mean 6 chars; dates 0%, RAG 0%, owners 0%, "
        "done-words 0%, reports 0%, targets 0%]"
    )
    lines = result.trace.render(2).splitlines()
    assert "  * reading 1 'header row 0' score 2.40" in lines
    assert "    reading 2 'header row 2, action column from cells' score 1.06" in lines
