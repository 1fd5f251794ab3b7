"""Inline Markdown of question text, parsed once into plain tokens every face can render safely.

Prompts, options, feedback, hints and explanations are *inline* Markdown: ``**strong**``,
``*emphasis*``, ```code```, ``[links](url)``. Everything else (raw HTML such as ``<script>``,
backslashes, TeX such as ``\\frac{a}{b}``, entities such as ``&amp;``) is text and shows as
written: the parser runs with the html, escape and entity rules off. The static face builds DOM
nodes from the tokens with ``textContent``; the widget face escapes them into HTML here.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when first needed: the student path (answer checks) never is
    from markdown_it import MarkdownIt

Token = dict  # {"t": "text", "v": "..."} | {"t": "strong"|"em", "c": [...]} | code | link | br

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/", "./", "../")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.disable(["html_inline", "escape", "entity", "autolink", "image"])
    return md


def parse_inline(text: str) -> list[Token]:
    """Inline Markdown -> a list of tokens (nested for strong/em/link)."""
    children = _parser().parseInline(text)[0].children or []
    root: list[Token] = []
    stack: list[list[Token]] = [root]
    for tok in children:
        if tok.type == "text":
            _add_text(stack[-1], tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            stack[-1].append({"t": "br"})
        elif tok.type == "code_inline":
            stack[-1].append({"t": "code", "v": tok.content})
        elif tok.type in ("strong_open", "em_open", "link_open"):
            node: Token = {"t": tok.type.split("_")[0], "c": []}
            if tok.type == "link_open":
                href = str(tok.attrs.get("href", ""))
                node["href"] = href if href.startswith(_SAFE_SCHEMES) else ""
            stack[-1].append(node)
            stack.append(node["c"])
        elif tok.type.endswith("_close") and len(stack) > 1:
            stack.pop()
        else:  # anything else shows as written
            _add_text(stack[-1], tok.content)
    return root


def _add_text(into: list[Token], text: str) -> None:
    if into and into[-1]["t"] == "text":
        into[-1]["v"] += text
    elif text:
        into.append({"t": "text", "v": text})


def tokens_to_html(tokens: list[Token]) -> str:
    """Escaped HTML for the widget face and the no-script fallback."""
    out = []
    for tok in tokens:
        kind = tok["t"]
        if kind == "text":
            out.append(escape(tok["v"]))
        elif kind == "br":
            out.append("<br>")
        elif kind == "code":
            out.append(f"<code>{escape(tok['v'])}</code>")
        elif kind == "link":
            inner = tokens_to_html(tok["c"])
            out.append(f'<a href="{escape(tok["href"])}">{inner}</a>' if tok["href"] else inner)
        else:
            tag = "strong" if kind == "strong" else "em"
            out.append(f"<{tag}>{tokens_to_html(tok['c'])}</{tag}>")
    return "".join(out)


def inline_html(text: str) -> str:
    return tokens_to_html(parse_inline(text))


def tokens_to_plain(tokens: list[Token]) -> str:
    out = []
    for tok in tokens:
        if tok["t"] in ("text", "code"):
            out.append(tok["v"])
        elif tok["t"] == "br":
            out.append("\n")
        else:
            out.append(tokens_to_plain(tok["c"]))
    return "".join(out)


def plain(text: str) -> str:
    """The words of inline Markdown without its markup (for labels and the live region)."""
    return tokens_to_plain(parse_inline(text))
