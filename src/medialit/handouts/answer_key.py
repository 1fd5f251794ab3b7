"""The answer key of each exercise set, for instructors: one PDF per set, beside its worksheet.

The key's text is :func:`medialit.grading.answer_keys.set_key_markdown`, the Markdown the instructor
edition renders too, so the printed key, the book's key and the grader cannot disagree. It is
read from ``solutions/`` and made only when the command is given ``--instructor``. Before
printing, the released notebooks are checked against their masters: a key printed beside a
stale worksheet would answer questions the students do not have.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from ..errors import MedialitError
from ..grading.answer_keys import set_key_markdown
from ..grading.master import MasterError, load_master
from ..grading.release import release_bytes
from .pages import Handout, html_document, markdown_html

# answer_keys starts each question with "**q3** · 2 points · multiple choice"
_QUESTION_HEAD = re.compile(r"^(?=\*\*q\d+\*\* · )", re.MULTILINE)
BANNER = ("Instructor only — do not hand out. This key holds every answer, the feedback the "
          "grader writes, the rubric levels and the hidden tests.")


class AnswerKeyError(MedialitError, ValueError):
    """A master that does not load, or a released notebook out of step with its master."""


def _check_released(master_path: Path, exercises: Path) -> None:
    released = exercises / master_path.name
    if not released.exists() or released.read_bytes() != release_bytes(load_master(master_path)):
        raise AnswerKeyError(f"{released} is missing or out of sync with {master_path}: run "
                             "`medialit release` so that the worksheets and the key match")


def instructor_notes_html(master) -> str:
    """The master's cells for instructors only (notes, worked code), which the key's Markdown
    leaves out; they are stripped from the release like the key."""
    parts = []
    for cell in master.notebook.cells:
        role = cell.metadata.get("medialit", {}).get("role")
        if role not in ("instructor", "solution"):
            continue
        source = "".join(cell.source)
        parts.append(markdown_html(source) if cell.cell_type == "markdown"
                     else f"<pre>{escape(source.rstrip())}</pre>")
    if not parts:
        return ""
    return ('<section class="key-question key-notes"><h2>Notes for instructors</h2>'
            + "".join(parts) + "</section>")


def key_handout(master_path: Path, exercises: Path, foot: str) -> Handout:
    try:
        master = load_master(master_path)
        _check_released(master_path, exercises)
        markdown = set_key_markdown(master)
    except MasterError as exc:
        raise AnswerKeyError(str(exc)) from None
    intro, *questions = _QUESTION_HEAD.split(markdown)
    body = (
        f'<p class="key-banner">{escape(BANNER)}</p>'
        f"<h1>{escape(master.title)}: answer key</h1>"
        f'<div class="key-intro">{markdown_html(intro)}</div>'
        + "".join(f'<section class="key-question">{markdown_html(q)}</section>'
                  for q in questions)
        + instructor_notes_html(master)
    )
    head = f"{master.title}: answer key — instructor only"
    title = f"{master.title} — answer key"
    return Handout(f"answer-key-{master_path.stem}", title, head, foot,
                   html_document(title=title, head=head, foot=foot, body=body,
                                 body_class="handout-key"),
                   from_solutions=True)


def answer_key_handouts(masters: list[Path], exercises: Path, foot: str) -> list[Handout]:
    return [key_handout(path, exercises, foot) for path in masters]
