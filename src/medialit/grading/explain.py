"""The graded report's lines for one declarative answer: what was given, the key, and why.

Practice quizzes hide the key so a retry is worth something; a graded report shows it. Each
line starts with ✓ (right), ✗ (wrong or missing) or ◐ (partly right) and ends with the
author's feedback for that part, which cites paragraph numbers. The words between come from
the interface catalogue (``graded_*`` in ``quiz/messages/<language>.yml``).
"""

from __future__ import annotations

from functools import lru_cache

from ..quiz.i18n import current_folders, use_language
from ..quiz.markup import plain as _plain
from ..quiz.schema import QuestionBase
from ..quiz.scoring import Score

# Option texts repeat for every student of a batch: parse each one's markup once.
plain = lru_cache(maxsize=4096)(_plain)


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


@lru_cache(maxsize=16384)  # one object per line: later steps remember by it (outputs.py)
def with_feedback(line: str, feedback: str) -> str:
    """A report line with the author's feedback for that part after it."""
    return f"{line} {feedback}".rstrip() if feedback else line


def explain(q: QuestionBase, answer, result: Score, language: str | None = None) -> list[str]:
    """The type's own report lines (its ``explain`` face); a malformed answer says why.

    The lines' own words are the catalogue's ``graded_*`` strings in ``language`` (default:
    the current language, :func:`medialit.quiz.i18n.use_language`; English for any string
    that language lacks); the author's feedback after them is as written."""
    if language is not None:
        with use_language(language, current_folders()):
            return explain(q, answer, result)
    if "invalid" in result.details:
        return [f"✗ {result.details['invalid']}"]
    return q.explain(answer, result)
