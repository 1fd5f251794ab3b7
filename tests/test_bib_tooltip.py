"""A citation link's hover text (bibstyle.MedialitTooltipStyle): the entry's description only."""

from __future__ import annotations

import pybtex.plugin
from pybtex.database import parse_string

from medialit.sphinxext import bibstyle

BIB = r"""
@online{nichols_un2023,
  author = {Nichols, Michelle},
  title = {UN team in Nagorno-Karabakh did not see any damage},
  organization = {Reuters},
  date = {2023-10-02},
  year = {2023},
  url = {https://example.org/reuters},
  status = {mirror},
  mirror = {an unidentified copy <https://example.org/copy>},
  checked = {2026-12-01},
  note = {Reuters' own page was not found},
}
"""


def formatted(style_name: str) -> str:
    bibstyle.register()
    entry = parse_string(BIB, "bibtex").entries["nichols_un2023"]
    style = pybtex.plugin.find_plugin("pybtex.style.formatting", style_name)()
    plaintext = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")()
    return style.format_entry("Nichols 2023", entry).text.render(plaintext)


def test_the_tooltip_is_the_start_of_the_full_entry_without_where_it_was_read():
    full = formatted(bibstyle.STYLE_NAME)
    tip = formatted(bibstyle.TOOLTIP_STYLE_NAME)
    assert tip == "Michelle Nichols. UN team in Nagorno-Karabakh did not see any damage. " \
        "Reuters, 2 October 2023."
    assert full.startswith(tip)
    for rest in ("Read on a copy", "not found", "https://example.org/reuters"):
        assert rest in full and rest not in tip


def test_both_books_use_the_tooltip_style():
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[1]
    for config in (root / "_config.yml", root / "packs" / "practice" / "book" / "_config.yml"):
        sphinx = yaml.safe_load(config.read_text(encoding="utf-8"))["sphinx"]["config"]
        assert sphinx["bibtex_tooltips_style"] == bibstyle.TOOLTIP_STYLE_NAME, config
