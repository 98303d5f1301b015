"""Convert legacy word-processor files to .docx with LibreOffice, in a temporary folder."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DocumentReadError, MissingDependencyError

CONVERT_TIMEOUT_S = 120


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, name: str, fmt: str) -> bytes:
    """Return the .docx bytes LibreOffice makes from ``data`` (a .doc, .rtf or .odt file)."""
    soffice = find_soffice()
    if soffice is None:
        raise MissingDependencyError(
            f"reading .{fmt} files needs LibreOffice; install it "
            "(e.g. `apt-get install -y libreoffice-writer-nogui`) or save the file as .docx",
            name,
        )
    with tempfile.TemporaryDirectory(prefix="planparse-") as tmp:
        src = Path(tmp) / f"input.{fmt}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            tmp,
            str(src),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as err:
            raise DocumentReadError(f"LibreOffice timed out converting the .{fmt} file", name) from err
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise DocumentReadError(f"LibreOffice could not convert the .{fmt} file", name)
        return out.read_bytes()
