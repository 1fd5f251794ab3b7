"""Every page of the built book, opened in headless Chromium with the network closed.

For each page: no request leaves localhost, no console error, and the main heading is visible.
"""

from __future__ import annotations

import pytest

from conftest import BUILD_HTML


def page_paths() -> list[str]:
    """Every HTML page of the built book (collected at import, so build first: see below)."""
    relative = (p.relative_to(BUILD_HTML) for p in BUILD_HTML.rglob("*.html"))
    return sorted(
        p.as_posix() for p in relative
        # lite/ is the JupyterLite app (tests/browser/test_lite.py runs it), not a book page
        if p.parts[0] not in ("_static", "_sources", "lite")
    )


def test_book_has_pages(book_html):
    pages = page_paths()
    assert "chapters/oped.html" in pages and "intro.html" in pages


def test_every_page_is_offline_clean_and_has_a_visible_heading(book_html, book_url, page):
    failures = []
    for path in page_paths():
        page.watch.external_requests.clear()
        page.watch.console_errors.clear()
        page.goto(f"{book_url}/{path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        heading = page.locator("article.bd-article h1").first
        if path not in ("search.html", "genindex.html") and not heading.is_visible():
            failures.append(f"{path}: main heading not visible")
        if page.watch.external_requests:
            failures.append(f"{path}: requests to other hosts {page.watch.external_requests}")
        if page.watch.unexpected_console_errors():
            failures.append(f"{path}: console errors {page.watch.unexpected_console_errors()}")
    assert failures == [], "\n".join(failures)


def test_oped_page_sentence_anchor_and_screenshot(book_url, page, output_dir):
    page.goto(f"{book_url}/chapters/oped.html")
    page.screenshot(path=str(output_dir / "oped-page.png"), full_page=True)
    page.goto(f"{book_url}/chapters/oped.html#p5-s2")
    sentence = page.locator("#p5-s2")
    assert sentence.is_visible()
    assert sentence.inner_text().endswith(
        "No international body has characterized the exodus of the Karabakh Armenians as such.")
    assert page.locator(".oped-para").count() == 9
    # the targeted sentence is highlighted, so a shared link shows the reader where to look
    assert page.evaluate("getComputedStyle(document.getElementById('p5-s2')).outlineStyle") == "solid"
    assert page.watch.external_requests == []


@pytest.mark.parametrize("width", [375])
def test_oped_page_fits_a_phone(book_url, browser, width, output_dir):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{book_url}/chapters/oped.html")
    overflow = page.evaluate(
        "() => document.querySelector('.oped').scrollWidth - document.querySelector('.oped').clientWidth")
    page.screenshot(path=str(output_dir / f"oped-page-{width}px.png"))
    context.close()
    assert overflow <= 0
