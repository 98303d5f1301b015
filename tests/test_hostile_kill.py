"""Issue 14: nothing a batch starts outlives it, and nothing it writes outside its output
folder stays, however the batch ends (SIGKILL, SIGTERM, Ctrl-C).

The batch runs in a subprocess with ``TMPDIR`` set to a fresh folder and is stopped while
its worker is inside a document that waits until told (``blocking_documents``), never on
a timer. Processes and files are then checked with bounded polling of conditions: the
forkserver and the worker end by themselves a moment after the parent, and nothing here
measures how long that takes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blocking_documents import POLL_S, make_blocking, release, unblock, wait_started
from planparse.cli import main

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
GOOD = ROOT / "fixtures" / "bad" / "no_tables.docx"
LARGER = ROOT / "fixtures" / "docx" / "seed003_scr_action_plan.docx"
CLI_WITH_BLOCKING = (
    "import sys\n"
    "import planparse._pool\n"
    "planparse._pool.PRELOAD.append('blocking_documents_preload')\n"
    "from planparse.cli import main\n"
    "sys.exit(main())\n"
)


def children_of(pid: int) -> set[int]:
    """Every live descendant of ``pid``, from /proc (a zombie counts as ended)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (not ended, not a zombie)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


SETTLE_ATTEMPTS = 3000
"""Bounded polling of a condition that holds a moment after the parent ends (each attempt
scans /proc, so this is a hang guard of a minute or more, never a speed expectation)."""


def settle(condition: object) -> bool:
    """Poll ``condition()`` until it holds (bounded); whether it did."""
    assert callable(condition)
    for _ in range(SETTLE_ATTEMPTS):
        if condition():
            return True
        time.sleep(POLL_S)
    return bool(condition())


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize(
    ("how", "exit_code"),
    [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, 143), (signal.SIGINT, 130)],
    ids=["SIGKILL", "SIGTERM", "Ctrl-C"],
)
def test_a_stopped_batch_leaves_no_process_and_no_temporary_file(
    tmp_path: Path, how: signal.Signals, exit_code: int
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "first.docx").write_bytes(LARGER.read_bytes())  # read first (largest first)
    blocker = make_blocking(GOOD, src / "waits.block.docx")
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out"
    env = {
        **os.environ,
        "TMPDIR": str(temp),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(TESTS)]),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI_WITH_BLOCKING, "batch", str(src), "-o", str(out), "-j", "1", "-q"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        worker = wait_started(blocker, gone=lambda: proc.poll() is not None)
        assert worker is not None, "the worker never reached the waiting document"
        started = children_of(proc.pid)
        assert worker in started
        assert len(started) >= 3  # the resource tracker, the forkserver and the worker
        assert {p.name.split("-")[0] for p in temp.iterdir()} == {"planparse", "pymp"}
    finally:
        proc.send_signal(how)
        _, err = proc.communicate()
    assert proc.returncode == exit_code, err.decode(errors="replace")

    try:
        assert settle(lambda: not alive(started)), f"still running: {alive(started)}"
        assert settle(lambda: not any(temp.iterdir())), f"left behind: {sorted(temp.rglob('*'))}"
    finally:
        if alive(started):
            release(blocker)  # a worker left waiting by a failure is let go

    # what was done is kept, and a second run finishes the batch
    if how == signal.SIGKILL:
        assert not (out / "summary.json").exists()
    else:
        summary = json.loads((out / "summary.json").read_text())
        assert (summary["documents_read"], summary["this_run"]["interrupted"]) == (1, True)
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert [(e["key"], e["status"]) for e in manifest] == [("first.docx", "ok")]
    unblock(blocker)
    assert main(["batch", str(src), "-o", str(out), "-j", "1", "-q"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["this_run"]["parsed"], summary["this_run"]["skipped_up_to_date"]) == (1, 1)
