"""One deterministic chart for the analysis notebooks: counts per paragraph, grouped bars, as SVG.

The chart is drawn as plain SVG text by this module, with no plotting library: the same code
runs in the book's build, in a local Jupyter and in the browser (JupyterLite, where matplotlib
has no wheel). Each series gets a hatch pattern as well as a grey level, so the chart reads
without colour. Fixed size, fonts named (never loaded), coordinates rounded, ids derived from
the data: the same input draws the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

HATCHES = ("", "///", "...", "xx", "\\\\\\\\", "oo")
GREYS = ("#222222", "#777777", "#bbbbbb", "#444444", "#999999", "#dddddd")
FONT = "DejaVu Sans, Verdana, sans-serif"
DPI = 100  # the size is given in inches (as matplotlib's was); 100 px per inch
MARGIN = {"left": 56, "right": 16, "top": 52, "bottom": 36}
LEGEND_Y = 30  # one row of legend entries under the title, left to right
LEGEND_ENTRY = 120


def _fmt(value: float) -> str:
    """Coordinates with one decimal, so the output is the same on every machine."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _pattern(pattern_id: str, hatch: str, grey: str) -> str:
    """An SVG pattern for a hatch name of :data:`HATCHES` (lines, dots, crosses, circles)."""
    kind = hatch[0]
    if kind == "/":
        body = f'<path d="M0 8 L8 0 M-2 2 L2 -2 M6 10 L10 6" stroke="{grey}" stroke-width="1.2"/>'
    elif kind == "\\":
        body = f'<path d="M0 0 L8 8 M-2 6 L2 10 M6 -2 L10 2" stroke="{grey}" stroke-width="1.2"/>'
    elif kind == ".":
        body = f'<circle cx="4" cy="4" r="1.3" fill="{grey}"/>'
    elif kind == "x":
        body = f'<path d="M0 0 L8 8 M8 0 L0 8" stroke="{grey}" stroke-width="1"/>'
    else:  # "o"
        body = f'<circle cx="4" cy="4" r="2.4" fill="none" stroke="{grey}" stroke-width="1"/>'
    return (f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="white"/>{body}</pattern>')


@dataclass(frozen=True)
class BarChart:
    """Grouped bars: one group per paragraph, one bar per series.

    Shown by Jupyter as SVG (``_repr_svg_``); its text face lists the numbers, so a terminal
    or a screen reader gets the same content as the picture.
    """

    paragraphs: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]
    title: str
    ylabel: str = "count"
    size: tuple[float, float] = (8, 3.6)

    @property
    def top(self) -> int:
        return max([0, *(v for _, values in self.series for v in values)])

    def _id(self) -> str:
        digest = hashlib.sha256(repr((self.paragraphs, self.series, self.title)).encode())
        return "medialit-chart-" + digest.hexdigest()[:10]

    def bars(self) -> list[tuple[str, int, float, float, float, float, str]]:
        """(series, value, x, y, width, height, fill) of every bar, series by series."""
        width_px, height_px = self.size[0] * DPI, self.size[1] * DPI
        plot_w = width_px - MARGIN["left"] - MARGIN["right"]
        plot_h = height_px - MARGIN["top"] - MARGIN["bottom"]
        group = plot_w / max(len(self.paragraphs), 1)
        n = len(self.series)
        bar_w = group * 0.8 / max(n, 1)
        scale = plot_h / (self.top + 1)
        out = []
        for i, (name, values) in enumerate(self.series):
            hatch, grey = HATCHES[i % len(HATCHES)], GREYS[i % len(GREYS)]
            fill = grey if not hatch else f"url(#{self._id()}-{i})"
            for p, value in enumerate(values):
                x = MARGIN["left"] + group * (p + 0.5) + (i - n / 2) * bar_w
                h = value * scale
                out.append((name, value, x, MARGIN["top"] + plot_h - h, bar_w, h, fill))
        return out

    def svg(self) -> str:
        width_px, height_px = self.size[0] * DPI, self.size[1] * DPI
        plot_h = height_px - MARGIN["top"] - MARGIN["bottom"]
        base = MARGIN["top"] + plot_h
        uid = self._id()
        parts = [
            (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width_px)}" '
            f'height="{_fmt(height_px)}" viewBox="0 0 {_fmt(width_px)} {_fmt(height_px)}" '
            f'role="img" aria-labelledby="{uid}-title" font-family="{FONT}">'),
            f'<title id="{uid}-title">{escape(self.title)}</title>',
            "<defs>",
            *(_pattern(f"{uid}-{i}", HATCHES[i % len(HATCHES)], GREYS[i % len(GREYS)])
              for i in range(len(self.series)) if HATCHES[i % len(HATCHES)]),
            "</defs>",
            f'<rect width="{_fmt(width_px)}" height="{_fmt(height_px)}" fill="white"/>',
            (f'<text x="{_fmt(width_px / 2)}" y="20" font-size="14" text-anchor="middle">'
            f"{escape(self.title)}</text>"),
        ]
        scale = plot_h / (self.top + 1)
        for tick in range(self.top + 2):  # integer ticks, as counts are integers
            y = base - tick * scale
            parts.append(f'<line x1="{MARGIN["left"] - 4}" x2="{MARGIN["left"]}" y1="{_fmt(y)}" '
                         f'y2="{_fmt(y)}" stroke="#222222"/>'
                         f'<text x="{MARGIN["left"] - 7}" y="{_fmt(y + 4)}" font-size="11" '
                         f'text-anchor="end">{tick}</text>')
        parts.append(f'<line x1="{MARGIN["left"]}" x2="{MARGIN["left"]}" y1="{MARGIN["top"]}" '
                     f'y2="{_fmt(base)}" stroke="#222222"/>'
                     f'<line x1="{MARGIN["left"]}" x2="{_fmt(width_px - MARGIN["right"])}" '
                     f'y1="{_fmt(base)}" y2="{_fmt(base)}" stroke="#222222"/>')
        parts.append(f'<text transform="translate(16 {_fmt(MARGIN["top"] + plot_h / 2)}) '
                     f'rotate(-90)" font-size="12" text-anchor="middle">'
                     f"{escape(self.ylabel)}</text>")
        for i, (name, _values) in enumerate(self.series):
            grey = GREYS[i % len(GREYS)]
            for bar_name, value, x, y, w, h, fill in self.bars():
                if bar_name == name:
                    parts.append(f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" '
                                 f'height="{_fmt(h)}" fill="{fill}" stroke="{grey}" '
                                 f'stroke-width="1.2"><title>{escape(name)}: {value}</title>'
                                 "</rect>")
        group = (width_px - MARGIN["left"] - MARGIN["right"]) / max(len(self.paragraphs), 1)
        for p, label in enumerate(self.paragraphs):
            x = MARGIN["left"] + group * (p + 0.5)
            parts.append(f'<text x="{_fmt(x)}" y="{_fmt(base + 16)}" font-size="11" '
                         f'text-anchor="middle">¶{escape(str(label))}</text>')
        for i, (name, _values) in enumerate(self.series):
            x = MARGIN["left"] + i * LEGEND_ENTRY
            grey = GREYS[i % len(GREYS)]
            fill = grey if not HATCHES[i % len(HATCHES)] else f"url(#{uid}-{i})"
            parts.append(f'<rect x="{_fmt(x)}" y="{LEGEND_Y}" width="22" height="11" '
                         f'fill="{fill}" stroke="{grey}" stroke-width="1.2"/>'
                         f'<text x="{_fmt(x + 28)}" y="{LEGEND_Y + 10}" font-size="11">'
                         f"{escape(name)}</text>")
        parts.append("</svg>")
        return "".join(parts)

    def _repr_svg_(self) -> str:
        return self.svg()

    def __repr__(self) -> str:
        names = [name for name, _ in self.series]
        rows = [f"¶{p}: " + ", ".join(f"{n} {values[i]}" for n, (_, values)
                                     in zip(names, self.series, strict=True))
                for i, p in enumerate(self.paragraphs)]
        return "\n".join([f"Chart: {self.title}", *rows])


def bars_per_paragraph(paragraphs: Sequence[str], series: Mapping[str, Sequence[int]], *,
                       title: str, ylabel: str = "count",
                       size: tuple[float, float] = (8, 3.6)) -> BarChart:
    """Grouped bars: one group per paragraph (¶1 …), one bar per series."""
    for name, values in series.items():
        if len(values) != len(paragraphs):
            raise ValueError(f"series {name!r} has {len(values)} values for "
                             f"{len(paragraphs)} paragraphs")
    return BarChart(tuple(str(p) for p in paragraphs),
                    tuple((name, tuple(int(v) for v in values)) for name, values in series.items()),
                    title, ylabel, size)


def as_image(chart: BarChart) -> BarChart:
    """The chart, to end a notebook cell with: Jupyter shows its SVG (and its text face).

    Kept so that notebooks read ``as_image(figure)`` whatever draws the chart.
    """
    return chart
