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
NOT_YET: dict[tuple[str, str], str] = {}


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
