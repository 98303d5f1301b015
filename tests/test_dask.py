"""The Dask path of ``run_batch`` / ``parse_many`` (issue 15): on a LocalCluster of two worker
processes it gives the same manifest, per-document outputs and failures as the local pool,
resumes the same way, and reads documents sent as bytes."""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip(
    "distributed", reason="dask.distributed is not installed (pip install 'planparse[dask]')"
)
import dask  # noqa: E402

import planparse  # noqa: E402
from planparse.batch import run_batch  # noqa: E402
from planparse.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "fixtures" / "bad"
GOOD_DOCX = ROOT / "fixtures" / "docx" / "seed003_scr_action_plan.docx"
GOOD_PDF = ROOT / "fixtures" / "pdf" / "csp_action_plan.pdf"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # Dask's workers are daemonic by default and could not start planparse's worker process;
    # the setting stays for the cluster's life, so workers the nannies restart have it too.
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = distributed.Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(GOOD_DOCX, src / "plan.docx")
    shutil.copy(GOOD_PDF, src / "plan.pdf")
    shutil.copy(BAD / "docx_renamed.pdf", src / "renamed.pdf")
    for name in ("empty.docx", "random_bytes.pdf", "password_protected.docx", "zip_bomb.docx"):
        shutil.copy(BAD / name, src / name)
    (src / "notes.txt").write_text("not a document")
    return src


def _manifest(out: Path) -> dict[str, dict[str, Any]]:
    entries = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    return {e["key"]: {k: v for k, v in e.items() if k != "seconds"} for e in entries}


def test_a_batch_on_dask_gives_what_the_local_pool_gives(client: Any, mixed: Path, tmp_path: Path) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    run_batch([mixed], local, jobs=2)
    summary = run_batch([mixed], remote, client=client)

    assert (summary.inputs, summary.documents_read, summary.failed, summary.jobs) == (7, 3, 4, 2)
    assert sorted(p.name for p in (remote / "documents").iterdir()) == [
        "plan.docx.json", "plan.pdf.json", "renamed.pdf.json",
    ]
    for doc in (local / "documents").iterdir():
        assert (remote / "documents" / doc.name).read_text() == doc.read_text()
    assert _manifest(remote) == _manifest(local)
    assert {Path(f["document"]).name: f["error"] for f in summary.failures} == {
        "empty.docx": "DocumentReadError",
        "random_bytes.pdf": "UnsupportedFormatError",
        "password_protected.docx": "EncryptedDocumentError",
        "zip_bomb.docx": "DocumentReadError",
    }
    assert (remote / "actions.jsonl").read_text() == (local / "actions.jsonl").read_text()
    assert (remote / "actions.csv").read_text() == (local / "actions.csv").read_text()

    # a second run on the cluster finds everything up to date; a changed file is read again
    again = run_batch([mixed], remote, client=client)
    assert (again.parsed, again.skipped) == (0, 7)
    shutil.copy(BAD / "no_tables.docx", mixed / "plan.docx")
    third = run_batch([mixed], remote, client=client)
    assert (third.parsed, third.skipped, third.documents_read) == (1, 6, 3)


def test_batch_scheduler_option_runs_on_the_cluster(client: Any, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    address = client.scheduler.address
    assert main(["batch", str(mixed), "-o", str(out), "--scheduler", address, "-q"]) == 1
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["documents_read"], summary["failed"], summary["this_run"]["jobs"]) == (3, 4, 2)


def test_parse_many_on_dask_reads_paths_and_bytes(client: Any) -> None:
    inputs: list[Any] = [
        GOOD_DOCX,
        ("sent.docx", GOOD_DOCX.read_bytes()),
        (BAD / "empty.pdf").read_bytes(),
        BAD / "encrypted.pdf",
    ]
    outcomes = sorted(planparse.parse_many(inputs, client=client), key=lambda o: o.index)
    assert [o.path for o in outcomes] == [str(GOOD_DOCX), "sent.docx", "document-2", str(BAD / "encrypted.pdf")]
    assert [o.ok for o in outcomes] == [True, True, False, False]
    local = planparse.parse(GOOD_DOCX)
    assert outcomes[0].result is not None and outcomes[1].result is not None
    assert [a.action for a in outcomes[1].result.actions] == [a.action for a in local.actions]
    assert outcomes[1].result.source.file == "sent.docx"
    assert str(outcomes[2].error) == "document-2: the file is empty"
    assert type(outcomes[3].error).__name__ == "EncryptedDocumentError"


def _parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_a_dask_worker_killed_mid_document_loses_and_duplicates_nothing(
    client: Any, mixed: Path, tmp_path: Path
) -> None:
    import threading

    from blocking_documents import PRELOAD_MODULE, make_blocking, unblock, wait_started

    def add_blocking_preload() -> None:
        import planparse._pool

        if PRELOAD_MODULE not in planparse._pool.PRELOAD:
            planparse._pool.PRELOAD.append(PRELOAD_MODULE)

    # Each Dask worker starts its planparse forkserver at its first document: with this in
    # its preload, a document named *.block.* waits there until told (tests/blocking_documents.py).
    client.restart()
    client.run(add_blocking_preload)
    blocker = make_blocking(GOOD_DOCX, mixed / "waits.block.docx")
    killed: list[int] = []
    finished = threading.Event()

    def kill_the_dask_worker_reading_it() -> None:
        reader = wait_started(blocker, gone=finished.is_set)
        if reader is None:
            return
        dask_worker = _parent_of(_parent_of(reader))  # reader <- forkserver <- Dask worker
        unblock(blocker)  # read normally wherever Dask runs it again
        os.kill(dask_worker, signal.SIGKILL)
        killed.append(dask_worker)

    killer = threading.Thread(target=kill_the_dask_worker_reading_it)
    killer.start()
    out = tmp_path / "out"
    try:
        summary = run_batch([mixed], out, client=client)
    finally:
        finished.set()
        killer.join()
    assert len(killed) == 1, "no Dask worker was killed mid-document"
    assert (summary.inputs, summary.documents_read, summary.failed) == (8, 4, 4)
    assert "waits.block.docx.json" in {p.name for p in (out / "documents").iterdir()}
    lines = [json.loads(line) for line in (out / "actions.jsonl").read_text().splitlines()]
    per_document = sum(
        len(json.loads(p.read_text())["actions"]) for p in (out / "documents").glob("*.json")
    )
    assert len(lines) == per_document == summary.actions
    assert len({(line["document"], line["id"]) for line in lines}) == len(lines)
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(e["key"] for e in manifest) == sorted({e["key"] for e in manifest})
