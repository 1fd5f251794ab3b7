"""Hidden tests of a code question: trusted instructor code that runs in the grader, never with
the student's code.

A master's ``hidden-tests`` cell is a small module of ``test_*`` functions, each with a one-line
docstring (the description the student sees) and an optional ``WEIGHTS = {"test_x": 2}``.
Each test receives ``f``, a :class:`StudentFunction`: calling it runs the student's function in
the sandbox child on the arguments given and returns what it returned, as plain data. So a
test reads as if the function were local (a made-up example, not a set's test)::

    from types import SimpleNamespace
    from medialit.grading.hidden_tests import plain

    def _doc(*texts):
        return SimpleNamespace(sentences=[SimpleNamespace(id=f"1.{i}", text=t)
                                          for i, t in enumerate(texts, start=1)])

    def test_whole_words(f):
        \"\"\"whole words only\"\"\"
        got = f(_doc("We should go.", "The shoulder hurts."), ["should"])
        assert got == ["1.1"], f"'shoulder' is not the cue 'should'; got {got}"

    def test_arguments_left_alone(f):
        \"\"\"the text and the word list are left as they were\"\"\"
        doc, cues = _doc("We should go."), ["should"]
        f(doc, cues)
        doc_after, cues_after = f.arguments     # the arguments as the call left them
        assert cues_after == ["should"] and doc_after == plain(doc), "an input was changed"

    def test_fast(f):
        \"\"\"under 1 s on a long text\"\"\"
        f(_doc(*["We should go."] * 20_000), ["should"])
        assert f.cpu_seconds < 1.0, "took over 1 s"

What differs from calling a local function, and why:

* Arguments are copied into the child (pickled by the grader: ``medialit`` documents,
  ``SimpleNamespace`` objects and plain data); the child never sees the test's code, its
  expected values or other tests' inputs.
* The return value comes back as plain data (``None``, ``bool``, ``int``, ``float``, ``str``,
  ``bytes``, tuples, lists, dicts, sets): subclasses (``defaultdict``, ``Counter``,
  ``namedtuple``) arrive as their built-in base; anything else (a generator, an object) fails
  the test with "returned … which is not plain data". The values are the grader's own
  objects, so comparing them runs no student code.
* Changes the function makes to its arguments do not reach the test's objects (the test's
  globals are shared by every student a worker grades, and a student must not change them).
  ``f.arguments`` holds the positional arguments *after* the last call, as plain data
  (``SimpleNamespace`` → ``dict`` of its attributes, other objects → ``None``); compare them
  with :func:`plain` of what was passed.
* ``f.cpu_seconds`` is the CPU time of the last call, measured by the grader from outside the
  child (never by a clock the student's code could patch). Do not time with ``time``. When
  the call passed a document the child inherited (a document the tests had passed before is
  given to later children ready-made, :mod:`.sandbox`), it is all the CPU time the child has
  used until the call returned: that document was within reach from the child's start, so
  work on it done earlier counts too.
* An exception raised by the student's function is raised in the test as an instance of
  :class:`StudentRaised` that is also an instance of the built-in exception class it was (or
  derives from): ``except ValueError as exc`` works, and ``str(exc)`` is the student's message.
  Uncaught, it fails the test with "your function raised ValueError (line n of your cell)";
  the student's message is shown apart from the verdict, labelled as their code's, never as it.
* Each test may use up to the per-test CPU limit, over all its calls. A test that makes the
  function run out of time, crash or write to the result channel fails, and the next test gets a
  fresh child.

A test fails on ``AssertionError`` (its message is the verdict's detail: write it for the
student, and do not quote their exception messages in it), passes otherwise.
"""

from __future__ import annotations

import builtins
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .plain_data import to_plain

__all__ = ["HiddenTest", "ResultUnreadable", "StudentFunction", "StudentRaised",
           "load_hidden_tests", "plain"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,59}")


def plain(value: Any) -> Any:
    """``value`` as the child reports arguments after a call: plain data, ``SimpleNamespace``
    as a ``dict`` of its attributes, other objects as ``None``."""
    return to_plain(value, namespaces=True, unknown_as_none=True)


class StudentRaised(Exception):
    """The student's function raised; ``type_name``, ``line`` and ``student_message`` say what.

    The message is the student's own text: tests may test it (``"1.2" in str(exc)``), the
    report shows it only labelled as the student's.
    """

    type_name = "Exception"

    def __init__(self, type_name: str, student_message: str, line: int):
        super().__init__(student_message)
        self.type_name = type_name
        self.student_message = student_message
        self.line = line

    def __str__(self) -> str:
        return self.student_message


_RAISED_CLASSES: dict[str, type] = {}


def raised(type_names: list[str], student_message: str, line: int) -> StudentRaised:
    """The exception to raise in the test: StudentRaised and the first built-in class named
    (in the order of the student's class's MRO) that can be combined with it."""
    names = [n for n in type_names if isinstance(n, str) and _IDENTIFIER.fullmatch(n)]
    first = type_names[0] if type_names else None
    shown = first if first in names else "an exception"  # the class's own name, if sane
    for name in names:
        base = getattr(builtins, name, None)
        if not (isinstance(base, type) and issubclass(base, Exception)) or base is Exception \
                or issubclass(base, StudentRaised):
            continue
        try:
            klass = _RAISED_CLASSES.get(name)
            if klass is None:
                klass = type(f"Student{name}", (StudentRaised, base), {
                    "__init__": StudentRaised.__init__, "__str__": StudentRaised.__str__})
                _RAISED_CLASSES[name] = klass
            return klass(shown, student_message, line)
        except TypeError:  # UnicodeDecodeError and others want their own arguments
            continue
    return StudentRaised(shown, student_message, line)


class ResultUnreadable(Exception):
    """The function returned something that is not plain data (``what`` says what)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class StudentFunction:
    """The ``f`` a hidden test receives: calls go to the sandbox child (see the module doc)."""

    def __init__(self, call: Callable[[tuple, dict], tuple[Any, Any, float]]):
        self._call = call
        self.cpu_seconds = 0.0
        self.arguments: tuple = ()
        self.calls = 0

    def __call__(self, *args, **kwargs):
        result, arguments, cpu = self._call(args, kwargs)
        self.calls += 1
        self.cpu_seconds = cpu
        self.arguments = arguments
        return result

    def __repr__(self) -> str:
        return "<the student's function, run in the sandbox>"


@dataclass(frozen=True)
class HiddenTest:
    name: str
    description: str
    weight: float
    function: Callable[[StudentFunction], None]


_LOADED: dict[str, tuple[HiddenTest, ...]] = {}


def load_hidden_tests(source: str) -> tuple[HiddenTest, ...]:
    """Compile and run a hidden-tests module in the grader; its tests in definition order.

    Cached per source: the module's set-up (loading the text, building long inputs) runs once
    per process, and no student can change it (their code never runs here). Raises on a
    broken module: that is the set's problem, reported as such.
    """
    key = hashlib.sha256(source.encode("utf-8")).hexdigest()
    if key not in _LOADED:
        namespace: dict[str, Any] = {"__name__": "hidden_tests"}
        exec(compile(source, "<hidden tests>", "exec"), namespace)  # noqa: S102 — the set's own
        weights = namespace.get("WEIGHTS", {})
        tests = []
        for name, value in namespace.items():
            if name.startswith("test_") and callable(value):
                doc = (getattr(value, "__doc__", None) or name).strip().splitlines()
                tests.append(HiddenTest(name, doc[0].strip() if doc else name,
                                        float(weights.get(name, 1)), value))
        if not tests:
            raise ValueError("the hidden tests define no test_* function")
        _LOADED[key] = tuple(tests)
    return _LOADED[key]
