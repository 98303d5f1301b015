"""The one direction of flow: bytes -> layout -> plan tables -> raw records -> records -> result."""

from __future__ import annotations

import hashlib
import io
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ._files import display_path, read_regular
from .errors import DocumentReadError, InternalError, OptionsError, PlanparseError
from .extract.blocks import add_text_provenance, find_text_plans, text_warning
from .extract.document import document_info
from .extract.legends import find_legends
from .extract.plans import PlanFinding, find_plans
from .extract.provenance import add_cell_provenance
from .extract.records import build_records
from .extract.trace import Trace
from .layout import Layout
from .models import ActionRecord, DocumentInfo, Legends, ParseResult, ParseWarning, Source
from .normalise.dates import date_context
from .options import ParseOptions
from .readers import read_document

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .options import ParseOptionsDict

log = logging.getLogger(__name__)

PathInput = str | os.PathLike[str]
SourceInput = PathInput | bytes | bytearray | memoryview | IO[bytes]


def _load(source: SourceInput, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "document"
    if isinstance(source, (str, os.PathLike)):
        label = name or display_path(source)
        return read_regular(source, label), label  # only regular files (issue 14)
    if hasattr(source, "read"):
        label = name or str(getattr(source, "name", "") or "document")
        if isinstance(source, io.TextIOBase) or "b" not in str(getattr(source, "mode", "b")):
            raise DocumentReadError("the file object must be opened in binary mode ('rb')", label)
        try:
            data = source.read()
        except UnicodeDecodeError as err:
            raise DocumentReadError("the file object must be opened in binary mode ('rb')", label) from err
        except OSError as err:
            raise DocumentReadError(f"cannot be read ({err.strerror or err})", label) from err
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise DocumentReadError("the file object must be opened in binary mode ('rb')", label)
        return bytes(data), label
    raise OptionsError(
        f"parse() takes a path, bytes or a binary file, not {type(source).__name__}", name
    )


def extract_layout(
    layout: Layout, opts: ParseOptions, trace: Trace | None = None, *, spreadsheet: bool = False
) -> tuple[DocumentInfo, Legends, PlanFinding, list[ActionRecord], list[ParseWarning]]:
    """Everything after the reader: document info, legends, plans, normalised records."""
    info = document_info(layout)
    legends = find_legends(layout)
    finding = find_plans(layout, doc_title=info.title, cues=opts.cues(), trace=trace)
    text = None if finding.records else find_text_plans(layout, finding, info.title)  # no plan table: headed blocks
    splitter = None
    if opts.normalise_owners and any(r.owner_text for r in finding.records):
        from ._lazy import owner_splitter  # loads spaCy: only when there are owners

        splitter = owner_splitter()
    dates = date_context(
        layout.texts(), info.date, (r.deadline_text for r in finding.records), use_locale=not spreadsheet
    )
    records, warnings = build_records(finding.records, finding.record_plan, legends, splitter, dates)
    if dates.month_first and any(r.deadline_text for r in finding.records):
        # the one decision about every numeric date in the document, said once
        warnings.insert(0, ParseWarning(code="month_first_document", message=f"numeric dates read {dates.why}"))
    add_cell_provenance(layout, finding.records, records)
    if text is not None and text.records:
        add_text_provenance(text, finding.records, records)
        warnings.insert(0, text_warning(text))
    return info, legends, finding, records, warnings


def parse(
    source: SourceInput,
    *,
    name: str | None = None,
    options: ParseOptions | Mapping[str, Any] | None = None,
    **kwargs: Unpack[ParseOptionsDict],
) -> ParseResult:
    """Read one document and return every action in it.

    ``source`` is a path, the document's bytes, or a binary file object; ``name`` labels
    bytes and file objects in the result and in errors (the format is decided by content,
    not by the name). Options may be given as a :class:`ParseOptions`, a dict, or keywords
    (``parse(path, password="x")``).

    Raises a :class:`~planparse.errors.PlanparseError` subclass when the document cannot
    be read, and nothing else (an unexpected exception inside is an
    :class:`~planparse.errors.InternalError`, a bug to report); doubtful parts of a readable
    document come back as ``result.warnings``. Safe to call from several threads at once.
    """
    opts = ParseOptions.resolve(options, **kwargs)
    try:
        return _parse(source, name, opts)
    except PlanparseError:
        raise
    except RecursionError as err:
        label = name or str(getattr(source, "name", "") or (source if isinstance(source, (str, os.PathLike)) else "document"))
        raise DocumentReadError("the document is nested too deeply to read", label) from err
    except Exception as err:
        label = name or (str(source) if isinstance(source, (str, os.PathLike)) else "document")
        log.debug("internal error reading %s", label, exc_info=True)
        raise InternalError(
            f"internal error ({type(err).__name__}: {err}); please report it with the file", label
        ) from err


def _parse(source: SourceInput, name: str | None, opts: ParseOptions) -> ParseResult:
    data, label = _load(source, name)
    from ._lazy import reader
    from .readers import sniff_format

    reader(sniff_format(data))
    read = read_document(data, label, opts)
    layout = read.layout
    trace = Trace() if opts.trace else None
    info, legends, finding, records, warnings = extract_layout(
        layout, opts, trace, spreadsheet=read.format == "xlsx"  # date cells printed day first by the reader
    )

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
            file=(name if name is not None else display_path(source))
            if isinstance(source, (str, os.PathLike))
            else Path(label).name,
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
