"""The case text: verbatim copy, paragraph/sentence structure, and quote lookup."""

import hashlib
from pathlib import Path

import pytest

from medialit.case import Document, QuoteNotFound, UnknownSentence, load_oped, split_sentences

OPED_SHA256 = "565bbcdb0b5cba9521128c75d1a63a092c1d5ef202b8724022d9ed73e2d6aa1f"
# Counted by hand from the pack's text.txt ("Chiragov v. Armenia" does not end a sentence;
# "passports. 80 percent" does).
SENTENCES_PER_PARAGRAPH = {1: 2, 2: 3, 3: 4, 4: 3, 5: 4, 6: 5, 7: 3, 8: 4, 9: 5}


def test_packaged_oped_is_byte_for_byte_the_case_text():
    """Guards the verbatim reproduction: any edit to the pack's text fails here (and the pack
    itself refuses a text whose sha256 is not its manifest's)."""
    data = (Path(__file__).resolve().parents[1] / "packs" / "oped-2024" / "text.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == OPED_SHA256


def test_nine_paragraphs_and_a_byline():
    oped = load_oped()
    assert [p.number for p in oped.paragraphs] == list(range(1, 10))
    assert oped.byline.label == "byline"
    assert oped.byline.text.startswith("Anar Jahangirli is a Lecturer")
    assert [s.id for s in oped.byline.sentences] == ["byline.1"]


def test_hand_checked_sentence_counts():
    oped = load_oped()
    counts = {p.number: len(p.sentences) for p in oped.paragraphs}
    assert counts == SENTENCES_PER_PARAGRAPH
    assert sum(counts.values()) == 33


def test_sentence_ids_offsets_and_text_agree():
    oped = load_oped()
    for sentence in oped.sentences:
        assert oped.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    assert oped.sentence("2.3").text.endswith("in its landmark case Chiragov v. Armenia.")
    assert oped.sentence("6.5").text.startswith("80 percent of the entire Armenian population")
    assert oped.sentence("5.2").anchor == "p5-s2"
    assert oped.sentence("byline.1").anchor == "byline-s1"


def test_sentences_cover_each_paragraph_except_spaces():
    oped = load_oped()
    for p in (*oped.paragraphs, oped.byline):
        rebuilt = " ".join(s.text for s in p.sentences)
        assert rebuilt == p.text


def test_find_returns_exact_span():
    oped = load_oped()
    span = oped.find("No international body has characterized")
    assert span.sentence_ids == ("5.2",)
    assert span.paragraph == "5"
    assert oped.text[span.start:span.end] == "No international body has characterized"


def test_find_with_curly_quotes_and_dashes_exactly_as_printed():
    oped = load_oped()
    assert oped.find("accuses Azerbaijan of “ethnic cleansing,”").sentence_ids == ("1.2",)
    assert oped.find("February 25–26, 1992").sentence_ids == ("3.1",)
    assert oped.find("the most pressing challenge of our time—climate change").sentence_ids == ("8.2",)
    assert oped.find("Azerbaijan’s sovereignty—a right").sentence_ids == ("6.1",)


def test_find_across_sentences_lists_every_sentence():
    span = load_oped().find("as such. In the preceding months")
    assert span.sentence_ids == ("5.2", "5.3")


def test_find_in_a_given_paragraph():
    oped = load_oped()
    assert oped.find("ethnic cleansing", paragraph=5).paragraph == "5"
    assert len(oped.find_all("“ethnic cleansing")) == 3


def test_miss_names_the_quote_and_the_closest_match():
    with pytest.raises(QuoteNotFound) as info:
        load_oped().find("The UN Mission found no evidence of violence against civilians")
    message = str(info.value)
    assert "“The UN Mission found no evidence of violence against civilians”" in message
    assert "closest match" in message
    assert "found no evidence of" in info.value.closest


def test_straight_quotes_get_a_hint_about_curly_ones():
    with pytest.raises(QuoteNotFound) as info:
        load_oped().find('accuses Azerbaijan of "ethnic cleansing,"')
    assert "curly quotes" in str(info.value)
    assert info.value.closest == "accuses Azerbaijan of “ethnic cleansing,”"


def test_empty_quote_is_an_error():
    with pytest.raises(QuoteNotFound, match="empty"):
        load_oped().find("  ")


def test_unknown_sentence_and_paragraph_ids_say_what_exists():
    oped = load_oped()
    with pytest.raises(UnknownSentence, match=r"paragraph 5 has sentences 5.1–5.4"):
        oped.sentence("5.9")
    with pytest.raises(UnknownSentence, match="paragraphs 1–9"):
        oped.paragraph(12)


def test_resolve_accepts_ids_and_quotes():
    oped = load_oped()
    assert oped.resolve("9.5").text.startswith("Peace is within our grasp")
    assert oped.resolve("Peace is within our grasp").sentence_ids == ("9.5",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", ["One.", "Two."]),
        ("See Chiragov v. Armenia. Next.", ["See Chiragov v. Armenia.", "Next."]),
        ("It said “no.” Then it left.", ["It said “no.”", "Then it left."]),
        ("(Article 51). 80 percent left.", ["(Article 51).", "80 percent left."]),
        ("a 3.5 figure, i.e. small.", ["a 3.5 figure, i.e. small."]),
    ],
)
def test_split_sentences_rules(text, expected):
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_document_from_other_text():
    doc = Document("First one. Second one.\nThe byline.")
    assert [s.id for s in doc.sentences] == ["1.1", "1.2", "byline.1"]


def test_a_copy_has_its_own_tables_and_shares_the_frozen_sentences():
    import copy

    doc = load_oped()
    twin = copy.copy(doc)
    assert twin is not doc and type(twin) is type(doc)
    assert twin.sentences == doc.sentences and twin.sentences[0] is doc.sentences[0]
    twin.text = "changed"
    twin._sentences.clear()
    twin._by_label.clear()
    assert doc.text.startswith(doc.sentences[0].text) and len(doc.sentences) > 30
    assert doc.paragraph(1).number == 1 and "1.1" in doc


def _split_by_whole_prefix(text):
    """split_sentences as first written (the whole prefix read at every boundary)."""
    from medialit.text.case import _ABBREVIATIONS, _BOUNDARY

    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if text[:end].rstrip("”’\"')]").rsplit(maxsplit=1)[-1] in _ABBREVIATIONS:
            continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def test_sentence_splitting_reads_a_window_yet_splits_as_the_whole_prefix_would():
    import random

    rng = random.Random(1)
    words = ["Mr.", "Dr.", "e.g.", "U.S.", "the", "A", "council", "x" * 300 + ".", "met.",
             "“Yes.”", "(No.)", "v.", "St.", "9.", "end!", "why?", "Chiragov v. Armenia."]
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 60)))
        assert split_sentences(text) == _split_by_whole_prefix(text), text
    for paragraph in load_oped().all_paragraphs:
        assert split_sentences(paragraph.text) == _split_by_whole_prefix(paragraph.text)
