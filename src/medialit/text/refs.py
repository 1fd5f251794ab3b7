"""The one resolver of the text-reference roles: ``{quote}`words```, ``{sentence}`5.2```,
``{para}`5```.

Every face resolves a role here (the book's roles, ``medialit check``, the exports, the printed
handouts), so a reference means the same thing, and fails the same way, everywhere: a quote
must be verbatim in the pack's text, a sentence id and a paragraph label must exist.
:data:`ROLE` finds the roles in a line of MyST.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..io.myst import role_pattern
from .case import (
    BYLINE,
    Document,
    QuoteNotFound,
    UnknownSentence,
    load_text,
    paragraph_anchor,
    sentence_anchor,
)
from .typography import in_double_quotes

ROLES = ("quote", "sentence", "para")
#: A text-reference role in MyST: group 1 the role, group 2 its content (medialit.io.myst).
ROLE = role_pattern(*ROLES)


@dataclass(frozen=True)
class Reference:
    """What a role points at: the sentences, the anchor on the text's page, what to show."""

    role: str
    value: str
    sentence_ids: tuple[str, ...]
    paragraph: str
    anchor: str  # p5-s2, p5, byline-s1
    shown: str  # “the words”, ¶5.2, ¶5, byline
    text: str  # the quoted words, the sentence's text or the paragraph's text

    @property
    def ids(self) -> str:
        """``¶5.2`` or ``¶5.2–5.3``: where a quote stands, for faces with no link."""
        first, last = self.sentence_ids[0], self.sentence_ids[-1]
        return f"¶{first}" if first == last else f"¶{first}–{last}"


def resolve(role: str, value: str, document: Document | None = None) -> Reference:
    """The reference ``{role}`value```; raises :class:`~medialit.text.case.QuoteNotFound` or
    :class:`~medialit.text.case.UnknownSentence` (both :class:`~medialit.errors.MedialitError`)."""
    document = document or load_text()
    if role == "quote":
        span = document.find(value)
        return Reference(role, value, span.sentence_ids, span.paragraph,
                         sentence_anchor(span.sentence_ids[0]), in_double_quotes(span.text), span.text)
    if role == "sentence":
        sentence = document.sentence(value.strip())
        shown = "byline" if sentence.paragraph == BYLINE else f"¶{sentence.id}"
        return Reference(role, value, (sentence.id,), sentence.paragraph, sentence.anchor,
                         shown, sentence.text)
    if role == "para":
        paragraph = document.paragraph(value.strip().lstrip("¶"))
        return Reference(role, value, tuple(s.id for s in paragraph.sentences), paragraph.label,
                         paragraph_anchor(paragraph.label), paragraph.display, paragraph.text)
    raise ValueError(f"{role!r} is not a text-reference role ({', '.join(ROLES)})")


def problem(role: str, value: str, document: Document | None = None) -> str | None:
    """What is wrong with ``{role}`value``` (``None``: it matches the text)."""
    try:
        resolve(role, value, document)
    except (QuoteNotFound, UnknownSentence) as exc:
        return str(exc)
    return None
