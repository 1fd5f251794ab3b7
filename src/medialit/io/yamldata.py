"""The kit's one path from a data file to validated objects, with line numbers in every error.

Every YAML file the kit reads as content (annotations, timeline, lexicons, objectives, sources,
corrections, question banks, a pack's manifest) and every graded master's spec goes through
here:

* :func:`read_yaml` parses a file with ruamel.yaml in round-trip mode (which keeps line
  numbers); bad YAML is an error at its line.
* :func:`validate` is the one validation routine: it runs data through a pydantic model and
  turns every problem into a :class:`~medialit.errors.Problem` with file, line (from the YAML
  node, when there is one), id, field, what was found and what was expected.
* :class:`DataError` is the one error type. It carries those problems; the loaders' own error
  classes (``BankError``, ``SpecError``, ``AnnotationError``, ...) are thin subclasses that
  only name their kind of file. The ``medialit`` command maps any of them to its exit code.

:func:`validate_entry` and :func:`validated_entries` are the data files' use of
:func:`validate` (one entry of a list of entries, ids unique); the question bank loader
(:mod:`medialit.quiz.loader`) and the master's spec loader (:mod:`medialit.grading.spec`)
call :func:`validate` directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import MISSING, MedialitError, Problem

M = TypeVar("M", bound=BaseModel)
Path_ = tuple[str | int, ...]


class DataError(MedialitError, ValueError):
    """Problems in a data file, each with where it is and what is wrong.

    ``DataError(path, line, problem, entry_id=..., field=..., found=..., expected=...)`` is one
    problem; :meth:`from_problems` makes one error of several. ``file``, ``line``, ``id``,
    ``field``, ``found`` and ``expected`` are the first problem's; ``problems`` lists all.
    """

    #: How a message with several problems names the files they are in.
    kind = "data file(s)"
    #: How a problem of this kind names the entry's id ("entry 'x'", "question x").
    id_kind = "entry"

    def __init__(self, path: Path | str | None, line: int | None, problem: str, *,
                 entry_id: str | None = None, field: str | None = None,
                 found: object = MISSING, expected: str | None = None):
        self._take([Problem(problem, None if path is None else str(path), line, entry_id, field,
                            found, expected, id_kind=self.id_kind)])

    def _take(self, problems: Sequence[Problem]) -> None:
        problems = list(problems) or [Problem("no problem given")]
        first = problems[0]
        head = f"{len(problems)} problem(s) in {self.kind}:\n" if len(problems) > 1 else ""
        MedialitError.__init__(self, head + "\n".join(str(p) for p in problems),
                               file=first.file, line=first.line, id=first.id, field=first.field,
                               found=first.found, expected=first.expected, problems=problems)

    @classmethod
    def from_problems(cls, problems: Sequence[Problem]) -> DataError:
        """One error listing ``problems`` (at least one)."""
        error = cls.__new__(cls)
        DataError._take(error, problems)
        return error

    @classmethod
    def of(cls, problem: Problem) -> DataError:
        return cls.from_problems([problem])

    @classmethod
    def from_error(cls, exc: DataError) -> DataError:
        """The same problems as this subclass (a loader names its own kind of file)."""
        return cls.from_problems(exc.problems)

    @property
    def problem(self) -> str:
        """The first problem's own words (without its place)."""
        return self.problems[0].message

    @property
    def path(self) -> str:
        return self.file or ""

    @property
    def entry_id(self) -> str | None:
        return self.id


# -- reading ---------------------------------------------------------------------------------

def read_yaml(path: Path | str, *, error: type[DataError] = DataError,
              mapping: str | None = "a mapping with 'schema_version' and entries") -> Any:
    """Parse ``path`` with line numbers. A syntax error is an ``error`` at its line.

    ``mapping``: the top level must be a mapping; the text says what the file holds (``None``:
    any YAML value)."""
    path = Path(path)

    def fail(line: int | None, message: str, **values: Any) -> DataError:
        return error.from_problems([Problem(message, str(path), line, id_kind=error.id_kind,
                                            **values)])
    text = path.read_text(encoding="utf-8")  # a missing file stays a FileNotFoundError
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        words = " ".join(str(p) for p in (exc.context, exc.problem) if p) or str(exc)
        raise fail(mark.line + 1 if mark else None, f"not valid YAML: {words}") from None
    except YAMLError as exc:
        raise fail(None, f"not valid YAML: {exc}") from None
    if mapping is not None and not isinstance(data, CommentedMap):
        raise fail(1, f"the file must be {mapping}", found=type(data).__name__,
                   expected="a mapping")
    return data


def line_of(node: Any, key: str | int | Iterable[str | int] | None = None) -> int | None:
    """1-based line of ``node``, of ``node[key]``, or (``key`` a tuple or list: a path) of the
    deepest element of the path that exists in the YAML tree; ``None`` when ruamel recorded no
    line (plain data)."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    line: int | None = lc.line + 1
    if key is None:
        return line
    path = tuple(key) if isinstance(key, (tuple, list)) else (key,)
    for part in path:
        try:
            if isinstance(node, CommentedMap):
                found = _key_in(node, part)
                if found is MISSING:
                    break
                line = node.lc.key(found)[0] + 1
                node = node[found]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return line


def _key_in(node: CommentedMap, part: object) -> object:
    if part in node:
        return part
    # pydantic reports dict[bool, ...] keys as 'true'/'false'; YAML keys are real bools.
    lookup = {"true": True, "false": False}.get(str(part).lower(), MISSING)
    return lookup if lookup is not MISSING and lookup in node else MISSING


def field_name(path: Iterable[str | int]) -> str:
    """A field's path as one name: ``options[1].feedback``, ``answer['1.1']``."""
    out = ""
    for part in path:
        if isinstance(part, int) or (out and not str(part).isidentifier()):
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def plain(node: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (for pydantic). Keys keep their
    YAML type (``true`` stays a bool; an unquoted ``5.10`` stays a number and fails a string
    field, rather than becoming ``"5.1"``)."""
    if isinstance(node, dict):
        return {(str(k) if isinstance(k, str) else k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


# -- validating ------------------------------------------------------------------------------

def pydantic_problems(error: ValidationError, *, file: str | None, node: Any = None,
                      base: Path_ = (), id: str | None = None,
                      id_kind: str = "entry") -> list[Problem]:
    """Every problem pydantic found, in the kit's words, placed at its line in ``node`` (the
    YAML node the data came from; ``base`` is the data's path inside it)."""
    out = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        found = MISSING if err["type"] == "missing" else err.get("input", MISSING)
        message = str(err["msg"])
        if err["type"] == "missing":
            message = "this field is required"
        elif err["type"] == "extra_forbidden":
            message = "unknown field (check its spelling)"
            found = loc[-1] if loc else MISSING
        message = message.removeprefix("Value error, ")
        out.append(Problem(message, file, line_of(node, (*base, *loc)), id,
                           field_name(loc) or None, found, None, id_kind=id_kind))
    return out


def validate(model: type[M], data: Any, *, file: Path | str | None = None, node: Any = None,
             base: Path_ = (), id: str | None = None, id_kind: str = "entry",
             context: dict | None = None) -> tuple[M | None, list[Problem]]:
    """The one validation routine: ``data`` through ``model``.

    Returns the model (``None`` when invalid) and every problem found. ``node`` is the YAML node
    ``data`` was read from (its lines place each problem; plain data has none), ``base`` the
    data's path inside ``node``, ``id`` the entry or question named in each problem and
    ``context`` what the model's validators read (``info.context``)."""
    try:
        return model.model_validate(plain(data), context=context), []
    except ValidationError as exc:
        return None, pydantic_problems(exc, file=None if file is None else str(file), node=node,
                                       base=base, id=id, id_kind=id_kind)


# -- the data files' envelope ----------------------------------------------------------------

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


def validate_entry(model: type[M], node: Any, path: Path | str, seq: CommentedSeq,
                   index: int, context: dict | None = None, id_key: str = "id") -> M:
    """Validate ``seq[index]`` with ``model``; raise :class:`DataError` on the first problem."""
    entry_line = line_of(seq, index)
    if not isinstance(node, dict):
        raise DataError(path, entry_line, f"entry {index + 1} must be a mapping",
                        found=type(node).__name__, expected="a mapping")
    entry_id = str(node.get(id_key)) if node.get(id_key) is not None else f"#{index + 1}"
    entry, problems = validate(model, node, file=path, node=node, id=entry_id, context=context)
    if entry is None:
        first = problems[0]
        line = first.line if first.line is not None and first.field else entry_line
        raise DataError(path, line, first.message, entry_id=entry_id, field=first.field,
                        found=_short(first.found))
    return entry


def _short(found: object) -> object:
    """What was found, unless it is a whole mapping or list (the entry itself)."""
    return MISSING if isinstance(found, dict | list) else found


def validated_entries(model: type[M], seq: CommentedSeq, path: Path | str,
                      context: dict | None = None, id_key: str = "id"
                      ) -> Iterator[tuple[M, Any, int | None]]:
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
