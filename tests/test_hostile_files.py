"""Issue 14: only regular files are read; outputs are written safely; odd names survive.

The CLI runs in a subprocess with a generous timeout only as a hang guard (a FIFO used
to block forever); nothing here asserts on time.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import planparse
from planparse._files import display_path, open_regular
from planparse._write import OutputError, write_text_safely
from planparse.errors import DocumentReadError

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "fixtures" / "bad" / "no_tables.docx"
HANG_GUARD_S = 300
BAD_NAME = os.fsdecode(b"plan-\xe9t\xe9.docx")  # Latin-1 bytes: not valid UTF-8


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = "import sys; from planparse.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, errors="replace",
        timeout=HANG_GUARD_S, env=env, cwd=cwd,
    )


def _one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planparse: "), proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


# --- inputs -----------------------------------------------------------------------------


def test_a_fifo_given_as_input_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.docx"
    os.mkfifo(fifo)
    _one_line_error(_cli("parse", str(fifo)), str(fifo), "named pipe")


def test_a_link_to_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    link = tmp_path / "plan.pdf"
    link.symlink_to("/dev/zero")
    _one_line_error(_cli("parse", str(link)), str(link), "device")


def test_open_regular_names_each_kind_it_refuses(tmp_path: Path) -> None:
    with pytest.raises(DocumentReadError, match="directory"):
        open_regular(tmp_path)
    with pytest.raises(DocumentReadError, match="no such file"):
        open_regular(tmp_path / "missing.docx")
    with pytest.raises(DocumentReadError, match="device"):
        open_regular("/dev/null")


FIFO_REASON = "is a named pipe (FIFO), not a regular file; refusing to read it"
DEVICE_REASON = "is a device, not a regular file; refusing to read it"


def _hostile_folder(tmp_path: Path) -> Path:
    docs = tmp_path / "in"
    docs.mkdir()
    os.mkfifo(docs / "fifo.docx")
    (docs / "zero.pdf").symlink_to("/dev/zero")
    (docs / "good.docx").write_bytes(GOOD.read_bytes())
    (docs / "good.pdf").write_bytes((ROOT / "fixtures" / "bad" / "no_tables.pdf").read_bytes())
    return docs


def test_a_batch_with_a_fifo_and_dev_zero_finishes_and_reports_both(tmp_path: Path) -> None:
    docs = _hostile_folder(tmp_path)
    out = tmp_path / "out"
    proc = _cli("batch", str(docs), "-o", str(out), "-j", "1", "--quiet")
    assert proc.returncode == 1, proc.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["inputs"], summary["documents_read"], summary["failed"]) == (4, 2, 2)
    assert summary["failures"] == [
        {"document": str(docs / "fifo.docx"), "error": "DocumentReadError", "reason": FIFO_REASON},
        {"document": str(docs / "zero.pdf"), "error": "DocumentReadError", "reason": DEVICE_REASON},
    ]
    assert [d["document"] for d in summary["documents"]] == [str(docs / "good.docx"), str(docs / "good.pdf")]
    manifest = {e["key"]: e for e in map(json.loads, (out / "manifest.jsonl").read_text().splitlines())}
    assert {k: (e["status"], e.get("kind"), e["sha256"]) for k, e in manifest.items()} == {
        "fifo.docx": ("failed", "error", ""),
        "good.docx": ("ok", None, hashlib.sha256(GOOD.read_bytes()).hexdigest()),
        "good.pdf": ("ok", None, manifest["good.pdf"]["sha256"]),
        "zero.pdf": ("failed", "error", ""),
    }
    # Run again: the documents read are up to date; the refusals are looked at again.
    again = _cli("batch", str(docs), "-o", str(out), "-j", "1", "--quiet")
    assert again.returncode == 1, again.stderr
    this_run = json.loads((out / "summary.json").read_text())["this_run"]
    assert (this_run["parsed"], this_run["skipped_up_to_date"]) == (0, 2)


def test_a_batch_never_opens_an_input_in_the_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Inputs are hashed and their pages counted in the workers, under their time and memory
    # limits: in the parent (this process) every way of reading one fails the test.
    import pypdfium2

    import planparse._files
    from planparse.batch import run_batch

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the parent read an input: {args}")

    for name in ("open_regular", "read_regular", "sha256_regular"):
        monkeypatch.setattr(planparse._files, name, no_reading)
    monkeypatch.setattr(pypdfium2, "PdfDocument", no_reading)
    docs = _hostile_folder(tmp_path)
    summary = run_batch([docs], tmp_path / "out", jobs=2)
    assert (summary.inputs, summary.documents_read, summary.failed, summary.parsed) == (4, 2, 2, 2)
    assert [(Path(f["document"]).name, f["reason"]) for f in summary.failures] == [
        ("fifo.docx", FIFO_REASON),
        ("zero.pdf", DEVICE_REASON),
    ]


def test_a_file_name_that_is_not_utf8_is_read_and_written_escaped(tmp_path: Path) -> None:
    path = tmp_path / BAD_NAME
    path.write_bytes(GOOD.read_bytes())
    result = planparse.parse(path)
    assert result.source.file.endswith("plan-\\xe9t\\xe9.docx")
    json.loads(result.to_json())  # serialises


def test_a_batch_with_a_non_utf8_name_writes_its_manifest_and_resumes(tmp_path: Path) -> None:
    # Was: UnicodeEncodeError writing the manifest crashed the whole batch.
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / BAD_NAME).write_bytes(GOOD.read_bytes())
    out = tmp_path / "out"
    first = _cli("batch", str(docs), "-o", str(out), "-j", "1", "--quiet")
    assert first.returncode == 0, first.stderr
    (entry,) = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entry["key"] == "plan-\\xe9t\\xe9.docx" and entry["status"] == "ok"
    again = _cli("batch", str(docs), "-o", str(out), "-j", "1", "--quiet")
    assert "1 up to date" in again.stdout


def test_display_path_escapes_only_bad_bytes() -> None:
    assert display_path("plan é.docx") == "plan é.docx"
    assert display_path(BAD_NAME) == "plan-\\xe9t\\xe9.docx"


# --- outputs ----------------------------------------------------------------------------


def test_output_into_a_missing_folder_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.json"
    _one_line_error(_cli("parse", str(GOOD), "-o", str(target)), "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_output_onto_a_directory_is_refused(tmp_path: Path) -> None:
    _one_line_error(_cli("parse", str(GOOD), "-o", str(tmp_path)), "directory")
    assert list(tmp_path.iterdir()) == []


def test_output_onto_a_fifo_is_refused_and_the_fifo_stays(tmp_path: Path) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    _one_line_error(_cli("schema", "-o", str(fifo)), "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_output_onto_a_device_node_is_refused_and_the_node_stays(tmp_path: Path) -> None:
    # Was: as root, -o /dev/full replaced the device node with the JSON. A node made here
    # (root only) stands in for /dev/full so a regression cannot damage the real one.
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, OSError):
        node = Path("/dev/null")  # not root: a device we can name but must not replace
    _one_line_error(_cli("schema", "-o", str(node)), "not a regular file")
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_output_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    proc = _cli("schema", "-o", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink()
    assert json.loads(real.read_text())["title"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_full_disk_gives_one_reason_and_no_stray_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.json"

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OutputError) as info:
        write_text_safely(target, "{}")
    assert "No space left on device" in str(info.value) and "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []
