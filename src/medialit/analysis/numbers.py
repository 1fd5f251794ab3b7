"""Numbers in a text and whose numbers they are.

Each run of digits (with thousands commas and a decimal point: "600,000", "12.5") becomes a
:class:`NumberMention` with a ``kind`` (a documented heuristic, first rule that applies):

- ``identifier`` — glued to letters ("G20") or after "Article", "Resolution", "No.",
  "paragraph", "§" ("Article 51"), and the rest of a list of them ("resolutions 822, 853
  and 874");
- ``date`` — after a month name ("September 19", "February 25–26"), before one ("1 March",
  a day from 1 to 31), or a day range before a comma and a year;
- ``year`` — a whole number from 1900 to 2099 with no unit after it;
- ``quantity`` — everything else: a count ("613 civilians") or a share ("80 percent").

``unit`` is ``percent`` when "percent", "per cent" or "%" follows, else ``count``;
``qualifier`` is an approximator right before the number ("more than", "about", "over",
"nearly", "almost", "at least", "up to", "some", "around", "approximately").

Whose number: the nearest ``number_attribution_cues`` term in the same sentence ("according
to X", "X estimated") gives ``attribution`` (the source, or the cue itself when no source is
named); with no cue in the sentence the number is ``"unattributed"``. A number attributed in
an earlier sentence counts as unattributed here: the rule reads one sentence. Number words
("two nations") are not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.case import Document
from .attributions import find_attributions
from .lexicons import load_lexicon
from .text import as_document, body_sentences

UNATTRIBUTED = "unattributed"
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:[–-](\d+))?")
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
_IDENTIFIER_BEFORE = re.compile(r"(?:\b(?:Articles?|Art\.|Resolutions?|Recommendations?|Doc\.|"
                                r"No\.|paragraphs?|para\.|"
                                r"Protocol|Chapter)|§)\s*$", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\.?\s*$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+)$")
_MONTH_AFTER = re.compile(r"^\s+(?:" + "|".join(_MONTHS[:12]) + r")\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"^\s*(?:percent|per cent|%)", re.IGNORECASE)
_QUALIFIERS = ("more than", "less than", "fewer than", "at least", "up to", "as many as",
               "about", "over", "nearly", "almost", "some", "around", "approximately",
               "roughly", "an estimated", "under")
_QUALIFIER_BEFORE = re.compile(r"\b(" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS)
                               + r")\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberMention:
    """One number: ``document.text[start:end] == text`` (qualifier and unit included)."""

    text: str
    value: float | None  # None for ranges ("25–26")
    kind: str  # "quantity" | "year" | "date" | "identifier"
    unit: str | None  # "count" | "percent" for quantities, else None
    qualifier: str | None
    attribution: str  # the source, or "unattributed"
    sentence_id: str
    paragraph: str
    start: int
    end: int


def _kind(sentence: str, s: int, e: int, whole: str, is_range: bool) -> str:
    before, after = sentence[:s], sentence[e:]
    if (before and (before[-1].isalpha())) or (after and after[:1].isalpha()):
        return "identifier"
    if _IDENTIFIER_BEFORE.search(before):
        return "identifier"
    if _MONTH_BEFORE.search(before) or (not is_range and _MONTH_AFTER.match(after)
                                        and "," not in whole and int(whole) <= 31):
        return "date"
    if is_range and re.match(r"^,\s*(19|20)\d\d\b", after):
        return "date"
    if (not is_range and "," not in whole and "." not in whole and 1900 <= int(whole) <= 2099
            and not _PERCENT_AFTER.match(after)):
        return "year"
    return "quantity"


def find_numbers(text: str | Document) -> list[NumberMention]:
    """Every number in the text with its kind, unit, qualifier and attribution."""
    document = as_document(text)
    attributions = find_attributions(document, cues=load_lexicon("number_attribution_cues"))
    found: list[NumberMention] = []
    for sentence in body_sentences(document):
        cues = [a for a in attributions if a.sentence_id == sentence.id]
        previous: tuple[str, int] | None = None  # kind and end of the last number
        for m in _NUMBER.finditer(sentence.text):
            s, e = m.span()
            is_range = m.group(3) is not None
            kind = _kind(sentence.text, s, e, m.group(0), is_range)
            if previous and previous[0] == "identifier" and _LIST_GAP.match(
                    sentence.text[previous[1]:s]):
                kind = "identifier"  # "resolutions 822, 853 and 874"
            previous = (kind, e)
            unit = qualifier = None
            if kind == "quantity":
                pct = _PERCENT_AFTER.match(sentence.text[e:])
                unit = "percent" if pct else "count"
                if pct:
                    e += pct.end()
                q = _QUALIFIER_BEFORE.search(sentence.text[:s])
                if q:
                    qualifier = " ".join(q.group(1).lower().split())
                    s = q.start(1)
            value = None if is_range else float(m.group(1).replace(",", "") +
                                                (f".{m.group(2)}" if m.group(2) else ""))
            if value is not None and value.is_integer():
                value = int(value)
            attribution = UNATTRIBUTED
            if kind == "quantity" and cues:
                centre = sentence.start + (s + e) / 2
                nearest = min(cues, key=lambda a: abs((a.start + a.end) / 2 - centre))
                attribution = nearest.source or f"“{nearest.cue_text}” (source not named)"
            found.append(NumberMention(sentence.text[s:e], value, kind, unit, qualifier,
                                       attribution, sentence.id, sentence.paragraph,
                                       sentence.start + s, sentence.start + e))
    return found


def quantities(text: str | Document) -> list[NumberMention]:
    """Only the counts and shares (no years, dates or identifiers)."""
    return [n for n in find_numbers(text) if n.kind == "quantity"]
