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
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

TASKS_PER_WORKER = 200
"""Documents a worker reads before it is replaced (bounds slow memory growth)."""

PRELOAD = ["planparse._worker_init"]
"""Modules the forkserver imports once, so every worker starts with them loaded."""


@dataclass(frozen=True, slots=True)
class Task:
    """One document to read: ``output`` set means write the JSON there and send a summary."""

    index: int
    path: str
    options: dict[str, Any]
    output: str | None = None
    name: str | None = None
    """Label of the document in its result and errors (bytes input), when not ``path``."""


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


def _worker_main(conn: Connection, max_memory_mb: int | None, log_path: str | None) -> None:
    """Loop: receive a task, read the document, send the outcome; exit on ``None`` or EOF.

    The worker's stdout and stderr go to ``log_path``: what libraries print (a pdfminer
    warning, an OpenBLAS or Rust abort message) stays off the user's terminal, and the
    parent quotes its end when the worker dies.
    """
    if log_path:
        fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
    with contextlib.suppress(OSError):
        os.setpgrp()
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


def _run_task(task: Task, max_memory_mb: int | None) -> dict[str, Any]:
    from .errors import PlanparseError
    from .pipeline import parse

    start = time.perf_counter()
    try:
        result = parse(task.path, name=task.name, options=task.options)
        if task.output is None:
            reply: dict[str, Any] = {"kind": "ok", "result_json": result.model_dump_json()}
        else:
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
    log_path: str
    task: Task | None = None
    deadline: float = 0.0
    started: float = 0.0
    tasks_done: int = 0


class WorkerPool:
    """Run tasks on ``jobs`` worker processes, each task with a time and memory limit."""

    def __init__(
        self, jobs: int, *, timeout: float | None = 300.0, max_memory_mb: int | None = 2048
    ) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self._ctx: Any = _context()
        self._workers: list[_Worker] = []

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self._ctx.Pipe(duplex=True)
        fd, log_path = tempfile.mkstemp(prefix="planparse-worker-", suffix=".log")
        os.close(fd)
        process = self._ctx.Process(
            target=_worker_main, args=(child_end, self.max_memory_mb, log_path), daemon=True
        )
        with _main_module_hidden():
            process.start()
        child_end.close()
        worker = _Worker(process, parent_end, log_path)
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
        with contextlib.suppress(OSError):
            os.unlink(worker.log_path)

    def close(self) -> None:
        """Stop every worker (a busy one is killed)."""
        for worker in list(self._workers):
            self._retire(worker, kill=worker.task is not None)

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
                now = time.monotonic()
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
            worker.started = time.monotonic()
            worker.deadline = worker.started + (self.timeout or 0.0)

    def _collect(self, worker: _Worker, ready: set[Any]) -> Done | None:
        task = worker.task
        assert task is not None
        elapsed = time.monotonic() - worker.started
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
        if self.timeout is not None and time.monotonic() >= worker.deadline:
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
