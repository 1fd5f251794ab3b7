"""Roles that refer to the op-ed and are checked against it at build time.

- ``{quote}`exact words``` renders the words in quotation marks, linked to their sentence;
  the build fails if the words are not verbatim in the op-ed.
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

from ..case import QuoteNotFound, UnknownSentence, load_oped, paragraph_anchor, sentence_anchor
from ..typography import in_double_quotes

logger = logging.getLogger(__name__)
ENV_KEY = "medialit_bad_references"
LABEL_PREFIX = "oped-"


def label_for(anchor: str) -> str:
    """The Sphinx label of an op-ed anchor (``p5-s2`` -> ``oped-p5-s2``)."""
    return LABEL_PREFIX + anchor


def _xref(label: str, child: nodes.Node) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=label, refexplicit=True, refwarn=True
    )
    ref += child
    return ref


class _OpedRole(SphinxRole):
    kind = "reference"

    def report(self, message: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        source, line = self.get_source_info()
        full = f"{source}:{line}: bad op-ed {self.kind}: {message}"
        logger.error(f"bad op-ed {self.kind}: {message}", location=(self.env.docname, line),
                     type="medialit", subtype="quote")
        self.env.__dict__.setdefault(ENV_KEY, {}).setdefault(self.env.docname, []).append(full)
        return [nodes.problematic(self.rawtext, self.rawtext)], []


class QuoteRole(_OpedRole):
    kind = "quote"

    def run(self):
        quote = self.text
        try:
            span = load_oped().find(quote)
        except QuoteNotFound as exc:
            return self.report(str(exc))
        inline = nodes.inline("", "", classes=["oped-quote"])
        inline += nodes.Text(in_double_quotes(span.text))
        return [_xref(label_for(sentence_anchor(span.sentence_ids[0])), inline)], []


class SentenceRole(_OpedRole):
    kind = "sentence id"

    def run(self):
        ref = self.text.strip()
        try:
            sentence = load_oped().sentence(ref)
        except UnknownSentence as exc:
            return self.report(str(exc))
        shown = "byline" if sentence.paragraph == "byline" else f"¶{sentence.id}"
        inline = nodes.inline("", shown, classes=["oped-sentence-ref"])
        return [_xref(label_for(sentence.anchor), inline)], []


class ParagraphRole(_OpedRole):
    kind = "paragraph"

    def run(self):
        ref = self.text.strip().lstrip("¶")
        try:
            paragraph = load_oped().paragraph(ref)
        except UnknownSentence as exc:
            return self.report(str(exc))
        inline = nodes.inline("", paragraph.display, classes=["oped-paragraph-ref"])
        return [_xref(label_for(paragraph_anchor(paragraph.label)), inline)], []


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
            f"{len(bad)} op-ed reference(s) do not match the text:\n" + "\n".join(bad)
        )
