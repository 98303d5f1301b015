"""Imported once by the process that forks the batch workers, so each starts warm.

Workers are forked from it, so what is imported here is loaded once and shared
(copy-on-write) instead of being imported again by every worker: the readers, pdfplumber
and spaCy with the owner pipeline built (about 1.5 s together). Numeric libraries are held to one thread each: the
parallelism is the workers, and OpenBLAS's per-CPU buffers would otherwise eat into each
worker's memory limit.

If the process that started the forkserver is killed (SIGKILL: none of its clean-up runs),
the forkserver ends once its workers have (see :mod:`planparse._pool`); as it exits it
removes that process's multiprocessing folder (``pymp-*``, named in
``PLANPARSE_FORKSERVER_TMP``), which only that process would otherwise have removed.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def _remove_parents_tempdir(parent: int, folder: str) -> None:
    if folder and os.path.basename(folder).startswith("pymp-") and os.getppid() != parent:
        shutil.rmtree(folder, ignore_errors=True)  # the parent is gone without cleaning up


# Runs at the forkserver's exit only: the workers it forks end with os._exit.
atexit.register(_remove_parents_tempdir, os.getppid(), os.environ.get("PLANPARSE_FORKSERVER_TMP", ""))

import planparse.pipeline  # noqa: E402,F401
import planparse.readers.docx  # noqa: E402,F401
import planparse.readers.pdf  # noqa: E402,F401

with contextlib.suppress(ImportError):
    import pdfplumber  # noqa: F401
# Build the owner splitter's spaCy pipeline now (it is cached), so no worker builds its own.
# This imports spaCy the owner splitter's way (without spacy.cli).
with contextlib.suppress(Exception):
    from planparse.normalise.owners import split_owners

    split_owners("Liz Murphy, Independent Chair")
