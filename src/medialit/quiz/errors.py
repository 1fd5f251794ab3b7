"""Typed errors of question banks: every problem names the file, line, question id and field."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import MISSING, MedialitError, Problem

_MISSING = MISSING  # the name the types' checks import


def BankProblem(file: str, line: int | None, question_id: str | None, field: str | None,
                message: str, found: object = MISSING, expected: str | None = None) -> Problem:
    """One problem of a bank (a :class:`~medialit.errors.Problem` naming a question)."""
    return Problem(message, file, line, question_id, field, found, expected, id_kind="question")


class BankError(MedialitError, ValueError):
    """A question bank that does not meet the schema. ``problems`` lists every problem found;
    ``file``, ``line``, ``id`` and ``field`` are the first one's."""

    def __init__(self, problems: list[Problem]):
        problems = list(problems)
        first = problems[0] if problems else Problem("no problem given")
        count = len(problems)
        head = f"{count} problem(s) in question bank(s):\n" if count > 1 else ""
        super().__init__(head + "\n".join(str(p) for p in problems), file=first.file,
                         line=first.line, id=first.id, field=first.field, found=first.found,
                         expected=first.expected, problems=problems)

    @property
    def question_id(self) -> str | None:
        return self.id


@dataclass(frozen=True)
class Issue:
    """A problem found by a question type's own checks; the loader adds file, line and id."""

    path: tuple[str | int, ...]
    message: str
    found: object = MISSING
    expected: str | None = None
