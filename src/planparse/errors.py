"""Exceptions planparse raises. Every one carries the file it was reading.

Tree::

    PlanparseError                 base: catch this to catch everything planparse raises
    ├── UnsupportedFormatError     not a Word or PDF document (or a format we cannot convert)
    ├── MissingDependencyError     a converter is needed and not installed (LibreOffice)
    ├── DocumentReadError          the file is of a known format but cannot be read
    │   ├── EncryptedDocumentError password-protected, and no (or a wrong) password given
    │   ├── DocumentTimeoutError   (batch) over the per-document time limit; worker replaced
    │   ├── MemoryLimitError       (batch) over the per-document memory limit
    │   └── WorkerCrashError       (batch) the worker process died while reading it
    ├── OptionsError               unknown or invalid option (also a ValueError)
    └── InternalError              (batch) an unexpected exception: a bug, please report it

Documents that can be read but have doubtful parts do not raise: they return records
plus ``warnings`` (see :class:`planparse.models.ParseWarning`).
"""

from __future__ import annotations


class PlanparseError(Exception):
    """Base class of all planparse errors; ``path`` names the file being read."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UnsupportedFormatError(PlanparseError):
    """The input is not a format planparse reads (decided by content, not extension)."""


class MissingDependencyError(PlanparseError):
    """A tool planparse needs for this input is not installed (e.g. LibreOffice for .doc)."""


class DocumentReadError(PlanparseError):
    """The document is of a known format but is corrupt, truncated or otherwise unreadable."""


class EncryptedDocumentError(DocumentReadError):
    """The document is encrypted and no password, or a wrong one, was given."""


class OptionsError(PlanparseError, ValueError):
    """An option name or value is not valid; the message lists the valid names."""


class DocumentTimeoutError(DocumentReadError):
    """Reading the document took longer than the time limit; the worker was stopped."""


class MemoryLimitError(DocumentReadError):
    """Reading the document needed more memory than the limit allows."""


class WorkerCrashError(DocumentReadError):
    """The process reading the document died (killed by the system, or a crash in a library)."""


class InternalError(PlanparseError):
    """An unexpected exception inside planparse or a library it uses: a bug to report."""
