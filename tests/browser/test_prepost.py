"""The pre-check and post-check pages in headless Chromium (book served on localhost, every other
host blocked): answers given on both pages show up, per skill, in the post-check's comparison
table; the table updates live, survives a reload, follows "Reset this page" on either page and
works from file://. axe finds no serious or critical problem in the table. A screenshot of the
panel goes to test-output/prepost-panel.png."""

from __future__ import annotations

from browser.conftest import watch
from browser.test_quiz_a11y import quiz_pages, severe_violations
from conftest import ROOT
from medialit.quiz import load_bank
from medialit.quiz.material import load_practice
from medialit.quiz.types.click_phrase import key_words

PRE, POST = "chapters/precheck.html", "chapters/postcheck.html"
POST_BANK = load_bank(ROOT / "chapters" / "questions" / "postcheck.yml")
NOT_TAKEN = "not taken yet"
SKILLS = ["Framing", "Sourcing and evidence", "Contested terms", "Rhetoric", "Verification",
          "Summary and reflection", "All skills"]


def open_page(page, url):
    page.goto(url)
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready] .mlq-check")


def check(page, qid):
    page.locator(f"#mlq-{qid} button.mlq-check").click()


def answer_pre(page):
    """Framing 1 of 2 checked (right); sourcing both checked (0.5 + 0); terms 1 of 2 (right)."""
    q = page.locator("#mlq-precheck-q02")
    q.get_by_label("¶3.1", exact=False).check()
    check(page, "precheck-q02")
    page.locator("#mlq-precheck-q03").get_by_label("¶2.1", exact=False).check()  # half the key
    check(page, "precheck-q03")
    page.locator("#mlq-precheck-q04").get_by_label("It misquotes the report", exact=False).check()
    check(page, "precheck-q04")
    page.locator("#mlq-precheck-q06").get_by_label("True", exact=True).check()
    check(page, "precheck-q06")


def answer_post(page, panel_rows):
    """Framing and sourcing all right; rhetoric 1 of 2 (right); the table follows each step."""
    q = page.locator("#mlq-postcheck-q01")
    question = POST_BANK.question("postcheck-q01")
    for select, sid in zip(q.locator("select").all(), question.sentences):
        select.select_option(question.answer[sid])
    check(page, "postcheck-q01")
    assert panel_rows()["Framing"][1] == "1 of 2 (1 of 2 checked)"  # live, no reload
    page.locator("#mlq-postcheck-q02").get_by_label("¶6.1", exact=False).check()
    check(page, "postcheck-q02")
    q = page.locator("#mlq-postcheck-q03")
    q.get_by_label("¶6.2", exact=False).check()
    q.get_by_label("¶6.3", exact=False).check()
    check(page, "postcheck-q03")
    page.locator("#mlq-postcheck-q04").get_by_label("It changes the base", exact=False).check()
    check(page, "postcheck-q04")
    words = page.locator("#mlq-postcheck-q07 .mlq-word")
    for index in sorted(set().union(*key_words(POST_BANK.question("postcheck-q07"),
                                               load_practice()))):
        words.nth(index).click()
    check(page, "postcheck-q07")


def rows_of(page) -> dict[str, list[str]]:
    """Row header -> [pre-check cell, post-check cell], read as the learner sees them."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'section.mlq-compare tbody tr')].map(tr => [tr.querySelector('th').textContent.trim(),
        [...tr.querySelectorAll('td[data-mlq-form]')].map(td => td.textContent.trim())]))""")


def gains_of(page) -> dict[str, str]:
    """Row header -> the change column, as the learner sees it."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'section.mlq-compare tbody tr')].map(tr => [tr.querySelector('th').textContent.trim(),
        tr.querySelector('td[data-mlq-gain]').textContent.trim()]))""")


EXPECTED = {
    "Framing": ["1 of 2 (1 of 2 checked)", "2 of 2"],
    "Sourcing and evidence": ["0.5 of 2", "2 of 2"],
    "Contested terms": ["1 of 2 (1 of 2 checked)", NOT_TAKEN],
    "Rhetoric": [NOT_TAKEN, "1 of 2 (1 of 2 checked)"],
    "Verification": [NOT_TAKEN, NOT_TAKEN],
    "Summary and reflection": [NOT_TAKEN, NOT_TAKEN],
    "All skills": ["2.5 of 12 (4 of 12 checked)", "5 of 12 (5 of 12 checked)"],
}


def test_table_headers_are_accessible(book_url, page):
    open_page(page, f"{book_url}/{POST}")
    table = page.locator("section.mlq-compare table")
    assert table.locator("caption").inner_text().startswith("Your scores per skill")
    heads = table.locator("thead th")
    assert [heads.nth(i).get_attribute("scope") for i in range(3)] == ["col"] * 3
    assert heads.all_inner_texts() == ["Skill", "Pre-check", "Post-check", "Change"]
    assert heads.nth(1).locator("a").get_attribute("href") == "precheck.html"
    row_heads = table.locator("tbody th")
    assert row_heads.all_inner_texts() == SKILLS
    assert {row_heads.nth(i).get_attribute("scope") for i in range(len(SKILLS))} == {"row"}
    assert rows_of(page) == {s: [NOT_TAKEN, NOT_TAKEN] for s in SKILLS}
    assert "print this page" in page.locator(".mlq-compare-print").inner_text()
    assert page.locator(".mlq-compare-noscript").is_hidden()
    assert page.watch.external_requests == [] and page.watch.unexpected_console_errors() == []


def test_pre_and_post_scores_side_by_side_reload_and_reset(book_url, page, output_dir):
    open_page(page, f"{book_url}/{PRE}")
    answer_pre(page)
    open_page(page, f"{book_url}/{POST}")
    rows = rows_of(page)
    assert rows["Framing"] == ["1 of 2 (1 of 2 checked)", NOT_TAKEN]
    answer_post(page, lambda: rows_of(page))
    assert rows_of(page) == EXPECTED
    gains = gains_of(page)
    assert gains["Sourcing and evidence"] == "+1.5 (on 2 items)"  # both forms fully checked
    assert gains["Framing"] == "after both forms are checked (2 items)"
    assert gains["All skills"] == "after both forms are checked (12 items)"
    page.locator("section.mlq-compare").screenshot(path=str(output_dir / "prepost-panel.png"))

    page.reload()
    page.wait_for_selector("section.mlq-compare[data-mlq-compare-ready]")
    assert rows_of(page) == EXPECTED

    # Reset the post-check page (after confirming): its column empties at once; the pre-check
    # column stays.
    page.get_by_role("button", name="Reset this page").click()
    page.get_by_role("button", name="Clear the answers").click()
    assert rows_of(page) == {s: [EXPECTED[s][0], NOT_TAKEN] for s in SKILLS}

    # Reset on the pre-check page first says that it removes the baseline, and offers to keep
    # it: keeping clears nothing.
    open_page(page, f"{book_url}/{PRE}")
    page.get_by_role("button", name="Reset this page").click()
    dialog = page.get_by_role("alertdialog")
    assert dialog.locator("p").inner_text() == (
        "Clear every answer on this page? This cannot be undone. Some of them are kept for the "
        "side-by-side comparison of your pre-check and post-check scores; clearing them removes "
        "them from it.")
    keep = dialog.get_by_role("button", name="Keep my answers (and the comparison)")
    assert keep.evaluate("el => el === document.activeElement")  # the safe choice has focus
    keep.click()
    assert page.locator(".mlq-score").inner_text() == "Nothing was cleared."
    open_page(page, f"{book_url}/{POST}")
    assert rows_of(page) == {s: [EXPECTED[s][0], NOT_TAKEN] for s in SKILLS}

    # Confirmed: back on the post-check page the pre-check column is empty too.
    open_page(page, f"{book_url}/{PRE}")
    page.get_by_role("button", name="Reset this page").click()
    page.get_by_role("button", name="Clear the answers").click()
    open_page(page, f"{book_url}/{POST}")
    assert rows_of(page) == {s: [NOT_TAKEN, NOT_TAKEN] for s in SKILLS}
    assert page.watch.external_requests == [] and page.watch.unexpected_console_errors() == []


def test_an_answer_in_another_tab_updates_the_table(book_url, context, page):
    open_page(page, f"{book_url}/{POST}")
    other = context.new_page()
    seen = watch(other)
    open_page(other, f"{book_url}/{PRE}")
    other.locator("#mlq-precheck-q06").get_by_label("True", exact=True).check()
    check(other, "precheck-q06")
    page.wait_for_function("() => [...document.querySelectorAll('section.mlq-compare td')]"
                           ".some(td => td.textContent.startsWith('1 of 2'))")
    assert rows_of(page)["Contested terms"] == ["1 of 2 (1 of 2 checked)", NOT_TAKEN]
    other.close()
    assert seen.external_requests == [] and page.watch.external_requests == []


def test_panel_works_from_file_url(book_html, browser):
    """Opened straight from disk: the table still reads the pre-check page's progress."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((book_html / PRE).as_uri())
    page.locator("#mlq-precheck-q06").get_by_label("True", exact=True).check()
    check(page, "precheck-q06")
    page.goto((book_html / POST).as_uri())
    page.wait_for_selector("section.mlq-compare[data-mlq-compare-ready]")
    assert rows_of(page)["Contested terms"] == ["1 of 2 (1 of 2 checked)", NOT_TAKEN]
    context.close()
    assert errors == []


def test_axe_on_both_pages_and_the_filled_table(book_url, page):
    pages = quiz_pages()
    assert PRE in pages and POST in pages  # so test_quiz_a11y also checks both, answered
    open_page(page, f"{book_url}/{PRE}")
    assert severe_violations(page) == []
    answer_pre(page)
    assert severe_violations(page) == []
    open_page(page, f"{book_url}/{POST}")
    answer_post(page, lambda: rows_of(page))
    assert severe_violations(page) == []
    assert page.watch.external_requests == []
