"""``summary.png``: the score histogram and the item difficulty of a batch, drawn with Pillow.

Pending is pending: a question whose answers wait for a person is drawn as a grey hatched bar
labelled with how many wait, never as a difficulty of 0; the histogram is each student's share
of the points graded so far, and its title says how many students still wait.

Pillow draws this in a few milliseconds; matplotlib took about a second to import, which was
the largest fixed cost of a batch (benchmarks/grading.py). The text uses DejaVu Sans (shipped
with matplotlib, found without importing it) for Cyrillic, Greek and accented titles, and
Pillow's own font where it is missing. The same summary always gives the same bytes.
"""

from __future__ import annotations

import importlib.util
import io
from functools import lru_cache
from pathlib import Path

WIDTH, HEIGHT = 960, 400
BLUE, GREEN, GREY, INK, LIGHT = "#2c5aa0", "#0a6b2b", "#9a9a9a", "#1b1b1b", "#d9d9d9"


@lru_cache(maxsize=8)
def _font(size: int):
    from PIL import ImageFont

    spec = importlib.util.find_spec("matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _text(draw, xy, text: str, size: int = 13, fill: str = INK, anchor: str = "la") -> None:
    draw.text(xy, text, font=_font(size), fill=fill, anchor=anchor)


def _fit(text: str, size: int, width: int) -> str:
    font = _font(size)
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _hatch(draw, box, colour: str) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle(box, outline=colour)
    for x in range(int(x0) - int(y1 - y0), int(x1), 7):
        a = (max(x, x0), y0 + max(0, x0 - x))
        b = (min(x + (y1 - y0), x1), y1 - max(0, x + (y1 - y0) - x1))
        if a[0] < b[0]:
            draw.line([a, b], fill=colour, width=1)


def _histogram(draw, summary: dict, box) -> None:
    x0, y0, x1, y1 = box
    counts = list(summary["histogram_percent"].values())
    labels = list(summary["histogram_percent"])
    waiting = summary.get("pending_manual", 0)
    title = f"{summary['title']}: {summary['graded']} graded, {summary['errors']} not graded"
    _text(draw, (x0, y0), _fit(title, 14, x1 - x0), 14)
    subtitle = "share of the points graded so far"
    if waiting:
        subtitle += f" — {waiting} student(s) have answers waiting for a person"
    _text(draw, (x0, y0 + 20), _fit(subtitle, 12, x1 - x0), 12, GREY)
    top, bottom, left = y0 + 52, y1 - 42, x0 + 34
    peak = max(counts) if any(counts) else 1
    draw.line([(left, top), (left, bottom), (x1, bottom)], fill=INK)
    for tick in sorted({0, peak // 2, peak}):
        y = bottom - (bottom - top) * tick / peak
        draw.line([(left - 4, y), (left, y)], fill=INK)
        _text(draw, (left - 7, y), str(tick), 11, anchor="rm")
    slot = (x1 - left) / len(counts)
    for i, (count, label) in enumerate(zip(counts, labels, strict=True)):
        bx0, bx1 = left + i * slot + 3, left + (i + 1) * slot - 3
        if count:
            by = min(bottom - 2, bottom - (bottom - top) * count / peak)  # 1 of 1,000: visible
            draw.rectangle([bx0, by, bx1, bottom - 1], fill=BLUE)
            _text(draw, ((bx0 + bx1) / 2, by - 3), str(count), 11, anchor="md")
        _text(draw, ((bx0 + bx1) / 2, bottom + 6), label.replace("-", "–"), 10, anchor="ma")
    _text(draw, ((left + x1) / 2, y1 - 16), "score (% of the points graded so far); "
                                            "bars: students", 11, GREY, anchor="ma")


def _difficulty(draw, summary: dict, box) -> None:
    x0, y0, x1, y1 = box
    _text(draw, (x0, y0), "per question: mean share of the points", 14)
    _text(draw, (x0, y0 + 20), "grey hatched: answers wait for a person", 12, GREY)
    items = summary["items"]
    top, left = y0 + 52, x0 + 44
    row = min(34.0, (y1 - 30 - top) / max(1, len(items)))
    width = x1 - left - 8
    for i, item in enumerate(items):
        y = top + i * row
        bar = (left, y + 4, left + width, y + row - 6)
        _text(draw, (x0, (bar[1] + bar[3]) / 2), item["question"], 12, anchor="lm")
        draw.rectangle(bar, outline=LIGHT)
        pending, difficulty = item.get("pending", 0), item["difficulty"]
        if pending:
            _hatch(draw, bar, GREY)
            _text(draw, (left + 6, (bar[1] + bar[3]) / 2),
                  f"pending: {pending} of {item.get('answers', pending)} wait for a person",
                  11, anchor="lm")
        elif difficulty is None:
            _text(draw, (left + 6, (bar[1] + bar[3]) / 2), "no answers scored", 11, GREY,
                  anchor="lm")
        else:
            end = left + width * difficulty
            if end >= left + 1:
                draw.rectangle((left, bar[1], end, bar[3]), fill=GREEN)
            inside = difficulty > 0.8
            _text(draw, (end - 4 if inside else end + 4, (bar[1] + bar[3]) / 2),
                  f"{difficulty:.2f}", 11, "#ffffff" if inside else INK,
                  anchor="rm" if inside else "lm")
    base = top + len(items) * row + 2
    for tick in (0, 0.5, 1):
        x = left + width * tick
        draw.line([(x, base), (x, base + 4)], fill=INK)
        _text(draw, (x, base + 6), f"{tick:g}", 10, anchor="ma")


def summary_png(summary: dict) -> bytes:
    """The batch's summary figure as PNG bytes (deterministic)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image)
    _histogram(draw, summary, (16, 14, 560, HEIGHT - 8))
    _difficulty(draw, summary, (596, 14, WIDTH - 16, HEIGHT - 8))
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    return buf.getvalue()
