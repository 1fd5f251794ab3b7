"""Label each sentence: give every listed op-ed sentence one label from a fixed list.

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

from ...case import UnknownSentence
from ..errors import Issue
from ..i18n import message
from ..markup import parse_inline
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import duplicates, register


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

    def checks(self, oped) -> list[Issue]:
        from ..material import material_of, text_of

        issues = []
        if material_of(self) == "excerpt":
            issues.append(Issue(("material",), "sentence labelling points into a text by "
                                "sentence id: use the case or the practice text", "excerpt",
                                "case or practice"))
            return issues
        oped = text_of(self, oped)
        for dup in duplicates(self.labels):
            issues.append(Issue(("labels",), "a label is listed twice", dup))
        for i, sid in enumerate(self.sentences):
            try:
                oped.sentence(sid)
            except UnknownSentence as exc:
                issues.append(Issue(("sentences", i), str(exc), sid, "an op-ed sentence id"))
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
        from ...case import load_oped
        from ..material import text_of

        oped = text_of(self, load_oped())
        lines = [f"{message('text_labels')} " + " · ".join(self.labels), ""]
        for sid in self.sentences:
            also = " or ".join(self.accept.get(sid, ()))
            label = (f" **→ {self.answer[sid]}**" + (f" (also accepted: {also})" if also else "")
                     if key else " → ____________")
            lines.append(f"- ¶{sid} “{oped.sentence(sid).text}”{label}")
            if key and sid in self.feedback:
                lines.append(f"  - {self.feedback[sid]}")
        return lines

    def client_data(self, oped) -> dict:
        from ..material import text_of

        oped = text_of(self, oped)
        return {"labels": list(self.labels),
                "sentences": [{"id": sid, "text": oped.sentence(sid).text}
                              for sid in self.sentences],
                "answer": dict(self.answer),
                "accept": {sid: list(labels) for sid, labels in self.accept.items()},
                "feedback": {sid: parse_inline(text) for sid, text in self.feedback.items()}}
