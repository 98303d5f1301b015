"""Timings that used to be wall-clock assertions in tests (issue 14), now measured here.

Reads the 10,000-row PDF from ``fixtures/bad/`` in a worker (as the test does, without a
time limit) and prints its seconds and the ratio to the 60 s limit the test used to assert.

    python benchmarks/hostile_timing.py
"""

from __future__ import annotations

import time
from pathlib import Path

import planparse

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    path = ROOT / "fixtures" / "bad" / "table_10000_rows.pdf"
    start = time.perf_counter()
    (outcome,) = planparse.parse_many([path], jobs=1, timeout=None, max_memory_mb=1024)
    seconds = time.perf_counter() - start
    actions = len(outcome.result.actions) if outcome.result else 0
    limit = 60.0  # the limit the old test asserted on
    print(f"{path.name}: {actions} actions in {seconds:.1f} s ({seconds / limit:.2f} of the {limit:.0f} s limit)")


if __name__ == "__main__":
    main()
