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


# --------------------------------------------------------------------------- documents.toml,
# legends.toml, tables.toml: every example a case


def _vocab_cases() -> list[tuple[str, str, bool]]:
    from planparse.extract.vocab import documents, legend_vocab, tables_vocab

    out: list[tuple[str, str, bool]] = []
    docs = documents()
    for k in docs.kinds:
        out += [(f"kind:{k.id}", e, True) for e in k.examples.examples]
        out += [(f"kind:{k.id}", e, False) for e in k.examples.not_examples]
    for cue in (docs.title_words, docs.plan_title):
        out += [(f"{cue.id}", e, True) for e in cue.examples.examples]
        out += [(f"{cue.id}", e, False) for e in cue.examples.not_examples]
    legends = legend_vocab()
    out += [("legend_line", e, True) for e in legends.colour_examples.examples]
    out += [("legend_line", e, False) for e in legends.colour_examples.not_examples]
    out += [("key_title", e, True) for e in legends.title_examples.examples]
    out += [("key_title", e, False) for e in legends.title_examples.not_examples]
    for p in tables_vocab().placeholders:
        out += [(f"placeholder:{p.id}", e, True) for e in p.examples.examples]
        out += [(f"placeholder:{p.id}", e, False) for e in p.examples.not_examples]
    return out


VOCAB_CASES = _vocab_cases()


def _says(cue: str, text: str) -> bool:
    from planparse.extract.document import kind_of_title
    from planparse.extract.legends import rag_legend_from_text
    from planparse.extract.vocab import documents, legend_vocab, placeholder

    kind, _, name = cue.partition(":")
    if kind == "kind":
        want = next(k.kind for k in documents().kinds if k.id == name)
        return kind_of_title(text) == want
    if kind == "title_words":
        return documents().title_words.search(text) is not None
    if kind == "plan_title":
        return documents().plan_title.search(text) is not None
    if kind == "legend_line":
        return bool(rag_legend_from_text(text))
    if kind == "key_title":
        return legend_vocab().key_title.match(text) is not None
    if kind == "placeholder":
        return placeholder(text) == name
    raise AssertionError(cue)


def test_every_vocabulary_entry_has_examples() -> None:
    assert {c[0].partition(":")[0] for c in VOCAB_CASES} == {
        "kind", "title_words", "plan_title", "legend_line", "key_title", "placeholder"}
    for cue in {c[0] for c in VOCAB_CASES}:
        assert {c[2] for c in VOCAB_CASES if c[0] == cue} == {True, False}, cue


@pytest.mark.parametrize(("cue", "text", "positive"), VOCAB_CASES,
                         ids=[f"{c[0]}-{c[1][:30]}-{'yes' if c[2] else 'no'}" for c in VOCAB_CASES])
def test_vocabulary_example(cue: str, text: str, positive: bool) -> None:
    assert _says(cue, text) is positive, f"{text!r} {'should' if positive else 'must not'} be read by {cue}"


def test_document_kind_from_the_title_and_first_lines() -> None:
    from planparse.extract.document import _kind

    assert _kind("Strategic Plan 2021-2024: Delivery Plan", "") == "action_plan"
    assert _kind(None, "Our delivery plan for 2024") == "business_plan"
    assert _kind("Improvement Plan", "Serious Case Review Child K") == "scr_action_plan"
    assert _kind("Notes", "nothing here") == "unknown"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("documents.toml", '[[kind]]\nid = "x"\nkind = "plan"\nin_title = ["plan"]\nexamples = ["a"]\nnot_examples = ["b"]\n',
         "documents.toml:1: kind 'x': unknown kind 'plan'"),
        ("documents.toml", '\n[[kind]]\nid = "y"\nkind = "action_plan"\nin_titel = ["plan"]\n',
         "documents.toml:2: kind 'y': unknown key(s) in_titel"),
        ("legends.toml", '[colours]\nred = ["red", "r"]\n', "legends.toml:1: [colours]: red: a one-letter name must be a capital ('r')"),
        ("tables.toml", '# x\n[[placeholder]]\nid = "z"\nregex = "(["\nexamples = ["a"]\nnot_examples = ["b"]\n',
         "tables.toml:2: placeholder 'z': the regex does not compile"),
        ("tables.toml", '[[placeholder]]\nid = "w"\nregex = "^x$"\n', "tables.toml:1: placeholder 'w': 'examples' is missing or empty"),
        ("tables.toml", '[[placeholders]]\nid = "w"\n', "tables.toml: unknown section(s) placeholders"),
    ],
)
def test_wrong_vocabulary_file_names_the_line(name: str, text: str, message: str) -> None:
    from planparse.extract import vocab

    with pytest.raises(KnowledgeError) as info:
        data, label, raw = vocab.load_toml(name, text=text)
        if name == "documents.toml":
            vocab.documents_from_data(data, label, raw)
        elif name == "legends.toml":
            vocab.legends_from_data(data, label, raw)
        else:
            vocab.tables_from_data(data, label, raw)
    assert message in str(info.value)


# --------------------------------------------------------------------------- tables.toml [[kind]]


def _kind_cases() -> list[tuple[str, list[list[str]], bool]]:
    from planparse.extract.vocab import tables_vocab

    out: list[tuple[str, list[list[str]], bool]] = []
    for k in tables_vocab().kinds:
        out += [(k.id, t, True) for t in k.examples]
        out += [(k.id, t, False) for t in k.not_examples]
    return out


KIND_CASES = _kind_cases()


def test_every_table_kind_has_examples_both_ways() -> None:
    from planparse.extract.vocab import tables_vocab

    ids = {k.id for k in tables_vocab().kinds}
    assert {"risk_register", "issue_log", "decision_log", "agenda", "form", "contents", "budget", "data_table",
            "recommendation_numbers", "template"} <= ids
    for kind in ids:
        assert {c[2] for c in KIND_CASES if c[0] == kind} == {True, False}, kind


@pytest.mark.parametrize(("kind", "rows", "positive"), KIND_CASES,
                         ids=[f"{c[0]}-{' | '.join(c[1][0])[:40]}-{'yes' if c[2] else 'no'}" for c in KIND_CASES])
def test_table_kind_example(kind: str, rows: list[list[str]], positive: bool) -> None:
    from planparse.extract.kinds import kind_of_rows

    got = kind_of_rows(rows)
    if positive:
        assert got is not None and got.id == kind, f"{rows[:2]} should be {kind}, got {got}"
    else:
        assert got is None or got.id != kind, f"{rows[:2]} must not be {kind}: {got}"


def test_kind_reason_names_the_evidence() -> None:
    from planparse.extract.kinds import kind_of_rows

    got = kind_of_rows([["Risk", "Likelihood", "Impact", "Mitigation", "Owner"], ["Loss of data", "3", "4", "Backups", "IT"]])
    assert got is not None
    assert (got.id, got.reason) == ("risk_register", "a risk register (headings 'Risk', 'Likelihood', 'Impact', 'Mitigation')")
    got = kind_of_rows([["Contents", "Page"], ["Introduction", "3"], ["Our priorities", "5"], ["Action plan", "9"]])
    assert got is not None and got.reason == "a contents page (3 of 4 rows end in a page number, rising)"


def test_wrong_table_kind_names_the_line() -> None:
    from planparse.extract import vocab

    text = '[[kind]]\nid = "x"\nname = "a thing"\ncells = "colours"\nexamples = [[["a"]]]\nnot_examples = [[["b"]]]\n'
    with pytest.raises(KnowledgeError, match=r"tables.toml:1: kind 'x': unknown cells test 'colours'"):
        vocab.tables_from_data(*vocab.load_toml("tables.toml", text=text))
