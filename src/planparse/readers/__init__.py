"""Readers: turn a file's bytes into the format-neutral :class:`~planparse.layout.Layout`.

The format is decided by content, never by the file name: a .docx renamed .pdf is read
as Word. Legacy formats (.doc, .rtf, .odt) are converted to .docx by LibreOffice when it
is installed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..errors import DocumentReadError, EncryptedDocumentError, UnsupportedFormatError
from ..layout import Layout
from ..options import ParseOptions

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(slots=True)
class ReadResult:
    layout: Layout
    format: str
    """'docx' or 'pdf': the format the layout was read from."""
    converted_from: str | None = None


def sniff_format(data: bytes) -> str:
    """Name the format of ``data`` from its content.

    Returns one of 'pdf', 'docx', 'odt', 'rtf', 'doc', 'ole-encrypted', 'zip',
    'zip-damaged' (starts like a zip but is truncated or corrupt) or 'unknown'.
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
        return "doc"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names:
                    with zf.open("mimetype") as member:  # never inflate more than a few bytes
                        if member.read(64).startswith(b"application/vnd.oasis.opendocument.text"):
                            return "odt"
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, RuntimeError, NotImplementedError):
            return "zip-damaged"
        return "zip"
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
    if fmt == "ole-encrypted":
        raise EncryptedDocumentError(
            "the Word document is password-protected; remove the password in Word and try again",
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
            "the file is a zip archive but not a Word document (no word/document.xml)", name
        )
    raise UnsupportedFormatError(
        "not a Word (.docx, .doc, .rtf, .odt) or PDF document", name
    )
