"""The registry of question types and the parts several types share.

Each type lives in its own module and registers its pydantic model with ``@register``. The
model validates the type's fields, and implements ``checks`` (cross-references: option ids,
text sentences and quotes), ``score`` (pure, see :mod:`medialit.quiz.scoring`), ``text_body``
(the print/answer-key face) and ``client_data`` (the JSON the static face reads).
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterable

from pydantic import Field

from ..errors import Issue
from ..markup import parse_inline
from ..schema import QuestionBase, Strict

REGISTRY: dict[str, type[QuestionBase]] = {}


def register(name: str):
    """Class decorator: make ``name`` (the YAML ``type:``) resolve to this model."""

    def decorate(cls: type[QuestionBase]) -> type[QuestionBase]:
        if name in REGISTRY:
            raise RuntimeError(f"question type {name!r} registered twice")
        cls.type_name = name
        REGISTRY[name] = cls
        return cls

    return decorate


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
