"""Issue 14: a small fixed-seed subset of the fuzz campaign (tools/fuzz.py) in the suite.

Cases are read through parse_many (a worker per document, memory limit; the time limit is
only a generous hang guard). Each must give a result, or a PlanparseError on one line
naming the file -- never an internal error, a timeout, a memory kill or a crash.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import fuzz  # noqa: E402

import planparse  # noqa: E402
from planparse.errors import DocumentTimeoutError, InternalError, MemoryLimitError, WorkerCrashError  # noqa: E402

SEED = 14
MUTATED = 48
CHEAP_HOSTILE = {"entity", "wrong_type", "long_cell", "encrypted"}


def _cases() -> list[fuzz.Case]:
    rng = random.Random(SEED)
    mutated = list(fuzz.mutated_cases(rng, MUTATED))
    base = fuzz.mb.good_docx()
    hostile = [
        fuzz.Case("entity", "xxe.docx", fuzz.mb.xxe_docx(base)),
        fuzz.Case("entity", "laughs.docx", fuzz.mb.billion_laughs_docx(base)),
        fuzz.Case("bomb", "lying.docx", fuzz.mb.lying_sizes(fuzz.mb.zip_bomb_docx(base, 8), "word/document.xml", 4096)),
        fuzz.Case("wrong_type", "png.pdf", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        fuzz.Case("wrong_type", "pk.docx", b"PK"),
        fuzz.Case("operator_flood", "flood.pdf", fuzz._pdf_page(b"10 10 m 20 20 l S\n" * 150_000)),
    ]
    hostile += [fuzz.Case("long_cell", f"long{c}.docx", fuzz.long_cell_docx(rng, c)) for c in range(4)]
    return mutated + hostile


def test_the_fixed_seed_subset_has_no_defect(tmp_path: Path) -> None:
    cases = _cases()
    assert len(cases) >= 58
    paths = []
    for i, case in enumerate(cases):
        path = tmp_path / f"{i:03}_{case.name}"
        path.write_bytes(case.data or b"")
        paths.append(path)
    defects = []
    for outcome in planparse.parse_many(paths, jobs=2, timeout=600, max_memory_mb=1024):
        err = outcome.error
        if err is None:
            continue
        name = Path(outcome.path).name
        if isinstance(err, InternalError | DocumentTimeoutError | MemoryLimitError | WorkerCrashError):
            defects.append(f"{name}: {type(err).__name__}: {err.message}")
        elif "\n" in str(err) or not str(err).startswith(outcome.path) or len(err.message) > 400:
            defects.append(f"{name}: not one short line naming the file: {str(err)[:300]!r}")
    assert defects == []


def test_the_campaign_is_reproducible_from_its_seed() -> None:
    first = [(c.kind, c.name, c.data) for c in fuzz.mutated_cases(random.Random(SEED), 20)]
    again = [(c.kind, c.name, c.data) for c in fuzz.mutated_cases(random.Random(SEED), 20)]
    assert first == again
