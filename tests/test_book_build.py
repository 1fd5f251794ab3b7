"""The book builds with -W -n and no warnings, and its pages load nothing from other hosts."""

import re
import shutil
from pathlib import Path

from conftest import build_book

ROOTS = Path(__file__).parent / "roots"


def test_book_builds_with_zero_warnings(built_book):
    assert built_book.returncode == 0, built_book.output[-4000:]
    # Sphinx's own warnings look like "path:line: WARNING: ...". Kernel log lines such as
    # "[IPKernelApp] WARNING | ..." come from executing notebooks, not from Sphinx.
    warnings = [line for line in built_book.output.splitlines()
                if "WARNING:" in line or "ERROR:" in line]
    assert warnings == []
    assert "build succeeded." in built_book.output
    assert "with problems" not in built_book.output
    assert (built_book.html / "chapters" / "oped.html").exists()


def test_oped_page_has_every_anchor(book_html):
    html = (book_html / "chapters" / "oped.html").read_text(encoding="utf-8")
    for anchor in ("p1", "p9", "p5-s2", "p6-s5", "byline-s1"):
        assert f'id="{anchor}"' in html


def test_sentence_role_links_to_the_oped_page(book_html):
    html = (book_html / "intro.html").read_text(encoding="utf-8")
    assert 'href="chapters/oped.html#p5-s2"' in html


# What a page may point at on another host without loading it: ordinary links (<a href>)
# and the inert Thebe config string that sphinx-book-theme writes into every page
# (thebe is off, so nothing reads it).
LOADING_ATTR = re.compile(r"<(script|link|img|iframe|source|video|audio)\b[^>]*?\b(src|href)=\"([^\"]+)\"",
                          re.IGNORECASE)


def test_no_page_loads_anything_from_another_host(book_html):
    offenders = []
    for page in sorted(book_html.rglob("*.html")):
        for tag, _attr, url in LOADING_ATTR.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{page.relative_to(book_html)}: <{tag}> {url}")
    assert offenders == []


def test_bad_quote_fails_the_build_naming_file_line_and_quote(tmp_path):
    root = tmp_path / "book"
    shutil.copytree(ROOTS / "bad-quote", root)
    proc = build_book(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    chapter = root / "chapter.md"
    assert re.search(rf"{re.escape(str(chapter))}:5: bad op-ed quote: quote not found verbatim "
                     r"in the op-ed: “The UN Mission found no evidence of violence”", output), output
    assert f"{chapter}:7: bad op-ed sentence id: unknown sentence id '6.9'" in output


def test_bad_quote_fails_even_without_W(tmp_path):
    """The failure must not depend on -W: bad quotes are errors, not warnings."""
    import subprocess

    from conftest import jupyter_book

    root = tmp_path / "book"
    shutil.copytree(ROOTS / "bad-quote", root)
    proc = subprocess.run([jupyter_book(), "build", str(root)], capture_output=True, text=True, check=False,
                          timeout=600)
    assert proc.returncode != 0
    assert "reference(s) to the op-ed do not match the text" in proc.stdout + proc.stderr
