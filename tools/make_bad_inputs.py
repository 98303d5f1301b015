"""Build the bad and awkward inputs in ``fixtures/bad/``: python tools/make_bad_inputs.py

Every file here must give a clear error or warning naming the file, never a traceback,
a hang or runaway memory (tests/test_bad_input.py). Everything is made from scratch, with
no network and no LibreOffice, and byte-for-byte the same on every run (seeded random
bytes, fixed zip dates), so the committed files only change on purpose:

- PDFs are written by hand by :class:`PdfWriter` (a ruled table, text only, an image
  only; RC4 encryption per the PDF 1.4 standard security handler);
- the password-protected Word file is a minimal OLE2 compound file holding the
  ``EncryptionInfo`` and ``EncryptedPackage`` streams Word writes (:func:`ole2`);
- zip bombs and XML entity attacks are ordinary zips with hostile parts.
"""

from __future__ import annotations

import hashlib
import io
import random
import struct
import sys
import zlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fixtures" / "bad"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
HEADINGS = ("Action", "Owner", "Deadline", "RAG")
GOOD_ROWS = (
    ("1. Review the safeguarding policy", "Liz Murphy, Independent Chair", "March 2017", "Green"),
    ("2. Train all staff in the new procedure", "Tony Oakman, Strategic Director", "31/12/2017", "Amber"),
)


# ---------------------------------------------------------------------------------------
# Word


def rezip(data: bytes) -> bytes:
    """The same zip with fixed dates and order, so a rebuilt fixture has the same bytes."""
    with __import__("zipfile").ZipFile(io.BytesIO(data)) as zf:
        parts = [(info.filename, zf.read(info)) for info in zf.infolist()]
    return make_zip(parts)


def make_zip(parts: Sequence[tuple[str, bytes]]) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, blob)
    return buf.getvalue()


def good_docx(rows: Sequence[Sequence[str]] = GOOD_ROWS, *, table: bool = True) -> bytes:
    """A small Word action plan: a heading and a table Action | Owner | Deadline | RAG."""
    from docx import Document

    doc = Document()
    doc.core_properties.created = doc.core_properties.modified = datetime(2020, 1, 1)
    doc.core_properties.last_printed = datetime(2020, 1, 1)
    doc.add_heading("Safeguarding improvement plan", 1)
    doc.add_paragraph("This plan sets out what the partnership will do and by when.")
    if table:
        grid = doc.add_table(rows=1 + len(rows), cols=len(HEADINGS))
        for i, heading in enumerate(HEADINGS):
            grid.cell(0, i).text = heading
        for r, row in enumerate(rows, start=1):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    else:
        doc.add_heading("Progress", 2)
        doc.add_paragraph("All actions from the last plan are complete.")
    buf = io.BytesIO()
    doc.save(buf)
    return rezip(buf.getvalue())


def replace_part(docx: bytes, name: str, blob: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = [(i.filename, blob if i.filename == name else zf.read(i)) for i in zf.infolist()]
    return make_zip(parts)


def document_xml(body: str, doctype: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"{doctype}"
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    ).encode()


def _table_xml(rows: Sequence[Sequence[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def xxe_docx(base: bytes) -> bytes:
    """document.xml declares an external entity pointing at /etc/passwd and uses it."""
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    body = _table_xml([list(HEADINGS), ["1. Publish &xxe; now", "Chair", "March 2017", "Green"]])
    return replace_part(base, "word/document.xml", document_xml(body, doctype))


def billion_laughs_docx(base: bytes) -> bytes:
    """document.xml with nested entities that would expand to 10^9 copies of 'lol'."""
    levels = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        levels.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    doctype = "<!DOCTYPE w:document [" + "".join(levels) + "]>\n"
    body = _table_xml([list(HEADINGS), ["1. Say &lol9;", "Chair", "March 2017", "Green"]])
    return replace_part(base, "word/document.xml", document_xml(body, doctype))


def zip_bomb_docx(base: bytes, megabytes: int) -> bytes:
    """A .docx whose document.xml inflates to ``megabytes`` MB (about 1000:1)."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                bomb = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
                bomb.compress_type = zipfile.ZIP_DEFLATED
                with zf.open(bomb, "w", force_zip64=True) as out:
                    head, tail = document_xml("<w:p><w:r><w:t>@</w:t></w:r></w:p>").split(b"@")
                    out.write(head)
                    chunk = b" " * (1 << 20)
                    for _ in range(megabytes):
                        out.write(chunk)
                    out.write(tail)
            else:
                part = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
                part.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(part, src.read(info))
    return buf.getvalue()


def lying_sizes(zip_bytes: bytes, name: str, declared: int) -> bytes:
    """Patch a zip so ``name`` declares ``declared`` bytes uncompressed (its data inflates to more)."""
    import zipfile

    data = bytearray(zip_bytes)
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        info = zf.getinfo(name)
    local = info.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    if struct.unpack_from("<I", data, local + 22)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, local + 22, declared)
    # Central directory entry (and its zip64 extra field, if any).
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len, extra_len = struct.unpack_from("<HH", data, pos + 28)
        if bytes(data[pos + 46 : pos + 46 + name_len]) == name.encode():
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    assert pos != -1
    usize = struct.unpack_from("<I", data, pos + 24)[0]
    if usize == 0xFFFFFFFF:
        extra = pos + 46 + name_len
        end = extra + extra_len
        while extra < end:
            tag, size = struct.unpack_from("<HH", data, extra)
            if tag == 1:
                struct.pack_into("<Q", data, extra + 4, declared)
                break
            extra += 4 + size
    else:
        struct.pack_into("<I", data, pos + 24, declared)
    return bytes(data)


def ole2(streams: Sequence[tuple[str, bytes]]) -> bytes:
    """A minimal OLE2 compound file (version 3) holding ``streams`` in the root storage.

    Streams of 4096 bytes or more live in ordinary 512-byte sectors, so no mini stream is
    needed; shorter streams are padded to 4096 bytes.
    """
    sector = 512
    end_chain, fat_sect, free, no_stream = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF, 0xFFFFFFFF
    blobs = [(n, b if len(b) >= 4096 else b + b"\0" * (4096 - len(b))) for n, b in streams]
    fat: list[int] = [fat_sect, end_chain]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for _, blob in blobs:
        count = -(-len(blob) // sector)
        first = len(fat)
        starts.append(first)
        fat.extend(first + i + 1 for i in range(count - 1))
        fat.append(end_chain)
    assert len(fat) <= sector // 4, "one FAT sector is enough for these fixtures"
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded,
            len(encoded),
            kind,
            1,  # black
            no_stream,  # left sibling
            right,
            child,
            b"\0" * 16,
            0,
            0,
            0,
            start,
            size,
        )

    # A valid red-black tree of siblings: all black, each stream the right sibling of the
    # one before (names are ordered by length, then upper case).
    order = sorted(range(len(blobs)), key=lambda i: (len(blobs[i][0]), blobs[i][0].upper()))
    directory = [entry("Root Entry", 5, 1 + order[0], no_stream, end_chain, 0)]
    by_position = {idx: pos for pos, idx in enumerate(order)}
    for i, (name, _blob) in enumerate(blobs):
        pos = by_position[i]
        right = 1 + order[pos + 1] if pos + 1 < len(order) else no_stream
        directory.append(entry(name, 2, no_stream, right, starts[i], len(blobs[i][1])))
    while len(directory) % 4:
        directory.append(b"\0" * 64 + struct.pack("<HBBIII", 0, 0, 0, no_stream, no_stream, no_stream) + b"\0" * 48)
    assert len(directory) == 4
    difat = [0] + [free] * 108
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,  # directory sectors (0 in version 3)
        1,  # FAT sectors
        1,  # first directory sector
        0,
        4096,
        end_chain,  # no mini FAT
        0,
        end_chain,  # no further DIFAT sectors
        0,
    ) + struct.pack("<109I", *difat)
    assert len(header) == sector
    body = struct.pack(f"<{sector // 4}I", *fat) + b"".join(directory)
    for _name, blob in blobs:
        body += blob + b"\0" * (-len(blob) % sector)
    return header + body


def password_protected_docx() -> bytes:
    """What Word writes for 'Encrypt with Password': agile encryption in an OLE2 file."""
    xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        b'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
        b'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b'<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        b'<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
        b'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></keyEncryptor></keyEncryptors></encryption>'
    )
    info = struct.pack("<HHI", 4, 4, 0x40) + xml
    info += b" " * (4096 - len(info))
    rng = random.Random(7)
    package = struct.pack("<Q", 12000) + rng.randbytes(12288)
    return ole2([("EncryptionInfo", info), ("EncryptedPackage", package)])


# ---------------------------------------------------------------------------------------
# PDF


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


class PdfWriter:
    """Just enough PDF: pages of drawing operators, Helvetica, images, RC4 encryption."""

    def __init__(self) -> None:
        self.objects: list[bytes | None] = [None, None, None]  # catalog, pages, font
        self.pages: list[int] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def stream(self, data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data, 9)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
        return self.add(head + packed + b"\nendstream")

    def page(self, content: str, xobjects: dict[str, int] | None = None) -> None:
        contents = self.stream(content.encode("latin-1"))
        xo = ""
        if xobjects:
            xo = "/XObject << " + " ".join(f"/{k} {v} 0 R" for k, v in xobjects.items()) + " >>"
        self.pages.append(
            self.add(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {contents} 0 R "
                f"/Resources << /Font << /F1 3 0 R >> {xo} >> >>".encode()
            )
        )

    def build(self, *, user_password: str | None = None) -> bytes:
        kids = " ".join(f"{p} 0 R" for p in self.pages)
        self.objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
        self.objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(self.pages)} >>".encode()
        self.objects[2] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
        file_id = hashlib.md5(b"planparse bad inputs" + str(len(self.pages)).encode()).digest()
        objects = list(self.objects)
        trailer_extra = f"/ID [<{file_id.hex()}> <{file_id.hex()}>]"
        if user_password is not None:
            key, o_value, u_value, perms = _rc4_keys(user_password, "owner-" + user_password, file_id)
            objects = [_encrypt_object(i + 1, body, key) for i, body in enumerate(objects)]
            objects.append(
                f"<< /Filter /Standard /V 1 /R 2 /O <{o_value.hex()}> /U <{u_value.hex()}> /P {perms} >>".encode()
            )
            trailer_extra += f" /Encrypt {len(objects)} 0 R"
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            assert body is not None
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        for offset in offsets:
            out += f"{offset:010d} 00000 n \n".encode()
        out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def _rc4_keys(user: str, owner: str, file_id: bytes) -> tuple[bytes, bytes, bytes, int]:
    """Key, /O, /U and /P of the standard security handler, revision 2 (40-bit RC4)."""
    perms = -4  # all permissions
    owner_key = hashlib.md5((owner.encode() + _PAD)[:32]).digest()[:5]
    o_value = rc4(owner_key, (user.encode() + _PAD)[:32])
    digest = hashlib.md5((user.encode() + _PAD)[:32] + o_value + struct.pack("<i", perms) + file_id)
    key = digest.digest()[:5]
    return key, o_value, rc4(key, _PAD), perms


def _encrypt_object(number: int, body: bytes | None, key: bytes) -> bytes:
    assert body is not None
    if b"\nstream\n" not in body:
        return body  # no strings in the dictionaries written here
    head, rest = body.split(b"\nstream\n", 1)
    data = rest[: -len(b"\nendstream")]
    obj_key = hashlib.md5(key + struct.pack("<I", number)[:3] + b"\0\0").digest()[:10]
    return head + b"\nstream\n" + rc4(obj_key, data) + b"\nendstream"


COLUMNS = (40, 300, 420, 500, 555)
ROW_H = 14.0


def _text(x: float, y: float, text: str, size: float = 8) -> str:
    return f"BT /F1 {size} Tf {x + 3:.1f} {y + 4:.1f} Td ({pdf_escape(text)}) Tj ET\n"


def table_pdf(rows: Sequence[Sequence[str]], *, title: str = "Safeguarding improvement plan") -> bytes:
    """A ruled table Action | Owner | Deadline | RAG over as many pages as it needs, with the
    heading row repeated on each page (as Word prints a table with a repeated header row)."""
    pdf = PdfWriter()
    top, bottom = 780.0, 50.0
    per_page = int((top - bottom) // ROW_H) - 1
    for start in range(0, max(len(rows), 1), per_page):
        chunk = [HEADINGS, *rows[start : start + per_page]]
        ops = []
        if start == 0:
            ops.append(_text(COLUMNS[0] - 3, 800, title, 14))
        y = top
        for row in chunk:
            y -= ROW_H
            for x, cell in zip(COLUMNS, row, strict=False):
                ops.append(_text(x, y, cell))
            ops.append(f"{COLUMNS[0]} {y:.1f} m {COLUMNS[-1]} {y:.1f} l S\n")
        ops.append(f"{COLUMNS[0]} {top} m {COLUMNS[-1]} {top} l S\n")
        for x in COLUMNS:
            ops.append(f"{x} {top} m {x} {y:.1f} l S\n")
        ops.append(_text(280, 25, f"Page {len(pdf.pages) + 1}"))
        pdf.page("0.5 w\n" + "".join(ops))
    return pdf.build()


def big_table_rows(n: int) -> list[tuple[str, str, str, str]]:
    rags = ("Green", "Amber", "Red")
    return [
        (f"{i}. Review case file sample {i}", f"Team manager {i % 40 + 1}", f"{i % 28 + 1}/{i % 12 + 1}/2020", rags[i % 3])
        for i in range(1, n + 1)
    ]


def text_only_pdf() -> bytes:
    pdf = PdfWriter()
    lines = ["Annual report of the partnership", "", "The Board met six times this year.", "No actions are outstanding."]
    pdf.page("".join(_text(40, 780 - 20 * i, line, 11) for i, line in enumerate(lines)))
    return pdf.build()


def image_only_pdf() -> bytes:
    """One page that is a picture of a table (a scan): no text at all."""
    pdf = PdfWriter()
    width, height = 400, 200
    pixels = bytearray(b"\xff" * width * height)
    for y in range(0, height, 20):
        pixels[y * width : (y + 1) * width] = b"\0" * width
    for x in range(0, width, 100):
        for y in range(height):
            pixels[y * width + x] = 0
    image = pdf.stream(
        bytes(pixels),
        f"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 ",
    )
    pdf.page("q 500 0 0 250 40 550 cm /Im1 Do Q\n", {"Im1": image})
    return pdf.build()


# ---------------------------------------------------------------------------------------


def build() -> dict[str, bytes]:
    """Every bad input, by file name."""
    rng = random.Random(20240601)
    docx = good_docx()
    pdf = table_pdf(GOOD_ROWS)
    small_bomb = zip_bomb_docx(docx, 64)
    return {
        "empty.docx": b"",
        "empty.pdf": b"",
        "random_bytes.pdf": rng.randbytes(4096),
        "random_bytes.docx": rng.randbytes(4096),
        "pdf_header_then_garbage.pdf": b"%PDF-1.7\n" + rng.randbytes(4096),
        "truncated.pdf": pdf[: len(pdf) * 6 // 10],
        "not_a_zip.docx": b"PK\x03\x04" + rng.randbytes(2048),
        "zip_without_document_xml.docx": make_zip(
            [("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'), ("word/styles.xml", b"<styles/>")]
        ),
        "docx_renamed.pdf": docx,
        "pdf_renamed.docx": pdf,
        "encrypted.pdf": _encrypted_table_pdf(),
        "password_protected.docx": password_protected_docx(),
        "zip_bomb.docx": small_bomb,
        "zip_bomb_lying_sizes.docx": lying_sizes(small_bomb, "word/document.xml", 4096),
        "xml_external_entity.docx": xxe_docx(docx),
        "xml_entity_expansion.docx": billion_laughs_docx(docx),
        "table_10000_rows.pdf": table_pdf(big_table_rows(10_000)),
        "image_only.pdf": image_only_pdf(),
        # Found by the fuzz test: damage pdfminer only notices when a page is opened.
        "pdf_odd_dictionary.pdf": _same_length_replace(pdf, b"/Subtype /Type1", b"/Subtype /T/pe1"),
        "pdf_mediabox_null.pdf": _same_length_replace(
            pdf, b"/MediaBox [0 0 595 842]", b"/MediaBox null".ljust(23)
        ),
        "no_tables.docx": good_docx(table=False),
        "no_tables.pdf": text_only_pdf(),
    }


def _same_length_replace(data: bytes, old: bytes, new: bytes) -> bytes:
    """Damage a PDF without moving any object (so its xref table stays right)."""
    assert len(old) == len(new) and old in data
    return data.replace(old, new)


def _encrypted_table_pdf() -> bytes:
    pdf = PdfWriter()
    top = 780.0
    ops = [_text(COLUMNS[0] - 3, 800, "Safeguarding improvement plan", 14)]
    y = top
    for row in (HEADINGS, *GOOD_ROWS):
        y -= ROW_H
        ops += [_text(x, y, cell) for x, cell in zip(COLUMNS, row, strict=False)]
    pdf.page("".join(ops))
    return pdf.build(user_password="s3cret")


def main(argv: Sequence[str] = ()) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in build().items():
        (OUT / name).write_bytes(data)
        print(f"{name:32} {len(data):>9,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
