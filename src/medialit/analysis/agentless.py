"""Passive constructions, with and without a "by" agent (agentless passives).

Heuristic (documented for students; it finds candidates, a reader decides):

- a form of *be* (am, is, are, was, were, be, been, being) or *get* (get, gets, got,
  gotten, getting),
- then up to three adverbs: words ending in "-ly" ("brutally", "internationally") or one of
  ``_ADVERBS`` ("already", "not", "never", "also", "still", …),
- then a past participle: a word ending in "-ed" that is not in the ``not_participles``
  lexicon ("indeed", "hundred"), or a word of the ``irregular_participles`` lexicon
  ("taken", "made").
- Participles joined on by "and"/"or" belong to the same construction ("taken out of context
  and misinterpreted", "marked and agreed upon").
- The passive *has an agent* when "by" occurs within the four words after the last
  participle; the agent is the noun phrase after "by" (a run of capitalised words, or at most
  three words after a determiner), stopping at punctuation or a clause word.

Known misses and false hits: reduced passives with no *be* ("the article published in …",
"acknowledged by the United Nations") are not found; "be" + an adjective ending in "-ed"
("was tired") is counted; an agent further than four words away is missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.case import Document
from .lexicons import load_lexicon
from .text import as_document, body_sentences

_AUX = frozenset(["am", "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten", "getting"])
_ADVERBS = frozenset(["already", "not", "never", "also", "still", "just", "often", "then", "now", "always", "even", "ever", "yet", "thus", "once", "further"])
_AGENT_WINDOW = 4
_TOKEN = re.compile(r"[^\W_][\w’'\-]*", re.UNICODE)
_AGENT_STOP = re.compile(r"[,.;:!?—–()]|\b(?:which|who|that|and|but|while|as|in|to|for)\b")


@dataclass(frozen=True)
class Passive:
    """One passive construction: ``document.text[start:end] == text`` (auxiliary to last participle)."""

    text: str
    auxiliary: str
    participles: tuple[str, ...]
    agent: str | None  # the words after "by", or None (agentless)
    sentence_id: str
    paragraph: str
    start: int
    end: int
    agent_span: tuple[int, int] | None = field(default=None)

    @property
    def agentless(self) -> bool:
        return self.agent is None


def _participle_test():
    irregular = {w.lower() for w in load_lexicon("irregular_participles").words()}
    not_participles = {w.lower() for w in load_lexicon("not_participles").words()}

    def is_participle(word: str) -> bool:
        w = word.lower()
        return w in irregular or (w.endswith("ed") and len(w) > 3 and w not in not_participles)
    return is_participle


_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"])


def _agent_end(text: str, tokens: list[tuple[int, int, str]], first: int) -> int:
    """End offset of the agent noun phrase that starts at token ``first``.

    Shape: an optional determiner, then a run of capitalised words (with "of"/"and" inside:
    "the European Court of Human Rights"), then at most one lowercase word ("its local
    population"); with no capitalised run, at most two lowercase words ("the security
    forces"). It never crosses punctuation or a clause word.
    """
    def joinable(k: int) -> bool:
        return k < len(tokens) and not text[tokens[k - 1][1]:tokens[k][0]].strip() \
            and not _AGENT_STOP.fullmatch(tokens[k][2].lower())

    k = first
    if tokens[k][2].lower() in _DETERMINERS and joinable(k + 1):
        k += 1
    end = k
    if tokens[k][2][:1].isupper():
        while joinable(k + 1):
            nxt = tokens[k + 1][2]
            if nxt[:1].isupper():
                k += 1
            elif nxt in ("of", "and") and joinable(k + 2) and tokens[k + 2][2][:1].isupper():
                k += 2
            else:
                break
        end = k
        if joinable(k + 1) and tokens[k + 1][2][:1].islower() \
                and tokens[k + 1][2].lower() not in _AUX and not tokens[k + 1][2].endswith("s"):
            end = k + 1
    else:
        while joinable(end + 1) and end + 1 - k < 2 and tokens[end + 1][2].lower() not in _AUX:
            end += 1
    return tokens[end][1]


def _is_adverb(word: str) -> bool:
    w = word.lower()
    return w in _ADVERBS or (w.endswith("ly") and len(w) > 4)


def find_passives(text: str | Document) -> list[Passive]:
    """Every passive construction the heuristic finds, in text order."""
    document = as_document(text)
    is_participle = _participle_test()
    found: list[Passive] = []
    for sentence in body_sentences(document):
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(sentence.text)]
        i = 0
        while i < len(tokens):
            if tokens[i][2].lower() not in _AUX:
                i += 1
                continue
            j = i + 1
            while j < len(tokens) and j - i <= 3 and _is_adverb(tokens[j][2]) \
                    and not is_participle(tokens[j][2]):
                j += 1
            if j >= len(tokens) or not is_participle(tokens[j][2]):
                i += 1
                continue
            participles = [tokens[j][2]]
            last = j
            # coordinated participles: "taken out of context and misinterpreted"
            k = j + 1
            while k < len(tokens) and k - last <= 5:
                if tokens[k][2].lower() in ("and", "or") and k + 1 < len(tokens) \
                        and is_participle(tokens[k + 1][2]):
                    participles.append(tokens[k + 1][2])
                    last = k + 1
                    k += 2
                    continue
                if _AGENT_STOP.match(sentence.text[tokens[k - 1][1]:tokens[k][0]].strip() or "x") \
                        and sentence.text[tokens[k - 1][1]:tokens[k][0]].strip():
                    break
                k += 1
            agent = agent_span = None
            for t in range(last + 1, min(last + 1 + _AGENT_WINDOW, len(tokens))):
                gap = sentence.text[tokens[t - 1][1]:tokens[t][0]]
                if any(ch in gap for ch in ",.;:—"):
                    break
                if tokens[t][2].lower() == "by" and t + 1 < len(tokens):
                    a_start = tokens[t + 1][0]
                    a_end = _agent_end(sentence.text, tokens, t + 1)
                    agent = sentence.text[a_start:a_end]
                    agent_span = (sentence.start + a_start, sentence.start + a_end)
                    break
            s, e = tokens[i][0], tokens[last][1]
            found.append(Passive(sentence.text[s:e], tokens[i][2], tuple(participles), agent,
                                 sentence.id, sentence.paragraph, sentence.start + s,
                                 sentence.start + e, agent_span))
            i = last + 1
    return found
