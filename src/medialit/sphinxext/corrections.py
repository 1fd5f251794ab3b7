"""The ``{corrections}`` directive: the corrections log (``medialit/data/corrections.yml``).

Newest first, one list item per correction: the date and kind, what the kit said before, what
it says now, where (links to the pages that are in this build), and the sources behind the
change as ``{cite:p}`` citations. A bad log fails the build with the file and line.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..content.corrections import Book, CorrectionsError, load_corrections
from ..pack import BOOK_BIB
from .config import pack_bib

KIND_LABEL = {"corrected": "Corrected", "clarified": "Clarified", "added": "Added",
              "kept": "Kept, with the reason"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def show_date(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class CorrectionsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        root = Path(self.env.srcdir)
        try:
            log = load_corrections(root=root, bib=pack_bib(root) or root / BOOK_BIB)
        except CorrectionsError as exc:
            raise self.error(f"corrections: {exc}") from None
        self.env.note_dependency(log.path)
        self._book = Book.at(root)
        items = nodes.bullet_list(classes=["corrections-list"])
        for correction in log.newest_first():
            items += self._item(correction)
        return [items]

    def _item(self, correction) -> nodes.list_item:
        item = nodes.list_item(ids=[f"correction-{correction.id}"], classes=["correction"])
        head = nodes.paragraph(classes=["correction-head"])
        head += nodes.strong("", f"{show_date(correction.date)}: {KIND_LABEL[correction.kind]}.")
        item += head
        for label, text in (("Before", correction.was),
                            ("Kept because" if correction.kind == "kept" else "Now", correction.now)):
            para = nodes.paragraph()
            para += nodes.emphasis("", f"{label}: ")
            para += nodes.Text(" ".join(text.split()))
            if label != "Before" and correction.cite:
                cites, messages = self.state.inline_text(
                    "{cite:p}`" + ",".join(correction.cite) + "`", self.lineno)
                para += nodes.Text(" ")
                para += [*cites, *messages]
            item += para
        where = nodes.paragraph(classes=["correction-where"])
        where += nodes.emphasis("", "Where: ")
        for i, place in enumerate(correction.where):
            if i:
                where += nodes.Text(", ")
            where += self._place(place)
        item += where
        return item

    def _place(self, place: str) -> nodes.Node:
        """A link to the page when it is part of this build, else the place as text."""
        path = self._book.resolve(place)
        if path is not None and path.suffix in (".md", ".ipynb"):
            docname = path.relative_to(Path(self.env.srcdir)).with_suffix("").as_posix()
            if docname in self.env.found_docs:
                ref = addnodes.pending_xref("", refdomain="std", reftype="doc",
                                            reftarget="/" + docname, refexplicit=False)
                ref += nodes.inline("", place)
                return ref
        return nodes.literal("", place)
