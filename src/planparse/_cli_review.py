"""The ``diff`` and ``review`` commands, registered on the CLI by :func:`register`.

Kept out of ``cli.py`` so each command's arguments and handler sit together; ``cli.py``
calls :func:`register` and runs ``args.handler`` for the commands added here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(sub: Any) -> None:
    """Add ``diff`` and ``review`` to the ``planparse`` subcommands."""
    d = sub.add_parser(
        "diff",
        help="compare two editions of a plan: actions added, removed and changed field by field",
        description=(
            "OLD and NEW are documents (read with the default options) or planparse JSON "
            "results. Actions are matched by id, then by reference and by text similarity."
        ),
    )
    d.add_argument("old", help="the earlier edition (document or planparse JSON)")
    d.add_argument("new", help="the later edition (document or planparse JSON)")
    d.add_argument("--json", action="store_true", help="the differences as JSON")
    d.add_argument("--password", help="password of encrypted PDFs")
    d.set_defaults(handler=_diff)

    r = sub.add_parser(
        "review",
        help="write an HTML page showing what was read where, to check records against the page",
        description=(
            "Writes one self-contained HTML file per document (images embedded, no network): "
            "PDF pages drawn with every plan table outlined and each record's cells boxed in "
            "its status colour; Word tables drawn as grids. Click a record to see its cells."
        ),
    )
    r.add_argument("files", nargs="+", help="documents to review")
    r.add_argument("-o", "--output", required=True, help="an .html file (one document) or a directory")
    r.add_argument("--password", help="password of encrypted PDFs")
    r.set_defaults(handler=_review)

    batch = sub.choices.get("batch")
    if batch is not None:
        batch.add_argument(
            "--review", action="store_true",
            help="also write a review page per document and an index page to OUT_DIR/review/",
        )
        batch.set_defaults(handler=_batch_with_review)


def _load(path: str, password: str | None) -> Any:
    from .diff import load_result
    from .pipeline import parse

    p = Path(path)
    if p.suffix.lower() == ".json":
        return load_result(p.read_text(encoding="utf-8"))
    return parse(p, password=password) if password else parse(p)


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff
    from .errors import PlanparseError

    try:
        old, new = _load(args.old, args.password), _load(args.new, args.password)
    except (PlanparseError, OSError, ValueError) as err:
        print(f"planparse: {err}", file=sys.stderr)
        return EXIT_FAILED
    result = diff(old, new)
    sys.stdout.write((result.to_json() if args.json else result.summary()) + "\n")
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    from .errors import PlanparseError
    from .review import write_review

    out = Path(args.output)
    if len(args.files) > 1 and out.suffix.lower() == ".html":
        print("planparse: error: several files need a directory for -o", file=sys.stderr)
        return EXIT_USAGE
    failed = 0
    for f in args.files:
        target = out if out.suffix.lower() == ".html" else out / (Path(f).name + ".html")
        try:
            write_review(f, target, password=args.password)
        except PlanparseError as err:
            print(f"planparse: {err}", file=sys.stderr)
            failed += 1
            continue
        print(target)
    return EXIT_FAILED if failed else EXIT_OK


def _batch_with_review(args: argparse.Namespace) -> int:
    """``planparse batch`` as usual, then with ``--review`` a page per document read and an
    index listing documents, their record and warning counts, and the failures."""
    import json

    from . import cli
    from .errors import PlanparseError
    from .review import write_index, write_review

    code = cli._run_batch(args)
    if not getattr(args, "review", False):
        return code
    out = Path(args.output_dir)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    pages = []
    for k, doc in enumerate(summary.get("documents", [])):
        name = f"{k + 1:04d}-{Path(doc['document']).name}.html"
        try:
            write_review(doc["document"], out / "review" / name, password=args.password)
        except PlanparseError as err:
            doc = {**doc, "review_error": str(err)}
            name = ""
        pages.append({**doc, "page": name})
    write_index(out / "review" / "index.html", pages, summary.get("failures", []))
    print(f"planparse: review pages -> {out / 'review' / 'index.html'}")
    return code
