"""The ``{quiz}`` directive: embed a question bank in a page with one line.

````md
```{quiz} questions/practice.yml
```
````

The path is relative to the page. Option ``:only:`` takes question ids (comma-separated) to
show part of a bank. HTML builds get the static face (and, on that page only, the quiz's JS
and CSS); other builders get the text face. A bank that fails validation fails the build
with file, line, question id and field (kept in the environment like bad text references).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..quiz.errors import BankError
from ..quiz.html import ASSETS, MARKER, quiz_html, type_scripts, types_in
from ..quiz.i18n import CatalogueError, use_language
from ..quiz.loader import load_bank, load_banks
from ..quiz.markup import parse_inline
from ..quiz.text import quiz_markdown
from .config import catalogue_files, quiz_language
from .html_face import html_face

STATIC = Path(__file__).parent / "static"  # the core script and stylesheet (ASSETS)

logger = logging.getLogger(__name__)
ENV_KEY = "medialit_bad_banks"
BANKS_KEY = "medialit_quiz_banks"  # docname -> bank files embedded there (for kit-wide id checks)


def inline_nodes(text: str) -> list[nodes.Node]:
    """Inline Markdown -> docutils nodes; raw HTML, backslashes and TeX stay text."""
    def build(tokens) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for tok in tokens:
            if tok["t"] == "text":
                out.append(nodes.Text(tok["v"]))
            elif tok["t"] == "br":
                out.append(nodes.Text("\n"))
            elif tok["t"] == "code":
                out.append(nodes.literal(tok["v"], tok["v"]))
            elif tok["t"] == "link":
                out.append(nodes.reference("", "", *build(tok["c"]), refuri=tok["href"]))
            else:
                kind = nodes.strong if tok["t"] == "strong" else nodes.emphasis
                out.append(kind("", "", *build(tok["c"])))
        return out
    return build(parse_inline(text))


def markdown_nodes(markdown: str) -> list[nodes.Node]:
    """The text face (paragraphs, "- " lists, "> " quotes) as docutils nodes for non-HTML
    builders. Built from tokens, not parsed as MyST, so every character shows as written."""
    out: list[nodes.Node] = []
    items: nodes.bullet_list | None = None
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            if items is None:
                items = nodes.bullet_list()
                out.append(items)
            items += nodes.list_item("", nodes.paragraph("", "", *inline_nodes(stripped[2:])))
            continue
        items = None
        if stripped.startswith("> "):
            out.append(nodes.block_quote("", nodes.paragraph("", "", *inline_nodes(
                stripped[2:]))))
        elif stripped:
            out.append(nodes.paragraph("", "", *inline_nodes(stripped)))
    return out


class quiz_node(html_face):
    """The static HTML face of a bank (the text face is the ``only`` node beside it)."""


class QuizDirective(SphinxDirective):
    """Render a question bank: static HTML face for HTML builds, text face otherwise."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict] = {"only": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        rel = self.arguments[0]
        path = (Path(self.env.doc2path(self.env.docname)).parent / rel).resolve()
        self.env.note_dependency(str(path))
        self.env.__dict__.setdefault(BANKS_KEY, {}).setdefault(self.env.docname, set()).add(
            str(path))
        for catalogue in catalogue_files(self.config, self.env.srcdir):
            self.env.note_dependency(catalogue)
        try:
            bank = load_bank(path)
            questions = bank.questions
            if "only" in self.options:
                wanted = [i.strip() for i in self.options["only"].split(",") if i.strip()]
                questions = [bank.question(i) for i in wanted]
            name = bank.chapter if "only" not in self.options else f"{bank.chapter}-part"
            with use_language(*quiz_language(self.config, self.env.srcdir)):  # Sphinx's `language`
                html = quiz_node("", quiz_html(questions, name=name))
                text = quiz_markdown(questions)
        except (BankError, CatalogueError, FileNotFoundError, KeyError) as exc:
            return self.report(str(exc))
        fallback = addnodes.only(expr="not html")
        fallback += markdown_nodes(text)
        return [html, fallback]

    def report(self, message: str) -> list[nodes.Node]:
        source, line = self.get_source_info()
        logger.error(f"bad question bank: {message}", location=(self.env.docname, line),
                     type="medialit", subtype="quiz")
        self.env.__dict__.setdefault(ENV_KEY, {}).setdefault(self.env.docname, []).append(
            f"{source}:{line}: {{quiz}} {self.arguments[0]}:\n{message}")
        return [nodes.problematic(self.block_text, self.block_text)]


def stage_type_scripts(app: Sphinx) -> None:
    """Write every registered type's script (``quiz/types/<type>.js``, beside its module) and
    the core script and stylesheet, minified (:mod:`medialit.quiz.minify`), to a folder of the
    build's own (under the doctrees) that joins ``html_static_path``, so they reach
    ``_static/`` (the types under ``medialit-quiz-types/``) like any static file. HTML builds
    only."""
    if app.builder.format != "html":
        return
    staged = Path(app.doctreedir) / "medialit-static"
    folder = staged / "medialit-quiz-types"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    from ..quiz.minify import minified

    for target, source in type_scripts():
        (staged / target).write_text(minified(source), encoding="utf-8")
    # the core script and stylesheet, minified, under the names the pages load: this folder
    # comes after the extension's static folder, so these copies are the ones written
    for name in ASSETS:
        (staged / name).write_text(minified(STATIC / name), encoding="utf-8")
    app.config.html_static_path.append(str(staged))


def add_quiz_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                    doctree) -> None:
    """Add the quiz JS/CSS to pages that hold a quiz (from the directive or a notebook output):
    the core, then the script of each type the page's quizzes use (deferred, in order)."""
    body = context.get("body") or ""
    if app.builder.format != "html" or MARKER not in body:
        return
    app.add_css_file(ASSETS[1])
    app.add_js_file(ASSETS[0], loading_method="defer")
    for target, _ in type_scripts(types_in(body)):
        app.add_js_file(target, loading_method="defer")


def purge_bad_banks(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for key in (ENV_KEY, BANKS_KEY):
        env.__dict__.get(key, {}).pop(docname, None)


def merge_bad_banks(app: Sphinx, env: BuildEnvironment, docnames, other) -> None:
    for key in (ENV_KEY, BANKS_KEY):
        mine = env.__dict__.setdefault(key, {})
        for docname, value in other.__dict__.get(key, {}).items():
            if docname in docnames:
                mine[docname] = value


def duplicate_ids_across_banks(env: BuildEnvironment) -> list[str]:
    """Question ids must be unique across every bank the book embeds."""
    paths = sorted({p for paths in env.__dict__.get(BANKS_KEY, {}).values() for p in paths})
    try:
        load_banks(paths)
    except BankError as exc:
        return [str(p) for p in exc.problems if "duplicate question id (also in" in p.message]
    return []


def fail_on_bad_banks(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    bad = [m for messages in app.env.__dict__.get(ENV_KEY, {}).values() for m in messages]
    bad += duplicate_ids_across_banks(app.env)
    if bad:
        raise ExtensionError(f"{len(bad)} question bank(s) failed validation:\n" + "\n".join(bad))
