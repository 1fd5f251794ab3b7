"""The kit's learning objectives as data, each mapped to chapters, practice and graded questions.

A pack's ``objectives.yml`` lists one entry per objective::

    - id: LO2
      objective: Label sentences with Entman's four framing functions ...
      level: Understand/Apply                 # Bloom level
      chapters: [chapters/framing]            # doc paths from _toc.yml
      practice:                               # bank (<banks>/<bank>.yml) -> ids
        framing: [framing-q01, framing-q02]
      sets:                                   # graded set id (<masters>/<set>.ipynb) -> ids
        set-a-framing: [q1, q7]

:func:`load_objectives` validates every entry (pydantic) and checks each reference against the
book under ``root``: every chapter is in ``_toc.yml``, every bank and practice question exists,
every set and set question exists among the masters. The banks and masters are the folders
the pack's manifest names (``banks``, ``masters``), at the same place in the book under ``root``
(:meth:`medialit.pack.ContentPack.in_book`). A problem raises :class:`ObjectivesError`
naming the file, the line of the bad reference, the objective, the field and the bad id.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator
from ruamel.yaml import YAML

from ..io.myst import directive_lines
from ..io.yamldata import DataError, entries, line_of, read_yaml, require_version, validated_entries
from ..quiz.errors import BankError
from ..quiz.loader import load_bank
from .wording import kit_wording

SCHEMA_VERSION = 1


class ObjectivesError(DataError):
    """An objectives file or entry that breaks the schema or names a page or question that
    does not exist."""


class _Entry(BaseModel):
    """One objective as written in the file (references are checked after this)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^LO[1-9]\d*$")
    objective: str = Field(min_length=1)
    level: str = Field(min_length=1)
    chapters: tuple[str, ...] = Field(min_length=1)
    practice: dict[str, tuple[str, ...]] = {}
    sets: dict[str, tuple[str, ...]] = {}

    @field_validator("objective")
    @classmethod
    def _wording(cls, value: str) -> str:
        return kit_wording(value)


@dataclass(frozen=True)
class Objective:
    """A validated objective; ``practice`` and ``sets`` keep the file's order."""

    id: str
    objective: str
    level: str
    chapters: tuple[str, ...]
    practice: dict[str, tuple[str, ...]]
    sets: dict[str, tuple[str, ...]]
    line: int | None


@dataclass(frozen=True)
class ObjectiveMap:
    """All objectives of a file, with what is needed to link them into the book."""

    objectives: tuple[Objective, ...]
    path: str
    bank_pages: dict[str, str] = field(default_factory=dict)  # bank -> doc that embeds it
    set_titles: dict[str, str] = field(default_factory=dict)  # set id -> "Set A — Framing"
    sources: tuple[str, ...] = ()  # the banks and masters read (for rebuild dependencies)

    def __iter__(self):
        return iter(self.objectives)

    def __len__(self) -> int:
        return len(self.objectives)


def objectives_path() -> Path:
    """The current pack's objectives file."""
    from ..pack import current_pack

    return current_pack().require("objectives")


def default_root() -> Path:
    """The book's folder: the book that named the current pack, else the book the working
    folder is in."""
    from ..pack import current_pack, find_book

    root = current_pack().book or find_book()
    if root is None:
        from ..pack import PackError

        raise PackError(f"no book (_config.yml) at or above {Path.cwd()}: give root=")
    return root


def toc_docs(root: Path) -> list[str]:
    """Every doc path in ``root/_toc.yml`` (root page, parts, chapters, sections), in order."""
    toc = YAML(typ="safe").load((root / "_toc.yml").read_text(encoding="utf-8"))
    docs: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    docs.append(_docname(node[key]))
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key) or []:
                    walk(child)

    walk(toc)
    return docs


def _docname(path: str) -> str:
    return re.sub(r"\.(md|ipynb|rst)$", "", path.strip().lstrip("/"))


def bank_pages(root: Path, docs: list[str]) -> dict[str, str]:
    """Which page embeds each question bank (``{quiz} questions/<bank>.yml``); first one wins."""
    pages: dict[str, str] = {}
    for doc in docs:
        page = root / f"{doc}.md"
        if not page.is_file():
            continue
        for _, match in directive_lines(page.read_text(encoding="utf-8"), "quiz"):
            bank = Path(match["rest"].strip())
            if bank.suffix in (".yml", ".yaml"):
                pages.setdefault(bank.stem, doc)
    return pages


def _suggest(bad: str, known) -> str:
    close = difflib.get_close_matches(bad, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Checker:
    """Cross-checks one file's references against the book, raising with the exact line."""

    def __init__(self, path: Path, root: Path):
        from ..pack import current_pack

        self.path, self.root = path, root
        pack = current_pack()  # where the book keeps its banks and masters: the pack says
        self.bank_dir = pack.in_book("banks", root)
        self.master_dir = pack.in_book("masters", root)
        self.docs = set(toc_docs(root))
        self.banks: dict[str, set[str] | None] = {}
        self.masters: dict[str, tuple[str, set[str]]] | None = None
        self.sources: list[str] = []

    def fail(self, line, entry_id, field_name, problem):
        raise ObjectivesError(self.path, line, problem, entry_id=entry_id, field=field_name)

    def bank(self, name: str) -> set[str] | None:
        if name not in self.banks:
            file = self.bank_dir / f"{name}.yml" if self.bank_dir else None
            if file is None or not file.is_file():
                self.banks[name] = None
            else:
                try:
                    self.banks[name] = {q.id for q in load_bank(file).questions}
                except BankError as exc:
                    raise ObjectivesError(self.path, None, f"the bank {name!r} does not load: "
                                          f"{exc.problems[0]}") from None
                self.sources.append(str(file))
        return self.banks[name]

    def sets(self) -> dict[str, tuple[str, set[str]]]:
        if self.masters is None:
            from ..grading.master import MasterError, load_master

            self.masters = {}
            files = sorted(self.master_dir.glob("set-*.ipynb")) if self.master_dir else []
            for file in files:
                try:
                    master = load_master(file)
                except MasterError as exc:
                    raise ObjectivesError(self.path, None, f"a graded set does not load: "
                                          f"{exc}") from None
                self.masters[master.set_id] = (master.title, {q.id for q in master.questions})
                self.sources.append(str(file))
        return self.masters

    def check(self, entry: _Entry, node) -> None:
        for i, doc in enumerate(entry.chapters):
            if _docname(doc) not in self.docs:
                self.fail(line_of(node["chapters"], i), entry.id, f"chapters[{i}]",
                          f"unknown chapter {doc!r}: not in _toc.yml{_suggest(doc, self.docs)}")
        for bank, ids in entry.practice.items():
            known = self.bank(bank)
            if known is None:
                banks = sorted(p.stem for p in self.bank_dir.glob("*.yml")) if self.bank_dir else []
                where = (f"no {self._shown(self.bank_dir)}/{bank}.yml" if self.bank_dir
                         else "the pack declares no banks")
                self.fail(line_of(node["practice"], bank), entry.id, f"practice.{bank}",
                          f"unknown question bank {bank!r}: {where}{_suggest(bank, banks)}")
            self._ids(node["practice"][bank], entry.id, f"practice.{bank}", ids, known,
                      f"bank {bank!r}")
        if self.master_dir is None or not self.master_dir.is_dir():
            return  # a student copy of the kit has no masters: the set ids cannot be checked
        for set_id, ids in entry.sets.items():
            masters = self.sets()
            if set_id not in masters:
                self.fail(line_of(node["sets"], set_id), entry.id, f"sets.{set_id}",
                          f"unknown graded set {set_id!r}: not in "
                          f"{self._shown(self.master_dir)}/ (sets: "
                          f"{', '.join(sorted(masters)) or 'none'})")
            self._ids(node["sets"][set_id], entry.id, f"sets.{set_id}", ids,
                      masters[set_id][1], f"set {set_id!r}")

    def _shown(self, folder: Path) -> str:
        """A folder as the book's own path when it is in the book."""
        try:
            return folder.relative_to(self.root).as_posix()
        except ValueError:
            return str(folder)

    def _ids(self, seq, entry_id, where, ids, known, owner) -> None:
        seen: set[str] = set()
        for i, qid in enumerate(ids):
            line = line_of(seq, i)
            if qid not in known:
                self.fail(line, entry_id, f"{where}[{i}]", f"unknown question id {qid!r} in "
                          f"{owner}{_suggest(qid, known)}")
            if qid in seen:
                self.fail(line, entry_id, f"{where}[{i}]", f"question id {qid!r} is listed twice")
            seen.add(qid)


def load_objectives(path: Path | str | None = None, *, root: Path | str | None = None
                    ) -> ObjectiveMap:
    """Load and validate an objectives file (default: the current pack's) against the book in
    ``root`` (default: the pack's book)."""
    path = Path(path) if path else objectives_path()
    root = Path(root) if root else default_root()
    data = read_yaml(path)
    try:
        require_version(data, path, SCHEMA_VERSION)
        seq = entries(data, "objectives", path)
        checker = _Checker(path, root)
        result = []
        for entry, node, line in validated_entries(_Entry, seq, path):
            checker.check(entry, node)
            result.append(Objective(entry.id, entry.objective, entry.level,
                                    tuple(_docname(c) for c in entry.chapters),
                                    dict(entry.practice), dict(entry.sets), line))
    except ObjectivesError:
        raise
    except DataError as exc:
        raise ObjectivesError.from_error(exc) from None
    titles = {set_id: title for set_id, (title, _) in (checker.masters or {}).items()}
    return ObjectiveMap(tuple(result), str(path), bank_pages(root, toc_docs(root)), titles,
                        tuple(checker.sources))
