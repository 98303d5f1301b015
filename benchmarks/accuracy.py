"""Accuracy of planparse over the fixture corpus (``fixtures/expected``), per document and overall.

Every expected file is scored against ``planparse.parse`` of its Word and PDF renditions
(whichever exist). Records are matched by action text (``planparse._evaluate``); over
matched records each field is right or wrong (owners score the F1 of the owner set).
Held-out documents (``"heldout": true`` in their expected JSON) are reported apart: nothing
in planparse may be tuned to them. Those also marked ``"untouched": true`` have never been
corrected against (a fresh wave): they are the honest measure of unseen documents, reported
as their own split and left out of the floors in ``tests/test_accuracy.py``. A document that fails to parse counts as all misses and
its error is printed.

    python benchmarks/accuracy.py [--format docx|pdf|xlsx|csv|all|pdf_chromium|pdf_reportlab|producers] [--corpus fixtures|real|all] [--only NAME ...] [--json OUT] [--errors]

The real corpus (``fixtures/real/expected/*.json``: documents published by other
organisations, truth written by hand) is scored when its documents are present (they are
not committed: see ``fixtures/real/README.md``; looked for in ``$PLANPARSE_REAL_DOCS``,
``fixtures/real/docs/`` and ``../shared/real/``). It is reported as its own split ("real"),
per batch, and "real untouched" for the batches nothing has been corrected against yet.
Real documents never count in the fixture splits or floors.

Exit status: 0 when every document parsed, 1 when any failed (its figures still count).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import planparse
from planparse._evaluate import FIELDS, DocScore, load_expected, score_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REAL = FIXTURES / "real"
FORMATS = ("docx", "pdf", "xlsx", "csv")
# The same specs' PDFs from other producers (tools/make_producer_fixtures.py), scored against
# the Word twin's expected file; only with --format NAME or --format producers.
PRODUCER_FORMATS = ("pdf_chromium", "pdf_reportlab")
SHORT = {
    "ref": "ref",
    "objective": "obj",
    "action": "act",
    "owners": "own",
    "deadline": "date",
    "rag": "rag",
    "state": "state",
    "progress": "prog",
    "milestones": "mile",
}


@dataclass
class Run:
    """One document in one format: its score, time taken and any error."""

    name: str
    fmt: str
    heldout: bool
    score: DocScore
    seconds: float
    error: str | None = None
    untouched: bool = False
    batch: int | None = None
    """Batch of the real corpus, None for a fixture."""
    has_plan: bool = True

    @property
    def real(self) -> bool:
        return self.batch is not None


@dataclass
class Totals:
    """Micro-averaged figures over several runs."""

    runs: int = 0
    expected: int = 0
    predicted: int = 0
    matched: int = 0
    field_hits: dict[str, float] = field(default_factory=lambda: {f: 0.0 for f in FIELDS})
    failed: int = 0

    def add(self, run: Run) -> None:
        self.runs += 1
        self.expected += run.score.expected
        self.predicted += run.score.predicted
        self.matched += run.score.matched
        for f in FIELDS:
            self.field_hits[f] += run.score.field_hits.get(f, 0.0)
        self.failed += run.error is not None

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def field(self, name: str) -> float:
        return self.field_hits[name] / self.matched if self.matched else 0.0

    def figures(self) -> dict[str, Any]:
        return {
            "documents": self.runs,
            "failed": self.failed,
            "expected": self.expected,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "fields": {f: round(self.field(f), 4) for f in FIELDS},
        }


def cases(
    formats: tuple[str, ...], only: list[str] | None = None
) -> list[tuple[str, str, Path, Path]]:
    """(name, format, document, expected file) for every fixture rendition that exists."""
    found = []
    for exp in sorted((FIXTURES / "expected").glob("*.json")):
        if only and exp.stem not in only:
            continue
        for fmt in formats:
            doc = FIXTURES / fmt / f"{exp.stem}.{fmt.split('_')[0]}"
            if doc.is_file():
                found.append((exp.stem, fmt, doc, exp))
    return found


def real_docs_dirs() -> list[Path]:
    """Where the real corpus's documents may be (they are not committed)."""
    dirs = [Path(p) for p in os.environ.get("PLANPARSE_REAL_DOCS", "").split(os.pathsep) if p]
    return [*dirs, REAL / "docs", ROOT.parent / "shared" / "real"]


def real_cases(only: list[str] | None = None) -> tuple[list[tuple[str, str, Path, Path]], list[str]]:
    """(name, format, document, truth file) for every real document present, and the names
    of those whose document is missing."""
    found, missing = [], []
    for exp in sorted((REAL / "expected").glob("*.json")):
        if only and exp.stem not in only:
            continue
        data = load_expected(exp)
        doc = next((d / data["file"] for d in real_docs_dirs() if (d / data["file"]).is_file()), None)
        if doc is None:
            missing.append(exp.stem)
            continue
        found.append((exp.stem, doc.suffix.lstrip(".").lower(), doc, exp))
    return found, missing


def run_one(name: str, fmt: str, doc: Path, expected_file: Path, pdf_backend: str = "pdfplumber") -> Run:
    """Parse one rendition and score it; a parse failure scores as all misses."""
    expected = load_expected(expected_file)
    heldout = bool(expected.get("heldout"))
    untouched = bool(expected.get("untouched"))
    batch = expected.get("batch") if expected.get("real") else None
    has_plan = bool(expected.get("has_plan", True))
    start = time.perf_counter()
    try:
        result = planparse.parse(doc, pdf_backend=pdf_backend)  # type: ignore[arg-type]
    except Exception as err:  # noqa: BLE001 - a benchmark reports every failure and goes on
        seconds = time.perf_counter() - start
        score = DocScore(name=name, expected=len(expected["actions"]), predicted=0, matched=0)
        score.field_hits = {f: 0.0 for f in FIELDS}
        score.misses = [a["action"][:80] for a in expected["actions"]]
        return Run(name, fmt, heldout, score, seconds, f"{type(err).__name__}: {err}", untouched, batch, has_plan)
    seconds = time.perf_counter() - start
    return Run(name, fmt, heldout, score_document(name, result, expected), seconds, None, untouched, batch, has_plan)


def run_all(
    formats: tuple[str, ...], only: list[str] | None = None, corpus: str = "fixtures",
    pdf_backend: str = "pdfplumber",
) -> list[Run]:
    runs = []
    if corpus in ("fixtures", "all"):
        runs += [run_one(*case, pdf_backend=pdf_backend) for case in cases(formats, only)]
    if corpus in ("real", "all"):
        found, missing = real_cases(only)
        if missing:
            print(f"real corpus: {len(missing)} document(s) not present, not scored: {', '.join(missing)}", file=sys.stderr)
        runs += [run_one(*case, pdf_backend=pdf_backend) for case in found]
    return runs


def summarise(runs: list[Run]) -> dict[str, dict[str, Totals]]:
    """Totals by format ("docx", "pdf", "all") and split ("all", "dev", "heldout", "untouched",
    and "floors": everything but the untouched documents)."""
    groups: dict[str, dict[str, Totals]] = {}
    batches = sorted({r.batch for r in runs if r.batch is not None})
    for fmt in (*FORMATS, *PRODUCER_FORMATS, "all"):
        by_split = {"all": Totals(), "dev": Totals(), "heldout": Totals(), "untouched": Totals(), "floors": Totals()}
        by_split.update({"real": Totals(), "real untouched": Totals()})
        by_split.update({f"real batch {b}": Totals() for b in batches})
        for run in runs:
            if fmt not in (run.fmt, "all"):
                continue
            if run.real:
                by_split["real"].add(run)
                by_split[f"real batch {run.batch}"].add(run)
                if run.untouched:
                    by_split["real untouched"].add(run)
                continue
            by_split["all"].add(run)
            by_split["heldout" if run.heldout else "dev"].add(run)
            by_split["untouched" if run.untouched else "floors"].add(run)
        if any(t.runs for t in by_split.values()):
            groups[fmt] = by_split
    return groups


def _row(
    label: str, fmt: str, p: float, r: float, f1: float, fields: dict[str, float], extra: str
) -> str:
    cells = " ".join(f"{fields[f]:>5.2f}" for f in FIELDS)
    return f"{label:<36} {fmt:<4} {p:>5.2f} {r:>5.2f} {f1:>5.2f} {cells} {extra}"


def report(runs: list[Run], wall: float, errors: bool = False) -> str:
    """The printed table: one line per document and format, then the totals."""
    head = " ".join(f"{SHORT[f]:>5}" for f in FIELDS)
    lines = [f"{'document':<36} {'fmt':<4} {'P':>5} {'R':>5} {'F1':>5} {head} time"]
    for run in runs:
        s = run.score
        label = ("real/" if run.real else "") + run.name + (" [U]" if run.untouched else " [H]" if run.heldout else "")
        if run.real and not run.has_plan:
            label += " [no plan]"
        fields = {f: s.field_accuracy(f) for f in FIELDS}
        extra = f"{run.seconds:5.2f}s {s.matched}/{s.expected} (pred {s.predicted})"
        lines.append(_row(label, run.fmt, s.precision, s.recall, s.f1, fields, extra))
        if run.error:
            lines.append(f"    ERROR {run.error}")
        if errors:
            lines.extend(f"    miss  {m}" for m in s.misses)
            lines.extend(f"    extra {x}" for x in s.extras)
            lines.extend(
                f"    {f:<10} {act!r}: got {got!r} want {want!r}"
                for act, f, got, want in s.field_errors
            )
            lines.extend(f"    document {what}: got {got!r} want {want!r}" for what, got, want in s.document_errors)
    lines.append("")
    for fmt, by_split in summarise(runs).items():
        for split, t in by_split.items():
            if not t.runs:
                continue
            fields = {f: t.field(f) for f in FIELDS}
            extra = (
                f"{t.matched}/{t.expected} (pred {t.predicted}) docs {t.runs}, failed {t.failed}"
            )
            lines.append(_row(f"OVERALL {split}", fmt, t.precision, t.recall, t.f1, fields, extra))
    for fmt in (*FORMATS, *PRODUCER_FORMATS):
        scored = [r for r in runs if r.fmt == fmt and not r.error]
        if scored:
            right = sum(1 for r in scored if not r.score.document_errors)
            lines.append(f"document info and plans right ({fmt}): {right}/{len(scored)} renditions")
    nonplan = [r for r in runs if r.real and not r.has_plan]
    if nonplan:
        leaked = [(r.name, r.score.predicted) for r in nonplan if r.score.predicted]
        lines.append(
            f"real documents without a plan: {len(nonplan)}, actions read from them: "
            f"{sum(n for _, n in leaked)}" + (f" ({', '.join(f'{n}: {k}' for n, k in leaked)})" if leaked else "")
        )
    lines.append(f"\nwall time {wall:.1f}s")
    return "\n".join(lines)


def figures(runs: list[Run], wall: float) -> dict[str, Any]:
    """Everything the table shows, as JSON-ready data."""
    return {
        "wall_seconds": round(wall, 2),
        "documents": [
            {
                "name": r.name,
                "format": r.fmt,
                "heldout": r.heldout,
                "untouched": r.untouched,
                "batch": r.batch,
                "has_plan": r.has_plan,
                "error": r.error,
                "seconds": round(r.seconds, 3),
                "expected": r.score.expected,
                "predicted": r.score.predicted,
                "matched": r.score.matched,
                "precision": round(r.score.precision, 4),
                "recall": round(r.score.recall, 4),
                "f1": round(r.score.f1, 4),
                "fields": {f: round(r.score.field_accuracy(f), 4) for f in FIELDS},
                "document_errors": [list(e) for e in r.score.document_errors],
            }
            for r in runs
        ],
        "overall": {
            fmt: {split: t.figures() for split, t in by_split.items() if t.runs}
            for fmt, by_split in summarise(runs).items()
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--format", choices=[*FORMATS, "all", *PRODUCER_FORMATS, "producers"], default="all",
        help="all: docx, LibreOffice's pdf, xlsx and csv; producers: the Chromium and reportlab PDFs",
    )
    parser.add_argument(
        "--corpus", choices=["fixtures", "real", "all"], default="all",
        help="the project's fixtures, the real corpus (when its documents are present), or both",
    )
    parser.add_argument("--only", nargs="+", metavar="NAME", help="fixture names to score")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    parser.add_argument(
        "--pdf-backend", choices=["pdfplumber", "pdfium"], default="pdfplumber",
        help="what reads PDF pages (ParseOptions.pdf_backend)",
    )
    parser.add_argument(
        "--errors", action="store_true", help="list misses, extras and wrong fields"
    )
    args = parser.parse_args(argv)
    formats = {"all": FORMATS, "producers": PRODUCER_FORMATS}.get(args.format, (args.format,))
    if args.only:
        known = {p.stem for p in (FIXTURES / "expected").glob("*.json")} | {p.stem for p in (REAL / "expected").glob("*.json")}
        unknown = sorted(set(args.only) - known)
        if unknown:
            parser.error(f"no expected fixture named {', '.join(unknown)}")
    start = time.perf_counter()
    runs = run_all(formats, args.only, args.corpus, args.pdf_backend)
    wall = time.perf_counter() - start
    print(report(runs, wall, errors=args.errors))
    if args.json:
        args.json.write_text(json.dumps(figures(runs, wall), indent=2) + "\n", encoding="utf-8")
    return 1 if any(r.error for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
