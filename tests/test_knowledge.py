"""The knowledge files: every example is a case, and a wrong file is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

import planparse
from planparse.errors import OptionsError
from planparse.extract.columns import (
    builtin_cues,
    cues_from_mapping,
    load_cues,
    read_heading,
    resolve_cues,
)
from planparse.knowledge import KnowledgeError

ROOT = Path(__file__).resolve().parent.parent


def _cases() -> list[tuple[str, str, str, bool]]:
    cues = builtin_cues()
    out = []
    for p in cues.patterns:
        want = "_skip" if p.rule == "_skip" else p.rule
        out += [(f"pattern:{p.id}", h, want, True) for h in p.examples]
        out += [(f"pattern:{p.id}", h, want, False) for h in p.not_examples]
    for w in cues.words:
        out += [(f"words:{w.rule}", h, w.rule, True) for h in w.examples]
        out += [(f"words:{w.rule}", h, w.rule, False) for h in w.not_examples]
    return out


CASES = _cases()


def test_every_cue_has_examples() -> None:
    cues = builtin_cues()
    assert all(p.examples and p.not_examples for p in cues.patterns)
    assert all(w.examples and w.not_examples for w in cues.words)
    assert len(CASES) > 150


@pytest.mark.parametrize(("cue", "heading", "field", "positive"), CASES, ids=[f"{c[0]}-{c[1]}-{'yes' if c[3] else 'no'}" for c in CASES])
def test_cue_example(cue: str, heading: str, field: str, positive: bool) -> None:
    got = read_heading(heading).rule
    if positive:
        assert got == field, f"{heading!r} should read as {field} ({cue}), got {got}: {read_heading(heading).evidence}"
    else:
        assert got != field, f"{heading!r} must not read as {field} ({cue})"


def test_reading_keeps_its_evidence() -> None:
    r = read_heading("Lead officer")
    assert (r.field, r.evidence, r.score) == ("owner", "pattern 'owner'", 1.0)
    assert read_heading("Resources").field is None
    assert read_heading("Start date").rule == "_skip"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my-columns.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_maps_headings(tmp_path: Path) -> None:
    path = _write(tmp_path, '[heading]\n"Scrutiny ask" = "objective"\n\n[[pattern]]\nid = "response"\nfield = "action"\nregex = "^our response$"\nexamples = ["Our response"]\nnot_examples = ["Response date"]\n')
    cues = resolve_cues(load_cues(path))
    assert read_heading("Scrutiny ask", cues).field == "objective"
    assert read_heading("Our response", cues).field == "action"
    assert read_heading("Scrutiny ask").field is None  # the built-in cues alone don't know it


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[pattern]]\nid = "x"\nfield = "owners"\nregex = "^x$"\n', "my-columns.toml:1: pattern 'x': unknown field 'owners'"),
        ('# a comment\n\n[[pattern]]\nid = "y"\nfield = "owner"\nregex = "(unclosed"\n', "my-columns.toml:3: pattern 'y': the regex does not compile"),
        ('[[words]]\nfield = "action"\nwords = ["task"]\nweight = 3\n', "my-columns.toml:1: words for 'action': 'weight' must be a number in (0, 1]"),
        ('[[pattern]]\nid = "z"\nfield = "owner"\nregx = "^x$"\n', "my-columns.toml:1: pattern 'z': unknown key(s) regx"),
        ('[heading\n"A" = "owner"\n', "my-columns.toml: not valid TOML"),
        ('[colums]\n', "my-columns.toml: unknown section(s) colums"),
    ],
)
def test_wrong_file_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(KnowledgeError) as info:
        load_cues(path)
    assert message in str(info.value)
    with pytest.raises(OptionsError) as opt_info:
        planparse.parse(ROOT / "fixtures/docx/seed003_scr_action_plan.docx", columns=str(path))
    assert message in str(opt_info.value)


def test_mapping_with_unknown_field_is_an_option_error() -> None:
    with pytest.raises(OptionsError, match="unknown field 'deadlines'"):
        planparse.ParseOptions.resolve(columns={"When by": "deadlines"})
    assert cues_from_mapping({"When by": "deadline"}).exact == {"when by": "deadline"}


def test_columns_option_changes_the_reading() -> None:
    """seed003's 'Progress/Comment' column read as evidence instead, by the user's say."""
    doc = ROOT / "fixtures/docx/seed003_scr_action_plan.docx"
    plain = planparse.parse(doc, normalise_owners=False)
    mapped = planparse.parse(doc, normalise_owners=False, columns={"Progress/Comment": "evidence"})
    assert plain.actions[0].progress and plain.actions[0].evidence is None
    assert mapped.actions[0].progress is None
    assert mapped.actions[0].evidence == plain.actions[0].progress
