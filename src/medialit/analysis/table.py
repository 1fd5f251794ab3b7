"""Show analysis results as a table: HTML in the book, aligned plain text in a terminal.

``Table(columns, rows)`` has ``_repr_html_`` (escaped cells) and a text ``__repr__``, so a
notebook cell that ends with a table shows it in both faces; nbval compares both, and both are
deterministic. :func:`rows_of` turns result dataclasses into rows of chosen fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    @classmethod
    def of(cls, columns: Sequence[str], rows: Iterable[Sequence], caption: str = "") -> Table:
        return cls(tuple(columns), tuple(tuple("—" if v is None else str(v) for v in row)
                                         for row in rows), caption)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        widths = [max([len(c)] + [len(r[i]) for r in self.rows]) for i, c in enumerate(self.columns)]
        line = "  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True)).rstrip()
        rule = "  ".join("-" * w for w in widths)
        body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
                for r in self.rows]
        head = [self.caption] if self.caption else []
        return "\n".join([*head, line, rule, *body] if self.rows else [*head, line, "(none)"])

    def _repr_html_(self) -> str:
        caption = f"<caption>{escape(self.caption)}</caption>" if self.caption else ""
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in r) + "</tr>"
                       for r in self.rows) or (
            f'<tr><td colspan="{len(self.columns)}">(none)</td></tr>')
        return (f'<table class="medialit-table">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")


def rows_of(items: Iterable, fields: Sequence[str]) -> list[tuple]:
    """``[(item.f1, item.f2, …), …]`` for dataclass results."""
    return [tuple(getattr(item, f) for f in fields) for item in items]
