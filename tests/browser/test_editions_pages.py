"""The instructor edition's own pages in Chromium with the network closed, and a look at both
editions: the banner is on every instructor page and on no student page."""

from __future__ import annotations

from conftest import serve_directory


def instructor_paths(html) -> list[str]:
    return sorted(p.relative_to(html).as_posix()
                  for folder in ("instructor", "solutions") for p in (html / folder).rglob("*.html"))


def test_instructor_pages_are_offline_clean_with_a_heading_and_the_banner(editions, page,
                                                                          output_dir):
    html = editions.instructor_html
    paths = instructor_paths(html)
    assert "instructor/keys/sets.html" in paths and "solutions/set-a-framing.html" in paths
    failures = []
    with serve_directory(html) as url:
        for path in paths:
            page.watch.external_requests.clear()
            page.watch.console_errors.clear()
            page.goto(f"{url}/{path}", wait_until="load")
            if not page.locator("article.bd-article h1").first.is_visible():
                failures.append(f"{path}: main heading not visible")
            if not page.locator(".bd-header-announcement").is_visible():
                failures.append(f"{path}: no instructor-edition banner")
            if page.watch.external_requests:
                failures.append(f"{path}: requests to other hosts {page.watch.external_requests}")
            if page.watch.unexpected_console_errors():
                failures.append(f"{path}: console errors {page.watch.unexpected_console_errors()}")
        page.goto(f"{url}/instructor/keys/sets.html")
        page.screenshot(path=str(output_dir / "instructor-keys-sets.png"))
    assert failures == [], "\n".join(failures)


def test_student_exercise_page_has_no_banner_and_offers_the_notebook(book_url, page, output_dir):
    page.goto(f"{book_url}/exercises/set-a-framing.html")
    assert page.locator("h1").first.inner_text().startswith("Set A")
    assert page.locator(".bd-header-announcement").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("_sources/exercises/set-a-framing.ipynb") for h in hrefs), hrefs
    page.screenshot(path=str(output_dir / "student-set-a.png"))
    assert page.watch.external_requests == []
