"""What a score means, line by line, in the question's own words: one list, many faces.

``feedback_parts`` returns ``(message, feedback)`` pairs: ``message`` is plain text from the UI
catalogue ("¶5.2: right."), ``feedback`` the author's Markdown for that part ("" if none). The
widget face renders them as HTML; the grader writes them into each student's feedback file.

A part's feedback is shown only when that part is right, so a retry is still worth something.
(The grader's report, which may show the key, is written by ``medialit.grading.explain``.)
"""

from __future__ import annotations

from .i18n import message
from .schema import QuestionBase
from .scoring import Score


def feedback_parts(q: QuestionBase, answer, score: Score) -> list[tuple[str, str]]:
    kind, d = q.type_name, score.details
    if "invalid" in d and kind == "numeric":
        return [(message("not_a_number"), "")]
    if kind in ("single_choice", "multiple_choice"):
        return [("", o.feedback) for o in q.options if o.id in d.get("feedback", [])]
    if kind == "true_false":
        return [("", q.feedback[answer])] if isinstance(answer, bool) else []
    if kind == "label_sentences":
        names = {"right": "sentence_result_right", "wrong": "sentence_result_wrong"}
        return [(message(names.get(v, "sentence_result_missing"), id=sid),
                 q.feedback.get(sid, "") if v == "right" else "")
                for sid, v in d["sentences"].items()]
    if kind == "click_phrase":
        return [(message("found_span" if hit else "missed_span", quote=quote),
                 q.feedback.get(quote, "") if hit else "")
                for quote, hit in d.get("spans", {}).items()]
    if kind == "matching":
        return [(message("pair_right" if v == "right" else "pair_wrong", left=left),
                 q.feedback.get(left, "") if v == "right" else "")
                for left, v in d["pairs"].items()]
    if kind == "ordering" and "pairs" in d:
        return [(message("order_pairs", agree=d["pairs_in_order"], pairs=d["pairs"]), "")]
    return []
