"""Score one normalised answer against its spec: the pipeline's single scoring entry point.

``score_answer(spec, answer)`` delegates to the quiz engine's pure scoring function
(``medialit.quiz.scoring.score``) when that module exists, so practice quizzes and graded sets
share one implementation. Without it, the minimal rules below apply.

MINIMAL FALLBACK RULES — CURRICULUM §3.0, to be reconciled with ``medialit.quiz.scoring`` at
merge. Each is a small pure function of (spec, normalised answer) returning a :class:`Score`:
``SC`` (single choice, true/false), ``MC`` (multiple choice), ``LABEL`` (label each sentence),
``MATCH`` (matching), ``ORDER`` (ordering, pairwise), ``NUM`` (numeric with tolerance).
Answers reach them already normalised by :mod:`medialit.grading.answer_format`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any


@dataclass
class Score:
    fraction: float  # 0..1 of the question's points
    correct: bool
    details: list[str] = field(default_factory=list)  # what was right or wrong, and why


def _quiz_engine():
    try:
        module = importlib.import_module("medialit.quiz.scoring")
    except ImportError:
        return None
    return getattr(module, "score", None)


def score_answer(spec: dict, answer: Any) -> Score:
    """The score of a normalised answer; uses the quiz engine when it is installed."""
    engine = _quiz_engine()
    if engine is not None:
        result = engine(spec, answer)
        details = [str(d) for d in (getattr(result, "details", None) or [])]
        return Score(float(result.fraction), bool(result.correct), details)
    try:
        rule = RULES[spec["type"]]
    except KeyError:
        raise ValueError(f"no scoring rule for question type {spec['type']!r}") from None
    return rule(spec, answer)


# -- the fallback rules ------------------------------------------------------------------------

def _option_feedback(spec: dict, option_id: str) -> str:
    for option in spec.get("options", []):
        if option["id"] == option_id:
            return option.get("feedback", "")
    return ""


def score_single_choice(spec: dict, answer: Any) -> Score:
    """SC: 1 for the key, else 0; the chosen option's feedback explains."""
    key = spec["answer"]
    correct = answer == key
    if spec["type"] == "true_false":
        text = spec.get("feedback", {}).get(str(answer).lower(), "")
    else:
        text = _option_feedback(spec, answer)
    return Score(1.0 if correct else 0.0, correct,
                 [f"{'✓' if correct else '✗'} you chose {answer}" + (f": {text}" if text else "")])


def score_multiple_choice(spec: dict, answer: set) -> Score:
    """MC: max(0, (hits − false picks) / |key|)."""
    key = set(spec["answer"])
    hits, false = answer & key, answer - key
    fraction = max(0.0, (len(hits) - len(false)) / len(key))
    details = []
    for option in spec["options"]:
        oid, in_key, picked = option["id"], option["id"] in key, option["id"] in answer
        if picked or in_key:
            mark = "✓" if picked == in_key else "✗"
            verb = "picked" if picked else "not picked"
            details.append(f"{mark} {oid} {verb}: {option.get('feedback', '')}".rstrip(": "))
    return Score(fraction, hits == key and not false, details)


def score_label_sentences(spec: dict, answer: dict) -> Score:
    """LABEL: correct items / items; ``accept`` lists extra labels accepted per sentence."""
    sentences = spec["sentences"]
    feedback = spec.get("feedback", {})
    right = 0
    details = []
    for sid in sentences:
        accepted = [spec["answer"][sid], *spec.get("accept", {}).get(sid, [])]
        given = answer.get(sid)
        ok = given in accepted
        right += ok
        what = "no label" if given is None else f"“{given}”"
        head = f"✓ {sid}: {what}" if ok else f"✗ {sid}: {what}; the key is “{accepted[0]}”"
        details.append(head + (f" — {feedback[sid]}" if sid in feedback else ""))
    return Score(right / len(sentences), right == len(sentences), details)


def score_matching(spec: dict, answer: dict) -> Score:
    """MATCH: correct pairs / pairs."""
    feedback = spec.get("feedback", {})
    right = 0
    details = []
    for pair in spec["pairs"]:
        left, key = pair["left"], pair["right"]
        given = answer.get(left)
        ok = given == key
        right += ok
        head = f"✓ {left} → {given}" if ok else \
            f"✗ {left} → {given or 'nothing'}; the key is {key}"
        details.append(head + (f" — {feedback[left]}" if left in feedback else ""))
    return Score(right / len(spec["pairs"]), right == len(spec["pairs"]), details)


def score_ordering(spec: dict, answer: list) -> Score:
    """ORDER: share of item pairs in the right relative order (one neighbour swap loses little)."""
    items = spec["items"]
    position = {item: i for i, item in enumerate(answer) if item in items}
    pairs = list(combinations(items, 2))
    right = sum(1 for a, b in pairs if a in position and b in position and position[a] < position[b])
    fraction = right / len(pairs)
    details = [f"{right} of {len(pairs)} pairs of items in the right order; the order is "
               + " → ".join(items)]
    return Score(fraction, fraction == 1.0, details)


def score_numeric(spec: dict, answer: float) -> Score:
    """NUM(tol): 1 within tol, 0.5 within 2×tol, else 0."""
    key, tol = spec["answer"], spec.get("tolerance", 0)
    diff = abs(answer - key)
    fraction = 1.0 if diff <= tol else 0.5 if diff <= 2 * tol else 0.0
    unit = f" {spec['unit']}" if spec.get("unit") else ""
    mark = "✓" if fraction == 1 else "✗"
    return Score(fraction, fraction == 1.0, [f"{mark} you gave {answer}{unit}; the key is {key}{unit}"
                                             + (f" (± {tol})" if tol else "")])


RULES = {
    "single_choice": score_single_choice,
    "true_false": score_single_choice,
    "multiple_choice": score_multiple_choice,
    "label_sentences": score_label_sentences,
    "matching": score_matching,
    "ordering": score_ordering,
    "numeric": score_numeric,
}
