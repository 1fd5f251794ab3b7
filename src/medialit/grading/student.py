"""``check()`` for student notebooks: is my answer in the right format? (Never: is it right?)

The released notebook builds a checker with the public format of each answer::

    check = answer_checker("set-a-framing", {"q1": {"type": "label_sentences", ...}, ...})
    check("q1")   # reads q1 from the notebook and prints what is wrong with its format
    check()       # every question

It never raises for an unanswered question (``q1 = ...``) and never knows the key.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any

from .answer_format import normalise_answer
from .read_answers import is_stub

_MISSING = object()



def _caller_globals() -> dict:
    """The globals of the notebook code that called the method calling this."""
    frame = inspect.currentframe()
    caller = frame.f_back.f_back if frame and frame.f_back else None
    if caller is None:  # pragma: no cover - CPython always has the frames
        raise RuntimeError("no calling frame")
    return caller.f_globals

class AnswerChecker:
    def __init__(self, set_id: str, formats: dict[str, dict]):
        self.set_id = set_id
        self.formats = formats

    def __call__(self, question: str | None = None, value: Any = _MISSING) -> None:
        """Print what is wrong with the format of one answer (or all); return nothing.

        Returning nothing keeps the notebook free of a stray ``True``/``False`` output line;
        :meth:`ok` gives the same verdict as a value.
        """
        self.ok(question, value, _globals=_caller_globals())

    def ok(self, question: str | None = None, value: Any = _MISSING, *,
           _globals: dict | None = None) -> bool:
        caller = _globals if _globals is not None else _caller_globals()
        if question is None:
            results = [self._check_one(q, caller.get(self._name(q), _MISSING))
                       for q in self.formats]
            done = sum(results)
            print(f"{done} of {len(results)} answers have a valid format.")
            return all(results)
        if question not in self.formats:
            print(f"{question}: no such question in {self.set_id} "
                  f"(questions: {', '.join(self.formats)})")
            return False
        if value is _MISSING:
            value = caller.get(self._name(question), _MISSING)
        return self._check_one(question, value)

    def _name(self, question: str) -> str:
        fmt = self.formats[question]
        return fmt["function"] if fmt["type"] == "code" else question

    def _check_one(self, question: str, value: Any) -> bool:
        fmt = self.formats[question]
        name = self._name(question)
        if value is _MISSING:
            print(f"{question}: {name} is not defined — run its answer cell first")
            return False
        if value is Ellipsis:
            print(f"{question}: not answered yet")
            return False
        if fmt["type"] == "code":
            params = _parameters(value)
            if params is None:
                print(f"{question}: {name} must be a function")
                return False
            if _is_starter(value):
                print(f"{question}: not answered yet ({name} still has the starter body)")
                return False
            print(f"{question}: format ok — {name}({', '.join(params)}) is defined; "
                  "run the example cell to try it")
            return True
        normalised, problems = normalise_answer(fmt, value)
        if normalised is None or problems:
            for problem in problems:
                print(f"{question}: {problem}")
            return False
        print(f"{question}: format ok")
        return True


def _parameters(value: Any) -> list[str] | None:
    if not callable(value):
        return None
    try:
        return list(inspect.signature(value).parameters)
    except (TypeError, ValueError):
        return []


def _is_starter(function: Any) -> bool:
    """True when the function's body is still the released stub (docstring and ``...``)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False  # source not available: cannot tell, so do not claim it
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    return bool(defs) and is_stub(defs[0])


def answer_checker(set_id: str, formats: dict[str, dict]) -> AnswerChecker:
    return AnswerChecker(set_id, formats)
