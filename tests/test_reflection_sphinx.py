"""The {reflection} and {reflection-view} directives in a Sphinx build of a small book
(tmp_path): a labelled box and a view joined across pages (the view links to the box's page
wherever it is), assets only on those two pages, a text face for other builders, and build
failures for a view with no box, a name used by two boxes, and a box with no label."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_book

CONFIG = ROOT / "tests" / "roots" / "quiz-tricky" / "_config.yml"
BOX = "```{reflection} first-reaction\n:label: Your first reaction, in three sentences\n```\n"
VIEW = "```{reflection-view} first-reaction\n```\n"


def make_book(root: Path, *, write: str = BOX, other: str = "", show: str = VIEW) -> Path:
    (root / "part").mkdir(parents=True)
    shutil.copy(CONFIG, root / "_config.yml")
    (root / "references.bib").write_text("", encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: part/write\n"
                                   "  - file: other\n  - file: show\n", encoding="utf-8")
    (root / "intro.md").write_text("# Book\n", encoding="utf-8")
    (root / "part" / "write.md").write_text(f"# Write here\n\n{write}", encoding="utf-8")
    (root / "other.md").write_text(f"# Other\n\n{other}", encoding="utf-8")
    (root / "show.md").write_text(f"# Show\n\n{show}", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("reflection") / "book")
    proc = build_book(root)
    return root, proc.returncode, proc.stdout + proc.stderr


def data_of(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" class="mlr-data">(.*?)</script>',
                                html).group(1))


def test_box_is_labelled_and_the_view_links_to_its_page(book):
    root, code, output = book
    assert code == 0, output[-3000:]
    html = root / "_build" / "html"
    write = (html / "part" / "write.html").read_text(encoding="utf-8")
    assert ('<label class="mlr-label" for="mlr-first-reaction">Your first reaction, in three '
            'sentences</label>') in write
    assert re.search(r'<textarea [^>]*id="mlr-first-reaction"[^>]*aria-describedby='
                     r'"mlr-first-reaction-hint mlr-first-reaction-status"', write)
    assert 'role="status" aria-live="polite"' in write
    assert data_of(write)["href"] == "#"
    show = (html / "show.html").read_text(encoding="utf-8")
    assert data_of(show)["href"] == "part/write.html#mlr-first-reaction-box"
    assert ('<a href="part/write.html#mlr-first-reaction-box">Edit your sentences on the page '
            '“Write here”</a>') in show
    assert "<textarea" not in show
    for page in (write, show):
        assert "medialit-reflection.js" in page and "medialit-reflection.css" in page
    assert "medialit-reflection" not in (html / "other.html").read_text(encoding="utf-8")
    assert (html / "_static" / "medialit-reflection.js").is_file()


def test_text_builder_gets_the_label_and_the_page_to_reopen(tmp_path):
    root = make_book(tmp_path / "book")
    proc = build_book(root, "--builder", "custom", "--custom-builder", "text")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    text = root / "_build" / "text"
    assert "Your first reaction, in three sentences" in (text / "part" / "write.txt").read_text(
        encoding="utf-8")
    assert ("Reopen what you wrote in the box “Your first reaction, in three sentences” on the "
            "page “Write here”.") in " ".join((text / "show.txt").read_text(encoding="utf-8").split())


@pytest.mark.parametrize("pages, message", [
    ({"write": ""}, ("{reflection-view} first-reaction: a {reflection} box of that name must be "
                    "on exactly one page, found none")),
    ({"other": BOX}, "must be on exactly one page, found ['other', 'part/write']"),
    ({"write": "```{reflection} first-reaction\n```\n"}, "give the box a :label:"),
    ({"write": "```{reflection} first_reaction!\n:label: x\n```\n"}, "use letters, digits"),
])
def test_bad_boxes_and_views_fail_the_build(tmp_path, pages, message):
    root = make_book(tmp_path / "book", **pages)
    proc = build_book(root)
    assert proc.returncode != 0
    assert message in proc.stdout + proc.stderr
