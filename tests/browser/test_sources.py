"""The Sources and Corrections pages in headless Chromium: axe-core (the copy bundled with
axe-playwright-python) finds no serious or critical problem, in particular no
``aria-required-children`` on the citation list, and a citation link lands on its entry."""

from __future__ import annotations

import re

import pytest

SEVERE = {"serious", "critical"}


def severe(page) -> list[tuple[str, str, list]]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context={"include": [["article.bd-article"]]})
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result.response["violations"] if v["impact"] in SEVERE]


@pytest.mark.parametrize("path", ["chapters/bibliography.html", "chapters/corrections.html"])
def test_axe_finds_no_serious_problem(book_url, page, path):
    page.goto(f"{book_url}/{path}", wait_until="load")
    assert severe(page) == []
    assert page.watch.external_requests == []


def test_the_citation_list_is_a_list_of_list_items(book_url, page):
    """The cause of the old violation: a role=list whose children were doc-biblioentry."""
    page.goto(f"{book_url}/chapters/bibliography.html", wait_until="load")
    lists = page.locator("[role=list].citation-list")
    assert lists.count() == 1
    children_roles = lists.first.evaluate("el => [...el.children].map(c => c.getAttribute('role'))")
    assert children_roles and set(children_roles) == {"listitem"}
    assert page.get_by_role("listitem").filter(has_text="Deng 1999").count() == 1


def test_a_citation_link_shows_its_label_and_lands_on_the_entry_with_that_label(book_url, page):
    page.goto(f"{book_url}/chapters/context.html", wait_until="load")
    link = page.locator("a[href*='bibliography.html#']", has_text="Deng 1999").first
    assert re.fullmatch(r"\(Deng 1999(; .*)?\)", link.locator("xpath=..").inner_text())
    link.click()
    page.wait_for_load_state("load")
    target = page.evaluate("location.hash").lstrip("#")
    label = page.locator(f"[id='{target}'] .label").inner_text()
    assert label.strip() == "Deng 1999"
    assert page.locator(f"[id='{target}']").is_visible()
