"""Every PDF fixture printed by Chromium and by reportlab reads like LibreOffice's print.

``tools/make_producer_fixtures.py`` renders each PDF fixture spec through two more
producers (``fixtures/pdf_chromium``, ``fixtures/pdf_reportlab``; committed, so these tests
need neither program). Each rendition must give the Word twin's records (records F1 1.00
against ``fixtures/expected/NAME.json``) with every field at least as right as in LibreOffice's PDF
of the same spec. Renditions the reader does not read yet are listed in ``NOT_YET`` with
what goes wrong; they are strict xfails, so one that starts to pass must be taken off.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import planparse
from planparse._evaluate import FIELDS, DocScore, load_expected, score_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PRODUCERS = ("pdf_chromium", "pdf_reportlab")

# (producer, fixture): why it does not read as LibreOffice's PDF yet (docs/pdf-producers.md)
NOT_YET: dict[tuple[str, str], str] = {
    ("pdf_chromium", "hwb_strategy_delivery_plan"): "untouched fixture; one action lost, 11/12",
    ("pdf_chromium", "seed000_fill_only"): "merged objective cell across a break: obj 0.87",
    ("pdf_chromium", "seed000_header_once"): "header printed once: rows after a break lost",
    ("pdf_chromium", "seed000_improvement_plan"): "merged objective across a break: obj 0.87",
    ("pdf_chromium", "seed001_business_plan"): "one list-row action text differs (0.98)",
    ("pdf_reportlab", "cqc_asc_assessment_plan"): "rows cut inside merged cells: 10/11",
    ("pdf_reportlab", "csp_action_plan"): "owners 0.70 (LibreOffice 0.90)",
    ("pdf_reportlab", "hmp_inspection_action_plan"): "a cut row's last lines leave the table",
    ("pdf_reportlab", "hwb_strategy_delivery_plan"): "untouched fixture; 7/12 actions",
    ("pdf_reportlab", "seed000_no_rules"): "rows without rules cut by a break: 44/45",
    ("pdf_reportlab", "seed001_business_plan"): "one list-row action text differs (0.97)",
    ("pdf_reportlab", "seed002_committee_pack"): "progress of one cut row (0.97)",
}


def _cases() -> list[tuple[str, str]]:
    return [
        (producer, pdf.stem)
        for producer in PRODUCERS
        for pdf in sorted((FIXTURES / producer).glob("*.pdf"))
    ]


@cache
def _score(folder: str, name: str) -> DocScore:
    result = planparse.parse(FIXTURES / folder / f"{name}.pdf")
    return score_document(name, result, load_expected(FIXTURES / "expected" / f"{name}.json"))


def test_every_pdf_fixture_has_both_producer_renditions() -> None:
    lo = sorted(p.stem for p in (FIXTURES / "pdf").glob("*.pdf"))
    for producer in PRODUCERS:
        assert sorted(p.stem for p in (FIXTURES / producer).glob("*.pdf")) == lo


@pytest.mark.slow
@pytest.mark.parametrize(
    ("producer", "name"),
    [
        pytest.param(
            p, n, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[(p, n)])
        )
        if (p, n) in NOT_YET
        else (p, n)
        for p, n in _cases()
    ],
)
def test_producer_rendition_gives_the_word_twins_records(producer: str, name: str) -> None:
    got = _score(producer, name)
    libreoffice = _score("pdf", name)
    assert (got.misses, got.extras) == ([], [])
    assert got.f1 == 1.0
    worse = {
        f: (round(got.field_accuracy(f), 4), round(libreoffice.field_accuracy(f), 4))
        for f in FIELDS
        if got.field_accuracy(f) < libreoffice.field_accuracy(f) - 1e-9
    }
    assert worse == {}  # field: (this producer, LibreOffice)
