"""Graded answers are scored by the quiz engine's rules, and the report says given vs key."""

from __future__ import annotations

import pytest

from medialit.grading.score import score_answer
from medialit.grading.spec import SpecError, question_model

OPTIONS = [{"id": x, "text": f"option {x}", "feedback": f"about {x} (¶{i + 1})"}
           for i, x in enumerate("ABCD")]
BASE = {"prompt": "p", "explanation": "see ¶5", "points": 2, "about": ["5.2"]}


def spec(**fields):
    return {"id": "q3", **BASE, **fields}


def test_single_choice_names_the_choice_the_key_and_the_options_feedback():
    s = spec(type="single_choice", options=OPTIONS, answer="B")
    assert score_answer(s, "B").fraction == 1
    wrong = score_answer(s, "C")
    assert wrong.fraction == 0
    assert wrong.lines == ["✗ you chose C (option C); the key is B. about C (¶3)"]


@pytest.mark.parametrize("answer, fraction", [
    (["A", "C"], 1.0), (["A"], 0.5), (["A", "B", "C", "D"], 0.0), ([], 0.0),
])
def test_multiple_choice_uses_the_quiz_rule_so_select_all_earns_nothing(answer, fraction):
    s = spec(type="multiple_choice", options=OPTIONS, answer=["A", "C"])
    assert score_answer(s, answer).fraction == pytest.approx(fraction)


def test_label_sentences_accepts_listed_alternatives_and_reports_the_key():
    s = spec(type="label_sentences", labels=["problem", "cause", "judgment", "remedy"],
             sentences=["1.1", "8.4"], answer={"1.1": "problem", "8.4": "remedy"},
             accept={"1.1": ["judgment"]}, feedback={"8.4": "“should be viewed” (¶8.4)"})
    assert score_answer(s, {"1.1": "judgment", "8.4": "remedy"}).correct
    half = score_answer(s, {"1.1": "cause", "8.4": "remedy"})
    assert half.fraction == 0.5
    assert half.lines[0] == ("✗ ¶1.1: “cause”; the key is “problem” "
                               "(also accepted: judgment).")


def test_matching_reports_each_pair_with_its_feedback():
    s = spec(type="matching", pairs=[{"left": "a", "right": "6.5"}, {"left": "b", "right": "5.4"}],
             feedback={"a": "¶6.5 “chose to leave”"})
    result = score_answer(s, {"a": "5.4", "b": "5.4"})
    assert result.fraction == 0.5
    assert result.lines[0] == "✗ a → “5.4”; the key is “6.5”. ¶6.5 “chose to leave”"


def test_numeric_and_invalid_answers():
    s = spec(type="numeric", answer=613, tolerance=0)
    assert score_answer(s, 613).correct
    assert score_answer(s, 600).lines == ["✗ you answered 600; the key is 613."]
    assert score_answer(s, "many").lines[0].startswith("✗ ")


def test_a_spec_the_quiz_engine_rejects_names_the_field():
    with pytest.raises(SpecError, match=r"spec.answer: the key names an option that does not exist"):
        question_model(spec(type="single_choice", options=OPTIONS, answer="Z"))
