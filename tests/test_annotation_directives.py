"""The annotation directives in a tiny book: a table per layer, and clear build errors."""

import re
import shutil
from pathlib import Path

import pytest

from conftest import build_book

ROOT = Path(__file__).parent / "roots" / "annotation-table"
pytestmark = pytest.mark.build


def test_table_lists_one_layer_for_the_chosen_paragraphs(tmp_path):
    root = tmp_path / "book"
    shutil.copytree(ROOT, root)
    proc = build_book(root)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    html = (root / "_build" / "html" / "chapter.html").read_text(encoding="utf-8")
    table = html[html.index("annotation-table-frames"):html.index("</table>")]
    links = re.findall(r'href="intro.html#(p\d-s\d)"', table)
    assert links and {anchor[:2] for anchor in links} == {"p8", "p9"}
    assert "suggest remedy" in table and "diagnose cause" not in table
    intro = (root / "_build" / "html" / "intro.html").read_text(encoding="utf-8")
    assert 'id="ann-toggle-frames"' in intro and 'id="ann-toggle-rhetoric"' in intro
    assert 'id="ann-toggle-claims"' not in intro  # only the layers asked for
    assert "annotations.js" in intro and "annotations.css" in intro


@pytest.mark.parametrize("old, new, message", [
    (":layer: frames", ":layer: colours", "annotation-table: unknown layer 'colours'"),
    (":paragraphs: 8, 9", ":paragraphs: byline",
     "no annotations in layer 'frames' for paragraphs 'byline'"),
])
def test_bad_table_options_fail_the_build_with_file_and_line(tmp_path, old, new, message):
    root = tmp_path / "book"
    shutil.copytree(ROOT, root)
    chapter = root / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    proc = build_book(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"{chapter}:3" in output and message in output, output[-3000:]


def test_unknown_layer_in_oped_text_fails(tmp_path):
    root = tmp_path / "book"
    shutil.copytree(ROOT, root)
    intro = root / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace("frames, rhetoric", "frames, x"),
                     encoding="utf-8")
    proc = build_book(root)
    assert proc.returncode != 0
    assert "oped-text: unknown layer(s) ['x']" in proc.stdout + proc.stderr


def test_text_build_gets_plain_paragraphs_and_no_assets(tmp_path):
    """Non-HTML builders get the op-ed as numbered paragraphs and none of the JS/CSS."""
    root = tmp_path / "book"
    shutil.copytree(ROOT, root)
    proc = build_book(root, "--builder", "custom", "--custom-builder", "text")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    out = root / "_build" / "text"
    intro = " ".join((out / "intro.txt").read_text(encoding="utf-8").split())
    assert "¶5 The use of the term “ethnic cleansing,” too, is highly problematic." in intro
    assert "ann-toggle" not in intro and "<svg" not in intro
    chapter = (out / "chapter.txt").read_text(encoding="utf-8")
    assert "suggest remedy" in chapter  # the table is there, as text
    assert not list(out.rglob("annotations.js")) and not list(out.rglob("timeline.css"))
