"""The {quiz-compare} directive in a Sphinx build of a small book (tmp_path): the HTML table with
accessible headers and its data, assets on that page only, a text face for other builders, and
build failures for banks that are not parallel forms or not embedded on exactly one page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_book

CONFIG = ROOT / "tests" / "roots" / "quiz-tricky" / "_config.yml"


def bank(name: str, sentences: tuple[str, str]) -> str:
    questions = "".join(
        f"  - id: {name}-q0{i}\n    skill: {skill}\n    type: true_false\n"
        f"    prompt: \"Is ¶{sid} a claim?\"\n    about: [\"{sid}\"]\n"
        f"    explanation: \"See ¶{sid}.\"\n    answer: true\n"
        f"    feedback: {{true: \"Yes.\", false: \"No.\"}}\n"
        for i, (skill, sid) in enumerate(zip(("framing", "terms"), sentences), 1))
    return (f"schema_version: 1\nchapter: {name}\nskills:\n  framing: \"Framing\"\n"
            f"  terms: \"Contested terms\"\nquestions:\n{questions}")


def make_book(root: Path, *, post_sentences=("9.5", "2.2"), embed_pre: bool = True) -> Path:
    (root / "questions").mkdir(parents=True)
    shutil.copy(CONFIG, root / "_config.yml")
    (root / "references.bib").write_text("", encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: pre\n"
                                   "  - file: post\n", encoding="utf-8")
    (root / "intro.md").write_text("# Book\n", encoding="utf-8")
    (root / "questions" / "pre.yml").write_text(bank("pre", ("1.2", "5.2")), encoding="utf-8")
    (root / "questions" / "post.yml").write_text(bank("post", post_sentences), encoding="utf-8")
    quiz = "```{quiz} questions/pre.yml\n```\n" if embed_pre else ""
    (root / "pre.md").write_text(f"# Pre\n\n{quiz}", encoding="utf-8")
    (root / "post.md").write_text("# Post\n\n```{quiz} questions/post.yml\n```\n\n"
                                  "```{quiz-compare} questions/pre.yml questions/post.yml\n```\n",
                                  encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def compare_book(tmp_path_factory):
    root = make_book(tmp_path_factory.mktemp("compare") / "book")
    proc = build_book(root)
    return root, proc.returncode, proc.stdout + proc.stderr


def test_html_panel_headers_data_and_assets(compare_book):
    root, code, output = compare_book
    assert code == 0, output[-3000:]
    assert [line for line in output.splitlines() if "WARNING:" in line or "ERROR:" in line] == []
    html = root / "_build" / "html"
    post = (html / "post.html").read_text(encoding="utf-8")
    assert '<th scope="col">Skill</th><th scope="col"><a href="pre.html">Pre-check</a></th>' \
           '<th scope="col">Post-check</th>' in post
    assert re.findall(r'<th scope="row">([^<]+)</th>', post) == [
        "Framing", "Contested terms", "All skills"]
    data = json.loads(re.search(r'<script type="application/json" class="mlq-compare-data">'
                                r'(.*?)</script>', post).group(1))
    assert data["skills"] == {"framing": "Framing", "terms": "Contested terms"}
    assert data["forms"] == [
        {"href": "pre.html", "items": {"framing": ["pre-q01"], "terms": ["pre-q02"]}},
        {"href": "#", "items": {"framing": ["post-q01"], "terms": ["post-q02"]}}]
    assert '"skill":"framing"' in post  # each question's JSON carries its skill
    assert "medialit-progress.js" in post
    assert "medialit-progress" not in (html / "pre.html").read_text(encoding="utf-8")
    assert (html / "_static" / "medialit-progress.js").is_file()


def test_text_builder_gets_blanks_to_fill_in(tmp_path):
    root = make_book(tmp_path / "book")
    proc = build_book(root, "--builder", "custom", "--custom-builder", "text")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    text = (root / "_build" / "text" / "post.txt").read_text(encoding="utf-8")
    assert "Framing — Pre-check: ____ of 1; Post-check: ____ of 1" in text
    assert "mlq-" not in text


def test_forms_that_are_not_parallel_fail_the_build(tmp_path):
    root = make_book(tmp_path / "book", post_sentences=("1.2", "2.2"))
    proc = build_book(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "tests op-ed sentences that pre-q01 in pre.yml already tests for skill 'framing'" \
        in output, output[-3000:]
    assert "question bank(s) failed validation" in output


def test_a_form_that_no_page_embeds_fails_the_build(tmp_path):
    root = make_book(tmp_path / "book", embed_pre=False)
    proc = build_book(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "must be embedded with {quiz} on exactly one page, found none" in output, \
        output[-3000:]
