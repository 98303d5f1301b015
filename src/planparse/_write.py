"""Writing output files safely (issue 14).

The old write-to-temporary-then-rename replaced whatever was at the target: as root,
``-o /dev/full`` replaced the device node with the JSON, and ``-o`` on a FIFO replaced the
FIFO; a missing folder or a full disk printed a traceback and left the temporary file.
:func:`write_text_safely` refuses any target that exists and is not a regular file,
follows a symlink to the file it names (the link stays a link), writes the temporary file
beside the real target, and removes it on any failure. Failures raise :class:`OutputError`
with a one-line reason.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from ._files import display_path


class OutputError(OSError):
    """The output cannot be written; ``str()`` is a one-line reason naming the target."""


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """Where writing ``path`` must go: the file a symlink names, checked to be writable.

    Raises :class:`OutputError` for a target that exists and is not a regular file, or
    whose folder does not exist.
    """
    given = Path(path)
    name = display_path(given)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise OutputError(f"{name}: cannot write there ({err.strerror or err})") from err
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise OutputError(f"{name}: cannot write the output there: it is {kind}")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{name}: cannot write the output: the folder {display_path(folder)} does not exist")
    return target


def write_text_safely(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see the module docstring."""
    target = resolve_target(path)
    name = display_path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    data = text.encode("utf-8", "backslashreplace")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{name}: cannot write the output ({err.strerror or err})") from err
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
