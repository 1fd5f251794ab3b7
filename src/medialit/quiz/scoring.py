"""Pure scoring: ``score(question, answer) -> Score``. No I/O, no widgets, no state.

The grader (issue 5) imports these same functions to grade answers read from notebooks, so
answers are plain Python values (see each type's module docstring for its answer format and
its partial-credit rule):

================  ==========================================================
single_choice     option id ``"b"``
multiple_choice   list/set of option ids ``["a", "c"]``
true_false        ``True`` / ``False``
label_sentences   dict sentence id -> label ``{"5.1": "define problem"}``
click_phrase      list of phrases/words (``["found", "no evidence"]``) or of
                  ``(start, end)`` character offsets into the text text
matching          dict left -> right
ordering          list of items in the order given
numeric           a number (or a string holding one)
free_text         the text ``str``, or ``{"text": str, "met": [criterion indexes]}``
================  ==========================================================

A malformed answer never raises: it scores 0 with ``details["invalid"]`` saying why, because
a grader must go on past a bad submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Score:
    """``fraction`` in 0..1; ``correct`` only when the answer is fully right.

    ``needs_review`` marks self-checked free text: its fraction is the student's own tick count.
    ``details`` says what each part earned (per option, sentence, pair, span ...).
    """

    fraction: float
    correct: bool
    details: dict[str, Any] = field(default_factory=dict)
    needs_review: bool = False

    def __post_init__(self) -> None:
        if not 0.0 <= self.fraction <= 1.0:
            raise ValueError(f"score fraction out of range: {self.fraction}")


def invalid(reason: str, **details: Any) -> Score:
    """A malformed or empty answer: no credit, and the reason in ``details['invalid']``."""
    return Score(0.0, False, {"invalid": reason, **details})


def score(question, answer: Any) -> Score:
    """Score ``answer`` to ``question`` (a validated question model of any type)."""
    return question.score(answer)
