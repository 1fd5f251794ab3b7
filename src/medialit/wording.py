"""The kit's own wording rule: contested terms appear only inside quotation marks.

EDITORIAL §4: in its own voice the kit never uses "ethnic cleansing", "genocide",
"occupation", "separatist", "terrorist", "liberation", "aggressor", "Artsakh" and their forms;
they may appear inside a quotation (“…” or "…"), where they are someone else's words or a term
under study. :func:`contested_terms_outside_quotes` finds violations in a piece of kit text.
"""

from __future__ import annotations

import re

CONTESTED_TERMS = (
    "ethnic cleansing", "genocide", "genocidal", "occupation", "occupied", "occupying",
    "occupier", "occupiers", "separatist", "separatists", "secessionist", "terrorist",
    "terrorists", "anti-terrorist", "anti-terror", "terrorism", "liberation", "liberated",
    "aggressor", "aggression", "Artsakh",
)
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
