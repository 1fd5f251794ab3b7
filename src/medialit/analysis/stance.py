"""Hedges and boosters: lexicon hits with positions, and counts per paragraph.

Rule: a hit is a lexicon term found as whole words (case-insensitive; letters, digits,
hyphens and apostrophes count as word characters, so "all" does not match inside "allegedly"),
with any whitespace between the words of a multi-word term. Where two terms of the same kind
overlap ("more than" and a hypothetical "more"), the longer one wins. A hit is a candidate:
"could" in "could stay" grants permission and is not a hedge. Counts are not verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text.case import Document
from .lexicons import Lexicon, load_lexicon
from .text import as_document, body_sentences, phrase_pattern

HEDGE, BOOSTER = "hedge", "booster"


@dataclass(frozen=True)
class StanceMarker:
    """One lexicon hit: ``document.text[start:end] == text``."""

    kind: str  # "hedge" or "booster"
    term: str  # the lexicon entry that matched
    text: str  # the words as they appear in the text
    sentence_id: str
    paragraph: str
    start: int
    end: int
    note: str = ""  # the lexicon's remark on this term, if any


@dataclass(frozen=True)
class ParagraphCounts:
    paragraph: str
    words: int
    hedges: int
    boosters: int

    @property
    def hedges_per_100_words(self) -> float:
        return round(100 * self.hedges / self.words, 2) if self.words else 0.0

    @property
    def boosters_per_100_words(self) -> float:
        return round(100 * self.boosters / self.words, 2) if self.words else 0.0


def find_stance_markers(text: str | Document, hedges: Lexicon | None = None,
                        boosters: Lexicon | None = None) -> list[StanceMarker]:
    """Every hedge and booster in the text, in text order (a byline is not scanned)."""
    document = as_document(text)
    lexicons = ((HEDGE, hedges or load_lexicon("hedges")),
                (BOOSTER, boosters or load_lexicon("boosters")))
    found: list[StanceMarker] = []
    for sentence in body_sentences(document):
        for kind, lexicon in lexicons:
            hits: list[tuple[int, int, str]] = []
            # longest terms first, so a longer phrase claims its words before a shorter one
            for term in sorted(lexicon.words(), key=lambda t: (-len(t), t)):
                for match in phrase_pattern(term).finditer(sentence.text):
                    if any(s < match.end() and match.start() < e for s, e, _ in hits):
                        continue
                    hits.append((match.start(), match.end(), term))
            for s, e, term in hits:
                found.append(StanceMarker(kind, term, sentence.text[s:e], sentence.id,
                                          sentence.paragraph, sentence.start + s,
                                          sentence.start + e, lexicon.note(term)))
    return sorted(found, key=lambda m: (m.start, m.kind))


def count_by_paragraph(text: str | Document,
                       markers: list[StanceMarker] | None = None) -> list[ParagraphCounts]:
    """Words, hedges and boosters per numbered paragraph (pass ``markers`` to reuse a scan)."""
    document = as_document(text)
    markers = find_stance_markers(document) if markers is None else markers
    rows = []
    for paragraph in document.paragraphs:
        mine = [m for m in markers if m.paragraph == paragraph.label]
        rows.append(ParagraphCounts(
            paragraph=paragraph.label,
            words=len(paragraph.text.split()),
            hedges=sum(m.kind == HEDGE for m in mine),
            boosters=sum(m.kind == BOOSTER for m in mine),
        ))
    return rows


__all__ = ["ParagraphCounts", "StanceMarker", "count_by_paragraph", "find_stance_markers"]
