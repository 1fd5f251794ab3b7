"""The ``{contested}`term``` role: marks a contested term as a term under study.

The kit's own voice uses contested terms only as terms under study (the pack's
``contested_terms.yml`` lists them; :mod:`medialit.content.voice` checks the pages).
The role renders the words with the class ``contested-term`` (styled in ``medialit.css``: italic
with a dotted underline) and tells :mod:`medialit.content.voice` that this use is deliberate. In HTML the
marking has a text equivalent for screen readers: visually hidden words after the term
(``TEXT_EQUIVALENT``, in the theme's own ``visually-hidden`` class), so the dotted line is not the
only sign.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .html_face import html_face

TEXT_EQUIVALENT = " (contested term)"


class contested_equivalent(html_face):
    """The visually hidden words after a contested term (HTML only)."""


class ContestedRole(SphinxRole):
    def run(self):
        node = nodes.inline(self.rawtext, self.text, classes=["contested-term"])
        node += contested_equivalent("", f'<span class="visually-hidden">{TEXT_EQUIVALENT}</span>')
        return [node], []
