"""Batch benchmarks, every figure measured in this run: python benchmarks/batch.py

1. start-up: wall time of ``planparse parse`` on a small Word file in a fresh process
   (target 1.5 s), and the heaviest imports of ``import planparse`` and of that parse;
2. throughput: ``planparse batch`` on N copies of the fixture documents with ``--jobs 1``
   and ``--jobs 2``, and the pool's overhead (wall time minus the time spent reading);
3. memory: peak RSS of a fresh process parsing long PDF packs made by concatenating the
   fixture PDFs, 100, 300 and 1,000 pages (issue 15: flat within 20% of the smallest
   pack's figure, under 200 MB at 1,000 pages).

Options: --docs N (default 40), --pages N,N,... (default 100,300,1000), --repeat N
(default 3), --skip-startup, --skip-throughput, --skip-memory.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]


def small_docx(tmp: Path) -> Path:
    """A two-action plan with an owner column (so the owner splitter, spaCy, is loaded)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from make_bad_inputs import good_docx

    path = tmp / "small_plan.docx"
    path.write_bytes(good_docx())
    return path


def heaviest_imports(code: str, n: int = 6) -> list[tuple[str, float]]:
    """Third-party and planparse packages by cumulative import time (ms), from
    ``python -X importtime`` (each package counted where it is first imported)."""
    proc = _run([sys.executable, "-X", "importtime", "-c", code])
    rows: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line[len("import time:") :].split("|")
        module = name.strip()
        if not cumulative.strip().isdigit() or module in ("planparse", "site", "encodings"):
            continue
        top = module.split(".")[0]
        if top in sys.stdlib_module_names or (top == "planparse" and "." not in module):
            continue
        key = module if top == "planparse" else top
        rows[key] = max(rows.get(key, 0.0), int(cumulative) / 1000)
    return sorted(rows.items(), key=lambda r: -r[1])[:n]


def bench_startup(tmp: Path) -> None:
    doc = small_docx(tmp)
    exe = shutil.which("planparse") or "planparse"
    times = []
    for _ in range(3):
        start = time.perf_counter()
        proc = _run([exe, "parse", str(doc), "-o", str(tmp / "out.json")])
        times.append(time.perf_counter() - start)
        assert proc.returncode == 0, proc.stderr
    print(f"start-up: planparse parse {doc.name}: median {statistics.median(times):.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in times)}; target 1.5 s)")
    for label, code in (
        ("import planparse", "import planparse"),
        (f"parse({doc.name})", f"import planparse; planparse.parse({str(doc)!r})"),
    ):
        top = ", ".join(f"{name} {ms:.0f} ms" for name, ms in heaviest_imports(code))
        print(f"  heaviest imports of {label}: {top}")


def batch_inputs(tmp: Path, n: int) -> Path:
    # Word and PDF files taken in turn, so the mix stays half and half as the corpus grows
    # (an archive is both; all the Word files first made a batch of light documents).
    word = sorted((FIXTURES / "docx").glob("*.docx"))
    pdf = sorted((FIXTURES / "pdf").glob("*.pdf"))
    docs = [d for pair in zip(word, pdf, strict=False) for d in pair] + word[len(pdf):] + pdf[len(word):]
    if not docs:
        docs = [small_docx(tmp)]
    folder = tmp / "batch-in"
    for i in range(n):
        src = docs[i % len(docs)]
        dest = folder / f"set{i // len(docs)}" / src.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dest)
    return folder


def bench_throughput(tmp: Path, n: int, repeat: int) -> None:
    """--jobs 1 and --jobs 2 alternated ``repeat`` times; the best wall time of each counts,
    so a burst of load from elsewhere on a shared machine does not decide the ratio."""
    folder = batch_inputs(tmp, n)
    exe = shutil.which("planparse") or "planparse"
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            out = tmp / f"batch-out-{jobs}"
            start = time.perf_counter()
            proc = _run([exe, "batch", str(folder), "-o", str(out), "--jobs", str(jobs), "--force"])
            wall = time.perf_counter() - start
            walls[jobs].append(wall)
            summary = json.loads((out / "summary.json").read_text())
            manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
            reading = sum(e.get("seconds", 0.0) for e in manifest)
            print(
                f"throughput --jobs {jobs}: {n} documents in {wall:.1f} s = {n / wall:.2f} docs/s "
                f"({summary['documents_read']} read, {summary['failed']} failed, exit {proc.returncode}); "
                f"time reading {reading:.1f} s, pool overhead {wall - reading / jobs:.1f} s "
                f"({(wall - reading / jobs) / n * 1000:.0f} ms/doc, incl. worker start-up)"
            )
    load = ", ".join(f"{x:.1f}" for x in __import__("os").getloadavg())
    best1, best2 = min(walls[1]), min(walls[2])
    print(f"  speed-up --jobs 2 vs 1 (best of {repeat} each): {best1 / best2:.2f}x "
          f"({best1:.1f} s vs {best2:.1f} s; load average now {load}; {__import__('os').cpu_count()} CPUs)")


def long_pdf(tmp: Path, pages: int) -> Path | None:
    import pypdfium2 as pdfium

    sources = sorted((FIXTURES / "pdf").glob("*.pdf"))
    if not sources:
        return None
    pack = pdfium.PdfDocument.new()
    i = 0
    while len(pack) < pages:
        src = pdfium.PdfDocument(str(sources[i % len(sources)]))
        take = min(len(src), pages - len(pack))
        pack.import_pages(src, list(range(take)))
        src.close()
        i += 1
    path = tmp / f"pack_{pages}_pages.pdf"
    pack.save(str(path))
    pack.close()
    return path


MEASURE = """
import resource, sys, time
import planparse
start = time.perf_counter()
result = planparse.parse(sys.argv[1])
print(len(result.actions), time.perf_counter() - start,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def bench_memory(tmp: Path, sizes: list[int]) -> None:
    peaks: dict[int, float] = {}
    for pages in sizes:
        path = long_pdf(tmp, pages)
        if path is None:
            print("memory: no fixture PDFs to build a pack from")
            return
        proc = _run([sys.executable, "-c", MEASURE, str(path)])
        if proc.returncode != 0:
            print(f"memory: reading the {pages}-page pack failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        actions, seconds, rss = proc.stdout.split()
        peaks[pages] = float(rss)
        print(f"memory: {pages}-page PDF pack ({path.stat().st_size / 1e6:.1f} MB, {actions} actions) read in "
              f"{float(seconds):.1f} s, peak RSS {float(rss):.0f} MB (target 200 MB)", flush=True)
        path.unlink()
    if len(peaks) > 1:
        low = peaks[min(peaks)]
        growth = ", ".join(f"{n} pages {rss / low:.2f}x" for n, rss in sorted(peaks.items()))
        print(f"  peak RSS against the {min(peaks)}-page pack: {growth} (target flat within 20%: <= 1.20x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--pages", default="100,300,1000", help="pack sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="throughput runs per --jobs value")
    parser.add_argument("--skip-startup", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planparse-bench-") as name:
        tmp = Path(name)
        if not args.skip_startup:
            bench_startup(tmp)
        if not args.skip_throughput:
            bench_throughput(tmp, args.docs, args.repeat)
        if not args.skip_memory:
            bench_memory(tmp, [int(n) for n in args.pages.split(",")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
