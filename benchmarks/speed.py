"""Time planparse's PDF reader against pdfplumber's own ``page.extract_tables()``.

For every ``*.pdf`` under ``fixtures/`` (recursively; encrypted and image-only files are
skipped), both are run on the same pages, interleaved, several repetitions; the best
repetition of each is kept. Prints per-page milliseconds and two ratios to pdfplumber:
the PDF reader alone (layout model), and the whole ``planparse.parse`` (reader, plan
finding, records, dates, owners, status; the owner pipeline is loaded once before timing,
as a batch worker does). Targets: <= 1.5 (PDF issue), <= 1.25 (batch issue). The per-file
lines include the 66-page committee pack (seed002), for the long-document figure.

    python benchmarks/speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import pdfplumber

import planparse
from planparse.errors import PlanparseError
from planparse.options import ParseOptions
from planparse.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent


def time_pdfplumber(data: bytes) -> tuple[float, int]:
    start = time.perf_counter()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        n = 0
        for page in pdf.pages:
            page.extract_tables()
            page.close()
            n += 1
    return time.perf_counter() - start, n


def time_planparse(data: bytes, name: str) -> float:
    start = time.perf_counter()
    read_pdf(data, name, ParseOptions())
    return time.perf_counter() - start


def time_full(data: bytes, name: str) -> float:
    start = time.perf_counter()
    planparse.parse(data, name=name)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    files = []
    for path in sorted((ROOT / "fixtures").rglob("*.pdf")):
        data = path.read_bytes()
        try:
            layout = read_pdf(data, str(path), ParseOptions())
        except PlanparseError as err:
            print(f"skip {path.relative_to(ROOT)}: {err.message}")
            continue
        if any(code == "needs_ocr" for code, _, _ in layout.warnings):
            print(f"skip {path.relative_to(ROOT)}: no text layer")
            continue
        files.append((path, data))
    if not files:
        print("no PDFs under fixtures/", file=sys.stderr)
        return 1
    from planparse.normalise.owners import split_owners

    split_owners("Liz Murphy Independent Chair")  # load the owner pipeline once, as a worker does
    best_plumber = {p: float("inf") for p, _ in files}
    best_ours = {p: float("inf") for p, _ in files}
    best_full = {p: float("inf") for p, _ in files}
    pages = {}
    for _ in range(args.repeat):
        for path, data in files:
            t, n = time_pdfplumber(data)
            pages[path] = n
            best_plumber[path] = min(best_plumber[path], t)
            best_ours[path] = min(best_ours[path], time_planparse(data, str(path)))
            best_full[path] = min(best_full[path], time_full(data, str(path)))
    print(f"{'file':50} {'pages':>5} {'pdfplumber':>10} {'reader':>8} {'parse':>8} {'ratio':>6} {'ratio':>6}")
    print(f"{'':50} {'':>5} {'ms/page':>10} {'ms/page':>8} {'ms/page':>8} {'reader':>6} {'parse':>6}")
    for path, _ in files:
        n = pages[path]
        a, b, c = (best[path] * 1000 / n for best in (best_plumber, best_ours, best_full))
        print(f"{str(path.relative_to(ROOT)):50} {n:5d} {a:10.1f} {b:8.1f} {c:8.1f} {b / a:6.2f} {c / a:6.2f}")
    total_pages = sum(pages.values())
    a, b, c = (sum(best.values()) * 1000 / total_pages for best in (best_plumber, best_ours, best_full))
    print(f"{'TOTAL':50} {total_pages:5d} {a:10.1f} {b:8.1f} {c:8.1f} {b / a:6.2f} {c / a:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
