"""Score one normalised answer: the quiz engine's rule for its type, and lines that say why.

The pipeline's single scoring entry point. Every declarative type is scored by the same pure
function the practice quizzes use (:func:`medialit.quiz.scoring.score`), so each type's
partial-credit rule is written once, in its module's docstring under ``medialit/quiz/types``.
The report's lines (given answer, key, and the author's feedback) come from
:func:`medialit.grading.explain.explain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..quiz.scoring import score
from .explain import explain
from .spec import question_model


@dataclass
class Score:
    fraction: float  # 0..1 of the question's points
    correct: bool
    details: list[str] = field(default_factory=list)  # what was right or wrong, and why


def score_answer(spec: dict, answer: Any) -> Score:
    """The score of a normalised answer to a declarative question, with its feedback lines."""
    question = question_model(spec)
    result = score(question, answer)
    return Score(result.fraction, result.correct, explain(question, answer, result))
