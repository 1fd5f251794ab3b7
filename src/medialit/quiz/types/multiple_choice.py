"""Multiple choice: pick every option that applies.

Answer: a list or set of option ids (``["a", "c"]``).
Scoring (partial credit): ``fraction = max(0, hits/len(key) - false_picks/len(non_key))``, where
``hits`` are key options chosen and ``false_picks`` are non-key options chosen. So choosing
every option earns 0 (all hits, all false picks), an empty answer earns 0, and choosing half
the key and nothing else earns 0.5. ``correct`` only when the chosen set equals the key. Ids
the question does not have (anything that is not one of its option ids) count as false picks
and are listed in ``details["unknown"]``. A string or a dict is not a list of ids (invalid).
A bank may not make every option part of the key (the loader rejects it), so choosing
everything can never earn full marks.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..errors import Issue
from ..i18n import message
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import Option, Target, duplicates, letters, option_issues, options_data, register


def score_multiple_choice(question: MultipleChoice, answer) -> Score:
    if answer is None:
        return invalid("no option chosen")
    if isinstance(answer, (str, bytes, dict)) or not hasattr(answer, "__iter__"):
        return invalid(f"expected a list of option ids, got {answer!r}")
    items = list(answer)
    chosen = {a for a in items if isinstance(a, str)}
    ids = {o.id for o in question.options}
    key = set(question.answer)
    non_key = ids - key
    unknown = sorted({str(a) for a in items if not (isinstance(a, str) and a in ids)})
    hits = chosen & key
    false_picks = (chosen - key) & ids
    penalty = (len(false_picks) + len(unknown)) / max(len(non_key), 1)
    fraction = max(0.0, min(1.0, len(hits) / len(key) - penalty))
    right = chosen == key and not unknown
    details: dict[str, object] = {"hits": sorted(hits), "false_picks": sorted(false_picks),
               "missed": sorted(key - chosen), "unknown": unknown,
               "feedback": [o.id for o in question.options if o.id in chosen]}
    if not items:
        details["invalid"] = "no option chosen"
    return Score(1.0 if right else fraction, right, details)


@register("multiple_choice")
class MultipleChoice(QuestionBase):
    type: Literal["multiple_choice"]
    options: list[Option] = Field(min_length=2, max_length=8)
    answer: list[str] = Field(min_length=1)

    def checks(self, document) -> list[Issue]:
        issues = option_issues(self.options)
        ids = [o.id for o in self.options]
        for i, key in enumerate(self.answer):
            if key not in ids:
                issues.append(Issue(("answer", i), "the key names an option that does not exist",
                                    key, f"one of {ids}"))
        for dup in duplicates(self.answer):
            issues.append(Issue(("answer",), "the key lists an option twice", dup))
        if set(self.answer) >= set(ids):
            issues.append(Issue(("answer",), "every option is in the key, so choosing "
                                "everything would earn full marks", list(self.answer),
                                "at least one option that is not in the key"))
        return issues

    def score(self, answer) -> Score:
        return score_multiple_choice(self, answer)

    def text_body(self, key: bool) -> list[str]:
        lines = [f"- [ ] {letter}. {o.text}" for letter, o in
                 zip(letters(len(self.options)), self.options)]
        if key:
            right = [o.text for o in self.options if o.id in self.answer]
            lines += ["", f"**{message('text_key')}** " + "; ".join(right)]
            lines += [f"- {o.text} — {o.feedback}" for o in self.options]
        return lines

    def client_data(self, document) -> dict:
        return {"options": options_data(self.options), "answer": list(self.answer)}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 20  # where the type comes in tables and reports
    label = "multiple choice"
    answer_hint = 'a set of option letters, e.g. {"A", "B"}'
    moodle = Target("multichoice", "Multiple choice, multiple answers", "exact")
    canvas = Target("multiple_answers_question", "Multiple Answers", "lossy",
                    "Canvas deducts points ÷ (number of right options) for each wrong pick; the "
                    "kit deducts points ÷ (number of wrong options)")

    def controls(self):
        from ..widgets import choice_controls

        return choice_controls(self, multiple=True)

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        """One part per chosen option, naming it (then the author's feedback on it), and a
        count of the right options not chosen (without naming them: a retry stays worth it)."""
        from ..markup import plain

        key, chosen = set(self.answer), score.details.get("feedback", [])
        parts = [(message("option_right" if o.id in key else "option_wrong", option=plain(o.text)),
                  o.feedback) for o in self.options if o.id in chosen]
        missed = len(score.details.get("missed", []))
        if missed:
            parts.append((message("options_missed_one") if missed == 1 else
                          message("options_missed_many", count=missed), ""))
        return parts

    def explain(self, answer, result: Score) -> list[str]:
        from ...grading.explain import mark, plain, with_feedback

        lines, key = [], set(self.answer)
        picked = {a for a in answer if isinstance(a, str)}
        for o in self.options:
            if o.id not in key and o.id not in picked:
                continue
            ok = (o.id in key) == (o.id in picked)
            name = ("graded_option_chosen" if ok and o.id in picked else
                    "graded_option_chosen_wrong" if o.id in picked else "graded_option_missed")
            lines.append(with_feedback(f"{mark(ok)} {message(name, option=o.id, text=plain(o.text))}",
                                       o.feedback))
        lines += ["✗ " + message("graded_option_unknown", option=repr(u))
                  for u in result.details.get("unknown", [])]
        return lines

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {"options": [o["id"] for o in spec["options"]]}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import match_choice, type_name

        if isinstance(value, str):
            value = {value}
        if not isinstance(value, (set, list, tuple, frozenset)):
            return None, [f"the answer must be {cls.answer_hint}, not {type_name(value)}"]
        problems: list[str] = []
        picked: list = []
        if isinstance(value, (set, frozenset)):
            value = sorted(value, key=repr)  # a set has no order of its own: make one
        for item in value:
            choice = match_choice(item, fmt["options"])
            if choice is None:
                problems.append(f"{item!r} is not an option ({', '.join(fmt['options'])}); "
                                "it counts as a wrong pick")
                choice = item
            if choice not in picked:
                picked.append(choice)
        return picked, problems

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from ...handouts.worksheets import tick_boxes

        return tick_boxes(fmt["options"], "Your answer: tick every box that applies.")

    @classmethod
    def feedback_texts(cls, data: dict) -> list[tuple[str, str, str]]:
        return [(f"option {o['id']}", o["text"], o["feedback"]) for o in data["options"]]

    def moodle_element(self, el, document) -> None:
        from ...export import moodle_xml as mx
        from ...export import render

        # Moodle adds the fractions of the ticked options and clamps to 0..1: with +1/|key| for
        # a key option and -1/|non-key| for any other, that is exactly the kit's rule.
        right = [o.id in set(self.answer) for o in self.options]
        grades = mx.shares(right, f"{sum(right)} right and {len(right) - sum(right)} wrong "
                                  "option(s)")
        mx.choices(el, [(fraction, render.html(o.text, document),
                         render.html(o.feedback, document))
                        for fraction, o in zip(grades, self.options)], single=False)

    def qti_item(self, item, document) -> None:
        from ...export import render

        item.choices([(render.html(o.text, document), o.id in self.answer,
                       render.html(o.feedback, document)) for o in self.options],
                     multiple=True)
