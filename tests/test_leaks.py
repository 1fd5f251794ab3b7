"""medialit.leaks: readings of a file, needles from masters, and what counts as public."""

from __future__ import annotations

import zlib

from conftest import ROOT
from medialit.leaks import (
    MIN_LENGTH,
    Needle,
    file_texts,
    key_needles,
    normalise,
    public_text,
    scan,
)

SECRET = "the worked answer says exactly this"


def test_normalise_folds_quotes_dashes_markup_and_space():
    assert normalise("“It’s”  **bold**\n`code` — x") == "\"It's\" bold code - x"


def test_highlighted_escaped_html_is_found(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<pre><span class="n">the</span> <span>worked</span> answer says '
                    "exactly&#160;this</pre>", encoding="utf-8")
    assert scan([tmp_path], [Needle(normalise(SECRET), "x")])


def test_json_escaped_text_and_search_index_are_found(tmp_path):
    (tmp_path / "a.ipynb").write_text('{"cells": [{"source": ["the worked answer ", '
                                      '"says exactly this\\n"]}]}', encoding="utf-8")
    (tmp_path / "searchindex.js").write_text('Search.setIndex({"t": "the worked answer says '
                                             'exactly this"})', encoding="utf-8")
    files = {leak.file.name for leak in scan([tmp_path], [Needle(normalise(SECRET), "x")])}
    assert files == {"a.ipynb", "searchindex.js"}


def test_sphinx_inventory_is_decompressed(tmp_path):
    inv = tmp_path / "objects.inv"
    inv.write_bytes(b"# Sphinx inventory version 2\n# Project: t\n# Version: \n"
                    b"# The remainder of this file is compressed using zlib.\n"
                    + zlib.compress(SECRET.encode()))
    assert any(SECRET in text for text in file_texts(inv))


def test_binary_files_are_skipped(tmp_path):
    (tmp_path / "a.png").write_bytes(SECRET.encode())
    assert scan([tmp_path], [Needle(normalise(SECRET), "x")]) == []


def test_needles_are_long_and_not_public():
    public = public_text(ROOT)
    needles = key_needles(ROOT / "solutions", public)
    assert len(needles) > 300
    assert all(len(n.text) >= MIN_LENGTH and n.text not in public for n in needles)
    origins = {n.origin.split(" ", 2)[2] for n in needles if n.origin.count(" ") >= 2}
    assert {"hidden tests", "worked answer", "explanation", "option feedback"} <= origins


def test_released_prompts_are_not_needles():
    # a prompt's text is public: it is in the student notebook on purpose
    from medialit.grading.master import load_master
    from medialit.grading.read_answers import cell_source

    needles = {n.text for n in key_needles(ROOT / "solutions")}
    master = load_master(ROOT / "solutions" / "set-a-framing.ipynb")
    prompts = [normalise(cell_source(c)) for c in master.notebook.cells
               if c.metadata.get("medialit", {}).get("role") == "prompt"]
    assert prompts and not needles.intersection(prompts)
    assert not any(q.spec["prompt"] and normalise(q.spec["prompt"]) in needles
                   for q in master.questions)
