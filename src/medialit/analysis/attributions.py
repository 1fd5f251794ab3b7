"""Who is said to have said, found or counted something: attribution cues and their sources.

Rule (a heuristic, documented for students):

1. A *cue* is a term of the ``attribution_verbs`` lexicon found as whole words ("says",
   "according to", "accuses", "the author’s claim").
2. For "according to", the *source* is the name or role noun right after it.
3. For a cue followed by "made by" / "issued by" (optionally with an adverb: "statements
   allegedly made by X"), the source is the name right after "by".
4. For any other cue, the source is the nearest name or role noun *before* the cue in the
   same sentence. A *name* is a run of capitalised words (with "of", "the", "and", "for",
   "on" allowed inside, and a leading "the"), e.g. "The UN Mission", "President Ada Merov",
   "the European Court of Human Rights". A *role noun* is "the" + a ``source_nouns`` term
   ("the author", "The article"). A capitalised word that opens the sentence and is a common
   function word ("While", "The", "In") is not a name.
5. No source found in the sentence: ``source`` is ``None`` (the text does not say who).

Limits: a source named in an earlier sentence is not found; a capitalised place or country
that is not the speaker can be picked ("Merovan announced" is right, "in Lira, officials
said" picks "officials" — also right — but "Osterlund’s refusal" before "said" would be wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.case import Document
from .lexicons import Lexicon, load_lexicon
from .text import as_document, body_sentences, phrase_pattern

# Function words that may open a sentence with a capital letter without being a name.
_OPENERS = frozenset(["a", "an", "the", "while", "in", "as", "to", "it", "this", "these", "those", "that", "first", "second", "unfortunately", "however", "therefore", "instead", "no", "not", "if", "when", "after", "before", "since", "although", "though", "and", "but", "or", "so", "yet", "there", "here", "we", "our", "they", "their", "he", "she", "his", "her", "its", "peace"])
_CONNECTORS = frozenset({"of", "the", "and", "for", "on"})
# a reporting noun followed by "(allegedly) made by": the source comes after "by"
_BY_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:made|issued|given|written|published)\s+by\s+")
_TOKEN = re.compile(r"[^\W_][\w’'\-.]*[\w]|[^\W_]", re.UNICODE)


@dataclass(frozen=True)
class Attribution:
    """A cue in a sentence and the source the heuristic links it to (or ``None``)."""

    cue: str  # the lexicon term
    cue_text: str  # as written
    source: str | None
    sentence_id: str
    paragraph: str
    start: int  # offsets of the cue in document.text
    end: int
    source_start: int | None = None
    source_end: int | None = None


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def source_candidates(sentence: str, nouns: Lexicon) -> list[tuple[int, int, str]]:
    """Names and role nouns in ``sentence`` as (start, end, text), in order."""
    tokens = _tokens(sentence)
    role_nouns = {t.lower() for t in nouns.words()}
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        start, _end, word = tokens[i]
        bare = word.removesuffix("’s").removesuffix("'s")
        lower = bare.lower()
        if lower == "the" and i + 1 < len(tokens):
            nxt = tokens[i + 1][2].removesuffix("’s").removesuffix("'s")
            if nxt.lower() in role_nouns and nxt[:1].islower():  # "the author", "The article"
                found.append((start, tokens[i + 1][0] + len(nxt),
                              sentence[start:tokens[i + 1][0] + len(nxt)]))
                i += 2
                continue
        opener = i == 0 and lower in _OPENERS
        if _is_capitalised(word) and not opener and lower != "the":
            j = i
            # extend over capitalised words and inner connectors followed by a capital
            while j + 1 < len(tokens):
                nxt = tokens[j + 1][2]
                if tokens[j][2].endswith(("’s", "'s")):
                    break
                if _is_capitalised(nxt):
                    j += 1
                elif (nxt.lower() in _CONNECTORS and j + 2 < len(tokens)
                      and _is_capitalised(tokens[j + 2][2])):
                    j += 2
                else:
                    break
            s = start
            if i > 0 and tokens[i - 1][2].lower() == "the":  # keep a leading "the"
                s = tokens[i - 1][0]
            # "the Merovan government": a capitalised word followed by a role noun
            if (j + 1 < len(tokens) and not tokens[j][2].endswith(("’s", "'s"))
                    and tokens[j + 1][2].removesuffix("’s").removesuffix("'s").lower()
                    in role_nouns):
                j += 1
            last = tokens[j][2]
            e = tokens[j][0] + len(last.removesuffix("’s").removesuffix("'s"))
            found.append((s, e, sentence[s:e]))
            i = j + 1
            continue
        i += 1
    return found


def find_attributions(text: str | Document, cues: Lexicon | None = None,
                      nouns: Lexicon | None = None) -> list[Attribution]:
    """Every attribution cue in the text with the source linked to it, in text order."""
    document = as_document(text)
    cues = cues or load_lexicon("attribution_verbs")
    nouns = nouns or load_lexicon("source_nouns")
    result: list[Attribution] = []
    for sentence in body_sentences(document):
        candidates = source_candidates(sentence.text, nouns)
        taken: list[tuple[int, int]] = []
        for term in sorted(cues.words(), key=lambda t: (-len(t), t)):
            for m in phrase_pattern(term).finditer(sentence.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                if any(s <= m.start() and m.end() <= e for s, e, _ in candidates):
                    continue  # the cue word is part of a name ("Report.az")
                taken.append((m.start(), m.end()))
                by_agent = _BY_AFTER.match(sentence.text, m.end())
                if term.lower() == "according to":
                    after = [c for c in candidates if c[0] >= m.end()]
                    chosen = after[0] if after else None
                elif by_agent:  # "statements allegedly made by President Ada Merov"
                    after = [c for c in candidates if c[0] >= by_agent.end()]
                    chosen = after[0] if after and after[0][0] == by_agent.end() else None
                else:
                    before = [c for c in candidates if c[1] <= m.start()]
                    chosen = before[-1] if before else None
                result.append(Attribution(
                    cue=term, cue_text=m.group(), source=chosen[2] if chosen else None,
                    sentence_id=sentence.id, paragraph=sentence.paragraph,
                    start=sentence.start + m.start(), end=sentence.start + m.end(),
                    source_start=sentence.start + chosen[0] if chosen else None,
                    source_end=sentence.start + chosen[1] if chosen else None,
                ))
    return sorted(result, key=lambda a: a.start)
