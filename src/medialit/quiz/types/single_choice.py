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
from .base import Option, letters, option_issues, options_data, register


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
