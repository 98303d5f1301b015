"""Score the status reader on held-out phrases (issue 13).

The phrases in ``benchmarks/status_phrases_heldout.tsv`` were written before the
whole-phrase reader existed and are never corrected against it. Each is read with
``read_status(phrase, None, {})`` (no legend, no fill) and its state, rag and kind are
compared with the list. Prints the accuracies and every miss; figures are recorded in
``benchmarks/status_phrases_runs.md``.

    PYTHONPATH=$PWD/src python benchmarks/status_phrases.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from planparse.normalise.status import read_status

HELDOUT = Path(__file__).with_name("status_phrases_heldout.tsv")


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


def main() -> int:
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
