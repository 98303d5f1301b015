"""planparse: read UK public-sector action plans (Word, PDF) into structured action records.

>>> import planparse
>>> result = planparse.parse("fixtures/docx/seed003_scr_action_plan.docx")  # doctest: +SKIP
>>> result.actions[0].action  # doctest: +SKIP

The public surface is :func:`parse`, :class:`ParseOptions` (with :class:`PdfSettings`,
the PDF reader's tolerances), the output models and the exceptions; everything else is
private and may change.
"""

from typing import TYPE_CHECKING

from ._version import __version__
from .diff import DiffResult, diff
from .errors import (
    DocumentReadError,
    DocumentTimeoutError,
    EncryptedDocumentError,
    InternalError,
    MemoryLimitError,
    MissingDependencyError,
    OptionsError,
    PlanparseError,
    UnsupportedFormatError,
    WorkerCrashError,
)
from .models import (
    SCHEMA_VERSION,
    ActionRecord,
    CellRef,
    Deadline,
    DocumentInfo,
    Legends,
    Milestone,
    Owner,
    ParseResult,
    ParseWarning,
    Plan,
    Provenance,
    Section,
    Source,
    Status,
    TableSummary,
    json_schema,
)
from .options import ParseOptions
from .pipeline import parse
from .readers.pdf_settings import PdfSettings

if TYPE_CHECKING:
    from .batch import parse_many, run_batch

__all__ = [
    "ActionRecord",
    "CellRef",
    "Deadline",
    "DiffResult",
    "DocumentInfo",
    "DocumentReadError",
    "DocumentTimeoutError",
    "EncryptedDocumentError",
    "InternalError",
    "Legends",
    "MemoryLimitError",
    "Milestone",
    "MissingDependencyError",
    "OptionsError",
    "Owner",
    "ParseOptions",
    "ParseResult",
    "ParseWarning",
    "PdfSettings",
    "Plan",
    "PlanparseError",
    "Provenance",
    "SCHEMA_VERSION",
    "Section",
    "Source",
    "Status",
    "TableSummary",
    "UnsupportedFormatError",
    "WorkerCrashError",
    "__version__",
    "diff",
    "json_schema",
    "parse",
    "parse_many",
    "run_batch",
]


def __getattr__(name: str) -> object:
    # parse_many pulls in the batch machinery (multiprocessing, the worker pool); import it
    # only when asked for, so `planparse parse` and `import planparse` start faster.
    if name in ("parse_many", "run_batch"):
        from . import batch

        return getattr(batch, name)
    raise AttributeError(f"module 'planparse' has no attribute {name!r}")
