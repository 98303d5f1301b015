"""Precision, recall and F1 of owner splitting on fixtures/owners/owners.jsonl.

An owner counts as found when its (name, role, organisation) triple matches an expected
one exactly, after whitespace is tidied; each split (dev, heldout) is scored on its own,
micro-averaged over owners. ``--errors`` lists the cells that were not read exactly.

    python benchmarks/owners_f1.py [--errors] [--split dev|heldout]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from planparse.normalise.owners import split_owners

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "owners" / "owners.jsonl"

Triple = tuple[str | None, str | None, str | None]


def _tidy(value: str | None) -> str | None:
    return re.sub(r"\s+", " ", value).strip() if value else None


def _triple(owner: dict[str, str | None]) -> Triple:
    return (_tidy(owner.get("name")), _tidy(owner.get("role")), _tidy(owner.get("organisation")))


def load_cases(path: Path = FIXTURES) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def score(
    cases: list[dict],
) -> tuple[float, float, float, list[tuple[str, list[Triple], list[Triple]]]]:
    """(precision, recall, F1, mistakes) over the cases given."""
    tp = n_pred = n_gold = 0
    mistakes = []
    for case in cases:
        gold = [_triple(o) for o in case["owners"]]
        pred = [_triple(o.model_dump()) for o in split_owners(case["text"])]
        overlap = Counter(gold) & Counter(pred)
        tp += sum(overlap.values())
        n_pred += len(pred)
        n_gold += len(gold)
        if Counter(gold) != Counter(pred):
            mistakes.append((case["text"], gold, pred))
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, mistakes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the cells read wrongly")
    parser.add_argument("--split", choices=["dev", "heldout"], help="score one split only")
    args = parser.parse_args(argv)
    cases = load_cases()
    for split in ("dev", "heldout"):
        if args.split and split != args.split:
            continue
        chosen = [c for c in cases if c["split"] == split]
        p, r, f, mistakes = score(chosen)
        print(
            f"{split:8s} cells={len(chosen):4d}  P={p:.3f}  R={r:.3f}  F1={f:.3f}  exact-cells={len(chosen) - len(mistakes)}/{len(chosen)}"
        )
        if args.errors:
            for text, gold, pred in mistakes:
                print(f"  {text!r}\n    want {gold}\n    got  {pred}")
    return 0


def _load_time() -> None:
    """Cold load of the owner pipeline in a fresh process (target: under a second)."""
    import subprocess
    import sys

    code = (
        "import time; t0 = time.perf_counter(); import spacy; t1 = time.perf_counter()\n"
        "from planparse.normalise import owners; owners.load_pipeline(); t2 = time.perf_counter()\n"
        "print(f'{t1 - t0:.2f} {t2 - t1:.2f}')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    spacy_s, load_s = out.stdout.split()
    print(f"load     spacy import {spacy_s} s, owner pipeline load {load_s} s (target < 1 s)")


if __name__ == "__main__":
    code = main()
    _load_time()
    sys.exit(code)
