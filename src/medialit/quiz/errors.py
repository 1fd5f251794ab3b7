"""Typed errors of question banks: every problem names the file, line, question id and field."""

from __future__ import annotations

from dataclasses import dataclass

_MISSING = object()


@dataclass(frozen=True)
class BankProblem:
    """One thing wrong in a bank, with where it is, what was found and what was expected."""

    file: str
    line: int | None
    question_id: str | None
    field: str | None
    message: str
    found: object = _MISSING
    expected: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.question_id:
            parts.append(f"question {self.question_id}")
        if self.field:
            parts.append(f"field '{self.field}'")
        text = ": ".join(parts) + f": {self.message}"
        extra = []
        if self.found is not _MISSING:
            extra.append(f"found {self.found!r}")
        if self.expected:
            extra.append(f"expected {self.expected}")
        return text + (f" ({'; '.join(extra)})" if extra else "")


class BankError(ValueError):
    """A question bank that does not meet the schema. ``problems`` lists every problem found."""

    def __init__(self, problems: list[BankProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    # The first problem's place, for callers that only show one.
    @property
    def file(self) -> str:
        return self.problems[0].file

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def question_id(self) -> str | None:
        return self.problems[0].question_id

    @property
    def field(self) -> str | None:
        return self.problems[0].field

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count} problem(s) in question bank(s):\n" if count > 1 else ""
        return head + "\n".join(str(p) for p in self.problems)


@dataclass(frozen=True)
class Issue:
    """A problem found by a question type's own checks; the loader adds file, line and id."""

    path: tuple[str | int, ...]
    message: str
    found: object = _MISSING
    expected: str | None = None
