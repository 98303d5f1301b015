"""The review page, opened in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planparse.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_review_writes_a_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["review", str(FIXTURES / "pdf" / "csp_action_plan.pdf"), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count('class="rec"') == 10
    assert html.count("data:image/png;base64,") == 2  # both pages embedded
    assert "http://" not in html and "https://" not in html  # no network


def _browser():  # type: ignore[no-untyped-def]
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if CHROMIUM is None:
        pytest.skip("no chromium browser installed (apt-get install -y chromium)")
    return playwright


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_clicking_the_third_record_highlights_its_cells(tmp_path: Path, fmt: str) -> None:
    sync_api = _browser()
    out = tmp_path / "review.html"
    assert main(["review", str(FIXTURES / fmt / f"csp_action_plan.{fmt}"), "-o", str(out)]) == 0
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(out.as_uri())
            page.locator(".rec").nth(2).click()
            selected = page.locator(".rec.selected")
            assert selected.count() == 1 and selected.get_attribute("id") == "rec-2"
            highlighted = page.locator(".hl")
            # the third record (1.3) has a ref, action, owner, deadline, evidence, progress and status cell
            assert highlighted.count() == 7
            first = highlighted.first
            assert first.evaluate(
                "e => { const r = e.getBoundingClientRect(); const d = document.getElementById('doc').getBoundingClientRect();"
                " return r.bottom > d.top && r.top < d.bottom; }"
            ), "the record's cells are scrolled into view"
            if fmt == "pdf":
                # clicking a box selects its record
                page.locator('.box[data-rec="4"]').first.click()
                assert page.locator(".rec.selected").get_attribute("id") == "rec-4"
                page.locator(".rec").nth(2).click()
                page.screenshot(path=str(tmp_path / "review.png"))
                assert (tmp_path / "review.png").stat().st_size > 10_000
        finally:
            browser.close()


def test_batch_review_writes_a_page_per_document_and_an_index(tmp_path: Path) -> None:
    docs = tmp_path / "in"
    docs.mkdir()
    for src in (FIXTURES / "pdf" / "csp_action_plan.pdf", FIXTURES / "docx" / "seed003_scr_action_plan.docx"):
        shutil.copy(src, docs / src.name)
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    out = tmp_path / "out"
    assert main(["batch", str(docs), "-o", str(out), "-j", "1", "-q", "--review"]) == 1  # one failed
    index = (out / "review" / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (out / "review").glob("*.html") if p.name != "index.html")
    assert len(pages) == 2
    for name in pages:
        assert f'href="{name}"' in index
    assert "broken.pdf" in index.split('id="failures"')[1]
