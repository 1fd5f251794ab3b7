"""score: the minimal fallback rules of CURRICULUM §3.0 (until the quiz engine provides them)."""

from __future__ import annotations

import pytest

from medialit.grading import score as score_module
from medialit.grading.score import (
    score_answer,
    score_label_sentences,
    score_matching,
    score_multiple_choice,
    score_numeric,
    score_ordering,
    score_single_choice,
)

OPTIONS = [{"id": x, "text": x, "feedback": f"about {x}"} for x in "ABCD"]


def test_single_choice_is_all_or_nothing_with_the_options_feedback():
    spec = {"type": "single_choice", "options": OPTIONS, "answer": "B"}
    assert score_single_choice(spec, "B").fraction == 1
    wrong = score_single_choice(spec, "C")
    assert wrong.fraction == 0 and "about C" in wrong.details[0]


def test_true_false():
    spec = {"type": "true_false", "answer": False, "feedback": {"true": "no", "false": "yes"}}
    assert score_single_choice(spec, False).correct
    assert score_single_choice(spec, True).details[0].endswith("no")


@pytest.mark.parametrize("answer, fraction", [
    ({"A", "C"}, 1.0), ({"A"}, 0.5), ({"A", "B"}, 0.0), ({"A", "C", "B"}, 0.5), (set(), 0.0),
    ({"B", "D"}, 0.0),
])
def test_multiple_choice_hits_minus_false_picks(answer, fraction):
    """MC: max(0, (hits − false picks) / |key|)."""
    spec = {"type": "multiple_choice", "options": OPTIONS, "answer": ["A", "C"]}
    assert score_multiple_choice(spec, answer).fraction == fraction


def test_label_each_accepts_listed_alternatives():
    spec = {"type": "label_sentences", "sentences": ["1.1", "6.1", "8.4"],
            "answer": {"1.1": "problem", "6.1": "judgment", "8.4": "remedy"},
            "accept": {"6.1": ["cause"]}, "feedback": {"8.4": "should be viewed"}}
    result = score_label_sentences(spec, {"1.1": "problem", "6.1": "cause", "8.4": "cause"})
    assert result.fraction == pytest.approx(2 / 3)
    assert "✗ 8.4" in result.details[2] and "should be viewed" in result.details[2]


def test_matching_correct_pairs_over_pairs():
    spec = {"type": "matching", "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}]}
    assert score_matching(spec, {"a": "1", "b": "1"}).fraction == 0.5


def test_ordering_one_neighbour_swap_loses_little():
    spec = {"type": "ordering", "items": ["a", "b", "c", "d"]}
    assert score_ordering(spec, ["a", "b", "c", "d"]).fraction == 1
    assert score_ordering(spec, ["a", "c", "b", "d"]).fraction == pytest.approx(5 / 6)
    assert score_ordering(spec, ["d", "c", "b", "a"]).fraction == 0
    assert score_ordering(spec, ["a", "b"]).fraction == pytest.approx(1 / 6)


@pytest.mark.parametrize("answer, fraction", [(613, 1), (615, 1), (616, 0.5), (617, 0.5), (618, 0)])
def test_numeric_tolerance_and_half_credit(answer, fraction):
    spec = {"type": "numeric", "answer": 613, "tolerance": 2}
    assert score_numeric(spec, answer).fraction == fraction


def test_score_answer_dispatches_on_type_and_refuses_unknown_types():
    assert score_answer({"type": "numeric", "answer": 3}, 3).correct
    with pytest.raises(ValueError, match="no scoring rule"):
        score_answer({"type": "free_text"}, "text")


def test_score_answer_delegates_to_the_quiz_engine_when_present(monkeypatch):
    """The pluggable seam: medialit.quiz.scoring.score wins over the fallback rules."""
    class Result:
        fraction, correct, details = 0.25, False, ["from the quiz engine"]

    monkeypatch.setattr(score_module, "_quiz_engine", lambda: lambda spec, answer: Result())
    result = score_answer({"type": "numeric", "answer": 3}, 3)
    assert (result.fraction, result.details) == (0.25, ["from the quiz engine"])
