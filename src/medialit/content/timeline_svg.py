"""Draw the timeline as a static, deterministic SVG (no fonts or scripts loaded).

The chart shows each event as a numbered mark on a time axis split into panels (stretches of
years drawn side by side, each to its own scale, so that the crowded 2020s get room). Events
after the text are diamonds, the others circles; events the kit has not verified have a
dashed outline. Marks that would overlap are stacked upward. The numbers match the numbered
list on the timeline page, which is the chart's long description.
"""

from __future__ import annotations

from html import escape
from math import ceil

from .timeline import Timeline

WIDTH = 760
PANEL_GAP = 28
MARGIN_X = 16
MARK_R = 11
STACK_STEP = 26
MIN_SPACING = 2 * MARK_R + 3


def _fmt(value: float) -> str:
    """Coordinates with one decimal, so the output is the same on every machine."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _layout(timeline: Timeline) -> tuple[list[float], list[float], list[tuple[float, int]]]:
    """Panel lefts and widths, and for each event its x position and stack level."""
    panels = timeline.panels
    counts = [sum(a <= e.start.year <= b for e in timeline.events) for a, b in panels]
    usable = WIDTH - 2 * MARGIN_X - PANEL_GAP * (len(panels) - 1)
    # crowded panels get more room; every panel keeps at least a sixth of the width
    weights = [max(c / sum(counts), 1 / (2 * len(panels))) for c in counts]
    widths = [usable * w / sum(weights) for w in weights]
    lefts, x = [], float(MARGIN_X)
    for w in widths:
        lefts.append(x)
        x += w + PANEL_GAP

    def xpos(fraction: float) -> float:
        for (a, b), left, w in zip(panels, lefts, widths, strict=True):
            if a <= fraction < b + 1:
                return left + (fraction - a) / (b + 1 - a) * w
        raise ValueError(f"{fraction} is outside the chart panels")

    placed: list[tuple[float, int]] = []
    for event in timeline.events:
        cx = xpos(event.start.fraction)
        level = 0  # the lowest level where the mark does not touch another
        while any(abs(cx - px) < MIN_SPACING and lv == level for px, lv in placed):
            level += 1
        placed.append((cx, level))
    return lefts, widths, placed


def timeline_svg(timeline: Timeline, *, title_id: str = "timeline-chart-title",
                 desc_id: str = "timeline-chart-desc", described_by: str | None = None) -> str:
    panels = timeline.panels
    lefts, widths, placed = _layout(timeline)
    top = 36
    axis_y = top + 22 + MARK_R + max(level for _, level in placed) * STACK_STEP + 8
    height = axis_y + 96
    parts: list[str] = []
    # axes and year ticks
    for (a, b), left, w in zip(panels, lefts, widths, strict=True):
        parts.append(f'<line x1="{_fmt(left)}" y1="{axis_y}" x2="{_fmt(left + w)}" y2="{axis_y}" '
                     'class="tl-axis"/>')
        step = max(1, ceil(36 / (w / (b + 1 - a))))  # labels at least 36 px apart
        for year in range(a, b + 2):
            tx = left + (year - a) / (b + 1 - a) * w
            parts.append(f'<line x1="{_fmt(tx)}" y1="{axis_y}" x2="{_fmt(tx)}" '
                         f'y2="{axis_y + 6}" class="tl-tick"/>')
            if (year - a) % step == 0 and year <= b:
                parts.append(f'<text x="{_fmt(tx + 2)}" y="{axis_y + 22}" class="tl-year">'
                             f"{year}</text>")
    # the text's own event (its id is the pack's name): a dashed vertical line, labelled
    from ..pack import current_pack

    pack = current_pack()
    noun = escape(pack.text_noun)
    for event, (cx, _level) in zip(timeline.events, placed, strict=True):
        if event.id == pack.name:
            parts.append(f'<line x1="{_fmt(cx)}" y1="{top - 14}" x2="{_fmt(cx)}" y2="{axis_y}" '
                         'class="tl-oped-line"/>')
            parts.append(f'<text x="{_fmt(cx + 5)}" y="{top - 4}" class="tl-oped-label">'
                         f"the {noun} ({event.start.year})</text>")
    # marks, stacked upward where they would overlap
    for event, (cx, level) in zip(timeline.events, placed, strict=True):
        cy = axis_y - 22 - level * STACK_STEP
        number = timeline.number(event)
        classes = ["tl-mark", "tl-after" if event.after_text else "tl-before"]
        if not event.verified:
            classes.append("tl-unverified")
        label = escape(f"{number}. {event.date_label}: {event.title}")
        if event.after_text:
            r = MARK_R + 2
            shape = (f'<path d="M{_fmt(cx)} {_fmt(cy - r)} L{_fmt(cx + r)} {_fmt(cy)} '
                     f'L{_fmt(cx)} {_fmt(cy + r)} L{_fmt(cx - r)} {_fmt(cy)} Z"/>')
        else:
            shape = f'<circle cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="{MARK_R}"/>'
        if level == 0:
            parts.append(f'<line x1="{_fmt(cx)}" y1="{_fmt(cy + MARK_R)}" x2="{_fmt(cx)}" '
                         f'y2="{axis_y}" class="tl-stem"/>')
        parts.append(
            f'<g class="{" ".join(classes)}"><title>{label}</title>{shape}'
            f'<text x="{_fmt(cx)}" y="{_fmt(cy + 4)}" text-anchor="middle">{number}</text></g>')
    # legend (shapes, not colour), then a note on the scale
    ly = height - 52
    x0 = MARGIN_X
    parts.append(
        f'<g class="tl-legend"><circle cx="{x0 + 8}" cy="{ly - 4}" r="7" class="tl-key"/>'
        f'<text x="{x0 + 20}" y="{ly}">before the {noun}</text>'
        f'<path class="tl-key tl-key-after" d="M{x0 + 168} {ly - 13} L{x0 + 177} {ly - 4} '
        f'L{x0 + 168} {ly + 5} L{x0 + 159} {ly - 4} Z"/>'
        f'<text x="{x0 + 184}" y="{ly}">after the {noun}</text>'
        f'<circle cx="{x0 + 318}" cy="{ly - 4}" r="7" class="tl-key tl-key-unverified"/>'
        f'<text x="{x0 + 330}" y="{ly}">dashed outline: a figure or detail not verified</text>'
        f'<text x="{x0}" y="{ly + 22}">Each panel has its own scale; the gaps between panels '
        "stand for years with no event listed.</text>"
        f'<text x="{x0}" y="{ly + 40}">Marks stacked in a column happened close together.</text>'
        "</g>")
    first, last = timeline.events[0], timeline.events[-1]
    title = f"Timeline of {len(timeline.events)} events, {first.start.year} to {last.start.year}"
    count = len(timeline.panels)
    panel_words = ({1: "one panel", 2: "two panels", 3: "three panels", 4: "four panels"}
                   .get(count, f"{count} panels"))
    desc = (f"Numbered marks on a time axis in {panel_words}. Circles are "
            f"events before the {noun}, diamonds events after it, and a dashed line marks the "
            f"{noun}'s year. The numbered "
            "list below the chart gives every event with its date, description and sources.")
    labelled = f'aria-labelledby="{title_id}" aria-describedby="{desc_id}' + (
        f' {described_by}"' if described_by else '"')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img" {labelled} '
        f'viewBox="0 0 {WIDTH} {height}" width="100%">'
        f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(desc)}</desc>'
        + "".join(parts) + "</svg>"
    )
