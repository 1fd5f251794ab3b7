"""Free text with a self-check rubric: the student writes, reveals the model answer, and ticks
the rubric criteria their answer meets. Never auto-scored.

Answer: the text (``str``), or ``{"text": str, "met": [indexes of rubric criteria]}``.
Scoring: ``needs_review`` is always True. With ticks, ``fraction = criteria ticked / criteria``
(the student's own assessment, shown as such; out-of-range and repeated indexes are ignored);
``correct`` is never True, because no machine judged it. Text alone scores 0 and waits for a
reader (``details["invalid"]`` only when the text is empty).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..i18n import message
from ..markup import parse_inline
from ..schema import QuestionBase
from ..scoring import Score
from .base import register


def score_free_text(question: FreeText, answer) -> Score:
    if isinstance(answer, dict):
        text = str(answer.get("text") or "")
        met = {i for i in answer.get("met") or [] if isinstance(i, int)
               and 0 <= i < len(question.rubric)}
    else:
        text, met = ("" if answer is None else str(answer)), set()
    details = {"text": text, "met": sorted(met), "self_assessed": True}
    if not text.strip():
        details["invalid"] = "no text written"
    return Score(len(met) / len(question.rubric), False, details, needs_review=True)


@register("free_text")
class FreeText(QuestionBase):
    type: Literal["free_text"]
    model_answer: str = Field(min_length=1)
    rubric: list[str] = Field(min_length=1, max_length=8)

    def checks(self, document) -> list:
        return []

    def score(self, answer) -> Score:
        return score_free_text(self, answer)

    def text_body(self, key: bool) -> list[str]:
        lines = ["", f"{message('text_answer_line')} " + "." * 60, "",
                 message("text_check_against")]
        lines += [f"- [ ] {c}" for c in self.rubric]
        if key:
            lines += ["", f"**{message('model_answer')}** {self.model_answer}"]
        return lines

    def client_data(self, document) -> dict:
        return {"model": parse_inline(self.model_answer),
                "rubric": [parse_inline(c) for c in self.rubric]}
