"""A small pool of worker processes that read documents with a time and memory limit each.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: when one of its workers dies
(killed for memory, a segfault in a C library, a kill after a time limit) the whole
executor is broken and every pending document fails with it. Here each worker is a
:class:`multiprocessing.Process` with its own pipe; the parent waits on all pipes and
process sentinels at once with a deadline per task, so a worker that hangs is killed, a
worker that dies is noticed, the document it held is reported as failed with the reason,
and a fresh worker takes its place.

Workers are long-lived (spaCy and dateparser load once per worker, not per document) and
are recycled after :data:`TASKS_PER_WORKER` documents and after running out of memory.
Each worker runs in its own process group so a time-limit kill also ends any LibreOffice
it started. Workers are forked from a forkserver that has already imported the readers,
so starting or replacing one costs milliseconds, and no thread of the parent (the
progress bar) is ever forked.

Nothing a pool starts outlives its parent (issue 14). Each worker holds the reading end of
a *lifeline* pipe whose only writing end is the parent's: when the parent ends, however it
ends (SIGKILL included), a thread in the worker sees the pipe close, removes the worker's
temporary folder and kills the worker's process group (with any LibreOffice it started).
The forkserver and multiprocessing's resource tracker end by themselves once no worker
holds their pipes, and the forkserver then removes the parent's ``pymp-*`` folder (see
:mod:`planparse._worker_init`). Each worker's temporary files (its log, LibreOffice's
profile) live in one folder of its own that the parent removes when it retires the worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

TASKS_PER_WORKER = 200
"""Documents a worker reads before it is replaced (bounds slow memory growth)."""

PRELOAD = ["planparse._worker_init"]
"""Modules the forkserver imports once, so every worker starts with them loaded."""

FORKSERVER_TMP_ENV = "PLANPARSE_FORKSERVER_TMP"
"""Names the parent's multiprocessing temporary folder (``pymp-*``, where the forkserver's
socket lives) to the forkserver, which removes it if it outlives the parent."""

WORKER_DIR_PREFIX = "planparse-worker-"
LOG_NAME = "worker.log"


@dataclass(frozen=True, slots=True)
class Task:
    """One document to read: ``output`` set means write the JSON there and send a summary."""

    index: int
    path: str
    options: dict[str, Any]
    output: str | None = None
    name: str | None = None
    """Label of the document in its result and errors (bytes input), when not ``path``."""
    data: bytes | None = None
    """The document itself, when it is sent to another machine (a Dask cluster) as bytes."""
    survey: bool = False
    """Only hash the file and count its pages (a batch's first pass, so that the parent never
    reads an input itself): the reply's summary holds ``sha256`` and ``pages``."""


@dataclass(slots=True)
class Done:
    """What became of one task.

    ``kind`` is ``"ok"``; ``"error"`` (planparse refused the document: ``error_type`` is the
    :mod:`planparse.errors` class name); ``"internal"`` (an unexpected exception: a bug);
    ``"memory"``; ``"timeout"``; or ``"died"`` (the worker process ended without answering).
    """

    task: Task
    kind: str
    seconds: float
    result_json: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    error_type: str | None = None
    message: str | None = None
    detail: str | None = None
    peak_rss_mb: float | None = None


# ---------------------------------------------------------------------------------------
# The worker side


def _worker_main(
    conn: Connection, max_memory_mb: int | None, workdir: str | None, lifeline: Connection | None = None
) -> None:
    """Loop: receive a task, read the document, send the outcome; exit on ``None`` or EOF.

    ``workdir`` is the worker's own temporary folder: its stdout and stderr go to a log
    there (what libraries print — a pdfminer warning, an OpenBLAS or Rust abort message —
    stays off the user's terminal, and the parent quotes its end when the worker dies), and
    every temporary file of the worker and its children is made there. ``lifeline`` closes
    when the parent ends: the worker then cleans up and kills its process group.
    """
    with contextlib.suppress(OSError):
        os.setpgrp()
    if workdir:
        fd = os.open(os.path.join(workdir, LOG_NAME), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        os.environ["TMPDIR"] = workdir
        tempfile.tempdir = workdir
    if lifeline is not None:
        threading.Thread(target=_watch_lifeline, args=(lifeline, workdir), daemon=True).start()
    # Ctrl-C goes to the parent, which stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import planparse._worker_init  # noqa: F401  (already loaded when forked from the forkserver)

    if max_memory_mb:
        limit = max_memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        reply = _run_task(task, max_memory_mb)
        reply["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        if reply["kind"] == "memory":
            return  # the heap may be fragmented or half-built objects left: start afresh


def _watch_lifeline(lifeline: Connection, workdir: str | None) -> None:
    """Wait for the parent to end (the lifeline reaches EOF), then leave nothing behind."""
    with contextlib.suppress(EOFError, OSError):
        while True:
            lifeline.recv()  # the parent never sends: this returns only at EOF (an exception)
    if workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    with contextlib.suppress(OSError):
        os.killpg(os.getpgrp(), signal.SIGKILL)
    os._exit(1)


def _survey(task: Task) -> dict[str, Any]:
    """A batch's first look at an input, in the worker: its sha256 and its pages."""
    from ._files import sha256_regular

    path = Path(task.path)
    sha = sha256_regular(path)  # refuses anything but a regular file, with one line
    return {"kind": "ok", "summary": {"sha256": sha, "pages": count_pages(path)}}


def count_pages(path: Path) -> int:
    """A document's work for the progress bar: a PDF's page count, 1 for anything else or
    for a PDF pdfium cannot open (reading it says why)."""
    if path.suffix.lower() != ".pdf":
        return 1
    try:
        import pypdfium2

        doc = pypdfium2.PdfDocument(str(path))
        try:
            return max(1, len(doc))
        finally:
            doc.close()
    except Exception:  # noqa: BLE001 - a damaged or encrypted file: parsing it says what
        return 1


def _run_task(task: Task, max_memory_mb: int | None) -> dict[str, Any]:
    from .errors import PlanparseError
    from .pipeline import parse

    start = time.perf_counter()
    try:
        if task.survey:
            reply: dict[str, Any] = _survey(task)
        elif task.output is None:
            result = parse(task.path, name=task.name, options=task.options)
            reply = {"kind": "ok", "result_json": result.model_dump_json()}
        else:
            result = parse(task.path, name=task.name, options=task.options)
            write_atomic(Path(task.output), result.to_json() + "\n")
            reply = {
                "kind": "ok",
                "summary": {
                    "sha256": result.source.sha256,
                    "format": result.source.format,
                    "actions": len(result.actions),
                    "warnings": dict(Counter(w.code for w in result.warnings)),
                },
            }
    except PlanparseError as err:
        reply = {"kind": "error", "error_type": type(err).__name__, "message": err.message}
    except MemoryError:
        reply = {
            "kind": "memory",
            "message": f"reading it needed more than the memory limit ({max_memory_mb} MB)",
        }
    except RecursionError as err:
        reply = {"kind": "internal", "error_type": "RecursionError", "message": str(err)}
    except Exception as err:  # a bug in planparse or a library: report it, keep going
        reply = {
            "kind": "internal",
            "error_type": type(err).__name__,
            "message": str(err),
            "detail": "".join(traceback.format_exception(err)),
        }
    reply["seconds"] = time.perf_counter() - start
    return reply


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and :func:`os.replace`.

    A reader of ``path`` sees the old file or the whole new one, never a part, even when
    the writer is killed; the temporary name is unique per process.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# ---------------------------------------------------------------------------------------
# The parent side


def _context() -> Any:  # a forkserver or spawn context (typeshed has no common type)
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        # Read by the forkserver when it starts (see _worker_init); set by every process
        # before its own forkserver starts, so a value inherited from another is replaced.
        # A process that multiprocessing started (a Dask worker) shares its parent's
        # pymp-* folder: its forkserver must never remove that, so it is named only by a
        # top-level process, whose folder it is.
        own = multiprocessing.parent_process() is None
        os.environ[FORKSERVER_TMP_ENV] = multiprocessing.util.get_temp_dir() if own else ""
        return ctx
    return multiprocessing.get_context("spawn")


def warm_up() -> None:
    """Start the forkserver now, so its imports (readers, pdfplumber, spaCy, the owner
    pipeline: about a second) run while the caller is still starting up and finding its
    inputs, on another core, instead of before the first document."""
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        with _main_module_hidden():
            forkserver.ensure_running()


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    workdir: str
    task: Task | None = None
    deadline: float = 0.0
    started: float = 0.0
    tasks_done: int = 0

    @property
    def log_path(self) -> str:
        return os.path.join(self.workdir, LOG_NAME)


Clock = Callable[[], float]


class WorkerPool:
    """Run tasks on ``jobs`` worker processes, each task with a time and memory limit.

    ``clock`` gives the time that limits are measured in (seconds; default
    :func:`time.monotonic`): tests pass a clock they move themselves.
    """

    def __init__(
        self,
        jobs: int,
        *,
        timeout: float | None = 300.0,
        max_memory_mb: int | None = 2048,
        clock: Clock = time.monotonic,
    ) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self._clock = clock
        self._ctx: Any = _context()
        self._workers: list[_Worker] = []
        self._lifeline: tuple[Connection, Connection] | None = None

    def _start_worker(self) -> _Worker:
        if self._lifeline is None:
            self._lifeline = self._ctx.Pipe(duplex=False)  # (reading end, writing end)
        parent_end, child_end = self._ctx.Pipe(duplex=True)
        workdir = tempfile.mkdtemp(prefix=WORKER_DIR_PREFIX)
        process = self._ctx.Process(
            target=_worker_main,
            args=(child_end, self.max_memory_mb, workdir, self._lifeline[0]),
            daemon=True,
        )
        try:
            with _main_module_hidden():
                process.start()
        except BaseException:
            shutil.rmtree(workdir, ignore_errors=True)
            raise
        finally:
            child_end.close()
        worker = _Worker(process, parent_end, workdir)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        self._workers.remove(worker)
        if kill:
            _kill_group(worker.process)
        else:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        worker.process.join(timeout=None if kill else 5)
        if worker.process.is_alive():
            _kill_group(worker.process)
            worker.process.join()
        worker.conn.close()
        shutil.rmtree(worker.workdir, ignore_errors=True)

    def close(self) -> None:
        """Stop every worker (a busy one is killed)."""
        for worker in list(self._workers):
            self._retire(worker, kill=worker.task is not None)
        if self._lifeline is not None:
            for end in self._lifeline:
                end.close()
            self._lifeline = None

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        """Yield a :class:`Done` for every task, in the order they finish.

        Tasks are taken from ``tasks`` only when a worker is free, so it may be a lazy
        iterator. Closing the generator early stops the workers.
        """
        pending = iter(tasks)
        exhausted = False
        try:
            while True:
                if not exhausted:
                    exhausted = self._fill(pending)
                busy = [w for w in self._workers if w.task is not None]
                if not busy:
                    if exhausted:
                        return
                    continue
                now = self._clock()
                wait_for = None
                if self.timeout is not None:
                    wait_for = max(0.0, min(w.deadline for w in busy) - now)
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for))
                for worker in busy:
                    done = self._collect(worker, ready)
                    if done is not None:
                        yield done
        finally:
            self.close()

    def _fill(self, pending: Iterator[Task]) -> bool:
        """Give a task to every idle worker (starting workers up to ``jobs``)."""
        while True:
            idle = next((w for w in self._workers if w.task is None), None)
            if idle is None and len(self._workers) >= self.jobs:
                return False
            task = next(pending, None)
            if task is None:
                return True
            worker = idle or self._start_worker()
            try:
                worker.conn.send(task)
            except (OSError, ValueError):
                # The idle worker died while waiting; replace it and try once more.
                self._retire(worker, kill=True)
                worker = self._start_worker()
                worker.conn.send(task)
            worker.task = task
            worker.started = self._clock()
            worker.deadline = worker.started + (self.timeout or 0.0)

    def _collect(self, worker: _Worker, ready: set[Any]) -> Done | None:
        task = worker.task
        assert task is not None
        elapsed = self._clock() - worker.started
        if worker.conn in ready or worker.process.sentinel in ready:
            reply: dict[str, Any] | None = None
            if worker.conn.poll():
                with contextlib.suppress(EOFError, OSError):
                    reply = worker.conn.recv()
            if reply is None:
                worker.process.join(timeout=1)
                reason = _death_reason(worker.process.exitcode, _tail(worker.log_path))
                self._retire(worker, kill=True)
                return Done(task, "died", elapsed, message=reason)
            worker.task = None
            worker.tasks_done += 1
            kind = reply.pop("kind")
            reply.pop("seconds", None)
            if kind == "memory" or worker.tasks_done >= TASKS_PER_WORKER:
                self._retire(worker, kill=False)
            return Done(task, kind, elapsed, **reply)
        if self.timeout is not None and self._clock() >= worker.deadline:
            self._retire(worker, kill=True)
            return Done(
                task, "timeout", elapsed, message=f"reading it took longer than {self.timeout:g} s"
            )
        return None


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start a process without making it re-import the caller's ``__main__``.

    multiprocessing's spawn and forkserver start methods re-run the parent's main script in
    every child (so objects defined there can be unpickled). Workers need nothing from it,
    and it fails or costs: ``python -`` has no file to re-run, and under pytest or a
    notebook it imports the whole harness again.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {name: getattr(main, name) for name in ("__file__", "__spec__") if hasattr(main, name)}
    try:
        main.__spec__ = None
        if "__file__" in saved:
            del main.__file__
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


def _kill_group(process: BaseProcess) -> None:
    pid = process.pid
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        with contextlib.suppress(OSError):
            process.kill()


def _tail(path: str, limit: int = 300) -> str:
    """The last line of what the worker printed, if anything (for the failure reason)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(max(0, os.path.getsize(path) - 4096))
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:limit] if lines else ""


def _death_reason(exitcode: int | None, last_words: str = "") -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if -exitcode == signal.SIGKILL else ""
        reason = f"the process reading it was killed by {name}{hint}"
    else:
        reason = f"the process reading it stopped unexpectedly (exit code {exitcode})"
    return f"{reason}: {last_words}" if last_words else reason
