"""A graded question's spec as a quiz question: one schema, one scorer, for practice and grading.

A master's answer cell carries ``medialit.spec``: a question in the practice banks' schema
(:mod:`medialit.quiz`) plus fields that only grading needs. :func:`question_model` drops those
and validates the rest with the quiz engine's own models and cross-checks, so a graded set and
a practice bank can never disagree on what a type means or how it scores. Validation is the
kit's one routine (:func:`medialit.io.yamldata.validate`), as for the banks and the data files;
a spec has no lines of its own, so the master's loader names the notebook and the cell.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..errors import MISSING, MedialitError, Problem
from ..io.yamldata import DataError, field_name, validate
from ..quiz.loader import question_issues
from ..quiz.schema import QuestionBase
from ..quiz.types import model_for
from ..text.case import load_text

# Fields a master may add to a quiz question: points, the manual rubric's levels (or its
# analytic criteria, grading.rubric) and word
# count, the code exercise's function name, stub and hidden tests, and the stub's comment.
GRADING_FIELDS = frozenset({"points", "levels", "criteria", "words", "function", "stub",
                            "hidden_tests", "answer_hint"})
NOT_QUIZ_TYPES = frozenset({"code"})  # graded by hidden tests in the sandbox


class SpecError(DataError):
    """A spec the quiz engine rejects: the kit's one data error
    (:class:`~medialit.io.yamldata.DataError`) for a master's spec. ``field`` is a dotted path such
    as ``options[2].id``; the master's loader adds the notebook and the cell."""

    id_kind = "question"

    def __init__(self, field: str, message: str, found: object = MISSING):
        shown = "" if found is MISSING else f" (found {found!r})"
        MedialitError.__init__(self, f"spec.{field}: {message}{shown}" if field
                               else f"spec: {message}{shown}", field=field or None,
                               found=found, problems=[Problem(message, field=field or None,
                                                              found=found,
                                                              id_kind="question")])


def quiz_fields(spec: dict) -> dict:
    """The spec without grading fields. A graded question is named by its answer variable
    (``q3``); bank ids look like ``<chapter>-q03``, so the model gets ``graded-q03``."""
    data = {key: value for key, value in spec.items() if key not in GRADING_FIELDS}
    digits = "".join(ch for ch in str(spec.get("id", "")) if ch.isdigit()) or "0"
    data["id"] = f"graded-q{int(digits):02d}"
    return data


@lru_cache(maxsize=256)
def _model(spec_json: str) -> QuestionBase:
    data = quiz_fields(json.loads(spec_json))
    model = model_for(data.get("type", ""))
    if model is None:
        raise SpecError("type", f"{data.get('type')!r} is not a question type")
    question, problems = validate(model, data, id_kind="question")
    if question is None:
        first = problems[0]
        raise SpecError(first.field or "", first.message)
    issues = question_issues(question, load_text())
    if issues:
        issue = issues[0]
        raise SpecError(field_name(issue.path), issue.message, issue.found)
    return question


def question_model(spec: dict) -> QuestionBase:
    """The validated quiz question of a declarative spec (cached; raises :class:`SpecError`)."""
    return _model(json.dumps(spec, sort_keys=True, ensure_ascii=False))
