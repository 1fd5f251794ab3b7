"""Issue 16 §1, §2 and §5 in headless Chromium: the pages as a student meets them.

Light pages (icons drawn, quizzes built with no icon script), axe on every page in light and
dark mode, the header (one search box, no fullscreen button, title, download menu), the op-ed
page (dotted line under the words, notes that float on screen, clickable words, 24 px targets,
one Tab stop for the ¶ links), the timeline on a phone, notebook tables in dark mode, no
sideways scrolling at 320-390 px, search snippets. Screenshots go to test-output/.
"""

from __future__ import annotations

import re

import pytest

from .conftest import watch

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
SEVERE = {"serious", "critical"}


def book_pages(book_html) -> list[str]:
    pages = []
    for path in sorted(book_html.rglob("*.html")):
        rel = path.relative_to(book_html)
        if rel.parts[0] in ("_static", "_sources", "lite"):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000].lower():
            continue
        pages.append(rel.as_posix())
    return pages


def new_page(browser, *, viewport=None, mode: str | None = None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    if mode:
        context.add_init_script(f"localStorage.setItem('mode', '{mode}');"
                                f"localStorage.setItem('theme', '{mode}');")
    page = context.new_page()
    page.watch = watch(page)
    return context, page


# -- §1: light pages still draw their icons -------------------------------------------------

def test_icons_are_drawn_by_the_subset_font(book_url, page, output_dir):
    page.goto(f"{book_url}/chapters/precheck.html", wait_until="load")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")
    loaded = page.evaluate("Array.from(document.fonts).filter(f => f.status === 'loaded')"
                           ".map(f => f.family + ' ' + f.weight)")
    assert any("Font Awesome 6 Free" in f and "900" in f for f in loaded), loaded
    # the download and colour-mode icons have a glyph (a width), not an empty box
    for selector in (".fa-download", ".theme-switch-button .fa-circle-half-stroke"):
        icon = page.locator(selector).first
        assert icon.evaluate("el => getComputedStyle(el, '::before').content") not in ("none", "")
        assert icon.bounding_box()["width"] >= 10
    page.locator(".bd-header-article").screenshot(path=str(output_dir / "header-icons.png"))
    assert page.watch.external_requests == [] and page.watch.unexpected_console_errors() == []


def test_quizzes_start_without_waiting_for_the_theme_scripts(book_url, page):
    """The quizzes are built once the page is parsed and their own scripts have run: not at
    DOMContentLoaded, which waits for every deferred script, the theme's 97 KB included. The
    theme's scripts are held unanswered here: the quizzes must be ready anyway."""
    held = []
    page.route(re.compile(r".*/_static/scripts/(bootstrap|pydata-sphinx-theme)\.js.*"),
               lambda route: held.append(route))
    page.goto(f"{book_url}/chapters/terminology.html", wait_until="commit")
    page.wait_for_selector("section.mlq-quiz[data-mlq-ready] button.mlq-check", timeout=15000)
    assert len(held) == 2, held  # both theme scripts asked for, neither answered yet
    assert page.evaluate("document.readyState") == "interactive"  # DOMContentLoaded not fired
    quizzes = page.locator("section.mlq-quiz").count()
    assert quizzes and page.locator("section.mlq-quiz[data-mlq-ready]").count() == quizzes
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    assert page.watch.external_requests == [] and page.watch.unexpected_console_errors() == []


# -- §2: axe on every page, light and dark ---------------------------------------------------

@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_nothing_serious_on_any_page(book_html, book_url, browser, mode):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, page = new_page(browser, mode=mode)
    found = {}
    for path in book_pages(book_html):
        page.goto(f"{book_url}/{path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        violations = axe.run(page).response["violations"]
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in violations if v["impact"] in SEVERE or v["id"] == "region"]
        if bad:
            found[path] = bad
    context.close()
    assert found == {}


# -- §5: the header ---------------------------------------------------------------------------

def visible_search_boxes(page) -> int:
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '.search-button-field, .search-button')).filter(el => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        }).length""")


@pytest.mark.parametrize("width", [1280, 992, 390])
def test_one_search_box(book_url, browser, width):
    context, page = new_page(browser, viewport={"width": width, "height": 900})
    page.goto(f"{book_url}/chapters/precheck.html", wait_until="load")
    assert visible_search_boxes(page) == 1
    context.close()


def test_header_has_no_fullscreen_button_and_no_markdown_download(book_url, page):
    page.goto(f"{book_url}/chapters/oped.html", wait_until="load")
    assert page.locator(".fullscreen-button, [onclick*='toggleFullScreen']").count() == 0
    page.get_by_role("button", name="Download this page").click()
    items = page.locator(".dropdown-download-buttons .dropdown-item")
    assert [t.strip() for t in items.all_inner_texts()] == [".pdf"]
    assert page.locator("a[href$='.md']").count() == 0
    # a notebook page offers its notebook once
    page.goto(f"{book_url}/chapters/explore-the-text.html", wait_until="load")
    hrefs = page.locator(".dropdown-download-buttons a.dropdown-item").evaluate_all(
        "els => els.map(a => a.getAttribute('href'))")
    assert [h for h in hrefs if h.endswith(".ipynb")] == ["../_sources/chapters/explore-the-text.ipynb"]


def test_page_titles_are_not_doubled(book_url, page):
    page.goto(f"{book_url}/intro.html", wait_until="load")
    heading = page.locator("article h1").first.inner_text().replace("#", "").strip()
    title = page.title()
    assert title.count("One Op-Ed, Read Closely") == 1
    if heading == "One Op-Ed, Read Closely":
        assert title == "One Op-Ed, Read Closely"
    page.goto(f"{book_url}/chapters/precheck.html", wait_until="load")
    assert page.title() == "Pre-check — One Op-Ed, Read Closely"


# -- §5: the op-ed page -------------------------------------------------------------------------

def open_oped(page, book_url, *layers):
    page.goto(f"{book_url}/chapters/oped.html", wait_until="load")
    page.wait_for_selector(".ann-toolbar:not([hidden])")
    for layer in layers:
        page.locator(f"#ann-toggle-{layer}").check()


def test_rhetoric_dots_sit_under_the_words_on_every_line(book_url, page, output_dir):
    open_oped(page, book_url, "rhetoric")
    spans = page.locator(".ann[data-layers~='rhetoric']")
    assert spans.count() > 0
    style = spans.first.evaluate("""el => { const cs = getComputedStyle(el);
        return [cs.borderTopStyle, cs.backgroundImage, cs.backgroundPositionY,
                cs.backgroundRepeat]; }""")
    assert style[0] == "none"                       # no line above
    assert "radial-gradient" in style[1]            # the dots
    assert style[2] == "100%" and style[3] == "repeat-x"  # at the foot of each line box
    # on a wrapped span, each line's box ends below that line's text
    lines = page.evaluate("""() => { for (const el of document.querySelectorAll(
          ".ann[data-layers~='rhetoric']")) { const rects = el.getClientRects();
          if (rects.length > 1) { const range = document.createRange();
            range.selectNodeContents(el);
            return [Array.from(rects).map(r => [r.top, r.bottom]),
                    Array.from(range.getClientRects()).map(r => [r.top, r.bottom])]; } }
        return null; }""")
    assert lines, "no rhetoric span wraps: nothing to check"
    boxes, text = lines
    for (top, bottom) in boxes:
        assert any(abs(t - top) < 2 and b <= bottom for t, b in text), (boxes, text)
    # the legend swatch carries the same dotted line, at its foot
    swatch = page.locator(".ann-swatch[data-layers='rhetoric']")
    assert "radial-gradient" in swatch.evaluate("el => getComputedStyle(el).backgroundImage")
    assert swatch.evaluate("el => getComputedStyle(el).borderTopStyle") == "none"
    page.locator("#p1").screenshot(path=str(output_dir / "oped-rhetoric-under.png"))


def test_an_open_note_floats_on_screen_and_does_not_split_the_sentence(book_url, page,
                                                                        output_dir):
    open_oped(page, book_url, "claims")
    marker = page.locator(".ann-marker[data-layer='claims']").last
    sentence = marker.locator("xpath=ancestor::span[contains(@class,'oped-s')][1]")
    marker.scroll_into_view_if_needed()
    # the marker near the bottom of the window
    page.evaluate("""el => { const r = el.getBoundingClientRect();
        window.scrollBy(0, r.bottom - window.innerHeight + 8); }""", marker.element_handle())
    before = sentence.evaluate("el => el.getBoundingClientRect().height")
    marker.click()
    note = page.locator(f"#{marker.get_attribute('aria-controls')}")
    assert note.is_visible()
    box = note.bounding_box()
    height = page.evaluate("window.innerHeight")
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (box, height)
    assert note.evaluate("el => getComputedStyle(el).position") == "absolute"
    after = sentence.evaluate("el => el.getBoundingClientRect().height")
    assert abs(after - before) < 1  # the sentence keeps its lines: no gap opened in it
    page.screenshot(path=str(output_dir / "oped-note-near-bottom.png"))
    # another marker: one note open at a time
    first = page.locator(".ann-marker[data-layer='claims']").first
    first.scroll_into_view_if_needed()
    first.click()
    assert page.locator(".ann-note:not([hidden])").count() == 1
    assert page.watch.unexpected_console_errors() == []


def test_the_marked_words_open_their_note(book_url, page):
    open_oped(page, book_url, "claims")
    words = page.locator(".ann[data-ann='p1-claim-one-sided']").first
    assert words.evaluate("el => getComputedStyle(el).cursor") == "pointer"

    def click_first_word():  # the note floats below the marker, over the words' last line
        rect = words.evaluate("el => { const r = el.getClientRects()[0];"
                              " return [r.left + 6, r.top + r.height / 2]; }")
        page.mouse.click(*rect)

    words.evaluate("el => el.scrollIntoView({block: 'center'})")  # room for the note below
    click_first_word()
    marker = page.locator(".ann-marker[aria-controls='ann-note-p1-claim-one-sided']")
    assert marker.get_attribute("aria-expanded") == "true"
    assert page.locator("#ann-note-p1-claim-one-sided").is_visible()
    click_first_word()
    assert marker.get_attribute("aria-expanded") == "false"
    # with the layer off, the words are plain text again
    page.locator("#ann-toggle-claims").uncheck()
    click_first_word()
    assert marker.get_attribute("aria-expanded") == "false"


def test_touch_targets_are_24_px_on_a_phone(book_url, browser, output_dir):
    context, page = new_page(browser, viewport=PHONE)
    open_oped(page, book_url, "claims", "frames", "sources", "loaded-terms", "rhetoric")
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.ann-marker, a.oped-sid, a.oped-pnum')).filter(el => el.offsetParent !== null)
        .map(el => { const r = el.getBoundingClientRect();
                     return [el.className, r.width, r.height]; })""")
    assert len(sizes) > 100
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert small == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.screenshot(path=str(output_dir / "oped-phone-targets.png"))
    context.close()


def test_the_paragraph_and_sentence_links_are_one_tab_stop(book_url, page):
    open_oped(page, book_url)
    links = page.locator("article.oped a.oped-pnum, article.oped a.oped-sid")
    count = links.count()
    assert count >= 40  # 9 paragraph links and a sentence link per sentence
    assert page.locator("article.oped a[tabindex='0']").count() == 1
    # Tab from the toolbar's last button lands on ¶1, the next Tab leaves the op-ed
    page.get_by_role("button", name="Hide all layers").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "paragraph 1"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "sentence 1.1"
    page.keyboard.press("End")
    last = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert last.startswith("sentence ")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == href
    page.locator(f"article.oped a[href='{href}']").focus()
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.matches('a.oped-pnum, a.oped-sid')")
    page.keyboard.press("Shift+Tab")  # back in: the link used last
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == last
    hint = page.evaluate("document.getElementById("
                         "document.activeElement.getAttribute('aria-describedby')).textContent")
    assert hint == "Arrow keys move between paragraph and sentence links."


def test_nested_quotes_are_single_inside_double(book_url, page):
    page.goto(f"{book_url}/chapters/terminology.html", wait_until="load")
    text = page.locator("article.bd-article").inner_text()
    assert "““" not in text and "””" not in text
    assert "“accuses Azerbaijan of ‘ethnic cleansing,’”" in text


# -- §5: the other pages ------------------------------------------------------------------------

def test_timeline_chart_is_readable_on_a_phone(book_url, browser, output_dir):
    context, page = new_page(browser, viewport=PHONE)
    page.goto(f"{book_url}/chapters/timeline.html", wait_until="load")
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll(
        'svg.timeline-chart text')).map(t => t.getBoundingClientRect().height)""")
    assert sizes and min(sizes) >= 10, min(sizes)
    figure = page.locator("figure.timeline-figure")
    assert figure.evaluate("el => el.scrollWidth > el.clientWidth")  # it scrolls, the page not
    assert figure.get_attribute("tabindex") == "0"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    figure.screenshot(path=str(output_dir / "timeline-chart-phone.png"))
    context.close()


def luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_notebook_tables_are_readable_in_dark_mode(book_url, browser, output_dir):
    context, page = new_page(browser, mode="dark")
    page.goto(f"{book_url}/chapters/analysis-hedges.html", wait_until="load")
    table = page.locator("div.cell_output table.medialit-table").first
    cell = table.locator("td").first
    padding = cell.evaluate("el => [parseFloat(getComputedStyle(el).paddingLeft),"
                            " parseFloat(getComputedStyle(el).paddingTop)]")
    assert padding[0] >= 8 and padding[1] >= 4, padding

    def background(el):
        return el.evaluate("""el => { for (let e = el; e; e = e.parentElement) {
            const bg = getComputedStyle(e).backgroundColor;
            if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg; }
            return 'rgb(255, 255, 255)'; }""")

    assert luminance(background(cell)) < 0.25
    assert luminance(cell.evaluate("el => getComputedStyle(el).color")) > 0.6
    output = page.locator("div.cell_output .output.text_html").first
    assert luminance(background(output)) < 0.25
    table.screenshot(path=str(output_dir / "notebook-table-dark.png"))
    context.close()


@pytest.mark.parametrize("width", [320, 360, 390])
@pytest.mark.parametrize("path", ["chapters/how-quizzes-work.html", "chapters/bibliography.html"])
def test_no_sideways_scrolling_on_a_phone(book_url, browser, path, width):
    context, page = new_page(browser, viewport={"width": width, "height": 800})
    page.goto(f"{book_url}/{path}", wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_no_page_of_the_book_scrolls_sideways_on_the_narrowest_phone(book_html, book_url, browser):
    """Every page of the book (not the live app) at 320 px: a long address in a source's note or
    a corrections entry breaks instead of widening the page."""
    pages = book_pages(book_html)
    assert len(pages) > 20
    context, page = new_page(browser, viewport={"width": 320, "height": 800})
    too_wide = {}
    for path in pages:
        page.goto(f"{book_url}/{path}", wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    context.close()
    assert not too_wide, too_wide


# -- §5: search ---------------------------------------------------------------------------------

def test_search_snippets_are_page_text(book_url, page):
    page.goto(f"{book_url}/search.html?q=cleansing", wait_until="load")
    page.wait_for_selector("#search-results ul.search li p.context", timeout=20_000)
    page.wait_for_load_state("networkidle")
    snippets = page.locator("#search-results ul.search li p.context").all_inner_texts()
    assert len(snippets) >= 3
    assert not [s for s in snippets if ".md" in s or ".pdf" in s]
    assert any("cleansing" in s.lower() for s in snippets)
    assert page.locator(".medialit-search-note").count() == 0
    assert page.watch.unexpected_console_errors() == []


def test_search_from_a_file_says_why_there_are_no_snippets(book_html, browser):
    page = browser.new_page()
    seen = watch(page)
    page.goto((book_html / "search.html").as_uri() + "?q=cleansing", wait_until="load")
    page.wait_for_selector("#search-results ul.search li a", timeout=20_000)
    note = page.locator(".medialit-search-note")
    assert note.inner_text().startswith(
        "This book is open from a file (file://), so search shows page titles only")
    assert page.locator("#search-results ul.search li").count() >= 3
    assert seen.external_requests == [] and seen.unexpected_console_errors() == []
    page.close()
