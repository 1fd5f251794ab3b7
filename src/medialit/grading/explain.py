"""The graded report's lines for one declarative answer: what was given, the key, and why.

Practice quizzes hide the key so a retry is worth something; a graded report shows it. Each
line starts with ✓ (right), ✗ (wrong or missing) or ◐ (partly right) and ends with the
author's feedback for that part, which cites paragraph numbers.
"""

from __future__ import annotations

from functools import lru_cache

from ..quiz.markup import plain as _plain
from ..quiz.schema import QuestionBase
from ..quiz.scoring import Score

# Option texts repeat for every student of a batch: parse each one's markup once.
plain = lru_cache(maxsize=4096)(_plain)


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _with(line: str, feedback: str) -> str:
    return f"{line} {feedback}".rstrip() if feedback else line


def explain(q: QuestionBase, answer, result: Score) -> list[str]:
    d = result.details
    if "invalid" in d:
        return [f"✗ {d['invalid']}"]
    kind = q.type_name
    if kind == "single_choice":
        chosen = next((o for o in q.options if o.id == answer), None)
        line = f"{_mark(result.correct)} you chose {answer}"
        if chosen:
            line += f" ({plain(chosen.text)})"
        if not result.correct:
            line += f"; the key is {q.answer}"
        return [_with(line + ".", chosen.feedback if chosen else "")]
    if kind == "multiple_choice":
        lines, key = [], set(q.answer)
        picked = {a for a in answer if isinstance(a, str)}
        for o in q.options:
            if o.id not in key and o.id not in picked:
                continue
            ok = (o.id in key) == (o.id in picked)
            state = "chosen" if o.id in picked else "not chosen"
            why = "" if ok else (" (not in the key)" if o.id in picked else " (in the key)")
            lines.append(_with(f"{_mark(ok)} {o.id} ({plain(o.text)}) {state}{why}.", o.feedback))
        lines += [f"✗ {u!r} chosen: not an option, so it counts as a wrong pick."
                  for u in d.get("unknown", [])]
        return lines
    if kind == "true_false":
        line = f"{_mark(result.correct)} you answered {answer}"
        line += "." if result.correct else f"; the key is {q.answer}."
        return [_with(line, q.feedback[answer])]
    if kind == "label_sentences":
        lines = []
        for sid, state in d["sentences"].items():
            given, key = answer.get(sid), q.answer[sid]
            also = q.accept.get(sid, [])
            if state == "right":
                line = f"✓ ¶{sid}: “{given}”."
            else:
                shown = f"“{given}”" if given is not None else "no label"
                line = f"✗ ¶{sid}: {shown}; the key is “{key}”"
                line += f" (also accepted: {', '.join(also)})." if also else "."
            lines.append(_with(line, q.feedback.get(sid, "")))
        return lines
    if kind == "matching":
        key = {p.left: p.right for p in q.pairs}
        lines = []
        for left, state in d["pairs"].items():
            if state == "right":
                line = f"✓ {left} → {key[left]}."
            else:
                given = answer.get(left)
                shown = f"“{given}”" if given is not None else "nothing"
                line = f"✗ {left} → {shown}; the key is “{key[left]}”."
            lines.append(_with(line, q.feedback.get(left, "")))
        return lines
    if kind == "click_phrase":
        return [_with(f"{_mark(hit)} “{quote}” {'found' if hit else 'missed'}.",
                      q.feedback.get(quote, "")) for quote, hit in d.get("spans", {}).items()]
    if kind == "ordering":
        line = (f"{'✓' if result.correct else '◐'} {d['pairs_in_order']} of {d['pairs']} pairs "
                "in the right order")
        return [line + ("." if result.correct else "; the order is: " + " → ".join(q.items) + ".")]
    if kind == "numeric":
        tol = f" (± {q.tolerance:g})" if q.tolerance else ""
        line = f"{_mark(result.correct)} you answered {answer}"
        return [line + ("." if result.correct else f"; the key is {q.answer:g}{tol}.")]
    return []
