"""Click the phrase: select the words of one text paragraph that answer the prompt.

The paragraph is cut into words (runs of non-space characters). A word belongs to the key when
it overlaps one of the key quotes (exact quotes inside the paragraph).

Answer: a list of phrases or single words from the paragraph (``["found", "no evidence"]``;
each is looked up in the paragraph, first occurrence), or a list of ``(start, end)`` character
offsets into the text text (end exclusive). Overlapping or repeated selections count once:
the answer is the *set* of words they touch.
Scoring (partial credit, word overlap): with ``S`` the selected words and ``K`` the key words,
``fraction = 2|S∩K| / (|S| + |K|)`` (the Dice overlap: extra words and missed words both cost).
``correct`` only when ``S == K``. An empty selection scores 0; a phrase that is not in the
paragraph is listed in ``details["not_found"]`` and selects nothing.
``details["spans"]`` says, per key quote, whether any of its words was selected;
``details["span_words"]`` how many of its words were selected and how many it has, and
``details["selection"]`` the selected words as runs of neighbouring words (for feedback).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ...text.case import QuoteNotFound, UnknownSentence
from ..errors import Issue
from ..i18n import message
from ..markup import parse_inline
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import Target, register


def paragraph_words(document, paragraph: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word of the paragraph, offsets into the text text."""
    p = document.paragraph(paragraph)
    return [(p.start + m.start(), p.start + m.end(), m.group())
            for m in re.finditer(r"\S+", p.text)]


def _touching(words, start: int, end: int) -> set[int]:
    return {i for i, (s, e, _) in enumerate(words) if s < end and start < e}


def key_words(question: ClickPhrase, document) -> list[set[int]]:
    words = paragraph_words(document, question.paragraph)
    spans = [document.find(q, paragraph=question.paragraph) for q in question.answer]
    return [_touching(words, span.start, span.end) for span in spans]


def selected_words(question: ClickPhrase, document, answer) -> tuple[set[int], list]:
    words = paragraph_words(document, question.paragraph)
    p = document.paragraph(question.paragraph)
    chosen: set[int] = set()
    not_found = []
    for item in answer:
        if isinstance(item, str):
            at = p.text.find(item) if item.strip() else -1
            if at < 0:
                not_found.append(item)
                continue
            chosen |= _touching(words, p.start + at, p.start + at + len(item))
        elif (isinstance(item, (tuple, list)) and len(item) == 2
              and all(isinstance(x, int) for x in item) and item[0] < item[1]):
            chosen |= _touching(words, item[0], item[1])
        else:
            not_found.append(item)
    return chosen, not_found


def selection_runs(words, chosen: set[int]) -> list[str]:
    """The chosen words as runs of neighbours: ``["found no evidence", "UN"]``."""
    runs: list[list[str]] = []
    for i in sorted(chosen):
        if runs and i - 1 in chosen:
            runs[-1].append(words[i][2])
        else:
            runs.append([words[i][2]])
    return [" ".join(run) for run in runs]


def selection_line(runs: list[str], count: int) -> str:
    """ "3 words selected: “found no evidence”." (the student's selection, never the key)."""
    text = " … ".join(f"“{run}”" for run in runs)
    return (message("selected_one", words=text) if count == 1
            else message("selected_count", count=count, words=text))


def score_click_phrase(question: ClickPhrase, answer, document=None) -> Score:
    from ...text.case import load_text
    from ..material import text_of

    document = text_of(question, document or load_text())
    if answer is None or isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        return invalid(f"expected a list of phrases or (start, end) offsets, got {answer!r}")
    chosen, not_found = selected_words(question, document, list(answer))
    spans = key_words(question, document)
    key = set().union(*spans)
    overlap = len(chosen & key)
    fraction = 2 * overlap / (len(chosen) + len(key)) if chosen else 0.0
    details = {"selected": sorted(chosen), "key": sorted(key), "not_found": not_found,
               "spans": {quote: bool(words & chosen) for quote, words in
                         zip(question.answer, spans)},
               "span_words": {quote: (len(words & chosen), len(words)) for quote, words in
                              zip(question.answer, spans)},
               "selection": selection_runs(paragraph_words(document, question.paragraph),
                                           chosen)}
    if not chosen:
        details["invalid"] = "no words selected"
    return Score(fraction, chosen == key, details)


@register("click_phrase")
class ClickPhrase(QuestionBase):
    type: Literal["click_phrase"]
    paragraph: int = Field(ge=1)
    answer: list[str] = Field(min_length=1)
    feedback: dict[str, str] = Field(default_factory=dict)

    def checks(self, document) -> list[Issue]:
        from ..material import material_of, text_of

        if material_of(self) == "excerpt":
            return [Issue(("material",), "click the phrase points into a text by paragraph: "
                          "use the case or the practice text", "excerpt", "case or practice")]
        document = text_of(self, document)
        try:
            document.paragraph(self.paragraph)
        except UnknownSentence as exc:
            return [Issue(("paragraph",), str(exc), self.paragraph,
                          f"1–{len(document.paragraphs)}")]
        issues = []
        for i, quote in enumerate(self.answer):
            try:
                document.find(quote, paragraph=self.paragraph)
            except QuoteNotFound as exc:
                issues.append(Issue(("answer", i), f"not in paragraph {self.paragraph}: {exc}",
                                    quote, f"an exact quote from ¶{self.paragraph}"))
        for quote in self.feedback:
            if quote not in self.answer:
                issues.append(Issue(("feedback", quote), "feedback for a quote that is not in "
                                    "the key", quote, "one of the 'answer' quotes"))
        return issues

    def score(self, answer) -> Score:
        return score_click_phrase(self, answer)

    def text_body(self, key: bool) -> list[str]:
        from ...text.case import load_text
        from ..material import text_of

        text = text_of(self, load_text())
        lines = [f"> ¶{self.paragraph} {text.paragraph(self.paragraph).text}", "",
                 message("text_underline")]
        if key:
            lines += ["", f"**{message('text_key')}**"]
            for quote in self.answer:
                note = f" — {self.feedback[quote]}" if quote in self.feedback else ""
                lines.append(f"- “{quote}”{note}")
        return lines

    def client_data(self, document) -> dict:
        from ..material import text_of

        document = text_of(self, document)
        words = paragraph_words(document, self.paragraph)
        spans = key_words(self, document)
        return {"paragraph": self.paragraph,
                "words": [w for _, _, w in words],
                "spans": [{"quote": q, "words": sorted(s),
                           "feedback": parse_inline(self.feedback.get(q, ""))}
                          for q, s in zip(self.answer, spans)]}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 90  # where the type comes in tables and reports
    label = "click the phrase"
    answer_hint = 'a list of the exact phrases, e.g. ["<words>", ...]'
    moodle = Target("multichoice", "Multiple choice, multiple answers", "substitute",
                    "no word-selection type: the paragraph is shown and cut into passages at "
                    "the key's edges and at clause punctuation; the learner ticks passages (the "
                    "key quotes are among them), scored per passage (+1/k per key passage, −1/w "
                    "per other) instead of by word overlap, so a partly right answer scores "
                    "differently (worked example in the report and docs/exports.md)")
    canvas = Target("multiple_answers_question", "Multiple Answers", "substitute",
                    "no word-selection type: the paragraph is shown and cut into passages at "
                    "the key's edges and at clause punctuation; the learner ticks passages (the "
                    "key quotes are among them), scored per passage with Canvas's penalty rule, "
                    "so a partly right answer scores differently (worked example in the report "
                    "and docs/exports.md)")

    def controls(self):
        import ipywidgets as w

        from ...text.case import load_text
        from ..material import text_of
        from ..widgets import Controls

        words = paragraph_words(text_of(self, load_text()), self.paragraph)
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

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        d = score.details
        if "span_words" not in d:
            return []
        parts = [(selection_line(d["selection"], len(d["selected"])), "")]
        for quote, (hit, size) in d["span_words"].items():
            if hit == size:  # the author's feedback on a phrase only once it is found whole
                parts.append((message("found_span", quote=quote), self.feedback.get(quote, "")))
            else:
                parts.append((message("found_part" if hit else "missed_span", quote=quote,
                                      hit=hit, size=size), ""))
        return parts

    def explain(self, answer, result: Score) -> list[str]:
        from ...grading.explain import mark, with_feedback

        lines = []
        for quote, (hit, size) in result.details.get("span_words", {}).items():
            if hit == size:
                lines.append(with_feedback(f"✓ {message('graded_span_found', quote=quote)}",
                                           self.feedback.get(quote, "")))
            elif hit:
                lines.append(f"◐ {message('graded_span_part', quote=quote, hit=hit, size=size)}")
            else:
                lines.append(f"{mark(False)} {message('graded_span_missed', quote=quote)}")
        return lines

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {"paragraph": spec.get("paragraph")}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import type_name

        if not isinstance(value, (list, tuple)):
            return None, [f"the answer must be {cls.answer_hint}, not {type_name(value)}"]
        return list(value), []

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from ...handouts.worksheets import ruled_lines

        return ('<p class="label">Your answer: copy the exact words of '
                f'¶{fmt.get("paragraph", "")}.</p>' + ruled_lines(4))

    def export_question_html(self, document, fmt: str) -> str:
        from ...export import render
        from ..material import text_of

        return (render.text_paragraph_html(self.paragraph, text_of(self, document))
                + render.para(self.prompt, document)
                + f"<p><em>Tick every passage of ¶{self.paragraph} that holds the words asked "
                  "for, and no other.</em></p>")

    def platform_example(self, document):
        from ...export.platform_scores import click_phrase_example

        return click_phrase_example(self, document)

    @classmethod
    def feedback_texts(cls, data: dict) -> list[tuple[str, str, str]]:
        return [(f"phrase {k!r}", f"¶{data['paragraph']}", v)
                for k, v in (data.get("feedback") or {}).items()]

    @classmethod
    def unfed_parts(cls, data: dict) -> list[str]:
        return [f"phrase {a!r}" for a in data["answer"] if a not in (data.get("feedback") or {})]

    def moodle_element(self, el, document) -> None:
        from ...export import content, render
        from ...export import moodle_xml as mx
        from ..material import text_of

        document = text_of(self, document)  # the case's text or the practice text
        parts = content.passages(self, document)
        mx.choices(el, [(fraction, render.html(p.text),
                         render.html(p.feedback, document) if p.feedback else "")
                        for fraction, p in zip(mx.click_phrase_grades(parts), parts)],
                   single=False)

    def qti_item(self, item, document) -> None:
        from ...export import content, render
        from ..material import text_of

        document = text_of(self, document)  # the case's text or the practice text
        item.choices([(render.html(p.text), p.key,
                       render.html(p.feedback, document) if p.feedback else "")
                      for p in content.passages(self, document)], multiple=True)
