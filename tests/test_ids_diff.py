"""Content ids survive a revised edition, and ``diff`` reports exactly what changed."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import planparse
from planparse.cli import main
from planparse.extract.ids import IdAllocator, base_id, normalise_action_text

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> Any:
    if "make_fixtures" in sys.modules:
        return sys.modules["make_fixtures"]
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "tools" / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = module
    spec.loader.exec_module(module)
    return module


def _rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return next(b for b in spec["body"] if b["type"] == "plan_table")["rows"]


def _next_quarter(spec: dict[str, Any]) -> dict[str, Any]:
    """The CSP plan a quarter later: a new row at the top, two progress texts rewritten,
    one status changed, one action (2.2) dropped."""
    new = copy.deepcopy(spec)
    rows = _rows(new)
    added = copy.deepcopy(rows[0])
    added.update(
        ref="0.1",
        action="Commission an independent review of the partnership's information sharing protocol.",
        progress="Terms of reference agreed in December.",
    )
    by_ref = {r["ref"]: r for r in rows}
    by_ref["1.1"]["progress"] = "Strategy published on 26 January 2024; launch event held."
    by_ref["3.1"]["progress"] = "Second cohort trained; evaluation report due in March."
    by_ref["1.3"].update(rag="amber", status_text="Amber")
    rows.remove(by_ref["2.2"])
    rows.insert(0, added)
    return new


@pytest.fixture(scope="module")
def editions() -> tuple[planparse.ParseResult, planparse.ParseResult]:
    gen = _generator()
    spec = gen.load_spec("csp_action_plan")
    old = planparse.parse(gen.render_docx(spec), name="q2.docx", normalise_owners=False)
    new = planparse.parse(gen.render_docx(_next_quarter(spec)), name="q3.docx", normalise_owners=False)
    return old, new


def test_unchanged_actions_keep_their_ids_in_the_next_quarter(editions: Any) -> None:
    old, new = editions
    old_ids = {a.ref: a.id for a in old.actions}
    new_ids = {a.ref: a.id for a in new.actions}
    assert len(old.actions) == 10 and len(new.actions) == 10
    for ref in ("1.1", "1.2", "1.3", "2.1", "3.1", "3.2", "3.3", "4.1", "4.2"):
        assert new_ids[ref] == old_ids[ref], ref
    assert "2.2" not in new_ids and "0.1" not in old_ids


def test_diff_reports_exactly_the_revision(editions: Any) -> None:
    old, new = editions
    d = planparse.diff(old, new)
    assert [a.ref for a in d.added] == ["0.1"]
    assert [a.ref for a in d.removed] == ["2.2"]
    got = {(c.ref, c.matched_by, tuple(f.field for f in c.changes)) for c in d.changed}
    assert got == {("1.1", "id", ("progress",)), ("3.1", "id", ("progress",)), ("1.3", "id", ("status",))}
    status = next(c for c in d.changed if c.ref == "1.3").changes[0]
    assert status.note == "status red -> amber"
    assert sorted(d.unchanged) == sorted(a.id for a in new.actions if a.ref in {"1.2", "2.1", "3.2", "3.3", "4.1", "4.2"})


def test_diff_pairs_a_reworded_action_by_reference(editions: Any) -> None:
    old, new = editions
    data = json.loads(new.to_json())
    a = next(x for x in data["actions"] if x["ref"] == "4.1")
    a["action"] = a["action"].replace(".", " across the district.", 1)
    a["id"] = base_id(a["plan"], a["ref"], a["action"])
    d = planparse.diff(old, data)
    change = next(c for c in d.changed if c.ref == "4.1")
    assert change.matched_by == "ref" and change.old_id != change.new_id
    assert [f.field for f in change.changes] == ["action"]


def test_deadline_slip_is_named() -> None:
    rec = {"id": "p1-1-x", "plan": "plan-1", "ref": "1", "action": "Do it", "provenance": {"table": 0, "rows": [1]},
           "deadline": {"text": "March 2024", "date": "2024-03-31", "precision": "month"}}
    later = {**rec, "deadline": {"text": "June 2024", "date": "2024-06-30", "precision": "month"}}
    d = planparse.diff([rec], [later])
    assert d.changed[0].changes[0].note == "deadline slipped 2024-03-31 -> 2024-06-30"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Audit practice", "Audit  practice."], ["p1-{h}", "p1-{h}-2"]),
        (["Audit practice", "Review thresholds"], ["p1-{h}", "p1-{g}"]),
    ],
)
def test_two_actions_never_share_an_id(texts: list[str], expected: list[str]) -> None:
    h = base_id("plan-1", None, "Audit practice").split("-")[1]
    g = base_id("plan-1", None, "Review thresholds").split("-")[1]
    ids = IdAllocator()
    assert [ids.allocate("plan-1", None, t) for t in texts] == [e.format(h=h, g=g) for e in expected]


def test_id_ignores_case_spacing_and_punctuation() -> None:
    assert normalise_action_text("Audit  Practice,\nquarterly.") == "audit practice quarterly"
    assert base_id("plan-2", "3b", "Audit practice") == base_id("plan-2", "3b", "AUDIT practice!")
    assert base_id("plan-2", "3b", "Audit practice").startswith("p2-3b-")


def test_cli_diff_prints_the_changes(editions: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = editions
    (tmp_path / "old.json").write_text(old.to_json(), encoding="utf-8")
    (tmp_path / "new.json").write_text(new.to_json(), encoding="utf-8")
    assert main(["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "1 added, 1 removed, 3 changed, 6 unchanged"
    assert main(["diff", "--json", str(tmp_path / "old.json"), str(tmp_path / "new.json")]) == 0
    assert len(json.loads(capsys.readouterr().out)["removed"]) == 1
