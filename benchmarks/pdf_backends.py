"""CPU time per page of the two PDF backends against pdfplumber's ``extract_tables()``.

One interleaved run: for every PDF of the groups below, each repetition times, one after
the other on the same bytes, (a) the PDF reader with ``pdf_backend="pdfplumber"``,
(b) the PDF reader with ``pdf_backend="pdfium"``, (c) pdfplumber opening the file and
calling ``page.extract_tables()`` on every page. CPU time (``time.process_time``), so
other work on a shared machine counts less; per group it prints milliseconds per page,
the min and the median over repetitions of the group's total, and the ratios to (c).

Groups: ``fixtures/pdf`` (LibreOffice), ``fixtures/pdf_chromium``,
``fixtures/pdf_reportlab``, and the real corpus's PDFs when ``PLANPARSE_REAL_DOCS`` names
its folder. Encrypted, broken and image-only files are left out.

    python benchmarks/pdf_backends.py [--repeat N] [--group NAME ...]

``--compare`` times nothing: it parses every PDF of the groups with both backends and
lists the documents whose results differ (records, provenance, warnings, errors), with
the first differing lines, then "N/M equal" per group. This is how the real corpus is
checked (its documents are not in the repository, so no test can be).
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import pdfplumber

import planparse
from planparse.errors import PlanparseError
from planparse.options import ParseOptions
from planparse.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
RUNS = ("pdfplumber", "pdfium", "extract_tables")


def groups() -> dict[str, list[Path]]:
    out = {
        name: sorted((ROOT / "fixtures" / name).glob("*.pdf"))
        for name in ("pdf", "pdf_chromium", "pdf_reportlab")
    }
    real = os.environ.get("PLANPARSE_REAL_DOCS")
    if real:
        out["real"] = sorted(Path(real).glob("*.pdf"))
    return out


def run_reader(data: bytes, name: str, backend: str) -> None:
    read_pdf(data, name, ParseOptions(pdf_backend=backend))  # type: ignore[arg-type]


def run_tables(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def cpu(fn: object, *args: object) -> float:
    start = time.process_time()
    fn(*args)  # type: ignore[operator]
    return time.process_time() - start


def readable(path: Path) -> tuple[bytes, int] | None:
    data = path.read_bytes()
    try:
        layout = read_pdf(data, path.name, ParseOptions())
    except PlanparseError:
        return None
    if any(code == "needs_ocr" for code, _msg, _page in layout.warnings):
        return None
    return data, layout.pages


def result_of(path: Path, backend: str) -> Any:
    try:
        result = planparse.parse(path, pdf_backend=backend, normalise_owners=False)  # type: ignore[arg-type]
    except PlanparseError as err:
        return {"error": type(err).__name__, "message": str(err)}
    return result.model_dump(mode="json")


def compare(chosen: dict[str, list[Path]]) -> int:
    differing = 0
    for group, paths in chosen.items():
        same = 0
        for path in paths:
            a, b = result_of(path, "pdfplumber"), result_of(path, "pdfium")
            if a == b:
                same += 1
                continue
            differing += 1
            lines = difflib.unified_diff(
                json.dumps(a, indent=1, sort_keys=True).splitlines(),
                json.dumps(b, indent=1, sort_keys=True).splitlines(),
                lineterm="",
                n=0,
            )
            changed = [ln for ln in lines if ln[:1] in "+-" and ln[:3] not in ("+++", "---")]
            print(f"DIFFERS {group}/{path.name}: {len(changed)} lines, e.g.")
            for ln in changed[:4]:
                print("   ", ln.strip()[:160])
        print(f"{group}: {same}/{len(paths)} equal")
    return 1 if differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--group", nargs="+", help="groups to time (default: all)")
    parser.add_argument("--compare", action="store_true", help="compare results, time nothing")
    args = parser.parse_args(argv)
    chosen = {k: v for k, v in groups().items() if not args.group or k in args.group}
    if args.compare:
        return compare(chosen)
    docs = {
        group: [(p.name, *ok) for p in paths if (ok := readable(p)) is not None]
        for group, paths in chosen.items()
    }
    totals: dict[str, dict[str, list[float]]] = {g: {r: [] for r in RUNS} for g in docs}
    for _rep in range(args.repeat):
        for group, items in docs.items():
            spent = dict.fromkeys(RUNS, 0.0)
            for name, data, _pages in items:
                spent["pdfplumber"] += cpu(run_reader, data, name, "pdfplumber")
                spent["pdfium"] += cpu(run_reader, data, name, "pdfium")
                spent["extract_tables"] += cpu(run_tables, data)
            for run in RUNS:
                totals[group][run].append(spent[run])
    print(f"CPU ms per page, {args.repeat} interleaved repetitions: min / median")
    for group, items in docs.items():
        pages = sum(p for _n, _d, p in items)
        if not pages:
            continue
        t = totals[group]
        line = [f"{group:14s} {len(items):3d} docs {pages:4d} pages"]
        for run in RUNS:
            line.append(
                f"{run} {1000 * min(t[run]) / pages:6.1f} / {1000 * statistics.median(t[run]) / pages:6.1f}"
            )
        print("  ".join(line))
        base_min, base_med = min(t["extract_tables"]), statistics.median(t["extract_tables"])
        for run in ("pdfplumber", "pdfium"):
            print(
                f"{'':14s} reader[{run}] / extract_tables: "
                f"min {min(t[run]) / base_min:.2f}x  median {statistics.median(t[run]) / base_med:.2f}x"
            )
        print(
            f"{'':14s} reader[pdfium] / reader[pdfplumber]: min "
            f"{min(t['pdfium']) / min(t['pdfplumber']):.2f}x  median "
            f"{statistics.median(t['pdfium']) / statistics.median(t['pdfplumber']):.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
