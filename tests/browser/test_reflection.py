"""The reflection box in headless Chromium (book on localhost, other hosts blocked): a learner
writes three sentences at the end of the op-ed page with the keyboard alone, reloads, and finds
them again there and, read-only, on the Synthesis page, whose link leads back to the box.
Also from file://, across tabs, with hostile text, with storage failing (nothing saved is
lost), and under axe."""

from __future__ import annotations

from browser.conftest import watch
from browser.test_quiz_a11y import SEVERE

OPED, SYNTHESIS = "chapters/oped.html", "chapters/synthesis.html"
LABEL = "Your first reaction to the op-ed, in three sentences"
SENTENCES = ("The op-ed answers another article.\n"
             "It names one massacre and one figure.\n"
             "I want to know whose figure 613 is.")


def box(page):
    return page.get_by_role("textbox", name=LABEL)


def open_box(page, url):
    page.goto(url)
    page.wait_for_selector("div.mlr-box[data-mlr-ready]")
    return box(page)


def view_text(page) -> str:
    page.wait_for_selector("div.mlr-view[data-mlr-ready]")
    return page.locator("div.mlr-view .mlr-view-text").inner_text()


def type_by_keyboard(page, text):
    """Tab into the box (as a keyboard user does) and type, Enter for each new line."""
    page.locator("div.mlr-box .mlr-hint").click()  # a click on plain text just before the box
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "mlr-first-reaction"
    for i, line in enumerate(text.split("\n")):
        if i:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def test_write_reload_and_find_the_text_on_the_synthesis_page(book_url, page, output_dir):
    area = open_box(page, f"{book_url}/{OPED}")
    assert area.is_enabled() and area.input_value() == ""
    assert page.locator("div.mlr-box .mlr-noscript").is_hidden()
    described = area.get_attribute("aria-describedby").split()
    assert page.locator(f"#{described[0]}").inner_text().startswith("Saved in this browser only")
    type_by_keyboard(page, SENTENCES)
    status = page.get_by_role("status").filter(has_text="Saved")
    status.wait_for()
    assert status.inner_text() == "Saved in this browser."
    page.locator("div.mlr-box").screenshot(path=str(output_dir / "reflection-box.png"))

    page.reload()
    assert open_box(page, f"{book_url}/{OPED}").input_value() == SENTENCES

    page.goto(f"{book_url}/{SYNTHESIS}")
    assert view_text(page) == SENTENCES
    view = page.locator("div.mlr-view")
    assert view.locator(".mlr-view-label").inner_text() == LABEL
    assert view.locator("textarea, [contenteditable]").count() == 0  # read-only
    view.screenshot(path=str(output_dir / "reflection-view.png"))
    edit = view.get_by_role("link", name="Edit your sentences on the page “The op-ed”")
    assert edit.get_attribute("href") == "oped.html#mlr-first-reaction-box"
    edit.click()
    assert box(page).input_value() == SENTENCES
    assert page.watch.external_requests == [] and page.watch.unexpected_console_errors() == []


def test_before_writing_the_view_says_so(book_url, page):
    page.goto(f"{book_url}/{SYNTHESIS}")
    assert view_text(page) == "You have not written anything in this box yet."
    assert page.watch.external_requests == [] and page.watch.unexpected_console_errors() == []


def test_markup_typed_in_the_box_shows_as_text(book_url, page):
    hostile = '<img src=x onerror="document.title=1">&amp; <b>bold</b>'
    area = open_box(page, f"{book_url}/{OPED}")
    area.fill(hostile)
    area.blur()  # leaving the box saves at once
    page.goto(f"{book_url}/{SYNTHESIS}")
    assert view_text(page) == hostile
    assert page.locator("div.mlr-view img, div.mlr-view b").count() == 0
    assert page.watch.unexpected_console_errors() == []


def test_another_tab_sees_the_new_text(book_url, context, page):
    page.goto(f"{book_url}/{SYNTHESIS}")
    assert view_text(page) == "You have not written anything in this box yet."
    other = context.new_page()
    seen = watch(other)
    area = open_box(other, f"{book_url}/{OPED}")
    area.fill("Written in another tab.")
    area.blur()
    page.wait_for_function("() => document.querySelector('.mlr-view-text').textContent"
                           " === 'Written in another tab.'")
    other.close()
    assert seen.external_requests == [] and page.watch.external_requests == []


def test_a_storage_failure_is_said_and_loses_nothing_saved(book_url, context, page):
    area = open_box(page, f"{book_url}/{OPED}")
    area.fill("Saved first.")
    area.blur()
    failing = context.new_page()
    failing.add_init_script("Storage.prototype.setItem = function () {"
                            " throw new DOMException('full', 'QuotaExceededError'); };")
    area = open_box(failing, f"{book_url}/{OPED}")
    assert area.input_value() == "Saved first."
    area.fill("This change cannot be stored.")
    area.blur()
    assert failing.get_by_role("status").inner_text().startswith(
        "This browser did not save your text")
    failing.close()
    page.goto(f"{book_url}/{SYNTHESIS}")
    assert view_text(page) == "Saved first."


def test_box_and_view_work_from_file_url(book_html, browser):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    area = open_box(page, (book_html / OPED).as_uri())
    area.fill("Opened from disk.")
    area.blur()
    page.goto((book_html / SYNTHESIS).as_uri())
    assert view_text(page) == "Opened from disk."
    context.close()
    assert errors == []


def test_axe_finds_nothing_serious_in_the_box_or_the_view(book_url, page):
    from axe_playwright_python.sync_playwright import Axe

    def severe(selector):
        response = Axe().run(page, context=selector).response
        return [f"{v['id']} ({v['impact']}): {v['help']}" for v in response["violations"]
                if v["impact"] in SEVERE]

    area = open_box(page, f"{book_url}/{OPED}")
    area.fill(SENTENCES)
    area.blur()
    assert severe("div.mlr-box") == []
    page.goto(f"{book_url}/{SYNTHESIS}")
    view_text(page)
    assert severe("div.mlr-view") == []
