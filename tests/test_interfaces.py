"""The interfaces people meet (issue 16): outputs, the schema contract, the CLI, the library."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import jsonschema
import openpyxl
import pytest

import planparse
from planparse import export
from planparse.cli import format_for, main
from planparse.options import ParseOptions, ParseOptionsDict
from planparse.schemas import ActionLine, BatchSummaryFile, schema_of

ROOT = Path(__file__).resolve().parents[1]
SEED0 = "fixtures/docx/seed000_improvement_plan.docx"
SEED0_PDF = "fixtures/pdf/seed000_improvement_plan.pdf"
EXPECTED_CSV = ROOT / "fixtures" / "expected" / "exports" / "seed000_improvement_plan.csv"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "planparse", *args], cwd=ROOT, env=ENV, input=stdin,
        capture_output=True, timeout=300,
    )


@pytest.fixture(scope="module")
def seed0() -> planparse.ParseResult:
    return planparse.parse(ROOT / SEED0, name=SEED0)


# --- CSV and Excel ---------------------------------------------------------------------


def expected_rows() -> list[dict[str, str]]:
    with EXPECTED_CSV.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_of_seed000_matches_the_expected_file_cell_by_cell(tmp_path: Path) -> None:
    out = tmp_path / "seed0.csv"
    proc = run("parse", SEED0, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        got = list(csv.DictReader(fh))
    want = expected_rows()
    assert len(got) == len(want) == 45
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g == w, f"row {i + 1}"


def test_csv_row_carries_document_plan_owners_status_meaning_and_printed_headings() -> None:
    row = expected_rows()[0]
    assert (row["document_title"], row["organisation"], row["document_kind"], row["document_date"]) == (
        "DSCB Improvement Plan", "DSCB", "improvement_plan", "May 2016 version 5",
    )
    assert (row["plan_title"], row["section"]) == ("DSCB Improvement Plan", "1 Board Effectiveness")
    assert (row["owners"], row["owner_people"], row["owner_roles"], row["owner_bodies"]) == (
        "Liz Murphy (Independent Chair)", "Liz Murphy", "Independent Chair", "",
    )
    assert (row["deadline_date"], row["rag"], row["state"], row["status_meaning"]) == (
        "2016-04-30", "green", "complete", "Complete",
    )
    assert (row["table"], row["rows"]) == ("0", "1")
    # the document's own headings, as printed, each its own column
    assert row["Source"] == "D" and row["Direction of travel - trend"] == "Complete"


def test_xlsx_of_seed000_has_the_csv_cells_coloured_status_frozen_filtered_header(tmp_path: Path) -> None:
    out = tmp_path / "seed0.xlsx"
    proc = run("parse", SEED0, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["actions", "milestones", "legends", "warnings"]
    sheet = book["actions"]
    header = [c.value for c in sheet[1]]
    want = expected_rows()
    assert header == list(want[0])
    for r, expected in enumerate(want, start=2):
        for c, column in enumerate(header, start=1):
            value = sheet.cell(r, c).value
            text = "" if value is None else ("true" if value is True else "false" if value is False else str(value))
            assert text == expected[column], (r, column)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}46"
    rag = header.index("rag") + 1
    assert sheet.cell(2, rag).value == "green" and sheet.cell(2, rag).fill.fgColor.rgb == "FF00B050"
    assert sheet.column_dimensions[openpyxl.utils.get_column_letter(header.index("action") + 1)].width >= 60
    legends = [[c.value for c in row] for row in book["legends"].iter_rows(min_row=2)]
    assert [SEED0, "rag", "red", "Overdue"] in legends


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_xlsx_opens_in_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "seed0.xlsx"
    assert run("parse", SEED0, "-o", str(out)).returncode == 0
    subprocess.run(
        # filter options: comma, double quote, UTF-8 (76)
        ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
         "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=300,
    )
    with (tmp_path / "seed0.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    first = planparse.parse(ROOT / SEED0).actions[0]
    assert len(rows) == 46 and rows[1][1] == first.id


def test_milestone_sheet_rows_link_to_their_action() -> None:
    result = planparse.parse(ROOT / "fixtures/docx/business_plan_2022_25.docx")
    rows = export.milestone_rows(result.model_dump(mode="json"))
    ids = {a.id for a in result.actions}
    assert rows and all(r["action_id"] in ids for r in rows)
    assert len(rows) == sum(len(a.milestones) for a in result.actions)


def test_to_rows_is_the_csv_and_to_dataframe_needs_pandas(seed0: planparse.ParseResult) -> None:
    rows = seed0.to_rows()
    assert [export.cell_text(rows[0].get(k)) for k in expected_rows()[0]] == list(expected_rows()[0].values())
    assert rows[0]["milestone_count"] == 0 and rows[0]["deadline_ongoing"] is False
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(planparse.MissingDependencyError, match="pip install 'planparse\\[pandas\\]'"):
            seed0.to_dataframe()
    else:
        frame = seed0.to_dataframe()
        assert frame.shape[0] == 45 and frame.loc[0, "Source"] == "D"


def test_csv_guards_formulas_and_a_heading_that_clashes_keeps_both() -> None:
    row = export.action_row({"id": "a", "action": "=1+1", "fields": {"action": "=1+1", "Priority": "High"}})
    assert row["action (as printed)"] == "=1+1" and row["Priority"] == "High"
    text = export.to_csv([row])
    assert "'=1+1" in text and "=1+1," not in text.replace("'=1+1", "")


@pytest.mark.parametrize(
    ("output", "to", "fmt"),
    [(None, None, "json"), ("a.CSV", None, "csv"), ("a.xlsx", None, "xlsx"), ("a.jsonl", None, "jsonl"),
     ("a.txt", None, "json"), ("a.csv", "json", "json"), ("-", "csv", "csv")],
)
def test_output_format_from_to_or_extension(output: str | None, to: str | None, fmt: str) -> None:
    assert format_for(output, to) == fmt


def test_jsonl_output_lines_validate_against_the_line_schema() -> None:
    proc = run("parse", SEED0, "--to", "jsonl")
    lines = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(lines) == 45 and lines[0]["document"] == SEED0
    validator = jsonschema.Draft202012Validator(schema_of("jsonl"))
    for line in lines:
        validator.validate(line)
        ActionLine.model_validate(line)


# --- the schema contract ---------------------------------------------------------------


def test_schema_has_draft_and_id_and_the_committed_files_match() -> None:
    for name, file in [("output", "planparse.schema.json"), ("summary", "summary.schema.json"),
                       ("jsonl", "action-line.schema.json")]:
        schema = schema_of(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"urn:planparse:schema:{name}:1"
        committed = json.loads((ROOT / "schema" / file).read_text(encoding="utf-8"))
        assert committed == schema, f"run `planparse schema --of {name} -o schema/{file}`"
        assert "additionalProperties\": false" not in json.dumps(schema)


def test_every_fixture_output_validates_against_the_committed_schema() -> None:
    schema = json.loads((ROOT / "schema" / "planparse.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    outputs = sorted((ROOT / "fixtures" / "docx").glob("*.docx"))
    assert len(outputs) >= 20
    for path in outputs:
        data = json.loads(planparse.parse(path).to_json())
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path.name


def newer_output(seed0: planparse.ParseResult) -> dict[str, object]:
    data = json.loads(seed0.to_json())
    data["schema_version"] = "1.99"
    data["added_in_1_99"] = {"anything": True}
    data["actions"][0]["confidence"] = 0.9
    data["actions"][0]["status"]["trend"] = "improving"
    return data


def test_a_1_99_output_with_extra_fields_passes_the_schema_and_the_1x_models(
    seed0: planparse.ParseResult,
) -> None:
    data = newer_output(seed0)
    jsonschema.Draft202012Validator(schema_of("output")).validate(data)
    # a consumer's process: the models ignore what they do not know
    code = (
        "import json,sys,planparse; r=planparse.ParseResult.model_validate(json.load(sys.stdin));"
        "print(r.schema_version, len(r.actions), r.actions[0].status.rag)"
    )
    env = {k: v for k, v in ENV.items() if k != "PLANPARSE_STRICT_MODELS"}
    proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(data).encode(), env=env,
                          capture_output=True, timeout=120)
    assert proc.stdout.decode().split() == ["1.99", "45", "green"], proc.stderr
    # our own tests stay strict, so planparse itself can never emit an undeclared field
    with pytest.raises(ValueError, match="added_in_1_99"):
        planparse.ParseResult.model_validate(data)


def test_batch_summary_and_lines_validate_against_their_schemas(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ROOT / SEED0, src / "plan.docx")
    (src / "bad.pdf").write_bytes(b"not a pdf")
    (src / "tracker.xlsx").write_bytes(b"PK")
    (src / "notes.txt").write_text("hello")
    (src / "scan.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    assert main(["batch", str(src), "-o", str(out), "-j", "1", "-q", "--format", "json,jsonl,csv,xlsx"]) == 1
    summary = json.loads((out / "summary.json").read_text())
    jsonschema.Draft202012Validator(schema_of("summary")).validate(summary)
    BatchSummaryFile.model_validate(summary)
    assert {Path(s["file"]).name: s["reason"] for s in summary["skipped"]} == {
        "notes.txt": "plain text, not a Word or PDF document",
        "scan.png": "an image (scans need OCR first)",
    }
    line_schema = jsonschema.Draft202012Validator(schema_of("jsonl"))
    for line in (out / "actions.jsonl").read_text().splitlines():
        line_schema.validate(json.loads(line))
    book = openpyxl.load_workbook(out / "actions.xlsx")
    assert book.sheetnames == ["actions", "milestones", "legends", "warnings", "failures"]
    failures = [[c.value for c in r] for r in book["failures"].iter_rows(min_row=2)]
    assert [f[:2] for f in failures] == [[str(src / "bad.pdf"), "UnsupportedFormatError"],
                                         [str(src / "tracker.xlsx"), "DocumentReadError"]]
    assert book["actions"].max_row == 46


# --- the command line --------------------------------------------------------------------


def test_output_into_a_missing_folder_or_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    for target, reason in [
        (tmp_path / "missing" / "out.json", "does not exist"),
        (tmp_path / "afile" / "out.json", "is a file, not a folder"),
        (tmp_path, "it is a folder"),
    ]:
        proc = run("parse", SEED0, "-o", str(target))
        err = proc.stderr.decode()
        assert proc.returncode == 1 and err.count("\n") == 1 and reason in err, err
        assert "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_output_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    proc = run("parse", SEED0, "-o", str(locked / "x.json"))
    assert proc.returncode == 1 and "permission denied" in proc.stderr.decode()


def test_full_disk_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    proc = subprocess.run(
        f"{sys.executable} -m planparse parse {SEED0} > /dev/full", shell=True, cwd=ROOT, env=ENV,
        capture_output=True, timeout=120,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1 and "disk is full" in err, err


def test_a_closed_pipe_is_quiet() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m planparse parse {SEED0_PDF} | head -1; echo \"${{PIPESTATUS[0]}}\" >&2",
        shell=True, executable="/bin/bash", cwd=ROOT, env=ENV, capture_output=True, timeout=120,
    )
    assert proc.stdout.decode() == "{\n"
    # 141 where the write fails with EPIPE; some kernels let the writer finish first (0)
    assert proc.stderr.decode().strip() in ("141", "0"), proc.stderr.decode()


def test_stdin_and_python_dash_m(tmp_path: Path) -> None:
    proc = run("parse", "-", "--compact", stdin=(ROOT / SEED0).read_bytes())
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and len(data["actions"]) == 45 and data["source"]["file"] == "stdin"


def test_ctrl_c_in_parse_is_exit_130_and_one_line() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "planparse", "parse", "-", "-v"], cwd=ROOT, env=ENV,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline().decode()  # printed once it is waiting for the document
    assert "reading the document from standard input" in line
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode() == "planparse: stopped (Ctrl-C)\n"


def test_strict_fails_a_document_with_no_plan_and_says_so(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Minutes of the meeting. Nothing was agreed.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Name", "Phone"
    table.cell(1, 0).text, table.cell(1, 1).text = "A. Smith", "0123"
    path = tmp_path / "minutes.docx"
    doc.save(str(path))
    lax = run("parse", str(path))
    assert lax.returncode == 0
    assert lax.stderr.decode().count("\n") == 1 and "looks like an action plan" in lax.stderr.decode()
    assert run("parse", str(path), "--strict").returncode == 1
    assert run("parse", str(path), "-q").stderr == b""


def test_pages_option_reads_only_those_pages() -> None:
    whole = planparse.parse(ROOT / SEED0_PDF)
    part = planparse.parse(ROOT / SEED0_PDF, pages="2-3")
    assert {p for a in part.actions for p in a.provenance.pages} == {2, 3}
    assert 0 < len(part.actions) < len(whole.actions)
    assert part.warnings[-1].message == "read only pages 2-3 of 10"
    assert ParseOptions(pages="1-3,9,2").pages == (1, 2, 3, 9)
    proc = run("parse", SEED0_PDF, "--pages", "3-x")
    assert proc.returncode == 2 and proc.stderr.decode() == (
        "planparse: option pages: '3-x' is not a page or a range like 3-7\n"
    )


def test_mistyped_command_suggests_and_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pasre", SEED0]) == 2
    assert "did you mean 'parse'?" in capsys.readouterr().err
    for command in ("parse", "inspect", "batch", "schema"):
        assert main([command, "--help"]) == 0
        assert "examples:" in capsys.readouterr().out


def test_verbose_logs_through_logging_and_the_library_never_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    planparse.parse(ROOT / SEED0)
    assert capsys.readouterr() == ("", "")
    assert main(["parse", SEED0, "-vv", "-o", str(tmp_path / "x.json")]) == 0
    assert "planparse" in capsys.readouterr().err


# --- the library -------------------------------------------------------------------------


def test_eight_threads_in_a_fresh_interpreter_all_succeed_alike() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import threads
    finally:
        sys.path.pop(0)
    for _ in range(2):
        code, text = threads.run_once()
        assert code == 0, text


def test_text_mode_handle_and_bad_values_are_one_line_errors() -> None:
    with (ROOT / SEED0).open(encoding="latin-1") as fh, pytest.raises(
        planparse.DocumentReadError, match=r"opened in binary mode \('rb'\)"
    ):
        planparse.parse(fh)  # type: ignore[arg-type]
    with pytest.raises(planparse.OptionsError) as info:
        planparse.parse(ROOT / SEED0, max_pages=0)
    assert str(info.value).count("\n") == 0 and str(info.value).startswith("option max_pages:")
    with pytest.raises(planparse.PlanparseError):
        planparse.parse(12345)  # type: ignore[arg-type]


def test_option_keywords_are_typed_like_the_options_model() -> None:
    assert set(ParseOptionsDict.__annotations__) == set(ParseOptions.model_fields)


def test_parse_many_takes_bytes_and_reports_progress() -> None:
    data = (ROOT / SEED0).read_bytes()
    seen: list[tuple[int, int]] = []
    outcomes = sorted(
        planparse.parse_many([data, ("named.docx", data), b"junk"], jobs=1,
                             progress=lambda n, total, _o: seen.append((n, total))),
        key=lambda o: o.index,
    )
    assert [o.path for o in outcomes] == ["document-0", "named.docx", "document-2"]
    assert [len(o.result.actions) if o.result else None for o in outcomes] == [45, 45, None]
    assert isinstance(outcomes[2].error, planparse.UnsupportedFormatError)
    assert str(outcomes[2].error).startswith("document-2: ")
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_run_batch_is_public() -> None:
    assert "run_batch" in planparse.__all__ and planparse.run_batch.__doc__


@pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy is not installed")
def test_a_misspelt_option_keyword_fails_type_checking(tmp_path: Path) -> None:
    snippet = tmp_path / "use.py"
    snippet.write_text(
        'import planparse\nplanparse.parse("x.docx", pasword="x")\nplanparse.parse("x.docx", pages="1-3")\n'
    )
    proc = subprocess.run(
        ["mypy", "--no-incremental", "--follow-imports=silent", "--cache-dir", str(tmp_path / "c"), str(snippet)],
        env={**ENV, "MYPYPATH": str(ROOT / "src")}, capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert 'use.py:2: error: Unexpected keyword argument "pasword"' in proc.stdout
    assert "use.py:3" not in proc.stdout
