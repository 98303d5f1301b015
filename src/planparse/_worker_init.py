"""Imported once by the process that forks the batch workers, so each starts warm.

Workers are forked from it, so what is imported here is loaded once and shared
(copy-on-write) instead of being imported again by every worker: the readers, pdfplumber
and spaCy with the owner pipeline built (about 1.5 s together). Numeric libraries are held to one thread each: the
parallelism is the workers, and OpenBLAS's per-CPU buffers would otherwise eat into each
worker's memory limit.
"""

from __future__ import annotations

import contextlib
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

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
