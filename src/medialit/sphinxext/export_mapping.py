"""The ``{export-mapping}`` directive: how each quiz type maps to Moodle and Canvas.

The table is :func:`medialit.export.mapping.mapping_table_markdown`, the same one the
``medialit export`` report and ``docs/exports.md`` use, parsed as MyST in place.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from ..export.mapping import mapping_table_markdown


class ExportMappingDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=["medialit-export-mapping"])
        self.state.nested_parse(StringList(mapping_table_markdown().splitlines()),
                                self.content_offset, container)
        return [container]
