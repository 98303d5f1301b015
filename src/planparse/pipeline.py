"""The one direction of flow: bytes -> layout -> plan tables -> raw records -> records -> result."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from .errors import DocumentReadError, PlanparseError
from .extract.document import document_info
from .extract.legends import find_legends
from .extract.plans import PlanFinding, find_plans
from .extract.provenance import add_cell_provenance
from .extract.records import build_records
from .extract.trace import Trace
from .layout import Layout
from .models import ActionRecord, DocumentInfo, Legends, ParseResult, ParseWarning, Source
from .options import ParseOptions
from .readers import read_document

PathInput = str | os.PathLike[str]
SourceInput = PathInput | bytes | bytearray | memoryview | IO[bytes]


def _load(source: SourceInput, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "document"
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = name or str(source)
        try:
            return path.read_bytes(), label
        except FileNotFoundError as err:
            raise DocumentReadError("no such file", label) from err
        except IsADirectoryError as err:
            raise DocumentReadError("is a directory, not a document", label) from err
        except OSError as err:
            raise DocumentReadError(f"cannot be read ({err.strerror or err})", label) from err
    if hasattr(source, "read"):
        label = name or str(getattr(source, "name", "") or "document")
        data = source.read()
        if not isinstance(data, bytes):
            raise PlanparseError("the file object must be opened in binary mode ('rb')", label)
        return data, label
    raise TypeError(f"parse() takes a path, bytes or a binary file, not {type(source).__name__}")


def extract_layout(
    layout: Layout, opts: ParseOptions, trace: Trace | None = None
) -> tuple[DocumentInfo, Legends, PlanFinding, list[ActionRecord], list[ParseWarning]]:
    """Everything after the reader: document info, legends, plans, normalised records."""
    info = document_info(layout)
    legends = find_legends(layout)
    finding = find_plans(layout, doc_title=info.title, cues=opts.cues(), trace=trace)
    splitter = None
    if opts.normalise_owners and any(r.owner_text for r in finding.records):
        from .normalise.owners import split_owners  # loads spaCy: only when there are owners

        splitter = split_owners
    records, warnings = build_records(finding.records, finding.record_plan, legends, splitter)
    add_cell_provenance(layout, finding.records, records)
    return info, legends, finding, records, warnings


def parse(
    source: SourceInput,
    *,
    name: str | None = None,
    options: ParseOptions | Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> ParseResult:
    """Read one document and return every action in it.

    ``source`` is a path, the document's bytes, or a binary file object; ``name`` labels
    bytes and file objects in the result and in errors (the format is decided by content,
    not by the name). Options may be given as a :class:`ParseOptions`, a dict, or keywords
    (``parse(path, password="x")``).

    Raises a :class:`~planparse.errors.PlanparseError` subclass when the document cannot
    be read; doubtful parts of a readable document come back as ``result.warnings``.
    """
    opts = ParseOptions.resolve(options, **kwargs)
    data, label = _load(source, name)
    read = read_document(data, label, opts)
    layout = read.layout
    trace = Trace() if opts.trace else None
    info, legends, finding, records, warnings = extract_layout(layout, opts, trace)

    reader_warnings = [ParseWarning(code=c, message=m, page=p) for c, m, p in layout.warnings]
    if not finding.tables and not reader_warnings and not records:
        reader_warnings.append(
            ParseWarning(code="no_tables", message="the document has no tables, so no action plan was found")
        )
    elif finding.tables and not records:
        reader_warnings.append(
            ParseWarning(code="no_plan_tables", message=f"none of the {len(finding.tables)} tables looks like an action plan")
        )
    result = ParseResult(
        source=Source(
            file=Path(label).name if not isinstance(source, (str, os.PathLike)) else str(source),
            sha256=hashlib.sha256(data).hexdigest(),
            format=read.format,  # type: ignore[arg-type]
            converted_from=read.converted_from,
            pages=layout.pages,
        ),
        document=info,
        legends=legends,
        plans=finding.plans,
        actions=records,
        warnings=reader_warnings + warnings,
        other_tables=finding.other_tables() if opts.all_tables else None,
    )
    result._trace = trace
    return result
