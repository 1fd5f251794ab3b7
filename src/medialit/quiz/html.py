"""The static face: a quiz as self-contained HTML for the book (no kernel, no network).

The page gets a ``<section class="mlq-quiz">`` holding the interface strings and, per question,
its data as JSON inside ``<script type="application/json">``; ``medialit-quiz.js`` (the core,
shipped as a Sphinx static file) and each type's script (``quiz/types/<type>.js``, see
:func:`type_scripts`) build the controls from that data and insert every text with
``textContent``. JSON is escaped so that ``<``, ``>`` and ``&`` in any field can never close the
script element. Before the script runs (or without it) the section shows the text face.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

from ..text.case import Document, load_text
from .i18n import catalogue, current_folders, message, use_language
from .markup import parse_inline
from .schema import QuestionBase
from .text import question_markdown

ASSETS = ("medialit-quiz.js", "medialit-quiz.css")
MARKER = 'class="mlq-quiz"'  # the Sphinx extension adds the assets to pages containing it
CORE = Path(__file__).resolve().parents[1] / "sphinxext" / "static" / ASSETS[0]
TYPE_SCRIPTS = "medialit-quiz-types"  # the folder of the types' scripts under _static
_TYPE_ATTR = re.compile(r'data-mlq-type="([\w-]+)"')


def type_scripts(types: Collection[str] | None = None) -> list[tuple[str, Path]]:
    """(path under ``_static``, source file) of each registered type's script, in the
    registry's order: the scripts a page loads after the core. ``types``: only these."""
    from .types import REGISTRY
    from .types.base import static_face

    return [(f"{TYPE_SCRIPTS}/{name}.js", static_face(cls)) for name, cls in REGISTRY.items()
            if types is None or name in types]


def types_in(html: str) -> set[str]:
    """The question types a page's quizzes use (from their ``data-mlq-type``)."""
    return set(_TYPE_ATTR.findall(html))


def static_face_js() -> str:
    """The whole static face as one script: the core, then every type's script (for pages
    outside Sphinx, such as the payload benchmark's, and for tests that read all the JS)."""
    return "\n".join(path.read_text(encoding="utf-8")
                     for path in [CORE] + [source for _, source in type_scripts()])


def script_json(data) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can end or confuse it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_strings() -> dict[str, str]:
    """The catalogue a quiz page carries for its script: all of it in the current language
    but the grader's report strings (``graded_*``), which no page uses."""
    return {k: v for k, v in catalogue().items() if not k.startswith("graded_")}


def question_data(question: QuestionBase, number: int, total: int, document: Document) -> dict:
    data = {"id": question.id, "type": question.type_name, "n": number, "total": total,
            "prompt": parse_inline(question.prompt),
            "hints": [parse_inline(h) for h in question.hints],
            "explanation": parse_inline(question.explanation),
            "about": list(question.about)}
    if question.skill is not None:
        data["skill"] = question.skill  # lets a progress panel group this question's score
    data.update(question.client_data(document))
    return data


def _fallback_html(question: QuestionBase, number: int) -> str:
    # Markdown with raw HTML off: anything that looks like a tag is shown as text.
    md = MarkdownIt("commonmark", {"html": False})
    return md.render(question_markdown(question, number))


def quiz_html(questions: Sequence[QuestionBase], *, name: str, language: str | None = None,
              document: Document | None = None) -> str:
    """The HTML of one quiz (a bank or a part of one) named ``name`` (used in ids). Its
    interface strings (the catalogue the script reads, the text face shown before it runs) are
    in ``language`` (default: the current language), English for any key it lacks."""
    if language is not None:
        with use_language(language, current_folders()):
            return quiz_html(questions, name=name, document=document)
    document = document or load_text()
    total = len(questions)
    parts = [(f'<section {MARKER} data-mlq-quiz="{escape(name)}" '
              f'aria-label="{escape(message("quiz_heading"))}">'),
             (f'<script type="application/json" class="mlq-strings">'
              f'{script_json(page_strings())}</script>'),
             f'<p class="mlq-noscript">{escape(message("no_script"))}</p>']
    for number, question in enumerate(questions, 1):
        data = script_json(question_data(question, number, total, document))
        parts.append(f'<div class="mlq-question" id="mlq-{escape(question.id)}" '
                     f'data-mlq-type="{escape(question.type_name)}">'
                     f'<script type="application/json" class="mlq-data">{data}</script>'
                     f'<div class="mlq-fallback">{_fallback_html(question, number)}</div></div>')
    parts.append("</section>")
    return "\n".join(parts)
