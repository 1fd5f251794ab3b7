"""The Sources page of the built book: sorted author-year labels, the pages' citations, the
status of each entry, no working notes, proper nouns as written; and the Corrections page."""

from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT
from medialit.bib import read_bib, sort_key
from medialit.corrections import load_corrections

ENTRY = re.compile(r'<div class="citation" id="([^"]+)" role="listitem">\s*'
                   r'<span class="label"><span class="fn-bracket">\[</span>(.*?)'
                   r'<span class="fn-bracket">\]</span></span>\s*<p>(.*?)</p>', re.DOTALL)


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def sources(book_html) -> list[tuple[str, str, str]]:
    page = (book_html / "chapters" / "bibliography.html").read_text(encoding="utf-8")
    return [(anchor, text_of(label), text_of(body)) for anchor, label, body in ENTRY.findall(page)]


def test_every_entry_is_listed_once_under_the_kits_label(sources):
    bib = read_bib(ROOT / "references.bib")
    assert sorted(label for _, label, _ in sources) == sorted(e.label for e in bib.values())


def test_entries_are_sorted_by_author_then_year(sources):
    by_label = {e.label: e for e in read_bib(ROOT / "references.bib").values()}
    keys = [sort_key(by_label[label].author, by_label[label].year, by_label[label].title)
            for _, label, _ in sources]
    assert keys == sorted(keys)
    labels = [label for _, label, _ in sources]
    assert labels.index("Deng 1999") < labels.index("Entman 1993")  # author before year
    assert labels.index("UN Security Council 1993a") < labels.index("UN Security Council 1993b")


def test_labels_are_author_year_not_abbreviations(sources):
    for _, label, _ in sources:
        assert re.fullmatch(r".+ (\d{4}[a-z]?|n\.d\.[a-z]?)", label), label
    assert not any(re.fullmatch(r"[A-Z][a-z]{2}\d{2}", label) for _, label, _ in sources)


WORKING_NOTES = ("cite UN ODS", "not opened", "[V-prior]", "Mirror;", "Seen via", "cite reuters",
                 "title not seen", "quote not yet", "Verify against")


def test_no_working_notes_reach_the_page(book_html):
    page = text_of((book_html / "chapters" / "bibliography.html").read_text(encoding="utf-8"))
    assert [note for note in WORKING_NOTES if note.lower() in page.lower()] == []


PROPER_NOUNS = ("Azerbaijan", "Armenia", "Karabakh", "COP29", "Baku", "Yerevan", "Khojaly",
                "Lachin", "Aliyev", "Pashinyan", "Caucasus", "Euronews", "Minsk")


def test_proper_nouns_keep_their_capitals(sources):
    lowered = [(label, noun) for _, label, body in sources for noun in PROPER_NOUNS
               if re.search(rf"(?<![\w/.-]){noun.lower()}(?![\w/.-])", body)]
    assert lowered == []


def test_status_is_shown_only_where_the_entry_is_not_read_at_the_primary(sources):
    by_label = {e.label: e for e in read_bib(ROOT / "references.bib").values()}
    for _, label, body in sources:
        entry = by_label[label]
        if entry.status == "mirror":
            assert f"Read on a copy at {entry.mirror_name}" in body, label
        elif entry.status == "primary":
            assert "Read on a copy" not in body and "Not verified" not in body, label
        else:
            assert "Not verified." in body, label


def test_cite_p_renders_the_label_in_round_brackets_and_links_to_it(book_html, sources):
    page = (book_html / "chapters" / "context.html").read_text(encoding="utf-8")
    anchor = next(a for a, label, _ in sources if label == "Deng 1999")
    match = re.search(r'\(<a class="reference internal" href="bibliography.html#([^"]+)"[^>]*>'
                      r"Deng 1999</a>\)", page)
    assert match and match.group(1) == anchor
    assert "[Deng, 1999]" not in page and "[Den99]" not in page


def test_the_citation_list_has_list_items_not_deprecated_biblioentries(book_html):
    page = (book_html / "chapters" / "bibliography.html").read_text(encoding="utf-8")
    assert 'role="doc-biblioentry"' not in page
    assert page.count('role="listitem"') == len(read_bib(ROOT / "references.bib"))


def test_corrections_page_lists_the_log_newest_first_with_links(book_html):
    page = (book_html / "chapters" / "corrections.html").read_text(encoding="utf-8")
    log = load_corrections()
    ids = re.findall(r'id="correction-([a-z0-9-]+)"', page)
    assert ids == [c.id for c in log.newest_first()]
    assert "International Fact-Checking Network" in text_of(page)
    assert 'href="framing.html"' in page  # a page named in `where` is a link
