"""Issue 14: one line, the file, a reason in words; pdfminer's log lines stay off stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planparse.readers.docx import _describe
from planparse.readers.pdf import MAX_REASON_CHARS, _reason

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "fixtures" / "bad"
HANG_GUARD_S = 300


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=HANG_GUARD_S)


def test_pdfminer_warnings_do_not_reach_stderr() -> None:
    proc = _run(
        "import logging, planparse.readers.pdf; "
        "logging.getLogger('pdfminer.pdfpage').warning('CropBox missing from /Page, defaulting to MediaBox')"
    )
    assert proc.returncode == 0 and proc.stderr == ""


@pytest.mark.parametrize("name", ["truncated.pdf", "pdf_header_then_garbage.pdf", "pdf_odd_dictionary.pdf"])
def test_a_broken_pdf_gives_exactly_one_stderr_line_naming_it(name: str) -> None:
    proc = _run("import sys; from planparse.cli import main; sys.exit(main())", "parse", str(BAD / name))
    lines = proc.stderr.splitlines()
    assert proc.returncode == 1
    assert len(lines) == 1 and lines[0].startswith(f"planparse: {BAD / name}: "), proc.stderr
    assert len(lines[0]) < 400


def test_a_library_token_dump_is_cut_to_a_short_line() -> None:
    err = ValueError("PSSyntaxError: " + " ".join(f"/tok{i}" for i in range(2000)) + "\nsecond line")
    reason = _reason(err)
    assert "\n" not in reason and len(reason) <= MAX_REASON_CHARS + len("ValueError: ")


def test_an_xml_error_spanning_two_lines_is_one_line() -> None:
    described = _describe(SyntaxError("Detected an entity reference loop, line 1\n  column 9"))
    assert "\n" not in described and described.startswith("SyntaxError: ")
