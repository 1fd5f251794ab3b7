"""Self-contained HTML documents for print: the shell every handout shares, and the text pages.

A handout is one HTML string with its CSS inlined (``print.css``, plus the book's own
``annotations.css`` for an annotated text), so Chromium needs no file and no network to
print it. The text's markup is the book's (:func:`medialit.text.text_html.render_oped_html`): the
same paragraph numbers, sentence numbers and annotation markers, styled for paper.

Every page carries a running head (what the handout is) at the top left, where the book is
at the bottom left, and "Page n of N" at the bottom right, drawn in the page margins by CSS
(``@page`` margin boxes), so the text itself holds nothing but the handout.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources

from markdown_it import MarkdownIt

from ..content.annotations import AnnotationSet
from ..content.bib import BibEntry
from ..text.case import Document
from ..text.text_html import render_annotation_notes_html, render_text_html

NOTES_LABEL = "Your notes"  # above the ruled margin of the text pages


@dataclass(frozen=True)
class Handout:
    """One printable document: its PDF's file stem, title, margin texts and HTML."""

    name: str  # "oped", "oped-claims", "worksheet-set-a-framing", "answer-key-set-a-framing"
    title: str
    head: str  # running head, top left of every page
    foot: str  # where the book is, bottom left of every page
    html: str
    from_solutions: bool = False  # built from solutions/: instructors only

    @property
    def filename(self) -> str:
        return f"{self.name}.pdf"


def book_title() -> str:
    """The book's title: the current pack's ``title``."""
    from ..pack import current_pack

    return current_pack().title


def text_page() -> str:
    """The HTML page of the book that shows the text (the pack's ``text.page``)."""
    from ..pack import PackError, current_pack

    pack = current_pack()
    if pack.text_page is None:
        raise PackError(f"{pack.manifest_path}: the pack names no text page (text.page): the "
                        "handouts link to it", file=str(pack.manifest_path), field="text.page")
    return f"{pack.text_page}.html"


def __getattr__(name: str):
    if name == "BOOK_TITLE":  # deprecated: book_title()
        return book_title()
    raise AttributeError(name)


def book_line(book_url: str | None = None) -> str:
    """The line on every page that says where the book is."""
    from ..pack import current_pack

    noun = current_pack().text_noun
    where = book_url or f"the page “The {noun}” ({text_page()})"
    return f"From the book {book_title()}: {where}"


# -- the shell --------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _stylesheet(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def css_string(text: str) -> str:
    """``text`` as a CSS string literal that is also safe inside ``<style>``."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
               .replace("<", "\\3C "))
    return f'"{escaped}"'


def html_document(*, title: str, head: str, foot: str, body: str, body_class: str,
                  annotations_css: bool = False) -> str:
    """A complete HTML page: the print CSS inlined, the running head and foot in its margins."""
    css = [_stylesheet("medialit.handouts", "print.css")]
    if annotations_css:  # the book's own layer styles: lines and patterns, not only colour
        css.insert(0, _stylesheet("medialit.sphinxext", "static/annotations.css"))
    margins = (
        "@page {\n"
        f"  @top-left {{ content: {css_string(head)}; }}\n"
        f"  @bottom-left {{ content: {css_string(foot)}; }}\n"
        "}\n"
        f"@page oped {{ @top-right {{ content: {css_string(NOTES_LABEL)}; }} }}\n"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f"<style>\n{''.join(css)}\n{margins}</style></head>"
        f'<body class="{escape(body_class)}">\n{body}\n</body></html>\n'
    )


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # CommonMark with tables; raw HTML in a cell shows as text, never as markup.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_html(text: str) -> str:
    """Markdown (a notebook cell, an answer key) as HTML."""
    return _markdown().render(text)


def sources_html(keys: list[str], entries: dict[str, BibEntry], heading: str = "Sources",
                 level: int = 2) -> str:
    """Full references for print, where a citation cannot link to the bibliography."""
    if not keys:
        return ""
    items = []
    for key in dict.fromkeys(keys):
        entry = entries.get(key)
        if entry is None:
            items.append(f"<li>{escape(key)}</li>")
            continue
        url = f' <span class="url">{escape(entry.url)}</span>' if entry.url else ""
        title = entry.title.replace("{", "").replace("}", "")
        items.append(f"<li>{escape(entry.short)}. {escape(title)}.{url}</li>")
    return (f'<section class="sources"><h{level}>{escape(heading)}</h{level}>'
            f'<ul>{"".join(items)}</ul></section>')


# -- the text ------------------------------------------------------------------------------

def _text_front(title: str, provenance: str, how_to_read: str) -> str:
    return (
        f'<header class="handout-head"><p class="kicker">{escape(book_title())}</p>'
        f"<h1>{escape(title)}</h1>"
        f'<p class="how">{how_to_read}</p></header>{provenance}'
    )


def _noun() -> str:
    from ..pack import current_pack

    return current_pack().text_noun


def _file_stem() -> str:
    """The text handout's file name: the noun's letters and digits (so the first pack's file
    name is kept as it was, an alias)."""
    return "".join(ch for ch in _noun().lower() if ch.isalnum()) or "text"


def how_to_read() -> str:
    from ..text.case import load_text

    count = len(load_text().paragraphs)
    return (f"The {_noun()}, reproduced word for word for criticism and review. ¶1–¶{count} "
            "number the paragraphs; the small numbers before each sentence number the "
            "sentences (5.2 is paragraph 5, sentence 2), as in the book. Write your notes in "
            "the ruled margin.")


def text_handout(document: Document, provenance: str, foot: str) -> Handout:
    """The text with paragraph and sentence numbers and a wide ruled margin for notes."""
    body = (
        '<div class="oped-sheet">'
        + _text_front(f"The {_noun()}, with paragraph and sentence numbers", provenance,
                      escape(how_to_read()))
        + render_text_html(document)
        + "</div>"
    )
    noun = _noun()
    head = f"The {noun}, verbatim — {book_title()}"
    return Handout(_file_stem(), f"The {noun}", head, foot,
                   html_document(title=f"The {noun}", head=head, foot=foot, body=body,
                                 body_class="handout-oped"))


def annotated_text_handout(document: Document, annotations: AnnotationSet, layer_id: str,
                           entries: dict[str, BibEntry], foot: str) -> Handout:
    """The text with one annotation layer marked (lines and patterns that survive grayscale),
    a numbered marker after each passage, and the notes after the text."""
    layer = annotations.layer(layer_id)
    chosen = annotations.in_layer(layer_id)

    def short(key: str) -> str:
        return entries[key].short if key in entries else key

    text = render_text_html(document, annotations=chosen, layers=[layer], cite_label=short,
                            layers_on=[layer_id])
    notes = render_annotation_notes_html(chosen, [layer], cite_label=short)
    cited = [key for a in chosen for key in a.cite]
    how = (
        f"{escape(layer.description)} Each marked passage is "
        f'<span class="oped-annotated"><span class="oped" data-on="{escape(layer_id)}">'
        f'<span class="ann" data-layers="{escape(layer_id)}">drawn like this</span></span>'
        f"</span> and ends with a marker such as {escape(layer.marker)}1; the notes, in marker "
        f"order, follow the text. {len(chosen)} passages are marked. Paragraph and sentence "
        "numbers are the book's."
    )
    title = f"The {_noun()} with the annotation layer “{layer.name}”"
    body = (
        '<div class="oped-sheet">'
        + _text_front(title, "", how)
        + text
        + "</div>"
        + f'<section class="endnotes" data-layer="{escape(layer_id)}">'
        + f"<h2>Notes: {escape(layer.name)}</h2>"
        + '<p class="how">Each note says what the marked words do in the text, not why the '
        "writer chose them.</p>"
        + notes
        + sources_html(cited, entries, "Sources cited in the notes")
        + "</section>"
    )
    head = f"The {_noun()}, layer {layer.name} — {book_title()}"
    return Handout(f"{_file_stem()}-{layer_id}", title, head, foot,
                   html_document(title=title, head=head, foot=foot, body=body,
                                 body_class="handout-oped handout-annotated",
                                 annotations_css=True))
