"""Inflating a zip package as a stream, under a running budget (issue 14).

:meth:`zipfile.ZipFile.read` inflates a deflated member in one call of up to 2 GiB before
it compares the result with the size the member declares, so a member that lies about its
size (or many members each under a per-member limit) can allocate gigabytes. Here each
member is read in small chunks with a running count per member and per document; the
first chunk over budget stops the read with a one-line reason. The members read are then
repacked uncompressed, so the package loader after us never inflates anything itself.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from ..errors import DocumentReadError

CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ZipBudget:
    """How much a package may inflate to: per member and for the whole document."""

    member_bytes: int = 200 * 1024 * 1024
    document_bytes: int = 200 * 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_declared_sizes(
    data: bytes, name: str, *, kind: str, required: str, max_total: int, ratio_from: int,
    max_ratio: int = 200, max_entries: int = 10_000,
) -> list[zipfile.ZipInfo]:
    """Refuse ``data`` unless it is a zip (a .``kind`` package) holding ``required``, with
    sane declared sizes: no member over ``max_total``, none over ``ratio_from`` compressed
    more than ``max_ratio``:1, no more than ``max_total`` in all. Returns the members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    # zipfile raises BadZipFile, NotImplementedError (unknown zip version), OSError,
    # ValueError, EOFError... on damaged archives; all mean the same here.
    except Exception as err:
        raise DocumentReadError(f"not a valid .{kind} (not a zip archive)", name) from err
    if len(infos) > max_entries:
        raise DocumentReadError(f"refusing to open a zip of {len(infos)} entries (possible zip bomb)", name)
    if required not in {info.filename for info in infos}:
        raise DocumentReadError(f"not a valid .{kind} (no {required} in the archive)", name)
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > max_total or (info.file_size > ratio_from and ratio > max_ratio):
            raise DocumentReadError(
                f"refusing to decompress {info.filename} ({_mb(info.file_size)} from "
                f"{_mb(info.compress_size)}; possible zip bomb)",
                name,
            )
    if total > max_total:
        raise DocumentReadError(f"refusing to decompress {_mb(total)} in total (possible zip bomb)", name)
    return infos


def inflate_members(data: bytes, name: str, budget: ZipBudget | None = None) -> dict[str, bytes]:
    """Every member of the zip ``data``, inflated in chunks under ``budget``.

    Raises :class:`DocumentReadError` naming ``name`` when a member is over budget, the
    total is, or a member is damaged (bad CRC, truncated data, a size that lies).
    """
    budget = budget or ZipBudget()
    out: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                parts: list[bytes] = []
                size = 0
                with zf.open(info) as member:
                    while chunk := member.read(CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > budget.member_bytes:
                            raise DocumentReadError(
                                f"refusing to decompress {info.filename}: more than "
                                f"{_mb(budget.member_bytes)} (possible zip bomb)",
                                name,
                            )
                        if total > budget.document_bytes:
                            raise DocumentReadError(
                                f"refusing to decompress more than {_mb(budget.document_bytes)} "
                                "in total (possible zip bomb)",
                                name,
                            )
                        parts.append(chunk)
                out[info.filename] = b"".join(parts)
    except DocumentReadError:
        raise
    except RuntimeError as err:  # an encrypted member: zipfile asks for a password
        raise DocumentReadError("the Word document has encrypted parts and cannot be read", name) from err
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as err:
        raise DocumentReadError(
            "the Word document is truncated or corrupt (a part of its zip archive is damaged)", name
        ) from err
    return out


def repack_stored(members: dict[str, bytes]) -> bytes:
    """A zip of ``members`` with no compression (the loader then only copies bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
        for member_name, blob in members.items():
            zf.writestr(zipfile.ZipInfo(member_name, (1980, 1, 1, 0, 0, 0)), blob)
    return buf.getvalue()
