"""Ordering: put the items in order with Move up / Move down buttons (no drag and drop).

``items`` are written in the right order; the practice faces and the print start from the
reverse order (:meth:`Ordering.start_order`), the only order that earns nothing, so checking the
untouched list scores 0. (Exports keep a stable shuffle, :meth:`Ordering.shuffled`.)
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
from .base import Target, duplicates, register, stable_shuffle


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

    def start_order(self) -> list[str]:
        """Where the practice faces start: the reverse order, whose score is 0 (every pair
        inverted; no other order scores 0), so the untouched list earns nothing."""
        return list(reversed(self.items))

    def score(self, answer) -> Score:
        return score_ordering(self, answer)

    def text_body(self, key: bool) -> list[str]:
        lines = [f"- [ ] {item}" for item in self.start_order()]
        if key:
            lines += ["", f"**{message('text_key')}**"] + [f"{i}. {item}"
                                                    for i, item in enumerate(self.items, 1)]
        return lines

    def client_data(self, document) -> dict:
        return {"start": self.start_order(), "answer": list(self.items)}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 50  # where the type comes in tables and reports
    label = "ordering"
    answer_hint = 'a list of the items, first to last, e.g. ["<item>", ...]'
    moodle = Target("ordering", "Ordering (core since Moodle 4.4)", "exact")
    canvas = Target("matching_question", "Matching", "substitute",
                    "classic quizzes have no ordering type: each position (1st, 2nd, …) is "
                    "matched to an item, and scoring counts items in the right position, not "
                    "pairs in the right relative order")

    def controls(self):
        from html import escape

        import ipywidgets as w

        from ..widgets import Controls

        order = self.start_order()
        box = w.VBox()

        def draw():
            rows = []
            for i, item in enumerate(order):
                up = w.Button(description=message("move_up"), icon="arrow-up", disabled=i == 0,
                              tooltip=f"{message('move_up')}: {item}")
                down = w.Button(description=message("move_down"), icon="arrow-down",
                                disabled=i == len(order) - 1,
                                tooltip=f"{message('move_down')}: {item}")
                up.on_click(lambda _b, i=i: move(i, -1))
                down.on_click(lambda _b, i=i: move(i, 1))
                rows.append(w.HBox([w.HTML(f"{i + 1}. {escape(item)}",
                                           layout=w.Layout(flex="1")), up, down]))
            box.children = rows

        def move(i, step):
            order.insert(i + step, order.pop(i))
            draw()

        def clear():
            order[:] = self.start_order()
            draw()
        draw()
        return Controls(box, lambda: list(order), clear)

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        d = score.details
        if "pairs" not in d:
            return []
        return [(message("order_pairs", in_place=sum(d["in_place"]), n=len(d["in_place"]),
                         agree=d["pairs_in_order"], pairs=d["pairs"]), "")]

    def explain(self, answer, result: Score) -> list[str]:
        d = result.details
        if result.correct:
            return ["✓ " + message("graded_order_right", in_order=d["pairs_in_order"],
                                   pairs=d["pairs"])]
        return ["◐ " + message("graded_order_wrong", in_order=d["pairs_in_order"],
                               pairs=d["pairs"], order=" → ".join(self.items))]

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {"items": sorted(spec["items"])}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import match_choice, type_name

        if not isinstance(value, (list, tuple)):
            return None, [f"the answer must be {cls.answer_hint}, not {type_name(value)}"]
        problems, items = [], []
        for item in value:
            choice = match_choice(item, fmt["items"])
            if choice is None:
                problems.append(f"{item!r} is not one of the items")
                choice = item
            items.append(choice)
        return items, problems

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from html import escape

        rows = "".join(f"<tr><td>{n}</td><td></td></tr>" for n in range(1, len(fmt["items"]) + 1))
        return (f'<p class="label">Your answer: the items, first to last. Items: '
                f'{escape(", ".join(fmt["items"]))}.</p>'
                f'<table class="fill-table"><tbody>{rows}</tbody></table>')

    def export_question_html(self, document, fmt: str) -> str:
        note = ("<p><em>Give each position its item: position 1 comes first.</em></p>"
                if fmt == "qti" else "")  # Canvas shows it as matching
        return super().export_question_html(document, fmt) + note

    def export_rows(self, document, fmt: str) -> list:
        from ...export import render
        from ...export.content import Row

        return [Row(f"Position {i}", f"Position {i}", render.plain(item, document))
                for i, item in enumerate(self.items, 1)]

    def export_choices(self, document) -> list[str]:
        from ...export import render

        return [render.plain(item, document) for item in self.shuffled()]

    def moodle_element(self, el, document) -> None:
        from ...export import moodle_xml as mx

        mx.ordering(el, self, document)

    def qti_item(self, item, document) -> None:
        from ...export import content

        item.matching(content.rows_for(self, document, "qti"), content.choices_for(self, document))
