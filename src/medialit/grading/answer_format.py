"""The public shape of each answer, and the check of an answer against it (no key involved).

Used twice: by ``check()`` in the student notebook (format only, before submission) and by the
grader (to normalise an answer and explain a wrong type or an unknown label before scoring).
A *format* is the public part of a question's spec: its type, allowed labels, option ids,
sentence ids, matching items, the function name — never the key.

Normalisation (CURRICULUM §3.0) only respells what the student wrote, never drops or adds a
part: whitespace stripped; option letters and labels compared without case; sentence ids
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

TYPE_HINTS = {
    "label_sentences": 'a dict {sentence id: label}, e.g. {"1.1": "<label>", ...}',
    "single_choice": 'one option letter in quotes, e.g. "A"',
    "true_false": "True or False",
    "multiple_choice": 'a set of option letters, e.g. {"A", "B"}',
    "matching": 'a dict {left item: right item}, e.g. {"<left>": "<right>", ...}',
    "ordering": 'a list of the items, first to last, e.g. ["<item>", ...]',
    "numeric": "a number, e.g. 12",
    "free_text": 'your text in triple quotes, {q} = """..."""',
}


def normalise_sentence_id(text: object) -> str | None:
    """"¶8 s4", "8.4", "p8s4", "¶8.4" → "8.4"; anything else → None."""
    if not isinstance(text, str):
        return None
    m = _SENTENCE_ID.match(text)
    if not m:
        return None
    paragraph = m.group("p").lower()
    return f"{paragraph}.{int(m.group('s'))}"


def public_format(spec: dict) -> dict:
    """The part of a question spec a student may see: everything needed to check a format."""
    kind = spec["type"]
    fmt: dict[str, Any] = {"type": kind, "points": spec.get("points", 1)}
    if kind == "label_sentences":
        fmt["labels"] = list(spec["labels"])
        fmt["sentences"] = list(spec["sentences"])
    elif kind in ("single_choice", "multiple_choice"):
        fmt["options"] = [o["id"] for o in spec["options"]]
    elif kind == "matching":
        fmt["left"] = sorted(p["left"] for p in spec["pairs"])
        fmt["right"] = sorted([p["right"] for p in spec["pairs"]] + list(spec.get("distractors", [])))
    elif kind == "ordering":
        fmt["items"] = sorted(spec["items"])
    elif kind == "numeric":
        fmt["unit"] = spec.get("unit", "")
    elif kind == "free_text":
        fmt["words"] = list(spec.get("words", [0, 10_000]))
    elif kind == "code":
        fmt["function"] = spec["function"]
    return fmt


def _fold(text: str) -> str:
    return text.strip().casefold()


@lru_cache(maxsize=1024)
def _spellings(allowed: tuple[str, ...]) -> dict[str, str]:
    return {_fold(a): a for a in allowed}


def _match_choice(value: object, allowed: list[str]) -> str | None:
    """The allowed spelling of ``value`` (case and spaces ignored; sentence ids normalised)."""
    if not isinstance(value, str):
        return None
    found = _spellings(tuple(allowed)).get(_fold(value))
    if found is not None:
        return found
    sid = normalise_sentence_id(value)
    return sid if sid is not None and sid in allowed else None


def _type_name(value: object) -> str:
    return {dict: "a dict", set: "a set", list: "a list", tuple: "a tuple", str: "a string",
            int: "a number", float: "a number", bool: "True/False"}.get(type(value),
                                                                       type(value).__name__)


def normalise_answer(fmt: dict, value: Any) -> tuple[Any, list[str]]:
    """Return (the respelled answer, or None when its type is wrong; problems found).

    Unknown labels, options and ids are listed as problems and kept in the answer, so that
    the quiz engine's rule decides what they cost (a false pick, a wrong pair, an order that
    is not a permutation of the items).
    """
    kind = fmt["type"]
    problems: list[str] = []
    expect = TYPE_HINTS.get(kind, "")
    if kind in ("single_choice", "true_false"):
        if kind == "true_false":
            if isinstance(value, bool):
                return value, problems
            if isinstance(value, str) and value.strip().lower() in ("true", "false"):
                return value.strip().lower() == "true", [
                    (f"write True or False without quotes; {value!r} was read as "
                    f"{value.strip().capitalize()}")]
            return None, [f"the answer must be True or False, not {_type_name(value)}"]
        if isinstance(value, (set, list, tuple)) and len(value) == 1:
            value = next(iter(value))
        if not isinstance(value, str):
            return None, [f"the answer must be {expect}, not {_type_name(value)}"]
        choice = _match_choice(value, fmt["options"])
        if choice is None:
            return None, [f"{value!r} is not an option; the options are {', '.join(fmt['options'])}"]
        return choice, problems
    if kind == "multiple_choice":
        if isinstance(value, str):
            value = {value}
        if not isinstance(value, (set, list, tuple, frozenset)):
            return None, [f"the answer must be {expect}, not {_type_name(value)}"]
        picked: list = []
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=repr)  # a set has no order of its own: make one
        for item in value:
            choice = _match_choice(item, fmt["options"])
            if choice is None:
                problems.append(f"{item!r} is not an option ({', '.join(fmt['options'])}); "
                                "it counts as a wrong pick")
                choice = item
            if choice not in picked:
                picked.append(choice)
        return picked, problems
    if kind == "label_sentences":
        return _normalise_labels(fmt, value, expect)
    if kind == "matching":
        return _normalise_matching(fmt, value, expect)
    if kind == "ordering":
        if not isinstance(value, (list, tuple)):
            return None, [f"the answer must be {expect}, not {_type_name(value)}"]
        items = []
        for item in value:
            choice = _match_choice(item, fmt["items"])
            if choice is None:
                problems.append(f"{item!r} is not one of the items")
                choice = item
            items.append(choice)
        return items, problems
    if kind == "numeric":
        from ..quiz.types.numeric import read_number

        if isinstance(value, str) and read_number(value) is not None:
            return value, [(f"write the number without quotes; {value!r} was read as "
                           f"{read_number(value):g}")]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, [f"the answer must be {expect}, not {_type_name(value)}"]
        return value, problems
    if kind == "free_text":
        if not isinstance(value, str):
            return None, [f"the answer must be {expect}, not {_type_name(value)}"]
        words = len(value.split())
        low, high = fmt.get("words", [0, 10_000])
        if not low <= words <= high:
            problems.append(f"{words} words; the question asks for {low}–{high}")
        return value.strip(), problems
    raise ValueError(f"no answer format for question type {kind!r}")


def _normalise_labels(fmt: dict, value: Any, expect: str) -> tuple[Any, list[str]]:
    if not isinstance(value, dict):
        return None, [f"the answer must be {expect}, not {_type_name(value)}"]
    problems: list[str] = []
    out: dict = {}
    for raw_id, raw_label in value.items():
        sid = normalise_sentence_id(raw_id)
        if sid is None:
            problems.append(f"{raw_id!r} is not a sentence id (write ids as \"8.4\" or \"¶8 s4\")")
            out[raw_id] = raw_label
            continue
        if sid not in fmt["sentences"]:
            problems.append(f"sentence {sid} is not one of the sentences to label "
                            f"({', '.join(fmt['sentences'])})")
            out[sid] = raw_label
            continue
        label = _match_choice(raw_label, fmt["labels"])
        if label is None:
            problems.append(f"{raw_label!r} (for {sid}) is not a label; the labels are "
                            f"{', '.join(repr(x) for x in fmt['labels'])}")
            label = raw_label  # the quiz engine scores an out-of-range label as no credit
        out[sid] = label
    missing = [s for s in fmt["sentences"] if s not in out and s not in
               {normalise_sentence_id(k) for k in value}]
    if missing:
        problems.append(f"no label yet for {', '.join(missing)}")
    return out, problems


def _normalise_matching(fmt: dict, value: Any, expect: str) -> tuple[Any, list[str]]:
    if not isinstance(value, dict):
        return None, [f"the answer must be {expect}, not {_type_name(value)}"]
    problems: list[str] = []
    out: dict = {}
    for raw_left, raw_right in value.items():
        left = _match_choice(raw_left, fmt["left"])
        right = _match_choice(raw_right, fmt["right"])
        if left is None:
            problems.append(f"{raw_left!r} is not one of the left-hand items "
                            f"({', '.join(fmt['left'])})")
            left = raw_left
        elif right is None:
            problems.append(f"{raw_right!r} (for {left!r}) is not one of the right-hand items "
                            f"({', '.join(fmt['right'])})")
        out[left] = right if right is not None else raw_right
    missing = [x for x in fmt["left"] if x not in out]
    if missing and not problems:
        problems.append(f"no match yet for {', '.join(repr(x) for x in missing)}")
    return out, problems
