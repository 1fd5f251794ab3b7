"""The ``{alternative-assignment}`` directive: the alternative assignment and its rubric.

Renders the pack's alternative assignment (its ``alternative`` entry, placed in the book; or
the file given as the argument, relative to the page; :mod:`medialit.content.alternative` validates it): the options as a definition list, the
rubric as a table (one row per criterion: its objectives and points, then the text of each
level) and the anchor answers as a second table of the same shape. A bad file fails the build
with the file, the line and the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..content.alternative import Alternative, AlternativeError, default_path, load_alternative
from ..pack import PackError
from .tables import table_node


def _criterion_cell(criterion, with_points: bool) -> nodes.paragraph:
    para = nodes.paragraph()
    para += nodes.strong("", criterion.name)
    detail = ", ".join(criterion.objectives)
    if with_points:
        detail += f"; {criterion.points:g} points"
        if criterion.replaces == "code":
            detail += " (the code questions' points)"
    para += nodes.Text(f" ({detail})")
    return para


def _levels(alt: Alternative) -> list[str]:
    top = max(c.top for c in alt.criteria)
    return [str(n) for n in range(top + 1)]


class AlternativeAssignmentDirective(SphinxDirective):
    has_content = False
    optional_arguments = 1
    option_spec: ClassVar[dict] = {}

    def run(self) -> list[nodes.Node]:
        if self.arguments:
            path = Path(self.env.doc2path(self.env.docname)).parent / self.arguments[0]
        else:
            try:
                path = default_path(Path(self.env.srcdir))
            except PackError as exc:
                raise self.error(f"alternative-assignment: {exc}") from None
        try:
            alt = load_alternative(path)
        except AlternativeError as exc:
            raise self.error(f"alternative-assignment: {exc}") from None
        self.env.note_dependency(str(path))
        options = nodes.definition_list(classes=["alternative-options"])
        for option in alt.options:
            item = nodes.definition_list_item()
            item += nodes.term("", f"({option.id}) {option.name}")
            item += nodes.definition("", nodes.paragraph("", option.text))
            options += item
        levels = _levels(alt)
        headers = ("Criterion", *levels)
        widths = (22, *([78 // len(levels)] * len(levels)))
        rubric = table_node(
            headers, widths,
            ([_criterion_cell(c, True), *(nodes.paragraph("", c.levels.get(n, "—"))
                                          for n in levels)] for c in alt.criteria),
            classes=["alternative-rubric"], title="Rubric: each criterion scored on its own")
        anchors = table_node(
            headers, widths,
            ([_criterion_cell(c, False), *(nodes.paragraph("", c.anchors.get(n, "—"))
                                           for n in levels)] for c in alt.criteria),
            classes=["alternative-anchors"],
            title="Anchor answers, written on the case this book studies")
        return [options, rubric, anchors]
