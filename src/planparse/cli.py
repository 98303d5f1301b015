"""The ``planparse`` command: a thin shell over the library.

Exit codes: 0 all good, 1 an input could not be read, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ._version import __version__
from .errors import PlanparseError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="planparse",
        description="Extract action-plan records from Word and PDF papers as JSON.",
    )
    parser.add_argument("--version", action="version", version=f"planparse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("parse", help="read one document and print its actions as JSON")
    p.add_argument("file", help="a .docx/.docm/.dotx/.pdf (or .doc/.rtf/.odt with LibreOffice)")
    p.add_argument("-o", "--output", help="write the JSON to this file instead of stdout")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--all-tables", action="store_true", help="also list the tables judged not to be plans")
    p.add_argument("--compact", action="store_true", help="JSON on one line")
    p.add_argument(
        "--columns", metavar="FILE",
        help="a columns file (the format of planparse/knowledge/columns.toml) mapping headings "
        "the built-in cues don't know",
    )

    i = sub.add_parser(
        "inspect",
        help="show how each table was read: header, ranked column readings, what became of each row",
        description=(
            "Print every decision the extraction made: for each table the header rows, the "
            "ranked readings of its columns with the evidence for each field, whether it is a "
            "plan and why; for each row what became of it (action, milestone, continuation, "
            "section, repeated header, ...) and the rule that decided. Example: "
            "planparse inspect plan.pdf --table 2"
        ),
    )
    i.add_argument("file", help="the document to inspect")
    i.add_argument("--table", type=int, metavar="N", help="only table N (0-based, as in provenance.table)")
    i.add_argument("--password", help="password of an encrypted PDF")
    i.add_argument("--columns", metavar="FILE", help="a columns file, as for parse")
    i.add_argument("--json", action="store_true", help="the trace as JSON instead of text")

    b = sub.add_parser(
        "batch",
        help="read many documents (files or folders, recursively) in parallel into a folder",
        description=(
            "Read every .docx/.docm/.dotx/.pdf (and .doc/.rtf/.odt with LibreOffice) under the "
            "given paths into OUT_DIR: documents/*.json (one per document), actions.jsonl, "
            "actions.csv and summary.json. A re-run skips documents already read; the exit "
            "code is 1 if any document could not be read."
        ),
    )
    b.add_argument("paths", nargs="+", metavar="PATH", help="files and folders to read")
    b.add_argument("-o", "--output-dir", required=True, metavar="OUT_DIR", help="folder for the output")
    b.add_argument("-j", "--jobs", type=_positive_int, help="worker processes (default: one per CPU)")
    b.add_argument(
        "--format",
        type=_formats,
        default="json,jsonl,csv",
        help="combined outputs to write, of json,jsonl,csv (default: all; the per-document "
        "JSONs are always written, as they record what is done)",
    )
    b.add_argument("--force", action="store_true", help="read every document again, even if up to date")
    b.add_argument(
        "--timeout", type=_positive_float, default=300.0, metavar="SECONDS",
        help="stop reading a document after this long (default: 300)",
    )
    b.add_argument(
        "--max-memory-mb", type=_positive_int, default=2048, metavar="MB",
        help="memory limit of each worker process (default: 2048)",
    )
    b.add_argument("--password", help="password of encrypted PDFs")
    b.add_argument("--all-tables", action="store_true", help="also list the tables judged not to be plans")
    b.add_argument("--columns", metavar="FILE", help="a columns file, as for parse")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no failure lines")

    s = sub.add_parser("schema", help="print the JSON Schema of the output")
    s.add_argument("-o", "--output", help="write the schema to this file")

    from ._cli_review import register  # diff and review live in their own module

    register(sub)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _formats(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in ("json", "jsonl", "csv")]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from json, jsonl, csv"
        )
    return names


def _write(text: str, output: str | None) -> None:
    if output:
        path = Path(output)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text + "\n", encoding="utf-8")
        tmp.replace(path)
    else:
        sys.stdout.write(text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help / --version exit 0, usage errors exit 2
        return int(exc.code or 0)
    if args.command is None:
        parser.print_usage(sys.stderr)
        print("planparse: error: a command is required (parse, inspect, batch, schema)", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "handler", None) is not None:  # commands registered by other modules
        return int(args.handler(args))

    if args.command == "schema":
        from .models import json_schema

        _write(json.dumps(json_schema(), indent=2, sort_keys=True), args.output)
        return EXIT_OK

    if args.command == "parse":
        from .pipeline import parse

        try:
            result = parse(args.file, password=args.password, all_tables=args.all_tables, columns=args.columns)
        except PlanparseError as err:
            print(f"planparse: {err}", file=sys.stderr)
            return EXIT_FAILED
        _write(result.to_json(indent=None if args.compact else 2), args.output)
        return EXIT_OK
    if args.command == "inspect":
        from .pipeline import parse

        try:
            result = parse(args.file, password=args.password, columns=args.columns, trace=True)
        except PlanparseError as err:
            print(f"planparse: {err}", file=sys.stderr)
            return EXIT_FAILED
        if args.table is not None and result.trace.table(args.table) is None:
            n = len(result.trace.tables)
            print(f"planparse: {args.file}: no table {args.table} (the document has {n}: 0-{n - 1})", file=sys.stderr)
            return EXIT_USAGE
        if args.json:
            data = result.trace.to_dict()
            if args.table is not None:
                data["tables"] = [t for t in data["tables"] if t["table"] == args.table]
            _write(json.dumps(data, indent=2), None)
        else:
            sys.stdout.write(result.trace.render(args.table))
        return EXIT_OK
    if args.command == "batch":
        return _batch(args)
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


def _batch(args: argparse.Namespace) -> int:
    from ._pool import warm_up

    warm_up()  # the workers' imports start now, beside the ones below
    from .batch import reporter_for_terminal, run_batch

    summary = run_batch(
        args.paths,
        args.output_dir,
        jobs=args.jobs,
        formats=args.format if isinstance(args.format, list) else _formats(args.format),
        force=args.force,
        timeout=args.timeout,
        max_memory_mb=args.max_memory_mb,
        options={"password": args.password, "all_tables": args.all_tables, "columns": args.columns},
        reporter=reporter_for_terminal(quiet=args.quiet),
    )
    print(f"planparse: {summary.line()} -> {Path(args.output_dir) / 'summary.json'}")
    return EXIT_OK if summary.failed == 0 and not summary.interrupted else EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
