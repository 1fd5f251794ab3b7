"""Read and validate a master notebook: the questions, keys, points and hidden tests of a set.

A master (``solutions/<set>.ipynb``) is an ordinary notebook whose cells carry metadata
``medialit: {role: ..., question: ...}``:

* ``role: answer`` — the answer cell of ``question``; its source is the worked solution, and its
  ``medialit.spec`` holds the question in the shape of the practice banks (docs/quiz-schema.md:
  ``id``, ``type``, ``prompt``, ``explanation``, options/labels/pairs…, ``answer``) plus
  ``points`` and these grading fields: ``accept`` (label_sentences: extra accepted labels per
  sentence), ``feedback`` (per option / sentence / left item), ``levels`` (free_text: points →
  rubric level text, manual; or ``criteria``, an analytic rubric, grading.rubric), ``function``/``stub`` (type ``code``), ``hidden_tests`` (code:
  a file beside the master, instead of a cell), ``answer_hint`` (the stub's comment).
* ``role: hidden-tests`` — the hidden tests of a ``code`` question: ``test_*(f)`` functions with
  a one-line docstring, optional ``WEIGHTS``. They run in the grader, never in the sandbox;
  ``f`` runs the student's function in the sandbox child and returns plain data
  (``f.arguments``, ``f.cpu_seconds``: see :mod:`medialit.grading.hidden_tests`). Checked
  here (they compile, define tests, time with ``f.cpu_seconds``). Stripped from the release.
* ``role: instructor`` or ``solution`` — notes or worked code for instructors. Stripped.
* any other cell (prompts, set-up, examples) is released as it is.

The notebook's own metadata has ``medialit: {set: "<set id>", title: "..."}``.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import MISSING, MedialitError, Problem
from ..io.yamldata import DataError
from ..text.case import load_text
from .limits import Limits
from .read_answers import AnswerSlot, NotebookError, cell_source, load_notebook
from .rubric import criteria_problem, with_derived_levels
from .spec import SpecError, question_model


def spec_types() -> set[str]:
    """The types a master may use: every registered quiz type, and ``code``."""
    from ..quiz.types import REGISTRY

    return {*REGISTRY, "code"}


def __getattr__(name: str):
    if name == "SPEC_TYPES":  # deprecated: spec_types()
        return spec_types()
    raise AttributeError(name)

def _scored_by_person(kind: object) -> bool:
    from ..quiz.types import model_for

    model = model_for(kind) if isinstance(kind, str) else None
    return model is not None and model.scored_by_person


STRIPPED_ROLES = {"hidden-tests", "instructor", "solution"}
# Fields only grading needs; the quiz engine checks the rest of each spec (grading.spec).
# (a type scored by a person needs its rubric's ``levels``; see _validate_spec)
_REQUIRED = {"code": ("function", "stub")}


class MasterError(DataError):
    """A master notebook that breaks the format; names the file, the cell and the field (the
    kit's one data error, :class:`~medialit.io.yamldata.DataError`; a notebook's place is its
    cell, ``where``, not a line)."""

    def __init__(self, path: Path, where: str, message: str, *, field: str | None = None,
                 found: object = MISSING):
        self.where = where
        MedialitError.__init__(self, f"{path}: {where}: {message}", file=str(path), field=field,
                               found=found, problems=[Problem(f"{where}: {message}", str(path))])


class SetNotFound(MedialitError, FileNotFoundError):
    """No master for the set named on the command line."""


@dataclass(frozen=True)
class Question:
    id: str
    spec: dict
    cell: int  # index of the answer cell in the master
    hidden_tests: str | None = None

    @property
    def type(self) -> str:
        return self.spec["type"]

    @property
    def points(self) -> float:
        return float(self.spec["points"])

    @cached_property
    def manual(self) -> bool:
        """Open answers are scored by a person with the rubric (manual.csv); asked for every
        student, worked out once (a master's specs never change once loaded)."""
        return _scored_by_person(self.type)

    @property
    def slot(self) -> AnswerSlot:
        if self.type == "code":
            return AnswerSlot(self.id, "function", self.spec["function"])
        return AnswerSlot(self.id, "literal", self.id)


@dataclass(frozen=True)
class Master:
    set_id: str
    title: str
    path: Path
    notebook: Any  # NotebookData: the notebook's JSON, with attribute access as nbformat's
    questions: tuple[Question, ...]

    @cached_property
    def total_points(self) -> float:
        """The set's points (read for every student: worked out once)."""
        return sum(q.points for q in self.questions)

    def slots(self) -> list[AnswerSlot]:
        return list(self._slots)

    @cached_property
    def _slots(self) -> tuple[AnswerSlot, ...]:  # read for every student: made once
        return tuple(q.slot for q in self.questions)

    @cached_property
    def public_formats(self) -> dict:
        """Question id → the public format of its answer (what a student may see)."""
        from .answer_format import public_format

        return {q.id: public_format(q.spec) for q in self.questions}

    @cached_property
    def question_models(self) -> dict:
        """Question id → the quiz engine's model of each declarative question, built once per
        batch instead of once per answer."""
        return {q.id: question_model(q.spec) for q in self.questions if q.type != "code"}

    @cached_property
    def memo(self) -> dict:
        """What the grader worked out from this master and an answer alone (a score, a
        question's rubric lines), kept for the next student who wrote the same: each grading
        process fills its own (:mod:`medialit.grading.pipeline`)."""
        return {}

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)


def set_titles(master_path: Path) -> dict[str, str]:
    """Set id → title of every master beside ``master_path`` (its own included), read as plain
    JSON: what a notebook whose metadata was stripped is compared with (its title heading)."""
    titles: dict[str, str] = {}
    for path in sorted(Path(master_path).parent.glob("set-*.ipynb")):
        try:
            meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        except (OSError, ValueError, AttributeError):
            continue
        ours = meta.get("medialit", {}) if isinstance(meta, dict) else {}
        if isinstance(ours, dict) and ours.get("set") and ours.get("title"):
            titles[str(ours["set"])] = str(ours["title"])
    return titles


def find_master(name: str, solutions: Path) -> Path:
    """A set by path, by id (``set-a-framing``) or by letter (``a``/``A``)."""
    candidate = Path(name)
    if candidate.suffix == ".ipynb" and candidate.exists():
        return candidate
    masters = sorted(solutions.glob("set-*.ipynb"))
    for path in masters:
        if path.stem == name or path.stem.startswith(f"set-{name.lower()}-"):
            return path
    known = ", ".join(p.stem for p in masters) or "none"
    raise SetNotFound(f"no set {name!r} in {solutions} (sets: {known})")


class NotebookData(dict):
    """A notebook's JSON with attribute access (``nb.cells[0].source``), as nbformat's
    NotebookNode gives it — read without importing nbformat, whose JSON-schema validator
    (jsonschema and its grammars) took longer to import than grading a class takes."""

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value) -> None:
        self[name] = value

    @classmethod
    def wrap(cls, value):
        if isinstance(value, dict):
            return cls((k, cls.wrap(v)) for k, v in value.items())
        if isinstance(value, list):
            return [cls.wrap(v) for v in value]
        return value


def read_notebook(path: Path) -> NotebookData:
    """A master notebook, structurally checked (format 4, cells with type and source; each
    source one string), as :class:`NotebookData`."""
    data = Path(path).read_bytes()
    return NotebookData.wrap(load_notebook(data, Limits(max_notebook_bytes=len(data) + 1)))


def load_master(path: Path) -> Master:
    """Read and validate a master; raise MasterError naming the first problem."""
    path = Path(path)
    try:
        nb = read_notebook(path)
    except (OSError, NotebookError) as exc:
        raise MasterError(path, "file", f"not a readable notebook ({exc})") from None
    meta = nb.metadata.get("medialit", {})
    set_id, title = meta.get("set"), meta.get("title")
    if not set_id or not title:
        raise MasterError(path, "notebook metadata", "medialit.set and medialit.title are required")
    tests: dict[str, str] = {}
    answers: list[tuple[int, dict]] = []
    for index, cell in enumerate(nb.cells):
        ours = cell.metadata.get("medialit", {})
        role = ours.get("role")
        if role == "hidden-tests":
            tests[ours["question"]] = cell_source(cell)
        elif role == "answer":
            if "spec" not in ours:
                raise MasterError(path, f"cell {index + 1}", "an answer cell needs medialit.spec")
            answers.append((index, ours["spec"]))
    questions = []
    seen = set()
    for index, spec in answers:
        where = f"cell {index + 1} ({spec.get('id', '?')})"
        if _scored_by_person(spec.get("type")) and "criteria" in spec:
            problem = criteria_problem(spec)
            if problem:
                raise MasterError(path, where, problem)
            spec = with_derived_levels(spec)  # every sum of criterion levels is a valid score
        _validate_spec(path, where, spec)
        if spec["id"] in seen:
            raise MasterError(path, where, f"question id {spec['id']!r} is used twice")
        seen.add(spec["id"])
        hidden = tests.get(spec["id"])
        if spec["type"] == "code":
            if "hidden_tests" in spec:
                hidden = (path.parent / spec["hidden_tests"]).read_text(encoding="utf-8")
            if not hidden:
                raise MasterError(path, where, "a code question needs hidden tests (a cell with "
                                               "role hidden-tests, or spec.hidden_tests)")
            _validate_hidden_tests(path, where, hidden)
        questions.append(Question(spec["id"], spec, index, hidden))
    if not questions:
        raise MasterError(path, "cells", "no answer cells (metadata medialit.role: answer)")
    return Master(set_id, title, path, nb, tuple(questions))


def _validate_spec(path: Path, where: str, spec: dict) -> None:
    """Grading fields here; everything else by the quiz engine (one schema for both)."""
    for key in ("id", "type", "points"):
        if key not in spec:
            raise MasterError(path, where, f"spec.{key} is required")
    kind = spec["type"]
    if kind not in spec_types():
        raise MasterError(path, where, f"spec.type {kind!r} is not one of {sorted(spec_types())}")
    for key in ("levels",) if _scored_by_person(kind) else _REQUIRED.get(kind, ()):
        if key not in spec:
            raise MasterError(path, where, f"spec.{key} is required for type {kind}")
    if not isinstance(spec["points"], (int, float)) or spec["points"] <= 0:
        raise MasterError(path, where, f"spec.points must be a positive number, found "
                                       f"{spec['points']!r}")
    if _scored_by_person(kind) and max(map(float, spec["levels"])) != spec["points"]:
        raise MasterError(path, where, "the top rubric level must equal spec.points")
    if kind == "code":
        _validate_code_spec(path, where, spec)
        return
    try:
        question_model(spec)
    except SpecError as exc:
        raise MasterError(path, where, str(exc), field=exc.field, found=exc.found) from None


def _validate_code_spec(path: Path, where: str, spec: dict) -> None:
    for key in ("prompt", "explanation"):
        if key not in spec:
            raise MasterError(path, where, f"spec.{key} is required")
    if "¶" not in spec["explanation"]:
        raise MasterError(path, where, "spec.explanation must cite paragraph numbers (¶n)")
    document = load_text()
    for ref in spec.get("about", []):
        if ref not in document and not document.find_all(ref):
            raise MasterError(path, where, f"spec.about: {ref!r} is neither a sentence id nor "
                                           "an exact quote of the text")


# Clocks read in the grader measure the grader: a speed test reads f.cpu_seconds, which the
# grader measures from outside the sandbox child.
_CLOCKS = ("process_time", "perf_counter", "thread_time", "monotonic", "time.time(",
           "getrusage")


def _validate_hidden_tests(path: Path, where: str, source: str) -> None:
    """The hidden tests' form (medialit.grading.hidden_tests), before anything runs them."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise MasterError(path, where, f"the hidden tests are not valid Python (line "
                                       f"{exc.lineno}: {exc.msg})") from None
    tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    if not tests:
        raise MasterError(path, where, "the hidden tests define no test_*(f) function")
    for test in tests:
        if len(test.args.args) != 1 or not ast.get_docstring(test):
            raise MasterError(path, where, f"hidden test {test.name} must take one argument "
                                           "(the student's function, f) and have a docstring "
                                           "(the description the student sees)")
    for clock in _CLOCKS:
        if clock in source:
            raise MasterError(path, where, f"the hidden tests read a clock ({clock}): the "
                                           "grader's clock does not time the student's code; "
                                           "use f.cpu_seconds after the call")


def spec_json(spec: dict) -> str:
    """A spec as stable JSON (for hashing and comparisons in tests)."""
    return json.dumps(spec, sort_keys=True, ensure_ascii=False)
