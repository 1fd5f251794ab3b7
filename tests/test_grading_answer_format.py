"""answer_format: the sentence-id normaliser and the format check shared by check() and grader."""

from __future__ import annotations

import pytest

from medialit.grading.answer_format import normalise_answer, normalise_sentence_id, public_format

LABEL_FMT = {"type": "label_sentences", "labels": ["problem", "cause", "judgment", "remedy"],
             "sentences": ["1.1", "8.4"]}


@pytest.mark.parametrize("raw, expected", [
    ("8.4", "8.4"), ("¶8 s4", "8.4"), ("¶8s4", "8.4"), ("p8s4", "8.4"), ("P8 S4", "8.4"),
    ("¶8.4", "8.4"), (" 8.4 ", "8.4"), ("¶ 8 s 4", "8.4"), ("8 s4", "8.4"), ("¶10 s2", "10.2"),
    ("byline.1", "byline.1"), ("8.04", None),
    ("8", None), ("¶8", None), ("s4", None), ("8.4.1", None), ("eight", None), (84, None),
    ("0.1", None),
])
def test_sentence_id_normaliser(raw, expected):
    """docs/grading.md, "Reading answers": "¶8 s4", "8.4" and "p8s4" are the same sentence."""
    assert normalise_sentence_id(raw) == expected


def test_labels_are_normalised_and_unknown_ones_reported_and_kept():
    """Kept, so that the quiz engine scores the out-of-range label (as no credit)."""
    value, problems = normalise_answer(LABEL_FMT, {"¶1 s1": " Problem ", "8.4": "remedies"})
    assert value == {"1.1": "problem", "8.4": "remedies"}
    assert any("'remedies' (for 8.4) is not a label" in p for p in problems)


def test_unknown_sentence_and_bad_id_are_reported():
    _, problems = normalise_answer(LABEL_FMT, {"2.1": "cause", "para eight": "cause"})
    assert any("2.1 is not one of the sentences" in p for p in problems)
    assert any("'para eight' is not a sentence id" in p for p in problems)


@pytest.mark.parametrize("fmt, value", [
    (LABEL_FMT, ["1.1", "problem"]),
    ({"type": "single_choice", "options": ["A", "B"]}, 3),
    ({"type": "multiple_choice", "options": ["A", "B"]}, {"A": 1}),
    ({"type": "numeric"}, "twelve"),
    ({"type": "numeric"}, True),
    ({"type": "true_false"}, "yes"),
    ({"type": "ordering", "items": ["x", "y"]}, "x, y"),
    ({"type": "free_text"}, ["text"]),
])
def test_wrong_type_gives_none_and_a_message(fmt, value):
    normalised, problems = normalise_answer(fmt, value)
    assert normalised is None and "must be" in problems[0]


def test_single_choice_is_case_insensitive_and_rejects_unknown_letters():
    fmt = {"type": "single_choice", "options": ["A", "B", "C"]}
    assert normalise_answer(fmt, " b ")[0] == "B"
    assert normalise_answer(fmt, {"c"})[0] == "C"
    assert "not an option" in normalise_answer(fmt, "E")[1][0]


def test_multiple_choice_respells_known_options_and_keeps_unknown_ones():
    """issue 11 §3: dropping 'Z' before scoring gave more than the quiz engine's rule."""
    fmt = {"type": "multiple_choice", "options": ["A", "B", "C"]}
    value, problems = normalise_answer(fmt, {"a", "C", "Z"})
    assert sorted(value) == ["A", "C", "Z"]
    assert problems == ["'Z' is not an option (A, B, C); it counts as a wrong pick"]


@pytest.mark.parametrize("fmt, value, read", [
    ({"type": "numeric"}, "12", "12"), ({"type": "numeric"}, " 1,000 ", " 1,000 "),
    ({"type": "true_false"}, "True", True), ({"type": "true_false"}, " false", False),
])
def test_what_the_quiz_engine_reads_the_grader_reads_with_a_note(fmt, value, read):
    normalised, problems = normalise_answer(fmt, value)
    assert normalised == read and "without quotes" in problems[0]


def test_matching_normalises_sentence_ids_on_the_right():
    fmt = {"type": "matching", "left": ["relevance"], "right": ["8.4", "9.5"]}
    assert normalise_answer(fmt, {"Relevance": "¶8 s4"}) == ({"relevance": "8.4"}, [])


def test_free_text_word_count_is_a_problem_not_a_zero():
    value, problems = normalise_answer({"type": "free_text", "words": [5, 10]}, "too short")
    assert value == "too short" and "2 words" in problems[0]


def test_public_format_never_contains_the_key():
    spec = {"type": "single_choice", "points": 1, "answer": "B", "explanation": "¶1",
            "options": [{"id": "A", "text": "x", "feedback": "secret"}, {"id": "B", "text": "y",
                                                                         "feedback": "secret"}]}
    fmt = public_format(spec)
    assert fmt == {"type": "single_choice", "points": 1, "options": ["A", "B"]}


@pytest.mark.parametrize("typed, allowed", [
    ("discloses the writer's position", "discloses the writer’s position"),
    ("discloses the writer’s position", "discloses the writer's position"),
    ("the ‘so-called’ office", "the 'so-called' office"),
    ('calls it "highly problematic"', "calls it “highly problematic”"),
])
def test_labels_match_with_straight_or_typographic_quotes(typed, allowed):
    """A label typed with ' or " matches the same label written with ’ or “ ” (they look the
    same on screen), and the answer is respelled to the allowed form."""
    fmt = {"type": "matching", "left": ["1.1"], "right": [allowed, "states the thesis"]}
    value, problems = normalise_answer(fmt, {"1.1": typed})
    assert problems == []
    assert value == {"1.1": allowed}
