"""The fixture documents and their expected JSON stay what the specs say.

The fixtures are built by ``tools/make_fixtures.py`` from ``fixtures/specs/*.json``. These
tests fail when a generated file is missing, when an expected JSON no longer equals what the
generator derives from its spec (so goldens cannot drift by hand edits), or when a rendered
document is stale. Regenerate with ``python tools/make_fixtures.py --pdf``.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from docx import Document

from planparse.models import Deadline, Owner, Section

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_fixtures", ROOT / "tools" / "make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()
NAMES = gen.spec_names()
ACTION_COUNTS = {
    "seed000_improvement_plan": 45,
    "seed000_fill_only": 45,
    "seed000_header_once": 45,
    "seed000_no_rules": 45,
    "seed003_scr_action_plan": 11,
    "seed003_portrait_long": 11,
    "seed001_business_plan": 61,
    "seed002_committee_pack": 32,
    # the broad corpus: invented documents in other styles (see fixtures/README.md)
    "business_plan_2022_25": 10,
    "council_audit_tracker": 11,
    "csp_action_plan": 10,
    "nhs_cqc_improvement_plan": 11,
    "ofsted_childrens_improvement_plan": 10,
    "ofsted_childrens_no_rules": 10,
    "partnership_risk_issue_log": 7,
    "police_peel_action_plan": 13,
    "housing_rsh_improvement_plan": 12,
    "yjs_peer_review_action_plan": 12,
    "dhr_action_plan_maria": 12,
    "hmp_inspection_action_plan": 10,
    "scrutiny_peer_challenge_pack": 10,
    "sab_strategic_plan": 8,
    "school_improvement_plan": 9,
    "scr_action_plan_child_t": 10,
    "send_written_statement": 9,
    # held-out wave 3, untouched
    "fire_hmicfrs_improvement_plan": 13,
    "cqc_asc_assessment_plan": 11,
    "mat_post_ofsted_action_plan": 12,
    # held-out wave 4, untouched
    "cspr_action_plan_child_j": 11,
    "mha_monitoring_action_plan": 12,
    "hwb_strategy_delivery_plan": 12,
}


def _expected(name: str) -> dict[str, Any]:
    return gen.expected(gen.load_spec(name))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_spec_has_a_known_action_count() -> None:
    assert sorted(ACTION_COUNTS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_spec_has_its_generated_files(name: str) -> None:
    formats = gen.load_spec(name)["formats"]
    assert (FIXTURES / "expected" / f"{name}.json").is_file()
    assert (FIXTURES / "docx" / f"{name}.docx").is_file() == ("docx" in formats)
    assert (FIXTURES / "pdf" / f"{name}.pdf").is_file() == ("pdf" in formats)


@pytest.mark.parametrize("folder", ["docx", "pdf", "expected"])
def test_no_generated_file_without_a_spec(folder: str) -> None:
    stems = {p.stem for p in (FIXTURES / folder).iterdir() if p.is_file()}
    assert stems <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_expected_json_is_what_the_spec_gives(name: str) -> None:
    committed = (FIXTURES / "expected" / f"{name}.json").read_text(encoding="utf-8")
    assert committed == gen.expected_json(gen.load_spec(name))


@pytest.mark.parametrize("name", NAMES)
def test_action_count(name: str) -> None:
    assert len(_expected(name)["actions"]) == ACTION_COUNTS[name]


@pytest.mark.parametrize("name", NAMES)
def test_expected_values_fit_the_output_contract(name: str) -> None:
    result = _expected(name)
    # "plans" only where the spec names its plans; "heldout" (and "untouched") only for
    # held-out specs
    assert {"fixture", "document", "legends", "actions"} <= set(result)
    assert set(result) <= {"fixture", "document", "legends", "actions", "plans", "heldout", "untouched"}
    assert "heldout" in result or "untouched" not in result
    if "plans" in result:
        assert sum(plan["actions"] for plan in result["plans"]) == len(result["actions"])
    for action in result["actions"]:
        assert action["action"]
        for owner in action["owners"]:
            Owner.model_validate(owner)
        if action["section"] is not None:
            Section.model_validate(action["section"])
        for deadline in [action["deadline"]] + [m["deadline"] for m in action["milestones"]]:
            if deadline is not None:
                assert Deadline.model_validate(deadline).date is not None
        if action["owner_text"] is None:
            assert action["owners"] == []


@pytest.mark.parametrize("name", [n for n in NAMES if "pdf" in gen.load_spec(n)["formats"]])
def test_pdf_was_rendered_from_the_spec_as_it_is_now(name: str) -> None:
    spec = gen.load_spec(name)
    with pdfplumber.open(FIXTURES / "pdf" / f"{name}.pdf") as pdf:
        assert pdf.metadata.get("Keywords") == f"spec-{gen.spec_digest(spec)}"
        assert len(pdf.pages) > 1
        first_page = _squash(pdf.pages[0].extract_text() or "")
    assert _squash(spec["document"]["title"]) in first_page


def test_seed000_legends_and_document() -> None:
    result = _expected("seed000_improvement_plan")
    assert result["document"] == {
        "title": "DSCB Improvement Plan",
        "organisation": "DSCB",
        "kind": "improvement_plan",
        "date": "May 2016 version 5",
    }
    assert result["legends"] == {
        "rag": {"red": "Overdue", "amber": "At Risk", "yellow": "On Schedule", "green": "Complete"},
        "codes": {"D": "Diagnostic", "S": "SAIT", "C": "Control Log", "O": "Other"},
    }


def test_seed000_sections_and_milestones() -> None:
    actions = _expected("seed000_improvement_plan")["actions"]
    assert [a["section"]["ref"] for a in actions].count("1") == 18
    assert [a["section"]["ref"] for a in actions].count("4") == 4
    with_milestones = [a for a in actions if a["milestones"]]
    assert [a["action"][:22] for a in with_milestones] == [
        "Finalise S.11 Audits i",
        "DSCB Executive to scru",
    ]
    assert with_milestones[0]["milestones"] == [
        {
            "text": "End of November 2016",
            "deadline": {"text": "End of November 2016", "date": "2016-11-30"},
            "status": None,
            "progress": "Also need to carry out robust scrutiny of S.11 compliance in 16/17",
        }
    ]
    assert with_milestones[1]["milestones"][0]["status"] == {
        "text": "Yellow",
        "rag": "yellow",
        "state": "on_track",
    }


def test_seed000_deadlines_read_as_last_day_of_period() -> None:
    dates = {
        a["deadline"]["text"]: a["deadline"]["date"]
        for a in _expected("seed000_improvement_plan")["actions"]
    }
    assert dates["End of April 16"] == "2016-04-30"
    assert dates["Throughout 2016-17"] == "2017-03-31"
    assert dates["2016/2017 programme"] == "2017-03-31"
    assert dates["May 2016 onwards"] == "2016-05-31"
    assert (
        dates["End of March 2016\nRevised deadline agreed by DSCB Exec as 1st June 2016"]
        == "2016-06-01"
    )


def test_seed000_owner_cells() -> None:
    by_owner = {
        a["owner_text"]: a["owners"] for a in _expected("seed000_improvement_plan")["actions"]
    }
    assert by_owner["Liz Murphy Independent Chair"] == [
        {"name": "Liz Murphy", "role": "Independent Chair", "organisation": None}
    ]
    six = by_owner["Merlin Joseph Sally Homes Sue Vincent Ash Chand Kat Lafferty Mayada Abuaffan"]
    assert [o["name"] for o in six] == [
        "Merlin Joseph",
        "Sally Homes",
        "Sue Vincent",
        "Ash Chand",
        "Kat Lafferty",
        "Mayada Abuaffan",
    ]


def test_fill_only_variant_differs_only_in_status_text() -> None:
    base = _expected("seed000_improvement_plan")["actions"]
    fill = _expected("seed000_fill_only")["actions"]
    for b, f in zip(base, fill, strict=True):
        if b["status"] is None:
            assert f["status"] is None
            continue
        assert f["status"] == {**b["status"], "text": None}
        assert {k: v for k, v in f.items() if k not in {"status", "milestones"}} == {
            k: v for k, v in b.items() if k not in {"status", "milestones"}
        }


@pytest.mark.parametrize("name", ["seed000_header_once", "seed000_no_rules"])
def test_pdf_only_variants_keep_the_base_actions(name: str) -> None:
    assert _expected(name)["actions"] == _expected("seed000_improvement_plan")["actions"]


def test_seed003_status_defaults_without_legend() -> None:
    result = _expected("seed003_scr_action_plan")
    assert result["legends"] == {"rag": {}, "codes": {}}
    states = {(a["status"]["rag"], a["status"]["state"]) for a in result["actions"]}
    assert states == {("green", "on_track"), ("amber", "at_risk"), ("red", "off_track")}
    assert all(a["status"]["text"] is None for a in result["actions"])
    assert [a["ref"] for a in result["actions"]] == [str(i) for i in range(1, 12)]


def test_seed003_docx_has_one_plan_table_after_the_small_table() -> None:
    doc = Document(str(FIXTURES / "docx" / "seed003_scr_action_plan.docx"))
    assert [len(t.rows) for t in doc.tables] == [1, 12]
    assert doc.tables[0].rows[0].cells[1].text == "Child M SCR - SILP"


def test_seed000_docx_layout() -> None:
    doc = Document(str(FIXTURES / "docx" / "seed000_improvement_plan.docx"))
    # header + actions + milestone sub-rows per area
    assert [len(t.rows) for t in doc.tables] == [19, 12, 14, 6]
    assert doc.sections[0].footer.paragraphs[0].text == (
        "RED – Overdue Amber – At Risk Yellow – On Schedule Green - Complete"
    )
    first = doc.tables[0]
    assert first.rows[1].cells[1].text == (
        "1. Refresh of Partnership Protocol with DSAB, HWBB, CYP Alliance and Safe and Sound."
    )
    # the outcome cell is one merged cell over the five activities of the first outcome
    assert all(first.cell(r, 0)._tc is first.cell(1, 0)._tc for r in range(1, 6))
    assert first.cell(6, 0)._tc is not first.cell(5, 0)._tc
    # actions 17-18 have no outcome: an empty cell of their own, not a continuation
    assert first.cell(17, 0).text == ""
    assert first.cell(17, 0)._tc is not first.cell(16, 0)._tc


def test_cli_rejects_unknown_names() -> None:
    with pytest.raises(SystemExit) as exc:
        gen.main(["no_such_fixture"])
    assert exc.value.code == 2
