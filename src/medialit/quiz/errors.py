"""Typed errors of question banks: every problem names the file, line, question id and field.

:class:`BankError` is :class:`~medialit.io.yamldata.DataError` naming its files "question banks";
the bank loader builds it from :func:`~medialit.io.yamldata.validate`'s problems."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import MISSING, Problem
from ..io.yamldata import DataError

_MISSING = MISSING  # the name the types' checks import


def BankProblem(file: str, line: int | None, question_id: str | None, field: str | None,
                message: str, found: object = MISSING, expected: str | None = None) -> Problem:
    """One problem of a bank (a :class:`~medialit.errors.Problem` naming a question)."""
    return Problem(message, file, line, question_id, field, found, expected, id_kind="question")


class BankError(DataError):
    """A question bank that does not meet the schema: the kit's one data error
    (:class:`~medialit.io.yamldata.DataError`) for a bank. ``problems`` lists every problem
    found; ``file``, ``line``, ``id`` and ``field`` are the first one's."""

    kind = "question bank(s)"
    id_kind = "question"

    def __init__(self, problems: list[Problem]):
        self._take(problems)

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
