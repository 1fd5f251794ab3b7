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
from .base import Target, duplicates, register, stable_shuffle


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
                "answer": {p.left: p.right for p in self.pairs},
                # shown with a pair answered right, as the widgets, the grader and Moodle do
                "feedback": {left: parse_inline(text) for left, text in self.feedback.items()}}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 40  # where the type comes in tables and reports
    label = "matching"
    answer_hint = 'a dict {left item: right item}, e.g. {"<left>": "<right>", ...}'
    moodle = Target("matching", "Matching", "lossy",
                    "Moodle has no feedback per pair: the kit's per-pair feedback is listed in "
                    "the general feedback")
    canvas = Target("matching_question", "Matching", "lossy",
                    "Canvas shows a pair's feedback only when that pair is answered wrong")

    def controls(self):
        import ipywidgets as w

        from ..markup import inline_html
        from ..widgets import Controls, clear_all, dropdowns, keyed

        rows = [(inline_html(p.left), p.left) for p in self.pairs]
        items, drops = dropdowns(rows, self.choices())
        return Controls(w.VBox(items), keyed(rows, drops), clear_all(drops))

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        return [(message("pair_right" if v == "right" else "pair_wrong", left=left),
                 self.feedback.get(left, "") if v == "right" else "")
                for left, v in score.details["pairs"].items()]

    def explain(self, answer, result: Score) -> list[str]:
        from ...grading.explain import with_feedback

        key = {p.left: p.right for p in self.pairs}
        lines = []
        for left, state in result.details["pairs"].items():
            if state == "right":
                line = f"✓ {message('graded_pair_right', left=left, right=key[left])}"
            else:
                given = answer.get(left)
                shown = f"“{given}”" if given is not None else message("graded_nothing")
                line = "✗ " + message("graded_pair_wrong", left=left, given=shown,
                                      right=key[left])
            lines.append(with_feedback(line, self.feedback.get(left, "")))
        return lines

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {"left": sorted(p["left"] for p in spec["pairs"]),
                "right": sorted([p["right"] for p in spec["pairs"]]
                                + list(spec.get("distractors", [])))}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import match_choice, type_name

        if not isinstance(value, dict):
            return None, [f"the answer must be {cls.answer_hint}, not {type_name(value)}"]
        problems: list[str] = []
        out: dict = {}
        for raw_left, raw_right in value.items():
            left = match_choice(raw_left, fmt["left"])
            right = match_choice(raw_right, fmt["right"])
            if left is None:
                problems.append(f"{raw_left!r} is not one of the left-hand items "
                                f"({', '.join(fmt['left'])})")
                left = raw_left
            elif right is None:
                problems.append(f"{raw_right!r} (for {left!r}) is not one of the right-hand "
                                f"items ({', '.join(fmt['right'])})")
            out[left] = right if right is not None else raw_right
        missing = [x for x in fmt["left"] if x not in out]
        if missing and not problems:
            problems.append(f"no match yet for {', '.join(repr(x) for x in missing)}")
        return out, problems

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from html import escape

        from ...handouts.worksheets import fill_table

        return ('<p class="label">Your answer: match each item on the left.</p>'
                + fill_table(fmt["left"], "Item", "Matches")
                + f'<p class="choose-from">Choose from: {escape(", ".join(fmt["right"]))}</p>')

    def export_rows(self, document, fmt: str) -> list:
        from ...export import render
        from ...export.content import Row

        return [Row(render.html(p.left, document), render.plain(p.left, document),
                    render.plain(p.right),
                    render.html(self.feedback[p.left], document) if p.left in self.feedback else "")
                for p in self.pairs]

    def export_choices(self, document) -> list[str]:
        from ...export import render

        return [render.plain(c, document) for c in self.choices()]

    def export_distractors(self, document) -> list[str]:
        from ...export import render

        return [render.plain(d, document) for d in self.distractors]

    def export_feedback_html(self, document, fmt: str) -> str:
        from ...export.content import rows_feedback_html

        # Moodle's matching keeps no feedback per pair: the general feedback lists it
        return rows_feedback_html(self.export_rows(document, fmt)) if fmt == "moodle-xml" else ""

    @classmethod
    def feedback_texts(cls, data: dict) -> list[tuple[str, str, str]]:
        rights = {p["left"]: p["right"] for p in data["pairs"]}
        return [(f"pair {k}", f"{k} {rights.get(k, '')}", v)
                for k, v in (data.get("feedback") or {}).items()]

    @classmethod
    def unfed_parts(cls, data: dict) -> list[str]:
        return [f"pair {p['left']}" for p in data["pairs"]
                if p["left"] not in (data.get("feedback") or {})]

    def moodle_element(self, el, document) -> None:
        from ...export import moodle_xml as mx

        mx.match(el, self, document)

    def qti_item(self, item, document) -> None:
        from ...export import content

        item.matching(content.rows_for(self, document, "qti"), content.choices_for(self, document))
