"""Directives that show the pack's text and its annotations.

- ``{case-text}``: the text, verbatim, with paragraph and sentence anchors. With the option
  ``:layers: all`` (or a comma list such as ``claims, frames``) it adds the annotation
  layers the pack declares as highlights a reader switches on. (The first case's
  directive name is kept as a deprecated alias.)
- ``{annotation-table}``: one layer of the annotations as a table (paragraph link, quote,
  label, note, citations); ``:layer: frames`` is required, ``:paragraphs: 3, 5`` optional.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains.std import StandardDomain
from sphinx.util.docutils import SphinxDirective

from ..content.annotations import AnnotationError, AnnotationSet, load_annotations
from ..content.annotations import paragraph_list as parse_paragraphs
from ..content.bib import read_bib
from ..text.case import load_text, paragraph_anchor, sentence_anchor
from ..text.text_html import render_text_html
from ..text.typography import in_double_quotes
from .config import pack_bib
from .html_face import html_face
from .references import _xref, label_for
from .tables import table_node

BIBLIOGRAPHY_PAGE = "bibliography"  # the book's list of sources: any doc of that name


def bibliography_doc(found_docs) -> str | None:
    """The book's bibliography page: the first doc (in sorted order) named ``bibliography``
    (``chapters/bibliography`` in the kit's book and the practice book); ``None`` if none."""
    return next((doc for doc in sorted(found_docs)
                 if doc.rsplit("/", 1)[-1] == BIBLIOGRAPHY_PAGE), None)


def _bib_path(directive: SphinxDirective) -> Path | None:
    """The pack's bibliography (:func:`medialit.sphinxext.config.pack_bib`)."""
    return pack_bib(directive.env.srcdir)


def _load(directive: SphinxDirective) -> AnnotationSet:
    """The annotations, checked against the pack's bibliography; a rebuild follows edits."""
    annotations = load_annotations(bib=_bib_path(directive) or False)
    directive.env.note_dependency(annotations.path)
    return annotations


def _layer_list(value: str | None, declared: list[str]) -> list[str]:
    """The layers an option names (``all``, ``none`` or a list), checked against the pack's."""
    if value is None or value.strip() in ("", "none"):
        return []
    if value.strip() == "all":
        return list(declared)
    layers = [part.strip() for part in value.replace(",", " ").split()]
    unknown = [la for la in layers if la not in declared]
    if unknown:
        raise ValueError(f"unknown layer(s) {unknown}; layers are {declared} or 'all'")
    return layers


class case_text_node(html_face):
    """The text with its anchors and layers (plain paragraphs in the ``only`` node beside it)."""


class CaseTextDirective(SphinxDirective):
    """Render the pack's text and register a label for every paragraph and sentence."""

    has_content = False
    option_spec: ClassVar[dict] = {"layers": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from ..pack import current_pack

        document = load_text()
        std = cast(StandardDomain, self.env.get_domain("std"))
        home = current_pack().text_page
        # References link to the text's own page (the pack's text.page); another page may show
        # the text again (with layers) without claiming the anchors twice. A book without that
        # page (a fixture, a new case's first draft) gives them to the page that shows the text.
        claims = home in (None, self.env.docname) or home not in self.env.found_docs
        for paragraph in (document.all_paragraphs if claims else ()):
            std.note_hyperlink_target(label_for(paragraph.anchor), self.env.docname,
                                      paragraph.anchor, paragraph.display)
            for sentence in paragraph.sentences:
                std.note_hyperlink_target(label_for(sentence.anchor), self.env.docname,
                                          sentence.anchor, f"sentence {sentence.id}")
        try:
            wanted = self.options.get("layers")
            annotations = _load(self) if wanted and wanted.strip() != "none" else None
            layers = _layer_list(wanted, [la.id for la in annotations.layers]
                                 if annotations else [])
        except (ValueError, AnnotationError) as exc:
            raise self.error(f"{self.name}: {exc}") from None
        if annotations is not None:
            bib = _bib_path(self)
            entries = read_bib(bib) if bib else {}
            sources_href = None
            bibliography = bibliography_doc(self.env.found_docs)
            if bibliography is not None:
                sources_href = self.env.app.builder.get_relative_uri(self.env.docname,
                                                                     bibliography)
            html = render_text_html(
                document,
                annotations=[a for a in annotations if a.layer in layers],
                layers=[la for la in annotations.layers if la.id in layers],
                cite_label=lambda key: entries[key].short if key in entries else key,
                sources_href=sources_href,
            )
        else:
            html = render_text_html(document)
        face = case_text_node("", html)
        # Non-HTML builders (LaTeX/PDF, text) get plain numbered paragraphs.
        fallback = addnodes.only(expr="not html")
        for paragraph in document.all_paragraphs:
            prefix = f"¶{paragraph.number}  " if paragraph.number else ""
            fallback += nodes.paragraph("", prefix + paragraph.text)
        return [face, fallback]


class AnnotationTableDirective(SphinxDirective):
    """One annotation layer as a table: where, what words, which label, what it does, sources."""

    has_content = False
    option_spec: ClassVar[dict] = {"layer": directives.unchanged_required,
                                   "paragraphs": directives.unchanged,
                                   "class": directives.class_option}
    HEADERS = ("Where", "Words in the {noun}", "Label", "What the text does", "Sources")
    WIDTHS = (8, 30, 14, 36, 12)

    def run(self) -> list[nodes.Node]:
        layer = (self.options.get("layer") or "").strip()
        try:
            annotations = _load(self)
            rows = annotations.in_layer(layer, parse_paragraphs(self.options.get("paragraphs")))
        except KeyError as exc:
            raise self.error(f"annotation-table: {exc.args[0]}") from None
        except AnnotationError as exc:
            raise self.error(f"annotation-table: {exc}") from None
        if not rows:
            raise self.error(f"annotation-table: no annotations in layer {layer!r} for "
                             f"paragraphs {self.options.get('paragraphs')!r}")
        classes = ["annotation-table", f"annotation-table-{layer}", *self.options.get("class", [])]
        headers = tuple(h.format(noun=load_text().noun) for h in self.HEADERS)
        return [table_node(headers, self.WIDTHS, (self._cells(a) for a in rows),
                           classes=classes,
                           title=f"{annotations.layer(layer).name} in the {load_text().noun}")]

    def _cells(self, a) -> list[nodes.Node]:
        where = nodes.paragraph()
        first = a.sentence_ids[0]
        shown = "byline" if a.paragraph == "byline" else f"¶{first}"
        target = sentence_anchor(first) if a.sentence_ids else paragraph_anchor(a.paragraph)
        where += _xref(label_for(target), nodes.inline("", shown, classes=["oped-sentence-ref"]))
        quote = nodes.paragraph()
        quote += nodes.inline("", in_double_quotes(a.quote), classes=["oped-quote"])
        label = nodes.paragraph("", a.label)
        note = nodes.paragraph("", a.note)
        sources = nodes.paragraph()
        if a.cite:
            cite_nodes, messages = self.state.inline_text(
                "{cite:p}`" + ",".join(a.cite) + "`", self.lineno)
            sources += cite_nodes
            sources += messages
        else:
            sources += nodes.Text("—")
        return [where, quote, label, note, sources]


OpedTextDirective = CaseTextDirective  # deprecated alias (the kit's first case was an op-ed)
