"""Light pages (issue 16 §1), checked from the built HTML: bytes and requests, no timing.

Every file a page can make the browser fetch is counted: the page, its stylesheets and
scripts, images, what the stylesheets import, and every font face the stylesheets declare
(the first source of each, which is the one a browser fetches; counted even if the page
shows no glyph of it, so the sum is an upper bound). ``benchmarks/pages.py`` measures the
same pages in Chromium and prints times.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from medialit.sphinxext.weight import (
    icon_codepoints,
    purge_css,
    purge_custom_properties,
    referenced_properties,
    selector_used,
    split_selectors,
)

MB = 1_000_000
KB = 1000
TAG_URL = re.compile(r"<(?:script|img|source)\b[^>]*?\bsrc=\"([^\"]+)\"|(<link\b[^>]*>)",
                     re.IGNORECASE)
HREF = re.compile(r"\bhref=\"([^\"]+)\"")
FETCHED_LINK = re.compile(r"\brel=\"(stylesheet|preload|icon|shortcut icon)\"", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)")
FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}")
FIRST_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)")


def local(base: Path, url: str, root: Path) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or url.startswith(("#", "//")):
        return None
    path = (base.parent / unquote(parts.path)).resolve()
    return path if path.is_file() and root in path.parents else None


def css_fetches(css_path: Path, root: Path, seen: set[Path]) -> None:
    text = css_path.read_text(encoding="utf-8", errors="replace")
    urls = CSS_IMPORT.findall(text)
    for face in FONT_FACE.findall(text):
        first = FIRST_URL.search(face)
        if first:
            urls.append(first.group(1))
    for url in urls:
        path = local(css_path, url, root)
        if path and path not in seen:
            seen.add(path)
            if path.suffix == ".css":
                css_fetches(path, root, seen)


def page_fetches(page: Path, root: Path) -> set[Path]:
    """The page and every local file it (or its stylesheets) can make the browser fetch."""
    seen = {page}
    for src, link in TAG_URL.findall(page.read_text(encoding="utf-8")):
        href = HREF.search(link) if link else None
        if link and not (href and FETCHED_LINK.search(link)):
            continue
        path = local(page, src or href.group(1), root)
        if path and path not in seen:
            seen.add(path)
            if path.suffix == ".css":
                css_fetches(path, root, seen)
    return seen


def book_pages(root: Path) -> list[Path]:
    """Every page of the book (not the live-notebook app, not index.html's redirect)."""
    return sorted(p for p in root.rglob("*.html")
                  if p.relative_to(root).parts[0] not in ("_static", "_sources", "lite")
                  and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000].lower())


# -- the stylesheet purge, on small inputs ------------------------------------------------

def test_split_selectors_splits_only_at_the_top_level():
    assert split_selectors("a, b:is(.c, .d) , e[title='x,y']") == [
        "a", "b:is(.c, .d)", "e[title='x,y']"]


def test_a_selector_is_used_when_each_of_its_classes_occurs():
    words = {"navbar", "btn"}
    assert selector_used(".navbar .btn:hover", words)
    assert not selector_used(".navbar .fa-bicycle", words)
    # classes inside :not() need not occur; attribute values are not classes
    assert selector_used(".btn:not(.fa-bicycle)", words)
    assert selector_used("[class*='fa-'] .btn", words)
    # Bootstrap composes bs-* classes at run time: kept
    assert selector_used(".bs-tooltip-auto", words)


def test_purge_css_keeps_used_rules_inside_media_and_drops_the_rest():
    css = ("@font-face{font-family:X;src:url(x.woff)}"
           ".used{color:red}.unused{color:blue}.used,.gone{margin:0}"
           "@media (min-width:10px){.used{padding:0}.unused{padding:1px}}"
           "@media print{.unused{display:none}}")
    out = purge_css(css, {"used"})
    assert "@font-face" in out and ".used{color:red}" in out
    assert ".used{margin:0}" in out and "gone" not in out
    assert "@media (min-width:10px){.used{padding:0}}" in out
    assert "unused" not in out and "@media print" not in out


def test_purge_custom_properties_keeps_what_is_read_and_follows_chains():
    css = (":root{--a:1px;--b:var(--c);--c:red;--d:blue;--e:green;--f:var(--d)}"
           ".x{margin:var(--a);color:var(--b)!important}"
           "@media (prefers-color-scheme:dark){:root{--d:black;--g:0}.y{color:var( --e )}}"
           ".only-custom{--h:1}")
    out = purge_custom_properties(css, {"--g"})
    for kept in ("--a:1px", "--b:var(--c)", "--c:red", "--e:green", "--g:0",
                 "color:var(--b)!important", "margin:var(--a)"):
        assert kept in out
    # --d is only read by --f, which nothing reads; --h by nothing
    assert "--d" not in out and "--f" not in out and "--h" not in out
    assert ".only-custom" not in out
    assert "@media (prefers-color-scheme:dark){:root{--g:0}.y{color:var( --e )}}" in out


def test_referenced_properties_reads_other_stylesheets_pages_and_scripts(tmp_path):
    theme = tmp_path / "_static" / "theme.css"
    theme.parent.mkdir()
    theme.write_text(".t{color:var(--theme-only)}")
    (tmp_path / "_static" / "kit.css").write_text(".k{color:var(--from-css)} .z{--not-read:1}")
    (tmp_path / "_static" / "app.js").write_text("el.style.setProperty('--from-js', 1)")
    (tmp_path / "page.html").write_text('<p style="--from-html:2">')
    (tmp_path / "lite").mkdir()
    (tmp_path / "lite" / "app.css").write_text(".l{color:var(--from-lite)}")
    assert referenced_properties(tmp_path, theme) == {"--from-css", "--from-js",
                                                      "--from-html"}


def test_icon_codepoints_reads_escapes_and_literal_private_use_characters():
    assert icon_codepoints('.fa-a:before{content:"\\f062"}', '.b:before{content:"\uf002"}',
                           '.c{content:"\\41"}') == {0xF062, 0xF002}


# -- the built book -----------------------------------------------------------------------

def test_every_page_fetches_at_most_one_megabyte(book_html):
    heavy = {}
    for page in book_pages(book_html):
        total = sum(p.stat().st_size for p in page_fetches(page, book_html))
        if total > 1 * MB:
            heavy[page.relative_to(book_html).as_posix()] = total
    assert heavy == {}


def test_oped_page_is_under_300_kb_as_a_gzip_host_sends_it(book_html):
    """Text types gzipped at level 6 (as medialit serve and common static hosts do), fonts and
    images as they are."""
    total = 0
    for path in page_fetches(book_html / "chapters" / "oped.html", book_html):
        data = path.read_bytes()
        if path.suffix in (".html", ".css", ".js", ".svg", ".json", ".txt"):
            data = gzip.compress(data, compresslevel=6)
        total += len(data)
    assert total <= 300 * KB, total


def test_no_page_loads_the_icon_script_or_the_full_icon_font(book_html):
    assert not (book_html / "_static" / "scripts" / "fontawesome.js").exists()
    # the book's pages only: the live notebooks' JupyterLab app under lite/ is its own
    # application with its own fonts, counted by benchmarks/lite.py
    assert not [p for p in book_html.rglob("fa-solid-900.*")
                if "lite" not in p.relative_to(book_html).parts]
    subset = book_html / "_static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-subset.woff"
    assert 0 < subset.stat().st_size < 20 * KB
    for page in book_pages(book_html):
        names = {p.name for p in page_fetches(page, book_html)}
        assert "fontawesome.js" not in names, page
        assert "fa-solid-subset.woff" in names, page


def test_the_search_index_loads_on_the_search_page_only(book_html):
    with_index = [p.relative_to(book_html).as_posix() for p in book_pages(book_html)
                  if "searchindex.js" in p.read_text(encoding="utf-8")]
    assert with_index == ["search.html"]


@pytest.mark.parametrize("name", ["sphinx-design.min.css", "pygments.css"])
def test_content_assets_only_on_pages_with_that_content(book_html, name):
    pages = [p for p in book_pages(book_html) if name in p.read_text(encoding="utf-8")]
    assert pages, f"no page loads {name}: the test no longer tests anything"
    assert len(pages) < len(book_pages(book_html)), f"every page still loads {name}"
