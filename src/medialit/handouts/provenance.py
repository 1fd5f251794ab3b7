"""The text page's "Where this text comes from" box, rendered for print.

The box is written once, in ``chapters/document.md`` (a MyST admonition); the handout prints that
same text rather than a second copy. Its MyST roles become what the book shows:
``{quote}`words``` → “words” (checked verbatim against the text), ``{sentence}`5.2``` →
¶5.2, ``{para}`5``` → ¶5, ``{contested}`term``` → the term in italics, and
``{cite:p}`key``` → (Author year), with the full references listed under the box, since paper
cannot link to the bibliography.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.bib import BibEntry
from ..errors import MedialitError
from ..io.myst import OPTION, ROLE, directive_lines
from ..text.case import QuoteNotFound, UnknownSentence
from ..text.refs import ROLES, resolve
from .pages import markdown_html, sources_html

BOX_TITLE = "Where this text comes from"
_ROLE = ROLE  # the one MyST scanner's role pattern (groups name, text)


class ProvenanceError(MedialitError, ValueError):
    """The text page's provenance box is missing or uses a role print cannot show."""


@dataclass(frozen=True)
class Provenance:
    html: str
    cited: tuple[str, ...]


def admonition_markdown(page: Path, title: str = BOX_TITLE) -> str:
    """The body of the admonition called ``title`` in a MyST page (option lines dropped)."""
    try:
        lines = page.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ProvenanceError(f"cannot read the text page {page}: {exc.strerror}") from None
    for number, match in directive_lines("\n".join(lines), "admonition"):
        if match["rest"].strip() == title:
            fence = match["fence"]
            body: list[str] = []
            for inner in lines[number:]:
                if inner.strip() == fence:
                    return "\n".join(line for line in body if not OPTION.match(line))
                body.append(inner)
            raise ProvenanceError(f"{page}:{number}: the box “{title}” is not closed")
    raise ProvenanceError(f"{page} has no box “{title}” (a {{admonition}} with that title)")


def _replace_roles(markdown: str, entries: dict[str, BibEntry], page: Path) -> tuple[str, list]:
    cited: list[str] = []

    def role(match: re.Match) -> str:
        name, text = match.group("name"), match.group("text")
        if name in ROLES:
            try:
                ref = resolve(name, text)
            except (QuoteNotFound, UnknownSentence) as exc:
                raise ProvenanceError(f"{page}: {exc}") from None
            if name == "sentence":
                return f"¶{ref.sentence_ids[0]}"
            return f"“{text}”" if name == "quote" else ref.shown
        if name == "contested":
            return f"*{text}*"
        if name in ("cite", "cite:p", "cite:t"):
            keys = [key.strip() for key in text.split(",")]
            cited.extend(keys)
            labels = "; ".join(entries[k].short if k in entries else k for k in keys)
            return labels if name == "cite:t" else f"({labels})"
        raise ProvenanceError(f"{page}: the provenance box uses the role {{{name}}}, which the "
                              "printed handout cannot show; use quote, sentence, para, "
                              "contested or cite")

    return _ROLE.sub(role, markdown), cited


def provenance_box(page: Path, entries: dict[str, BibEntry]) -> Provenance:
    """The box as HTML (with its sources listed) and the references.bib keys it cites."""
    markdown, cited = _replace_roles(admonition_markdown(page), entries, page)
    html = (f'<section class="provenance"><h2>{BOX_TITLE}</h2>{markdown_html(markdown)}'
            f"{sources_html(cited, entries, level=3)}</section>")
    return Provenance(html, tuple(dict.fromkeys(cited)))
