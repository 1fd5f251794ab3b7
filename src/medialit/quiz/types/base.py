"""The registry of question types, the faces every type implements, and the parts they share.

Each type lives in one module of this package (found and imported by ``__init__``) and
registers its pydantic model with ``@register``. The model validates the type's fields and
implements every face in :data:`FACES` (``tests/test_question_types.py`` fails for a type that
lacks one):

- ``checks(document)``: cross-references (option ids, the text's sentences and quotes);
- ``score(answer)``: pure, see :mod:`medialit.quiz.scoring`;
- ``text_body(key)``: the print and answer-key face;
- ``client_data(document)``: the JSON the static face reads;
- ``static_face``: the static face itself, a classic script beside the type's module
  (``<type>.py`` -> ``<type>.js``) that registers the type's controls, scoring and key with
  the core (``sphinxext/static/medialit-quiz.js``), see :func:`static_face`;
- ``controls()``: the ipywidgets face in a live notebook;
- ``feedback_parts(answer, score)``: the practice feedback, part by part;
- ``explain(answer, result)``: the graded report's lines;
- ``public_format(spec)``, ``normalise(fmt, value)``, ``answer_hint``: the shape of an answer
  a student may see, and the respelling of what they wrote (no key involved);
- ``worksheet_space(fmt)``: the printed worksheet's space to answer;
- ``moodle``/``canvas`` (targets) and ``moodle_element(el, document)``,
  ``qti_item(item, document)``: the exports;
- ``label``: the type's name in reports.
"""

from __future__ import annotations

import hashlib
import random
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from ..errors import Issue
from ..markup import parse_inline
from ..schema import QuestionBase, Strict

REGISTRY: dict[str, type[QuestionBase]] = {}

#: What every type implements (methods and class attributes); checked for every registered type.
FACES = ("checks", "score", "text_body", "client_data", "controls", "feedback_parts", "explain",
         "public_format", "normalise", "answer_hint", "worksheet_space", "moodle", "canvas",
         "moodle_element", "qti_item", "label", "static_face")

Fidelity = Literal["exact", "lossy", "substitute"]


@dataclass(frozen=True)
class Target:
    """A type on one platform: the native type written and what does not carry over."""

    native: str  # the platform's own name for the type, as written in the file
    label: str  # how a teacher finds it in the platform's interface
    fidelity: Fidelity
    note: str = ""  # what is lost or approximated (empty for exact)


def register(name: str):
    """Class decorator: make ``name`` (the YAML ``type:``) resolve to this model."""

    def decorate(cls: type[QuestionBase]) -> type[QuestionBase]:
        if name in REGISTRY:
            raise RuntimeError(f"question type {name!r} registered twice")
        cls.type_name = name
        REGISTRY[name] = cls
        return cls

    return decorate


def static_face(cls: type[QuestionBase]) -> Path:
    """The type's static face: the classic script beside the module that defines ``cls``
    (``quiz/types/numeric.py`` -> ``quiz/types/numeric.js``)."""
    module = sys.modules[cls.__module__].__file__
    if module is None:  # pragma: no cover - a namespace package defines no type
        raise ValueError(f"{cls.__name__} is defined in no file")
    return Path(module).with_suffix(".js")


def has_static_face(cls: type[QuestionBase]) -> bool:
    """The script beside the type's module exists and registers this type's name."""
    path = static_face(cls)
    return path.is_file() and f'register("{cls.type_name}"' in path.read_text(encoding="utf-8")


def missing_faces(cls: type[QuestionBase]) -> list[str]:
    """The faces of :data:`FACES` that ``cls`` does not implement itself (inherits only the
    base's placeholder, or leaves a class attribute empty; for ``static_face``: no script
    beside its module registers its name)."""
    def implemented(face: str) -> bool:
        if face == "static_face":
            return has_static_face(cls)
        for klass in cls.__mro__:
            if face in vars(klass):
                value = vars(klass)[face]
                placeholder = vars(QuestionBase).get(face)
                same = getattr(value, "__func__", value) is getattr(placeholder, "__func__",
                                                                   placeholder)
                return klass is not QuestionBase and not same and value not in (None, "")
        return False

    return [face for face in FACES if not implemented(face)]


def model_for(type_name: str) -> type[QuestionBase] | None:
    return REGISTRY.get(type_name)


class Option(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]+$")
    text: str = Field(min_length=1)
    feedback: str = Field(min_length=1)


def duplicates(values: Iterable) -> list:
    return [value for value, count in Counter(values).items() if count > 1]


def option_issues(options: list[Option]) -> list[Issue]:
    seen: set[str] = set()
    issues = []
    for i, option in enumerate(options):
        if option.id in seen:
            issues.append(Issue(("options", i, "id"), "duplicate option id", option.id,
                                "an id used once per question"))
        seen.add(option.id)
    return issues


def options_data(options: list[Option]) -> list[dict]:
    return [{"id": o.id, "text": parse_inline(o.text), "feedback": parse_inline(o.feedback)}
            for o in options]


def stable_shuffle(items: list, seed: str) -> list:
    """The same order on every build and in every face; never the original order when n > 1."""
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))
    shuffled = list(items)
    rng.shuffle(shuffled)
    if len(items) > 1 and shuffled == list(items):
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


def letters(n: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(n)]
