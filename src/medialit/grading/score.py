"""Score one normalised answer: the quiz engine's rule for its type, and lines that say why.

The pipeline's single scoring entry point (:func:`grade_value`). Every declarative type is
scored by the same pure function the practice quizzes use (:func:`medialit.quiz.scoring.score`)
on the answer as the student wrote it, only respelled (:mod:`.answer_format`: case, sentence-id
spellings — never a part dropped), so each type's partial-credit rule is written once, in its
module's docstring under ``medialit/quiz/types``, and grader and quiz agree on every answer
(tests/test_grading_parity.py).
The report's lines (given answer, key, and the author's feedback) come from
:func:`medialit.grading.explain.explain`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..quiz.scoring import Score, score
from .answer_format import normalise_answer, public_format
from .explain import explain
from .spec import question_model


@dataclass(frozen=True)
class ExplainedScore:
    """The quiz engine's :class:`~medialit.quiz.scoring.Score` of an answer (the one score type
    of the kit), and the report's lines that say why."""

    score: Score
    lines: list[str] = field(default_factory=list)  # what was right or wrong, and why

    @property
    def fraction(self) -> float:  # 0..1 of the question's points
        return self.score.fraction

    @property
    def correct(self) -> bool:
        return self.score.correct


def score_answer(spec: dict, answer: Any, question=None, *,
                 language: str | None = None) -> ExplainedScore:
    """The score of a normalised answer to a declarative question, with its feedback lines
    (``question``: the spec's quiz model, when the caller already has it; ``language``: of
    the lines' words, default the current language)."""
    question = question or question_model(spec)
    result = score(question, answer)
    return ExplainedScore(result, explain(question, answer, result, language))


@dataclass
class GradedValue:
    """A declarative answer read against its format, and its score (None: wrong type)."""

    value: Any
    problems: list[str]
    score: ExplainedScore | None

    @property
    def fraction(self) -> float:
        return self.score.fraction if self.score else 0.0


def grade_value(spec: dict, raw: Any, question=None, fmt: dict | None = None, *,
                language: str | None = None) -> GradedValue:
    """Respell ``raw`` (the literal the student wrote) and score it with the quiz engine
    (``question``, ``fmt``: the spec's quiz model and public format, when already built)."""
    value, problems = normalise_answer(fmt or public_format(spec), raw)
    if value is None:
        return GradedValue(None, problems, None)
    return GradedValue(value, problems, score_answer(spec, value, question, language=language))
