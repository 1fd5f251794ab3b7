"""The static quiz face in headless Chromium, on the built book served on localhost with every
other host blocked: for every question type, a wrong answer shows its feedback, a right answer
given with the keyboard alone shows success, a reload restores the answers and "Reset this page"
clears them. Screenshots of each type before and after checking go to test-output/."""

from __future__ import annotations

import re

import pytest

from browser.conftest import watch
from browser.quizdriver import DRIVERS, PAGE, is_focused, press_check, state_of, tab_to
from conftest import ROOT, serve_directory
from medialit.case import load_oped
from medialit.quiz import load_bank, score
from medialit.quiz.html import question_data
from medialit.quiz.types.click_phrase import paragraph_words


def open_quiz(page, book_url):
    page.goto(f"{book_url}/{PAGE}")
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready] .mlq-check")
    return page


def feedback(q) -> str:
    return q.locator(".mlq-feedback").inner_text()


def stored(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('medialit-quiz:')).map(k => [k, localStorage.getItem(k)]))""")


@pytest.mark.parametrize("driver", DRIVERS, ids=lambda d: d.question.type_name)
def test_question_type_wrong_right_keyboard_reload_reset(book_url, page, output_dir, driver):
    kind = driver.question.type_name
    open_quiz(page, book_url)
    q = page.locator(f"#mlq-{driver.qid}")
    q.scroll_into_view_if_needed()
    q.screenshot(path=str(output_dir / f"quiz-{kind}-1-before.png"))

    # A wrong answer (mouse) shows its own feedback.
    driver.wrong(q)
    q.locator("button.mlq-check").click()
    if kind == "free_text":
        assert "Model answer:" in q.locator(".mlq-solution").inner_text()
    else:
        assert re.search(r"Not quite\.|Partly right", feedback(q)), feedback(q)
        assert "mlq-is-wrong" in q.get_attribute("class")
    assert driver.wrong_feedback in feedback(q), feedback(q)
    q.screenshot(path=str(output_dir / f"quiz-{kind}-2-wrong.png"))

    # Try again (keyboard), then the right answer with the keyboard alone, then Check.
    tab_to(page, q.locator("button.mlq-retry"))
    page.keyboard.press("Enter")
    assert feedback(q) == ""
    driver.right_by_keyboard(page, q)
    if kind == "numeric":
        page.keyboard.press("Enter")  # Enter in the number field checks
    else:
        press_check(page, q)
    if kind == "free_text":
        box = q.locator(".mlq-rubric input[type=checkbox]").first
        tab_to(page, box)
        page.keyboard.press("Space")
        assert "You ticked 1 of 4 points" in feedback(q)
    else:
        assert "Correct." in feedback(q), feedback(q)
        assert "mlq-is-correct" in q.get_attribute("class")
        assert "Why:" in q.locator(".mlq-solution").inner_text()
    q.screenshot(path=str(output_dir / f"quiz-{kind}-3-right.png"))
    answered = state_of(q)
    assert page.locator(".mlq-score").inner_text().startswith("Score on this page:")

    # Reload: the answer and its feedback come back.
    page.reload()
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready] .mlq-check")
    q = page.locator(f"#mlq-{driver.qid}")
    assert state_of(q) == answered
    if kind == "free_text":
        assert "You ticked 1 of 4 points" in feedback(q) or q.locator(
            ".mlq-rubric input").first.is_checked()
    else:
        assert "Correct." in feedback(q)
    assert any(driver.qid in key for key in stored(page))

    # Reset this page, confirmed: controls, feedback and storage are cleared.
    reset = page.get_by_role("button", name="Reset this page")
    tab_to(page, reset)
    page.keyboard.press("Enter")
    assert stored(page) != {}  # nothing cleared before the confirmation
    tab_to(page, page.get_by_role("button", name="Clear the answers"))
    page.keyboard.press("Enter")
    q = page.locator(f"#mlq-{driver.qid}")
    assert feedback(q) == ""
    assert stored(page) == {}
    assert "The answers on this page were cleared." in page.locator(".mlq-score").inner_text()
    fresh = state_of(q)
    assert not any(fresh[0]) and not any(fresh[1]) and "true" not in fresh[2]
    assert not any(fresh[4])
    assert page.watch.external_requests == [] and page.watch.unexpected_console_errors() == []


def test_hints_one_at_a_time_and_reveal(book_url, page):
    open_quiz(page, book_url)
    q = page.locator("#mlq-practice-q02")
    hint = q.get_by_role("button", name="Hint")
    hint.click()
    assert q.locator(".mlq-hint-text").count() == 1
    assert "Hint 1 of 2:" in q.locator(".mlq-hints").inner_text()
    hint.click()
    assert q.locator(".mlq-hint-text").count() == 2
    assert hint.get_attribute("aria-disabled") == "true"  # no third hint
    hint.click(force=True)
    assert q.locator(".mlq-hint-text").count() == 2
    q.get_by_role("button", name="Show answer").click()
    solution = q.locator(".mlq-solution").inner_text()
    assert "Answer: “ethnic cleansing”; “a campaign of extermination”" in solution
    assert "Why:" in solution


def test_empty_check_asks_for_an_answer_and_score_line_counts(book_url, page):
    open_quiz(page, book_url)
    q = page.locator("#mlq-practice-q01")
    q.locator("button.mlq-check").click()
    assert feedback(q) == "Choose or enter an answer first."
    q.get_by_label("“violence against civilians”").check()
    q.locator("button.mlq-check").click()
    page.locator("#mlq-practice-q02").get_by_label("“ethnic cleansing”").check()
    page.locator("#mlq-practice-q02 button.mlq-check").click()
    assert page.locator(".mlq-score").inner_text() == (
        "Score on this page: 1.3 of 8 (2 of 8 answered). "
        "Self-checked answers are not part of this score.")


def test_feedback_is_in_a_live_region_and_every_control_has_a_label(book_url, page):
    open_quiz(page, book_url)
    regions = page.locator(".mlq-question .mlq-feedback")
    assert regions.count() == 9
    for i in range(9):
        assert regions.nth(i).get_attribute("aria-live") == "polite"
        assert regions.nth(i).get_attribute("role") == "status"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        '.mlq-quiz input, .mlq-quiz select, .mlq-quiz textarea, .mlq-quiz button')]
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                      && !(el.tagName === 'BUTTON' && el.textContent.trim()))
        .map(el => el.outerHTML)""")
    assert unlabelled == []


def test_keyboard_focus_is_visible(book_url, page):
    open_quiz(page, book_url)
    check = page.locator("#mlq-practice-q01 button.mlq-check")
    tab_to(page, check)
    assert is_focused(check)
    outline = check.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + "
                             "getComputedStyle(el).outlineWidth")
    assert outline.startswith("solid") and outline != "solid 0px"


@pytest.mark.parametrize("width,height,name", [(375, 800, "375px"), (640, 450, "zoom200")])
def test_quiz_fits_a_phone_and_200_percent_zoom(book_url, browser, output_dir, width, height,
                                                name):
    """640x450 CSS pixels is what a 1280x900 window shows at 200 % zoom."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{book_url}/{PAGE}")
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
    wide = page.evaluate("""() => [...document.querySelectorAll('.mlq-quiz, .mlq-quiz *')]
        .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX
                === 'visible' && el.clientWidth > 0).map(el => el.className || el.tagName)""")
    quiz_box = page.evaluate("() => { const r = document.querySelector('.mlq-quiz')"
                             ".getBoundingClientRect(); return [r.left, r.right]; }")
    page.locator("#mlq-practice-q07").screenshot(path=str(output_dir / f"quiz-ordering-{name}.png"))
    page.locator("#mlq-practice-q04").screenshot(path=str(output_dir / f"quiz-labels-{name}.png"))
    context.close()
    assert wide == []
    assert quiz_box[0] >= 0 and quiz_box[1] <= width


def test_static_face_works_from_file_url(book_html, browser):
    """index.html opened straight from disk: no fetch of data files, so quizzes still work."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((book_html / PAGE).as_uri())
    q = page.locator("#mlq-practice-q03")
    q.get_by_label("False", exact=True).check()
    q.locator("button.mlq-check").click()
    assert "Correct." in q.locator(".mlq-feedback").inner_text()
    page.reload()
    assert "Correct." in page.locator("#mlq-practice-q03 .mlq-feedback").inner_text()
    context.close()
    assert errors == []


def _js_answer(question, answer):
    """The Python answer in the static face's own format (click: word indexes)."""
    if question.type_name != "click_phrase":
        return answer
    words = paragraph_words(load_oped(), question.paragraph)
    return [i for i, (s, e, _) in enumerate(words) if any(s < b and a < e for a, b in answer)]


def test_js_scoring_agrees_with_python(book_url, page):
    open_quiz(page, book_url)
    bank = load_bank(ROOT / "chapters" / "questions" / "practice.yml")
    oped = load_oped()
    p6 = oped.paragraph(6)
    cases = {
        "practice-q01": ["a", "b"],
        "practice-q02": [["a"], ["a", "b", "c"], ["a", "d"], ["a", "b", "c", "d", "e"]],
        "practice-q03": [True, False],
        "practice-q04": [{"8.1": "checkable statement"},
                         {"8.1": "checkable statement", "9.2": "opinion or judgment",
                          "9.3": "opinion or judgment"}],
        "practice-q05": [[(p6.start, p6.start + 40)],
                         [(oped.find("found no evidence", 6).start,
                           oped.find("found no evidence", 6).end)]],
        "practice-q06": [{"¶1.1 “presents a deeply one-sided view”":
                          "characterizes the article it answers"}],
        "practice-q07": [list(reversed(bank.question("practice-q07").items)),
                         bank.question("practice-q07").shuffled()],
        "practice-q08": ["42000", "41000", "1,000"],
    }
    for qid, answers in cases.items():
        question = bank.question(qid)
        data = question_data(question, 1, 1, oped)
        for answer in answers:
            expected = score(question, answer)
            got = page.evaluate("([d, a]) => window.medialitQuiz.score(d, a)",
                                [data, _js_answer(question, answer)])
            assert got["fraction"] == pytest.approx(expected.fraction), (qid, answer)
            assert got["correct"] == expected.correct, (qid, answer)


def test_tricky_characters_render_as_written(quiz_fixture_book, browser, output_dir):
    """Apostrophes, quotes, <script>, backslashes and TeX in every field show as written and
    nothing in them runs."""
    assert quiz_fixture_book.returncode == 0, quiz_fixture_book.output[-3000:]
    question = load_bank(ROOT / "tests" / "roots" / "quiz-tricky" / "questions" /
                         "tricky.yml").questions[0]
    with serve_directory(quiz_fixture_book.html) as url:
        context = browser.new_context()
        page = context.new_page()
        seen = watch(page)
        page.goto(f"{url}/tricky.html")
        page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
        q = page.locator("#mlq-tricky-q01")
        assert q.locator(".mlq-prompt").text_content() == question.prompt
        labels = q.locator(".mlq-option label")
        assert labels.nth(0).text_content() == question.options[0].text
        assert labels.nth(1).text_content() == question.options[1].text
        q.get_by_role("button", name="Hint").click()
        assert q.locator(".mlq-hint-text").text_content() == "Hint 1 of 1: " + question.hints[0]
        q.locator("input[type=radio]").first.check()
        q.locator("button.mlq-check").click()
        assert q.locator(".mlq-lines li").text_content() == question.options[0].feedback
        assert q.locator(".mlq-solution p").last.text_content() == (
            "Why: " + question.explanation)
        q.locator("input[type=radio]").nth(1).check()
        q.locator("button.mlq-check").click()
        assert q.locator(".mlq-lines li").text_content() == question.options[1].feedback
        assert page.evaluate("() => window.__pwned") is None
        assert q.locator("script:not([type='application/json']), img, b, em").count() == 0
        q.screenshot(path=str(output_dir / "quiz-tricky-characters.png"))
        context.close()
    assert seen.external_requests == [] and seen.unexpected_console_errors() == []


def test_quiz_displayed_by_a_notebook_works_in_the_static_book(quiz_fixture_book, browser):
    """The text/html face that Quiz puts in a notebook output is live in the built page."""
    assert quiz_fixture_book.returncode == 0, quiz_fixture_book.output[-3000:]
    with serve_directory(quiz_fixture_book.html) as url:
        context = browser.new_context()
        page = context.new_page()
        seen = watch(page)
        page.goto(f"{url}/notebook.html")
        q = page.locator("#mlq-tricky-q01")
        q.locator("input[type=radio]").first.check()
        q.locator("button.mlq-check").click()
        assert "Correct." in q.locator(".mlq-feedback").inner_text()
        context.close()
    assert seen.external_requests == [] and seen.unexpected_console_errors() == []
