"""Roles that refer to the pack's text and are checked against it at build time.

- ``{quote}`exact words``` renders the words in quotation marks, linked to their sentence;
  the build fails if the words are not verbatim in the text.
- ``{sentence}`5.2``` links to sentence 2 of paragraph 5 (rendered ``¶5.2``).
- ``{para}`5``` links to paragraph 5 (rendered ``¶5``).

A bad reference is logged as an error with file and line, kept in the environment, and the
build fails at the end (``build-finished``) even without ``-W``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from ..text.case import QuoteNotFound, UnknownSentence, load_text
from ..text.refs import resolve

logger = logging.getLogger(__name__)
ENV_KEY = "medialit_bad_references"
LABEL_PREFIX = "text-"


def label_for(anchor: str) -> str:
    """The Sphinx label of an anchor on the text's page (``p5-s2`` -> ``text-p5-s2``)."""
    return LABEL_PREFIX + anchor


def _xref(label: str, child: nodes.Node) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=label, refexplicit=True, refwarn=True
    )
    ref += child
    return ref


class _TextRole(SphinxRole):
    """A role resolved by :func:`medialit.text.refs.resolve` (the one resolver of every face)."""

    role = "quote"
    kind = "reference"
    css = ""

    def report(self, message: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        source, line = self.get_source_info()
        what = f"bad {load_text().noun} {self.kind}: {message}"
        logger.error(what, location=(self.env.docname, line), type="medialit", subtype="quote")
        self.env.__dict__.setdefault(ENV_KEY, {}).setdefault(self.env.docname, []).append(
            f"{source}:{line}: {what}")
        return [nodes.problematic(self.rawtext, self.rawtext)], []

    def run(self):
        try:
            ref = resolve(self.role, self.text)
        except (QuoteNotFound, UnknownSentence) as exc:
            return self.report(str(exc))
        return [_xref(label_for(ref.anchor), nodes.inline("", ref.shown, classes=[self.css]))], []


class QuoteRole(_TextRole):
    role, kind, css = "quote", "quote", "oped-quote"


class SentenceRole(_TextRole):
    role, kind, css = "sentence", "sentence id", "oped-sentence-ref"


class ParagraphRole(_TextRole):
    role, kind, css = "para", "paragraph", "oped-paragraph-ref"


def purge_bad_references(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.__dict__.get(ENV_KEY, {}).pop(docname, None)


def merge_bad_references(app: Sphinx, env: BuildEnvironment, docnames, other) -> None:
    mine = env.__dict__.setdefault(ENV_KEY, {})
    for docname, messages in other.__dict__.get(ENV_KEY, {}).items():
        if docname in docnames:
            mine[docname] = messages


def fail_on_bad_references(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    bad = [m for messages in app.env.__dict__.get(ENV_KEY, {}).values() for m in messages]
    if bad:
        raise ExtensionError(
            f"{len(bad)} reference(s) to the {load_text().noun} do not match the text:\n"
            + "\n".join(bad)
        )
