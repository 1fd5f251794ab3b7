"""Quiz interface strings follow a language, key by key, with English for every key the
language's catalogue lacks: in the book (Sphinx's ``language``), the widgets and the grader."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build_book, prepare_quiz_root
from medialit.grading.explain import explain
from medialit.quiz import load_bank
from medialit.quiz.html import page_strings, quiz_html
from medialit.quiz.i18n import (
    CatalogueError,
    catalogue,
    chain,
    current_language,
    message,
    use_language,
)
from medialit.quiz.text import quiz_markdown

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "chapters" / "questions" / "practice.yml"

# A test-only catalogue: a few keys, so every other key must come from English.
XX = """\
check: "Xcheck"
quiz_heading: "Xquestions"
no_script: "Xno script"
text_key: "Xkey:"
incorrect: "Xnot quite."
partly: "Xpartly {percent}%."
graded_chose_wrong: "Xchose {answer}{text}; Xkey {expected}."
"""


@pytest.fixture
def xx(tmp_path) -> Path:
    folder = tmp_path / "messages"
    folder.mkdir()
    (folder / "xx.yml").write_text(XX, encoding="utf-8")
    return folder


def test_a_partial_catalogue_falls_back_to_english_key_by_key(xx):
    english = catalogue("en")
    strings = catalogue("xx", [xx])
    assert strings["check"] == "Xcheck" and strings["try_again"] == english["try_again"]
    assert set(strings) == set(english)
    assert catalogue("xx") == english  # without the book's folder there is no xx catalogue
    assert message("partly", "xx_YY", percent=40) == english["partly"].replace("{percent}", "40")
    with use_language("xx-YY", [xx]):  # a region falls back to its language, then English
        assert current_language() == "xx_YY" and message("partly", percent=40) == "Xpartly 40%."
    assert chain("xx_YY") == ["xx_YY", "xx", "en"] and current_language() == "en"


@pytest.mark.parametrize(("line", "words"), [
    ('chek: "Xcheck"\n', "key 'chek': not a key of the English catalogue"),
    ('check: [1, 2]\n', "key 'check': a message is a string"),
    ('partly: "X {count}"\n', "key 'partly': placeholder(s) ['count'] are not filled here"),
])
def test_a_bad_catalogue_fails_naming_file_line_and_key(tmp_path, line, words):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "xx.yml").write_text('hint: "Xhint"\n' + line, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        catalogue("xx", [folder])
    assert str(caught.value).startswith(f"{folder / 'xx.yml'}:2: {words}"), str(caught.value)
    assert caught.value.line == 2 and caught.value.file == str(folder / "xx.yml")


def test_static_and_text_faces_speak_the_language(xx):
    bank = load_bank(PRACTICE)
    with use_language("xx", [xx]):
        html = quiz_html(bank.questions[:2], name="p")
        text = quiz_markdown(bank.questions[:1], key=True)
    strings = json.loads(re.search(r'class="mlq-strings">(.*?)</script>', html).group(1))
    assert strings["check"] == "Xcheck" and strings["hint"] == "Hint"
    assert strings == page_strings() | {k: v for k, v in catalogue("xx", [xx]).items()
                                        if not k.startswith("graded_")}
    assert not any(key.startswith("graded_") for key in strings)  # the grader's, not the page's
    assert 'aria-label="Xquestions"' in html and "Xno script" in html
    assert "**Xkey:**" in text
    assert "Xcheck" not in quiz_html(bank.questions[:1], name="p")  # English outside the block


def test_widgets_keep_their_language_for_later_clicks(xx):
    pytest.importorskip("ipywidgets")
    from medialit.quiz.widgets import QuestionWidget

    question = next(q for q in load_bank(PRACTICE).questions if q.type_name == "single_choice")
    with use_language("xx", [xx]):
        widget = QuestionWidget(question, 1, 1)
    assert widget.check_button.description == "Xcheck"
    wrong = next(o.id for o in question.options if o.id != question.answer)
    widget.controls.widget.value = wrong  # the click comes after the block that built it
    widget.check()
    assert "Xnot quite." in widget.feedback.value


def test_the_graders_report_speaks_the_language(xx):
    question = next(q for q in load_bank(PRACTICE).questions if q.type_name == "single_choice")
    wrong = next(o.id for o in question.options if o.id != question.answer)
    result = question.score(wrong)
    english = explain(question, wrong, result)
    assert english[0].startswith(f"✗ you chose {wrong} (") and f"the key is {question.answer}." \
        in english[0]
    with use_language("xx", [xx]):
        line = explain(question, wrong, result)[0]
        assert line.startswith(f"✗ Xchose {wrong} (") and f"; Xkey {question.answer}." in line
        assert explain(question, wrong, result, "en") == english  # an explicit language wins
    assert explain(question, wrong, result, "xx") == english  # the package has no xx catalogue


def test_a_book_in_another_language_gets_its_strings(tmp_path):
    """Sphinx's ``language`` picks the catalogue; the book's own folder (medialit_messages)
    holds it; the build stays warning-free."""
    root = prepare_quiz_root(tmp_path / "book")
    (root / "messages").mkdir()
    (root / "messages" / "xx.yml").write_text(XX, encoding="utf-8")
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "    language: xx\n    medialit_messages: messages\n", encoding="utf-8")
    proc = build_book(root)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    page = (root / "_build" / "html" / "tricky.html").read_text(encoding="utf-8")
    strings = json.loads(re.search(r'class="mlq-strings">(.*?)</script>', page).group(1))
    assert strings["check"] == "Xcheck" and strings["try_again"] == "Try again"
    assert 'aria-label="Xquestions"' in page
