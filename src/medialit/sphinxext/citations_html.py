"""Citation lists as valid ARIA lists in the HTML the book writes.

docutils writes a run of citations (the Sources page's bibliography) as
``<div role="list" class="citation-list">`` holding ``<div class="citation"
role="doc-biblioentry">`` items. ``doc-biblioentry`` is deprecated in DPUB-ARIA 1.1 and is not a
``listitem``, so axe reports ``aria-required-children`` (serious) on the list: assistive
technology does not announce its entries as items of a list. The kit's translator writes each
citation with ``role="listitem"`` instead; everything else docutils and the theme write is
unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx


class CitationListItemMixin:
    """Write ``<div class="citation" role="listitem">`` inside the ``role="list"`` wrapper."""

    # provided by the HTML translator this mixin is combined with
    body: list[str]
    starttag: Callable[..., str]

    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def use_citation_list_items(app: Sphinx) -> None:
    """Wrap the HTML builder's translator (the theme's, when it set one) with the mixin."""
    builder = app.builder
    if builder.format != "html":
        return
    current = app.registry.translators.get(builder.name)
    if current is None:
        current = getattr(builder, "default_translator_class", None)
    if current is None or issubclass(current, CitationListItemMixin):
        return
    translator = type("MedialitHTMLTranslator", (CitationListItemMixin, current), {})
    app.set_translator(builder.name, translator, override=True)
