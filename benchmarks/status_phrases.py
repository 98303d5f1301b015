"""Score the status reader on held-out phrases (issue 13).

The phrases in ``benchmarks/status_phrases_heldout.tsv`` were written before the
whole-phrase reader existed and are never corrected against it. Each is read with
``read_status(phrase, None, {})`` (no legend, no fill) and its state, rag and kind are
compared with the list. Prints the accuracies and every miss; figures are recorded in
``benchmarks/status_phrases_runs.md``.

    PYTHONPATH=$PWD/src python benchmarks/status_phrases.py [--corpus fixtures|real|all]

``--corpus`` also parses the documents of a corpus (fixtures: ``fixtures/docx`` and
``fixtures/pdf``; real: the files of ``fixtures/real/expected`` found in
``$PLANPARSE_REAL_DOCS``) and counts, over every status cell read: cells with no state and a
``status_unknown`` warning, acceptances, and cells whose words negate or qualify completion
("not yet complete", "partly implemented", "incomplete") that were nevertheless read as
``complete`` - which must be none.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import planparse
from planparse.normalise.status import read_status

HELDOUT = Path(__file__).with_name("status_phrases_heldout.tsv")
ROOT = Path(__file__).resolve().parent.parent
# Independent of the reader: a negation or partial form before a completion word.
NEGATED_COMPLETION = re.compile(
    r"\b(not|yet to|no longer|partly|partially|in part|not fully|substantially|largely|nearly|almost)\b[^.;]*?"
    r"\b(complet\w*|implement\w*|done|achiev\w*|finish\w*)|\b(incomplete|uncomplet\w*|unimplement\w*)\b"
    r"|\b(implemented|complete[d]?)\s+in\s+part\b",
    re.I,
)


def _null(value: str) -> str | None:
    return None if value == "-" else value


def load() -> list[tuple[str, str | None, str | None, str]]:
    rows = []
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, state, rag, kind = line.split("\t")
        rows.append((phrase, _null(state), _null(rag), kind))
    return rows


def _documents(corpus: str) -> list[Path]:
    docs: list[Path] = []
    if corpus in ("fixtures", "all"):
        docs += sorted((ROOT / "fixtures" / "docx").glob("*.docx")) + sorted((ROOT / "fixtures" / "pdf").glob("*.pdf"))
    if corpus in ("real", "all"):
        where = Path(os.environ.get("PLANPARSE_REAL_DOCS", ROOT / "fixtures" / "real" / "docs"))
        for exp in sorted((ROOT / "fixtures" / "real" / "expected").glob("*.json")):
            name = json.loads(exp.read_text(encoding="utf-8")).get("file")
            if name and (where / name).is_file() and Path(name).suffix.lower() in (".pdf", ".docx", ".doc", ".rtf", ".odt"):
                docs.append(where / name)
    return docs


def scan(corpus: str) -> int:
    cells = unknown = acceptance = bad = 0
    for path in _documents(corpus):
        try:
            result = planparse.parse(path)
        except planparse.PlanparseError as err:
            print(f"  {path.name}: not read ({err})")
            continue
        statuses = [a.status for a in result.actions] + [m.status for a in result.actions for m in a.milestones]
        for st in statuses:
            if st is None or not st.text:
                continue
            cells += 1
            kind = getattr(st, "kind", "lifecycle")
            unknown += st.state is None and kind == "lifecycle"
            acceptance += kind == "acceptance"
            if st.state == "complete" and NEGATED_COMPLETION.search(st.text):
                bad += 1
                print(f"  {path.name}: {st.text!r} read as complete")
    print(f"{corpus} corpus: {cells} status cells with words; {unknown} with no state (status_unknown), "
          f"{acceptance} acceptances, {bad} negated or partial completion read as complete")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=("fixtures", "real", "all"))
    args = parser.parse_args()
    rows = load()
    hits = {"state": 0, "rag": 0, "kind": 0}
    misses = []
    for phrase, state, rag, kind in rows:
        status = read_status(phrase, None, {}).status
        got_state = status.state if status else None
        got_rag = status.rag if status else None
        got_kind = getattr(status, "kind", "lifecycle") if status else "lifecycle"
        for name, want, got in (("state", state, got_state), ("rag", rag, got_rag), ("kind", kind, got_kind)):
            if want == got:
                hits[name] += 1
            else:
                misses.append(f"  {phrase!r}: {name} {got!r}, want {want!r}")
    n = len(rows)
    print(f"{n} held-out phrases: state {hits['state'] / n:.3f} ({hits['state']}/{n}), "
          f"rag {hits['rag'] / n:.3f}, kind {hits['kind'] / n:.3f}")
    if misses:
        print("misses:")
        print("\n".join(misses))
    return scan(args.corpus) if args.corpus else 0


if __name__ == "__main__":
    sys.exit(main())
