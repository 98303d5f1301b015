"""Word reader against python-docx's own cell loop, every figure measured in this run.

For each document, two things are timed, interleaved, ``--repeat`` times (CPU time of
this process, so other work on a shared machine counts less; wall time printed beside):

* python-docx: ``Document(...)`` then, for every table,
  ``for row in table.rows: for cell in row.cells: cell.text``;
* planparse: ``read_docx`` (package checks, loading, the whole body into the layout model:
  headings, paragraphs, tables with spans, fills and nested tables, headers and footers).

Documents: two generated 5,000-row action tables (repeated header row, RAG-filled status
cells, a tab and a line break in every action; the second also has a shaded section row
spanning the table every 50 rows and an owner column merged down over 5 rows, which
python-docx is slower to walk), every ``.docx`` under
``fixtures/`` that python-docx opens, and the real corpus's Word documents when
``PLANPARSE_REAL_DOCS`` names its folder. Target (issue 15): planparse <= 1.3x python-docx,
the 5,000-row table included. Prints per document and in total the ratio of the best
(min) and of the median repetitions.

    python benchmarks/word_speed.py [--repeat N] [--rows N] [--only-big]
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from planparse.readers.docx import read_docx

ROOT = Path(__file__).resolve().parents[1]
FILLS = ("FF0000", "FFC000", "00B050")


def _shade(tc: object, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shd)  # type: ignore[attr-defined]


def big_table(rows: int, merges: bool) -> bytes:
    """A Word action plan of one table with ``rows`` action rows (see the module docstring)."""
    doc = docx.Document()
    doc.add_heading("Improvement plan 2024-25", 1)
    table = doc.add_table(rows=3, cols=5)
    header, section, action = table.rows
    for cell, text in zip(header.cells, ("Ref", "Action", "Owner", "Due", "Status"), strict=True):
        cell.text = text
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    merged = section.cells[0].merge(section.cells[4])
    merged.text = "Priority"
    _shade(merged._tc, "D9E2F3")
    for cell in action.cells:
        cell.text = "x"
    tbl = table._tbl
    section_tr, action_tr = section._tr, action._tr
    tbl.remove(section_tr)
    tbl.remove(action_tr)
    for i in range(rows):
        if merges and i % 50 == 0:
            tr = copy.deepcopy(section_tr)
            tr.xpath(".//w:t")[0].text = f"Priority {i // 50 + 1}: services people can reach"
            tbl.append(tr)
        tr = copy.deepcopy(action_tr)
        tcs = tr.xpath("./w:tc")
        texts = tr.xpath(".//w:t")
        texts[0].text = f"{i // 50 + 1}.{i % 50 + 1}"
        texts[1].text = f"Publish the revised plan for area {i}\tand consult on it"
        texts[1].addnext(OxmlElement("w:br"))
        texts[2].text = "Head of Housing Services" if i % 5 == 0 or not merges else ""
        if merges:
            v_merge = OxmlElement("w:vMerge")
            if i % 5 == 0:
                v_merge.set(qn("w:val"), "restart")
            tcs[2].get_or_add_tcPr().append(v_merge)
        texts[3].text = f"{1 + i % 28}/{1 + i % 12}/2025"
        texts[4].text = ("Not started", "In progress", "Complete")[i % 3]
        _shade(tcs[4], FILLS[i % 3])
        tbl.append(tr)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def python_docx_cells(data: bytes) -> int:
    document = docx.Document(io.BytesIO(data))
    n = 0
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text  # noqa: B018 - the read is what is timed
                n += 1
    return n


def planparse_read(data: bytes) -> int:
    return len(read_docx(data, "bench.docx").blocks)


def timed(fn: Callable[[bytes], int], data: bytes) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn(data)
    return time.process_time() - cpu, time.perf_counter() - wall


def documents(rows: int, only_big: bool) -> list[tuple[str, bytes]]:
    docs = [
        (f"generated {rows:,}-row table", big_table(rows, merges=False)),
        (f"generated {rows:,}-row table, merges", big_table(rows, merges=True)),
    ]
    if only_big:
        return docs
    paths = sorted((ROOT / "fixtures").rglob("*.docx"))
    real = os.environ.get("PLANPARSE_REAL_DOCS")
    if real:
        paths += sorted(Path(real).rglob("*.docx"))
    for path in paths:
        data = path.read_bytes()
        try:
            python_docx_cells(data)
            planparse_read(data)
        except Exception:  # hostile fixtures (fixtures/bad) are not timed
            continue
        label = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else f"real/{path.name}"
        docs.append((label, data))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--only-big", action="store_true", help="time only the generated tables")
    args = parser.parse_args(argv)
    docs = documents(args.rows, args.only_big)
    cpu: dict[str, dict[str, list[float]]] = {k: {n: [] for n, _ in docs} for k in ("docx", "ours")}
    wall: dict[str, dict[str, list[float]]] = {k: {n: [] for n, _ in docs} for k in ("docx", "ours")}
    for rep in range(args.repeat):
        for name, data in docs:
            # Alternate which goes first, so neither always meets a warm or a cold cache.
            order = (("docx", python_docx_cells), ("ours", planparse_read))
            for key, fn in order if rep % 2 == 0 else order[::-1]:
                c, w = timed(fn, data)
                cpu[key][name].append(c)
                wall[key][name].append(w)
    width = max(len(n) for n, _ in docs)
    print(f"CPU ms per document, {args.repeat} interleaved repetitions; ratio = planparse / python-docx")
    print(f"{'document':{width}} {'python-docx':>12} {'planparse':>10} {'ratio min':>9} {'ratio med':>9} {'wall min':>8}")
    for name, _ in docs:
        a, b = cpu["docx"][name], cpu["ours"][name]
        wa, wb = wall["docx"][name], wall["ours"][name]
        print(f"{name:{width}} {min(a) * 1000:12.1f} {min(b) * 1000:10.1f} {min(b) / min(a):9.2f} "
              f"{statistics.median(b) / statistics.median(a):9.2f} {min(wb) / min(wa):8.2f}")
    rest = [n for n, _ in docs[2:]]
    if rest:
        a_min = sum(min(cpu["docx"][n]) for n in rest)
        b_min = sum(min(cpu["ours"][n]) for n in rest)
        a_med = sum(statistics.median(cpu["docx"][n]) for n in rest)
        b_med = sum(statistics.median(cpu["ours"][n]) for n in rest)
        print(f"{'all other documents':{width}} {a_min * 1000:12.1f} {b_min * 1000:10.1f} "
              f"{b_min / a_min:9.2f} {b_med / a_med:9.2f}")
    print(f"target <= 1.3 (load average now {', '.join(f'{x:.1f}' for x in os.getloadavg())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
