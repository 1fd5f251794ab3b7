"""Label each sentence: give every listed text sentence one label from a fixed list.

Answer: a dict sentence id -> label (``{"5.1": "define problem", "5.2": "diagnose cause"}``).
Scoring (partial credit): ``fraction = right labels / number of sentences``. A label is right
when it is the key's label or one of the sentence's alternatives in ``accept`` (for sentences
that honestly do two jobs). A sentence left out, or given a label that is not in ``labels`` (an out-of-range label), earns nothing for that
sentence; keys that are not sentences of the question are ignored and listed in
``details["unknown"]``. ``correct`` only when every sentence has its key label.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...text.case import UnknownSentence
from ..errors import Issue
from ..i18n import message
from ..markup import parse_inline
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import Target, duplicates, register


def score_label_sentences(question: LabelSentences, answer) -> Score:
    if not isinstance(answer, dict):
        return invalid(f"expected a dict sentence id -> label, got {answer!r}")
    per_sentence = {}
    for sid in question.sentences:
        given = answer.get(sid)
        if given is None:
            per_sentence[sid] = "missing"
        elif given not in question.labels:
            per_sentence[sid] = "unknown label"
        else:
            accepted = {question.answer[sid], *question.accept.get(sid, ())}
            per_sentence[sid] = "right" if given in accepted else "wrong"
    right = sum(1 for v in per_sentence.values() if v == "right")
    fraction = right / len(question.sentences)
    unknown = sorted(str(k) for k in answer if k not in question.sentences)
    return Score(fraction, right == len(question.sentences),
                 {"sentences": per_sentence, "unknown": unknown})


@register("label_sentences")
class LabelSentences(QuestionBase):
    type: Literal["label_sentences"]
    labels: list[str] = Field(min_length=2, max_length=8)
    sentences: list[str] = Field(min_length=1, max_length=12)
    answer: dict[str, str]
    accept: dict[str, list[str]] = Field(default_factory=dict)  # extra labels accepted as right
    feedback: dict[str, str] = Field(default_factory=dict)

    def checks(self, document) -> list[Issue]:
        from ..material import material_of, text_of

        issues = []
        if material_of(self) == "excerpt":
            issues.append(Issue(("material",), "sentence labelling points into a text by "
                                "sentence id: use the case or the practice text", "excerpt",
                                "case or practice"))
            return issues
        document = text_of(self, document)
        for dup in duplicates(self.labels):
            issues.append(Issue(("labels",), "a label is listed twice", dup))
        for i, sid in enumerate(self.sentences):
            try:
                document.sentence(sid)
            except UnknownSentence as exc:
                issues.append(Issue(("sentences", i), str(exc), sid, "a text sentence id"))
        for sid in self.sentences:
            if sid not in self.answer:
                issues.append(Issue(("answer",), "a sentence has no label in the key", sid,
                                    "a label for every sentence"))
        for sid, label in self.answer.items():
            if sid not in self.sentences:
                issues.append(Issue(("answer", sid), "the key labels a sentence the question "
                                    "does not list", sid, f"one of {self.sentences}"))
            elif label not in self.labels:
                issues.append(Issue(("answer", sid), "the key uses a label that is not in "
                                    "'labels'", label, f"one of {self.labels}"))
        for sid, labels in self.accept.items():
            if sid not in self.sentences:
                issues.append(Issue(("accept", sid), "alternatives for a sentence the question "
                                    "does not list", sid, f"one of {self.sentences}"))
            for label in labels:
                if label not in self.labels:
                    issues.append(Issue(("accept", sid), "an accepted label that is not in "
                                        "'labels'", label, f"one of {self.labels}"))
        for sid in self.feedback:
            if sid not in self.sentences:
                issues.append(Issue(("feedback", sid), "feedback for a sentence the question "
                                    "does not list", sid, f"one of {self.sentences}"))
        return issues

    def score(self, answer) -> Score:
        return score_label_sentences(self, answer)

    def text_body(self, key: bool) -> list[str]:
        from ...text.case import load_text
        from ..material import text_of

        document = text_of(self, load_text())
        lines = [f"{message('text_labels')} " + " · ".join(self.labels), ""]
        for sid in self.sentences:
            also = " or ".join(self.accept.get(sid, ()))
            label = (f" **→ {self.answer[sid]}**" + (f" (also accepted: {also})" if also else "")
                     if key else " → ____________")
            lines.append(f"- ¶{sid} “{document.sentence(sid).text}”{label}")
            if key and sid in self.feedback:
                lines.append(f"  - {self.feedback[sid]}")
        return lines

    def client_data(self, document) -> dict:
        from ..material import text_of

        document = text_of(self, document)
        return {"labels": list(self.labels),
                "sentences": [{"id": sid, "text": document.sentence(sid).text}
                              for sid in self.sentences],
                "answer": dict(self.answer),
                "accept": {sid: list(labels) for sid, labels in self.accept.items()},
                "feedback": {sid: parse_inline(text) for sid, text in self.feedback.items()}}

    # -- the faces (medialit.quiz.types.base.FACES) ------------------------------------------
    position = 80  # where the type comes in tables and reports
    label = "label each sentence"
    answer_hint = 'a dict {sentence id: label}, e.g. {"1.1": "<label>", ...}'
    moodle = Target("matching", "Matching", "lossy",
                    "each sentence (text included) is matched to a label; labels also accepted "
                    "('accept') are not, and per-sentence feedback is listed in the general "
                    "feedback")
    canvas = Target("matching_question", "Matching", "lossy",
                    "each sentence (text included) is matched to a label; labels also accepted "
                    "('accept') are not; a sentence's feedback shows only when it is labelled "
                    "wrong")

    def controls(self):
        from html import escape

        import ipywidgets as w

        from ...text.case import load_text
        from ..material import text_of
        from ..widgets import Controls, clear_all, dropdowns, keyed

        document = text_of(self, load_text())
        rows = [(f"<em>¶{sid} “{escape(document.sentence(sid).text)}”</em>", sid)
                for sid in self.sentences]
        items, drops = dropdowns(rows, self.labels)
        return Controls(w.VBox(items), keyed(rows, drops), clear_all(drops))

    def feedback_parts(self, answer, score: Score) -> list[tuple[str, str]]:
        names = {"right": "sentence_result_right", "wrong": "sentence_result_wrong"}
        return [(message(names.get(v, "sentence_result_missing"), id=sid),
                 self.feedback.get(sid, "") if v == "right" else "")
                for sid, v in score.details["sentences"].items()]

    def explain(self, answer, result: Score) -> list[str]:
        from ...grading.explain import with_feedback

        lines = []
        for sid, state in result.details["sentences"].items():
            given, key = answer.get(sid), self.answer[sid]
            also = self.accept.get(sid, [])
            if state == "right":
                line = f"✓ {message('graded_sentence_right', id=sid, given=given)}"
            else:
                shown = f"“{given}”" if given is not None else message("graded_no_label")
                line = "✗ " + (message("graded_sentence_wrong_also", id=sid, given=shown,
                                       expected=key, also=", ".join(also)) if also else
                               message("graded_sentence_wrong", id=sid, given=shown, expected=key))
            lines.append(with_feedback(line, self.feedback.get(sid, "")))
        return lines

    @classmethod
    def public_format(cls, spec: dict) -> dict:
        return {"labels": list(spec["labels"]), "sentences": list(spec["sentences"])}

    @classmethod
    def normalise(cls, fmt: dict, value) -> tuple[object, list[str]]:
        from ...grading.answer_format import match_choice, normalise_sentence_id, type_name

        if not isinstance(value, dict):
            return None, [f"the answer must be {cls.answer_hint}, not {type_name(value)}"]
        problems: list[str] = []
        out: dict = {}
        for raw_id, raw_label in value.items():
            sid = normalise_sentence_id(raw_id)
            if sid is None:
                problems.append(f"{raw_id!r} is not a sentence id (write ids as \"8.4\" or "
                                "\"¶8 s4\")")
                out[raw_id] = raw_label
                continue
            if sid not in fmt["sentences"]:
                problems.append(f"sentence {sid} is not one of the sentences to label "
                                f"({', '.join(fmt['sentences'])})")
                out[sid] = raw_label
                continue
            label = match_choice(raw_label, fmt["labels"])
            if label is None:
                problems.append(f"{raw_label!r} (for {sid}) is not a label; the labels are "
                                f"{', '.join(repr(x) for x in fmt['labels'])}")
                label = raw_label  # the quiz engine scores an out-of-range label as no credit
            out[sid] = label
        missing = [s for s in fmt["sentences"] if s not in out and s not in
                   {normalise_sentence_id(k) for k in value}]
        if missing:
            problems.append(f"no label yet for {', '.join(missing)}")
        return out, problems

    @classmethod
    def worksheet_space(cls, fmt: dict) -> str:
        from html import escape

        from ...handouts.worksheets import fill_table

        return (f'<p class="label">Your answer: a label for each sentence. Labels: '
                f'{escape(", ".join(fmt["labels"]))}.</p>'
                + fill_table(fmt["sentences"], "Sentence", "Label"))

    def export_rows(self, document, fmt: str) -> list:
        from html import escape

        from ...export import render
        from ...export.content import Row
        from ..material import text_of

        text = text_of(self, document)
        return [Row(escape(render.sentence_text(sid, text)), render.sentence_text(sid, text),
                    self.answer[sid],
                    render.html(self.feedback[sid], document) if sid in self.feedback else "")
                for sid in self.sentences]

    def export_choices(self, document) -> list[str]:
        return list(self.labels)

    def export_distractors(self, document) -> list[str]:
        used = set(self.answer.values())
        return [label for label in self.labels if label not in used]

    def export_feedback_html(self, document, fmt: str) -> str:
        from ...export.content import rows_feedback_html

        # Moodle's matching keeps no feedback per pair: the general feedback lists it
        return rows_feedback_html(self.export_rows(document, fmt)) if fmt == "moodle-xml" else ""

    @classmethod
    def feedback_texts(cls, data: dict) -> list[tuple[str, str, str]]:
        case = data.get("material", "case") == "case"
        return [(f"sentence {k}", f"¶{k}" if case else "", v)
                for k, v in (data.get("feedback") or {}).items()]

    @classmethod
    def unfed_parts(cls, data: dict) -> list[str]:
        return [f"sentence {s}" for s in data["sentences"] if s not in (data.get("feedback") or {})]

    def moodle_element(self, el, document) -> None:
        from ...export import moodle_xml as mx
        from ..material import text_of

        document = text_of(self, document)  # the case's text or the practice text
        mx.match(el, self, document)

    def qti_item(self, item, document) -> None:
        from ...export import content
        from ..material import text_of

        document = text_of(self, document)  # the case's text or the practice text
        item.matching(content.rows_for(self, document, "qti"), content.choices_for(self, document))
