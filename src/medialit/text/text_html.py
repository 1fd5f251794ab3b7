"""HTML face of the text: numbered paragraphs and linkable sentences (``#p5``, ``#p5-s2``).

Every piece of the text goes through :func:`html.escape`; the words are never changed, only
wrapped. Sentence numbers are drawn by CSS from ``data-sid`` so that copying the text copies
the text's words and nothing else.

With annotations (:func:`render_text_html` ``annotations=``), each sentence is cut at every
annotation boundary into segments; a segment covered by annotations becomes
``<span class="ann" data-layers="claims frames" data-ann="id1 id2">``, so overlapping spans of
different layers never need nesting. After the last segment of each annotation comes a
marker button (its visible letter-and-number drawn by CSS from ``data-marker``) and a hidden
note that the button shows and that is its ``aria-describedby``. A toolbar of layer
checkboxes and a legend precede the text; ``static/annotations.js`` makes them work. With no
layer switched on the page shows the plain text.

Print (:mod:`medialit.handouts`) uses the same markup with ``layers_on`` (the layer shown
without a script) and :func:`render_annotation_notes_html`, the notes as one list after the
text, since paper cannot open a note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from itertools import pairwise

from .case import Document, Paragraph, Sentence
from .typography import in_double_quotes


def _sentence_body(sentence: Sentence, plan: _Plan | None) -> str:
    if plan is None:
        return escape(sentence.text)
    return plan.render_sentence(sentence)


def _paragraph_html(paragraph: Paragraph, plan: _Plan | None = None) -> str:
    pieces: list[str] = []
    cursor = paragraph.start
    doc_text_offset = paragraph.start
    for sentence in paragraph.sentences:
        # keep whatever the text has between sentences (a space) exactly as it is
        pieces.append(escape(paragraph.text[cursor - doc_text_offset: sentence.start - doc_text_offset]))
        sid = escape(sentence.id)
        pieces.append(
            f'<span class="oped-s" id="{sentence.anchor}">'
            f'<a class="oped-sid" href="#{sentence.anchor}" data-sid="{sid}" '
            f'aria-label="sentence {sid}"></a>{_sentence_body(sentence, plan)}</span>'
        )
        cursor = sentence.end
    pieces.append(escape(paragraph.text[cursor - doc_text_offset:]))
    body = "".join(pieces)
    if paragraph.number is None:
        return f'<p class="oped-byline" id="{paragraph.anchor}">{body}</p>'
    return (
        f'<div class="oped-para" id="{paragraph.anchor}">'
        f'<a class="oped-pnum" href="#{paragraph.anchor}" '
        f'aria-label="paragraph {paragraph.number}">¶{paragraph.number}</a>'
        f"<p>{body}</p></div>"
    )


def render_text_html(document: Document, annotations: Sequence | None = None,
                     layers: Sequence | None = None,
                     cite_label: Callable[[str], str] | None = None,
                     sources_href: str | None = None, layers_on: Sequence[str] = ()) -> str:
    """The whole text, paragraphs ¶1–¶9 and the byline, as one HTML fragment.

    ``annotations`` (from :mod:`medialit.content.annotations`) and ``layers`` (their layer definitions,
    in legend order) add highlight layers; ``cite_label`` turns a references.bib key into a
    short label for the notes and ``sources_href`` links those labels to the bibliography.
    ``layers_on`` names the layers shown from the start (the printed handouts, which have no
    script to switch them on); the book's page starts with none.
    """
    plan = _Plan(annotations, layers, cite_label, sources_href) if annotations else None
    parts = [_paragraph_html(p, plan) for p in document.all_paragraphs]
    if plan is None:
        return (
            '<article class="oped" lang="en" aria-label="The text, reproduced verbatim">'
            + "\n".join(parts)
            + "</article>"
        )
    return (
        '<div class="oped-annotated">' + plan.toolbar_html() +
        '<article class="oped" lang="en" aria-label="The text, reproduced verbatim" '
        f'data-annotated="true" data-on="{escape(" ".join(layers_on))}">' + "\n".join(parts)
        + "</article></div>"
    )


def render_annotation_notes_html(annotations: Sequence, layers: Sequence | None = None,
                                 cite_label: Callable[[str], str] | None = None) -> str:
    """Every note as one ordered list, layer by layer in marker order (C1, C2, …, F1, …).

    The face for print, where a marker cannot open its note: the same markers and the same
    note text as the page, numbered by the same plan as :func:`render_text_html`.
    """
    plan = _Plan(annotations, layers, cite_label, None)
    ordered = sorted(plan.annotations, key=lambda a: (plan.order[a.layer], plan.number[a.id]))
    items = []
    for a in ordered:
        letter = plan.marker_letter(a.layer) + str(plan.number[a.id])
        where = "¶" + ", ¶".join(a.sentence_ids)
        items.append(f'<li class="ann-endnote" id="ann-endnote-{escape(a.id)}" '
                     f'data-layer="{escape(a.layer)}">{plan.note_html(a, letter, where)}</li>')
    return f'<ol class="ann-endnotes">{"".join(items)}</ol>'


class _Plan:
    """Where each annotation starts and ends, its marker number, and how it is drawn."""

    def __init__(self, annotations: Sequence, layers: Sequence | None,
                 cite_label: Callable[[str], str] | None, sources_href: str | None):
        self.layers = list(layers or [])
        self.layer_ids = [layer.id for layer in self.layers] or sorted({a.layer for a in annotations})
        order = {layer_id: i for i, layer_id in enumerate(self.layer_ids)}
        self.annotations = sorted((a for a in annotations if a.layer in order),
                                  key=lambda a: (a.start, order[a.layer], -a.end, a.id))
        self.by_layer = {la.id: la for la in self.layers}
        self.cite_label = cite_label or (lambda key: key)
        self.sources_href = sources_href
        self.order = order
        # Markers are numbered per layer in text order: C1, C2, …, F1, …
        self.number: dict[str, int] = {}
        counts: dict[str, int] = {}
        for a in sorted(self.annotations, key=lambda a: (a.end, order[a.layer], a.start, a.id)):
            counts[a.layer] = counts.get(a.layer, 0) + 1
            self.number[a.id] = counts[a.layer]
        self.counts = counts

    def marker_letter(self, layer_id: str) -> str:
        layer = self.by_layer.get(layer_id)
        return layer.marker if layer else layer_id[:1].upper()

    def layer_name(self, layer_id: str) -> str:
        layer = self.by_layer.get(layer_id)
        return layer.name if layer else layer_id

    # -- the text ------------------------------------------------------------------------
    def render_sentence(self, sentence: Sentence) -> str:
        s0, s1 = sentence.start, sentence.end
        inside = [a for a in self.annotations if a.start < s1 and s0 < a.end]
        cuts = sorted({s0, s1, *(max(a.start, s0) for a in inside), *(min(a.end, s1) for a in inside)})
        out: list[str] = []
        for lo, hi in pairwise(cuts):
            text = escape(sentence.text[lo - s0:hi - s0])
            cover = [a for a in inside if a.start <= lo and hi <= a.end]
            if cover:
                layer_list = " ".join(sorted({a.layer for a in cover},
                                             key=lambda layer: self.order[layer]))
                ids = " ".join(a.id for a in cover)
                out.append(f'<span class="ann" data-layers="{layer_list}" data-ann="{ids}">'
                           f"{text}</span>")
            else:
                out.append(text)
            ending = sorted((a for a in inside if a.end == hi),
                            key=lambda a: (self.order[a.layer], a.start, a.id))
            out.extend(self.marker_html(a) for a in ending)
        return "".join(out)

    def marker_html(self, a) -> str:
        letter = self.marker_letter(a.layer) + str(self.number[a.id])
        note_id = f"ann-note-{a.id}"
        name = f"{self.layer_name(a.layer)} {self.number[a.id]}: {a.label}"
        return (
            f'<button type="button" class="ann-marker" data-layer="{escape(a.layer)}" '
            f'data-marker="{escape(letter)}" aria-label="{escape(name)}" aria-expanded="false" '
            f'aria-controls="{note_id}" aria-describedby="{note_id}"></button>'
            f'<span class="ann-note" id="{note_id}" data-layer="{escape(a.layer)}" role="note" '
            f'hidden>{self.note_html(a, letter)}</span>'
        )

    def note_html(self, a, letter: str, where: str = "") -> str:
        place = f'<span class="ann-note-where">{escape(where)}</span> · ' if where else ""
        parts = [
            (f'<span class="ann-note-head"><span class="ann-note-marker">{escape(letter)}</span> '
             f"{place}{escape(self.layer_name(a.layer))} · {escape(a.label)}</span>"),
            f'<span class="ann-note-quote">{escape(in_double_quotes(a.quote))}</span>',
            f'<span class="ann-note-text">{escape(a.note)}</span>',
        ]
        if a.cite:
            labels = "; ".join(escape(self.cite_label(key)) for key in a.cite)
            if self.sources_href:
                labels = f'<a href="{escape(self.sources_href)}">{labels}</a>'
            parts.append(f'<span class="ann-note-cite">Sources: {labels}</span>')
        return "".join(parts)

    # -- the controls --------------------------------------------------------------------
    def toolbar_html(self) -> str:
        rows = []
        for layer_id in self.layer_ids:
            layer = self.by_layer.get(layer_id)
            description = escape(layer.description) if layer else ""
            control_id = f"ann-toggle-{layer_id}"
            rows.append(
                f'<li class="ann-legend-item" data-layer="{escape(layer_id)}">'
                f'<input type="checkbox" id="{control_id}" class="ann-toggle" '
                f'value="{escape(layer_id)}" aria-describedby="{control_id}-desc">'
                f'<label for="{control_id}"><span class="ann-swatch ann" '
                f'data-layers="{escape(layer_id)}" aria-hidden="true">'
                f"{escape(self.marker_letter(layer_id))}</span> "
                f"{escape(self.layer_name(layer_id))} "
                f'<span class="ann-count">({self.counts.get(layer_id, 0)})</span></label>'
                f'<span class="ann-desc" id="{control_id}-desc">{description}</span></li>'
            )
        return (
            '<fieldset class="ann-toolbar" hidden>'
            "<legend>Show annotation layers</legend>"
            '<p class="ann-help">Switch on a layer to mark its passages. Each mark ends with a '
            "button (a letter and a number, for example C3); press it, or the marked words, "
            "to read the note. "
            "The lines and patterns differ by layer, so colour is not needed to tell them "
            "apart.</p>"
            f'<ul class="ann-legend">{"".join(rows)}</ul>'
            '<p class="ann-actions"><button type="button" class="ann-all" data-action="all">'
            'Show all layers</button> <button type="button" class="ann-all" data-action="none">'
            "Hide all layers</button></p>"
            "</fieldset>"
        )
