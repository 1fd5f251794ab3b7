"""The three faces of a question: static HTML data, text/answer key, ipywidgets; and the UI
string catalogue they share."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from medialit.quiz import Quiz, load_bank
from medialit.quiz.html import quiz_html, script_json, static_face_js
from medialit.quiz.i18n import catalogue, message
from medialit.quiz.markup import parse_inline, plain
from medialit.quiz.widgets import CONTROLS, QuestionWidget

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "chapters" / "questions" / "practice.yml"
TRICKY = Path(__file__).parent / "roots" / "quiz-tricky" / "questions" / "tricky.yml"


@pytest.fixture(scope="module")
def practice():
    return load_bank(PRACTICE)


def test_script_json_cannot_close_its_script_element():
    text = script_json({"v": "</script><script>alert('x')</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"v": "</script><script>alert('x')</script> & <!--"}


def test_inline_markdown_keeps_html_backslashes_and_tex_as_text():
    source = r"It's <script>x</script> \frac{a}{b} \\ &amp; **bold**"
    tokens = parse_inline(source)
    assert tokens[0] == {"t": "text", "v": "It's <script>x</script> \\frac{a}{b} \\\\ &amp; "}
    assert tokens[1] == {"t": "strong", "c": [{"t": "text", "v": "bold"}]}
    assert plain(source) == r"It's <script>x</script> \frac{a}{b} \\ &amp; bold"
    assert [t["t"] for t in parse_inline("[x](javascript:alert(1))")] == ["text"]


def test_tricky_item_html_has_no_live_markup_and_round_trips():
    question = load_bank(TRICKY).questions[0]
    html = quiz_html([question], name="tricky")
    # The only <script> elements are the JSON data blocks; nothing from the bank is markup.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script type="application/json" class="mlq-strings">',
        '<script type="application/json" class="mlq-data">']
    data = json.loads(re.search(r'class="mlq-data">(.*?)</script>', html).group(1))
    assert plain(question.prompt) == "".join(t["v"] for t in data["prompt"])
    assert data["options"][0]["feedback"][0]["v"] == question.options[0].feedback
    fallback = html.split('class="mlq-fallback"')[1]
    assert "<script>window" not in fallback and "&lt;script&gt;window.__pwned = 1" in fallback


def test_text_face_and_answer_key(practice):
    quiz = Quiz(practice.questions, "practice")
    student = quiz.text()
    key = quiz.answer_key()
    assert "**1.** In ¶6.3" in student and "**Key:**" not in student
    assert "**Key:** “violence against civilians”" in key
    assert "**Key:**\n1. international recognition" in key  # ordering key in order
    assert "**Model answer:**" in key and "**Model answer:**" not in student
    assert key.count("*Why:*") == 9
    assert "Sources: [echr_sargsyan2015], [un_deng1999]" in key


def test_mimebundle_outside_a_kernel_has_html_and_text_faces(practice):
    bundle = Quiz(practice.questions, "practice")._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/markdown", "text/html"}
    assert 'class="mlq-quiz"' in bundle["text/html"]
    assert bundle["text/plain"].startswith("**1.**")


def test_quiz_indexing(practice):
    quiz = Quiz(practice.questions, "practice")
    assert len(quiz["practice-q03"]) == 1 and quiz[2].questions[0].id == "practice-q03"
    with pytest.raises(KeyError):
        quiz["nope-q01"]


def test_from_bank_finds_the_bank_from_a_chapter_folder(monkeypatch):
    monkeypatch.chdir(ROOT / "chapters")
    assert len(Quiz.from_bank("practice")) == 9


def test_every_catalogue_key_used_by_the_js_exists_and_english_is_complete():
    js = static_face_js()  # the core and every type's script
    used = set(re.findall(r'msg\("(\w+)"', js)) | set(re.findall(r"strings\.(\w+)", js))
    assert used and used <= set(catalogue())
    assert all(value.strip() for value in catalogue().values())
    assert message("partly", percent=50) == "Partly right: 50%."


def test_js_never_uses_innerhtml_or_eval():
    js = static_face_js()  # the core and every type's script
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function",
                      "document.write", "fetch(", "XMLHttpRequest"):
        assert forbidden not in js


# --- the widget face: every type is built and checked through its own controls --------------

def _answer_right(widget: QuestionWidget) -> None:
    q, c = widget.question, widget.controls.widget
    kind = q.type_name
    if kind == "single_choice":
        c.value = q.answer
    elif kind == "multiple_choice":
        for box, option in zip(c.children, q.options):
            box.value = option.id in q.answer
    elif kind == "true_false":
        c.value = q.answer
    elif kind in ("label_sentences", "matching"):
        drops = c.children[1::2]
        keys = q.sentences if kind == "label_sentences" else [p.left for p in q.pairs]
        wanted = q.answer if kind == "label_sentences" else {p.left: p.right for p in q.pairs}
        for drop, k in zip(drops, keys):
            drop.value = wanted[k]
    elif kind == "click_phrase":
        from medialit.case import load_oped
        from medialit.quiz.types.click_phrase import key_words
        words = set().union(*key_words(q, load_oped()))
        for i, toggle in enumerate(c.children):
            toggle.value = i in words
    elif kind == "ordering":
        for _ in range(len(q.items) ** 2):  # bubble the items into place with the buttons
            rows = c.children
            for i in range(len(rows) - 1):
                a = rows[i].children[0].value.split(". ", 1)[1]
                b = rows[i + 1].children[0].value.split(". ", 1)[1]
                if q.items.index(a) > q.items.index(b):
                    rows[i + 1].children[1].click()
                    break
    elif kind == "numeric":
        c.children[0].value = f"{q.answer:g}"
    elif kind == "free_text":
        c.value = "My answer quotes ¶5.2."


def test_widget_face_every_type_wrong_then_right(practice):
    assert set(CONTROLS) == {q.type_name for q in practice.questions}
    for number, question in enumerate(practice.questions, 1):
        widget = QuestionWidget(question, number, 9)
        if question.type_name != "ordering":  # an order is always an answer
            assert widget.check() is None
            assert message("no_answer") in widget.feedback.value
        _answer_right(widget)
        result = widget.check()
        if question.type_name == "free_text":
            assert result.needs_review and "Model answer" in widget.solution.value
            widget.rubric[0].value = True
            assert "You ticked 1 of 4" in widget.feedback.value
            continue
        assert result.correct, (question.id, result)
        assert message("correct") in widget.feedback.value
        assert "Why:" in widget.solution.value
        widget.retry()
        assert widget.controls.get() is None or question.type_name == "ordering"
        assert widget.feedback.value == ""


def test_widget_face_shows_option_feedback_for_a_wrong_choice(practice):
    widget = QuestionWidget(practice.question("practice-q01"), 1, 1)
    widget.controls.widget.value = "b"
    widget.check()
    assert "Not quite." in widget.feedback.value
    assert "stands outside the quotation marks" in widget.feedback.value
    widget.reveal()
    assert "Key:" in widget.solution.value


def test_widget_face_gives_each_question_a_heading_and_named_buttons(practice):
    """Heading navigation works in a notebook too: one heading per question, then its prompt."""
    total = len(practice.questions)
    for number, question in enumerate(practice.questions, 1):
        widget = QuestionWidget(question, number, total)
        head = widget.children[0].value
        assert head.startswith(f"<h3 class='mlq-counter'>Question {number} of {total}</h3>"), head
        assert "class='mlq-prompt'" in head
        buttons = widget.children[2].children
        assert all(b.tooltip.endswith(f": question {number}") for b in buttons)
