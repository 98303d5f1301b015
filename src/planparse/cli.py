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

    s = sub.add_parser("schema", help="print the JSON Schema of the output")
    s.add_argument("-o", "--output", help="write the schema to this file")
    return parser


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
        print("planparse: error: a command is required (parse, schema)", file=sys.stderr)
        return EXIT_USAGE

    if args.command == "schema":
        from .models import json_schema

        _write(json.dumps(json_schema(), indent=2, sort_keys=True), args.output)
        return EXIT_OK

    if args.command == "parse":
        from .pipeline import parse

        try:
            result = parse(args.file, password=args.password, all_tables=args.all_tables)
        except PlanparseError as err:
            print(f"planparse: {err}", file=sys.stderr)
            return EXIT_FAILED
        _write(result.to_json(indent=None if args.compact else 2), args.output)
        return EXIT_OK
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
