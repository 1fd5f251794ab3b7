"""Hedges and boosters: whole-word lexicon hits with offsets, and counts per paragraph."""

from medialit.analysis import count_by_paragraph, find_stance_markers
from medialit.analysis.lexicons import Lexicon, LexiconTerm
from medialit.case import load_oped


def lexicon(*terms: str) -> Lexicon:
    return Lexicon(name="t", description="t", source="test",
                   terms=tuple(LexiconTerm(term=t) for t in terms))


def test_whole_words_only_and_case_insensitive():
    text = "Allegedly, all of it was alleged. Totally fine; MAY we? The mayor may go."
    hits = find_stance_markers(text, hedges=lexicon("alleged", "may"), boosters=lexicon("all"))
    assert [(h.kind, h.text) for h in hits] == [
        ("booster", "all"), ("hedge", "alleged"), ("hedge", "MAY"), ("hedge", "may")]


def test_offsets_point_into_the_document_text():
    text = "It is clearly wrong.\nIt may be right, some say."
    hits = find_stance_markers(text, hedges=lexicon("may", "some"), boosters=lexicon("clearly"))
    for hit in hits:
        assert text[hit.start:hit.end] == hit.text
    assert [(h.sentence_id, h.paragraph) for h in hits] == [("1.1", "1"), ("2.1", "2"), ("2.1", "2")]


def test_multiword_terms_match_across_line_spacing_and_longest_wins():
    hits = find_stance_markers("We know the  fact that it is far more than that.",
                               hedges=lexicon("more than", "more"),
                               boosters=lexicon("the fact that", "far more"))
    assert [(h.kind, h.term) for h in hits] == [
        ("booster", "the fact that"), ("booster", "far more"), ("hedge", "more than")]


def test_hand_checked_paragraphs_of_the_oped():
    """Counted by hand with the packaged lexicons.

    ¶1: boosters "deeply", "far more"; hedge "alleged".
    ¶4: booster "the fact that"; no hedge.
    ¶6: boosters "gross", "entire"; hedge "could" (a false positive: permission, "could stay").
    ¶9: booster "most" ("the most peaceful period"); no hedge.
    """
    oped = load_oped()
    markers = find_stance_markers(oped)
    by_para = {p: [(m.kind, m.text) for m in markers if m.paragraph == p] for p in "1469"}
    assert by_para["1"] == [("booster", "deeply"), ("hedge", "alleged"), ("booster", "far more")]
    assert by_para["4"] == [("booster", "the fact that")]
    assert by_para["6"] == [("booster", "gross"), ("hedge", "could"), ("booster", "entire")]
    assert by_para["9"] == [("booster", "most")]
    could = next(m for m in markers if m.text == "could")
    assert could.sentence_id == "6.4" and "permission" in could.note


def test_paragraph_counts_on_the_oped():
    """Totals match set D's key, counted by hand (21 boosters, 6 hedges, 804 words)."""
    rows = count_by_paragraph(load_oped())
    assert [r.words for r in rows] == [66, 129, 96, 81, 82, 112, 70, 75, 93]
    assert sum(r.boosters for r in rows) == 21 and sum(r.hedges for r in rows) == 6
    assert rows[0].boosters_per_100_words == round(200 / 66, 2)


def test_a_text_without_markers_gives_zero_counts():
    rows = count_by_paragraph("The meeting starts at noon.")
    assert [(r.paragraph, r.hedges, r.boosters) for r in rows] == [("1", 0, 0)]
    assert rows[0].hedges_per_100_words == 0.0
