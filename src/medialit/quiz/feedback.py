"""What a score means, line by line, in the question's own words: one list, many faces.

``feedback_parts`` returns ``(message, feedback)`` pairs: ``message`` is plain text from the UI
catalogue ("¶5.2: right."), ``feedback`` the author's Markdown for that part ("" if none). The
widget face renders them as HTML; the grader writes them into each student's feedback file.

A part's feedback is shown only when that part is right, so a retry is still worth something.
(The grader's report, which may show the key, is written by ``medialit.grading.explain``.)
"""

from __future__ import annotations

from .schema import QuestionBase
from .scoring import Score


def feedback_parts(q: QuestionBase, answer, score: Score) -> list[tuple[str, str]]:
    """The question type's own feedback parts (its ``feedback_parts`` face)."""
    return q.feedback_parts(answer, score)
