"""Running a batch on a Dask cluster (issue 15): the same tasks, limits and outputs as the
local pool, on the machines of a ``dask.distributed`` cluster.

:class:`DaskPool` has the local :class:`~planparse._pool.WorkerPool`'s ``run(tasks)``:
each :class:`~planparse._pool.Task` is submitted to the cluster, where
:func:`run_on_dask_worker` reads it through a one-worker local pool, so every document still
has its time and memory limit and a hostile one can only cost its own worker process.
What comes back is the same :class:`~planparse._pool.Done`, so :func:`planparse.run_batch`
writes the same manifest, per-document JSONs and summaries, and resumes the same way.

Documents travel as paths (the cluster must see the same files, and the batch's output
folder, at the same paths: a shared filesystem) or, for :func:`planparse.parse_many`, as
bytes. A Dask worker that is lost mid-document (killed, its machine gone) has its task run
again on another worker by Dask; outputs are written atomically and the manifest only by
the caller, so nothing is lost or written twice.

Dask's workers are daemonic processes by default, which may not start processes; start
them with ``distributed.worker.daemon: False`` (``DASK_DISTRIBUTED__WORKER__DAEMON=False``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from ._pool import Done, Task, WorkerPool

DAEMON_MESSAGE = (
    "this Dask worker is a daemonic process and cannot start the process that reads a document "
    "under its limits; start the workers with distributed.worker.daemon set to False "
    "(DASK_DISTRIBUTED__WORKER__DAEMON=False)"
)


def run_on_dask_worker(task: Task, timeout: float | None, max_memory_mb: int | None) -> Done:
    """Read one task on a Dask worker, in a planparse worker process with its limits."""
    if multiprocessing.current_process().daemon:
        return Done(task, "internal", 0.0, error_type="RuntimeError", message=DAEMON_MESSAGE)
    spill = None
    run = task
    if task.data is not None:  # a document sent as bytes: a file of this machine's own
        fd, spill = tempfile.mkstemp(prefix="planparse-input-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(task.data)
        run = dataclasses.replace(task, path=spill, data=None)
    try:
        pool = WorkerPool(1, timeout=timeout, max_memory_mb=max_memory_mb)
        (done,) = list(pool.run([run]))
    finally:
        if spill is not None:
            with contextlib.suppress(OSError):
                os.unlink(spill)
    done.task = dataclasses.replace(task, data=None)  # no need to send the bytes back
    return done


class DaskPool:
    """Run tasks on a Dask cluster through ``client``, each with a time and memory limit."""

    def __init__(self, client: Any, *, timeout: float | None = 300.0, max_memory_mb: int | None = 2048) -> None:
        self.client = client
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self._futures: list[Any] = []

    @property
    def jobs(self) -> int:
        """Documents read at once: the cluster's worker threads."""
        return max(1, sum(self.client.nthreads().values()))

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        """Yield a :class:`Done` for every task, in the order they finish."""
        from distributed import as_completed

        by_key: dict[str, Task] = {}
        futures = []
        for task in tasks:
            future = self.client.submit(
                run_on_dask_worker, task, self.timeout, self.max_memory_mb, pure=False
            )
            by_key[future.key] = task
            futures.append(future)
        self._futures = futures
        try:
            for future in as_completed(futures):
                task = by_key[future.key]
                try:
                    done: Done = future.result()
                except Exception as err:  # noqa: BLE001 - lost workers (KilledWorker), cancelled
                    done = Done(
                        dataclasses.replace(task, data=None), "died", 0.0,
                        message=f"the Dask workers reading it were lost ({type(err).__name__}: {err})"[:300],
                    )
                yield done
        finally:
            self.close()

    def close(self) -> None:
        """Cancel what has not finished."""
        futures, self._futures = self._futures, []
        if futures:
            with contextlib.suppress(Exception):
                self.client.cancel(futures)


def client_for(scheduler: str) -> Any:
    """A ``dask.distributed`` client of the scheduler at ``scheduler`` (tcp://host:8786)."""
    from .errors import MissingDependencyError

    try:
        from distributed import Client
    except ImportError as err:
        raise MissingDependencyError(
            "running on a Dask cluster needs dask.distributed: pip install 'planparse[dask]'", scheduler
        ) from err
    return Client(scheduler)
