"""Load the analysis word lists (``medialit/data/lexicons/<name>.yml``), validated on load.

A lexicon file names its source honestly and lists its terms::

    schema_version: 1
    name: hedges
    description: Words that soften a claim or the writer's commitment to it.
    source: Compiled for the kit (illustrative) ...
    terms:
      - term: alleged
        note: optional remark shown in tables

A bad file raises :class:`LexiconError` (a :class:`~medialit.io.yamldata.DataError`) naming the
file, line, entry and field.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from ..io.yamldata import DataError, entries, line_of, read_yaml, require_version, validate_entry

SCHEMA_VERSION = 1


class LexiconError(DataError):
    """A lexicon file that does not follow the schema."""


class LexiconTerm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str
    note: str = ""

    @field_validator("term")
    @classmethod
    def _clean(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the term is empty")
        if value != value.strip() or "  " in value:
            raise ValueError("the term has leading, trailing or double spaces")
        return value


class Lexicon(BaseModel):
    """A named list of terms with its source."""

    model_config = ConfigDict(frozen=True)

    name: str
    description: str
    source: str
    terms: tuple[LexiconTerm, ...]

    def words(self) -> tuple[str, ...]:
        return tuple(t.term for t in self.terms)

    def note(self, term: str) -> str:
        return next((t.note for t in self.terms if t.term.lower() == term.lower()), "")


def engine_lexicon_path(name: str) -> Path:
    """The engine's own English word list ``name`` (not tied to any case)."""
    return Path(str(resources.files("medialit").joinpath(f"data/lexicons/{name}.yml")))


def lexicon_path(name: str) -> Path:
    """The current pack's lexicon ``name`` when its ``lexicons`` folder has one (a case may
    need its own words), else the engine's."""
    from ..pack import current_pack

    folder = current_pack().existing("lexicons")
    if folder is not None and (folder / f"{name}.yml").is_file():
        return folder / f"{name}.yml"
    return engine_lexicon_path(name)


def read_lexicon_file(path: Path | str) -> Lexicon:
    """Read and validate one lexicon file."""
    path = Path(path)
    try:
        data = read_yaml(path)
        require_version(data, path, SCHEMA_VERSION)
        for key in ("name", "description", "source"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                raise DataError(path, line_of(data, key) if key in data else 1,
                                "must be a non-empty text", field=key)
        seq = entries(data, "terms", path)
        terms = [validate_entry(LexiconTerm, node, path, seq, i, id_key="term") for i, node in enumerate(seq)]
    except DataError as exc:
        raise LexiconError.from_error(exc) from None
    seen: dict[str, int] = {}
    for i, term in enumerate(terms):
        key = term.term.lower()
        if key in seen:
            raise LexiconError(path, line_of(seq, i), f"duplicate term (also entry {seen[key] + 1})",
                               entry_id=term.term, field="term")
        seen[key] = i
    return Lexicon(name=str(data["name"]), description=str(data["description"]),
                   source=str(data["source"]), terms=tuple(terms))


def load_lexicon(name: str) -> Lexicon:
    """The lexicon ``name`` (``hedges``, ``boosters``, ``attribution_verbs``, …): the current
    pack's own when it has one, else the engine's."""
    path = lexicon_path(name)
    if not path.exists():
        available = sorted(p.stem for p in path.parent.glob("*.yml"))
        raise LexiconError(path, None, f"no lexicon named {name!r}; available: {available}")
    return _read_cached(str(path))


@cache
def _read_cached(path: str) -> Lexicon:
    return read_lexicon_file(path)
