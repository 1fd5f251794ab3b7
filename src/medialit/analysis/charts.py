"""One deterministic chart for the analysis notebooks: counts per paragraph, grouped bars.

Each series gets a hatch pattern as well as a grey level, so the chart reads without colour.
Fixed size and fonts, no dates or random values: the same input draws the same figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")  # no display needed: notebooks show PNG bytes (see as_image)
import matplotlib.pyplot as plt

HATCHES = ("", "///", "...", "xx", "\\\\\\\\", "oo")
GREYS = ("#222222", "#777777", "#bbbbbb", "#444444", "#999999", "#dddddd")
plt.rcParams.update({"svg.hashsalt": "medialit", "svg.fonttype": "none",
                     "font.family": "DejaVu Sans", "figure.dpi": 100})


def bars_per_paragraph(paragraphs: Sequence[str], series: Mapping[str, Sequence[int]], *,
                       title: str, ylabel: str = "count", size: tuple[float, float] = (8, 3.6)):
    """Grouped bars: one group per paragraph (¶1 …), one bar per series. Returns the figure."""
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    n = len(series)
    width = 0.8 / max(n, 1)
    top = 0
    for i, (name, values) in enumerate(series.items()):
        xs = [p + (i - (n - 1) / 2) * width for p in range(len(paragraphs))]
        hatch, grey = HATCHES[i % len(HATCHES)], GREYS[i % len(GREYS)]
        # the first series is solid; the others are white with a hatch pattern
        ax.bar(xs, values, width=width, label=name, color=grey if not hatch else "white",
               edgecolor=grey, hatch=hatch or None, linewidth=1.2)
        top = max([top, *values])
    ax.set_xticks(range(len(paragraphs)), [f"¶{p}" for p in paragraphs])
    ax.set_yticks(range(top + 2))
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=11)
    ax.legend(frameon=False, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def as_image(fig):
    """The figure as a PNG ``IPython.display.Image`` (no timestamp metadata); closes the figure.

    Showing the PNG bytes, not the figure object, keeps notebooks independent of the plotting
    backend and makes the stored output the same on every run.
    """
    import io

    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return Image(data=buffer.getvalue(), format="png")
