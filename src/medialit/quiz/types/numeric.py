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
from .base import register


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
