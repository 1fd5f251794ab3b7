"""The quiz's static face as pages ship it: its scripts and stylesheet minified at build time.

The sources (``sphinxext/static/medialit-quiz.js`` and ``.css``, ``quiz/types/<type>.js``) stay
readable and commented; the book's build writes them minified with rjsmin and rcssmin (pinned
in the ``book`` extra), which keep every string and regular expression as written (the scripts
use no template literals, which rjsmin does not know). The payload benchmark counts these bytes.
"""

from __future__ import annotations

from pathlib import Path


def minified(source: Path) -> str:
    """The file's text, minified (``.js`` and ``.css``; any other file as it is)."""
    text = Path(source).read_text(encoding="utf-8")
    if source.suffix == ".js":
        import rjsmin

        return rjsmin.jsmin(text) + "\n"
    if source.suffix == ".css":
        import rcssmin

        return rcssmin.cssmin(text) + "\n"
    return text
