"""Snapshot what the PDF reader makes of every fixture PDF, to prove a refactor changed nothing.

    python tools/pdf_snapshot.py write DIR [ROOT ...]   # one text file per PDF under DIR
    python tools/pdf_snapshot.py compare DIR_A DIR_B    # exit 1 and list the PDFs that differ

Each snapshot holds the reader's layout (``repr`` of the dataclasses: every paragraph, table
cell, span, fill and box) and the parse result's JSON with ``all_tables`` on, or the error
a PDF raises. ROOT defaults to ``fixtures`` (every ``*.pdf`` below it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from planparse import parse
from planparse.errors import PlanparseError
from planparse.options import ParseOptions
from planparse.readers import read_document


def snapshot(path: Path) -> str:
    opts = ParseOptions(all_tables=True, normalise_owners=False)
    data = path.read_bytes()
    try:
        layout = repr(read_document(data, path.name, opts).layout)
        result = parse(data, name=path.name, options=opts).to_json()
    except PlanparseError as err:
        return f"error: {type(err).__name__}: {err}\n"
    return f"{layout}\n{result}\n"


def write(out: Path, roots: list[Path]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for root in roots:
        for path in sorted(root.rglob("*.pdf")):
            name = str(path).replace("/", "__") + ".txt"
            (out / name).write_text(snapshot(path), encoding="utf-8")
            n += 1
    print(f"{n} PDFs written to {out}")
    return 0


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    differ = [
        n for n in names
        if not (a / n).exists() or not (b / n).exists() or (a / n).read_bytes() != (b / n).read_bytes()
    ]
    for n in differ:
        print(f"differs: {n}")
    print(f"{len(names) - len(differ)} of {len(names)} PDFs identical")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "write":
        return write(Path(argv[1]), [Path(r) for r in argv[2:]] or [Path("fixtures")])
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
