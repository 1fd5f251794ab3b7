"""Fail the build when a quotation cites a references.bib entry that records no check.

The rule and its definition of a quotation live in :mod:`medialit.checks.quotations` (``medialit
check`` uses the same function). The check reads the book's sources once, after every page is
written (``build-finished``), like the text reference check, and fails without ``-W``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ..checks.quotations import check_quotations
from ..pack import BOOK_BIB

logger = logging.getLogger(__name__)


def book_bib(app: Sphinx) -> Path:
    """The book's references.bib: the first of ``bibtex_bibfiles``, or references.bib."""
    files = list(getattr(app.config, "bibtex_bibfiles", None) or [BOOK_BIB])
    return Path(app.srcdir) / files[0]


def fail_on_unchecked_quotations(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    # The book's own pages (found_docs) as well as the kit's page folders (refcheck.page_files).
    pages = [Path(app.env.doc2path(doc)) for doc in sorted(app.env.found_docs)]
    pages = [p for p in pages if p.suffix in (".md", ".ipynb") and p.exists()]
    report = check_quotations(Path(app.srcdir), book_bib(app), pages=pages)
    if report.unchecked:
        raise ExtensionError(
            f"{len(report.unchecked)} quotation(s) cite a source whose quoted words were never "
            f"checked (status unverified or none in references.bib):\n"
            + "\n".join(str(problem) for problem in report.unchecked))
