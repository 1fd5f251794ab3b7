"""HTML face of the op-ed: numbered paragraphs and linkable sentences (``#p5``, ``#p5-s2``).

Every piece of the text goes through :func:`html.escape`; the words are never changed, only
wrapped. Sentence numbers are drawn by CSS from ``data-sid`` so that copying the text copies
the op-ed's words and nothing else.
"""

from __future__ import annotations

from html import escape

from .case import Document, Paragraph


def _paragraph_html(paragraph: Paragraph) -> str:
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
            f'aria-label="sentence {sid}"></a>{escape(sentence.text)}</span>'
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


def render_oped_html(document: Document) -> str:
    """The whole op-ed, paragraphs ¶1–¶9 and the byline, as one HTML fragment."""
    parts = [_paragraph_html(p) for p in document.paragraphs]
    parts.append(_paragraph_html(document.byline))
    return (
        '<article class="oped" lang="en" aria-label="The op-ed, reproduced verbatim">'
        + "\n".join(parts)
        + "</article>"
    )
