"""The source documents of a case as data: what a fictional pack invents, shown as its primaries.

A pack's ``sources.yml`` (the practice case's: a treaty, a report, statements, a bulletin)::

    schema_version: 1
    sources:
      - id: commission_report2019        # the key its references.bib entry has too
        title: Selka River Commission, Review of the 1962 Treaty (2019), paragraph 12
        author: Selka River Commission
        date: 2019-10-03
        kind: report
        text: >-
          The treaty does not guarantee any fixed volume downstream. ...

:func:`load_sources` validates every entry and raises :class:`SourcesError` naming the file,
the line, the entry and the field. ``{source-documents}`` renders them in a book, each marked as
fiction when the pack says it is (``metadata.fiction``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..io.yamldata import DataError, entries, read_yaml, require_version, validated_entries

SCHEMA_VERSION = 1


class SourcesError(DataError):
    """A sources file or entry that does not follow the schema."""


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_-]*$")
    title: str = Field(min_length=1)
    author: str = Field(min_length=1)
    date: dt.date
    kind: str = Field(min_length=1)
    text: str = Field(min_length=1)

    @property
    def plain_text(self) -> str:
        return " ".join(self.text.split())


@dataclass(frozen=True)
class SourceSet:
    sources: tuple[Source, ...]
    path: str
    fiction: bool = False

    def __iter__(self):
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def get(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(f"no source {source_id!r} in {self.path}")


def load_sources(path: Path | str, *, fiction: bool = False) -> SourceSet:
    """Load and validate a sources file; ``fiction`` marks every document as invented."""
    path = Path(path)
    try:
        data = read_yaml(path)
        require_version(data, path, SCHEMA_VERSION)
        seq = entries(data, "sources", path)
        found = [entry for entry, _node, _line in validated_entries(Source, seq, path)]
    except DataError as exc:
        raise SourcesError.from_error(exc) from None
    return SourceSet(tuple(found), str(path), fiction)
