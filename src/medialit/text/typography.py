"""Quotation marks as the kit writes them (a leaf module: the case text imports it too)."""

from __future__ import annotations

import re


def in_double_quotes(text: str) -> str:
    """``text`` quoted by the kit: “…”, with the quotation marks inside it made single.

    A quoted passage that itself quotes (a text's “water theft,”) reads “accuses the
    ministry of ‘water theft,’”, never with doubled marks (issue 16 §5). A passage that is one
    quotation already (“water theft,”) keeps its own marks.
    """
    if text.startswith("“") and text.endswith("”") and not re.search("[“”]", text[1:-1]):
        return text
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"

