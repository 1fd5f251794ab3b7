"""Answer keys for instructors, as Markdown: every practice bank and every graded set.

One source: the quiz engine's text face (:func:`medialit.quiz.text.question_markdown` with
``key=True``). A graded set adds what only grading knows: points, accepted alternatives, the
rubric levels of open questions, the master's worked answer and, for code questions, the
hidden tests. The instructor edition renders these with the ``{answer-key}`` directive and
``medialit handouts --instructor`` prints them; the student edition never calls this module.

The Markdown has no headings, so a page or a print template can place it under its own.
"""

from __future__ import annotations

from pathlib import Path

from ..quiz.loader import load_bank
from ..quiz.text import question_markdown
from .master import Master, Question, load_master
from .spec import question_model


def _fence(code: str, language: str = "python") -> str:
    ticks = "```"
    while ticks in code:
        ticks += "`"
    return f"{ticks}{language}\n{code.rstrip()}\n{ticks}\n"


def _points(value: float) -> str:
    number = f"{value:g}"
    return f"{number} point" if number == "1" else f"{number} points"


def bank_key_markdown(path: Path) -> str:
    """The answer key of one practice bank: every question with its key and explanation."""
    bank = load_bank(Path(path))
    return "\n".join(question_markdown(q, i, key=True)
                     for i, q in enumerate(bank.questions, 1))


def _worked_answer(master: Master, question: Question) -> str:
    return "".join(master.notebook.cells[question.cell].source).strip()


def _graded_question_markdown(master: Master, number: int, question: Question) -> str:
    spec = question.spec
    head = f"**{question.id}** · {_points(question.points)} · {spec['type'].replace('_', ' ')}"
    lines = [head, ""]
    if question.type == "code":
        lines += [spec["prompt"], "", f"*Why:* {spec['explanation']}", "",
                  f"Worked solution (`{spec['function']}`):", "",
                  _fence(_worked_answer(master, question)),
                  "Hidden tests (run by `medialit grade` in the sandbox):", "",
                  _fence(question.hidden_tests or "")]
        return "\n".join(lines)
    body = question_markdown(question_model(spec), key=True)
    # the quiz engine names a graded question "graded-qNN"; the set's own id is in the head
    body = "\n".join(line for line in body.splitlines()
                     if not line.startswith("(graded-q")).rstrip() + "\n"
    lines.append(body)
    if question.manual and spec.get("criteria"):
        lines += _analytic_rubric(spec)
    elif question.manual:
        lines += ["Rubric levels (scored by a person in `manual.csv`):", ""]
        levels = sorted(spec["levels"].items(), key=lambda kv: -float(kv[0]))
        lines += [f"- **{float(points):g}** — {text}" for points, text in levels]
    if question.manual:
        words = spec.get("words")
        if words:
            span = "–".join(map(str, words)) if isinstance(words, list) else words
            lines += ["", f"Expected length: {span} words."]
        lines.append("")
    lines += ["Worked answer (the master's answer cell):", "",
              _fence(_worked_answer(master, question))]
    return "\n".join(lines)


def _analytic_rubric(spec: dict) -> list[str]:
    """Each criterion with its levels and the anchor answer of every level (instructor only)."""
    from .rubric import rubric_lines

    lines = [("Analytic rubric (scored by a person in `manual.csv`, each criterion on its own; "
              f"{rubric_lines(spec)[-1]}):"), ""]
    levels = sorted(spec["levels"].items(), key=lambda kv: float(kv[0]))
    lines += ["Every sum of criterion levels is a valid score in `manual.csv`: "
              + "; ".join(f"**{float(k):g}** ({v})" for k, v in levels) + ".", ""]
    for c in spec["criteria"]:
        lines += [f"**{c['name']}**", ""]
        for level in sorted(c["levels"], key=int, reverse=True):
            lines.append(f"- **{level}** — {c['levels'][level]}")
            anchor = c.get("anchors", {}).get(level)
            if anchor:
                lines.append(f"  - *Anchor:* {anchor}")
        lines.append("")
    return lines


def set_key_markdown(master: Master | Path) -> str:
    """The answer key of one graded set: every question with points, key and grading notes."""
    if not isinstance(master, Master):
        master = load_master(Path(master))
    intro = (f"{master.title}: {len(master.questions)} questions, "
             f"{_points(master.total_points)}. Master: `{master.path.name}`.\n")
    parts = [intro] + [_graded_question_markdown(master, i, q)
                       for i, q in enumerate(master.questions, 1)]
    return "\n".join(parts)
