"""The ``{oped-text}`` directive: the op-ed, verbatim, with paragraph and sentence anchors."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..case import load_oped
from ..oped_html import render_oped_html
from .references import label_for


class OpedTextDirective(SphinxDirective):
    """Render the op-ed and register a label for every paragraph and sentence."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        document = load_oped()
        std = self.env.get_domain("std")
        for paragraph in (*document.paragraphs, document.byline):
            std.note_hyperlink_target(label_for(paragraph.anchor), self.env.docname,
                                      paragraph.anchor, paragraph.display)
            for sentence in paragraph.sentences:
                std.note_hyperlink_target(label_for(sentence.anchor), self.env.docname,
                                          sentence.anchor, f"sentence {sentence.id}")
        html = nodes.raw("", render_oped_html(document), format="html")
        # Non-HTML builders (LaTeX/PDF, text) get plain numbered paragraphs.
        fallback = addnodes.only(expr="not html")
        for paragraph in (*document.paragraphs, document.byline):
            prefix = f"¶{paragraph.number}  " if paragraph.number else ""
            fallback += nodes.paragraph("", prefix + paragraph.text)
        return [html, fallback]
