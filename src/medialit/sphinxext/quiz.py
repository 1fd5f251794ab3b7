"""The ``{quiz}`` directive: embed a question bank in a page with one line.

````md
```{quiz} questions/practice.yml
```
````

The path is relative to the page. Option ``:only:`` takes question ids (comma-separated) to
show part of a bank. HTML builds get the static face (and, on that page only, the quiz's JS
and CSS); other builders get the text face. A bank that fails validation fails the build
with file, line, question id and field (kept in the environment like bad op-ed references).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..quiz.errors import BankError
from ..quiz.html import ASSETS, MARKER, quiz_html
from ..quiz.loader import load_bank
from ..quiz.text import quiz_markdown

logger = logging.getLogger(__name__)
ENV_KEY = "medialit_bad_banks"


class QuizDirective(SphinxDirective):
    """Render a question bank: static HTML face for HTML builds, text face otherwise."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict] = {"only": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        rel = self.arguments[0]
        path = (Path(self.env.doc2path(self.env.docname)).parent / rel).resolve()
        self.env.note_dependency(str(path))
        try:
            bank = load_bank(path)
            questions = bank.questions
            if "only" in self.options:
                wanted = [i.strip() for i in self.options["only"].split(",") if i.strip()]
                questions = [bank.question(i) for i in wanted]
        except (BankError, FileNotFoundError, KeyError) as exc:
            return self.report(str(exc))
        name = bank.chapter if "only" not in self.options else f"{bank.chapter}-part"
        html = nodes.raw("", quiz_html(questions, name=name), format="html")
        fallback = addnodes.only(expr="not html")
        markdown = quiz_markdown(questions)
        self.state.nested_parse(StringList(markdown.splitlines(), source=str(path)),
                                self.content_offset, fallback)
        return [html, fallback]

    def report(self, message: str) -> list[nodes.Node]:
        source, line = self.get_source_info()
        logger.error(f"bad question bank: {message}", location=(self.env.docname, line),
                     type="medialit", subtype="quiz")
        self.env.__dict__.setdefault(ENV_KEY, {}).setdefault(self.env.docname, []).append(
            f"{source}:{line}: {{quiz}} {self.arguments[0]}:\n{message}")
        return [nodes.problematic(self.block_text, self.block_text)]


def add_quiz_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                    doctree) -> None:
    """Add the quiz JS/CSS to pages that hold a quiz (from the directive or a notebook output)."""
    if app.builder.format != "html" or MARKER not in (context.get("body") or ""):
        return
    app.add_css_file(ASSETS[1])
    app.add_js_file(ASSETS[0], loading_method="defer")


def purge_bad_banks(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.__dict__.get(ENV_KEY, {}).pop(docname, None)


def merge_bad_banks(app: Sphinx, env: BuildEnvironment, docnames, other) -> None:
    mine = env.__dict__.setdefault(ENV_KEY, {})
    for docname, messages in other.__dict__.get(ENV_KEY, {}).items():
        if docname in docnames:
            mine[docname] = messages


def fail_on_bad_banks(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    bad = [m for messages in app.env.__dict__.get(ENV_KEY, {}).values() for m in messages]
    if bad:
        raise ExtensionError(f"{len(bad)} question bank(s) failed validation:\n" + "\n".join(bad))
