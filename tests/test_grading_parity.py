"""Grader and quiz engine agree on every answer to every question type (issue 11 §3).

The grader reads a literal from the notebook, respells it (case, sentence-id spellings — never
dropping a part) and scores it; the practice quiz scores what the student chose. For the same
answer both must give the same score, including unknown options, out-of-range labels, missing
or extra items and wrong types. Before this test, the grader dropped unknown multiple-choice
ids first: q3 = {"A", "C", "E"} scored 2 of 2 where the quiz rule gives 1.

Each type's answers are listed twice: as the quiz engine's own format (grader == quiz on the
same value), and as spellings a student writes in a notebook (grader on the spelling == quiz
on the canonical value).
"""

from __future__ import annotations

import pytest

from medialit.grading.master import SPEC_TYPES, MasterError, _validate_spec
from medialit.grading.score import grade_value
from medialit.grading.spec import question_model
from medialit.quiz.scoring import score
from medialit.quiz.types import REGISTRY

BASE = {"prompt": "p", "explanation": "see ¶5", "points": 2, "about": ["5.2"]}
OPTIONS = [{"id": x, "text": f"option {x}", "feedback": f"about {x}"} for x in "ABCD"]
SPECS = {
    "single_choice": {"type": "single_choice", "options": OPTIONS, "answer": "B"},
    "multiple_choice": {"type": "multiple_choice", "options": OPTIONS, "answer": ["A", "C"]},
    "true_false": {"type": "true_false", "answer": False,
                   "feedback": {True: "no: ¶5", False: "yes: ¶5"}},
    "label_sentences": {"type": "label_sentences", "labels": ["problem", "cause", "remedy"],
                            "sentences": ["1.1", "8.4"], "answer": {"1.1": "problem", "8.4": "remedy"},
                            "accept": {"1.1": ["cause"]}},
    "matching": {"type": "matching", "pairs": [{"left": "departure", "right": "6.5"},
                                             {"left": "security", "right": "5.4"}],
                     "distractors": ["9.5"]},
    "ordering": {"type": "ordering", "items": ["first", "second", "third"]},
    "click_phrase": {"type": "click_phrase", "paragraph": 5, "answer": ["highly problematic"]},
    "numeric": {"type": "numeric", "answer": 613, "tolerance": 0},
    "free_text": {"type": "free_text", "rubric": ["names the frame", "quotes the text"],
                      "levels": {"0": "none", "2": "all"}, "words": [1, 400],
                  "model_answer": "A security frame (¶5.4)."},
}

# answers in the quiz engine's own format, with malformed and unknown parts
CANONICAL = {
    "single_choice": ["B", "A", "E", "", None, 3, {"B": 1}, ["A", "B"]],
    "multiple_choice": [["A", "C"], {"A", "C"}, {"A", "C", "E"}, ["A"], ["A", "B", "C", "D"],
                        [], ["A", "A"], ["A", 1], ("C",), {"Z"}, ["A", "C", None], None, 5,
                        {"A": 1}],
    "true_false": [False, True, "false", "True", "maybe", None, 0, 1, ["False"]],
    "label_sentences": [{"1.1": "problem", "8.4": "remedy"}, {"1.1": "cause", "8.4": "remedy"},
                        {"1.1": "solution", "8.4": "remedy"}, {"8.4": "remedy"},
                        {"1.1": "problem", "8.4": "remedy", "9.9": "cause"}, {},
                        {"1.1": None, "8.4": ["remedy"]}, ["1.1", "problem"], "problem"],
    "matching": [{"departure": "6.5", "security": "5.4"}, {"departure": "5.4", "security": "5.4"},
                 {"departure": "9.5"}, {"departure": "6.5", "security": "7.7"},
                 {"departure": "6.5", "security": "5.4", "nobody": "6.5"}, {},
                 ["departure", "6.5"], None],
    "ordering": [["first", "second", "third"], ["third", "second", "first"],
                 ["second", "first", "third"], ["first", "second", "third", "fourth"],
                 ["first", "second"], ["first", "first", "third"], [], "first, second", None,
                 {"first": 1}],
    "numeric": [613, 613.0, 600, "613", " 613 ", "1,000", "many", True, None, [613]],
    "click_phrase": [["highly problematic"], ["highly"], ["problematic", "highly"], [],
                     "highly problematic", ["not in the paragraph"], [[0, 5]], None, {"a": 1}],
}

# what students write in notebooks, and the quiz-format answer it means
SPELLINGS = {
    "single_choice": [("b", "B"), (" B ", "B"), ({"B"}, "B"), (["b"], "B")],
    "multiple_choice": [({"a", "c"}, ["A", "C"]), ("A", ["A"]), ("A, C", ["A, C"]),
                        ({"a", "e"}, ["A", "e"])],
    "true_false": [(" FALSE ", False)],
    "label_sentences": [({"¶1 s1": "Problem", "p8s4": " remedy "},
                         {"1.1": "problem", "8.4": "remedy"}),
                        ({"¶1.1": "solution", "8 s4": "REMEDY"},
                         {"1.1": "solution", "8.4": "remedy"})],
    "matching": [({"Departure": "¶6 s5", "security": "p5s4"},
                  {"departure": "6.5", "security": "5.4"})],
    "ordering": [(["First", " second", "THIRD"], ["first", "second", "third"]),
                 (("first", "third", "second"), ["first", "third", "second"])],
    "numeric": [],
    "click_phrase": [],
}

GRADED = sorted(SPEC_TYPES - {"code", "free_text"})  # code: hidden tests; free_text: a person


def model(kind: str):
    return question_model({"id": "q3", **BASE, **SPECS[kind]})


def spec(kind: str) -> dict:
    return {"id": "q3", **BASE, **SPECS[kind]}


def test_every_quiz_type_is_covered_here_or_refused_by_the_grader():
    """A new question type must join this test, or masters must refuse it."""
    for kind in REGISTRY:
        if kind in SPEC_TYPES:
            assert kind in SPECS, f"{kind} has no parity cases"
            continue
        with pytest.raises(MasterError, match="is not one of"):
            _validate_spec(__file__, "cell", {"id": "q1", "type": kind, "points": 1})


@pytest.mark.parametrize("kind", GRADED)
def test_grader_and_quiz_give_the_same_score_for_the_same_answer(kind):
    question = model(kind)
    disagree = []
    for answer in CANONICAL[kind]:
        grader = grade_value(spec(kind), answer).fraction
        quiz = score(question, answer).fraction
        if grader != pytest.approx(quiz):
            disagree.append((answer, grader, quiz))
    assert not disagree, disagree


@pytest.mark.parametrize("kind", GRADED)
def test_a_notebook_spelling_scores_as_the_answer_it_means(kind):
    question = model(kind)
    for written, meant in SPELLINGS[kind]:
        assert grade_value(spec(kind), written).fraction == pytest.approx(
            score(question, meant).fraction), (written, meant)


def test_the_example_of_the_issue():
    """q3 = {"A", "C", "E"} with key {A, C} of A–D: 1 − 1/2 for the false pick E → 1 point."""
    graded = grade_value(spec("multiple_choice"), {"A", "C", "E"})
    assert graded.fraction == 0.5 and not graded.score.correct
    assert "✗ 'E' chosen: not an option, so it counts as a wrong pick." in graded.score.lines


def test_open_answers_are_never_auto_scored_by_either():
    """The quiz self-check needs review and is never correct; the grader leaves it pending."""
    question = model("free_text")
    for answer in ["a frame is named", "", {"text": "x", "met": [0, 1]}]:
        quiz = score(question, answer)
        assert quiz.needs_review and not quiz.correct
    from medialit.grading.master import Question
    assert Question("q8", spec("free_text"), 0).manual
