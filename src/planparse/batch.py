"""Many documents at once: :func:`parse_many` for the library, :func:`run_batch` for the CLI.

Both read every document in a worker process with a time and memory limit (see
:mod:`planparse._pool`), so one hostile or broken file can neither stop nor hang the rest:
every input ends as a result or as an error naming it.

``planparse batch`` writes into its output folder::

    documents/<name>.json   one per document read: exactly what ``planparse parse`` prints
    manifest.jsonl          what became of each input (sha256, planparse version, options),
                            appended as documents finish: the record that makes runs resumable
    actions.jsonl           every action, one per line, with the document it came from
    actions.csv             the same for spreadsheets (owners and milestones on one line)
    summary.json            counts, warnings by code, and every failure with its reason

``actions.jsonl``, ``actions.csv`` and ``summary.json`` are rebuilt at the end of each run
from the per-document JSONs, so a run that was killed and re-run leaves no duplicates.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import errors as _errors
from ._files import display_path
from ._version import __version__
from .errors import (
    DocumentReadError,
    DocumentTimeoutError,
    InternalError,
    MemoryLimitError,
    MissingDependencyError,
    PlanparseError,
    WorkerCrashError,
)
from .export import format_milestone, format_owner
from .models import SCHEMA_VERSION, ParseResult
from .options import ParseOptions

if TYPE_CHECKING:
    from ._pool import Done

PathInput = str | os.PathLike[str]

DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MAX_MEMORY_MB = 2048

WORD_PDF_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".pdf"})
"""Files taken from folders. The format is still decided by content, not by this."""
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".csv"})
"""Spreadsheets taken from folders (read without LibreOffice)."""
LEGACY_SUFFIXES = frozenset({".doc", ".rtf", ".odt", ".ods", ".xls"})
"""Files taken from folders that need LibreOffice to read."""
IGNORED_PREFIXES = ("~$", "._")
"""Word's lock files and macOS resource forks: never documents."""

FORMATS = ("json", "jsonl", "csv", "xlsx")

SKIPPED_TYPES = {
    ".txt": "plain text, not a Word or PDF document",
    ".md": "plain text, not a Word or PDF document",
    ".png": "an image (scans need OCR first)",
    ".jpg": "an image (scans need OCR first)",
    ".jpeg": "an image (scans need OCR first)",
    ".tif": "an image (scans need OCR first)",
    ".tiff": "an image (scans need OCR first)",
    ".gif": "an image (scans need OCR first)",
    ".pptx": "a presentation, not a Word or PDF document",
    ".ppt": "a presentation, not a Word or PDF document",
}
"""Files in folders that are not read, listed in ``summary.json`` with the reason."""
MANIFEST_NAME = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    """What :func:`parse_many` gives for one input: its result, or the error that stopped it."""

    index: int
    """Position of the input in the ``paths`` given (outcomes come in finishing order)."""
    path: str
    result: ParseResult | None = None
    error: PlanparseError | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def default_jobs() -> int:
    """Worker processes to use by default: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


DocumentInput = PathInput | bytes | tuple[str, bytes]
"""An input of :func:`parse_many`: a path, a document's bytes, or (name, bytes)."""

ProgressCallback = Callable[[int, int, "ParseOutcome"], None]
"""Called after each document as ``progress(done, total, outcome)``."""


def parse_many(
    paths: Iterable[DocumentInput],
    *,
    jobs: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_S,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    options: ParseOptions | Mapping[str, Any] | None = None,
    progress: ProgressCallback | None = None,
    client: Any = None,
    **kwargs: Any,
) -> Iterator[ParseOutcome]:
    """Read many documents in parallel; yield a :class:`ParseOutcome` for every input.

    An input is a path, the bytes of a document (labelled ``document-<index>``), or a
    ``(name, bytes)`` pair. Each document is read in a worker process (``jobs`` of them,
    default one per CPU) that is stopped after ``timeout`` seconds and may use at most
    ``max_memory_mb`` of memory (``None``: no limit), so a hostile file cannot hang or
    exhaust the caller. Outcomes come in the order documents finish; ``outcome.index`` is
    the input's position. An outcome holds a :class:`~planparse.ParseResult` or a
    :class:`~planparse.PlanparseError` naming the file, never both. ``progress(done,
    total, outcome)`` is called after each one. Options are those of :func:`planparse.parse`.

    With ``client`` (a ``dask.distributed.Client``) the documents are read on that Dask
    cluster instead, with the same limits: paths must be visible to its workers (a shared
    filesystem); bytes are sent to them. See docs/interfaces.md.
    """
    import tempfile

    from ._pool import Task, WorkerPool

    opts = ParseOptions.resolve(options, **kwargs).model_dump()
    items = list(paths)
    with tempfile.TemporaryDirectory(prefix="planparse-") as tmp:
        tasks: list[Task] = []
        for i, item in enumerate(items):
            if isinstance(item, tuple):
                name, data = item
            elif isinstance(item, (bytes, bytearray, memoryview)):
                name, data = f"document-{i}", bytes(item)
            else:
                tasks.append(Task(i, os.fspath(item), opts))
                continue
            if client is not None:  # the bytes go to the cluster's worker
                tasks.append(Task(i, name, opts, name=name, data=bytes(data)))
                continue
            spill = Path(tmp) / f"{i}.bin"
            spill.write_bytes(bytes(data))
            tasks.append(Task(i, str(spill), opts, name=name))
        pool: Any
        if client is not None:
            from ._dask import DaskPool

            pool = DaskPool(client, timeout=timeout, max_memory_mb=max_memory_mb)
        else:
            pool = WorkerPool(jobs or default_jobs(), timeout=timeout, max_memory_mb=max_memory_mb)
        for n, done in enumerate(pool.run(iter(tasks)), start=1):
            label = done.task.name or done.task.path
            if done.kind == "ok" and done.result_json is not None:
                result = ParseResult.model_validate_json(done.result_json)
                outcome = ParseOutcome(done.task.index, label, result=result, seconds=done.seconds)
            else:
                error = error_of(done)
                error.path = label
                outcome = ParseOutcome(done.task.index, label, error=error, seconds=done.seconds)
            if progress is not None:
                progress(n, len(tasks), outcome)
            yield outcome


def _expected_work(pair: tuple[Input, str]) -> int:
    path = pair[0].path
    try:
        size = path.stat().st_size
    except OSError:
        return 0
    return size * (4 if path.suffix.lower() == ".pdf" else 1)


def error_of(done: Done) -> PlanparseError:
    """The :class:`PlanparseError` that says why a task failed."""
    path, message = done.task.path, done.message or ""
    if done.kind == "timeout":
        return DocumentTimeoutError(message, path)
    if done.kind == "memory":
        return MemoryLimitError(message, path)
    if done.kind == "died":
        return WorkerCrashError(message, path)
    if done.kind == "error":
        cls = getattr(_errors, done.error_type or "", None)
        if not (isinstance(cls, type) and issubclass(cls, PlanparseError)):
            cls = PlanparseError
        return cls(message, path)
    err = InternalError(
        f"internal error ({done.error_type}: {message}); please report it with the file", path
    )
    err.__notes__ = [done.detail] if done.detail else []
    return err


# ---------------------------------------------------------------------------------------
# Finding the inputs


@dataclass(slots=True)
class Input:
    """One document of a batch: where it is and the name its output is filed under."""

    path: Path
    key: str
    """Relative path ('2019/plan.docx'), unique in the batch; names the output."""
    problem: PlanparseError | None = None
    """Set when the input is known to be unreadable before reading (missing, no LibreOffice)."""

    @property
    def output_name(self) -> str:
        return self.key.replace("/", "__") + ".json"


def discover(
    paths: Sequence[PathInput],
    *,
    legacy: bool | None = None,
    skipped: list[dict[str, str]] | None = None,
) -> tuple[list[Input], list[str]]:
    """Expand files and folders (recursively) into the batch's inputs, in a stable order.

    From folders, Word and PDF files are taken by extension (plus .doc/.rtf/.odt, which
    need LibreOffice: without it they are still listed, as failures); a file named
    explicitly is always taken. Returns the inputs and the lock files that were ignored;
    files of other known types (spreadsheets, text, images) are appended to ``skipped``
    with the reason.
    """
    if legacy is None:
        from .readers.convert import find_soffice

        legacy = find_soffice() is not None
    found: list[tuple[Path, str]] = []
    ignored: list[str] = []
    prefix_roots = len(paths) > 1
    for given in paths:
        root = Path(given)
        if root.is_dir():
            base = root.resolve().name if prefix_roots else ""
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for fname in sorted(filenames):
                    path = Path(dirpath) / fname
                    rel = path.relative_to(root).as_posix()
                    suffix = path.suffix.lower()
                    if (
                        suffix not in WORD_PDF_SUFFIXES
                        and suffix not in LEGACY_SUFFIXES
                        and suffix not in SPREADSHEET_SUFFIXES
                    ):
                        if skipped is not None and suffix in SKIPPED_TYPES and not fname.startswith("."):
                            skipped.append({"file": str(path), "reason": SKIPPED_TYPES[suffix]})
                        continue
                    if fname.startswith(IGNORED_PREFIXES):
                        ignored.append(display_path(path))
                        continue
                    found.append((path, f"{base}/{rel}" if base else rel))
        else:
            found.append((root, root.name or str(root)))

    inputs: list[Input] = []
    taken: set[str] = set()
    for path, key in found:
        key = display_path(key)  # a name not valid UTF-8 is filed under its escaped form
        unique, n = key, 1
        while unique.replace("/", "__").casefold() in taken:
            n += 1
            unique = f"{key}~{n}"
        taken.add(unique.replace("/", "__").casefold())
        item = Input(path, unique)
        if not path.exists():
            item.problem = DocumentReadError("no such file or folder", display_path(path))
        elif path.suffix.lower() in LEGACY_SUFFIXES and not legacy and not _is_word_or_pdf(path):
            item.problem = MissingDependencyError(
                f"reading {path.suffix} files needs LibreOffice; install it or save the file as "
                + (".xlsx" if path.suffix.lower() in (".ods", ".xls") else ".docx"),
                display_path(path),
            )
        inputs.append(item)
    return inputs, ignored


def _is_word_or_pdf(path: Path) -> bool:
    from ._files import open_regular
    from .readers import sniff_format

    try:
        with open_regular(path) as fh:
            head = fh.read(1 << 20)
    except (OSError, DocumentReadError):
        return False
    return sniff_format(head) in ("docx", "pdf", "xlsx", "csv")


def file_sha256(path: Path) -> str:
    """The file's sha256; only a regular file is read (a FIFO or /dev/zero is refused).

    :func:`run_batch` does not call this in the parent: its workers hash the inputs, under
    their time and memory limits (a survey pass, see :class:`planparse._pool.Task`)."""
    from ._files import sha256_regular

    return sha256_regular(path)


# ---------------------------------------------------------------------------------------
# The batch run


@dataclass(slots=True)
class BatchSummary:
    """What a batch run did; also written as ``summary.json``."""

    inputs: int = 0
    documents_read: int = 0
    failed: int = 0
    actions: int = 0
    warnings: Counter[str] = field(default_factory=Counter)
    parsed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    failures: list[dict[str, str]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    jobs: int = 0
    unread: list[dict[str, str]] = field(default_factory=list)
    """Files in the folders not read because of their type (``skipped`` in the JSON)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "planparse_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "inputs": self.inputs,
            "documents_read": self.documents_read,
            "failed": self.failed,
            "actions": self.actions,
            "warnings": dict(sorted(self.warnings.items())),
            "this_run": {
                "parsed": self.parsed,
                "skipped_up_to_date": self.skipped,
                "seconds": round(self.seconds, 3),
                "jobs": self.jobs,
                "interrupted": self.interrupted,
            },
            "failures": self.failures,
            "documents": self.documents,
            "ignored": self.ignored,
            "skipped": self.unread,
        }

    def line(self) -> str:
        """The one-line summary the CLI prints at the end."""
        n_warn = sum(self.warnings.values())
        text = (
            f"{self.documents_read} of {self.inputs} documents read"
            f"{f', {self.failed} failed' if self.failed else ''}; "
            f"{self.actions} actions, {n_warn} warnings; "
            f"{self.parsed} parsed, {self.skipped} up to date, in {self.seconds:.1f} s"
        )
        return text + (" (interrupted: run again to finish)" if self.interrupted else "")


class Reporter:
    """Progress callbacks of :func:`run_batch`; this base class reports nothing."""

    def start(self, total: int, skipped: int, pages: int | None = None) -> None:
        """``total`` documents are about to be read (``skipped`` were up to date); ``pages``
        is the work they hold (a PDF's pages, 1 for any other document)."""

    def advance(self, key: str, error: PlanparseError | None, pages: int = 1) -> None:
        """One document finished (``error`` set if it failed); ``pages`` of work done."""

    def stop(self) -> None:
        """The run is over."""


def options_fingerprint(options: ParseOptions) -> str:
    """Options that change the output, as a short digest (the password is not stored).
    PDF settings count only where they differ from the defaults, so runs with the defaults
    keep the digest they had before the settings existed."""
    data = options.model_dump(exclude={"pdf_settings"})
    changed = options.pdf_settings.model_dump(exclude_defaults=True)
    if changed:
        data["pdf_settings"] = changed
    data["password"] = data.get("password") is not None
    text = json.dumps(data, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_manifest(path: Path) -> dict[str, dict[str, Any]]:
    """Last entry per key; a torn last line (a killed run) is ignored."""
    entries: dict[str, dict[str, Any]] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return entries
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("key"), str):
            entries[entry["key"]] = entry
    return entries


RETRIED_KINDS = frozenset({"timeout", "memory", "died"})
"""Failures caused by limits or the machine, tried again on a re-run; a document planparse
refused (corrupt, encrypted, unsupported) is not, until it changes or ``force``."""


def is_up_to_date(entry: dict[str, Any] | None, sha256: str, fingerprint: str, docs: Path) -> bool:
    if not entry or entry.get("sha256") != sha256 or entry.get("planparse") != __version__:
        return False
    if entry.get("options") != fingerprint:
        return False
    if entry.get("status") == "ok":
        return (docs / str(entry.get("output", ""))).is_file()
    return entry.get("kind") not in RETRIED_KINDS


def run_batch(
    paths: Sequence[PathInput],
    out_dir: PathInput,
    *,
    jobs: int | None = None,
    formats: Iterable[str] = FORMATS,
    force: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT_S,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    options: ParseOptions | Mapping[str, Any] | None = None,
    reporter: Reporter | None = None,
    client: Any = None,
    scheduler: str | None = None,
) -> BatchSummary:
    """Read every document under ``paths`` into ``out_dir``; see the module docstring.

    Documents whose output is up to date (same input sha256, planparse version and
    options) are skipped unless ``force``. Never raises for a bad document: failures are
    in the summary. ``KeyboardInterrupt`` stops the workers, writes what is done, and
    returns a summary marked ``interrupted``.

    ``client`` (a ``dask.distributed.Client``) or ``scheduler`` (its address,
    ``tcp://host:8786``) reads the documents on a Dask cluster instead of local workers,
    with the same limits, manifest and outputs; the inputs and ``out_dir`` must be at the
    same paths on its workers (a shared filesystem). See docs/interfaces.md.
    """
    from ._pool import Task, WorkerPool, write_atomic

    started = time.monotonic()
    opts = ParseOptions.resolve(options)
    fingerprint = options_fingerprint(opts)
    reporter = reporter or Reporter()
    out = Path(out_dir)
    docs = out / "documents"
    docs.mkdir(parents=True, exist_ok=True)
    for stale in docs.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    manifest_path = out / MANIFEST_NAME
    manifest = {} if force else load_manifest(manifest_path)

    unread: list[dict[str, str]] = []
    inputs, ignored = discover(paths, skipped=unread)
    summary = BatchSummary(inputs=len(inputs), ignored=ignored, unread=unread)
    entries: dict[str, dict[str, Any]] = {}
    todo: list[tuple[Input, str]] = []
    own_client = None
    pool: Any
    if client is None and scheduler is not None:
        from ._dask import client_for

        client = own_client = client_for(scheduler)
    if client is not None:
        from ._dask import DaskPool

        pool = DaskPool(client, timeout=timeout, max_memory_mb=max_memory_mb)
        summary.jobs = pool.jobs
    else:
        summary.jobs = min(jobs or default_jobs(), max(1, len(inputs)))
        pool = WorkerPool(summary.jobs, timeout=timeout, max_memory_mb=max_memory_mb)
    with manifest_path.open("a", encoding="utf-8") as log:

        def record(entry: dict[str, Any]) -> None:
            entries[entry["key"]] = entry
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            log.flush()

        pages: dict[int, int] = {}
        try:
            # First pass, in the workers and under their limits: hash every input and count
            # its pages. The parent never opens an input itself, so a FIFO, a link to
            # /dev/zero or a file on a hung mount costs one worker its time limit at most.
            for item in inputs:
                if item.problem is not None:
                    record(_failure_entry(item, "", fingerprint, "error", item.problem))
            survey = (
                Task(i, str(item.path), {}, survey=True)
                for i, item in enumerate(inputs)
                if item.problem is None
            )
            for done in pool.run(survey):
                item = inputs[done.task.index]
                if done.kind != "ok":
                    record(_failure_entry(item, "", fingerprint, done.kind, error_of(done), done.seconds))
                    continue
                sha = str(done.summary["sha256"])
                previous = manifest.get(item.key)
                if not force and is_up_to_date(previous, sha, fingerprint, docs):
                    assert previous is not None
                    entries[item.key] = previous
                    summary.skipped += 1
                else:
                    pages[len(todo)] = int(done.summary.get("pages", 1))
                    todo.append((item, sha))

            # Longest first: a 200-page pack started last would leave the other workers
            # idle while it runs. Size stands in for work; a PDF costs more per byte than Word.
            order = sorted(range(len(todo)), key=lambda i: _expected_work(todo[i]), reverse=True)
            tasks = (
                Task(i, str(todo[i][0].path), opts.model_dump(), str(docs / todo[i][0].output_name))
                for i in order
            )
            # progress advances by work done: a PDF's pages (counted in the survey), 1 else
            reporter.start(len(todo), summary.skipped, sum(pages.values()))
            for done in pool.run(tasks):
                item, sha = todo[done.task.index]
                summary.parsed += 1
                if done.kind == "ok":
                    entry = {
                        "key": item.key,
                        "input": display_path(item.path),
                        "sha256": done.summary.get("sha256", sha),
                        "planparse": __version__,
                        "options": fingerprint,
                        "status": "ok",
                        "output": item.output_name,
                        "format": done.summary.get("format"),
                        "actions": done.summary.get("actions", 0),
                        "seconds": round(done.seconds, 3),
                    }
                    record(entry)
                    reporter.advance(item.key, None, pages[done.task.index])
                else:
                    failure = error_of(done)
                    record(_failure_entry(item, sha, fingerprint, done.kind, failure, done.seconds))
                    reporter.advance(item.key, failure, pages[done.task.index])
        except KeyboardInterrupt:
            pool.close()
            summary.interrupted = True
        finally:
            reporter.stop()
            if own_client is not None:
                own_client.close()

    _compact_manifest(manifest_path, inputs, entries, manifest)
    _rebuild(out, inputs, entries, summary, set(formats))
    summary.seconds = time.monotonic() - started
    write_atomic(out / "summary.json", json.dumps(summary.to_json(), indent=2, ensure_ascii=False) + "\n")
    return summary


def _failure_entry(
    item: Input, sha: str, fingerprint: str, kind: str, err: PlanparseError, seconds: float = 0.0
) -> dict[str, Any]:
    return {
        "key": item.key,
        "input": display_path(item.path),
        "sha256": sha,
        "planparse": __version__,
        "options": fingerprint,
        "status": "failed",
        "kind": kind,
        "error": type(err).__name__,
        "reason": err.message,
        "seconds": round(seconds, 3),
    }


def _compact_manifest(
    path: Path,
    inputs: list[Input],
    entries: dict[str, dict[str, Any]],
    previous: dict[str, dict[str, Any]],
) -> None:
    """Rewrite the manifest with one entry per key (this run's inputs first, then others)."""
    from ._pool import write_atomic

    keys = [item.key for item in inputs]
    merged = dict(previous)
    merged.update(entries)
    ordered = [merged[k] for k in keys if k in merged]
    ordered += [e for k, e in merged.items() if k not in set(keys)]
    write_atomic(path, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in ordered))


def _rebuild(
    out: Path,
    inputs: list[Input],
    entries: dict[str, dict[str, Any]],
    summary: BatchSummary,
    formats: set[str],
) -> None:
    """Write actions.jsonl / .csv / .xlsx and fill the summary from the per-document JSONs."""
    from . import export
    from ._pool import write_atomic

    jsonl = io.StringIO()
    rows: list[export.Row] = []
    milestones: list[export.Row] = []
    legends: list[export.Row] = []
    warning_rows: list[export.Row] = []
    for item in inputs:
        entry = entries.get(item.key)
        if entry is None:  # interrupted before this one was read
            continue
        if entry.get("status") == "ok":
            output = out / "documents" / item.output_name
            try:
                data = json.loads(output.read_text(encoding="utf-8"))
                actions = list(data["actions"])
                warnings = [w["code"] for w in data.get("warnings", [])]
            except (OSError, ValueError, KeyError, TypeError) as err:
                entry = {**entry, "status": "failed", "error": "DocumentReadError",
                         "reason": f"its output {output.name} is missing or damaged ({err}); run again"}
            else:
                document = display_path(item.path)
                summary.documents_read += 1
                summary.actions += len(actions)
                summary.warnings.update(warnings)
                summary.documents.append(
                    {
                        "document": document,
                        "output": f"documents/{item.output_name}",
                        "sha256": entry.get("sha256"),
                        "actions": len(actions),
                        "warnings": len(warnings),
                    }
                )
                jsonl.write(export.jsonl_text(data, document))
                if "csv" in formats or "xlsx" in formats:
                    rows.extend(export.result_rows(data, document))
                if "xlsx" in formats:
                    milestones.extend(export.milestone_rows(data, document))
                    legends.extend(export.legend_rows(data, document))
                    warning_rows.extend(export.warning_rows(data, document))
                continue
        summary.failed += 1
        summary.failures.append(
            {"document": display_path(item.path), "error": str(entry.get("error")), "reason": str(entry.get("reason"))}
        )
    if "jsonl" in formats:
        write_atomic(out / "actions.jsonl", jsonl.getvalue())
    if "csv" in formats:
        write_atomic(out / "actions.csv", export.to_csv(rows))
    if "xlsx" in formats:
        buf = io.BytesIO()
        export.write_xlsx(buf, rows, milestones=milestones, legends=legends,
                          warnings=warning_rows, failures=summary.failures)
        tmp = out / ".actions.xlsx.tmp"
        tmp.write_bytes(buf.getvalue())
        tmp.replace(out / "actions.xlsx")


def csv_row(document: str, action: Mapping[str, Any]) -> dict[str, str]:
    """One action as a flat CSV row of text (see :func:`planparse.export.action_row`)."""
    from .export import action_row, cell_text

    return {k: cell_text(v) for k, v in action_row(action, document=document).items()}


# ---------------------------------------------------------------------------------------
# Progress on a terminal


class RichReporter(Reporter):
    """A progress bar (counts, time left) on stderr, and a line for each failure."""

    def __init__(self, *, bar: bool) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.bar = bar
        self.failed = 0
        self._progress: Any = None
        self._task: Any = None
        self._skipped_note = ""
        self.done = 0
        self.total = 0
        self.pages_done = 0
        self.pages_total = 0
        self._last_line = time.monotonic()

    def start(self, total: int, skipped: int, pages: int | None = None) -> None:
        self.total = total
        self.pages_total = pages if pages is not None else total
        if not self.bar or total == 0:
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("reading"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pages"),
            TextColumn("{task.fields[note]}"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=self.console,
        )
        self._progress.start()
        note = f"({skipped} up to date)" if skipped else ""
        self._skipped_note = note
        self._task = self._progress.add_task("reading", total=self.pages_total, note=note)

    PLAIN_EVERY_S = 5.0
    """Without a terminal, a plain progress line at most this often (logs, CI)."""

    def advance(self, key: str, error: PlanparseError | None, pages: int = 1) -> None:
        self.done += 1
        self.pages_done += pages
        if error is not None:
            self.failed += 1
            self.console.print(f"planparse: {error}", markup=False, highlight=False, soft_wrap=True)
        if self._progress is not None:
            note = " ".join(filter(None, [f"{self.failed} failed" if self.failed else "", self._skipped_note, key]))
            self._progress.update(self._task, advance=pages, note=note)
        elif self.total and time.monotonic() - self._last_line >= self.PLAIN_EVERY_S:
            self._last_line = time.monotonic()
            failed = f", {self.failed} failed" if self.failed else ""
            self.console.print(
                f"planparse: {self.done} of {self.total} documents read ({self.pages_done} of "
                f"{self.pages_total} pages){failed}; last: {key}",
                markup=False, highlight=False, soft_wrap=True,
            )

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def reporter_for_terminal(quiet: bool = False) -> Reporter:
    """A bar when stderr is a terminal; otherwise only the failure lines (or nothing, quiet)."""
    import sys

    if quiet:
        return Reporter()
    return RichReporter(bar=sys.stderr.isatty())


__all__ = [
    "BatchSummary",
    "ParseOutcome",
    "Reporter",
    "csv_row",
    "discover",
    "format_milestone",
    "format_owner",
    "parse_many",
    "run_batch",
]
