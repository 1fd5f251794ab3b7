"""Matching: pair each left-hand item with one right-hand item (selects, no drag and drop).

The key is the pairing as written in ``pairs``. Right-hand items (plus any ``distractors``)
are offered in a stable shuffled order.
Answer: a dict left -> right (``{"¶2": "legal frame"}``).
Scoring (partial credit): ``fraction = right pairs / number of pairs``. A left item left out
or paired with something that is not an offered right-hand item earns nothing for that pair;
keys that are not left items are ignored (``details["unknown"]``). ``correct`` when all pairs
are right.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..errors import Issue
from ..i18n import message
from ..markup import parse_inline
from ..schema import QuestionBase, Strict
from ..scoring import Score, invalid
from .base import duplicates, register, stable_shuffle


class Pair(Strict):
    left: str = Field(min_length=1)
    right: str = Field(min_length=1)


def score_matching(question: Matching, answer) -> Score:
    if not isinstance(answer, dict):
        return invalid(f"expected a dict left -> right, got {answer!r}")
    per_pair = {}
    for pair in question.pairs:
        given = answer.get(pair.left)
        per_pair[pair.left] = ("missing" if given is None else
                               "right" if given == pair.right else "wrong")
    right = sum(1 for v in per_pair.values() if v == "right")
    unknown = sorted(str(k) for k in answer if k not in per_pair)
    return Score(right / len(question.pairs), right == len(question.pairs),
                 {"pairs": per_pair, "unknown": unknown})


@register("matching")
class Matching(QuestionBase):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2, max_length=8)
    distractors: list[str] = Field(default_factory=list)
    feedback: dict[str, str] = Field(default_factory=dict)  # per left item: why it pairs so

    def checks(self, document) -> list[Issue]:
        issues = []
        for dup in duplicates(p.left for p in self.pairs):
            issues.append(Issue(("pairs",), "a left-hand item is listed twice", dup))
        for dup in duplicates(p.right for p in self.pairs):
            issues.append(Issue(("pairs",), "a right-hand item is listed twice", dup,
                                "each right-hand item once, so the key is unambiguous"))
        lefts = [p.left for p in self.pairs]
        for left in self.feedback:
            if left not in lefts:
                issues.append(Issue(("feedback", left), "feedback for a left-hand item the "
                                    "question does not list", left, f"one of {lefts}"))
        rights = {p.right for p in self.pairs}
        for i, extra in enumerate(self.distractors):
            if extra in rights:
                issues.append(Issue(("distractors", i), "a distractor is also a right answer",
                                    extra))
        return issues

    def choices(self) -> list[str]:
        return stable_shuffle([p.right for p in self.pairs] + list(self.distractors), self.id)

    def score(self, answer) -> Score:
        return score_matching(self, answer)

    def text_body(self, key: bool) -> list[str]:
        choices = self.choices()
        lines = [f"{i}. {p.left} → ____" for i, p in enumerate(self.pairs, 1)]
        lines += ["", f"{message('text_choose_from')} " + " · ".join(choices)]
        if key:
            lines += ["", f"**{message('text_key')}**"]
            for p in self.pairs:
                lines.append(f"- {p.left} → {p.right}")
                if self.feedback.get(p.left):
                    lines.append(f"  - {self.feedback[p.left]}")
        return lines

    def client_data(self, document) -> dict:
        return {"lefts": [{"text": p.left, "tokens": parse_inline(p.left)} for p in self.pairs],
                "choices": self.choices(),
                "answer": {p.left: p.right for p in self.pairs}}
