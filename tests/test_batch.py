"""``planparse batch`` and ``planparse.parse_many``: every input ends as output or a failure,
re-runs skip what is done, a killed run resumes without loss or duplicates."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from docx import Document

import planparse
from blocking_documents import (
    PRELOAD_MODULE,
    has_started,
    make_blocking,
    release,
    unblock,
    wait_started,
)
from planparse._pool import Task, WorkerPool
from planparse.batch import csv_row, error_of, format_owner
from planparse.cli import main
from planparse.errors import DocumentTimeoutError

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "fixtures" / "bad"
TESTS = Path(__file__).resolve().parent
SUBPROCESS_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(TESTS)])}
"""The forkserver finds the preload module through PYTHONPATH (it ignores the parent's sys.path)."""
CLI_WITH_BLOCKING = (
    "import sys\n"
    "import planparse._pool\n"
    f"planparse._pool.PRELOAD.append({PRELOAD_MODULE!r})\n"
    "from planparse.cli import main\n"
    "sys.exit(main())\n"
)
"""``planparse`` on the command line, with documents named *.block.* waiting until told."""

ROWS = (
    ("1. Review the safeguarding policy", "Liz Murphy, Independent Chair", "March 2017", "Green"),
    ("2. Train all staff", "Tony Oakman, Strategic Director", "31/12/2017", "Amber"),
)


def plan_docx(path: Path, rows: Sequence[Sequence[str]] = ROWS, title: str = "Improvement plan") -> Path:
    """A small Word plan: a heading and a table Action | Owner | Deadline | RAG."""
    doc = Document()
    doc.add_heading(title, 1)
    table = doc.add_table(rows=1 + len(rows), cols=4)
    for i, heading in enumerate(("Action", "Owner", "Deadline", "RAG")):
        table.cell(0, i).text = heading
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def summary_of(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def jsonl_of(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "actions.jsonl").read_text(encoding="utf-8").splitlines()]


def per_document_actions(out: Path) -> int:
    return sum(
        len(json.loads(p.read_text(encoding="utf-8"))["actions"]) for p in (out / "documents").glob("*.json")
    )


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Good documents (two named plan.docx), bad ones, nested folders, a lock file, a .txt."""
    src = tmp_path / "in"
    plan_docx(src / "north" / "plan.docx")
    plan_docx(src / "south" / "plan.docx", rows=ROWS[:1], title="Business plan")
    (src / "south" / "deep").mkdir()
    (src / "bad").mkdir()
    shutil.copy(src / "north" / "plan.docx", src / "south" / "deep" / "macro.docm")
    shutil.copy(src / "north" / "plan.docx", src / "south" / "deep" / "renamed.pdf")
    shutil.copy(src / "north" / "plan.docx", src / "north" / "~$plan.docx")
    (src / "north" / "notes.txt").write_text("not a document")
    for name in ("empty.docx", "random_bytes.pdf", "password_protected.docx", "zip_bomb.docx"):
        shutil.copy(BAD / name, src / "bad" / name)
    return src


def test_batch_writes_a_json_per_good_document_and_a_failure_per_bad_one(
    mixed_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(mixed_folder), "-o", str(out), "--jobs", "2", "-q"]) == 1

    assert sorted(p.name for p in (out / "documents").iterdir()) == [
        "north__plan.docx.json",
        "south__deep__macro.docm.json",
        "south__deep__renamed.pdf.json",
        "south__plan.docx.json",
    ]
    summary = summary_of(out)
    assert (summary["inputs"], summary["documents_read"], summary["failed"]) == (8, 4, 4)
    assert summary["actions"] == 2 + 2 + 2 + 1
    failures = {Path(f["document"]).name: f["error"] for f in summary["failures"]}
    assert failures == {
        "empty.docx": "DocumentReadError",
        "random_bytes.pdf": "UnsupportedFormatError",
        "password_protected.docx": "EncryptedDocumentError",
        "zip_bomb.docx": "DocumentReadError",
    }
    assert [Path(p).name for p in summary["ignored"]] == ["~$plan.docx"]
    renamed = json.loads((out / "documents" / "south__deep__renamed.pdf.json").read_text())
    assert renamed["source"]["format"] == "docx"

    lines = jsonl_of(out)
    assert len(lines) == per_document_actions(out) == 7
    assert lines[0]["document"].endswith("north/plan.docx")
    assert lines[0]["action"] == "Review the safeguarding policy"

    with (out / "actions.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 7
    assert rows[0]["owners"] == "Liz Murphy (Independent Chair)"
    assert (rows[1]["owners"], rows[1]["deadline_date"], rows[1]["rag"]) == (
        "Tony Oakman (Strategic Director)",
        "2017-12-31",
        "amber",
    )


def test_second_run_skips_everything_and_force_redoes_it(mixed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(mixed_folder), "-o", str(out), "-j", "2", "-q"]) == 1
    first = summary_of(out)
    assert main(["batch", str(mixed_folder), "-o", str(out), "-j", "2", "-q"]) == 1
    second = summary_of(out)
    assert (second["this_run"]["parsed"], second["this_run"]["skipped_up_to_date"]) == (0, 8)
    assert (second["documents_read"], second["failed"], second["actions"]) == (4, 4, 7)
    assert second["failures"] == first["failures"]
    assert len(jsonl_of(out)) == 7

    # A changed document is read again; the others stay skipped.
    plan_docx(mixed_folder / "north" / "plan.docx", rows=ROWS * 2)
    assert main(["batch", str(mixed_folder), "-o", str(out), "-j", "2", "-q"]) == 1
    third = summary_of(out)
    assert (third["this_run"]["parsed"], third["actions"]) == (1, 9)

    assert main(["batch", str(mixed_folder), "-o", str(out), "-j", "2", "-q", "--force"]) == 1
    assert summary_of(out)["this_run"]["parsed"] == 8


def test_killed_batch_resumes_with_nothing_lost_or_duplicated(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for i in range(40):
        plan_docx(src / f"group{i % 4}" / f"plan{i:02}.docx", rows=ROWS[: 1 + i % 2])
    # The smallest input is read last (largest first, one worker) and waits there until
    # told: the run is killed exactly when the 40 others are done, however fast they went.
    blocker = make_blocking(BAD / "no_tables.docx", src / "last.block.docx")
    assert all(blocker.stat().st_size < p.stat().st_size for p in src.rglob("plan*.docx"))
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI_WITH_BLOCKING, "batch", str(src), "-o", str(out), "-j", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=SUBPROCESS_ENV,
    )
    try:
        assert wait_started(blocker, gone=lambda: proc.poll() is not None) is not None
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    docs = out / "documents"
    assert len(list(docs.glob("*.json"))) == 40
    assert not (out / "summary.json").exists()

    unblock(blocker)
    assert main(["batch", str(src), "-o", str(out), "-j", "2", "-q"]) == 0
    summary = summary_of(out)
    assert (summary["this_run"]["parsed"], summary["this_run"]["skipped_up_to_date"]) == (1, 40)
    assert (summary["documents_read"], summary["failed"], summary["actions"]) == (41, 0, 60)
    lines = jsonl_of(out)
    assert len(lines) == per_document_actions(out) == 60
    assert len({(line["document"], line["id"]) for line in lines}) == 60
    assert not list(docs.glob(".*.tmp"))


def test_parse_many_yields_a_result_or_an_error_for_every_input(tmp_path: Path) -> None:
    good = plan_docx(tmp_path / "good.docx")
    paths = [good, BAD / "empty.pdf", tmp_path / "missing.docx", BAD / "docx_renamed.pdf"]
    outcomes = sorted(planparse.parse_many(paths, jobs=2), key=lambda o: o.index)
    assert [o.path for o in outcomes] == [str(p) for p in paths]
    assert [o.ok for o in outcomes] == [True, False, False, True]
    assert outcomes[0].result is not None and len(outcomes[0].result.actions) == 2
    assert isinstance(outcomes[1].error, planparse.DocumentReadError)
    assert str(outcomes[1].error) == f"{BAD / 'empty.pdf'}: the file is empty"
    assert str(outcomes[2].error).endswith("missing.docx: no such file")


class ClockThatJumps:
    """A clock for the pool that reads 0 until a worker is inside the blocking document,
    and a thousand seconds from then on: the time limit is passed exactly while that
    document is being read, and never while any other is, however slow the machine."""

    def __init__(self, blocker: Path) -> None:
        self.blocker = blocker

    def __call__(self) -> float:
        return 1000.0 if has_started(self.blocker) else 0.0


def test_a_worker_over_its_time_limit_is_stopped_and_replaced(tmp_path: Path) -> None:
    blocker = make_blocking(BAD / "no_tables.docx", tmp_path / "hangs.block.docx")
    good = str(plan_docx(tmp_path / "good.docx"))
    pool = WorkerPool(1, timeout=1.5, clock=ClockThatJumps(blocker))
    try:
        done = sorted(pool.run([Task(0, str(blocker), {}), Task(1, good, {})]), key=lambda d: d.task.index)
    except BaseException:
        release(blocker)  # a worker left waiting by a failure is let go
        raise
    assert (done[0].kind, done[0].message) == ("timeout", "reading it took longer than 1.5 s")
    assert done[1].kind == "ok" and done[1].result_json is not None
    assert len(json.loads(done[1].result_json)["actions"]) == 2
    error = error_of(done[0])
    assert isinstance(error, DocumentTimeoutError)
    assert str(error) == f"{blocker}: reading it took longer than 1.5 s"


def test_a_worker_that_dies_is_recorded_and_replaced(tmp_path: Path) -> None:
    blocker = make_blocking(BAD / "no_tables.docx", tmp_path / "dies.block.docx")
    good = str(plan_docx(tmp_path / "good.docx"))
    pool = WorkerPool(1, timeout=None)
    finished = threading.Event()

    def kill_the_worker_inside_the_document() -> None:
        pid = wait_started(blocker, gone=finished.is_set)
        if pid is not None:
            os.kill(pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_the_worker_inside_the_document)
    killer.start()
    try:
        done = sorted(pool.run([Task(0, str(blocker), {}), Task(1, good, {})]), key=lambda d: d.task.index)
    finally:
        finished.set()
        killer.join()
    assert (done[0].kind, done[1].kind) == ("died", "ok")
    assert done[0].message == "the process reading it was killed by SIGKILL (out of memory?)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["batch", "x", "-o", "o", "--jobs", "0"], "must be at least 1"),
        (["batch", "x", "-o", "o", "--format", "json,xml"], "unknown format(s) xml"),
        (["batch", "x"], "-o/--output-dir"),
    ],
)
def test_batch_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("owner", "text"),
    [
        ({"name": "Liz Murphy", "role": "Independent Chair"}, "Liz Murphy (Independent Chair)"),
        ({"role": "Head of Service", "organisation": "Police"}, "Head of Service (Police)"),
        ({"name": "Sue Vincent", "role": "Chair", "organisation": "DSCB"}, "Sue Vincent (Chair, DSCB)"),
        ({"organisation": "DSCB"}, "DSCB"),
    ],
)
def test_owners_are_flattened_readably(owner: dict[str, str], text: str) -> None:
    assert format_owner(owner) == text


def test_csv_row_flattens_milestones_and_guards_formulas() -> None:
    action = {
        "id": "t0-r1",
        "action": "=HYPERLINK(\"x\")",
        "owners": [],
        "milestones": [
            {"text": "Draft policy", "deadline": {"date": "2017-03-31"}, "status": {"rag": "green"}},
            {"text": "Sign off", "deadline": None, "status": None},
        ],
        "provenance": {"table": 0, "pages": [2, 3], "rows": [4]},
    }
    row = csv_row("plan.pdf", action)
    assert row["milestones"] == "Draft policy (by 2017-03-31, green); Sign off"
    assert row["action"] == "'=HYPERLINK(\"x\")"
    assert (row["pages"], row["rows"]) == ("2,3", "4")
    buf = io.StringIO()
    csv.writer(buf).writerow(row.values())
    assert buf.getvalue().startswith("plan.pdf,t0-r1,")


def test_batch_progress_advances_by_pages(tmp_path: Path) -> None:
    import pdfplumber

    from planparse.batch import Reporter, RichReporter, run_batch

    src = tmp_path / "in"
    src.mkdir()
    pdf = ROOT / "fixtures" / "pdf" / "csp_action_plan.pdf"
    shutil.copy(pdf, src / "plan.pdf")
    shutil.copy(ROOT / "fixtures" / "docx" / "seed003_scr_action_plan.docx", src / "plan.docx")
    with pdfplumber.open(pdf) as doc:
        n_pages = len(doc.pages)

    class Recorder(Reporter):
        def __init__(self) -> None:
            self.started: tuple[int, int | None] | None = None
            self.advanced: list[int] = []

        def start(self, total: int, skipped: int, pages: int | None = None) -> None:
            self.started = (total, pages)

        def advance(self, key: str, error: planparse.PlanparseError | None, pages: int = 1) -> None:
            self.advanced.append(pages)

    rec = Recorder()
    run_batch([src], tmp_path / "out", jobs=1, reporter=rec)
    assert rec.started == (2, n_pages + 1)  # the PDF's pages and one for the Word document
    assert sorted(rec.advanced) == sorted([n_pages, 1])

    # without a terminal: a plain line that says the pages done
    plain = RichReporter(bar=False)
    plain.PLAIN_EVERY_S = 0.0
    buf = io.StringIO()
    from rich.console import Console

    plain.console = Console(file=buf, width=200)
    plain.start(2, 0, n_pages + 1)
    plain.advance("plan.pdf", None, n_pages)
    assert f"1 of 2 documents read ({n_pages} of {n_pages + 1} pages); last: plan.pdf" in buf.getvalue()
