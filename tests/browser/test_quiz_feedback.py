"""Feedback that is always true (issue 16 §3 and the quiz items of §5), in headless Chromium on
the built book: each test gives the answer a student gave and reads the exact text shown."""

from __future__ import annotations

from browser.quizdriver import BANK, PAGE
from medialit.quiz.i18n import message
from medialit.quiz.markup import plain

SCORE_NOTE = "Self-checked answers are not part of this score."


def open_quiz(page, book_url, path=PAGE):
    page.goto(f"{book_url}/{path}")
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready] .mlq-check")


def lines(q) -> list[str]:
    return q.locator(".mlq-lines li").all_inner_texts()


def verdict(q) -> str:
    return q.locator(".mlq-verdict").inner_text()


def score_line(page) -> str:
    return page.locator(".mlq-score").inner_text()


def stored(page, qid):
    return page.evaluate("id => Object.keys(localStorage).filter(k => k.endsWith(':' + id))"
                         ".map(k => JSON.parse(localStorage.getItem(k)))", qid)


def test_multiple_choice_names_each_option_and_the_missed_one(book_url, page):
    open_quiz(page, book_url)
    mc = BANK.question("practice-q02")  # key a, b, c of five options
    q = page.locator("#mlq-practice-q02")
    text = {o.id: plain(o.text) for o in mc.options}
    feedback = {o.id: plain(o.feedback) for o in mc.options}
    for oid in ("a", "b", "d"):
        q.get_by_label(text[oid], exact=True).check()
    q.locator("button.mlq-check").click()
    assert verdict(q) == "◐ Partly right: 17%."  # 2/3 − 1/2, as the explainer page says
    assert lines(q) == [f"You chose {text['a']}, and it is right. {feedback['a']}",
                        f"You chose {text['b']}, and it is right. {feedback['b']}",
                        f"You chose {text['d']}, but it is not right. {feedback['d']}",
                        "One right option is not chosen yet."]
    explainer = page.locator("article").inner_text()
    assert "2/3 − 1/2 = 1/6, shown as 17%" in explainer
    assert "each wrong\nchoice costs as much" not in explainer


def test_partly_right_is_not_in_the_colour_of_wrong(book_url, page):
    open_quiz(page, book_url)
    q1, q2 = page.locator("#mlq-practice-q01"), page.locator("#mlq-practice-q02")
    q1.get_by_label("“found no evidence”").check()  # wrong
    q1.locator("button.mlq-check").click()
    q2.get_by_label(plain(BANK.question("practice-q02").options[0].text), exact=True).check()
    q2.locator("button.mlq-check").click()  # 1 of 3 right: partly
    assert verdict(q1) == "✗ Not quite." and verdict(q2) == "◐ Partly right: 33%."

    def colours(q):
        return q.evaluate("r => [getComputedStyle(r.querySelector('.mlq-verdict')).color,"
                          " getComputedStyle(r).borderLeftColor]")

    wrong, partly = colours(q1), colours(q2)
    assert wrong[0] != partly[0] and wrong[1] != partly[1]
    assert partly == ["rgb(138, 90, 0)", "rgb(138, 90, 0)"]


def test_click_phrase_shows_the_selection_with_plurals(book_url, page):
    open_quiz(page, book_url)
    q = page.locator("#mlq-practice-q05")
    words = q.locator(".mlq-word")
    texts = words.all_inner_texts()
    start = next(i for i in range(len(texts)) if texts[i:i + 3] == ["found", "no", "evidence"])
    words.nth(start).click()
    q.locator("button.mlq-check").click()
    assert lines(q)[0] == "1 word selected: “found”."
    words.nth(start + 1).click()
    words.nth(start + 2).click()
    words.nth(0).click()
    q.locator("button.mlq-check").click()
    assert lines(q)[0] == f"4 words selected: “{texts[0]}” … “found no evidence”."
    assert not any(line.startswith("Selected:") for line in lines(q))


def test_numeric_words_are_a_format_warning_not_an_attempt(book_url, page):
    open_quiz(page, book_url)
    q = page.locator("#mlq-practice-q08")
    q.get_by_label("Your answer").fill("about 600")
    q.locator("button.mlq-check").click()
    assert q.locator(".mlq-feedback").inner_text() == (
        "“about 600” is not a number: enter digits only, such as 42 or 3.5. "
        "This try was not counted.")
    assert "mlq-is-wrong" not in q.get_attribute("class")
    assert score_line(page) == f"Score on this page: 0 of 8 (0 of 8 answered). {SCORE_NOTE}"
    assert all(not s.get("c") for s in stored(page, "practice-q08"))
    q.get_by_label("Your answer").fill("600")
    q.locator("button.mlq-check").click()
    assert verdict(q) == "✗ Not quite."
    assert score_line(page) == f"Score on this page: 0 of 8 (1 of 8 answered). {SCORE_NOTE}"


def test_ordering_start_earns_nothing_and_the_score_is_in_words(book_url, page):
    open_quiz(page, book_url)
    order = BANK.question("practice-q07")
    q = page.locator("#mlq-practice-q07")
    shown = q.locator(".mlq-item > span:first-child").all_inner_texts()
    assert shown == list(reversed(order.items))
    q.locator("button.mlq-check").click()
    n = len(order.items)
    assert verdict(q) == "✗ Not quite."
    assert lines(q) == [(f"{n % 2} of {n} items are in their right place. The score compares "
                         f"every two items: in 0 of the {n * (n - 1) // 2} pairs, the item that "
                         "comes first in the answer is also higher in your list.")]
    assert stored(page, "practice-q07")[0]["f"] == 0


def test_free_text_self_ticks_do_not_count_toward_the_page_score(book_url, page):
    open_quiz(page, book_url)
    q = page.locator("#mlq-practice-q09")
    q.get_by_label("Your answer").fill("I would read the statements of international bodies.")
    q.locator("button.mlq-check").click()
    for box in q.locator(".mlq-rubric input[type=checkbox]").all():
        box.check()
    assert q.locator(".mlq-feedback").inner_text() == (
        "You ticked 4 of 4 points (self-check, not scored by the computer).")
    assert score_line(page) == f"Score on this page: 0 of 8 (0 of 8 answered). {SCORE_NOTE}"
    page.reload()
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready]")
    assert score_line(page) == f"Score on this page: 0 of 8 (0 of 8 answered). {SCORE_NOTE}"


def test_reset_asks_first_and_keeping_clears_nothing(book_url, page):
    open_quiz(page, book_url)
    q = page.locator("#mlq-practice-q03")
    q.get_by_label("False", exact=True).check()
    q.locator("button.mlq-check").click()
    page.get_by_role("button", name="Reset this page").click()
    dialog = page.get_by_role("alertdialog")
    assert dialog.locator("p").inner_text() == message("reset_confirm")  # no pre/post skills here
    dialog.get_by_role("button", name="Keep my answers", exact=True).click()
    assert page.get_by_role("alertdialog").count() == 0
    assert score_line(page) == "Nothing was cleared."
    assert verdict(q) == "✓ Correct." and stored(page, "practice-q03")[0]["c"] is True
    page.get_by_role("button", name="Reset this page").click()
    page.get_by_role("button", name="Clear the answers").click()
    assert stored(page, "practice-q03") == []
    assert score_line(page) == "The answers on this page were cleared."


def test_print_shows_no_buttons_and_the_postcheck_prints_its_table(book_url, page):
    open_quiz(page, book_url)
    page.emulate_media(media="print")
    # The words of a click-the-phrase question are buttons too: they print, as the text.
    assert page.locator(".mlq-quiz button:not(.mlq-word):visible").count() == 0
    assert page.locator(".mlq-word:visible").count() > 0
    assert page.locator(".mlq-question:visible").count() == 9  # the questions still print
    page.emulate_media(media="screen")
    page.goto(f"{book_url}/chapters/postcheck.html")
    page.wait_for_selector("section.mlq-compare[data-mlq-compare-ready]")
    page.emulate_media(media="print")
    assert page.locator(".mlq-quiz").is_hidden()
    table = page.locator(".mlq-compare-table")
    assert table.is_visible()
    # The table comes within the first printed page (A4 at 96 dpi: about 1123 px high).
    assert table.evaluate("t => t.getBoundingClientRect().top + window.scrollY") < 1123
