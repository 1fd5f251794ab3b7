"""Click the phrase: select the words of one op-ed paragraph that answer the prompt.

The paragraph is cut into words (runs of non-space characters). A word belongs to the key when
it overlaps one of the key quotes (exact quotes inside the paragraph).

Answer: a list of phrases or single words from the paragraph (``["found", "no evidence"]``;
each is looked up in the paragraph, first occurrence), or a list of ``(start, end)`` character
offsets into the op-ed text (end exclusive). Overlapping or repeated selections count once:
the answer is the *set* of words they touch.
Scoring (partial credit, word overlap): with ``S`` the selected words and ``K`` the key words,
``fraction = 2|S∩K| / (|S| + |K|)`` (the Dice overlap: extra words and missed words both cost).
``correct`` only when ``S == K``. An empty selection scores 0; a phrase that is not in the
paragraph is listed in ``details["not_found"]`` and selects nothing.
``details["spans"]`` says, per key quote, whether any of its words was selected.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ...case import QuoteNotFound, UnknownSentence
from ..errors import Issue
from ..i18n import message
from ..markup import parse_inline
from ..schema import QuestionBase
from ..scoring import Score, invalid
from .base import register


def paragraph_words(oped, paragraph: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word of the paragraph, offsets into the op-ed text."""
    p = oped.paragraph(paragraph)
    return [(p.start + m.start(), p.start + m.end(), m.group())
            for m in re.finditer(r"\S+", p.text)]


def _touching(words, start: int, end: int) -> set[int]:
    return {i for i, (s, e, _) in enumerate(words) if s < end and start < e}


def key_words(question: ClickPhrase, oped) -> list[set[int]]:
    words = paragraph_words(oped, question.paragraph)
    spans = [oped.find(q, paragraph=question.paragraph) for q in question.answer]
    return [_touching(words, span.start, span.end) for span in spans]


def selected_words(question: ClickPhrase, oped, answer) -> tuple[set[int], list]:
    words = paragraph_words(oped, question.paragraph)
    p = oped.paragraph(question.paragraph)
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


def score_click_phrase(question: ClickPhrase, answer, oped=None) -> Score:
    from ...case import load_oped
    from ..material import text_of

    oped = text_of(question, oped or load_oped())
    if answer is None or isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        return invalid(f"expected a list of phrases or (start, end) offsets, got {answer!r}")
    chosen, not_found = selected_words(question, oped, list(answer))
    spans = key_words(question, oped)
    key = set().union(*spans)
    overlap = len(chosen & key)
    fraction = 2 * overlap / (len(chosen) + len(key)) if chosen else 0.0
    details = {"selected": sorted(chosen), "key": sorted(key), "not_found": not_found,
               "spans": {quote: bool(words & chosen) for quote, words in
                         zip(question.answer, spans)}}
    if not chosen:
        details["invalid"] = "no words selected"
    return Score(fraction, chosen == key, details)


@register("click_phrase")
class ClickPhrase(QuestionBase):
    type: Literal["click_phrase"]
    paragraph: int = Field(ge=1)
    answer: list[str] = Field(min_length=1)
    feedback: dict[str, str] = Field(default_factory=dict)

    def checks(self, oped) -> list[Issue]:
        from ..material import material_of, text_of

        if material_of(self) == "excerpt":
            return [Issue(("material",), "click the phrase points into a text by paragraph: "
                          "use the case or the practice text", "excerpt", "case or practice")]
        oped = text_of(self, oped)
        try:
            oped.paragraph(self.paragraph)
        except UnknownSentence as exc:
            return [Issue(("paragraph",), str(exc), self.paragraph,
                          f"1–{len(oped.paragraphs)}")]
        issues = []
        for i, quote in enumerate(self.answer):
            try:
                oped.find(quote, paragraph=self.paragraph)
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
        from ...case import load_oped
        from ..material import text_of

        text = text_of(self, load_oped())
        lines = [f"> ¶{self.paragraph} {text.paragraph(self.paragraph).text}", "",
                 message("text_underline")]
        if key:
            lines += ["", f"**{message('text_key')}**"]
            for quote in self.answer:
                note = f" — {self.feedback[quote]}" if quote in self.feedback else ""
                lines.append(f"- “{quote}”{note}")
        return lines

    def client_data(self, oped) -> dict:
        from ..material import text_of

        oped = text_of(self, oped)
        words = paragraph_words(oped, self.paragraph)
        spans = key_words(self, oped)
        return {"paragraph": self.paragraph,
                "words": [w for _, _, w in words],
                "spans": [{"quote": q, "words": sorted(s),
                           "feedback": parse_inline(self.feedback.get(q, ""))}
                          for q, s in zip(self.answer, spans)]}
