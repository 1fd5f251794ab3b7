"""The public shape of each answer, and the check of an answer against it (no key involved).

Used twice: by ``check()`` in the student notebook (format only, before submission) and by the
grader (to normalise an answer and explain a wrong type or an unknown label before scoring).
A *format* is the public part of a question's spec: its type, allowed labels, option ids,
sentence ids, matching items, the function name — never the key.

Normalisation (docs/grading.md, "Reading answers") only respells what the student wrote, never drops or adds a
part: whitespace stripped; option letters and labels compared without case and with
typographic quotes (’ ‘ “ ”) read as straight ones; sentence ids
accepted as "8.4", "¶8 s4", "¶8.4", "p8s4", "P8 S4" (all become "8.4"); one option letter
written alone or in a one-element set where the other form is asked for; ``"True"`` and
``"613"`` written as text, read as the quiz engine reads them. An unknown option, label, item
or id is reported as a problem and *kept*, so that the quiz engine scores it by its own rule
(an unknown multiple-choice id is a false pick): the grader's score is the quiz engine's score
of the respelled answer (tests/test_grading_parity.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_SENTENCE_ID = re.compile(
    r"^\s*(?:¶\s*|p\s*|para(?:graph)?\s*)?(?P<p>[1-9][0-9]?|byline)\s*"
    r"(?:\.|\s*s\s*|\s+)\s*(?P<s>[1-9][0-9]?)\s*$", re.IGNORECASE)

def __getattr__(name: str):
    if name == "TYPE_HINTS":  # type -> the answer's shape, from each type's ``answer_hint``
        return {kind: cls.answer_hint for kind, cls in _registry().items()}
    raise AttributeError(name)


def _registry() -> dict:
    from ..quiz.types import REGISTRY

    return REGISTRY


def answer_hint(kind: str) -> str:
    """The shape of an answer to a question of type ``kind``, for the student's comment."""
    cls = _registry().get(kind)
    return cls.answer_hint if cls is not None else ""


def normalise_sentence_id(text: object) -> str | None:
    """"¶8 s4", "8.4", "p8s4", "¶8.4" → "8.4"; anything else → None."""
    if not isinstance(text, str):
        return None
    return _sentence_id(text)


@lru_cache(maxsize=4096)  # a class writes the same few ids thousands of times
def _sentence_id(text: str) -> str | None:
    m = _SENTENCE_ID.match(text)
    if not m:
        return None
    paragraph = m.group("p").lower()
    return f"{paragraph}.{int(m.group('s'))}"


def public_format(spec: dict) -> dict:
    """The part of a question spec a student may see: everything needed to check a format
    (each type's ``public_format`` face; a code exercise's function name)."""
    kind = spec["type"]
    fmt: dict[str, Any] = {"type": kind, "points": spec.get("points", 1)}
    if kind == "code":
        fmt["function"] = spec["function"]
    elif kind in _registry():
        fmt.update(_registry()[kind].public_format(spec))
    return fmt


# Typographic quotes look like straight ones on screen: a label typed with either matches.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'",
                         "\u201c": '"', "\u201d": '"'})


def _fold(text: str) -> str:
    return text.strip().casefold().translate(_QUOTES)


@lru_cache(maxsize=1024)
def _spellings(allowed: tuple[str, ...]) -> dict[str, str]:
    return {_fold(a): a for a in allowed}


def match_choice(value: object, allowed: list[str]) -> str | None:
    """The allowed spelling of ``value`` (case, outer spaces and curly vs straight quotes
    ignored; sentence ids normalised)."""
    if not isinstance(value, str):
        return None
    found = _spellings(tuple(allowed)).get(_fold(value))
    if found is not None:
        return found
    sid = normalise_sentence_id(value)
    return sid if sid is not None and sid in allowed else None


def type_name(value: object) -> str:
    return {dict: "a dict", set: "a set", list: "a list", tuple: "a tuple", str: "a string",
            int: "a number", float: "a number", bool: "True/False"}.get(type(value),
                                                                       type(value).__name__)


def normalise_answer(fmt: dict, value: Any) -> tuple[Any, list[str]]:
    """Return (the respelled answer, or None when its type is wrong; problems found), by the
    question type's own ``normalise`` face.

    Unknown labels, options and ids are listed as problems and kept in the answer, so that
    the quiz engine's rule decides what they cost (a false pick, a wrong pair, an order that
    is not a permutation of the items).
    """
    cls = _registry().get(fmt["type"])
    if cls is None:
        raise ValueError(f"no answer format for question type {fmt['type']!r}")
    return cls.normalise(fmt, value)


# The names these helpers had before each type held its own normaliser.
_match_choice, _type_name = match_choice, type_name
