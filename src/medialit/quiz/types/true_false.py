"""True or false.

Answer: ``True`` or ``False`` (a real bool; the strings "true"/"false" are also read).
Scoring: 1 when it equals the key, else 0; anything else (None, "maybe") scores 0 with
``details["invalid"]``. No partial credit.
"""

from __future__ import annotations

from typing import Literal

from pydantic import StrictBool

from ..errors import Issue
from ..i18n import message
from ..markup import parse_inline
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import Target, register


def score_true_false(question: TrueFalse, answer) -> Score:
    if isinstance(answer, str) and answer.strip().lower() in ("true", "false"):
        answer = answer.strip().lower() == "true"
    if not isinstance(answer, bool):
        return invalid(f"expected True or False, got {answer!r}")
    right = answer == question.answer
    return Score(1.0 if right else 0.0, right, {"chosen": answer})


@register("true_false")
class TrueFalse(QuestionBase):
    type: Literal["true_false"]
    answer: StrictBool
    feedback: dict[bool, str]

    def checks(self, document) -> list[Issue]:
        missing = [str(v).lower() for v in (True, False) if not self.feedback.get(v)]
        if missing:
            return [Issue(("feedback",), "feedback is needed for choosing each value",
                          sorted(str(k).lower() for k in self.feedback), "keys true and false")]
        return []

    def score(self, answer) -> Score:
        return score_true_false(self, answer)

    def text_body(self, key: bool) -> list[str]:
        yes, no = message("true"), message("false")
        lines = [f"- ( ) {yes}", f"- ( ) {no}"]
        if key:
            lines += ["", f"**{message('text_key')}** {yes if self.answer else no}",
                      f"- {yes} — {self.feedback[True]}", f"- {no} — {self.feedback[False]}"]
        return lines

    def client_data(self, document) -> dict:
        return {"answer": self.answer,
                "feedback": {"true": parse_inline(self.feedback[True]),
                             "false": parse_inline(self.feedback[False])}}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 30  # where the type comes in tables and reports
    label = "true or false"
    answer_hint = "True or False"
    moodle = Target("truefalse", "True/False", "exact")
    canvas = Target("true_false_question", "True/False", "exact")

    def controls(self):
        import ipywidgets as w

        from ..widgets import Controls

        radio = w.RadioButtons(options=[(message("true"), True), (message("false"), False)],
                               value=None)
        return Controls(radio, lambda: radio.value, lambda: setattr(radio, "value", None))

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        return [("", self.feedback[answer])] if isinstance(answer, bool) else []

    def explain(self, answer, result: Score) -> list[str]:
        from ...grading.explain import mark, with_feedback

        line = (message("graded_answered_right", answer=answer) if result.correct else
                message("graded_answered_wrong", answer=answer, expected=self.answer))
        return [with_feedback(f"{mark(result.correct)} {line}", self.feedback[answer])]

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import type_name

        if isinstance(value, bool):
            return value, []
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true", [
                (f"write True or False without quotes; {value!r} was read as "
                 f"{value.strip().capitalize()}")]
        return None, [f"the answer must be True or False, not {type_name(value)}"]

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from ...handouts.worksheets import tick_boxes

        return tick_boxes(["True", "False"], "Your answer: tick one box.")

    @classmethod
    def feedback_texts(cls, data: dict) -> list[tuple[str, str, str]]:
        return [(f"value {str(k).lower()}", "", v) for k, v in data["feedback"].items()]

    @classmethod
    def add_quality_figures(cls, data: dict, figures) -> None:
        figures.true_false, figures.tf_true = 1, int(data["answer"] is True)

    def moodle_element(self, el, document) -> None:
        from ...export import moodle_xml as mx
        from ...export import render

        for value in (True, False):
            mx.add_answer(el, "100" if self.answer is value else "0", str(value).lower(),
                      render.html(self.feedback[value], document), html=False)

    def qti_item(self, item, document) -> None:
        from ...export import render

        item.choices([("True", self.answer is True, render.html(self.feedback[True], document)),
                      ("False", self.answer is False,
                       render.html(self.feedback[False], document))], multiple=False)
