"""The ``{contested}`term``` role: marks a contested term as a term under study.

The kit's own voice uses contested terms only as terms under study (the pack's
``contested_terms.yml`` lists them; :mod:`medialit.voice` checks the pages).
The role renders the words with the class ``contested-term`` (styled in ``medialit.css``)
and tells :mod:`medialit.voice` that this use is deliberate.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxRole


class ContestedRole(SphinxRole):
    def run(self):
        node = nodes.inline(self.rawtext, self.text, classes=["contested-term"])
        return [node], []
