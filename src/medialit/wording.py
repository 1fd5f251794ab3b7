"""The kit's own wording rule: contested terms appear only inside quotation marks.

EDITORIAL §4: in its own voice the kit never uses "ethnic cleansing", "genocide",
"occupation", "separatist", "terrorist", "liberation", "aggressor", "Artsakh", "blockade" and
the other terms of ``data/contested_terms.yml`` (the list the page check in
:mod:`medialit.voice` reads too); they may appear inside a quotation (“…” or "…"), where they
are someone else's words or a term under study. :func:`contested_terms_outside_quotes` finds
violations in a piece of kit text (the data files' own-voice fields).
"""

from __future__ import annotations

import re

from .voice import load_terms

#: Every form of every contested term, longest first (one list for pages and data files).
CONTESTED_TERMS = tuple(sorted(load_terms(), key=len, reverse=True))
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_TERMS = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in
                                                sorted(CONTESTED_TERMS, key=len, reverse=True))
                    + r")(?![\w-])", re.IGNORECASE)


def contested_terms_outside_quotes(text: str) -> list[str]:
    """Contested terms used in ``text`` outside quotation marks (empty list: the text is fine)."""
    unquoted = _QUOTED.sub(" ", text)
    return [m.group(1) for m in _TERMS.finditer(unquoted)]


def kit_wording(value: str) -> str:
    """A data file's own-voice text with whitespace normalised; raises ``ValueError`` (for a
    pydantic validator) when a contested term stands outside quotation marks."""
    value = " ".join(value.split())
    bad = contested_terms_outside_quotes(value)
    if bad:
        raise ValueError(f"contested term(s) {bad} outside quotation marks; the kit's own "
                         "wording uses them only inside quotation marks (EDITORIAL §4)")
    return value

