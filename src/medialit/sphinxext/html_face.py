"""The base of the extension's HTML nodes: a page part that only HTML builders show.

Each directive that writes HTML of its own (``{quiz}``, ``{case-text}``, ``{timeline}``'s chart,
``{reflection}``, ``{reflection-view}``, ``{quiz-compare}``, the ``{contested}`` role) emits a
node class of its own, defined beside it, that subclasses :class:`html_face` and carries the HTML
it writes. :func:`add_html_node` registers the visitors: HTML builders write the HTML as it is;
text, LaTeX, man and Texinfo builders skip the node as they skip raw HTML (same line breaks),
so what they show is the directive's own fallback (an ``only`` node beside it, or other nodes
chosen when the doctree is resolved).

The base is :class:`docutils.nodes.raw` (with ``format="html"``) so that everything Sphinx does
with a raw HTML node still happens: the search index takes the words of the HTML (tags, scripts
and styles stripped), smart quotes leave it alone, and writers that know no visitor for it drop
it. The HTML pages are the ones the raw nodes gave.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


class html_face(nodes.raw):
    """HTML for HTML builders only; subclass it, one class per directive."""

    def __init__(self, rawsource: str = "", text: str = "", *children: nodes.Node,
                 **attributes) -> None:
        attributes.setdefault("format", "html")  # raw's signature, so copies work
        super().__init__(rawsource, text, *children, **attributes)


def visit_html(translator, node: html_face) -> None:
    """Write the node's HTML unchanged (as Sphinx writes a raw node without classes)."""
    translator.body.append(node.astext())
    raise nodes.SkipNode


def skip(translator, node: html_face) -> None:
    """Leave the HTML out as the writer leaves out raw HTML (its ``visit_raw`` raises
    ``SkipNode`` after the line breaks it puts round a raw block, e.g. LaTeX's)."""
    translator.visit_raw(node)
    raise nodes.SkipNode  # visit_raw raises it already; kept so no writer ever shows the HTML


def add_html_node(app: Sphinx, node_class: type[html_face]) -> None:
    """Register ``node_class``: written by HTML builders, skipped by the others."""
    app.add_node(node_class, html=(visit_html, None), text=(skip, None),
                 latex=(skip, None), man=(skip, None), texinfo=(skip, None))
