"""The op-ed page's annotation layers in headless Chromium: keyboard toggles, notes, legend.

Each layer is switched on from the keyboard, its highlights and markers appear, a marker
opens its note (aria-expanded, aria-describedby), the layer switches off again, and the page
makes no request to another host and logs no console error. A screenshot per layer goes to
test-output/oped-layer-<layer>.png for a person to look at.
"""

from __future__ import annotations

import pytest

from medialit.annotations import LAYER_ORDER, load_annotations

pytestmark = pytest.mark.browser


def open_oped(page, book_url):
    page.goto(f"{book_url}/chapters/oped.html", wait_until="load")
    page.wait_for_selector(".ann-toolbar:not([hidden])")


def visible_markers(page, layer: str) -> int:
    return page.evaluate(
        """(layer) => Array.from(document.querySelectorAll(`.ann-marker[data-layer="${layer}"]`))
             .filter(b => b.offsetParent !== null).length""", layer)


def test_layers_start_off_and_the_legend_names_every_layer(book_url, page):
    open_oped(page, book_url)
    article = page.locator("article.oped[data-annotated]")
    assert article.get_attribute("data-on") == ""
    assert page.locator(".ann-marker:visible").count() == 0
    legend = page.locator(".ann-toolbar legend")
    assert legend.inner_text() == "Show annotation layers"
    items = page.locator(".ann-legend-item")
    assert items.count() == len(LAYER_ORDER)
    texts = items.all_inner_texts()
    for name in ("Claims", "Frames", "Sources and attributions", "Loaded terms",
                 "Rhetorical moves"):
        assert any(name in t for t in texts), name
    # with every layer off, the article's visible text is the op-ed's text
    assert "No international body has characterized" in article.inner_text()
    assert page.watch.external_requests == []
    assert page.watch.unexpected_console_errors() == []


@pytest.mark.parametrize("layer", LAYER_ORDER)
def test_each_layer_toggles_by_keyboard_and_opens_notes(book_url, page, output_dir, layer):
    expected = len(load_annotations().in_layer(layer))
    open_oped(page, book_url)
    toggle = page.locator(f"#ann-toggle-{layer}")
    toggle.focus()
    page.keyboard.press("Space")
    assert toggle.is_checked()
    assert layer in page.locator("article.oped").get_attribute("data-on").split()
    assert visible_markers(page, layer) == expected
    others = [other for other in LAYER_ORDER if other != layer]
    assert all(visible_markers(page, other) == 0 for other in others)
    # the highlight style is applied (a computed style differs from the plain text)
    styled = page.evaluate(
        """(layer) => { const el = document.querySelector(`.ann[data-layers~="${layer}"]`);
             const cs = getComputedStyle(el);
             return [cs.borderBottomStyle, cs.borderTopStyle, cs.textDecorationLine,
                     cs.backgroundImage, cs.outlineStyle].join('|'); }""", layer)
    assert any(v not in ("none", "") for v in styled.split("|")), styled

    # open the first marker's note with the keyboard, then close it with Escape
    marker = page.locator(f".ann-marker[data-layer='{layer}']").first
    marker.focus()
    page.keyboard.press("Enter")
    assert marker.get_attribute("aria-expanded") == "true"
    note_id = marker.get_attribute("aria-describedby")
    note = page.locator(f"#{note_id}")
    assert note.is_visible() and len(note.inner_text()) > 20
    assert note_id == marker.get_attribute("aria-controls")
    # the toolbar, legend and annotated text (the page's own header is left out)
    page.locator(".oped-annotated").screenshot(path=str(output_dir / f"oped-layer-{layer}.png"))
    page.keyboard.press("Escape")
    assert marker.get_attribute("aria-expanded") == "false" and not note.is_visible()

    # switch the layer off again: highlights and markers go away
    toggle.focus()
    page.keyboard.press("Space")
    assert not toggle.is_checked()
    assert visible_markers(page, layer) == 0
    assert page.watch.external_requests == []
    assert page.watch.unexpected_console_errors() == []


def test_show_all_and_overlapping_spans(book_url, page, output_dir):
    open_oped(page, book_url)
    page.get_by_role("button", name="Show all layers").click()
    assert set(page.locator("article.oped").get_attribute("data-on").split()) == set(LAYER_ORDER)
    # a segment covered by several layers carries all of them
    multi = page.evaluate("""() => Array.from(document.querySelectorAll('.ann'))
        .filter(el => el.dataset.layers.split(' ').length >= 3).length""")
    assert multi > 0
    page.locator(".oped-annotated").screenshot(path=str(output_dir / "oped-layer-all.png"))
    page.get_by_role("button", name="Hide all layers").click()
    assert page.locator("article.oped").get_attribute("data-on") == ""


def test_annotation_tables_page(book_url, page):
    page.goto(f"{book_url}/chapters/annotation-tables.html", wait_until="load")
    tables = page.locator("table.annotation-table")
    assert tables.count() == len(LAYER_ORDER)
    first_link = tables.first.locator("tbody tr td a").first
    assert first_link.get_attribute("href").startswith("oped.html#p")
    assert page.watch.external_requests == []
    assert page.watch.unexpected_console_errors() == []


def test_works_from_file_url(book_html, browser):
    """Opened straight from disk (file://), the layers still switch on."""
    from .conftest import watch

    page = browser.new_page()
    seen = watch(page)
    page.goto((book_html / "chapters" / "oped.html").as_uri())
    page.wait_for_selector(".ann-toolbar:not([hidden])")
    page.locator("#ann-toggle-claims").check()
    assert visible_markers(page, "claims") > 0
    assert seen.external_requests == [] and seen.unexpected_console_errors() == []
    page.close()


@pytest.mark.parametrize("path", ["chapters/oped.html", "chapters/timeline.html",
                                  "chapters/annotation-tables.html"])
def test_axe_finds_no_violations_in_the_article(book_url, page, path):
    """axe-core on the page's article (the theme's own sidebar is not the kit's to fix),
    on the op-ed page with every layer on and a note open."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{book_url}/{path}", wait_until="load")
    if path.endswith("oped.html"):
        page.wait_for_selector(".ann-toolbar:not([hidden])")
        page.get_by_role("button", name="Show all layers").click()
        page.locator(".ann-marker").first.click()
    result = Axe().run(page, context={"include": [["article.bd-article"]]})
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                  for v in result.response["violations"]]
    assert violations == []
    assert page.watch.external_requests == []
