"""The timeline page in headless Chromium: chart with a text alternative, list, after-section."""

from __future__ import annotations

import pytest

from medialit.timeline import load_timeline

pytestmark = pytest.mark.browser


def test_timeline_page_chart_list_and_after_section(book_url, page, output_dir):
    timeline = load_timeline()
    page.goto(f"{book_url}/chapters/timeline.html", wait_until="load")
    chart = page.locator("svg.timeline-chart")
    assert chart.count() == 1 and chart.get_attribute("role") == "img"
    title_id = chart.get_attribute("aria-labelledby")
    assert page.locator(f"svg #{title_id}").text_content().startswith(
        f"Timeline of {len(timeline.events)} events")
    described = chart.get_attribute("aria-describedby").split()
    assert "timeline-events-before" in described
    assert page.locator("#timeline-events-before").count() == 1
    marks = chart.locator("g.tl-mark")
    assert marks.count() == len(timeline.events)
    assert chart.locator("g.tl-after").count() == len(timeline.after())
    before_items = page.locator("#timeline-events-before > li")
    after_items = page.locator("#timeline-events-after > li")
    assert before_items.count() == len(timeline.before())
    assert after_items.count() == len(timeline.after()) >= 3
    # list numbers continue across the two sections and match the chart's marks
    assert page.locator("#timeline-events-after").get_attribute("start") == str(
        len(timeline.before()) + 1)
    heading = page.get_by_role("heading", name="What happened after the op-ed")
    assert heading.is_visible()
    # an event whose figures only later online posts give is marked; Sumgait's toll comes from
    # reports of the time (TASS, the Los Angeles Times), so it is not
    assert "Not verified:" in page.locator("#event-askeran-1988").inner_text()
    assert "Not verified:" not in page.locator("#event-sumgait-1988").inner_text()
    page.screenshot(path=str(output_dir / "timeline-page.png"), full_page=True)
    chart.screenshot(path=str(output_dir / "timeline-chart.png"))
    assert page.watch.external_requests == []
    assert page.watch.unexpected_console_errors() == []
