"""Feedback that is always true (issue 16 §3), on the Python side: the widget face's lines and
the grader's report say what the student did, with the same catalogue strings as the static
face (tests/browser/test_quiz_feedback.py checks the page with the same exact texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.case import load_oped
from medialit.grading.explain import explain
from medialit.quiz import load_bank
from medialit.quiz.feedback import feedback_parts
from medialit.quiz.i18n import message
from medialit.quiz.types.click_phrase import paragraph_words
from medialit.quiz.widgets import QuestionWidget, verdict

ROOT = Path(__file__).resolve().parents[1]
BANK = load_bank(ROOT / "chapters" / "questions" / "practice.yml")


def test_partly_right_has_no_space_before_the_percent_sign():
    assert message("partly", percent=17) == "Partly right: 17%."


def test_the_verdict_sign_is_hidden_and_the_result_is_in_words():
    mc = BANK.question("practice-q02")
    html = verdict(mc.score(["a", "b", "d"]))
    assert html == '<span aria-hidden="true">◐ </span>Partly right: 17%.'


def test_multiple_choice_lines_name_the_option_and_count_the_missed_ones():
    mc = BANK.question("practice-q02")  # key a, b, c of a..e
    result = mc.score(["a", "b", "d"])
    assert result.fraction == pytest.approx(2 / 3 - 1 / 2)
    parts = feedback_parts(mc, ["a", "b", "d"], result)
    texts = {o.id: o.text for o in mc.options}
    assert [m for m, _ in parts] == [
        f"You chose {texts['a']}, and it is right.",
        f"You chose {texts['b']}, and it is right.",
        f"You chose {texts['d']}, but it is not right.",
        "One right option is not chosen yet."]
    assert parts[2][1] == mc.options[3].feedback
    two_missed = feedback_parts(mc, ["a"], mc.score(["a"]))
    assert two_missed[-1] == ("2 right options are not chosen yet.", "")


def _found_no_evidence(question) -> list[tuple[int, int]]:
    """(start, end) of the words "found", "no", "evidence" in the question's paragraph."""
    words = paragraph_words(load_oped(), question.paragraph)
    texts = [w for _, _, w in words]
    i = next(i for i in range(len(texts)) if texts[i:i + 3] == ["found", "no", "evidence"])
    return [(s, e) for s, e, _ in words[i:i + 3]]


def test_click_phrase_says_what_was_selected_with_plurals():
    cp = BANK.question("practice-q05")
    three = _found_no_evidence(cp)
    parts = feedback_parts(cp, three[:1], cp.score(three[:1]))
    assert parts[0] == ("1 word selected: “found”.", "")
    parts = feedback_parts(cp, three, cp.score(three))
    assert parts[0] == ("3 words selected: “found no evidence”.", "")
    assert not any(m.startswith("Selected:") for m, _ in parts)


def test_click_phrase_a_partly_selected_phrase_is_not_called_found():
    cp = BANK.question("practice-q05")
    quote = cp.answer[0]
    size = len(quote.split())
    first = _found_no_evidence(cp)[:1]
    result = cp.score(first)
    parts = feedback_parts(cp, first, result)
    assert (f"Partly found: “{quote}” (1 of its {size} words selected).", "") in parts
    assert f"◐ “{quote}” partly found (1 of its {size} words selected)." in explain(
        cp, first, result)


def test_numeric_words_get_a_format_warning_and_are_not_an_attempt():
    num = BANK.question("practice-q08")
    assert num.answer_problem("about 600") == (
        "“about 600” is not a number: enter digits only, such as 42 or 3.5. "
        "This try was not counted.")
    assert num.answer_problem("1,000") is None and num.answer_problem("613") is None
    widget = QuestionWidget(num, 8, 9)
    widget.controls.widget.children[0].value = "about 600"
    assert widget.check() is None
    assert "This try was not counted." in widget.feedback.value
    assert "Not quite" not in widget.feedback.value


def test_ordering_starts_from_the_only_order_that_earns_nothing_and_says_why():
    order = BANK.question("practice-q07")
    start = order.start_order()
    result = order.score(start)
    assert result.fraction == 0 and sorted(start) == sorted(order.items)
    assert order.client_data(load_oped())["start"] == start
    assert order.controls().get() == start
    n = len(order.items)
    pairs = n * (n - 1) // 2
    in_place = n % 2  # reversed, an odd list keeps its middle item in place
    expected = (f"{in_place} of {n} items are in their right place. The score compares every "
                f"two items: in 0 of the {pairs} pairs, the item that comes first in the answer "
                "is also higher in your list.")
    assert feedback_parts(order, start, result) == [(expected, "")]


def test_widget_buttons_carry_their_question_and_the_verdict_sign_is_hidden():
    mc = BANK.question("practice-q02")
    widget = QuestionWidget(mc, 2, 9)
    assert widget.check_button.tooltip == "Check: question 2"
    for box, option in zip(widget.controls.widget.children, mc.options):
        box.value = option.id in ("a", "d")
    widget.check()
    assert '<span aria-hidden="true">✗ </span>Not quite.' in widget.feedback.value
    assert "One of" not in widget.feedback.value
    assert "2 right options are not chosen yet." in widget.feedback.value
