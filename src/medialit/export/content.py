"""What a question says on a learning platform, before any XML: its text, its general feedback,
the passages of a click-phrase question, the rows of a matching-style question.

What differs by type is the type's own (its module's ``export_*`` faces, with defaults on
``QuestionBase``); this module holds what they share and asks the question, never its type.

Both exporters build from these, so Moodle and Canvas show the same words. Text is HTML
(escaped by :mod:`medialit.export.render`) except where a platform only takes plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from ..content.bib import BibEntry
from ..quiz.material import text_of
from ..quiz.schema import QuestionBase
from ..text.case import Document

if TYPE_CHECKING:
    from ..quiz.types.click_phrase import ClickPhrase
    from ..quiz.types.free_text import FreeText
from . import render

MAX_DISTRACTOR_PASSAGES = 8  # Moodle's grade list has -1/k only for k <= 10; the kit caps options at 8
_CLAUSE_END = re.compile(r"(?<=[,;:.?!—])\s+")
_WORD = re.compile(r"[^\W_]", re.UNICODE)


@dataclass(frozen=True)
class Passage:
    """One tickable stretch of a paragraph in an exported click-phrase question."""

    text: str
    key: bool
    feedback: str = ""


@dataclass(frozen=True)
class Row:
    """One row of a matching-style question: a left side (HTML and plain) and its right side."""

    left_html: str
    left_plain: str
    right: str  # platforms show matching answers as plain text
    feedback: str = ""  # HTML; empty when the kit has none


def number_text(value: float) -> str:
    """A number as written in a file, exactly (``613``, ``0.5``; never ``6.13e+02``)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def question_html(q: QuestionBase, document: Document, fmt: str) -> str:
    """The question text: the prompt, plus what the question needs to make sense on its own
    (the type's ``export_question_html``)."""
    return q.export_question_html(document, fmt)


def general_feedback_html(q: QuestionBase, document: Document, fmt: str,
                          bib: dict[str, BibEntry]) -> str:
    """The explanation, what the type adds (``export_feedback_html``: listed in the mapping),
    and the sources."""
    parts = [render.para(q.explanation, document), q.export_feedback_html(document, fmt)]
    if q.cite:
        parts.append("<p>Sources: " + "; ".join(_source(key, bib) for key in q.cite) + "</p>")
    return "".join(parts)


def rows_feedback_html(rows: list[Row]) -> str:
    """The rows' own feedback as a list (for a platform that keeps none per row)."""
    rows = [r for r in rows if r.feedback]
    if not rows:
        return ""
    return "<ul>" + "".join(f"<li>{escape(r.left_plain)} → {escape(r.right)}: {r.feedback}</li>"
                            for r in rows) + "</ul>"


def grader_info_html(q: FreeText, document: Document) -> str:
    """For the teacher who grades a free-text answer: the model answer and the rubric."""
    return (f"<p><strong>Model answer:</strong> {render.html(q.model_answer, document)}</p>"
            "<p><strong>Rubric:</strong></p>" + render.items_html(list(q.rubric), document))


def _source(key: str, bib: dict[str, BibEntry]) -> str:
    entry = bib.get(key)
    if entry is None:
        return escape(key)
    label = escape(f"{entry.short}, {entry.title.replace('{', '').replace('}', '')}")
    if entry.url.startswith(("http://", "https://")):
        return f'<a href="{escape(entry.url)}">{label}</a>'
    return label


# -- matching-style rows: each type's own (export_rows, export_choices, export_distractors) --

def rows_for(q: QuestionBase, document: Document, fmt: str) -> list[Row]:
    """Rows of a question exported as matching: matching, label_sentences, ordering (Canvas)."""
    return q.export_rows(document, fmt)


def choices_for(q: QuestionBase, document: Document) -> list[str]:
    """Every right-hand choice, in the order the kit offers them (its stable shuffle)."""
    return q.export_choices(document)


def distractors_for(q: QuestionBase, document: Document) -> list[str]:
    """Right-hand choices that belong to no row (plain text, in a stable order)."""
    return q.export_distractors(document)


# -- click-phrase passages -------------------------------------------------------------------

def passages(q: ClickPhrase, document: Document) -> list[Passage]:
    """The paragraph cut into passages: each key quote is one passage; the text between key
    quotes is cut at clause punctuation, pieces of fewer than three words join their
    neighbour, pure punctuation is dropped, and at most eight non-key passages remain."""
    document = text_of(q, document)  # the practice case's questions cut the practice text
    p = document.paragraph(q.paragraph)
    keys = sorted((document.find(quote, paragraph=q.paragraph).start - p.start, quote)
                  for quote in q.answer)
    merged: list[list] = []  # [start, end, [quotes]]; overlapping key quotes become one passage
    for start, quote in keys:
        end = start + len(quote)
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(quote)
        else:
            merged.append([start, end, [quote]])
    out: list[Passage] = []
    gaps: list[list[str]] = []
    pos = 0
    for start, end, quotes in merged:
        gaps.append(_gap_pieces(p.text[pos:start]))
        out.append(Passage(p.text[start:end], True,
                           " ".join(q.feedback[x] for x in quotes if x in q.feedback)))
        pos = end
    gaps.append(_gap_pieces(p.text[pos:]))
    _cap(gaps, MAX_DISTRACTOR_PASSAGES)
    result: list[Passage] = []
    for i, gap in enumerate(gaps):
        result += [Passage(text, False) for text in gap]
        if i < len(out):
            result.append(out[i])
    return result


def passage_spans(q: ClickPhrase, document: Document) -> list[tuple[int, int]]:
    """Where each passage of :func:`passages` stands in the text text, as ``(start, end)``
    offsets (the kit's own click-phrase answer form), found in order through the paragraph."""
    document = text_of(q, document)
    p = document.paragraph(q.paragraph)
    spans, at = [], 0
    for part in passages(q, document):
        # A joined passage has one space where the paragraph may have had other white space.
        found = re.compile(r"\s+".join(map(re.escape, part.text.split()))).search(p.text, at)
        if found is None:  # pragma: no cover - passages are cut from this very text
            raise ValueError(f"{q.id}: passage {part.text!r} not found in ¶{q.paragraph}")
        spans.append((p.start + found.start(), p.start + found.end()))
        at = found.end()
    return spans


def _words(text: str) -> int:
    return len([w for w in text.split() if _WORD.search(w)])


def _gap_pieces(text: str) -> list[str]:
    pieces = [piece.strip() for piece in _CLAUSE_END.split(text)]
    pieces = [piece for piece in pieces if _WORD.search(piece)]
    joined: list[str] = []
    for piece in pieces:
        if joined and (_words(piece) < 3 or _words(joined[-1]) < 3):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


def _cap(gaps: list[list[str]], limit: int) -> None:
    """Join the shortest adjacent pair of non-key passages until at most ``limit`` remain."""
    while sum(len(g) for g in gaps) > limit:
        best = min(((len(g[i]) + len(g[i + 1]), gi, i) for gi, g in enumerate(gaps)
                    for i in range(len(g) - 1)), default=None)
        if best is None:
            return
        _, gi, i = best
        gaps[gi][i:i + 2] = [f"{gaps[gi][i]} {gaps[gi][i + 1]}"]
