"""One question type, one place: every registered type implements every face, and a tenth
type (tests/fixtures/tenth_type/rating.py, nothing else) works in every face of the kit."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from lxml import etree

from medialit.quiz.schema import QuestionBase
from medialit.quiz.types import FACES, REGISTRY
from medialit.quiz.types.base import has_static_face, missing_faces, static_face

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "tenth_type"


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_every_registered_type_has_every_face(kind):
    """A type that lacks a face (its widget, its export, its report line...) fails here."""
    assert missing_faces(REGISTRY[kind]) == []


def test_a_type_without_a_face_is_found():
    """The check is not blind: a type that leaves out its report lines is named."""
    from medialit.quiz.types.numeric import Numeric

    class Incomplete(Numeric):
        explain = QuestionBase.explain
        label = ""

    assert missing_faces(Incomplete) == ["explain", "label", "static_face"]  # no .js beside it
    assert len(FACES) == 17


def test_a_script_that_registers_another_name_is_no_static_face(tmp_path, monkeypatch):
    """The static face is the script beside the module, and it must register this type."""
    from medialit.quiz.types.numeric import Numeric

    assert static_face(Numeric).name == "numeric.js" and has_static_face(Numeric)
    monkeypatch.setattr(Numeric, "type_name", "numerical")
    assert "static_face" in missing_faces(Numeric)


@pytest.fixture()
def rating():
    """The tenth type, registered from its own module only."""
    spec = importlib.util.spec_from_file_location("medialit_tenth_type_rating",
                                                  FIXTURE / "rating.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the model's annotations through it
    spec.loader.exec_module(module)
    yield REGISTRY["rating"]
    REGISTRY.pop("rating")
    sys.modules.pop(spec.name)


BANK = """\
schema_version: 1
chapter: tenth
questions:
  - id: tenth-q01
    type: rating
    prompt: How one-sided is ¶1, on a scale of 1 to 5?
    about: ["1.1"]
    scale: 5
    answer: 4
    explanation: ¶1 calls the article "deeply one-sided".
"""


def test_a_tenth_type_works_in_every_face(rating, tmp_path):
    """Loaded, validated and scored; its static, text and widget faces; practice feedback and
    the graded report; its public format and respelling; the worksheet; Moodle and Canvas."""
    from medialit.case import load_text
    from medialit.export import content, moodle_xml, qti
    from medialit.export.mapping import mappings
    from medialit.grading.answer_format import normalise_answer, public_format
    from medialit.grading.explain import explain
    from medialit.grading.master import spec_types
    from medialit.handouts.worksheets import Block, answer_space
    from medialit.quiz.feedback import feedback_parts
    from medialit.quiz.html import quiz_html, type_scripts
    from medialit.quiz.loader import load_bank
    from medialit.quiz.text import quiz_markdown
    from medialit.quiz.widgets import QuestionWidget

    path = tmp_path / "tenth.yml"
    path.write_text(BANK, encoding="utf-8")
    (question,) = load_bank(path, bib=False).questions
    half = question.score(3)
    assert (question.score(4).correct, half.fraction) == (True, 0.5)
    assert 'data-mlq-type="rating"' in quiz_html([question], name="tenth")
    assert missing_faces(rating) == [] and static_face(rating) == FIXTURE / "rating.js"
    assert type_scripts({"rating"}) == [("medialit-quiz-types/rating.js", FIXTURE / "rating.js")]
    assert "**Key:** 4" in quiz_markdown([question], key=True)
    assert QuestionWidget(question, 1, 1).controls.get() is None
    assert feedback_parts(question, 3, half) == [("1 off", "")]
    assert explain(question, 3, half) == ["✗ you chose 3; the key is 4."]
    fmt = public_format({"type": "rating", "scale": 5, "points": 1})
    assert fmt == {"type": "rating", "points": 1, "scale": 5}
    assert normalise_answer(fmt, " 4") == (4, [("write the number without quotes; ' 4' was "
                                               "read as 4")])
    assert "Tick one point." in answer_space(Block("answer", "", question="q1", format=fmt))
    assert "rating" in spec_types() and mappings()["rating"].moodle.native == "multichoice"
    el = moodle_xml.question_element(question, load_text(), {})
    assert [a.get("fraction") for a in el.iter("answer")] == ["0", "0", "0", "100", "0"]
    scale = "1 is balanced, 5 is one-sided."  # the type's own export_question_html
    assert scale in el.findtext("questiontext/text")
    assert "deeply one-sided" in el.findtext("generalfeedback/text")  # the default feedback
    parent = etree.Element("section")
    qti.item_element(parent, question, load_text(), {})
    assert b"multiple_choice_question" in etree.tostring(parent)
    assert scale in etree.tostring(parent, encoding="unicode")
    # the export defaults hold for a type that adds nothing else: not a matching-style type,
    # no platform score example, hints as Moodle <hint>s
    assert content.distractors_for(question, load_text()) == []
    assert question.platform_example(load_text()) is None and not question.moodle_hints_in_text
    with pytest.raises(ValueError, match="rating is not exported as a matching question"):
        content.rows_for(question, load_text(), "qti")
