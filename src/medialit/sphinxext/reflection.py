"""The ``{reflection}`` and ``{reflection-view}`` directives: a learner's own short note, kept
in the browser, written on one page and shown again, read-only, on another.

````md
```{reflection} first-reaction
:label: Your first reaction to the text, in three sentences
```
````

writes a labelled text box; ``medialit-reflection.js`` saves what the learner types in
``localStorage`` under ``medialit-reflection:<path of the writing page>:<name>`` (the quiz
engine's convention: a namespace, the page's URL path, an id), so two copies of the book never
share a note. Nothing is fetched or sent.

````md
```{reflection-view} first-reaction
```
````

shows the saved text read-only, with a link back to the box to edit it. The view finds the page
that holds the box once every page is read, so moving either page keeps them joined; a name
written by no box, or by two, fails the build. Other builders get the label with blank lines
(the box) or a sentence naming the page to reopen (the view).
"""

from __future__ import annotations

from html import escape
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..quiz.html import script_json
from .html_face import html_face

logger = logging.getLogger(__name__)
ASSETS = ("medialit-reflection.js", "medialit-reflection.css")
MARKER = 'class="mlr-'
ENV_KEY = "medialit_reflections"  # docname -> {name: label} of the boxes written there
NAME = directives.unchanged_required

# The words the box and the view show. The script gets them as JSON, so they live in one place.
STRINGS = {
    "hint": "Saved in this browser only, as you type. Nothing is sent anywhere.",
    "saved": "Saved in this browser.",
    "not_saved": "This browser did not save your text (storage is off or full). Copy it "
                 "somewhere safe before you leave the page.",
    "no_script": "Saving needs JavaScript. You can write your sentences in your own notes.",
    "view_empty": "You have not written anything in this box yet.",
    "view_edit": "Edit your sentences on the page “{title}”",
    "view_no_script": "Your sentences appear here when JavaScript is on.",
}


class reflection_view(nodes.General, nodes.Element):
    """Placeholder until every page is read: then the page holding the box is known."""


class reflection_box(html_face):
    """The box: label, textarea, hint and status (HTML builds; others get the label and
    blank lines)."""


class reflection_view_html(html_face):
    """The resolved view (HTML builds; others get a sentence naming the page)."""


def _check_name(name: str) -> str:
    if not name.replace("-", "").isalnum() or not name.isascii():
        raise ValueError(f"reflection name {name!r}: use letters, digits and hyphens only")
    return name


def dom_id(name: str) -> str:
    return f"mlr-{name}"


class ReflectionDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict] = {"label": NAME, "rows": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        try:
            name = _check_name(self.arguments[0])
        except ValueError as exc:
            raise self.error(str(exc)) from None
        label = self.options.get("label")
        if not label:
            raise self.error(f"{{reflection}} {name}: give the box a :label: (what to write)")
        boxes = self.env.__dict__.setdefault(ENV_KEY, {}).setdefault(self.env.docname, {})
        if name in boxes:
            raise self.error(f"{{reflection}} {name}: this page already has a box of that name")
        boxes[name] = label
        rows = self.options.get("rows", 5)
        if self.env.app.builder.format == "html":
            return [reflection_box("", box_html(name, label, rows))]
        lines = nodes.literal_block("", "\n" * rows)
        return [nodes.paragraph(text=label), lines]


def box_html(name: str, label: str, rows: int) -> str:
    """A labelled textarea with its hint and a status line; the script enables and fills it."""
    ident = dom_id(name)
    data = {"name": name, "href": "#", "strings": STRINGS}
    return (f'<div class="mlr-box" id="{ident}-box" data-mlr-name="{escape(name)}">'
            f'<script type="application/json" class="mlr-data">{script_json(data)}</script>'
            f'<label class="mlr-label" for="{ident}">{escape(label)}</label>'
            f'<p class="mlr-hint" id="{ident}-hint">{escape(STRINGS["hint"])}</p>'
            f'<textarea class="mlr-text form-control" id="{ident}" rows="{rows}" '
            f'aria-describedby="{ident}-hint {ident}-status" disabled></textarea>'
            f'<p class="mlr-status" id="{ident}-status" role="status" aria-live="polite"></p>'
            f'<p class="mlr-noscript">{escape(STRINGS["no_script"])}</p></div>')


class ReflectionViewDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        try:
            name = _check_name(self.arguments[0])
        except ValueError as exc:
            raise self.error(str(exc)) from None
        node = reflection_view()
        node["name"] = name
        self.set_source_info(node)
        return [node]


def boxes_named(env: BuildEnvironment, name: str) -> list[tuple[str, str]]:
    """(docname, label) of every box called ``name``, sorted by page."""
    return sorted((doc, boxes[name]) for doc, boxes in env.__dict__.get(ENV_KEY, {}).items()
                  if name in boxes)


def view_html(name: str, label: str, href: str, title: str) -> str:
    ident = dom_id(name)
    data = {"name": name, "href": href, "strings": STRINGS}
    edit = STRINGS["view_edit"].format(title=title)
    return (f'<div class="mlr-view" data-mlr-name="{escape(name)}">'
            f'<script type="application/json" class="mlr-data">{script_json(data)}</script>'
            f'<p class="mlr-view-label" id="{ident}-view-label">{escape(label)}</p>'
            f'<blockquote class="mlr-view-text" aria-labelledby="{ident}-view-label">'
            f'<p>{escape(STRINGS["view_no_script"])}</p></blockquote>'
            f'<p class="mlr-view-edit"><a href="{escape(href)}">{escape(edit)}</a></p></div>')


def resolve_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each view by its HTML (or text), now that the page holding the box is known."""
    for node in list(doctree.findall(reflection_view)):
        name = node["name"]
        found = boxes_named(app.env, name)
        if len(found) != 1:
            logger.error(f"{{reflection-view}} {name}: a {{reflection}} box of that name must be "
                         f"on exactly one page, found {[d for d, _ in found] or 'none'}",
                         location=node, type="medialit", subtype="reflection")
            node.replace_self([])
            continue
        page, label = found[0]
        title = app.env.titles[page].astext() if page in app.env.titles else page
        if app.builder.format == "html":
            href = app.builder.get_relative_uri(docname, page) + f"#{dom_id(name)}-box"
            node.replace_self(reflection_view_html("", view_html(name, label, href, title)))
        else:
            node.replace_self(nodes.paragraph(
                text=f"Reopen what you wrote in the box “{label}” on the page “{title}”."))


def purge_boxes(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.__dict__.get(ENV_KEY, {}).pop(docname, None)


def merge_boxes(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    mine = env.__dict__.setdefault(ENV_KEY, {})
    for doc, boxes in other.__dict__.get(ENV_KEY, {}).items():
        if doc in docnames:
            mine[doc] = boxes


def add_reflection_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                          doctree) -> None:
    """The script and style go only to pages that hold a box or a view."""
    if app.builder.format != "html" or MARKER not in (context.get("body") or ""):
        return
    app.add_css_file(ASSETS[1])
    app.add_js_file(ASSETS[0], loading_method="defer")
