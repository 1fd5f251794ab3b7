"""Numeric: a number, right within an absolute tolerance.

Answer: a number, or a string holding one (``"613"``, ``" 613.0 "``, ``"1,000"``: thousands
commas are dropped).
Scoring: 1 when ``|answer − key| <= tolerance``, else 0 (no partial credit). An empty or
non-numeric answer scores 0 with ``details["invalid"]``.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field

from ..i18n import message
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import Target, register


def read_number(answer) -> float | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float)):
        value = float(answer)
    elif isinstance(answer, str):
        try:
            value = float(answer.strip().replace(",", ""))
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) else None


def score_numeric(question: Numeric, answer) -> Score:
    value = read_number(answer)
    if value is None:
        return invalid(f"not a number: {answer!r}")
    right = abs(value - question.answer) <= question.tolerance + 1e-9
    return Score(1.0 if right else 0.0, right,
                 {"value": value, "off_by": value - question.answer})


@register("numeric")
class Numeric(QuestionBase):
    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(default=0, ge=0)
    unit: str = ""

    def score(self, answer) -> Score:
        return score_numeric(self, answer)

    def checks(self, document) -> list:
        return []

    def key_text(self) -> str:
        number = f"{self.answer:g}"
        tol = f" (± {self.tolerance:g})" if self.tolerance else ""
        return f"{number}{' ' + self.unit if self.unit else ''}{tol}"

    def text_body(self, key: bool) -> list[str]:
        lines = [f"{message('text_answer_line')} ________ {self.unit}".rstrip()]
        if key:
            lines += ["", f"**{message('text_key')}** {self.key_text()}"]
        return lines

    def client_data(self, document) -> dict:
        return {"answer": self.answer, "tolerance": self.tolerance, "unit": self.unit}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 60  # where the type comes in tables and reports
    label = "numeric"
    answer_hint = "a number, e.g. 12"
    moodle = Target("numerical", "Numerical", "exact")
    canvas = Target("numerical_question", "Numerical Answer", "exact")

    def controls(self):
        import ipywidgets as w

        from ..widgets import Controls

        text = w.Text(description=message("numeric_label"), placeholder=self.unit or "",
                      style={"description_width": "initial"})
        return Controls(w.HBox([text, w.Label(self.unit)]), lambda: text.value.strip() or None,
                        lambda: setattr(text, "value", ""))

    def answer_problem(self, answer) -> str | None:
        if answer is None or read_number(answer) is not None:
            return None
        return message("number_format", answer=str(answer).strip())

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        return [(message("not_a_number"), "")] if "invalid" in score.details else []

    def explain(self, answer, result: Score) -> list[str]:
        from ...grading.explain import mark

        tol = f" (± {self.tolerance:g})" if self.tolerance else ""
        if result.correct:
            return [f"{mark(True)} {message('graded_answered_right', answer=answer)}"]
        return [f"{mark(False)} " + message("graded_answered_wrong", answer=answer,
                                           expected=f"{self.answer:g}{tol}")]

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {"unit": spec.get("unit", "")}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import type_name

        if isinstance(value, str) and read_number(value) is not None:
            return value, [(f"write the number without quotes; {value!r} was read as "
                            f"{read_number(value):g}")]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, [f"the answer must be {cls.answer_hint}, not {type_name(value)}"]
        return value, []

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from html import escape

        unit = f" {escape(fmt['unit'])}" if fmt.get("unit") else ""
        return f'<p class="label">Your answer: <span class="fill"></span>{unit}</p>'

    def export_question_html(self, document, fmt: str) -> str:
        from html import escape

        unit = f"<p><em>Answer with a number ({escape(self.unit)}).</em></p>" if self.unit else ""
        return super().export_question_html(document, fmt) + unit

    def moodle_element(self, el, document) -> None:
        from ...export import content
        from ...export import moodle_xml as mx

        ans = mx.add_answer(el, "100", content.number_text(self.answer), "", html=False)
        mx.add_field(ans, "tolerance", content.number_text(self.tolerance))
        for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0.1000000"),
                           ("showunits", "3"), ("unitsleft", "0")):
            mx.add_field(el, tag, value)

    def qti_item(self, item, document) -> None:
        item.numerical(self.answer, self.tolerance)
