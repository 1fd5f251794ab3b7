"""The text face: questions as Markdown, for print and, with ``key=True``, the instructor's key."""

from __future__ import annotations

from collections.abc import Sequence

from .i18n import current_folders, message, use_language
from .schema import QuestionBase


def question_markdown(question: QuestionBase, number: int | None = None, *,
                      key: bool = False, language: str | None = None) -> str:
    """One question: prompt, its body (options, sentences, ...), and with ``key`` the answer,
    the explanation and citation keys. ``language``: of the interface words (default: the
    current language, :func:`~medialit.quiz.i18n.use_language`)."""
    if language is not None:
        with use_language(language, current_folders()):
            return question_markdown(question, number, key=key)
    head = f"**{number}.** " if number is not None else ""
    lines = [f"{head}{question.prompt}", ""]
    lines += question.text_body(key)
    if question.hints and not key:
        lines += [""] + [f"*{message('hint')}:* {h}" for h in question.hints]
    if key:
        lines += ["", f"*{message('explanation')}* {question.explanation}"]
        if question.cite:
            lines.append(f"{message('text_sources')} "
                         + ", ".join(f"[{c}]" for c in question.cite))
        lines.append(f"({question.id}; about: {', '.join(question.about)})")
    return "\n".join(lines).rstrip() + "\n"


def quiz_markdown(questions: Sequence[QuestionBase], *, title: str | None = None,
                  key: bool = False, language: str | None = None) -> str:
    """All questions of a quiz, numbered; ``key=True`` gives the answer key."""
    if language is not None:
        with use_language(language, current_folders()):
            return quiz_markdown(questions, title=title, key=key)
    parts = []
    if title:
        suffix = f" — {message('answer_key')}" if key else ""
        parts.append(f"## {title}{suffix}\n")
    parts += [question_markdown(q, i, key=key)
              for i, q in enumerate(questions, 1)]
    return "\n".join(parts)
