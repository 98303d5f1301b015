"""Opening input files: only regular files are read (issue 14).

A FIFO blocks ``open()`` until a writer comes; ``/dev/zero`` (or a link to it) reads
forever; a directory or socket is not a document. :func:`open_regular` opens without
blocking, checks what the descriptor is, and refuses anything that is not a regular file
with a one-line reason, before a single byte is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import DocumentReadError

_KINDS = (
    (stat.S_ISDIR, "is a directory, not a document"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file; refusing to read it"),
    (stat.S_ISCHR, "is a device, not a regular file; refusing to read it"),
    (stat.S_ISBLK, "is a block device, not a regular file; refusing to read it"),
    (stat.S_ISSOCK, "is a socket, not a regular file; refusing to read it"),
)


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` as text that can always be printed and written as UTF-8.

    A name that is not valid UTF-8 on disk (kept by Python as lone surrogates) shows its
    bad bytes escaped (``\\xe9``); a valid name is returned unchanged.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def _refusal(mode: int) -> str | None:
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return None if stat.S_ISREG(mode) else "is not a regular file; refusing to read it"


def open_regular(path: str | os.PathLike[str], label: str | None = None) -> BinaryIO:
    """Open ``path`` for reading if (after following links) it is a regular file.

    Raises :class:`DocumentReadError` naming ``label`` (default: the path, escaped) for a
    missing file, a directory, FIFO, device or socket, or a file that cannot be opened.
    """
    name = label if label is not None else display_path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as err:
        raise DocumentReadError("no such file", name) from err
    except IsADirectoryError as err:
        raise DocumentReadError("is a directory, not a document", name) from err
    except OSError as err:
        raise DocumentReadError(f"cannot be read ({err.strerror or err})", name) from err
    try:
        reason = _refusal(os.fstat(fd).st_mode)
        if reason is not None:
            raise DocumentReadError(reason, name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], label: str | None = None) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`)."""
    name = label if label is not None else display_path(path)
    with open_regular(path, name) as fh:
        try:
            return fh.read()
        except OSError as err:
            raise DocumentReadError(f"cannot be read ({err.strerror or err})", name) from err


def sha256_regular(path: Path) -> str:
    """The sha256 of a regular file, read in chunks; refuses what :func:`open_regular` refuses."""
    digest = hashlib.sha256()
    with open_regular(path) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
