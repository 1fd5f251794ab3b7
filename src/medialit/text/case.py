"""The case text: a pack's text loaded into paragraphs and sentences with stable ids and offsets.

A content pack (:mod:`medialit.pack`) holds its text verbatim (one paragraph per line, the byline
last when it has one). Paragraphs are numbered from 1 as printed; the byline is the paragraph
labelled ``byline``.
Sentence ids are ``"<paragraph>.<sentence>"`` (``"5.2"``; the byline's only sentence is
``"byline.1"``). Offsets are character offsets into :attr:`Document.text` (end exclusive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import MedialitError
from .typography import in_double_quotes

__all__ = [
    "Document",
    "Paragraph",
    "QuoteNotFound",
    "Sentence",
    "Span",
    "UnknownSentence",
    "load_oped",
    "load_text",
    "split_sentences",
]

BYLINE = "byline"

# Abbreviations that end in a full stop without ending a sentence ("v." as in case names,
# "X v. Y"); the others are common in the sources the kit quotes.
_ABBREVIATIONS = frozenset(
    {"v.", "vs.", "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "No.", "Art.", "e.g.", "i.e.",
     "U.S.", "U.N.", "etc.", "cf.", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."}
)
# A sentence ends at . ! or ? (optionally followed by closing quotes or brackets) when
# whitespace and then a capital letter, a digit or an opening quote/bracket follow.
_BOUNDARY = re.compile(r"[.!?][”’\"')\]]*(?=\s+[A-Z0-9“‘\"(])")


class QuoteNotFound(MedialitError, LookupError):
    """A quote that is not verbatim in the text. The message names it and the closest match."""

    def __init__(self, quote: str, closest: str | None, hint: str = "", noun: str = "text"):
        self.quote = quote
        self.closest = closest
        message = f"quote not found verbatim in the {noun}: {in_double_quotes(quote)}"
        if closest:
            message += f"; closest match in the text: {in_double_quotes(closest)}"
        if hint:
            message += f" ({hint})"
        super().__init__(message, found=quote, expected="words verbatim in the text")

    def __str__(self) -> str:  # LookupError would repr() the args
        return self.args[0]


class UnknownSentence(MedialitError, LookupError):
    """A sentence or paragraph id that the text does not have."""

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Span:
    """An exact stretch of the text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str
    paragraph: str
    sentence_ids: tuple[str, ...]


@dataclass(frozen=True)
class Sentence:
    id: str
    paragraph: str
    index: int
    start: int
    end: int
    text: str

    @property
    def anchor(self) -> str:
        """HTML anchor of the sentence on the text's page: ``p5-s2``, ``byline-s1``."""
        return sentence_anchor(self.id)


@dataclass(frozen=True)
class Paragraph:
    label: str  # "1".."9" or "byline"
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...] = field(default=())

    @property
    def number(self) -> int | None:
        return int(self.label) if self.label.isdigit() else None

    @property
    def anchor(self) -> str:
        return paragraph_anchor(self.label)

    @property
    def display(self) -> str:
        """How the kit names the paragraph in prose: ``¶5`` or ``byline``."""
        return f"¶{self.label}" if self.number else "byline"


def paragraph_anchor(label: str) -> str:
    return "byline" if label == BYLINE else f"p{label}"


def sentence_anchor(sentence_id: str) -> str:
    label, _, index = sentence_id.partition(".")
    return f"{paragraph_anchor(label)}-s{index}"


def _last_word(text: str, end: int, window: int = 200) -> str:
    """The last word of ``text[:end]``, closing quotes and brackets stripped first. Read from
    a window before ``end`` (copying the whole prefix at every boundary made a 5,000-sentence
    paragraph quadratic), and from the whole prefix when the word could be longer."""
    start = max(0, end - window)
    words = text[start:end].rstrip("”’\"')]").rsplit(maxsplit=1)
    if start and len(words) < 2:
        words = text[:end].rstrip("”’\"')]").rsplit(maxsplit=1)
    return words[-1]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of one paragraph, end exclusive."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if _last_word(text, end) in _ABBREVIATIONS:
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


class Document:
    """A text as paragraphs and sentences. The current pack's: :func:`load_text`.

    Any other text can be wrapped too: ``Document(text, has_byline=False)`` numbers every
    non-empty line as a paragraph (1, 2, …) and sets :attr:`byline` to ``None``.
    """

    def __init__(self, text: str, *, has_byline: bool = True, noun: str = "text"):
        self.text = text
        self.noun = noun  # how messages name the text ("the text")
        paragraphs: list[Paragraph] = []
        offset = 0
        lines = text.split("\n")
        body = [line for line in lines if line.strip()]
        for number, line in enumerate(body, start=1):
            start = text.index(line, offset)
            offset = start + len(line)
            label = BYLINE if has_byline and number == len(body) else str(number)
            sentences = tuple(
                Sentence(
                    id=f"{label}.{i}",
                    paragraph=label,
                    index=i,
                    start=start + s,
                    end=start + e,
                    text=line[s:e],
                )
                for i, (s, e) in enumerate(split_sentences(line), start=1)
            )
            paragraphs.append(Paragraph(label, start, offset, line, sentences))
        self.paragraphs: tuple[Paragraph, ...] = tuple(p for p in paragraphs if p.number)
        self.byline: Paragraph | None = paragraphs[-1] if has_byline and paragraphs else None
        self._by_label = {p.label: p for p in paragraphs}
        self._sentences = {s.id: s for p in paragraphs for s in p.sentences}

    def __copy__(self) -> Document:
        """A copy with its own attributes and lookup tables, sharing the paragraphs and
        sentences (frozen): changing the copy's attributes or tables leaves this one as it
        was. The grading sandbox gives each call of a student's function such a copy of a
        document its process inherited (cheaper than building 5,000 sentences again)."""
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy._by_label = dict(self._by_label)
        copy._sentences = dict(self._sentences)
        return copy

    # -- lookup -------------------------------------------------------------------------
    @property
    def all_paragraphs(self) -> tuple[Paragraph, ...]:
        """The numbered paragraphs, then the byline when the text has one."""
        return self.paragraphs + ((self.byline,) if self.byline else ())

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """All sentences in reading order, the byline's last."""
        return tuple(self._sentences.values())

    def paragraph(self, label: str | int) -> Paragraph:
        key = str(label).lstrip("¶")
        try:
            return self._by_label[key]
        except KeyError:
            raise UnknownSentence(
                f"unknown paragraph {label!r}: the {self.noun} has paragraphs "
                f"1–{len(self.paragraphs)}" + (" and the byline" if self.byline else "")
            ) from None

    def sentence(self, sentence_id: str) -> Sentence:
        try:
            return self._sentences[sentence_id]
        except KeyError:
            raise UnknownSentence(self._unknown_sentence_message(sentence_id)) from None

    def _unknown_sentence_message(self, sentence_id: str) -> str:
        label, dot, _ = str(sentence_id).partition(".")
        if dot and label in self._by_label:
            n = len(self._by_label[label].sentences)
            return (f"unknown sentence id {sentence_id!r}: paragraph {label} has sentences "
                    f"{label}.1–{label}.{n}")
        return (f"unknown sentence id {sentence_id!r}: ids look like '5.2' (paragraph 5, "
                f"sentence 2) with paragraphs 1–{len(self.paragraphs)}, or 'byline.1'")

    def __contains__(self, sentence_id: object) -> bool:
        return sentence_id in self._sentences

    # -- quotes -------------------------------------------------------------------------
    def find(self, quote: str, paragraph: str | int | None = None) -> Span:
        """Return the first exact occurrence of ``quote`` (in ``paragraph`` if given).

        Raises :class:`QuoteNotFound` naming the quote and the closest stretch of the text.
        """
        if not quote or not quote.strip():
            raise QuoteNotFound(quote, None, "the quote is empty", noun=self.noun)
        where = self.paragraph(paragraph) if paragraph is not None else None
        lo, hi = (where.start, where.end) if where else (0, len(self.text))
        start = self.text.find(quote, lo, hi)
        if start < 0:
            raise QuoteNotFound(quote, self.closest_match(quote, lo, hi),
                                _quote_hint(quote, self), noun=self.noun)
        return self._span(start, start + len(quote))

    def find_all(self, quote: str) -> list[Span]:
        spans, start = [], self.text.find(quote)
        while quote and start >= 0:
            spans.append(self._span(start, start + len(quote)))
            start = self.text.find(quote, start + 1)
        return spans

    def resolve(self, ref: str) -> Span:
        """A reference is a sentence id (``"5.2"``) or an exact quote; return its span."""
        if _looks_like_id(ref):
            s = self.sentence(ref)
            return Span(s.start, s.end, s.text, s.paragraph, (s.id,))
        return self.find(ref)

    def closest_match(self, quote: str, lo: int = 0, hi: int | None = None) -> str | None:
        """The stretch of the text (starting at a word) most similar to ``quote``."""
        hi = len(self.text) if hi is None else hi
        region = self.text[lo:hi]
        size = len(quote)
        starts = [m.start() for m in re.finditer(r"\S+", region)]
        ends = [m.end() for m in re.finditer(r"\S+", region)]
        best, best_ratio = None, 0.0
        import difflib  # here, not at the top: the grading sandbox imports this module

        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(quote.lower())
        # Candidates are whole-word stretches from 0.6x to 1.6x the quote's length.
        for start in starts:
            for end in ends:
                if end - start < 0.6 * size:
                    continue
                if end - start > 1.6 * size:
                    break
                matcher.set_seq1(region[start:end].lower())
                if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                    continue
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best, best_ratio = region[start:end], ratio
        return best if best_ratio >= 0.5 else None

    def _span(self, start: int, end: int) -> Span:
        ids = tuple(s.id for s in self._sentences.values() if s.start < end and start < s.end)
        paragraph = self._sentences[ids[0]].paragraph if ids else ""
        return Span(start, end, self.text[start:end], paragraph, ids)

    def __repr__(self) -> str:
        counts = ", ".join(f"¶{p.label}:{len(p.sentences)}" for p in self.paragraphs)
        return f"<Document {len(self.paragraphs)} paragraphs + byline; sentences {counts}>"


_ID = re.compile(r"^(?:[1-9][0-9]*|byline)\.[1-9][0-9]*$")


def _looks_like_id(ref: str) -> bool:
    return bool(_ID.match(ref.strip()))


def is_sentence_id(ref: str) -> bool:
    """True when ``ref`` has the shape of a sentence id (it may still not exist)."""
    return _looks_like_id(ref)


def _quote_hint(quote: str, document: Document) -> str:
    typographic = any(c in document.text for c in "“”‘’–—")
    if typographic and (any(c in quote for c in "\"'") or " - " in quote or "--" in quote):
        return (f"the {document.noun} uses curly quotes “ ” ’ and dashes – —; copy them "
                "exactly, not straight quotes or hyphens")
    return ""


def load_text() -> Document:
    """The current content pack's text (:func:`medialit.pack.current_pack`), loaded once."""
    from ..pack import case_text

    return case_text()


def load_oped() -> Document:  # deprecated alias of load_text (notebooks written for the kit's first case)
    """Deprecated alias of :func:`load_text`: the kit's first case was an op-ed."""
    return load_text()
