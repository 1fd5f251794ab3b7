"""The live-notebook face: each question as ipywidgets with Check / Hint / Try again / Show
answer and feedback, scored in Python by the same functions as the grader.

Each question type builds its own controls (its ``controls()``, in its module under
``medialit.quiz.types``) from the helpers here and returns a :class:`Controls` (the widget, how
to read the answer, how to clear it). Feedback lines come from each type's ``feedback_parts``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, TypeVar, cast

import ipywidgets as w

from .feedback import feedback_parts
from .i18n import current_folders, current_language, message, normal, use_language
from .markup import inline_html, plain
from .schema import QuestionBase
from .scoring import Score
from .types import REGISTRY

if TYPE_CHECKING:
    from .types.free_text import FreeText

WIDE = w.Layout(width="auto")


@dataclass
class Controls:
    widget: w.Widget
    get: Callable[[], object]  # the answer in the plain format of medialit.quiz.scoring, or None
    clear: Callable[[], None]


def choice_controls(q, multiple: bool) -> Controls:
    """Radio buttons (one option) or checkboxes (several), for the choice types."""
    opts = [(plain(o.text), o.id) for o in q.options]
    if multiple:
        boxes = [w.Checkbox(description=label, indent=False, layout=WIDE) for label, _ in opts]
        ids = [i for _, i in opts]

        def get():
            chosen = [i for i, b in zip(ids, boxes) if b.value]
            return chosen or None

        def clear():
            for b in boxes:
                b.value = False
        return Controls(w.VBox(boxes), get, clear)
    radio = w.RadioButtons(options=opts, value=None, layout=WIDE)
    return Controls(radio, lambda: radio.value, lambda: setattr(radio, "value", None))


def dropdowns(rows: Sequence[tuple[str, str]], choices: Sequence[str]) -> tuple[list, list]:
    """(label html, key) rows -> (widgets, dropdowns) with an empty first choice."""
    items, drops = [], []
    for label, _ in rows:
        drop = w.Dropdown(options=[(message("choose"), "")] + [(c, c) for c in choices],
                          value="", layout=WIDE)
        items += [w.HTML(label), drop]
        drops.append(drop)
    return items, drops


def keyed(rows, drops) -> Callable[[], object]:
    def get():
        answer = {key: d.value for (_, key), d in zip(rows, drops) if d.value}
        return answer or None
    return get


def clear_all(drops) -> Callable[[], None]:
    def clear():
        for d in drops:
            d.value = ""
    return clear


def __getattr__(name: str):
    if name == "CONTROLS":  # type -> its controls builder (each type's own ``controls()``)
        return {kind: (lambda q: q.controls()) for kind in REGISTRY}
    raise AttributeError(name)


def feedback_lines(q: QuestionBase, answer, score: Score) -> list[str]:
    """HTML lines explaining a score, from the question's own feedback texts."""
    return [" ".join(part for part in (escape(text), inline_html(feedback) if feedback else "")
                     if part)
            for text, feedback in feedback_parts(q, answer, score)]


def verdict(score: Score) -> str:
    """The result in words after a sign that is hidden from screen readers (HTML)."""
    if score.correct:
        sign, words = "✓", message("correct")
    elif score.fraction > 0:
        sign, words = "◐", message("partly", percent=round(score.fraction * 100))
    else:
        sign, words = "✗", message("incorrect")
    return f'<span aria-hidden="true">{sign} </span>{escape(words)}'


def key_text(q: QuestionBase) -> str:
    lines = q.text_body(key=True)
    start = next((i for i, line in enumerate(lines) if message("text_key") in line),
                 len(lines))
    return "<br>".join(inline_html(line) for line in lines[start:] if line.strip())


F = TypeVar("F", bound=Callable[..., Any])


def _speaking(method: F) -> F:
    """Run a widget's callback in the widget's language (a click comes long after the block
    that built it)."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        with use_language(self.language, self._folders):
            return method(self, *args, **kwargs)
    return cast(F, run)


class QuestionWidget(w.VBox):
    """One question, live: controls, buttons and a feedback area."""

    children: tuple  # the VBox's trait (a tuple of widgets)

    def __init__(self, question: QuestionBase, number: int, total: int, *,
                 language: str | None = None):
        # The interface strings' language, kept for the callbacks (they run later, outside
        # any use_language block of the caller).
        self.language = normal(language) if language else current_language()
        self._folders = current_folders()
        with use_language(self.language, self._folders):
            self._build(question, number, total)

    def _build(self, question: QuestionBase, number: int, total: int) -> None:
        self.question = question
        self.controls = question.controls()
        self.feedback = w.HTML()
        self.hints_html = w.HTML()
        self.solution = w.HTML()
        self.rubric: list[w.Checkbox] = []
        self.hints_shown = 0
        self_check = question.scored_by_person
        self.check_button = w.Button(description=message("self_check" if self_check else "check"),
                                     button_style="primary", layout=WIDE)
        buttons = [self.check_button]

        def named(button: w.Button) -> w.Button:
            # The question's context as the button's tooltip (its title, read as a description).
            button.tooltip = message("button_for", label=button.description, n=number)
            return button
        named(self.check_button).on_click(lambda _b: self.check())
        if question.hints:
            self.hint_button = named(w.Button(description=message("hint")))
            self.hint_button.on_click(lambda _b: self.hint())
            buttons.append(self.hint_button)
        retry = named(w.Button(description=message("try_again")))
        retry.on_click(lambda _b: self.retry())
        buttons.append(retry)
        if not self_check:
            reveal = named(w.Button(description=message("reveal")))
            reveal.on_click(lambda _b: self.reveal())
            buttons.append(reveal)
        # A heading per question, as on the static face, so that a screen-reader user can jump
        # from question to question in a notebook too. (ipywidgets has no way to give a box an
        # ARIA role, so the live face cannot make the question a labelled group; its controls
        # carry their own labels: docs/design-notes.md, "The widgets face and ARIA".)
        head = w.HTML(f"<h3 class='mlq-counter'>"
                      f"{escape(message('question_n', n=number, total=total))}</h3>"
                      f"<p class='mlq-prompt'><strong>{inline_html(question.prompt)}</strong></p>")
        super().__init__([head, self.controls.widget, w.HBox(buttons), self.hints_html,
                          self.feedback, self.solution])
        self.add_class("mlq-widget")

    @_speaking
    def check(self) -> Score | None:
        answer = self.controls.get()
        if answer is None:
            self.feedback.value = f"<p>{escape(message('no_answer'))}</p>"
            return None
        problem = self.question.answer_problem(answer)
        if problem:  # a format warning, not an attempt
            self.feedback.value = f"<p class='mlq-format'>{escape(problem)}</p>"
            return None
        score = self.question.score(answer)
        if self.question.scored_by_person:
            self.show_rubric()
            return score
        lines = "".join(f"<li>{line}</li>" for line in feedback_lines(self.question, answer,
                                                                        score))
        self.feedback.value = (f"<div role='status'><p><strong>{verdict(score)}</strong>"
                               f"</p><ul>{lines}</ul></div>")
        if score.correct:
            self.solution.value = self._explanation()
        return score

    def _explanation(self) -> str:
        return (f"<p><strong>{escape(message('explanation'))}</strong> "
                f"{inline_html(self.question.explanation)}</p>")

    @_speaking
    def hint(self) -> None:
        hints = self.question.hints
        self.hints_shown = min(self.hints_shown + 1, len(hints))
        self.hints_html.value = "".join(
            f"<p><strong>{escape(message('hint_n', n=i + 1, total=len(hints)))}</strong> "
            f"{inline_html(h)}</p>" for i, h in enumerate(hints[:self.hints_shown]))

    @_speaking
    def retry(self) -> None:
        self.controls.clear()
        self.feedback.value = self.solution.value = ""
        self.rubric = []
        if len(self.children) > 6:
            self.children = self.children[:6]

    @_speaking
    def reveal(self) -> None:
        self.solution.value = f"<p>{key_text(self.question)}</p>" + self._explanation()

    @_speaking
    def show_rubric(self) -> None:
        q = cast("FreeText", self.question)  # only a self-checked (free-text) question has one
        self.solution.value = (f"<p><strong>{escape(message('model_answer'))}</strong> "
                               f"{inline_html(q.model_answer)}</p>"
                               f"<p>{escape(message('rubric_intro'))}</p>")
        self.rubric = [w.Checkbox(description=plain(c), indent=False, layout=WIDE)
                       for c in q.rubric]
        for box in self.rubric:
            box.observe(lambda _change: self._self_score(), names="value")
        self.children = self.children[:6] + (w.VBox(self.rubric),
                                             w.HTML(self._explanation()))
        self._self_score()

    @_speaking
    def _self_score(self) -> None:
        met = [i for i, b in enumerate(self.rubric) if b.value]
        answer = {"text": self.controls.get() or "", "met": met}
        score = self.question.score(answer)
        total = len(cast("FreeText", self.question).rubric)
        self.feedback.value = f"<p>{escape(message('self_score', met=len(met), total=total))}</p>"
        self.last_score = score


def quiz_widget(questions: Sequence[QuestionBase], *, language: str | None = None) -> w.VBox:
    """The live questions; ``language``: of the interface strings (default: the current one)."""
    total = len(questions)
    return w.VBox([QuestionWidget(q, i, total, language=language)
                   for i, q in enumerate(questions, 1)])
