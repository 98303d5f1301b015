"""planparse's PDF parse against other PDF table and text tools, measured in one run.

Tools, each run on the same files, interleaved (every repetition runs every tool on every
file, the order of tools turning round from one file to the next, so a burst of load from
elsewhere on a shared machine falls on all of them):

* ``planparse``          ``planparse.parse`` (reader, plan finding, records, dates, owners,
                         status; the owner pipeline is loaded before timing, as a batch
                         worker does);
* ``plumber-tables``     pdfplumber's ``page.extract_tables()`` on every page;
* ``plumber-words``      pdfplumber's bare ``page.extract_words()`` on every page;
* ``camelot-stream``     ``camelot.read_pdf(path, flavor="stream", pages="all")``
                         (``pip install camelot-py``, MIT; the ``bench`` extra);
* ``pymupdf-tables``     PyMuPDF's ``page.find_tables()`` on every page (its line-based
                         finder: ``use_layout=False`` on PyMuPDF 2). PyMuPDF is AGPL:
                         it is never a dependency of planparse and nothing in ``src/``
                         imports it; install it by hand to include it
                         (``pip install pymupdf``);
* ``pdfium-text``        pypdfium2's raw text (``get_textpage().get_text_range()``), the
                         floor: pdfplumber already installs pypdfium2.

A tool that is not installed (or fails on every file) is reported as skipped. Groups: the
fixture PDFs (every ``*.pdf`` under ``fixtures/`` with a text layer that opens without a
password), the real corpus's PDFs (``PLANPARSE_REAL_DOCS``), and a pack of the fixture
PDFs concatenated to ``--pack-pages`` pages. Printed per group and tool: CPU and wall
milliseconds per page, the best (min) and the median repetition, and each tool's time
as a ratio to planparse's and to pdfplumber's ``extract_tables()``.

    python benchmarks/speed.py [--repeat N] [--groups fixtures,real,pack] [--pack-pages N]
                               [--limit N]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Tool = Callable[[bytes, Path], None]


def _plumber_pages(data: bytes, action: Callable[[object], object]) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            action(page)
            page.close()


def planparse_parse(data: bytes, path: Path) -> None:
    import planparse

    planparse.parse(data, name=path.name)


def plumber_tables(data: bytes, path: Path) -> None:
    _plumber_pages(data, lambda page: page.extract_tables())  # type: ignore[attr-defined]


def plumber_words(data: bytes, path: Path) -> None:
    _plumber_pages(data, lambda page: page.extract_words())  # type: ignore[attr-defined]


def camelot_stream(data: bytes, path: Path) -> None:
    import camelot

    camelot.read_pdf(str(path), flavor="stream", pages="all")


def pymupdf_tables(data: bytes, path: Path) -> None:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            try:
                # PyMuPDF 2 gates tables by an ONNX layout model unless told not to; the
                # line-based finder (PyMuPDF 1.x's only one) is the one compared here.
                page.find_tables(use_layout=False)
            except TypeError:  # PyMuPDF 1.x: no use_layout
                page.find_tables()


def pdfium_text(data: bytes, path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for page in pdf:
            page.get_textpage().get_text_range()
    finally:
        pdf.close()


TOOLS: dict[str, tuple[Tool, str | None]] = {
    "planparse": (planparse_parse, None),
    "plumber-tables": (plumber_tables, None),
    "plumber-words": (plumber_words, None),
    "camelot-stream": (camelot_stream, "camelot"),
    "pymupdf-tables": (pymupdf_tables, "pymupdf"),
    "pdfium-text": (pdfium_text, None),
}


def available_tools() -> dict[str, Tool]:
    import importlib.util

    tools = {}
    for name, (fn, module) in TOOLS.items():
        if module is not None and importlib.util.find_spec(module) is None:
            print(f"skipped {name}: {module} is not installed")
            continue
        tools[name] = fn
    return tools


def readable(paths: list[Path]) -> list[tuple[Path, bytes, int]]:
    """(path, bytes, pages) of the PDFs planparse reads without a password that have text."""
    from planparse.errors import PlanparseError
    from planparse.options import ParseOptions
    from planparse.readers.pdf import read_pdf

    out = []
    for path in paths:
        data = path.read_bytes()
        try:
            layout = read_pdf(data, str(path), ParseOptions())
        except PlanparseError:
            continue
        if layout.pages and not any(code == "needs_ocr" for code, _, _ in layout.warnings):
            out.append((path, data, layout.pages))
    return out


def pack(tmp: Path, pages: int) -> Path | None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from batch import long_pdf

    return long_pdf(tmp, pages)


def spread(paths: list[Path], limit: int | None) -> list[Path]:
    """At most ``limit`` of ``paths``, evenly spaced (all when ``limit`` is None)."""
    if limit is None or len(paths) <= limit:
        return paths
    return [paths[i * len(paths) // limit] for i in range(limit)]


def groups(
    names: list[str], tmp: Path, pack_pages: int, limit: int | None
) -> dict[str, list[tuple[Path, bytes, int]]]:
    out: dict[str, list[tuple[Path, bytes, int]]] = {}
    if "fixtures" in names:
        out["fixture PDFs"] = readable(spread(sorted((ROOT / "fixtures").rglob("*.pdf")), limit))
    if "real" in names:
        real = os.environ.get("PLANPARSE_REAL_DOCS")
        if real:
            out["real corpus PDFs"] = readable(spread(sorted(Path(real).rglob("*.pdf")), limit))
        else:
            print("skipped the real corpus: PLANPARSE_REAL_DOCS is not set")
    if "pack" in names:
        path = pack(tmp, pack_pages)
        if path is not None:
            out[f"{pack_pages}-page pack"] = readable([path])
    return {name: files for name, files in out.items() if files}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--groups", default="fixtures,real,pack")
    parser.add_argument("--pack-pages", type=int, default=300)
    parser.add_argument("--limit", type=int, default=None,
                        help="at most N files of the fixtures and of the real corpus, evenly spaced")
    args = parser.parse_args(argv)
    tools = available_tools()
    from planparse.normalise.owners import split_owners

    split_owners("Liz Murphy Independent Chair")  # load the owner pipeline once, as a worker does
    with tempfile.TemporaryDirectory(prefix="planparse-speed-") as name:
        chosen = groups(args.groups.split(","), Path(name), args.pack_pages, args.limit)
        if not chosen:
            print("no PDFs to time", file=sys.stderr)
            return 1
        # cpu[group][tool] = one total per repetition; None once the tool failed on a file.
        cpu: dict[str, dict[str, list[float]]] = {g: {t: [] for t in tools} for g in chosen}
        wall: dict[str, dict[str, list[float]]] = {g: {t: [] for t in tools} for g in chosen}
        failed: dict[str, set[str]] = {g: set() for g in chosen}
        names = list(tools)
        for _ in range(args.repeat):
            for group, files in chosen.items():
                totals = {t: [0.0, 0.0] for t in tools}
                for k, (path, data, _) in enumerate(files):
                    for tool in names[k % len(names):] + names[: k % len(names)]:
                        if tool in failed[group]:
                            continue
                        w, c = time.perf_counter(), time.process_time()
                        try:
                            tools[tool](data, path)
                        except Exception as err:  # a tool that cannot read a file is left out
                            print(f"{tool} failed on {path.name}: {type(err).__name__}: {err}"[:200])
                            failed[group].add(tool)
                            continue
                        totals[tool][0] += time.process_time() - c
                        totals[tool][1] += time.perf_counter() - w
                for tool, (c, w) in totals.items():
                    if tool not in failed[group]:
                        cpu[group][tool].append(c)
                        wall[group][tool].append(w)
        report(chosen, tools, cpu, wall, failed, args.repeat)
    return 0


def report(
    chosen: dict[str, list[tuple[Path, bytes, int]]],
    tools: dict[str, Tool],
    cpu: dict[str, dict[str, list[float]]],
    wall: dict[str, dict[str, list[float]]],
    failed: dict[str, set[str]],
    repeat: int,
) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nms per page, {repeat} interleaved repetitions (load average now {load}); "
          "ratios of CPU time, best / median repetition")
    for group, files in chosen.items():
        pages = sum(n for _, _, n in files)
        print(f"\n{group}: {len(files)} files, {pages} pages")
        print(f"  {'tool':16} {'CPU min':>8} {'CPU med':>8} {'wall min':>8} {'wall med':>8} "
              f"{'vs planparse':>14} {'vs plumber-tables':>18}")
        base = cpu[group].get("planparse") or []
        plumber = cpu[group].get("plumber-tables") or []
        for tool in tools:
            times = cpu[group][tool]
            if tool in failed[group] or not times:
                print(f"  {tool:16} skipped (failed on a file)")
                continue
            c_min, c_med = min(times) * 1000 / pages, statistics.median(times) * 1000 / pages
            w = wall[group][tool]
            w_min, w_med = min(w) * 1000 / pages, statistics.median(w) * 1000 / pages

            def ratio(ref: list[float], times: list[float] = times) -> str:
                if not ref:
                    return "-"
                return f"{min(times) / min(ref):.2f} / {statistics.median(times) / statistics.median(ref):.2f}"

            print(f"  {tool:16} {c_min:8.1f} {c_med:8.1f} {w_min:8.1f} {w_med:8.1f} "
                  f"{ratio(base):>14} {ratio(plumber):>18}")


if __name__ == "__main__":
    raise SystemExit(main())
