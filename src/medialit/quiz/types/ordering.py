"""Ordering: put the items in order with Move up / Move down buttons (no drag and drop).

``items`` are written in the right order; they are shown in a stable shuffled order that is
never already right.
Answer: the list of items in the order the student gives.
Scoring (partial credit): ``fraction = pairs of items in the right relative order / all
pairs`` (n·(n−1)/2; Kendall agreement). So one item moved one place off loses one pair; the
reversed order earns 0. ``correct`` only for the exact order. An answer that is not a
permutation of the items (missing, extra or repeated items) scores 0 (``details["invalid"]``).
"""

from __future__ import annotations

from itertools import combinations
from typing import Literal

from pydantic import Field

from ..errors import Issue
from ..i18n import message
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import duplicates, register, stable_shuffle


def score_ordering(question: Ordering, answer) -> Score:
    if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__iter__"):
        return invalid(f"expected a list of the items, got {answer!r}")
    given = list(answer)
    if sorted(map(str, given)) != sorted(question.items):
        return invalid("the answer is not the question's items, each once", given=given)
    position = {item: i for i, item in enumerate(given)}
    pairs = list(combinations(question.items, 2))
    agree = sum(1 for a, b in pairs if position[a] < position[b])
    return Score(agree / len(pairs), given == list(question.items),
                 {"in_place": [g == k for g, k in zip(given, question.items)],
                  "pairs_in_order": agree, "pairs": len(pairs)})


@register("ordering")
class Ordering(QuestionBase):
    type: Literal["ordering"]
    items: list[str] = Field(min_length=3, max_length=8)

    def checks(self, document) -> list[Issue]:
        return [Issue(("items",), "an item is listed twice", dup, "distinct items")
                for dup in duplicates(self.items)]

    def shuffled(self) -> list[str]:
        return stable_shuffle(list(self.items), self.id)

    def score(self, answer) -> Score:
        return score_ordering(self, answer)

    def text_body(self, key: bool) -> list[str]:
        lines = [f"- [ ] {item}" for item in self.shuffled()]
        if key:
            lines += ["", f"**{message('text_key')}**"] + [f"{i}. {item}"
                                                    for i, item in enumerate(self.items, 1)]
        return lines

    def client_data(self, document) -> dict:
        return {"start": self.shuffled(), "answer": list(self.items)}
