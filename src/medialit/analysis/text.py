"""Turn the input of an analysis (a string or a ``Document``) into sentences with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..text.case import Document, Sentence

# A word: letters, digits, hyphens and apostrophes (’ and ') inside it, so that "one side’s",
# "Merovan-Osterlund" and "600,000" are single words ("," and "." join digits only).
WORD = re.compile(r"[^\W_](?:[\w’'\-]|[.,](?=\d))*", re.UNICODE)


def as_document(text: str | Document) -> Document:
    """A ``Document`` for ``text``; a string gets numbered paragraphs (one per line), no byline."""
    if isinstance(text, Document):
        return text
    if not isinstance(text, str):
        raise TypeError(f"expected a string or a Document, got {type(text).__name__}")
    return Document(text, has_byline=False)


def body_sentences(document: Document) -> Iterator[Sentence]:
    """The sentences of the numbered paragraphs in reading order (a byline is not analysed)."""
    for paragraph in document.paragraphs:
        yield from paragraph.sentences


def words(text: str) -> list[re.Match]:
    """Word matches in ``text`` (see :data:`WORD`)."""
    return list(WORD.finditer(text))


def phrase_pattern(phrase: str) -> re.Pattern:
    """A case-insensitive pattern matching ``phrase`` as whole words, any whitespace between."""
    parts = [re.escape(part) for part in phrase.split()]
    return re.compile(r"(?<![\w’'\-])" + r"\s+".join(parts) + r"(?![\w’'\-])", re.IGNORECASE)
