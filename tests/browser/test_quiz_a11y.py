"""Accessibility: axe-core (the copy bundled with axe-playwright-python, never a CDN copy) on
every page of the book that holds a quiz, before and after answering: no serious or critical
violations."""

from __future__ import annotations

import pytest

from conftest import BUILD_HTML, ROOT

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


def dark(page) -> None:
    """Dark mode as a student sets it: the theme's stored choice, read when the page loads."""
    page.add_init_script("try { localStorage.setItem('theme', 'dark'); localStorage.setItem("
                         "'mode', 'dark'); } catch (e) {}")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_on_every_quiz_page_before_and_after_answering(book_html, book_url, page, theme):
    if theme == "dark":
        dark(page)
    pages = quiz_pages()
    assert "chapters/how-quizzes-work.html" in pages
    found = {}
    for path in pages:
        page.goto(f"{book_url}/{path}")
        page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
        assert page.evaluate("() => document.documentElement.dataset.theme") == theme
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


def bank_size(bank: str) -> int:
    """How many questions the page's bank holds: the count follows the content, not this file."""
    from medialit.quiz.loader import load_bank
    return len(load_bank(ROOT / "chapters" / "questions" / f"{bank}.yml").questions)


@pytest.mark.parametrize("chapter,bank", [("how-quizzes-work", "practice"),
                                          ("precheck", "precheck")])
def test_each_question_is_a_labelled_group_under_its_own_heading(book_url, page, chapter, bank):
    path = f"chapters/{chapter}.html"
    total = bank_size(bank)
    assert total >= 2
    page.goto(f"{book_url}/{path}")
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
    for n in range(1, total + 1):
        name = f"Question {n} of {total}"
        heading = page.get_by_role("heading", name=name, exact=True)
        assert heading.count() == 1
        assert heading.evaluate("h => h.tagName") == "H2"  # the quiz sits under the page's h1
        group = page.get_by_role("group", name=name, exact=True)
        assert group.count() == 1
        # The buttons say which question they belong to; their visible text stays short.
        check = group.get_by_role("button", name=f"Check: question {n}", exact=True)
        if check.count() == 0:  # the free-text question compares with a model answer
            check = group.get_by_role(
                "button", name=f"Compare with the model answer: question {n}", exact=True)
        assert check.count() == 1
        retry = group.get_by_role("button", name=f"Try again: question {n}", exact=True)
        assert retry.inner_text() == "Try again"
    names = page.evaluate("() => [...document.querySelectorAll('.mlq-actions button')]"
                          ".map(b => b.getAttribute('aria-label'))")
    assert len(names) == len(set(names))  # no two buttons of the page share a name


def test_result_signs_are_hidden_and_the_result_is_said_in_a_live_region(book_url, page):
    page.goto(f"{book_url}/chapters/how-quizzes-work.html")
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
    q = page.locator("#mlq-practice-q01")
    q.get_by_label("“found no evidence”").check()
    q.locator("button.mlq-check").click()
    status = q.get_by_role("status")
    assert status.locator(".mlq-verdict").inner_text() == "✗ Not quite."
    assert status.get_attribute("aria-live") == "polite"
    tree = status.aria_snapshot()
    assert "Not quite." in tree and "✗" not in tree, tree
    q2 = page.locator("#mlq-practice-q02")
    q2.locator("input[type=checkbox]").first.check()
    q2.locator("button.mlq-check").click()
    tree = q2.get_by_role("status").aria_snapshot()
    assert "Partly right: 33%." in tree and "◐" not in tree, tree


def test_contested_terms_have_a_text_equivalent(book_url, page):
    page.goto(f"{book_url}/chapters/terminology.html")
    term = page.locator(".contested-term").first
    assert term.count() == 1
    hidden = term.locator(".visually-hidden")
    assert hidden.text_content() == " (contested term)"
    box = hidden.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1)  # heard, not seen
    assert "(contested term)" in term.aria_snapshot()
