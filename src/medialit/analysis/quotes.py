"""Phrases in quotation marks, what kind of quotation each is, and who is quoted.

A *quoted phrase* is the text between double quotation marks (curly “…” or straight "…");
trailing ``, . ; :`` inside the marks are dropped from the phrase. Apostrophes (’ ') are not
quotation marks. An opening mark without a closing one raises ``ValueError`` naming the
sentence id.

Each phrase gets a ``kind`` by the first rule that applies (a documented heuristic):

1. ``mention`` — the words right before it are "the term", "the word", "the phrase", "the
   expression" or "the label": the text talks *about* the word (use vs mention).
2. ``name`` — two or more words, each content word capitalised ("Selka River Commission
   Region"): an official or proper name in quotation marks.
3. ``quotation`` — an attribution cue (see :mod:`.attributions`) stands at most
   ``CUE_WINDOW`` words before the opening mark in the same sentence: the text presents the
   words as someone's. ``source`` is that cue's source, or ``None`` when the sentence does
   not name one.
4. ``scare quote`` — otherwise: the marks are not tied to a speaker in the sentence, so they
   set the words apart (distance, doubt, or a quotation whose source the reader must find).

The rules read the sentence only. They cannot know whether the quoted words really are the
source's words; checking that needs the source itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import MedialitError
from ..text.case import Document
from .attributions import Attribution, find_attributions
from .text import as_document, body_sentences

CUE_WINDOW = 12  # words between an attribution cue and the opening quotation mark
_PAIRS = {"“": "”", '"': '"'}
_MENTION = re.compile(r"\bthe\s+(?:term|word|phrase|expression|label)\s*$", re.IGNORECASE)
_SMALL = frozenset({"of", "the", "and", "for", "on", "in", "a", "an", "to"})


class UnbalancedQuotes(MedialitError, ValueError):
    """A quotation mark that is never closed (or closed without being opened)."""


@dataclass(frozen=True)
class QuotedPhrase:
    """Words in quotation marks: ``document.text[start:end] == text`` (marks excluded)."""

    text: str
    kind: str  # "mention" | "name" | "quotation" | "scare quote"
    source: str | None
    sentence_id: str
    paragraph: str
    start: int
    end: int
    reason: str  # which rule gave the kind, in words


def _spans(sentence: str, sentence_id: str) -> list[tuple[int, int]]:
    """(start, end) of the inner text of each quoted span, punctuation at its end dropped."""
    spans = []
    i = 0
    while i < len(sentence):
        ch = sentence[i]
        if ch in _PAIRS:
            close = sentence.find(_PAIRS[ch], i + 1)
            if close < 0:
                raise UnbalancedQuotes(f"sentence {sentence_id}: opening quotation mark {ch} at "
                                 f"character {i + 1} has no closing mark")
            start, end = i + 1, close
            while end > start and sentence[end - 1] in ",.;:":
                end -= 1
            spans.append((start, end))
            i = close + 1
        elif ch == "”":
            raise UnbalancedQuotes(f"sentence {sentence_id}: closing quotation mark ” at character "
                             f"{i + 1} has no opening mark")
        else:
            i += 1
    return spans


def _is_name(phrase: str) -> bool:
    words = phrase.split()
    content = [w for w in words if w.lower() not in _SMALL]
    return len(words) >= 2 and bool(content) and all(w[:1].isupper() for w in content)


def find_quoted_phrases(text: str | Document,
                        attributions: list[Attribution] | None = None) -> list[QuotedPhrase]:
    """Every quoted phrase in the text with its kind and source, in text order."""
    document = as_document(text)
    attributions = find_attributions(document) if attributions is None else attributions
    found: list[QuotedPhrase] = []
    for sentence in body_sentences(document):
        cues = [a for a in attributions if a.sentence_id == sentence.id]
        for s, e in _spans(sentence.text, sentence.id):
            phrase = sentence.text[s:e]
            before = sentence.text[:s - 1]
            source: str | None = None
            if _MENTION.search(before):
                kind, reason = "mention", "follows “the term/word/phrase”: the text talks about the word"
            elif _is_name(phrase):
                kind, reason = "name", "capitalised words: a name in quotation marks"
            else:
                near = [a for a in cues if a.end - sentence.start <= s
                        and len(sentence.text[a.end - sentence.start:s].split()) <= CUE_WINDOW]
                if near:
                    cue = near[-1]
                    kind, source = "quotation", cue.source
                    reason = (f"“{cue.cue_text}” {len(sentence.text[cue.end - sentence.start:s].split())}"
                              f" words before: presented as someone's words")
                else:
                    kind = "scare quote"
                    reason = "no attribution cue just before it in the sentence"
            found.append(QuotedPhrase(phrase, kind, source, sentence.id, sentence.paragraph,
                                      sentence.start + s, sentence.start + e, reason))
    return found


def who_is_quoted(text: str | Document) -> dict[str, int]:
    """How many quoted phrases the heuristic links to each source ("not named" if none).

    Only phrases of kind ``quotation`` count; names, mentions and scare quotes are not quotes
    of anyone.
    """
    counts: dict[str, int] = {}
    for phrase in find_quoted_phrases(text):
        if phrase.kind == "quotation":
            key = _normalise_source(phrase.source) if phrase.source else "not named"
            counts[key] = counts.get(key, 0) + 1
    return counts


def _normalise_source(source: str) -> str:
    words = source.split()
    if words and words[0].lower() == "the":
        words[0] = "the"
    return " ".join(words)
