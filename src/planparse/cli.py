"""The ``planparse`` command: a thin shell over the library.

Exit codes:

====  =====================================================================================
0     all good
1     an input could not be read, an output could not be written, or (``--strict``) a
      document gave no actions because it needs OCR or has no plan
2     usage error (unknown command or option, bad option value)
130   stopped by Ctrl-C (SIGINT); 143 for SIGTERM
141   standard output was closed early (``planparse parse x.pdf | head -1``)
====  =====================================================================================

Ordinary mistakes never show a traceback: one line on stderr names the file and the reason.

Subcommands are registered in :data:`COMMANDS` (name -> (add arguments, run)); another
command is one more entry there.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import errno
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .errors import PlanparseError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_PIPE, EXIT_TERMINATED = 130, 141, 143

OUTPUT_FORMATS = ("json", "jsonl", "csv", "xlsx")
STRICT_CODES = frozenset({"needs_ocr", "no_plan_tables", "no_tables"})
"""Warnings that mean "no actions, and it is not the document's fault": ``--strict`` fails."""
NOTICE_CODES = STRICT_CODES
"""Warnings worth a line on stderr even without ``-v``."""

log = logging.getLogger("planparse.cli")


class CliError(Exception):
    """An ordinary failure of the command: printed as one line, exit code attached."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        if "invalid choice" in message and self._subparsers is not None:
            choice = message.split("'")[1] if "'" in message else ""
            near = difflib.get_close_matches(choice, list(COMMANDS), n=1)
            if near:
                message = f"unknown command {choice!r}; did you mean {near[0]!r}?"
            else:
                message = f"unknown command {choice!r}; commands are {', '.join(COMMANDS)}"
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=0, help="say more (-vv: debug)")
    common.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    return common


# ---------------------------------------------------------------------------------------
# Writing outputs


def format_for(output: str | None, to: str | None) -> str:
    """The output format: ``--to``, else the extension of ``-o``, else json."""
    if to:
        return to
    if output and output != "-":
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix in OUTPUT_FORMATS:
            return suffix
    return "json"


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ENOSPC:
        return "the disk is full"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (not allowed to write there)"
    if err.errno == errno.ENOENT:
        return "its folder does not exist"
    if err.errno == errno.ENOTDIR:
        return "a part of its folder path is a file, not a folder"
    if err.errno == errno.EISDIR:
        return "it is a folder; give a file name"
    return err.strerror or str(err)


def write_output(payload: str | bytes, output: str | None) -> None:
    """Write ``payload`` to the file ``output`` (atomically) or to standard output.

    Raises :class:`CliError` with a one-line reason when the file cannot be written;
    a closed standard output raises ``BrokenPipeError`` for :func:`main` to handle.
    """
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    if not output or output == "-":
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as err:
            _silence_stdout()
            raise CliError(f"cannot write to standard output: {_os_reason(err)}") from None
        return
    path = Path(output)
    if path.is_dir():
        raise CliError(f"cannot write {output}: it is a folder; give a file name")
    parent = path.parent
    if not parent.exists():
        raise CliError(f"cannot write {output}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise CliError(f"cannot write {output}: {parent} is a file, not a folder")
    from ._write import OutputError, resolve_target

    try:
        # a symlink writes the file it names (the link stays); a FIFO or device is refused
        path = resolve_target(path)
    except OutputError as err:
        raise CliError(f"cannot write {err}") from None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise CliError(f"cannot write {output}: {_os_reason(err)}") from None


def render(result: Any, fmt: str, *, compact: bool = False) -> str | bytes:
    """A :class:`~planparse.ParseResult` in one of :data:`OUTPUT_FORMATS`."""
    if fmt == "json":
        return result.to_json(indent=None if compact else 2) + "\n"
    from . import export

    data = result.model_dump(mode="json")
    if fmt == "jsonl":
        return export.jsonl_text(data)
    if fmt == "csv":
        return export.to_csv(export.result_rows(data))
    if fmt == "xlsx":
        return export.xlsx_bytes(data)
    raise CliError(f"unknown output format {fmt!r}", EXIT_USAGE)  # pragma: no cover


# ---------------------------------------------------------------------------------------
# parse


def _add_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a .docx/.docm/.dotx/.pdf (or .doc/.rtf/.odt with LibreOffice); - for stdin")
    p.add_argument("-o", "--output", help="write to this file instead of stdout (its extension picks the format)")
    p.add_argument("--to", choices=OUTPUT_FORMATS, help="output format (default: from -o's extension, else json)")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--pages", metavar="LIST", help="only these PDF pages, e.g. 1-5,9")
    p.add_argument("--all-tables", action="store_true", help="also list the tables judged not to be plans")
    p.add_argument("--compact", action="store_true", help="JSON on one line")
    p.add_argument(
        "--strict", action="store_true",
        help="exit 1 when the document gave no actions because it needs OCR or has no plan table",
    )
    p.add_argument(
        "--columns", metavar="FILE",
        help="a columns file (the format of planparse/knowledge/columns.toml) mapping headings "
        "the built-in cues don't know",
    )


def _read_input(file: str) -> tuple[Any, str | None]:
    if file == "-":
        log.info("reading the document from standard input")
        sys.stderr.flush()
        data = sys.stdin.buffer.read()
        return data, "stdin"
    return file, None


def _run_parse(args: argparse.Namespace) -> int:
    from .pipeline import parse

    fmt = format_for(args.output, args.to)
    if fmt == "xlsx" and not args.output and sys.stdout.isatty():
        raise CliError("xlsx is binary: write it to a file with -o FILE.xlsx", EXIT_USAGE)
    source, name = _read_input(args.file)
    result = parse(
        source, name=name, password=args.password, all_tables=args.all_tables,
        columns=args.columns, pages=args.pages,
    )
    write_output(render(result, fmt, compact=args.compact), args.output)
    label = name or args.file
    log.info("%s: %d actions in %d plans", label, len(result.actions), len(result.plans))
    notices = [w for w in result.warnings if w.code in NOTICE_CODES]
    for w in notices:
        log.warning("%s: %s", label, w.message)
    doubts = len(result.warnings) - len(notices)
    if doubts:
        log.info("%s: %d actions, %d warnings (see \"warnings\" in the output)",
                 label, len(result.actions), doubts)
    if args.strict and any(w.code in STRICT_CODES for w in result.warnings):
        return EXIT_FAILED
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# inspect


def _add_inspect(i: argparse.ArgumentParser) -> None:
    i.add_argument("file", help="the document to inspect")
    i.add_argument("--table", type=int, metavar="N", help="only table N (0-based, as in provenance.table)")
    i.add_argument("--password", help="password of an encrypted PDF")
    i.add_argument("--columns", metavar="FILE", help="a columns file, as for parse")
    i.add_argument("--json", action="store_true", help="the trace as JSON instead of text")


def _run_inspect(args: argparse.Namespace) -> int:
    from .pipeline import parse

    source, name = _read_input(args.file)
    result = parse(source, name=name, password=args.password, columns=args.columns, trace=True)
    if args.table is not None and result.trace.table(args.table) is None:
        n = len(result.trace.tables)
        raise CliError(f"{args.file}: no table {args.table} (the document has {n}: 0-{n - 1})", EXIT_USAGE)
    if args.json:
        data = result.trace.to_dict()
        if args.table is not None:
            data["tables"] = [t for t in data["tables"] if t["table"] == args.table]
        write_output(json.dumps(data, indent=2) + "\n", None)
    else:
        write_output(result.trace.render(args.table), None)
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# batch


def _add_batch(b: argparse.ArgumentParser) -> None:
    b.add_argument("paths", nargs="+", metavar="PATH", help="files and folders to read")
    b.add_argument("-o", "--output-dir", required=True, metavar="OUT_DIR", help="folder for the output")
    b.add_argument("-j", "--jobs", type=_positive_int, help="worker processes (default: one per CPU)")
    b.add_argument(
        "--format", "--to",
        type=_formats,
        default="json,jsonl,csv",
        help="combined outputs to write, of json,jsonl,csv,xlsx (default: json,jsonl,csv; the "
        "per-document JSONs are always written, as they record what is done)",
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
    b.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="read the documents on a Dask cluster (tcp://host:8786) instead of local workers; "
        "inputs and output folder must be at the same paths there (needs planparse[dask])",
    )
    b.add_argument("--password", help="password of encrypted PDFs")
    b.add_argument("--all-tables", action="store_true", help="also list the tables judged not to be plans")
    b.add_argument("--columns", metavar="FILE", help="a columns file, as for parse")


def _run_batch(args: argparse.Namespace) -> int:
    from ._pool import warm_up

    out = Path(args.output_dir)
    if out.exists() and not out.is_dir():
        raise CliError(f"cannot write into {out}: it is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CliError(f"cannot create {out}: {_os_reason(err)}") from None
    if args.scheduler is None:
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
        scheduler=args.scheduler,
    )
    print(f"planparse: {summary.line()} -> {out / 'summary.json'}")
    if summary.interrupted:
        return EXIT_TERMINATED if _TERMINATED else EXIT_INTERRUPTED
    return EXIT_OK if summary.failed == 0 else EXIT_FAILED


# ---------------------------------------------------------------------------------------
# schema


def _add_schema(s: argparse.ArgumentParser) -> None:
    from .schemas import SCHEMAS

    s.add_argument("-o", "--output", help="write the schema to this file")
    s.add_argument(
        "--of", choices=SCHEMAS, default="output",
        help="output: a parse result (default); summary: a batch's summary.json; "
        "jsonl: one line of a batch's actions.jsonl",
    )


def _run_schema(args: argparse.Namespace) -> int:
    from .schemas import schema_of

    write_output(json.dumps(schema_of(args.of), indent=2, sort_keys=True) + "\n", args.output)
    return EXIT_OK


# ---------------------------------------------------------------------------------------
# Registration

Command = tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]

COMMANDS: dict[str, Command] = {
    "parse": (
        "read one document and print its actions (JSON, JSON lines, CSV or Excel)",
        "Read one Word or PDF document and write every action in it.\n\nexamples:\n"
        "  planparse parse plan.pdf -o plan.json\n"
        "  planparse parse plan.docx -o plan.xlsx          # Excel, status cells in RAG colours\n"
        "  planparse parse plan.pdf --to csv --pages 1-5,9 > plan.csv\n"
        "  cat plan.docx | planparse parse - --compact\n"
        "  planparse parse scan.pdf --strict || echo 'no actions read'",
        _add_parse,
        _run_parse,
    ),
    "inspect": (
        "show how each table was read: header, ranked column readings, what became of each row",
        "Print every decision the extraction made: for each table the header rows, the "
        "ranked readings of its columns with the evidence for each field, whether it is a "
        "plan and why; for each row what became of it (action, milestone, continuation, "
        "section, repeated header, ...) and the rule that decided.\n\nexamples:\n"
        "  planparse inspect plan.pdf --table 2\n"
        "  planparse inspect plan.docx --json > trace.json",
        _add_inspect,
        _run_inspect,
    ),
    "batch": (
        "read many documents (files or folders, recursively) in parallel into a folder",
        "Read every .docx/.docm/.dotx/.pdf (and .doc/.rtf/.odt with LibreOffice) under the "
        "given paths into OUT_DIR: documents/*.json (one per document), actions.jsonl, "
        "actions.csv, actions.xlsx (with --format ...,xlsx) and summary.json. A re-run skips "
        "documents already read; the exit code is 1 if any document could not be read.\n\n"
        "examples:\n"
        "  planparse batch archive/ -o out/ --jobs 2\n"
        "  planparse batch a.pdf b.docx -o out/ --format json,csv,xlsx",
        _add_batch,
        _run_batch,
    ),
    "schema": (
        "print the JSON Schema of the output (or of a batch's summary.json / JSONL lines)",
        "Print a JSON Schema (draft 2020-12) planparse's output validates against.\n\n"
        "examples:\n"
        "  planparse schema -o planparse.schema.json\n"
        "  planparse schema --of summary",
        _add_schema,
        _run_schema,
    ),
}
"""name -> (one-line help, description with examples, add arguments, run)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="planparse",
        description="Extract action-plan records from Word and PDF papers as JSON, CSV or Excel.",
        epilog="examples:\n  planparse parse plan.pdf -o plan.xlsx\n  planparse batch archive/ -o out/\n\n"
        "exit codes: 0 ok, 1 an input or output failed, 2 usage, 130 Ctrl-C, 141 output closed",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"planparse {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    common = _common()
    for name, (summary, description, add, _run) in COMMANDS.items():
        p = sub.add_parser(
            name, help=summary, description=description, parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        add(p)

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
    from .batch import FORMATS

    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return names


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"planparse: {record.getMessage()}"


def _configure_logging(verbose: int, quiet: bool) -> logging.Handler:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine() if verbose < 2 else logging.Formatter("%(name)s: %(levelname)s: %(message)s"))
    root = logging.getLogger("planparse")
    root.addHandler(handler)
    root.setLevel(level)
    return handler


_TERMINATED = False


def _on_sigterm(signum: int, frame: Any) -> None:
    global _TERMINATED
    _TERMINATED = True
    raise KeyboardInterrupt


def _output_problem(output: str | None) -> str | None:
    """Why ``-o output`` cannot be written, checked before any work; None when it can."""
    if not output:
        return None
    from ._write import OutputError, resolve_target

    try:
        resolve_target(output)
    except OutputError as err:
        return str(err)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help / --version exit 0, usage errors exit 2
        return int(exc.code or 0)
    if args.command is None:
        parser.print_usage(sys.stderr)
        print(f"planparse: error: a command is required ({', '.join(COMMANDS)})", file=sys.stderr)
        return EXIT_USAGE
    handler = _configure_logging(getattr(args, "verbose", 0), getattr(args, "quiet", False))
    previous_term = None
    if threading_main():
        previous_term = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        if getattr(args, "handler", None) is not None:  # commands registered by other modules
            return int(args.handler(args))
        return COMMANDS[args.command][3](args)
    except CliError as err:
        print(f"planparse: {err}", file=sys.stderr)
        return err.code
    except PlanparseError as err:
        from .errors import OptionsError

        print(f"planparse: {err}", file=sys.stderr)
        return EXIT_USAGE if isinstance(err, OptionsError) else EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more can be said on stdout.
        _silence_stdout()
        return EXIT_PIPE
    except KeyboardInterrupt:
        print("planparse: stopped" + (" (terminated)" if _TERMINATED else " (Ctrl-C)"), file=sys.stderr)
        return EXIT_TERMINATED if _TERMINATED else EXIT_INTERRUPTED
    finally:
        logging.getLogger("planparse").removeHandler(handler)
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so Python's flush at exit cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
