"""Question text for learning platforms: inline Markdown and text references as safe HTML.

Everything in a bank is inline Markdown (``medialit.quiz.markup``) and may hold the kit's text
reference roles (``{quote}`words```, ``{sentence}`5.2```, ``{para}`5```). Outside the book
there is no text page to link to, so a role becomes words a reader can use on their own: a
quote in quotation marks with its sentence id, a sentence id with the sentence's text, a
paragraph id. Links are kept only when they leave the book (``http(s):``, ``mailto:``); a link
into the book's own pages keeps its words and loses its target. All text is escaped.
"""

from __future__ import annotations

import re
from html import escape

from ..quiz.markup import Token, parse_inline, tokens_to_html, tokens_to_plain
from ..text.case import Document, QuoteNotFound, UnknownSentence, load_text
from ..text.refs import ROLE, resolve

_EXTERNAL = ("http://", "https://", "mailto:")
_MARK = "\ue000{}\ue001"  # private-use characters: inert in Markdown, never in bank text
_MARKED = re.compile("\ue000(\\d+)\ue001")


def _ids(sentence_ids: list[str]) -> str:
    first, last = sentence_ids[0], sentence_ids[-1]
    return f"¶{first}" if first == last else f"¶{first}–{last}"


def role_text(role: str, value: str, document: Document) -> str:
    """The words that stand for one text reference outside the book."""
    try:
        ref = resolve(role, value, document)
    except (QuoteNotFound, UnknownSentence, ValueError):
        # `medialit check` reports a bad reference; an export still says what was written.
        return f"“{value}”" if role == "quote" else f"¶{value}"
    if role == "quote":
        return f"“{value}” ({ref.ids})"
    if role == "sentence":
        return f"¶{value} “{ref.text}”"
    return ref.shown


def _outside_book(tokens: list[Token], roles: list[str]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        tok = dict(tok)
        if tok["t"] in ("text", "code") and "\ue000" in tok["v"]:
            tok = {"t": "text", "v": _MARKED.sub(lambda m: roles[int(m.group(1))], tok["v"])}
        if "c" in tok:
            tok["c"] = _outside_book(tok["c"], roles)
        if tok["t"] == "link" and not tok.get("href", "").startswith(_EXTERNAL):
            out.extend(tok["c"])  # the words stay, the link into the book goes
            continue
        out.append(tok)
    return out


def tokens(text: str, document: Document | None = None) -> list[Token]:
    """Inline Markdown with text roles resolved and in-book links unlinked."""
    roles: list[str] = []

    def mark(match: re.Match) -> str:
        roles.append(role_text(match.group(1), match.group(2), document or load_text()))
        return _MARK.format(len(roles) - 1)

    return _outside_book(parse_inline(ROLE.sub(mark, text)), roles)


def html(text: str, document: Document | None = None) -> str:
    """Escaped inline HTML of one bank string."""
    return tokens_to_html(tokens(text, document))


def para(text: str, document: Document | None = None) -> str:
    return f"<p>{html(text, document)}</p>"


def plain(text: str, document: Document | None = None) -> str:
    """The words only (for names and platforms' plain-text fields, such as match answers)."""
    return tokens_to_plain(tokens(text, document))


def sentence_text(sentence_id: str, document: Document) -> str:
    """A labelled sentence as plain text: ``¶5.1 “…”``."""
    return f"¶{sentence_id} “{document.sentence(sentence_id).text}”"


def text_paragraph_html(number: int, document: Document) -> str:
    """The paragraph a question works on, so the question makes sense without the book."""
    text = document.paragraph(number).text
    return f"<blockquote><p><strong>¶{number}</strong> {escape(text)}</p></blockquote>"


def items_html(items: list[str], document: Document | None = None) -> str:
    return "<ul>" + "".join(f"<li>{html(i, document)}</li>" for i in items) + "</ul>"
