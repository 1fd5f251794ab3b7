"""The timeline as data: sourced, symmetric, current; bad events fail with file and line."""

from pathlib import Path

import pytest

from medialit.analysis import quantities
from medialit.timeline import PartialDate, TimelineError, date_range_label, load_timeline
from medialit.timeline_svg import timeline_svg
from medialit.wording import contested_terms_outside_quotes

HEADER = """schema_version: 1
after_oped_from: "2024-06"
chart_panels:
  - [1988, 1995]
  - [2020, 2026]
events:
"""
GOOD = """  - id: t-event
    date: "1992-02-25"
    title: A test event
    text: According to Agency X, 12 people came.
    quotes:
      - text: "twelve came"
        source: k1
    cite: [k1]
"""


def write(tmp_path: Path, events: str, header: str = HEADER) -> Path:
    path = tmp_path / "timeline.yml"
    path.write_text(header + events, encoding="utf-8")
    return path


def test_packaged_timeline_runs_from_1988_to_the_latest_checked_event():
    timeline = load_timeline()
    assert timeline.events[0].start.year == 1988
    # The Baku verdicts of 5 February 2026, checked by the kit, are the latest event.
    assert timeline.events[-1].start == PartialDate(2026, 2, 5)
    starts = [e.start.fraction for e in timeline.events]
    assert starts == sorted(starts)


def test_both_peoples_losses_are_named():
    """Each side's losses are named: Sumgait, Baku, Black January, Khojaly, the Azerbaijani displacement,
    refugees in Armenia, the 2023 exodus — all present."""
    ids = {e.id for e in load_timeline().events}
    assert {"sumgait-1988", "baku-pogrom-1990", "black-january-1990", "khojaly-1992",
            "azerbaijani-displacement-1994", "refugees-1988-1990", "exodus-2023"} <= ids
    refugees = next(e for e in load_timeline().events if e.id == "refugees-1988-1990")
    assert "refugees in Armenia" in refugees.text


def test_after_the_oped_section():
    timeline = load_timeline()
    after = timeline.after()
    assert len(after) >= 3
    assert all(e.start.first_day >= timeline.after_oped_from.first_day for e in after)
    assert {"cop29-2024", "washington-2025", "minsk-closed-2025"} <= {e.id for e in after}


def test_every_number_in_the_kits_text_says_whose_it_is():
    """Uses the kit's own numbers analysis: no quantity in an event text is unattributed."""
    for event in load_timeline().events:
        for number in quantities(event.text):
            assert number.attribution != "unattributed", (event.id, number.text)


def test_wording_rule_and_sources():
    from medialit.bib import read_bib

    keys = set(read_bib())
    for event in load_timeline().events:
        for text in (event.title, event.text, event.status_note or ""):
            assert contested_terms_outside_quotes(text) == [], event.id
        assert set(event.cite) <= keys
        assert {q.source for q in event.quotes} <= set(event.cite)
        if not event.verified:
            assert event.status_note


def test_date_labels():
    p = PartialDate.parse
    assert date_range_label(p("1992-02-25"), p("1992-02-26")) == "25–26 February 1992"
    assert date_range_label(p("1988-02"), p("1988-03-01")) == "February – 1 March 1988"
    assert date_range_label(p("1988"), p("1990")) == "1988–1990"
    assert date_range_label(p("2020-09-27"), p("2020-11-10")) == "27 September – 10 November 2020"
    assert p("1994-05").label() == "May 1994"
    with pytest.raises(ValueError, match="not a date"):
        p("May 1994")
    with pytest.raises(ValueError):
        p("2023-02-30")


def test_chart_is_deterministic_and_accessible():
    timeline = load_timeline()
    svg = timeline_svg(timeline, described_by="events-list")
    assert svg == timeline_svg(timeline, described_by="events-list")
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert 'aria-describedby="timeline-chart-desc events-list"' in svg
    assert svg.count('<g class="tl-mark') == len(timeline.events)
    assert svg.count("tl-after") == len(timeline.after())
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_a_good_minimal_file(tmp_path):
    timeline = load_timeline(write(tmp_path, GOOD), bib=False)
    (event,) = timeline.events
    assert event.date_label == "25 February 1992" and event.verified and not event.after_oped


def bad(tmp_path, events, header=HEADER) -> TimelineError:
    with pytest.raises(TimelineError) as info:
        load_timeline(write(tmp_path, events, header), bib=False)
    return info.value


@pytest.mark.parametrize("old, new, field, needle", [
    ('date: "1992-02-25"', 'date: "25 Feb 1992"', "date", "is not a date"),
    ('date: "1992-02-25"', 'date: "1992-02-25"\n    end: "1992-01-01"', None,
     "end date is before the start"),
    ("cite: [k1]", "cite: [k2]", None, "quoted source(s) ['k1'] must also be in cite"),
    ("title: A test event", "title: The liberated town", "title", "outside quotation marks"),
    ("cite: [k1]", "cite: [k1]\n    status: not verified", None, "status_note"),
    ("cite: [k1]", "cite: [k1]\n    after_oped: true", None, "after_text must be false"),
    ("cite: [k1]", "cite: [k1]\n    oped_refs: [\"6.9\"]", "oped_refs", "not a sentence id"),
    ("cite: [k1]", "cite: []", "cite", "at least 1"),
    ('date: "1992-02-25"', 'date: "2005"', "date", "outside every chart panel"),
])
def test_malformed_events(tmp_path, old, new, field, needle):
    error = bad(tmp_path, GOOD.replace(old, new))
    message = str(error)
    assert error.entry_id == "t-event" and needle in message, message
    assert message.startswith(f"{tmp_path / 'timeline.yml'}:")
    if field:
        assert error.field == field


def test_a_late_event_must_be_flagged(tmp_path):
    error = bad(tmp_path, GOOD.replace('"1992-02-25"', '"2025-01-01"'))
    assert "after_text must be true" in str(error)


def test_unknown_cite_key_is_reported(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{k1,\n  title = {T},\n  year = {2020},\n}\n", encoding="utf-8")
    entry = GOOD.replace("cite: [k1]", "cite: [k1, nope]")
    with pytest.raises(TimelineError, match=r"unknown references.bib key\(s\) \['nope'\]"):
        load_timeline(write(tmp_path, entry), bib=bib)


def test_bad_header(tmp_path):
    error = bad(tmp_path, GOOD, HEADER.replace('"2024-06"', '"mid 2024"'))
    assert error.field == "after_text_from" and error.line == 2
    error = bad(tmp_path, GOOD, HEADER.replace("[2020, 2026]", "[1990, 2026]"))
    assert "non-overlapping" in str(error)


UNCHECKED = """sides: [Armenian, Azerbaijani]
not_yet_checked:
  - id: gap-a
    date: "1991-05"
    title: Gap on one side
    losses: Armenian
    missing: a report of the time.
  - id: gap-b
    date: "1992-04"
    title: Gap on the other side
    losses: Azerbaijani
    missing: a monitor's account.
"""


def test_packaged_timeline_names_known_gaps_of_both_peoples():
    """The page never claims a complete record: the known, not yet checked losses are listed
    for both peoples, and none of them is also drawn as an event."""
    timeline = load_timeline()
    assert {u.losses for u in timeline.unchecked} == {"Armenian", "Azerbaijani"}
    ids = {e.id for e in timeline.events}
    assert not ids & {u.id for u in timeline.unchecked}
    assert "agdaban-1992" in ids  # sourced this round, so no longer a gap


def test_unchecked_list_is_validated(tmp_path):
    timeline = load_timeline(write(tmp_path, GOOD, UNCHECKED + HEADER), bib=False)
    assert [u.id for u in timeline.unchecked] == ["gap-a", "gap-b"]
    one_sided = UNCHECKED.replace("losses: Azerbaijani", "losses: Armenian")
    with pytest.raises(TimelineError, match="both sides"):
        load_timeline(write(tmp_path, GOOD, one_sided + HEADER), bib=False)
    clash = UNCHECKED.replace("id: gap-a", "id: t-event")
    with pytest.raises(TimelineError, match="also a listed event"):
        load_timeline(write(tmp_path, GOOD, clash + HEADER), bib=False)
    with pytest.raises(TimelineError, match="losses"):
        load_timeline(write(tmp_path, GOOD, UNCHECKED.replace("losses: Armenian", "losses: both")
                            + HEADER), bib=False)
    # the parties are the pack's data, not the engine's: a list without them is refused
    no_sides = UNCHECKED.replace("sides: [Armenian, Azerbaijani]\n", "")
    with pytest.raises(TimelineError, match="needs `sides`"):
        load_timeline(write(tmp_path, GOOD, no_sides + HEADER), bib=False)
    other = UNCHECKED.replace("Armenian", "Merovan").replace("Azerbaijani", "Osterlund")
    assert {u.losses for u in load_timeline(write(tmp_path, GOOD, other + HEADER),
                                            bib=False).unchecked} == {"Merovan", "Osterlund"}
