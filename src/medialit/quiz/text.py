"""The text face: questions as Markdown, for print and, with ``key=True``, the instructor's key."""

from __future__ import annotations

from collections.abc import Sequence

from .i18n import message
from .schema import QuestionBase


def question_markdown(question: QuestionBase, number: int | None = None, *,
                      key: bool = False, language: str = "en") -> str:
    """One question: prompt, its body (options, sentences, ...), and with ``key`` the answer,
    the explanation and citation keys."""
    head = f"**{number}.** " if number is not None else ""
    lines = [f"{head}{question.prompt}", ""]
    lines += question.text_body(key)
    if question.hints and not key:
        lines += [""] + [f"*{message('hint', language)}:* {h}" for h in question.hints]
    if key:
        lines += ["", f"*{message('explanation', language)}* {question.explanation}"]
        if question.cite:
            lines.append(f"{message('text_sources', language)} "
                         + ", ".join(f"[{c}]" for c in question.cite))
        lines.append(f"({question.id}; about: {', '.join(question.about)})")
    return "\n".join(lines).rstrip() + "\n"


def quiz_markdown(questions: Sequence[QuestionBase], *, title: str | None = None,
                  key: bool = False, language: str = "en") -> str:
    """All questions of a quiz, numbered; ``key=True`` gives the answer key."""
    parts = []
    if title:
        suffix = f" — {message('answer_key', language)}" if key else ""
        parts.append(f"## {title}{suffix}\n")
    parts += [question_markdown(q, i, key=key, language=language)
              for i, q in enumerate(questions, 1)]
    return "\n".join(parts)
