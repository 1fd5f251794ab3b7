"""Free text with a self-check rubric: the student writes, reveals the model answer, and ticks
the rubric criteria their answer meets. Never auto-scored.

Answer: the text (``str``), or ``{"text": str, "met": [indexes of rubric criteria]}``.
Scoring: ``needs_review`` is always True. With ticks, ``fraction = criteria ticked / criteria``
(the student's own assessment, shown as such; out-of-range and repeated indexes are ignored);
``correct`` is never True, because no machine judged it. Text alone scores 0 and waits for a
reader (``details["invalid"]`` only when the text is empty).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ..i18n import message
from ..markup import parse_inline
from ..schema import QuestionBase
from ..scoring import Score
from .base import Target, register


def score_free_text(question: FreeText, answer) -> Score:
    if isinstance(answer, dict):
        text = str(answer.get("text") or "")
        met = {i for i in answer.get("met") or [] if isinstance(i, int)
               and 0 <= i < len(question.rubric)}
    else:
        text, met = ("" if answer is None else str(answer)), set()
    details = {"text": text, "met": sorted(met), "self_assessed": True}
    if not text.strip():
        details["invalid"] = "no text written"
    return Score(len(met) / len(question.rubric), False, details, needs_review=True)


@register("free_text")
class FreeText(QuestionBase):
    type: Literal["free_text"]
    model_answer: str = Field(min_length=1)
    rubric: list[str] = Field(min_length=1, max_length=8)

    def checks(self, document) -> list:
        return []

    def score(self, answer) -> Score:
        return score_free_text(self, answer)

    def text_body(self, key: bool) -> list[str]:
        lines = ["", f"{message('text_answer_line')} " + "." * 60, "",
                 message("text_check_against")]
        lines += [f"- [ ] {c}" for c in self.rubric]
        if key:
            lines += ["", f"**{message('model_answer')}** {self.model_answer}"]
        return lines

    def client_data(self, document) -> dict:
        return {"model": parse_inline(self.model_answer),
                "rubric": [parse_inline(c) for c in self.rubric]}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 70  # where the type comes in tables and reports
    label = "open answer, rubric"
    answer_hint = 'your text in triple quotes, {q} = """..."""'
    moodle = Target("essay", "Essay", "lossy",
                    "graded by the teacher instead of the learner's self-check against the "
                    "rubric; the model answer and rubric are in the grader information and the "
                    "general feedback; Moodle's essay type keeps no hints, so a hint is printed "
                    "in the question text, visible from the start")
    canvas = Target("essay_question", "Essay", "lossy",
                    "graded by the teacher instead of the learner's self-check against the "
                    "rubric; the model answer and rubric are in the general feedback")

    def controls(self):
        import ipywidgets as w

        from ..widgets import Controls

        area = w.Textarea(placeholder=message("text_label"),
                          layout=w.Layout(width="100%", height="7em"))
        return Controls(area, lambda: area.value if area.value.strip() else None,
                        lambda: setattr(area, "value", ""))

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        return []  # the self-check shows the model answer and the rubric instead

    def explain(self, answer, result: Score) -> list[str]:
        return []  # scored by a person with the rubric (medialit.grading.manual)

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {"words": list(spec.get("words", [0, 10_000]))}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import type_name

        if not isinstance(value, str):
            return None, [f"the answer must be {cls.answer_hint}, not {type_name(value)}"]
        problems = []
        words = len(value.split())
        low, high = fmt.get("words", [0, 10_000])
        if not low <= words <= high:
            problems.append(f"{words} words; the question asks for {low}–{high}")
        return value.strip(), problems

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from ...handouts.worksheets import ruled_lines, words_to_lines

        low, high = fmt.get("words", [0, 250])
        return (f'<p class="label">Your answer ({low}–{high} words):</p>'
                + ruled_lines(words_to_lines(high)))

    moodle_hints_in_text: ClassVar[bool] = True  # Moodle's essay keeps no <hint>
    scored_by_person: ClassVar[bool] = True  # self-checked in practice, manual when graded

    def export_question_html(self, document, fmt: str) -> str:
        from ...export import render

        parts = [super().export_question_html(document, fmt),
                 "<p><em>Check your answer against:</em></p>"
                 + render.items_html(list(self.rubric), document)]
        if fmt == "moodle-xml":  # Moodle's essay type keeps no hints: they are shown here
            parts += [f"<p><em>Hint:</em> {render.html(hint, document)}</p>" for hint in self.hints]
        return "".join(parts)

    def export_feedback_html(self, document, fmt: str) -> str:
        from ...export import render

        return f"<p><strong>Model answer:</strong> {render.html(self.model_answer, document)}</p>"

    def moodle_element(self, el, document) -> None:
        from ...export import content
        from ...export import moodle_xml as mx

        # No word limits and no attachments: Moodle writes the limits empty when none is set.
        for tag, value in (("responseformat", "editor"), ("responserequired", "1"),
                           ("responsefieldlines", "10"), ("minwordlimit", ""),
                           ("maxwordlimit", ""), ("attachments", "0"),
                           ("attachmentsrequired", "0"), ("maxbytes", "0"),
                           ("filetypeslist", "")):
            mx.add_field(el, tag, value)
        mx.add_text(el, "graderinfo", content.grader_info_html(self, document))
        mx.add_text(el, "responsetemplate", "")

    def qti_item(self, item, document) -> None:
        item.essay()
