"""The {quiz} directive in a Sphinx build: static face and assets for HTML only, text face for
other builders, and a bad bank fails the build with file, line, question id and field."""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

import medialit.sphinxext
from conftest import build_book, prepare_quiz_root
from medialit.quiz.html import type_scripts, types_in
from medialit.quiz.minify import minified
from medialit.quiz.types import REGISTRY
from medialit.sphinxext.quiz import quiz_node


def script_srcs(page: str) -> list[str]:
    return [src.split("?")[0] for src in
            re.findall(r'<script defer="defer"(?: fetchpriority="\w+")? src="([^"]+)"', page)]


def test_quiz_fixture_builds_without_warnings(quiz_fixture_book):
    assert quiz_fixture_book.returncode == 0, quiz_fixture_book.output[-3000:]
    warnings = [line for line in quiz_fixture_book.output.splitlines()
                if "WARNING:" in line or "ERROR:" in line]
    assert warnings == []


def test_quiz_assets_only_on_pages_with_a_quiz(quiz_fixture_book):
    html = quiz_fixture_book.html
    page = (html / "tricky.html").read_text(encoding="utf-8")
    assert re.search(r'<script defer="defer"(?: fetchpriority="high")? src="_static/medialit-quiz\.js\?v=\w+"></script>',
                     page)
    assert 'href="_static/medialit-quiz.css' in page
    assert "medialit-quiz" not in (html / "intro.html").read_text(encoding="utf-8")
    assert (html / "_static" / "medialit-quiz.js").is_file()
    # then the script of each type the page uses, from beside its module, in registry order
    used = types_in(page)
    srcs = script_srcs(page)
    core = srcs.index("_static/medialit-quiz.js")
    assert used and srcs[core + 1:core + 1 + len(used)] == [
        f"_static/{target}" for target, _ in type_scripts(used)]
    for target, source in type_scripts():  # as pages ship them: minified at build
        assert (html / "_static" / target).read_text(encoding="utf-8") == minified(source)
    assert (html / "_static" / "medialit-quiz.js").read_text(encoding="utf-8") == minified(
        Path(medialit.sphinxext.__file__).parent / "static" / "medialit-quiz.js")


def test_book_page_with_the_practice_bank_gets_the_assets(book_html):
    page = (book_html / "chapters" / "how-quizzes-work.html").read_text(encoding="utf-8")
    assert page.count('class="mlq-question"') == 9 and "medialit-quiz.js" in page
    used = types_in(page)  # the practice bank shows every type the kit has
    assert used == set(REGISTRY) and {f"../_static/{target}" for target, _ in type_scripts(used)
                                      } <= set(script_srcs(page))
    assert "medialit-quiz.js" not in (book_html / "chapters" / "oped.html").read_text(
        encoding="utf-8")


def test_text_build_gets_the_text_face_and_no_assets(tmp_path):
    root = prepare_quiz_root(tmp_path / "book")
    proc = build_book(root, "--builder", "custom", "--custom-builder", "text")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    out = root / "_build" / "text"
    text = (out / "tricky.txt").read_text(encoding="utf-8")
    assert "It's \"straight\" and “curly” <script>window.__pwned = 1</script>" in text
    assert "mlq-" not in text
    assert not list(out.rglob("medialit-quiz*"))
    # the page holds the quiz's own node (its HTML, skipped by the text writer), not a raw node
    doctree = pickle.loads((root / "_build" / ".doctrees" / "tricky.doctree").read_bytes())
    faces = list(doctree.findall(quiz_node))
    assert len(faces) == 1 and 'class="mlq-question"' in faces[0].astext()


def test_bad_bank_fails_the_build_with_file_line_id_and_field(tmp_path):
    root = prepare_quiz_root(tmp_path / "book")
    bank = root / "questions" / "tricky.yml"
    text = bank.read_text(encoding="utf-8").replace("    answer: a\n", "    answer: z\n")
    bank.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    answer: z") + 1
    proc = build_book(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert (f"{bank}:{line}: question tricky-q01: field 'answer': the key names an option "
            "that does not exist") in output, output[-3000:]
    assert "question bank(s) failed validation" in output


def test_notebook_output_gets_the_static_face_and_the_assets(quiz_fixture_book):
    """A notebook cell that displays a Quiz puts its text/html face in the page; the page then
    gets the quiz assets like a page using the directive."""
    page = (quiz_fixture_book.html / "notebook.html").read_text(encoding="utf-8")
    assert page.count('class="mlq-question"') == 1 and "medialit-quiz.js" in page


def test_question_ids_unique_across_the_banks_of_a_book(tmp_path):
    root = prepare_quiz_root(tmp_path / "book")
    shutil.copy(root / "questions" / "tricky.yml", root / "questions" / "other.yml")
    other = root / "questions" / "other.yml"
    other.write_text(other.read_text(encoding="utf-8").replace("chapter: tricky",
                                                               "chapter: other"),
                     encoding="utf-8")
    (root / "intro.md").write_text("# Quiz fixture\n\n```{quiz} questions/other.yml\n```\n",
                                   encoding="utf-8")
    proc = build_book(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(r"questions/(tricky|other)\.yml:\d+: question tricky-q01: field 'id': "
                     r"duplicate question id \(also in .*questions/(other|tricky)\.yml:\d+\)",
                     output), output[-3000:]
