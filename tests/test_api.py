"""The public surface: exported names, options, schema, errors and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import planparse
from planparse.cli import main
from planparse.models import json_schema

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "schema" / "planparse.schema.json"


def test_all_is_sorted_and_every_name_exists_and_is_documented() -> None:
    assert planparse.__all__ == sorted(planparse.__all__)
    for name in planparse.__all__:
        obj = getattr(planparse, name)
        if name in ("__version__", "SCHEMA_VERSION"):
            assert isinstance(obj, str)
            continue
        assert obj.__doc__ and obj.__doc__.strip(), f"{name} has no docstring"


def test_committed_schema_matches_the_models() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), "run `planparse schema -o schema/planparse.schema.json`"


def test_every_model_field_is_described_in_the_schema() -> None:
    schema = json_schema()
    missing = []
    for name, model in schema["$defs"].items():  # type: ignore[union-attr]
        for field, spec in model.get("properties", {}).items():
            if "description" not in spec and "$ref" not in spec and "allOf" not in spec:
                missing.append(f"{name}.{field}")
    assert missing == []


def test_unknown_option_names_the_valid_ones() -> None:
    with pytest.raises(planparse.OptionsError, match="unknown option.*passwrd.*valid options are.*password"):
        planparse.ParseOptions.resolve({"passwrd": "x"})


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", planparse.DocumentReadError),
        (b"hello, this is plain text", planparse.UnsupportedFormatError),
        (b"PK\x03\x04 not really a zip", planparse.DocumentReadError),
    ],
)
def test_bad_bytes_raise_a_clear_error_naming_the_file(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        planparse.parse(data, name="bad.docx")
    assert "bad.docx" in str(info.value)


def test_cli_version_and_usage_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"planparse {planparse.__version__}"
    assert main([]) == 2
    assert main(["frobnicate"]) == 2


def test_cli_unreadable_file_is_one_line_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"random bytes that are not a pdf")
    assert main(["parse", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.pdf" in err and "Traceback" not in err


def test_cli_schema_writes_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["title"] == "planparse output"
