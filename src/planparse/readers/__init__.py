"""Readers: turn a file's bytes into the format-neutral :class:`~planparse.layout.Layout`.

The format is decided by content, never by the file name: a .docx renamed .pdf is read
as Word. Legacy formats (.doc, .rtf, .odt) are converted to .docx by LibreOffice when it
is installed; so are .ods and .xls workbooks (to .xlsx). Workbooks (.xlsx, .xlsm) and
CSV files are read by :mod:`.xlsx` and :mod:`.csv`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import DocumentReadError, EncryptedDocumentError, UnsupportedFormatError
from ..layout import Layout

if TYPE_CHECKING:  # options imports .pdf_settings, which runs this package's __init__
    from ..options import ParseOptions

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(slots=True)
class ReadResult:
    layout: Layout
    format: str
    """'docx', 'pdf', 'xlsx' or 'csv': the format the layout was read from."""
    converted_from: str | None = None


def sniff_format(data: bytes) -> str:
    """Name the format of ``data`` from its content.

    Returns one of 'pdf', 'docx', 'xlsx', 'odt', 'ods', 'rtf', 'doc', 'xls', 'ole-encrypted',
    'zip', 'zip-damaged' (starts like a zip but is truncated or corrupt), 'csv' or 'unknown'.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(OLE2_MAGIC):
        # Encrypted OOXML files are OLE2 containers holding an "EncryptionInfo" stream.
        if "EncryptionInfo".encode("utf-16-le") in data[:65536] or b"EncryptedPackage" in data:
            return "ole-encrypted"
        # An Excel 97-2003 workbook's stream is "Workbook" ("Book" in Excel 5); Word's is
        # "WordDocument".
        workbook = "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") + b"\x00\x00" in data
        if workbook and "WordDocument".encode("utf-16-le") not in data:
            return "xls"
        return "doc"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if "mimetype" in names:
                    with zf.open("mimetype") as member:  # never inflate more than a few bytes
                        mimetype = member.read(64)
                    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                        return "odt"
                    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                        return "ods"
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, RuntimeError, NotImplementedError):
            return "zip-damaged"
        return "zip"
    from .csv import looks_like_csv

    if looks_like_csv(data):
        return "csv"
    return "unknown"


def read_document(data: bytes, name: str, options: ParseOptions) -> ReadResult:
    """Read ``data`` (the bytes of file ``name``) into a layout, whatever its format."""
    if not data:
        raise DocumentReadError("the file is empty", name)
    fmt = sniff_format(data)
    if fmt == "pdf":
        from .pdf import read_pdf

        return ReadResult(read_pdf(data, name, options), "pdf")
    if fmt == "docx":
        from .docx import read_docx

        return ReadResult(read_docx(data, name), "docx")
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return ReadResult(read_xlsx(data, name), "xlsx")
    if fmt in ("ods", "xls"):
        from .convert import convert_to_xlsx
        from .xlsx import read_xlsx

        return ReadResult(read_xlsx(convert_to_xlsx(data, name, fmt), name), "xlsx", fmt)
    if fmt == "csv":
        from .csv import read_csv

        return ReadResult(read_csv(data, name), "csv")
    if fmt == "ole-encrypted":
        raise EncryptedDocumentError(
            "the document is password-protected (an encrypted Word or Excel file); "
            "remove the password and try again",
            name,
        )
    if fmt in ("doc", "rtf", "odt"):
        from .convert import convert_to_docx
        from .docx import read_docx

        return ReadResult(read_docx(convert_to_docx(data, name, fmt), name), "docx", fmt)
    if fmt == "zip-damaged":
        raise DocumentReadError(
            "the file is truncated or corrupt (a damaged zip archive, as a .docx is)", name
        )
    if fmt == "zip":
        raise DocumentReadError(
            "the file is a zip archive but not a Word document or Excel workbook "
            "(no word/document.xml or xl/workbook.xml)",
            name,
        )
    raise UnsupportedFormatError(
        "not a Word (.docx, .doc, .rtf, .odt) or PDF document, nor a spreadsheet "
        "(.xlsx, .xlsm, .ods, .xls, .csv)",
        name,
    )
