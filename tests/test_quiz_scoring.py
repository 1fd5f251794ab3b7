"""Scoring of every question type, partial-credit edge cases included (pure functions)."""

from __future__ import annotations

import pytest

from medialit.case import load_oped
from medialit.quiz import score
from quizhelpers import make, options


def test_single_choice_right_wrong_empty_and_unknown():
    q = make("single_choice", options=options("a", "b", "c"), answer="b")
    assert score(q, "b").fraction == 1.0 and score(q, "b").correct
    assert score(q, "a").fraction == 0.0 and not score(q, "a").correct
    assert score(q, "a").details["feedback"] == ["a"]
    assert score(q, None).details["invalid"] == "no option chosen"
    assert score(q, "").fraction == 0.0
    unknown = score(q, "z")
    assert unknown.fraction == 0.0 and "not an option" in unknown.details["invalid"]
    assert score(q, ["b"]).fraction == 0.0  # a list is not an option id


@pytest.fixture
def mc():
    return make("multiple_choice", options=options("a", "b", "c", "d", "e"), answer=["a", "b"])


def test_multiple_choice_full_and_partial_credit(mc):
    assert score(mc, ["a", "b"]).fraction == 1.0 and score(mc, ["b", "a"]).correct
    assert score(mc, {"a", "b"}).correct  # sets are accepted
    assert score(mc, ["a"]).fraction == pytest.approx(0.5)
    half_and_one_wrong = score(mc, ["a", "c"])  # 1/2 - 1/3
    assert half_and_one_wrong.fraction == pytest.approx(1 / 6)
    assert not half_and_one_wrong.correct
    assert score(mc, ["a", "b", "c"]).fraction == pytest.approx(2 / 3)


def test_multiple_choice_select_all_never_earns_full_marks(mc):
    everything = score(mc, ["a", "b", "c", "d", "e"])
    assert everything.fraction == 0.0 and not everything.correct


def test_multiple_choice_empty_and_junk_answers(mc):
    assert score(mc, []).fraction == 0.0
    assert score(mc, []).details["invalid"] == "no option chosen"
    assert score(mc, None).fraction == 0.0
    assert score(mc, "ab").fraction == 0.0  # a string is not a list of ids
    with_unknown = score(mc, ["a", "b", "zz"])
    assert with_unknown.details["unknown"] == ["zz"] and not with_unknown.correct
    assert with_unknown.fraction == pytest.approx(1 - 1 / 3)


def test_true_false():
    q = make("true_false", answer=False, feedback={True: "no", False: "yes"})
    assert score(q, False).correct and score(q, False).fraction == 1.0
    assert score(q, True).fraction == 0.0
    assert score(q, "false").correct  # the strings are read too
    assert score(q, None).details["invalid"]
    assert score(q, 0).fraction == 0.0 and "invalid" in score(q, 0).details


@pytest.fixture
def labels():
    return make("label_sentences", labels=["fact", "opinion"], sentences=["5.1", "5.2", "9.3"],
                answer={"5.1": "opinion", "5.2": "fact", "9.3": "opinion"})


def test_label_sentences_partial_credit(labels):
    assert score(labels, {"5.1": "opinion", "5.2": "fact", "9.3": "opinion"}).correct
    two = score(labels, {"5.1": "opinion", "5.2": "fact", "9.3": "fact"})
    assert two.fraction == pytest.approx(2 / 3)
    assert two.details["sentences"] == {"5.1": "right", "5.2": "right", "9.3": "wrong"}


def test_label_sentences_out_of_range_label_and_missing_and_extra(labels):
    odd = score(labels, {"5.1": "hyperbole", "5.2": "fact", "1.1": "fact"})
    assert odd.details["sentences"] == {"5.1": "unknown label", "5.2": "right", "9.3": "missing"}
    assert odd.details["unknown"] == ["1.1"]
    assert odd.fraction == pytest.approx(1 / 3)
    assert score(labels, {}).fraction == 0.0
    assert score(labels, ["fact"]).details["invalid"]


@pytest.fixture
def click():
    return make("click_phrase", paragraph=6,
                answer=["found no evidence of “violence against civilians”"])


def _phrase_offsets(quote: str) -> tuple[int, int]:
    span = load_oped().find(quote, paragraph=6)
    return span.start, span.end


def test_click_phrase_exact_selection_is_correct(click):
    exact = score(click, ["found no evidence of “violence against civilians”"])
    assert exact.correct and exact.fraction == 1.0
    pieces = score(click, ["found", "no evidence of", "“violence", "against", "civilians”"])
    assert pieces.correct
    # A lone word is looked up at its first occurrence: the first "of" of ¶6 is elsewhere.
    assert not score(click, ["found no evidence", "of", "“violence against civilians”"]).correct
    assert score(click, [_phrase_offsets("found no evidence of “violence against civilians”")]
                 ).correct


def test_click_phrase_partial_overlap_is_dice(click):
    three = score(click, ["found no evidence"])  # 3 of 7 key words, no extra
    assert three.fraction == pytest.approx(2 * 3 / (3 + 7))
    whole = "The UN Mission visiting the region found no evidence of “violence against civilians”"
    extra = score(click, [whole])  # 7 key words + 6 extra
    assert extra.fraction == pytest.approx(2 * 7 / (13 + 7)) and not extra.correct
    assert extra.details["spans"] == {"found no evidence of “violence against civilians”": True}


def test_click_phrase_overlapping_spans_count_each_word_once(click):
    overlapping = score(click, ["found no evidence", "no evidence of", "evidence"])
    assert overlapping.details["selected"] == sorted(set(overlapping.details["selected"]))
    assert len(overlapping.details["selected"]) == 4
    assert overlapping.fraction == pytest.approx(2 * 4 / (4 + 7))
    start, end = _phrase_offsets("found no evidence")
    assert score(click, [(start, end), (start + 2, end)]).fraction == pytest.approx(2 * 3 / 10)


def test_click_phrase_empty_and_not_found(click):
    empty = score(click, [])
    assert empty.fraction == 0.0 and empty.details["invalid"] == "no words selected"
    missing = score(click, ["not in the paragraph at all"])
    assert missing.fraction == 0.0 and missing.details["not_found"] == [
        "not in the paragraph at all"]
    assert score(click, "found").details["invalid"]  # a bare string is not a list


def test_click_phrase_overlapping_key_spans_are_one_set():
    q = make("click_phrase", paragraph=6, answer=["found no evidence", "no evidence of"])
    # key words: found, no, evidence, of
    assert score(q, ["found no evidence of"]).correct
    assert score(q, ["no evidence"]).fraction == pytest.approx(2 * 2 / (2 + 4))


@pytest.fixture
def matching():
    return make("matching", pairs=[{"left": "A", "right": "1"}, {"left": "B", "right": "2"},
                                   {"left": "C", "right": "3"}], distractors=["4"])


def test_matching_partial_credit(matching):
    assert score(matching, {"A": "1", "B": "2", "C": "3"}).correct
    one = score(matching, {"A": "1", "B": "3", "C": "4"})
    assert one.fraction == pytest.approx(1 / 3)
    assert one.details["pairs"] == {"A": "right", "B": "wrong", "C": "wrong"}
    assert score(matching, {"A": "1", "Z": "2"}).details["unknown"] == ["Z"]
    assert score(matching, {}).fraction == 0.0
    assert score(matching, [("A", "1")]).details["invalid"]


def test_matching_choices_include_distractors_in_stable_order(matching):
    assert sorted(matching.choices()) == ["1", "2", "3", "4"]
    assert matching.choices() == matching.choices()


@pytest.fixture
def ordering():
    return make("ordering", items=["one", "two", "three", "four"])


def test_ordering_kendall_partial_credit(ordering):
    assert score(ordering, ["one", "two", "three", "four"]).correct
    swapped = score(ordering, ["two", "one", "three", "four"])
    assert swapped.fraction == pytest.approx(5 / 6) and not swapped.correct
    assert score(ordering, ["four", "three", "two", "one"]).fraction == 0.0


def test_ordering_rejects_non_permutations(ordering):
    assert score(ordering, ["one", "two", "three"]).details["invalid"]
    assert score(ordering, ["one", "one", "two", "three"]).fraction == 0.0
    assert score(ordering, []).fraction == 0.0
    assert score(ordering, "one two three four").details["invalid"]


def test_ordering_shuffle_is_stable_and_never_the_key(ordering):
    assert ordering.shuffled() == ordering.shuffled()
    assert ordering.shuffled() != ordering.items
    assert sorted(ordering.shuffled()) == sorted(ordering.items)


def test_numeric_tolerance_and_parsing():
    q = make("numeric", answer=613, tolerance=0, unit="civilians")
    assert score(q, 613).correct and score(q, "613").correct and score(q, " 613.0 ").correct
    assert not score(q, 614).correct
    assert score(q, "six hundred").details["invalid"]
    assert score(q, "").fraction == 0.0 and score(q, None).fraction == 0.0
    assert score(q, True).fraction == 0.0  # a bool is not a number
    wide = make("numeric", answer=80, tolerance=5)
    assert score(wide, 84.9).correct and score(wide, "75").correct and not score(wide, 86).correct
    assert score(make("numeric", answer=1000), "1,000").correct


def test_free_text_is_self_checked_never_auto_correct():
    q = make("free_text", model_answer="Model.", rubric=["one", "two", "three", "four"])
    text_only = score(q, "my answer")
    assert text_only.needs_review and text_only.fraction == 0.0 and not text_only.correct
    ticked = score(q, {"text": "my answer", "met": [0, 2, 2, 9, -1]})
    assert ticked.fraction == pytest.approx(0.5) and ticked.details["met"] == [0, 2]
    assert not ticked.correct and ticked.needs_review
    assert score(q, "").details["invalid"] == "no text written"
    assert score(q, None).fraction == 0.0
