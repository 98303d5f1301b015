"""Eight threads calling planparse.parse() at once in a fresh interpreter, N times.

Each run starts a new Python (so every lazy import and model load happens under the race)
and checks that all threads succeed with identical results. Prints failures per run.

    python benchmarks/threads.py --runs 20
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, threading
import planparse
files = sys.argv[1:]
barrier = threading.Barrier(8)
out, errs = {}, []
def work(i):
    path = files[i % len(files)]
    barrier.wait()
    try:
        out[i] = (path, planparse.parse(path).to_json())
    except BaseException as err:
        errs.append(f"{type(err).__name__}: {err}")
threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
by_file = {}
for path, text in out.values():
    by_file.setdefault(path, set()).add(text)
differ = [p for p, texts in by_file.items() if len(texts) != 1]
print(f"{len(errs)} errors, {len(differ)} files with differing results")
for e in errs: print(e)
sys.exit(1 if errs or differ or len(out) != 8 else 0)
"""

FILES = [
    "fixtures/docx/seed000_improvement_plan.docx",
    "fixtures/pdf/seed003_scr_action_plan.pdf",
]


def run_once() -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *(str(ROOT / f) for f in FILES)],
        capture_output=True, text=True, cwd=ROOT,
    )
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    failed = 0
    for n in range(args.runs):
        code, text = run_once()
        failed += code != 0
        print(f"run {n + 1}: {'ok' if code == 0 else 'FAILED'}: {text.splitlines()[0] if text else ''}")
        if code:
            print(text)
    print(f"{failed} of {args.runs} runs failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
