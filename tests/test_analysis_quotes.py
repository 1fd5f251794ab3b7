"""Quoted phrases (quotation, scare quote, name, mention) and who is quoted."""

import pytest

from medialit.analysis import find_attributions, find_quoted_phrases, who_is_quoted
from medialit.case import load_oped


def test_the_oped_has_nine_quoted_phrases_with_documented_kinds():
    """The nine quoted spans of the op-ed (counted by hand), each classified by the stated
    rules."""
    oped = load_oped()
    got = [(q.sentence_id, q.text, q.kind, q.source) for q in find_quoted_phrases(oped)]
    assert got == [
        ("1.2", "ethnic cleansing", "quotation", "the author"),
        ("1.2", "one side’s victimhood", "scare quote", None),  # cue is 20 words back
        ("2.1", "Nagorno-Karabakh Autonomous Region", "name", None),
        ("2.2", "ethnic cleansing", "scare quote", None),  # the op-ed's own use
        ("4.3", "an aggressor", "quotation", "The author"),
        ("5.1", "ethnic cleansing", "mention", None),  # "The use of the term"
        ("6.2", "a campaign of extermination", "quotation", None),  # "To characterize …": no source
        ("6.3", "violence against civilians", "quotation", "The UN Mission"),
        ("7.1", "genocidal rhetoric", "quotation", "The article"),
    ]
    for q in find_quoted_phrases(oped):
        assert oped.text[q.start:q.end] == q.text
        assert q.reason


def test_straight_quotes_trailing_punctuation_and_apostrophes():
    text = 'The agency said the town was "calm," and locals called it "quiet". It isn\'t.'
    phrases = find_quoted_phrases(text)
    assert [(p.text, p.kind, p.source) for p in phrases] == [
        ("calm", "quotation", "The agency"), ("quiet", "quotation", "The agency")]


def test_scare_quote_without_any_cue():
    phrases = find_quoted_phrases("The “reform” changed nothing.")
    assert [(p.text, p.kind) for p in phrases] == [("reform", "scare quote")]


def test_according_to_takes_the_source_after_it():
    text = "According to the Ministry of Health, the situation is “under control”."
    (phrase,) = find_quoted_phrases(text)
    assert phrase.kind == "quotation" and phrase.source == "the Ministry of Health"


def test_unbalanced_quotation_mark_names_the_sentence():
    with pytest.raises(ValueError, match="sentence 2.1: opening quotation mark"):
        find_quoted_phrases("All fine here.\nThen “an open quote never closes.")


def test_attribution_sources_on_the_oped():
    """Hand-checked: who each reporting verb or noun is linked to."""
    got = {(a.sentence_id, a.cue_text): a.source for a in find_attributions(load_oped())}
    assert got[("1.2", "accuses")] == "the author"
    assert got[("5.3", "calls")] == "the Azerbaijani government"
    assert got[("6.3", "found")] == "The UN Mission"
    assert got[("7.1", "statements")] == "President Ilham Aliyev"  # "made by" rule
    assert got[("7.3", "affirmed")] == "President Aliyev"
    assert got[("8.4", "suggests")] == "the author"
    assert got[("6.2", "characterize")] is None


def test_who_is_quoted_counts_only_quotations():
    assert who_is_quoted(load_oped()) == {
        "the author": 2, "the article": 1, "the UN Mission": 1, "not named": 1}
