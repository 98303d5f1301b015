"""CSV reader: the bytes of a .csv file -> :class:`~planparse.layout.Layout`.

The encoding is sniffed (UTF-8 with or without a byte-order mark, UTF-16 with one, else
cp1252, the encoding Excel on Windows saves "CSV" in) and so is the delimiter (comma,
semicolon, tab or pipe). The file is one sheet without fills, fonts or merges, so tables
are marked ``merges_known=False``: a blank cell under a filled one may be a merge that the
format could not keep. RAG shown only by colour cannot survive a CSV and is not guessed.
"""

from __future__ import annotations

import codecs
import csv as _csv
import io

from ..errors import DocumentReadError
from ..layout import Layout
from ._sheet import MAX_SHEET_COLS, MAX_SHEET_ROWS, Sheet, SheetCell, sheets_to_layout

DELIMITERS = ",;\t|"
MAX_CSV_BYTES = 200 * 1024 * 1024


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of CSV bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter of ``text``: the csv sniffer's answer, else the most frequent candidate."""
    sample = text[:65536]
    try:
        return _csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except _csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def looks_like_csv(data: bytes) -> bool:
    """True for delimited text: no NUL bytes (unless UTF-16 with a byte-order mark), and
    at least two rows of two or more fields among the first ones (a UTF-8 byte-order mark is enough, as
    Excel's "CSV UTF-8" writes one)."""
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    text, encoding = decode_text(head)
    if "\ufffd" in text[:-4] and encoding != "cp1252":
        return False
    if sum(ch < " " and ch not in "\r\n\t" for ch in text) > 0:
        return False
    if encoding == "utf-8-sig":
        return True
    try:
        rows = list(_csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))[:200]
    except _csv.Error:
        return False
    rows = [row for row in rows if any(v.strip() for v in row)]
    # Two rows of several fields at least: one line of prose with a comma is not a table.
    wide = sum(1 for row in rows if len(row) >= 2)
    return wide >= max(2, len(rows) // 10)


def read_csv(data: bytes, name: str) -> Layout:
    """Read CSV ``data`` (the bytes of file ``name``) into a one-sheet layout."""
    if len(data) > MAX_CSV_BYTES:
        raise DocumentReadError(f"refusing to read a {len(data) / 2**20:.0f} MB CSV file", name)
    text, _ = decode_text(data)
    delimiter = sniff_delimiter(text)
    sheet = Sheet(name="Sheet1", merges_known=False)
    warnings: list[tuple[str, str, int | None]] = []
    try:
        reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for r, row in enumerate(reader):
            if r >= MAX_SHEET_ROWS:
                warnings.append(("csv_too_long", f"only the first {MAX_SHEET_ROWS} rows were read", None))
                break
            for c, value in enumerate(row[:MAX_SHEET_COLS]):
                if value.strip():
                    sheet.cells[(r, c)] = SheetCell(text=value)
    except _csv.Error as err:
        raise DocumentReadError(f"cannot read the CSV file ({err})", name) from err
    return sheets_to_layout([sheet], warnings)
