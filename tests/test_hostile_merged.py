"""Issue 14: a Word cell merged down many rows is read and normalised once, not per row.

Work is counted (calls to the paragraph renderer and the owner splitter), not timed.
"""

from __future__ import annotations

import io

import docx
import pytest

import planparse
import planparse._lazy
import planparse.normalise.owners as owners_module
from planparse.layout import Para


def _merged_owner_docx(rows: int, owner_paras: int) -> bytes:
    d = docx.Document()
    d.add_heading("Action plan", 1)
    t = d.add_table(rows=rows + 1, cols=3)
    for i, h in enumerate(["Action", "Lead officer", "Deadline"]):
        t.cell(0, i).text = h
    for r in range(1, rows + 1):
        t.cell(r, 0).text = f"Review case file sample {r}"
        t.cell(r, 2).text = "March 2016"
        tc = t._tbl.tr_lst[r].tc_lst[1]
        tc.get_or_add_tcPr().vMerge_val = "restart" if r == 1 else "continue"
    first = t.cell(1, 1)
    first.paragraphs[0].text = "Head of Planning"
    for k in range(owner_paras - 1):
        first.add_paragraph(f"Service Manager {k}")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    seen = {"render": 0, "split": 0}
    real_render, real_split = Para.render, owners_module.split_owners

    def render(self):  # type: ignore[no-untyped-def]
        seen["render"] += 1
        return real_render(self)

    def split(text):  # type: ignore[no-untyped-def]
        seen["split"] += 1
        return real_split(text)

    monkeypatch.setattr(Para, "render", render)
    monkeypatch.setattr(owners_module, "split_owners", split)
    # parse() takes the splitter from the thread-safe loader, which keeps the first one loaded
    monkeypatch.setattr(planparse._lazy, "owner_splitter", lambda: split)
    return seen


def test_an_owner_column_merged_over_many_rows_is_split_once(counts: dict[str, int]) -> None:
    result = planparse.parse(_merged_owner_docx(200, 1), name="merged.docx")
    assert len(result.actions) == 200
    assert all(a.owner_text == "Head of Planning" for a in result.actions)
    assert all(a.owners and a.owners[0].role == "Head of Planning" for a in result.actions)
    assert counts["split"] == 1


def test_a_merged_cell_of_many_paragraphs_costs_linear_not_quadratic_work(counts: dict[str, int]) -> None:
    # Was: each row re-rendered the whole merged cell: rows x paragraphs renders (250 x 250).
    rows = paras = 250
    result = planparse.parse(_merged_owner_docx(rows, paras), name="merged.docx")
    assert len(result.actions) == rows
    assert result.actions[-1].owner_text == result.actions[0].owner_text
    assert counts["render"] < 20 * (rows + paras), counts
