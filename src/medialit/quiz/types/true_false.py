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
from .base import register


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
