"""`medialit new-case` makes a pack and a book around a fresh text that build at once with -W,
and every {quote} on its pages is checked against the new text: a bad quote fails the build
and `medialit check`, naming the file and the line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main
from medialit.grading.master import load_master
from medialit.pack import load_pack, using_pack
from medialit.quiz.loader import load_bank
from medialit.scaffold import paragraphs_of

TEXT = """The mayor said the new park will open in May. Critics call it a vanity project.

Residents were not consulted, according to a
local newspaper. The council denies this.

Written by an invented columnist.
"""


@pytest.fixture()
def new_book(tmp_path: Path) -> Path:
    text = tmp_path / "column.txt"
    text.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["new-case", str(tmp_path / "book"), "--text", str(text),
                                       "--title", "A Column on a Park", "--noun", "column",
                                       "--byline"])
    assert result.exit_code == 0, result.output
    assert "2 paragraphs, 5 sentences" in result.output
    return tmp_path / "book"


def test_the_scaffold_is_a_valid_pack_bank_and_master(new_book: Path):
    """The pack holds the text one paragraph a line; the starter bank and master validate
    against it."""
    pack = load_pack(new_book / "pack", book=new_book)
    assert (pack.name, pack.text_noun, pack.layer_ids()[:2]) == ("a-column-on-a-park", "column",
                                                                 ("claims", "frames"))
    assert (new_book / "pack" / "text.txt").read_text().splitlines()[1] == (
        "Residents were not consulted, according to a local newspaper. The council denies this.")
    with using_pack(pack):
        assert len(load_bank(new_book / "chapters" / "questions" / "practice.yml").questions) == 1
        assert load_master(new_book / "solutions" / "set-a-starter.ipynb").total_points == 1


def test_new_case_refuses_a_folder_in_use(new_book: Path, tmp_path: Path):
    result = CliRunner().invoke(main, ["new-case", str(new_book), "--text",
                                       str(tmp_path / "column.txt"), "--title", "Again"])
    assert result.exit_code == 2 and "exists and is not empty" in result.output


def test_paragraphs_of_reads_blank_line_and_one_line_texts():
    assert paragraphs_of("a\nb\n\nc\n") == ["a b", "c"]
    assert paragraphs_of("a\nb\n") == ["a", "b"]


def _check(book: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MEDIALIT_PACK"}
    return subprocess.run([sys.executable, "-m", "medialit.cli", "check"], cwd=book, env=env,
                          capture_output=True, text=True, check=False)


@pytest.mark.build
def test_the_new_book_builds_with_W_and_a_bad_quote_fails_naming_file_and_line(new_book: Path):
    """The book builds with zero warnings; a quote that is not in the text then fails the
    build and `medialit check`, both naming chapters/text.md and its line."""
    env = {k: v for k, v in os.environ.items() if k != "MEDIALIT_PACK"}  # the book's own pack
    jb = str(Path(sys.executable).with_name("jupyter-book"))
    build = subprocess.run([jb, "build", str(new_book), "-W", "--builder", "html"], env=env,
                           capture_output=True, text=True, check=False, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    html = (new_book / "_build" / "html" / "chapters" / "text.html").read_text(encoding="utf-8")
    assert 'id="p2-s2"' in html and "The council denies this." in html
    assert _check(new_book).returncode == 0
    page = new_book / "chapters" / "text.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("The column says {quote}`the park will close in June`.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    where = f"chapters/text.md:{len(lines)}"
    bad = subprocess.run([jb, "build", str(new_book), "-W", "--builder", "html"], env=env,
                         capture_output=True, text=True, check=False, timeout=600)
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0 and where in output
    assert "quote not found verbatim in the column: “the park will close in June”" in output
    checked = _check(new_book)
    assert checked.returncode == 2 and where in checked.stderr + checked.stdout


def test_the_starter_master_is_plain_notebook_json(new_book: Path):
    nb = json.loads((new_book / "solutions" / "set-a-starter.ipynb").read_text("utf-8"))
    assert nb["metadata"]["medialit"]["set"] == "set-a-starter"
