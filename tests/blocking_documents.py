"""Documents that block until the test says go: time limits and kills tested without a clock.

planparse reads documents in worker processes forked from a forkserver, which a
monkeypatch in the test process never reaches. So this module is put in the forkserver's
preload list (through ``blocking_documents_preload``, in ``planparse._pool.PRELOAD``:
conftest.py does it for the test process, and a test that runs the CLI in a subprocess
does it there), where it wraps
:func:`planparse.pipeline.parse`. A document whose name ends in ``.block.<ext>`` and that has
a FIFO ``<name>.go`` beside it:

1. writes ``<name>.started`` holding the pid of the worker reading it, then
2. opens ``<name>.go`` for reading, which blocks until the test opens it for writing
   (:func:`release`), and only then is read as usual.

Any other document, or a ``.block`` one whose ``.go`` is absent, is read unchanged. A
test waits for the ``.started`` file (:func:`wait_started`: bounded polling of a
condition), so it acts exactly while the worker is inside the document, however fast or
slow the machine is.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PRELOAD_MODULE = "blocking_documents_preload"
"""The module (beside this one, in the tests folder) that the forkserver imports to call
:func:`install`."""

POLL_S = 0.01
POLL_ATTEMPTS = 30_000
"""Bounded polling: check a condition every POLL_S, at most this many times (a hang guard of
five minutes, never a speed assertion)."""


def make_blocking(source: Path, dest: Path) -> Path:
    """Copy ``source`` to ``dest`` (named ``*.block.<ext>``) and put its ``.go`` FIFO beside it."""
    assert ".block." in dest.name, dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, dest)
    os.mkfifo(_go(dest))
    return dest


def wait_started(path: Path, gone: Callable[[], bool] = lambda: False) -> int | None:
    """The pid of the worker blocked in ``path``, once it is; ``None`` if it never is (or
    ``gone()`` says the run it was in has ended)."""
    marker = _started(path)
    for _ in range(POLL_ATTEMPTS):
        if marker.exists():
            return int(marker.read_text())
        if gone():
            return None
        time.sleep(POLL_S)
    return None


def has_started(path: Path) -> bool:
    """Whether a worker has entered ``path`` (it is blocked there, or was)."""
    return _started(path).exists()


RELEASE_ATTEMPTS = 500
"""How often :func:`release` looks for the worker between writing ``.started`` and
opening ``.go`` (a few milliseconds' work); a worker that was killed never comes."""


def release(path: Path) -> bool:
    """Tell the worker blocked in ``path`` to go on; False if no worker was waiting."""
    go = _go(path)
    for _ in range(RELEASE_ATTEMPTS if _started(path).exists() else 1):
        try:
            fd = os.open(go, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as err:
            if err.errno not in (errno.ENXIO, errno.ENOENT):  # ENXIO: no reader yet
                raise
            time.sleep(POLL_S)
            continue
        os.close(fd)
        return True
    return False


def unblock(path: Path) -> None:
    """Make ``path`` an ordinary document from now on (its ``.go`` FIFO removed)."""
    _go(path).unlink(missing_ok=True)


def _go(path: Path) -> Path:
    return path.with_name(path.name + ".go")


def _started(path: Path) -> Path:
    return path.with_name(path.name + ".started")


def install() -> None:
    """Wrap :func:`planparse.pipeline.parse` in this process (the forkserver's)."""
    import planparse.pipeline

    real_parse = planparse.pipeline.parse

    def parse(source: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(source, str | os.PathLike):
            path = Path(source)
            go = _go(path)
            if ".block." in path.name and go.exists() and stat.S_ISFIFO(go.stat().st_mode):
                tmp = path.with_name(path.name + ".started.tmp")
                tmp.write_text(str(os.getpid()))
                tmp.replace(_started(path))
                with open(go, "rb") as fh:  # blocks until the test opens it for writing
                    fh.read()
        return real_parse(source, *args, **kwargs)

    planparse.pipeline.parse = parse
