"""The one MyST scanner: the patterns every reader of the kit's pages shares.

The book's checks (:mod:`medialit.checks.refcheck`, :mod:`medialit.checks.quotations`,
:mod:`medialit.content.voice`, :mod:`medialit.checks.citations`, :mod:`medialit.content.objectives`), the exports
(:mod:`medialit.export.render`), the handouts (:mod:`medialit.handouts.provenance`) and the leak
check (:mod:`medialit.grading.leaks`) all find roles and fences with these patterns, so that they
all read a page the same way (``tests/test_myst_scanner.py`` fails on a MyST pattern elsewhere).

- :data:`ROLE`: an inline role, ``{name}`text```: groups ``name`` (1) and ``text`` (2).
- :func:`role_pattern`: the same for some role names only (the text-reference roles).
- :data:`FENCE`: a line that opens (or closes) a fenced block, a code fence or a directive:
  groups ``indent``, ``fence`` (the run of backticks, tildes or colons), ``name`` (the
  directive, or None for a plain fence) and ``rest``.
- :func:`directive_lines`: the lines that open a directive (some names only, when given),
  with their line numbers; :data:`OPTION`: a directive's option line (``:name: value``).
- :data:`INLINE_CODE`, :data:`COMMENT`, :data:`LINK_TARGET`: what is not prose.
- :func:`is_cite` and :func:`cite_keys`: sphinxcontrib-bibtex's citation roles and their keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ROLE = re.compile(r"\{(?P<name>[\w:.-]+)\}`(?P<text>[^`]*)`")
FENCE = re.compile(
    r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\s*(?:\{(?P<name>[\w:.-]+)\})?(?P<rest>.*)$")
OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):(?P<value>.*)$")
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


def directive_lines(text: str, *names: str) -> Iterator[tuple[int, re.Match[str]]]:
    """``(line number, FENCE match)`` for each line of ``text`` that opens a directive (a
    fence with a ``{name}``), only the named directives when names are given. A directive's
    argument is the match's ``rest``, stripped."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if match and match["name"] and (not names or match["name"] in names):
            yield number, match


def is_cite(name: str) -> bool:
    """``cite``, ``cite:p``, ``cite:t``, …: a sphinxcontrib-bibtex citation role."""
    return _CITE.fullmatch(name) is not None


def cite_keys(text: str) -> list[str]:
    """The keys of a citation role's text (``"a, b"`` -> ``["a", "b"]``), blanks dropped."""
    return [key.strip() for key in text.split(",") if key.strip()]
