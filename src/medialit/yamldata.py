"""Load the kit's YAML data files with line numbers and report bad entries precisely.

Every data file (annotations, timeline, lexicons) is a mapping with a ``schema_version`` and a
list of entries. :func:`read_yaml` parses it with ruamel.yaml (round-trip mode keeps line
numbers); :func:`validate_entry` runs one entry through a pydantic model and turns any problem
into a :class:`DataError` that names the file, the line, the entry id, the field and the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .errors import MISSING, MedialitError

M = TypeVar("M", bound=BaseModel)


class DataError(MedialitError, ValueError):
    """A problem in a data file, with where it is and what is wrong."""

    def __init__(self, path: Path | str, line: int | None, problem: str, *,
                 entry_id: str | None = None, field: str | None = None,
                 found: object = MISSING, expected: str | None = None):
        self.problem = problem
        where = f"{path}:{line}" if line else str(path)
        what = []
        if entry_id:
            what.append(f"entry {entry_id!r}")
        if field:
            what.append(f"field {field!r}")
        super().__init__(f"{where}: {', '.join(what) + ': ' if what else ''}{problem}",
                         file=str(path), line=line, id=entry_id, field=field, found=found,
                         expected=expected)

    @property
    def path(self) -> str:
        return self.file or ""

    @property
    def entry_id(self) -> str | None:
        return self.id

    @classmethod
    def from_error(cls, exc: DataError) -> DataError:
        """The same problem as this subclass (a loader names its own kind of file)."""
        return cls(exc.path, exc.line, exc.problem, entry_id=exc.entry_id, field=exc.field,
                   found=exc.found, expected=exc.expected)


def read_yaml(path: Path | str) -> CommentedMap:
    """Parse ``path``; the top level must be a mapping."""
    path = Path(path)
    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None
    if not isinstance(data, CommentedMap):
        raise DataError(path, 1, "the file must be a mapping with 'schema_version' and entries")
    return data


def line_of(node: Any, key: str | int | None = None) -> int | None:
    """1-based line of ``node`` (or of ``node[key]``) in its file, when ruamel recorded it."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + 1
        if isinstance(node, CommentedSeq):
            return lc.item(key)[0] + 1
        return lc.key(key)[0] + 1
    except (KeyError, IndexError, TypeError):
        return lc.line + 1


def loader_context(info: Any) -> dict:
    """A validator's ``info.context``: what the loader passes (the text, the layers, the
    bibliography's keys); empty when a model is validated on its own."""
    return info.context or {}


def known_cite_keys(keys: list[str], context: dict | None) -> list[str]:
    """A field validator's check of citation keys against ``context["bib_keys"]`` (when the
    loader passes the bibliography's keys); returns the keys or raises ValueError."""
    known = (context or {}).get("bib_keys")
    unknown = [k for k in keys if known is not None and k not in known]
    if unknown:
        raise ValueError(f"unknown references.bib key(s) {unknown}")
    return keys


def require_version(data: CommentedMap, path: Path | str, supported: int) -> None:
    version = data.get("schema_version")
    if version != supported:
        raise DataError(path, line_of(data, "schema_version") if "schema_version" in data else 1,
                        f"schema_version must be {supported}, found {version!r}",
                        field="schema_version")


def entries(data: CommentedMap, key: str, path: Path | str) -> CommentedSeq:
    """The list under ``key``; a missing or non-list value is an error."""
    value = data.get(key)
    if not isinstance(value, CommentedSeq):
        raise DataError(path, line_of(data, key) if key in data else 1,
                        f"'{key}' must be a list of entries", field=key)
    return value


def plain(node: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (for pydantic)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def validate_entry(model: type[M], node: Any, path: Path | str, seq: CommentedSeq,
                   index: int, context: dict | None = None, id_key: str = "id") -> M:
    """Validate ``seq[index]`` with ``model``; raise :class:`DataError` on the first problem."""
    entry_line = line_of(seq, index)
    if not isinstance(node, dict):
        raise DataError(path, entry_line, f"entry {index + 1} must be a mapping")
    entry_id = str(node.get(id_key)) if node.get(id_key) is not None else f"#{index + 1}"
    try:
        return model.model_validate(plain(node), context=context)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error.get("loc") or ()
        field = str(loc[0]) if loc else None
        line = line_of(node, field) if field in node else entry_line
        message = error.get("msg", "invalid value")
        message = message.removeprefix("Value error, ")
        if error.get("type") == "missing":
            message = "this field is required"
        elif error.get("type") == "extra_forbidden":
            message = "unknown field (check its spelling)"
        shown = ".".join(str(part) for part in loc) if loc else None
        raise DataError(path, line, message, entry_id=entry_id, field=shown) from None


def validated_entries(model: type[M], seq: CommentedSeq, path: Path | str,
                      context: dict | None = None, id_key: str = "id"):
    """Validate every entry of ``seq`` with ``model``; yield ``(entry, node, line)``.

    Raises :class:`DataError` on the first invalid entry or on an id used twice.
    """
    seen: dict[str, int | None] = {}
    for index, node in enumerate(seq):
        entry = validate_entry(model, node, path, seq, index, context=context, id_key=id_key)
        line = line_of(seq, index)
        entry_id = getattr(entry, id_key)
        if entry_id in seen:
            raise DataError(path, line, f"duplicate id (first used on line {seen[entry_id]})",
                            entry_id=entry_id, field=id_key)
        seen[entry_id] = line
        yield entry, node, line
