"""The one MyST scanner: the patterns every reader of the kit's pages shares.

The book's checks (:mod:`medialit.refcheck`, :mod:`medialit.quotations`,
:mod:`medialit.voice`, :mod:`medialit.citations`), the exports (:mod:`medialit.export.render`)
and the handouts (:mod:`medialit.handouts.provenance`) all find roles and fences with these
patterns, so that they all read a page the same way.

- :data:`ROLE`: an inline role, ``{name}`text```: groups ``name`` (1) and ``text`` (2).
- :func:`role_pattern`: the same for some role names only (the text-reference roles).
- :data:`FENCE`: a line that opens (or closes) a fenced block, a code fence or a directive:
  groups ``indent``, ``fence`` (the run of backticks, tildes or colons), ``name`` (the
  directive, or None for a plain fence) and ``rest``.
- :data:`INLINE_CODE`, :data:`COMMENT`, :data:`LINK_TARGET`: what is not prose.
- :func:`is_cite` and :func:`cite_keys`: sphinxcontrib-bibtex's citation roles and their keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ROLE = re.compile(r"\{(?P<name>[\w:.-]+)\}`(?P<text>[^`]*)`")
FENCE = re.compile(
    r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\s*(?:\{(?P<name>[\w:.-]+)\})?(?P<rest>.*)$")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)\s]*\)|<https?://[^>\s]+>|https?://\S+")
_CITE = re.compile(r"cite(?::[a-z]+)?")


def role_pattern(*names: str) -> re.Pattern[str]:
    """:data:`ROLE` for these role names only (same groups)."""
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"\{{(?P<name>{alternatives})\}}`(?P<text>[^`]*)`")


def roles(text: str, *names: str) -> Iterator[re.Match[str]]:
    """The roles in ``text`` (only those named, when names are given), in order."""
    pattern = role_pattern(*names) if names else ROLE
    return pattern.finditer(text)


def is_cite(name: str) -> bool:
    """``cite``, ``cite:p``, ``cite:t``, …: a sphinxcontrib-bibtex citation role."""
    return _CITE.fullmatch(name) is not None


def cite_keys(text: str) -> list[str]:
    """The keys of a citation role's text (``"a, b"`` -> ``["a", "b"]``), blanks dropped."""
    return [key.strip() for key in text.split(",") if key.strip()]
