"""One error type for every problem a user can fix: where it is, what was found, what was expected.

:class:`MedialitError` is the base of every error the kit raises for bad input (a data file, a
question bank, a master notebook, a content pack, a command-line argument). It carries the
place and the values as attributes, so a caller can show them its own way, and a message that
already says all of it, so printing it is enough. The ``medialit`` command prints the message
(no traceback) and exits with :attr:`MedialitError.exit_code`.

:class:`Problem` is one thing wrong, for errors that collect several (a bank with three bad
questions is one :class:`~medialit.quiz.errors.BankError` listing three problems).

This module imports nothing but the standard library: the grading sandbox's child imports
the text model, which raises these errors.
"""

from __future__ import annotations

from dataclasses import dataclass


class _Missing:
    """No value found (a required field left out), as opposed to ``None`` found."""

    def __repr__(self) -> str:
        return "<missing>"

    def __bool__(self) -> bool:
        return False


MISSING = _Missing()


def where(file: str | None, line: int | None) -> str:
    """``file:line``, ``file`` or an empty string."""
    if file and line:
        return f"{file}:{line}"
    return file or ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong: its place (file, line, the entry's id, the field), what is wrong, and
    what was found and expected."""

    message: str
    file: str | None = None
    line: int | None = None
    id: str | None = None
    field: str | None = None
    found: object = MISSING
    expected: str | None = None
    id_kind: str = "entry"  # how the id is named in the message: entry, question, key...

    @property
    def question_id(self) -> str | None:
        return self.id

    def __str__(self) -> str:
        """``file:line: question q-01: field 'answer': message (found ...; expected ...)``; an
        entry of a data file reads ``entry 'LO1', field 'level': message``. Question ids are
        shown bare (they hold no spaces), other ids quoted."""
        place = where(self.file, self.line)
        if self.id_kind == "question":
            names = [f"question {self.id}" if self.id else "",
                     f"field '{self.field}'" if self.field else ""]
            head = ": ".join(p for p in (place, *names) if p)
        else:
            names = [f"{self.id_kind} {self.id!r}" if self.id else "",
                     f"field '{self.field}'" if self.field else ""]
            head = ": ".join(p for p in (place, ", ".join(n for n in names if n)) if p)
        text = f"{head}: {self.message}" if head else self.message
        extra = []
        if self.found is not MISSING:
            extra.append(f"found {_shown(self.found)}")
        if self.expected:
            extra.append(f"expected {self.expected}")
        return text + (f" ({'; '.join(extra)})" if extra else "")


def _shown(value: object, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters (a long note is not repeated whole)."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class MedialitError(Exception):
    """A problem the user can fix. ``str(error)`` says where and what; the attributes hold the
    same facts (``file``, ``line``, ``id``, ``field``, ``found``, ``expected``).

    Subclasses keep the built-in base they always had (``ValueError``, ``LookupError``,
    ``RuntimeError``) beside this one, so existing ``except ValueError`` code still works.
    """

    #: What ``medialit`` exits with when this error stops a command (2, as click's usage errors).
    exit_code = 2

    def __init__(self, message: str = "", *, file: str | None = None, line: int | None = None,
                 id: str | None = None, field: str | None = None, found: object = MISSING,
                 expected: str | None = None, problems: list[Problem] | None = None):
        self.file = None if file is None else str(file)
        self.line = line
        self.id = id
        self.field = field
        self.found = found
        self.expected = expected
        self.problems: list[Problem] = list(problems or [])
        super().__init__(message)

    @classmethod
    def of(cls, problem: Problem) -> MedialitError:
        """The error for one :class:`Problem` (its message is the problem's)."""
        return cls(str(problem), file=problem.file, line=problem.line, id=problem.id,
                   field=problem.field, found=problem.found, expected=problem.expected,
                   problems=[problem])

    def __str__(self) -> str:  # LookupError and KeyError would repr() the message
        return str(self.args[0]) if self.args else ""
