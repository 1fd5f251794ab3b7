"""A docutils table from headers, column widths and rows: one builder for the kit's directives
(``{annotation-table}``, ``{objectives-map}``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes


def table_row(cells: Iterable) -> nodes.row:
    """One row; a cell is a node or a list of nodes."""
    row = nodes.row()
    for content in cells:
        entry = nodes.entry()
        entry += content
        row += entry
    return row


def table_node(headers: Sequence[str], widths: Sequence[int], rows: Iterable[Iterable], *,
               classes: Sequence[str] = (), title: str | None = None) -> nodes.table:
    table = nodes.table(classes=list(classes))
    if title:
        table += nodes.title("", title)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += table_row([nodes.paragraph("", h) for h in headers])
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += table_row(cells)
    group += body
    return table
