"""The kit's own wording rule for data files: contested terms appear only inside quotation marks.

In its own voice the kit never uses the terms of the current pack's ``contested_terms.yml``
(the one list, also read by the page check in :mod:`medialit.content.voice`, with the same matching:
every form, case-blind, any run of white space between words); they may appear inside a
quotation (“…” or "…"), where they are someone else's words or a term under study.
:func:`contested_terms_outside_quotes` finds violations in a piece of kit text (the data files'
own-voice fields).
"""

from __future__ import annotations

import re

from .voice import _term_pattern, load_terms

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def __getattr__(name: str):
    if name == "CONTESTED_TERMS":  # every form, longest first (read from the current pack)
        return tuple(sorted(load_terms(), key=len, reverse=True))
    raise AttributeError(name)


def contested_terms_outside_quotes(text: str) -> list[str]:
    """Contested terms used in ``text`` outside quotation marks (empty list: the text is fine)."""
    unquoted = _QUOTED.sub(" ", text)
    return [m.group(0) for m in _term_pattern().finditer(unquoted)]


def kit_wording(value: str) -> str:
    """A data file's own-voice text with whitespace normalised; raises ``ValueError`` (for a
    pydantic validator) when a contested term stands outside quotation marks."""
    value = " ".join(value.split())
    bad = contested_terms_outside_quotes(value)
    if bad:
        raise ValueError(f"contested term(s) {bad} outside quotation marks; the kit's own "
                         "wording uses them only inside quotation marks")
    return value

