"""The ``{source-documents}`` directive: the pack's source documents (``sources.yml``), in full.

One section per document, in date order: its title, author, date and kind, and its text as a
block quote. When the pack is fiction (``metadata.fiction``) the list opens with that note and
every document is labelled "Invented document", so no reader takes one for a real source.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..content.sources import SourcesError
from ..pack import current_pack


class SourceDocumentsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        pack = current_pack()
        try:
            sources = pack.sources()
        except SourcesError as exc:
            raise self.error(f"source-documents: {exc}") from None
        self.env.note_dependency(sources.path)
        out: list[nodes.Node] = []
        if sources.fiction:
            note = nodes.admonition(classes=["note", "source-fiction"])
            note += nodes.title("", "Fiction")
            note += nodes.paragraph("", str(pack.metadata["fiction"]).strip())
            out.append(note)
        items = nodes.bullet_list(classes=["source-documents"])
        for source in sorted(sources, key=lambda s: (s.date, s.id)):
            item = nodes.list_item(ids=[f"source-{source.id}"], classes=["source-document"])
            head = nodes.paragraph(classes=["source-head"])
            head += nodes.strong("", source.title)
            label = "Invented document" if sources.fiction else source.kind.capitalize()
            head += nodes.Text(f" — {source.author}, {source.date.isoformat()} ({label}, "
                               f"{source.kind})")
            item += head
            item += nodes.block_quote("", nodes.paragraph("", source.plain_text))
            items += item
        out.append(items)
        return out
