"""Accessibility: axe-core (the copy bundled with axe-playwright-python, never a CDN copy) on
every page of the book that holds a quiz, before and after answering: no serious or critical
violations."""

from __future__ import annotations

import pytest

from conftest import BUILD_HTML

SEVERE = {"serious", "critical"}


def quiz_pages() -> list[str]:
    return sorted(p.relative_to(BUILD_HTML).as_posix() for p in BUILD_HTML.rglob("*.html")
                  if 'class="mlq-quiz"' in p.read_text(encoding="utf-8"))


def severe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in results.response["violations"] if v["impact"] in SEVERE]


def test_axe_on_every_quiz_page_before_and_after_answering(book_html, book_url, page):
    pages = quiz_pages()
    assert "chapters/how-quizzes-work.html" in pages
    found = {}
    for path in pages:
        page.goto(f"{book_url}/{path}")
        page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
        found[f"{path} (fresh)"] = severe_violations(page)
        # Every feedback state: hints shown, an answer checked, the key revealed.
        for question in page.locator(".mlq-question").all():
            for hint in question.locator("button.mlq-hint").all():
                hint.click()
            first = question.locator(".mlq-body input").first
            if first.count():
                if first.get_attribute("type") == "text":
                    first.fill("1")
                else:
                    first.check()
            question.locator("textarea").all() and question.locator("textarea").fill("text")
            question.locator("button.mlq-check").click()
            for reveal in question.locator("button.mlq-reveal").all():
                reveal.click()
        found[f"{path} (answered)"] = severe_violations(page)
        assert page.watch.external_requests == []
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("theme", ["dark"])
def test_axe_quiz_in_dark_theme(book_url, page, theme):
    page.goto(f"{book_url}/chapters/how-quizzes-work.html")
    page.evaluate(f"() => document.documentElement.dataset.theme = '{theme}'")
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
    page.locator("#mlq-practice-q01 input").first.check()
    page.locator("#mlq-practice-q01 button.mlq-check").click()
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=".mlq-quiz")
    bad = [v["id"] for v in results.response["violations"] if v["impact"] in SEVERE]
    assert bad == []


def test_axe_check_can_fail(book_url, page):
    """Guards the guard: an unlabelled control added to the quiz is reported as severe."""
    page.goto(f"{book_url}/chapters/how-quizzes-work.html")
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
    page.evaluate("() => document.querySelector('.mlq-body').appendChild("
                  "document.createElement('select'))")
    assert any(v.startswith("select-name") for v in severe_violations(page))
