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
from .base import Option, duplicates, letters, option_issues, options_data, register


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
    details = {"hits": sorted(hits), "false_picks": sorted(false_picks),
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
