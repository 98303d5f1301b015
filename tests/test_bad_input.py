"""Bad input gives a clear error or warning naming the file: never a traceback, a hang or
runaway memory. The files are built by tools/make_bad_inputs.py into fixtures/bad/.

Each document is read through :func:`planparse.parse_many`, i.e. in a worker process with a
time and memory limit, so a reader that hangs or balloons fails its test instead of taking
the test run down; an exception that is not a :class:`planparse.PlanparseError` comes back
as :class:`planparse.InternalError` and fails the test too.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import planparse
from planparse.errors import DocumentTimeoutError, InternalError, MemoryLimitError, WorkerCrashError

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "fixtures" / "bad"
HANG_GUARD_S = 600.0
"""Time limit of each worker: a hang guard far above any real cost (a reader that hangs
fails its test as a timeout instead of stalling the suite), never a speed expectation."""
LIMITS = {"timeout": HANG_GUARD_S, "max_memory_mb": 1024}

# file -> the error class and the start of its message, or "ok" with (format, actions, warning codes)
EXPECTED: dict[str, tuple[str, str] | tuple[str, str, int, list[str]]] = {
    "empty.docx": ("DocumentReadError", "the file is empty"),
    "empty.pdf": ("DocumentReadError", "the file is empty"),
    "random_bytes.pdf": ("UnsupportedFormatError", "not a Word (.docx, .doc, .rtf, .odt) or PDF document"),
    "random_bytes.docx": ("UnsupportedFormatError", "not a Word (.docx, .doc, .rtf, .odt) or PDF document"),
    "pdf_header_then_garbage.pdf": ("DocumentReadError", "the PDF cannot be read"),
    "truncated.pdf": ("DocumentReadError", "the PDF cannot be read"),
    "not_a_zip.docx": ("DocumentReadError", "the file is truncated or corrupt (a damaged zip archive"),
    "zip_without_document_xml.docx": ("DocumentReadError", "the file is a zip archive but not a Word document"),
    "docx_renamed.pdf": ("ok", "docx", 2, []),
    "pdf_renamed.docx": ("ok", "pdf", 2, []),
    "encrypted.pdf": ("EncryptedDocumentError", "the PDF is encrypted"),
    "password_protected.docx": ("EncryptedDocumentError", "the document is password-protected"),
    "zip_bomb.docx": ("DocumentReadError", "refusing to decompress word/document.xml (64.0 MB"),
    "zip_bomb_lying_sizes.docx": ("DocumentReadError", "the Word document is truncated or corrupt"),
    "xml_external_entity.docx": ("ok", "docx", 1, []),
    "xml_entity_expansion.docx": ("DocumentReadError", "cannot open the Word document (XMLSyntaxError"),
    "image_only.pdf": ("ok", "pdf", 0, ["needs_ocr"]),
    "pdf_odd_dictionary.pdf": ("DocumentReadError", "the PDF cannot be read"),
    "pdf_mediabox_null.pdf": ("DocumentReadError", "the PDF cannot be read"),
    "no_tables.docx": ("ok", "docx", 0, ["no_tables"]),
    "no_tables.pdf": ("ok", "pdf", 0, ["no_tables"]),
}
SLOW = {"table_10000_rows.pdf"}


def test_every_bad_input_has_an_expectation() -> None:
    assert {p.name for p in BAD.iterdir()} == set(EXPECTED) | SLOW


@pytest.fixture(scope="module")
def outcomes() -> dict[str, planparse.batch.ParseOutcome]:
    paths = [BAD / name for name in EXPECTED]
    return {Path(o.path).name: o for o in planparse.parse_many(paths, jobs=2, **LIMITS)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_a_clear_error_or_warning(name: str, outcomes: dict) -> None:
    outcome = outcomes[name]
    expected = EXPECTED[name]
    if expected[0] == "ok":
        _, fmt, n_actions, codes = expected
        assert outcome.error is None, str(outcome.error)
        assert outcome.result is not None
        assert outcome.result.source.format == fmt
        assert len(outcome.result.actions) == n_actions
        assert [w.code for w in outcome.result.warnings] == codes
    else:
        error_type, message = expected
        assert type(outcome.error).__name__ == error_type, str(outcome.error)
        assert outcome.error.message.startswith(message)
        assert str(outcome.error).startswith(f"{BAD / name}: ")


def test_external_entities_are_never_fetched(outcomes: dict) -> None:
    result = outcomes["xml_external_entity.docx"].result
    assert "root:" not in result.to_json()
    assert result.actions[0].action == "Publish now"


@pytest.mark.slow
def test_a_pdf_table_of_10000_rows_is_read_within_the_limits() -> None:
    # Bounded by memory, not by a clock: no time limit here, so a loaded machine cannot fail
    # it (issue 14). The time it takes is measured by benchmarks/hostile_timing.py.
    (outcome,) = planparse.parse_many(
        [BAD / "table_10000_rows.pdf"], jobs=1, timeout=None, max_memory_mb=LIMITS["max_memory_mb"]
    )
    assert outcome.error is None, str(outcome.error)
    assert len(outcome.result.actions) == 10_000
    assert outcome.result.actions[-1].action == "Review case file sample 10000"


def _seed_documents() -> list[Path]:
    names = ["docx_renamed.pdf", "pdf_renamed.docx", "no_tables.docx", "encrypted.pdf"]
    docs = [BAD / n for n in names]
    for folder, pattern in (("docx", "seed003_*.docx"), ("pdf", "seed003_scr_action_plan.pdf")):
        docs += sorted((ROOT / "fixtures" / folder).glob(pattern))
    return docs


def _mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.choice(["truncate", "flip", "flip_head", "zero_block"])
    buf = bytearray(data)
    if kind == "truncate":
        return bytes(buf[: rng.randrange(1, len(buf))])
    if kind == "zero_block":
        start = rng.randrange(len(buf))
        buf[start : start + 64] = bytes(len(buf[start : start + 64]))
        return bytes(buf)
    span = min(len(buf), 1024) if kind == "flip_head" else len(buf)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randrange(span)
        buf[pos] ^= 1 << rng.randrange(8)
    return bytes(buf)


FUZZ_CASES = 40


def test_mutated_documents_give_a_result_or_a_planparse_error(tmp_path: Path) -> None:
    rng = random.Random(1234)
    seeds = _seed_documents()
    paths = []
    for i in range(FUZZ_CASES):
        seed = seeds[i % len(seeds)]
        path = tmp_path / f"case{i:02}_{seed.name}"
        path.write_bytes(_mutate(seed.read_bytes(), rng))
        paths.append(path)
    broken = []
    for outcome in planparse.parse_many(paths, jobs=2, timeout=HANG_GUARD_S, max_memory_mb=1024):
        if outcome.error is None:
            continue
        err = outcome.error
        if isinstance(err, InternalError | DocumentTimeoutError | MemoryLimitError | WorkerCrashError):
            broken.append(f"{Path(outcome.path).name}: {type(err).__name__}: {err.message}")
        else:
            assert str(err).startswith(outcome.path)
    assert broken == []
