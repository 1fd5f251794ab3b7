"""Numbers: kinds (quantity, year, date, identifier), units, qualifiers and whose number."""

from medialit.analysis import find_numbers, quantities
from medialit.case import load_oped


def test_the_oped_has_three_quantities_none_attributed():
    """Curriculum Ch1 Q2–Q3 and set B: 600,000 (¶2), 613 (¶3), 80 percent (¶6), no source."""
    got = [(n.sentence_id, n.text, n.value, n.unit, n.qualifier, n.attribution)
           for n in quantities(load_oped())]
    assert got == [
        ("2.2", "more than 600,000", 600000, "count", "more than", "unattributed"),
        ("3.1", "613", 613, "count", None, "unattributed"),
        ("6.5", "80 percent", 80, "percent", None, "unattributed"),
    ]


def test_years_dates_and_identifiers_in_the_oped():
    kinds = {(n.sentence_id, n.text): n.kind for n in find_numbers(load_oped())}
    assert kinds[("3.1", "1992")] == "year"
    assert kinds[("3.1", "25–26")] == "date"
    assert kinds[("5.4", "19")] == "date"
    assert kinds[("6.1", "51")] == "identifier"  # Article 51
    assert kinds[("6.3", "20")] == "date"  # the September 20 ceasefire
    assert ("8.1", "29") not in kinds or kinds[("8.1", "29")] == "identifier"  # COP29


def test_attribution_in_the_same_sentence():
    text = ("According to Agency X, 1,234 people were counted. Agency Y estimated that about "
            "500 left. 80% stayed.")
    got = [(n.text, n.value, n.unit, n.qualifier, n.attribution) for n in quantities(text)]
    assert got == [
        ("1,234", 1234, "count", None, "Agency X"),
        ("about 500", 500, "count", "about", "Agency Y"),
        ("80%", 80, "percent", None, "unattributed"),  # the previous sentence does not count
    ]


def test_decimals_and_a_cue_without_a_named_source():
    (n,) = quantities("It was reported that 12.5 percent voted.")
    assert (n.value, n.unit, n.attribution) == (12.5, "percent", "“reported” (source not named)")


def test_identifiers_glued_to_letters_and_after_resolution():
    numbers = find_numbers("COP29 met. Resolution 822 passed in 1993 with 15 votes.")
    assert [(n.text, n.kind) for n in numbers] == [
        ("29", "identifier"), ("822", "identifier"), ("1993", "year"), ("15", "quantity")]


def test_no_numbers():
    assert find_numbers("Nothing to count here.") == []


def test_day_before_a_month_is_a_date():
    numbers = find_numbers("It ran from 12 May to 1 March 1988, with 40 May-day marchers.")
    assert [(n.text, n.kind) for n in numbers] == [
        ("12", "date"), ("1", "date"), ("1988", "date"), ("40", "quantity")]


def test_a_list_of_identifiers():
    numbers = find_numbers("It reaffirms resolutions 822, 853 and 874. It adds 3 others.")
    assert [(n.text, n.kind) for n in numbers] == [
        ("822", "identifier"), ("853", "identifier"), ("874", "identifier"), ("3", "quantity")]
