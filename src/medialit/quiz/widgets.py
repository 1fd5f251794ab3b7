"""The live-notebook face: each question as ipywidgets with Check / Hint / Try again / Show
answer and feedback, scored in Python by the same functions as the grader.

One builder per question type (``CONTROLS``) makes the controls and returns a
:class:`Controls` (the widget, how to read the answer, how to clear it). Feedback lines come
from :class:`~medialit.quiz.scoring.Score` details.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

import ipywidgets as w

from ..case import load_oped
from .feedback import feedback_parts
from .i18n import message
from .markup import inline_html, plain
from .material import text_of
from .schema import QuestionBase
from .scoring import Score
from .types.click_phrase import paragraph_words

WIDE = w.Layout(width="auto")


@dataclass
class Controls:
    widget: w.Widget
    get: Callable[[], object]  # the answer in the plain format of medialit.quiz.scoring, or None
    clear: Callable[[], None]


def _choice(q, multiple: bool) -> Controls:
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


def _true_false(q) -> Controls:
    radio = w.RadioButtons(options=[(message("true"), True), (message("false"), False)],
                           value=None)
    return Controls(radio, lambda: radio.value, lambda: setattr(radio, "value", None))


def _dropdowns(rows: Sequence[tuple[str, str]], choices: Sequence[str]) -> tuple[list, list]:
    """(label html, key) rows -> (widgets, dropdowns) with an empty first choice."""
    items, drops = [], []
    for label, _ in rows:
        drop = w.Dropdown(options=[(message("choose"), "")] + [(c, c) for c in choices],
                          value="", layout=WIDE)
        items += [w.HTML(label), drop]
        drops.append(drop)
    return items, drops


def _keyed(rows, drops) -> Callable[[], object]:
    def get():
        answer = {key: d.value for (_, key), d in zip(rows, drops) if d.value}
        return answer or None
    return get


def _clear_all(drops) -> Callable[[], None]:
    def clear():
        for d in drops:
            d.value = ""
    return clear


def _label_sentences(q) -> Controls:
    oped = text_of(q, load_oped())
    rows = [(f"<em>¶{sid} “{escape(oped.sentence(sid).text)}”</em>", sid) for sid in q.sentences]
    items, drops = _dropdowns(rows, q.labels)
    return Controls(w.VBox(items), _keyed(rows, drops), _clear_all(drops))


def _matching(q) -> Controls:
    rows = [(inline_html(p.left), p.left) for p in q.pairs]
    items, drops = _dropdowns(rows, q.choices())
    return Controls(w.VBox(items), _keyed(rows, drops), _clear_all(drops))


def _click_phrase(q) -> Controls:
    oped = text_of(q, load_oped())
    words = paragraph_words(oped, q.paragraph)
    toggles = [w.ToggleButton(description=text, layout=w.Layout(width="auto", margin="1px"))
               for _, _, text in words]

    def get():
        chosen = [(s, e) for (s, e, _), t in zip(words, toggles) if t.value]
        return chosen or None

    def clear():
        for t in toggles:
            t.value = False
    box = w.Box(toggles, layout=w.Layout(flex_flow="row wrap"))
    return Controls(box, get, clear)


def _ordering(q) -> Controls:
    order = list(q.shuffled())
    box = w.VBox()

    def draw():
        rows = []
        for i, item in enumerate(order):
            up = w.Button(description=message("move_up"), icon="arrow-up", disabled=i == 0,
                          tooltip=f"{message('move_up')}: {item}")
            down = w.Button(description=message("move_down"), icon="arrow-down",
                            disabled=i == len(order) - 1, tooltip=f"{message('move_down')}: {item}")
            up.on_click(lambda _b, i=i: move(i, -1))
            down.on_click(lambda _b, i=i: move(i, 1))
            rows.append(w.HBox([w.HTML(f"{i + 1}. {escape(item)}", layout=w.Layout(flex="1")),
                                up, down]))
        box.children = rows

    def move(i, step):
        order.insert(i + step, order.pop(i))
        draw()

    def clear():
        order[:] = q.shuffled()
        draw()
    draw()
    return Controls(box, lambda: list(order), clear)


def _numeric(q) -> Controls:
    text = w.Text(description=message("numeric_label"), placeholder=q.unit or "",
                  style={"description_width": "initial"})
    return Controls(w.HBox([text, w.Label(q.unit)]), lambda: text.value.strip() or None,
                    lambda: setattr(text, "value", ""))


def _free_text(q) -> Controls:
    area = w.Textarea(placeholder=message("text_label"), layout=w.Layout(width="100%",
                                                                          height="7em"))
    return Controls(area, lambda: area.value if area.value.strip() else None,
                    lambda: setattr(area, "value", ""))


CONTROLS: dict[str, Callable[[QuestionBase], Controls]] = {
    "single_choice": lambda q: _choice(q, False),
    "multiple_choice": lambda q: _choice(q, True),
    "true_false": _true_false,
    "label_sentences": _label_sentences,
    "click_phrase": _click_phrase,
    "matching": _matching,
    "ordering": _ordering,
    "numeric": _numeric,
    "free_text": _free_text,
}


def feedback_lines(q: QuestionBase, answer, score: Score) -> list[str]:
    """HTML lines explaining a score, from the question's own feedback texts."""
    return [" ".join(part for part in (escape(text), inline_html(feedback) if feedback else "")
                     if part)
            for text, feedback in feedback_parts(q, answer, score)]


def verdict(score: Score) -> str:
    if score.correct:
        return "✓ " + message("correct")
    if score.fraction > 0:
        return "◐ " + message("partly", percent=round(score.fraction * 100))
    return "✗ " + message("incorrect")


def key_text(q: QuestionBase) -> str:
    lines = q.text_body(key=True)
    start = next((i for i, line in enumerate(lines) if message("text_key") in line),
                 len(lines))
    return "<br>".join(inline_html(line) for line in lines[start:] if line.strip())


class QuestionWidget(w.VBox):
    """One question, live: controls, buttons and a feedback area."""

    def __init__(self, question: QuestionBase, number: int, total: int):
        self.question = question
        self.controls = CONTROLS[question.type_name](question)
        self.feedback = w.HTML()
        self.hints_html = w.HTML()
        self.solution = w.HTML()
        self.rubric: list[w.Checkbox] = []
        self.hints_shown = 0
        self_check = question.type_name == "free_text"
        self.check_button = w.Button(description=message("self_check" if self_check else "check"),
                                     button_style="primary", layout=WIDE)
        buttons = [self.check_button]
        self.check_button.on_click(lambda _b: self.check())
        if question.hints:
            self.hint_button = w.Button(description=message("hint"))
            self.hint_button.on_click(lambda _b: self.hint())
            buttons.append(self.hint_button)
        retry = w.Button(description=message("try_again"))
        retry.on_click(lambda _b: self.retry())
        buttons.append(retry)
        if not self_check:
            reveal = w.Button(description=message("reveal"))
            reveal.on_click(lambda _b: self.reveal())
            buttons.append(reveal)
        head = w.HTML(f"<p><small>{escape(message('question_n', n=number, total=total))}"
                      f"</small><br><strong>{inline_html(question.prompt)}</strong></p>")
        super().__init__([head, self.controls.widget, w.HBox(buttons), self.hints_html,
                          self.feedback, self.solution])
        self.add_class("mlq-widget")

    def check(self) -> Score | None:
        answer = self.controls.get()
        if answer is None:
            self.feedback.value = f"<p>{escape(message('no_answer'))}</p>"
            return None
        score = self.question.score(answer)
        if self.question.type_name == "free_text":
            self.show_rubric()
            return score
        lines = "".join(f"<li>{line}</li>" for line in feedback_lines(self.question, answer,
                                                                        score))
        self.feedback.value = (f"<div role='status'><p><strong>{escape(verdict(score))}</strong>"
                               f"</p><ul>{lines}</ul></div>")
        if score.correct:
            self.solution.value = self._explanation()
        return score

    def _explanation(self) -> str:
        return (f"<p><strong>{escape(message('explanation'))}</strong> "
                f"{inline_html(self.question.explanation)}</p>")

    def hint(self) -> None:
        hints = self.question.hints
        self.hints_shown = min(self.hints_shown + 1, len(hints))
        self.hints_html.value = "".join(
            f"<p><strong>{escape(message('hint_n', n=i + 1, total=len(hints)))}</strong> "
            f"{inline_html(h)}</p>" for i, h in enumerate(hints[:self.hints_shown]))

    def retry(self) -> None:
        self.controls.clear()
        self.feedback.value = self.solution.value = ""
        self.rubric = []
        if len(self.children) > 6:
            self.children = self.children[:6]

    def reveal(self) -> None:
        self.solution.value = f"<p>{key_text(self.question)}</p>" + self._explanation()

    def show_rubric(self) -> None:
        q = self.question
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

    def _self_score(self) -> None:
        met = [i for i, b in enumerate(self.rubric) if b.value]
        answer = {"text": self.controls.get() or "", "met": met}
        score = self.question.score(answer)
        self.feedback.value = f"<p>{escape(message('self_score', met=len(met), total=len(self.question.rubric)))}</p>"
        self.last_score = score


def quiz_widget(questions: Sequence[QuestionBase]) -> w.VBox:
    total = len(questions)
    return w.VBox([QuestionWidget(q, i, total) for i, q in enumerate(questions, 1)])
