"""Issue 14: zip members are inflated as a stream with a running budget; damaged zips say so.

Memory is measured with tracemalloc (counts bytes, not seconds).
"""

from __future__ import annotations

import io
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from make_bad_inputs import lying_sizes  # noqa: E402

import planparse  # noqa: E402
from planparse.errors import DocumentReadError  # noqa: E402
from planparse.readers._zip_budget import ZipBudget, inflate_members  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "fixtures" / "bad" / "no_tables.docx"
MB = 1024 * 1024


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members:
            zf.writestr(name, blob)
    return buf.getvalue()


def _docx_with_document(blob: bytes) -> bytes:
    with zipfile.ZipFile(GOOD) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist() if i.filename != "word/document.xml"]
    return _zip([*members, ("word/document.xml", blob)])


def test_a_member_that_lies_about_its_size_is_not_inflated_in_one_call() -> None:
    # Was: zipfile.read inflated up to 2 GiB in one call before comparing with the
    # declared size. 96 MB of zeros declared as 4 KB must cost chunks, not 96 MB.
    data = lying_sizes(_docx_with_document(b"\0" * (96 * MB)), "word/document.xml", 4096)
    tracemalloc.start()
    try:
        with pytest.raises(planparse.PlanparseError) as info:
            planparse.parse(data, name="lying.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 24 * MB, f"peak {peak / MB:.1f} MB"
    assert "truncated or corrupt" in info.value.message
    assert "\n" not in str(info.value)


def test_many_members_each_under_the_limit_are_stopped_by_the_document_budget() -> None:
    data = _zip([(f"word/media/part{i}.bin", b"\0" * (4 * MB)) for i in range(6)])
    with pytest.raises(DocumentReadError, match="in total"):
        inflate_members(data, "many.docx", ZipBudget(member_bytes=5 * MB, document_bytes=10 * MB))


def test_one_member_over_its_budget_is_named() -> None:
    data = _zip([("word/document.xml", b"\0" * (6 * MB))])
    with pytest.raises(DocumentReadError, match="word/document.xml"):
        inflate_members(data, "big.docx", ZipBudget(member_bytes=5 * MB, document_bytes=50 * MB))


def test_members_within_budget_are_all_returned() -> None:
    members = inflate_members(GOOD.read_bytes(), "good.docx")
    assert "word/document.xml" in members and members["word/document.xml"].startswith(b"<?xml")


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.95])
def test_a_truncated_docx_is_reported_as_truncated_or_corrupt(fraction: float) -> None:
    # Was: "a zip archive but not a Word document".
    data = GOOD.read_bytes()
    with pytest.raises(DocumentReadError) as info:
        planparse.parse(data[: int(len(data) * fraction)], name="cut.docx")
    assert "truncated or corrupt" in info.value.message
    assert str(info.value).startswith("cut.docx: ")
