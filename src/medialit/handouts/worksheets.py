"""One worksheet per exercise set, from the released student notebook (``exercises/``).

Only the student notebook is read, never its master, so a worksheet can hold nothing the
student notebook does not: the set's title and instructions, each question's prompt, and
space to answer. The space follows the answer's public format, which ``medialit release``
writes into the notebook's checker cell (type, option letters, labels, sentence ids,
matching items, word range; never a key): boxes to tick for options, a table to fill for
labels and matches, ruled lines for open answers, and the stub with ruled lines for code.

Cells the paper copy leaves out: the generated checker and the final ``check()`` (and the
"Before you submit" text above it), and "Try it" example cells before the first question.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

import nbformat

from ..errors import MedialitError
from ..pack import book_name
from .pages import Handout, html_document, markdown_html


class WorksheetError(MedialitError, ValueError):
    """A student notebook the worksheet cannot be made from; names the file and the cell."""


@dataclass(frozen=True)
class Block:
    kind: str  # "markdown" | "code" | "answer"
    text: str
    label: str = ""  # code: what the cell is in the notebook
    question: str = ""  # answer: the question id
    format: dict | None = None  # answer: the public format


@dataclass(frozen=True)
class Worksheet:
    set_id: str
    title: str
    path: Path
    sections: tuple[tuple[Block, ...], ...]  # the first is the introduction


def _formats(source: str, path: Path, index: int) -> dict[str, dict]:
    """The public formats from the checker cell: ``answer_checker("set", {...})``."""
    try:
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "answer_checker"
                    and len(node.args) == 2):
                return ast.literal_eval(node.args[1])
    except (SyntaxError, ValueError) as exc:
        raise WorksheetError(f"{path}: cell {index + 1}: the checker cell does not parse "
                             f"({exc})") from None
    raise WorksheetError(f"{path}: cell {index + 1}: no answer_checker(...) in the checker cell")


def read_worksheet(path: Path) -> Worksheet:
    """Read a student notebook into sections: the introduction, then one per Markdown cell."""
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError) as exc:
        raise WorksheetError(f"{path}: not a readable notebook ({exc})") from None
    meta = nb.metadata.get("medialit", {})
    if "released_from" not in meta or not meta.get("title"):
        raise WorksheetError(f"{path}: not a student notebook made by `medialit release` "
                             "(no medialit.released_from in its metadata)")
    cells = list(nb.cells)
    formats: dict[str, dict] = {}
    for index, cell in enumerate(cells):
        if cell.metadata.get("medialit", {}).get("role") == "checker":
            formats = _formats(cell.source, path, index)
    sections: list[list[Block]] = []
    seen_question = False
    for index, cell in enumerate(cells):
        role = cell.metadata.get("medialit", {}).get("role")
        following = cells[index + 1] if index + 1 < len(cells) else None
        if cell.cell_type == "markdown":
            if following is not None and \
                    following.metadata.get("medialit", {}).get("role") == "final-check":
                continue  # "Before you submit: run the cell below" is for the notebook
            sections.append([Block("markdown", cell.source)])
        elif role == "answer":
            question = cell.metadata["medialit"]["question"]
            if question not in formats:
                raise WorksheetError(f"{path}: cell {index + 1}: question {question!r} has no "
                                     "format in the checker cell; run `medialit release`")
            if not sections:
                raise WorksheetError(f"{path}: cell {index + 1}: an answer cell before any text")
            sections[-1].append(Block("answer", cell.source, question=question,
                                      format=formats[question]))
            seen_question = True
        elif role == "setup" or (role == "example" and seen_question):
            label = "Data for this set, in the notebook" if role == "setup" else \
                "In the notebook, to try your answer"
            if sections:
                sections[-1].append(Block("code", cell.source, label=label))
    if not sections:
        raise WorksheetError(f"{path}: no Markdown cells: nothing to print")
    return Worksheet(meta.get("set", path.stem), meta["title"], Path(path),
                     tuple(tuple(s) for s in sections))


# -- answer space ---------------------------------------------------------------------------

def tick_boxes(ids: list[str], note: str) -> str:
    """Boxes to tick, one per option."""
    boxes = "".join(f'<span class="choice"><span class="box"></span>{escape(i)}</span>'
                    for i in ids)
    return f'<p class="label">{escape(note)}</p><div class="choices">{boxes}</div>'


def fill_table(rows: list[str], left: str, right: str) -> str:
    """A table to fill: one row per item, its right-hand cell empty."""
    body = "".join(f"<tr><td>{escape(r)}</td><td></td></tr>" for r in rows)
    return (f'<table class="fill-table"><thead><tr><th>{escape(left)}</th>'
            f"<th>{escape(right)}</th></tr></thead><tbody>{body}</tbody></table>")


def ruled_lines(count: int) -> str:
    return f'<div class="lines" style="height: {count * 8}mm"></div>'


def words_to_lines(high: int) -> int:
    """Ruled lines for an open answer of at most ``high`` words (about 11 handwritten words a
    line, plus one spare)."""
    return max(4, math.ceil(high / 11) + 1)


def answer_space(block: Block) -> str:
    """The space under a question, from its public format: the type's ``worksheet_space``
    face (a code exercise: its stub and ruled lines)."""
    from ..quiz.types import REGISTRY

    fmt = block.format or {}
    kind = fmt.get("type")
    if kind == "code":
        inner = ('<p class="label">Your function: complete the stub.</p>'
                 f'<pre class="stub">{escape(block.text.rstrip())}</pre>' + ruled_lines(14))
        return f'<div class="answer code long">{inner}</div>'
    cls = REGISTRY.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise WorksheetError(f"question {block.question}: no answer space for type {kind!r}")
    # a long answer (a person scores it) takes the page's width and may break across pages
    css = "answer long" if cls.scored_by_person else "answer"
    return f'<div class="{css}">{cls.worksheet_space(fmt)}</div>'


# -- the page -------------------------------------------------------------------------------

def _block_html(block: Block) -> str:
    if block.kind == "markdown":
        return markdown_html(block.text)
    if block.kind == "code":
        return (f'<div class="notebook-code"><p class="label">{escape(block.label)}</p>'
                f"<pre>{escape(block.text.rstrip())}</pre></div>")
    return answer_space(block)


def paper_note(worksheet: Worksheet) -> str:
    return (
        '<div class="paper-note"><p><strong>On paper.</strong> This is the printed copy of the '
        f"notebook <code>{escape(book_name(worksheet.path))}</code>. Write each answer in "
        "the space under its question, in the form the question asks for (a letter, a label "
        "for each sentence, a few sentences). If your course grades the notebook, copy your "
        "answers into its answer cells.</p></div>"
    )


def worksheet_handout(worksheet: Worksheet, foot: str) -> Handout:
    intro, *questions = worksheet.sections
    parts = ['<div class="student-line"><span>Name:</span><span>Date:</span></div>',
             '<section class="intro">', "".join(_block_html(b) for b in intro), "</section>",
             paper_note(worksheet)]
    for section in questions:
        # the prompt, then what the notebook shows (data, an example to try), then the space
        ordered = sorted(section, key=lambda b: b.kind == "answer")
        css = "question" if any(b.kind == "answer" for b in section) else "question extra"
        parts.append(f'<section class="{css}">{"".join(_block_html(b) for b in ordered)}'
                     "</section>")
    head = f"{worksheet.title}: worksheet"
    title = f"{worksheet.title} — worksheet"
    return Handout(f"worksheet-{worksheet.path.stem}", title, head, foot,
                   html_document(title=title, head=head, foot=foot, body="".join(parts),
                                 body_class="handout-worksheet"))
