"""Speed and memory of the .xlsx reader on a large tracker: python benchmarks/sheet_speed.py

Writes a workbook of N action rows (default 20,000; 9 columns: objective merged over every
five rows, ref, action, lead, a date cell, RAG word with a static fill, progress; a key
sheet; one conditional-format rule over the RAG column), then parses it in a fresh process
and prints the wall time, the actions found and the peak RSS. The batch benchmark's
targets (400 MB peak RSS for a long document) are printed beside them; nothing is asserted.

Options: --rows N, --keep PATH (write the workbook there and keep it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEMORY_TARGET_MB = 400

_CHILD = """
import resource, sys, time
start = time.perf_counter()
import planparse
result = planparse.parse(sys.argv[1])
print(len(result.actions), time.perf_counter() - start,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def write_tracker(path: Path, rows: int) -> None:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill

    fills = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws["A1"] = "Northshire County Council"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Improvement Plan tracker – updated 31 January 2024"
    head = ["Objective", "Ref", "Action", "Lead", "Target date", "RAG", "Progress"]
    for c, text in enumerate(head, start=1):
        ws.cell(4, c, text).font = Font(bold=True)
    start = dt.date(2024, 1, 31)
    for i in range(rows):
        r = 5 + i
        if i % 5 == 0:
            ws.cell(r, 1, f"Objective {i // 5 + 1}: improve the quality of practice in area {i // 5 + 1}")
            ws.merge_cells(start_row=r, start_column=1, end_row=min(r + 4, 4 + rows), end_column=1)
        ws.cell(r, 2, f"{i // 5 + 1}.{i % 5 + 1}")
        ws.cell(r, 3, f"Audit a sample of case files in team {i % 37} and report the findings to the board")
        ws.cell(r, 4, ("Head of Service", "Principal Social Worker", "Service Manager")[i % 3])
        ws.cell(r, 5, start + dt.timedelta(days=(i * 7) % 700)).number_format = "dd/mm/yyyy"
        word = ("Green", "Amber", "Red")[i % 3]
        cell = ws.cell(r, 6, word)
        if word != "Red":
            cell.fill = PatternFill("solid", fgColor=fills[word])
        ws.cell(r, 7, f"Sampling under way; {i % 90} files reviewed so far.")
    ws.conditional_formatting.add(
        f"F5:F{4 + rows}", CellIsRule(operator="equal", formula=['"Red"'], fill=PatternFill(bgColor="FF0000"))
    )
    key = wb.create_sheet("Key")
    for r, (word, meaning) in enumerate([("Red", "Off track"), ("Amber", "At risk"), ("Green", "On track")], 1):
        key.cell(r, 1, word).fill = PatternFill("solid", fgColor=fills[word])
        key.cell(r, 2, meaning)
    wb.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "tracker.xlsx"
        t0 = time.perf_counter()
        write_tracker(path, args.rows)
        print(f"wrote {args.rows} rows: {path.stat().st_size / 2**20:.1f} MB in {time.perf_counter() - t0:.1f} s")
        env = {"PYTHONPATH": str(ROOT / "src")}
        import os

        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
            env={**os.environ, **env}, check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr[-2000:])
            return 1
        actions, seconds, rss = proc.stdout.split()
        print(
            f"parse: {int(actions)} actions in {float(seconds):.1f} s "
            f"({args.rows / float(seconds):.0f} rows/s), peak RSS {float(rss):.0f} MB "
            f"(target {MEMORY_TARGET_MB} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
