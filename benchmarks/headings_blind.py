"""How much planparse depends on the wording of column headings.

Every plan table of every Word fixture is read twice: as printed, and with each header
cell replaced by "Column N" except the action column's (the one heading a plan cannot do
without). Both runs are scored against the expected JSON like ``benchmarks/accuracy.py``;
the second shows what the cells alone give (``planparse.extract.tables`` maps unnamed
columns from their content: dates, RAG words, roles, long narrative). A field that falls
to 0 in the blind run depends on its heading entirely.

    python benchmarks/headings_blind.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from planparse._evaluate import FIELDS, DocScore, load_expected, score_document
from planparse.extract.tables import find_header, judge_table
from planparse.layout import Layout, Para
from planparse.options import ParseOptions
from planparse.pipeline import extract_layout
from planparse.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def blind_headings(layout: Layout) -> int:
    """Replace the header cells of plan tables, except the action column's; return how many."""
    changed = 0
    for table in layout.tables():
        cmap = find_header(table)
        if cmap is None or not judge_table(table, cmap).is_plan:
            continue
        for cell in table.cells:
            if cell.row in cmap.header_rows and cmap.fields[cell.col] != "action" and cell.text.strip():
                cell.paras = [Para(f"Column {cell.col + 1}")]
                changed += 1
    return changed


def run(layout: Layout) -> Any:
    info, legends, finding, records, _ = extract_layout(layout, ParseOptions())
    return SimpleNamespace(document=info, legends=legends, plans=finding.plans, actions=records)


def main() -> int:
    totals: dict[str, dict[str, float]] = {"printed": {}, "blind": {}}
    counts = {"printed": [0, 0, 0], "blind": [0, 0, 0]}
    print(f"{'document':36} {'run':8} {'F1':>5} " + " ".join(f"{f[:5]:>5}" for f in FIELDS))
    for exp_path in sorted((FIXTURES / "expected").glob("*.json")):
        doc = FIXTURES / "docx" / f"{exp_path.stem}.docx"
        if not doc.is_file():
            continue
        expected = load_expected(exp_path)
        for mode in ("printed", "blind"):
            layout = read_document(doc.read_bytes(), doc.name, ParseOptions()).layout
            if mode == "blind":
                blind_headings(layout)
            score: DocScore = score_document(exp_path.stem, run(layout), expected)
            c = counts[mode]
            c[0] += score.expected
            c[1] += score.predicted
            c[2] += score.matched
            for f in FIELDS:
                totals[mode][f] = totals[mode].get(f, 0.0) + score.field_hits.get(f, 0.0)
            cells = " ".join(f"{score.field_accuracy(f):5.2f}" for f in FIELDS)
            print(f"{exp_path.stem:36} {mode:8} {score.f1:5.2f} {cells}")
    print()
    for mode in ("printed", "blind"):
        exp, pred, matched = counts[mode]
        p = matched / pred if pred else 0.0
        r = matched / exp if exp else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        cells = " ".join(f"{(totals[mode][f] / matched if matched else 0.0):5.2f}" for f in FIELDS)
        print(f"{'OVERALL':36} {mode:8} {f1:5.2f} {cells}  {matched}/{exp} (pred {pred})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
