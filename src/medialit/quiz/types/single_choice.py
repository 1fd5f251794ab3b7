"""Single choice: pick one option.

Answer: the chosen option id (``"b"``).
Scoring: 1 for the key, 0 for any other option. An empty answer or an id the question does not
have scores 0 (``details["invalid"]``). There is no partial credit.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..errors import Issue
from ..i18n import message
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import Option, Target, letters, option_issues, options_data, register


def score_single_choice(question: SingleChoice, answer) -> Score:
    ids = [o.id for o in question.options]
    if answer is None or answer == "":
        return invalid("no option chosen")
    if not isinstance(answer, str) or answer not in ids:
        return invalid(f"not an option of this question: {answer!r}", chosen=answer)
    right = answer == question.answer
    return Score(1.0 if right else 0.0, right, {"chosen": answer, "feedback": [answer]})


@register("single_choice")
class SingleChoice(QuestionBase):
    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2, max_length=8)
    answer: str

    def checks(self, document) -> list[Issue]:
        issues = option_issues(self.options)
        ids = [o.id for o in self.options]
        if self.answer not in ids:
            issues.append(Issue(("answer",), "the key names an option that does not exist",
                                self.answer, f"one of {ids}"))
        return issues

    def score(self, answer) -> Score:
        return score_single_choice(self, answer)

    def text_body(self, key: bool) -> list[str]:
        lines = [f"- ( ) {letter}. {o.text}" for letter, o in
                 zip(letters(len(self.options)), self.options)]
        if key:
            right = next(o for o in self.options if o.id == self.answer)
            lines += ["", f"**{message('text_key')}** {right.text}"]
            lines += [f"- {o.text} — {o.feedback}" for o in self.options]
        return lines

    def client_data(self, document) -> dict:
        return {"options": options_data(self.options), "answer": self.answer}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 10  # where the type comes in tables and reports
    label = "single choice"
    answer_hint = 'one option letter in quotes, e.g. "A"'
    moodle = Target("multichoice", "Multiple choice, one answer", "exact")
    canvas = Target("multiple_choice_question", "Multiple Choice", "exact")

    def controls(self):
        from ..widgets import choice_controls

        return choice_controls(self, multiple=False)

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        return [("", o.feedback) for o in self.options if o.id in score.details.get("feedback", [])]

    def explain(self, answer, result: Score) -> list[str]:
        from ...grading.explain import mark, plain, with_feedback

        chosen = next((o for o in self.options if o.id == answer), None)
        text = f" ({plain(chosen.text)})" if chosen else ""
        line = (message("graded_chose_right", answer=answer, text=text) if result.correct else
                message("graded_chose_wrong", answer=answer, text=text, expected=self.answer))
        return [with_feedback(f"{mark(result.correct)} {line}",
                              chosen.feedback if chosen else "")]

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {"options": [o["id"] for o in spec["options"]]}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import match_choice, type_name

        if isinstance(value, (set, list, tuple)) and len(value) == 1:
            value = next(iter(value))
        if not isinstance(value, str):
            return None, [f"the answer must be {cls.answer_hint}, not {type_name(value)}"]
        choice = match_choice(value, fmt["options"])
        if choice is None:
            options = ", ".join(fmt["options"])
            return None, [f"{value!r} is not an option; the options are {options}"]
        return choice, []

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from ...handouts.worksheets import tick_boxes

        return tick_boxes(fmt["options"], "Your answer: tick one box.")

    @classmethod
    def feedback_texts(cls, data: dict) -> list[tuple[str, str, str]]:
        return [(f"option {o['id']}", o["text"], o["feedback"]) for o in data["options"]]

    @classmethod
    def add_quality_figures(cls, data: dict, figures) -> None:
        figures.single_choice = 1
        lengths = [len(o["text"]) for o in data["options"]]
        index = [o["id"] for o in data["options"]].index(data["answer"])
        if all(lengths[index] > n for i, n in enumerate(lengths) if i != index):
            figures.longest_key = 1
        if all(lengths[index] < n for i, n in enumerate(lengths) if i != index):
            figures.shortest_key = 1
        figures.key_positions[chr(ord("A") + index)] += 1

    def moodle_element(self, el, document) -> None:
        from ...export import moodle_xml as mx
        from ...export import render

        mx.choices(el, [("100" if o.id == self.answer else "0", render.html(o.text, document),
                         render.html(o.feedback, document)) for o in self.options], single=True)

    def qti_item(self, item, document) -> None:
        from ...export import render

        item.choices([(render.html(o.text, document), o.id == self.answer,
                       render.html(o.feedback, document)) for o in self.options],
                     multiple=False)
