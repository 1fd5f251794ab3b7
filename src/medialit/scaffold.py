"""``medialit new-case``: a content pack and a book around it, that build at once.

:func:`new_case` writes, in a new folder::

    _config.yml  _toc.yml  intro.md      the book, naming its pack (sphinx.config.medialit_pack)
    chapters/text.md                     the text with numbered paragraphs and sentences
    chapters/practice.md                 a starter quiz page
    chapters/questions/practice.yml      a starter bank (one question, about sentence 1.1)
    solutions/set-a-starter.ipynb        a starter graded master (one question)
    references.bib                       empty: add the sources the pages cite
    pack/pack.yml                        the manifest
    pack/text.txt                        the text, one paragraph a line
    pack/annotations.yml                 the layers, declared, with no annotation yet
    pack/contested_terms.yml             no term yet

The book builds with ``jupyter-book build DIR -W``; every ``{quote}`…``` on its pages is
checked against the new text at build time and by ``medialit check`` (a bad quote fails,
naming the file and the line).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import MedialitError
from .text.case import Document

PACK_FOLDER = "pack"


class ScaffoldError(MedialitError, ValueError):
    """The folder or the text cannot make a new case (names the file and the problem)."""


@dataclass(frozen=True)
class NewCase:
    root: Path
    files: tuple[Path, ...]
    document: Document


def paragraphs_of(raw: str) -> list[str]:
    """The text's paragraphs: blocks separated by blank lines, each block's lines joined by a
    space (hard-wrapped text), or every non-empty line when the text has no blank line."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    blocks = re.split(r"\n[ \t]*\n", text)
    if len(blocks) == 1:
        return [line.strip() for line in text.split("\n") if line.strip()]
    return [" ".join(line.strip() for line in block.split("\n") if line.strip())
            for block in blocks if block.strip()]


def _slug(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:40].strip("-") or "case"


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


CONFIG = """\
# A book made by `medialit new-case`: Jupyter Book 1.x, offline (nothing loads from another
# host). The case is the content pack in {pack}/ (medialit.pack).
title: {title}
author: ""
only_build_toc_files: true
exclude_patterns: [_build, solutions, {pack}, "**/.ipynb_checkpoints"]
execute:
  execute_notebooks: "off"
launch_buttons:
  thebe: false
html:
  use_download_button: false
sphinx:
  extra_extensions:
    - medialit.sphinxext
  config:
    medialit_pack: {pack}
    nb_ipywidgets_js: {{}}
    html_math_renderer: medialit_plain
    html_show_sourcelink: false
"""

TOC = """\
format: jb-book
root: intro
chapters:
  - file: chapters/text
  - file: chapters/practice
"""

INTRO = """\
# {title}

A close reading of one text, with the media-literacy kit's tools. The text is on the page
[The {noun}](chapters/text.md), with its paragraphs and sentences numbered.
"""

TEXT_PAGE = """\
# The {noun}

The {noun}, word for word. Each paragraph has a number (¶1, ¶2, …) and each sentence a small
number such as 1.2 (paragraph 1, sentence 2). The first sentence is {{sentence}}`1.1`; it
begins {{quote}}`{first_words}`.

```{{case-text}}
```
"""

PRACTICE_PAGE = """\
# Practice

```{{quiz}} questions/practice.yml
```
"""

BIB = "% The sources the pages cite (BibTeX). See the kit's references.bib for the fields.\n"


def _layers_yaml() -> str:
    return """\
# The annotation layers of this case (medialit.content.annotations). Add entries under `annotations`:
#   - id: p1-example
#     paragraph: 1
#     quote: "exact words of paragraph 1"
#     layer: claims
#     label: opinion
#     note: What the words do in the text, in one or two plain sentences.
schema_version: 1
layers:
  - id: claims
    name: Claims
    marker: C
    description: Statements the text presents as fact or as opinion.
    labels: [factual claim, opinion, prediction]
  - id: frames
    name: Frames
    marker: F
    description: How the text defines the problem, its cause, a judgement and a remedy.
    labels: [problem, cause, judgement, remedy]
  - id: sources
    name: Sources
    marker: S
    description: Who the text cites, and what it leaves unattributed.
    labels: [named source, unnamed source, unattributed]
  - id: loaded-terms
    name: Loaded terms
    marker: L
    description: Words that carry a judgement or a side's name for things.
    labels: [loaded term, contested term]
  - id: rhetoric
    name: Rhetorical moves
    marker: R
    description: Hedges, boosters, appeals and other moves of persuasion.
    labels: [hedge, booster, appeal]
annotations: []
"""


def _bank(slug: str, noun: str) -> str:
    return f"""\
# A starter bank (medialit.quiz). Each question cites a paragraph (¶1) in its explanation.
schema_version: 1
chapter: practice
questions:
  - id: {slug}-q01
    type: true_false
    prompt: >-
      The first sentence of the {noun} is sentence 1.1.
    about: ["1.1"]
    answer: true
    feedback:
      true: Right. Sentence ids are paragraph.sentence, so 1.1 opens ¶1.
      false: Sentence ids are paragraph.sentence, so 1.1 is the first sentence of ¶1.
    explanation: >-
      ¶1 opens the {noun}; the page numbers its first sentence 1.1.
"""


def _master(title: str, noun: str) -> dict:
    spec = {"id": "q1", "type": "true_false", "points": 1,
            "prompt": f"The first sentence of the {noun} is sentence 1.1.", "about": ["1.1"],
            "answer": True,
            "feedback": {"true": "Right: 1.1 is paragraph 1, sentence 1.",
                         "false": "1.1 is paragraph 1, sentence 1."},
            "explanation": "¶1: sentence ids are paragraph.sentence."}

    def cell(kind: str, source: str, medialit: dict | None = None) -> dict:
        data: dict = {"cell_type": kind, "metadata": {"medialit": medialit} if medialit else {},
                      "source": source}
        if kind == "code":
            data.update(execution_count=None, outputs=[])
        return data

    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": {"medialit": {"set": "set-a-starter", "title": f"Set A — {title}"},
                         "kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "cells": [cell("markdown", f"# Set A — {title}\n\nA starter graded set."),
                      cell("markdown", f"**Question 1.** {spec['prompt']} Answer True or "
                           "False."),
                      cell("code", "q1 = True", {"role": "answer", "question": "q1",
                                                 "spec": spec})]}


def new_case(root: Path, text_file: Path, title: str, *, noun: str = "text",
             byline: bool = False) -> NewCase:
    """Write a new pack and book in ``root`` (which must not exist or be empty)."""
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise ScaffoldError(f"{root}: the folder exists and is not empty; new-case writes a "
                            "new book", file=str(root))
    try:
        raw = Path(text_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScaffoldError(f"{text_file}: cannot read the text ({exc})",
                            file=str(text_file)) from None
    paragraphs = paragraphs_of(raw)
    if not paragraphs or (byline and len(paragraphs) < 2):
        raise ScaffoldError(f"{text_file}: no paragraph of text in it", file=str(text_file))
    if not title.strip():
        raise ScaffoldError("--title: the book needs a title", field="title")
    text = "\n".join(paragraphs) + "\n"
    document = Document(text, has_byline=byline)
    first = document.paragraphs[0].sentences[0].text
    first_words = " ".join(first.split()[:6]).rstrip(",;:")
    slug = _slug(title)
    files = {
        "_config.yml": CONFIG.format(title=_yaml_string(title), pack=PACK_FOLDER),
        "_toc.yml": TOC,
        "intro.md": INTRO.format(title=title, noun=noun),
        "chapters/text.md": TEXT_PAGE.format(noun=noun, first_words=first_words),
        "chapters/practice.md": PRACTICE_PAGE.format(),
        "chapters/questions/practice.yml": _bank(slug, noun),
        "solutions/set-a-starter.ipynb": json.dumps(_master(title, noun), indent=1,
                                                   ensure_ascii=False) + "\n",
        "references.bib": BIB,
        f"{PACK_FOLDER}/text.txt": text,
        f"{PACK_FOLDER}/annotations.yml": _layers_yaml(),
        f"{PACK_FOLDER}/contested_terms.yml": ("# Terms the book's own voice uses only inside "
                                               "quotation marks (medialit.content.voice).\n"
                                               "schema_version: 1\nterms: []\n"),
        f"{PACK_FOLDER}/pack.yml": (
            "# The case (medialit.pack): paths are relative to this folder.\n"
            f"schema_version: 1\nname: {slug}\ntitle: {_yaml_string(title)}\nlanguage: en\n"
            f"text:\n  file: text.txt\n  byline: {'true' if byline else 'false'}\n"
            f"  noun: {noun}\n  page: chapters/text\n"
            "annotations: annotations.yml\ncontested_terms: contested_terms.yml\n"
            "bibliography: ../references.bib\nbanks: ../chapters/questions\n"
            "masters: ../solutions\n"),
    }
    written = []
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return NewCase(root, tuple(written), document)
