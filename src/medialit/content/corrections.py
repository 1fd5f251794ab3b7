"""The kit's corrections log as data: what was wrong, what changed, when and where.

A pack's ``corrections.yml`` (shown on the Corrections page by the ``{corrections}``
directive, newest first)::

    schema_version: 1
    corrections:
      - id: un-mission-limited-access        # unique lower-kebab slug
        date: 2026-12-01                      # the day the change was made
        kind: corrected                       # corrected | clarified | added | kept
        was: >-                               # what the kit said before, in plain words
          The kit quoted the UN mission as saying it "did not get access to rural areas".
        now: >-                               # what it says now; for `kept`, why it keeps it
          Those words are RFE/RL's paraphrase. ...
        where: [chapters/claims.md, Set B q6]  # pages, data files, questions
        cite: [azatutyun_unmission2023]       # optional references.bib keys

:func:`load_corrections` validates every entry (pydantic) and checks it against the book under
``root``: each ``where`` names a file that exists (a page, ``chapters/claims.md``; a data file,
``packs/<pack>/timeline.yml`` or just ``timeline.yml``; a path may end in ``#anchor``), a
question of a bank (``sourcing-q09``) or a question of a graded set (``Set B q6``); each ``cite``
key is in the pack's bibliography. A problem raises :class:`CorrectionsError` naming the file, the
line, the entry and the field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ..io.yamldata import (
    DataError,
    entries,
    known_cite_keys,
    line_of,
    read_yaml,
    require_version,
    validated_entries,
)
from .bib import read_bib

if TYPE_CHECKING:
    from ..pack import ContentPack

SCHEMA_VERSION = 1
Kind = Literal["corrected", "clarified", "added", "kept"]
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SET_QUESTION = re.compile(r"^Set ([A-Z]) (q\d+)$")
BANK_QUESTION = re.compile(r"^[a-z][a-z-]*-q\d+$")
# Where a place is looked up: the book's root (``chapters/claims.md``, ``intro.md``); Book.at
# adds the pack's own folder and its banks' folder, where a bare data-file name
# (``timeline.yml``, ``framing.yml``) lives.
DATA_FOLDERS = ("",)
# Where the first pack's data files lived before packs (an old log names them so).
LEGACY_DATA = "src/medialit/data/"


class CorrectionsError(DataError):
    """A corrections file or entry that does not follow the schema or the book."""


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SLUG)
    date: dt.date
    kind: Kind
    was: str = Field(min_length=1)
    now: str = Field(min_length=1)
    where: list[str] = Field(min_length=1)
    cite: list[str] = Field(default_factory=list)

    @field_validator("where")
    @classmethod
    def _places_exist(cls, places: list[str], info: ValidationInfo) -> list[str]:
        book = (info.context or {}).get("book")
        if book is not None:
            for place in places:
                problem = book.problem(place)
                if problem:
                    raise ValueError(problem)
        return places

    @field_validator("cite")
    @classmethod
    def _known_keys(cls, keys: list[str], info: ValidationInfo) -> list[str]:
        return known_cite_keys(keys, info.context)


@dataclass(frozen=True)
class Book:
    """What a ``where`` entry may name: the book's files, bank questions and set questions."""

    root: Path
    bank_questions: frozenset[str]
    set_questions: dict[str, frozenset[str]]  # set letter -> question ids
    folders: tuple[Path, ...] = ()  # where bare data-file names are looked up
    banks_dir: Path | None = None  # the pack's banks and masters folders, for the messages
    masters_dir: Path | None = None

    @classmethod
    def at(cls, root: Path, pack: ContentPack | None = None) -> Book:
        """What the book at ``root`` on ``pack`` (default: the current one) holds: the pack's
        banks and masters at their places in that book (none when the pack declares none)."""
        from ..pack import current_pack

        pack = pack or current_pack()
        bank_dir, masters = pack.in_book("banks", root), pack.in_book("masters", root)
        folders = tuple(dict.fromkeys([*(root / f for f in DATA_FOLDERS), pack.root,
                                       *([bank_dir] if bank_dir is not None else [])]))
        banks = set()
        for bank in sorted(bank_dir.glob("*.yml")) if bank_dir is not None else []:
            for question in read_yaml(bank).get("questions") or []:
                if isinstance(question, dict) and question.get("id"):
                    banks.add(str(question["id"]))
        sets = {}
        for master in sorted(masters.glob("set-*.ipynb")) if masters is not None else []:
            letter = master.stem.split("-")[1].upper()
            cells = json.loads(master.read_text(encoding="utf-8")).get("cells", [])
            sets[letter] = frozenset(
                c.get("metadata", {}).get("medialit", {}).get("question") for c in cells
            ) - {None}
        return cls(root, frozenset(banks), sets, folders, bank_dir, masters)

    def _shown(self, folder: Path | None, what: str) -> str:
        if folder is None:
            return f"the pack declares no {what}"
        try:
            return f"in {folder.resolve().relative_to(self.root.resolve()).as_posix()}/"
        except ValueError:
            return f"in {folder}/"

    def resolve(self, place: str) -> Path | None:
        """The file a place names (``chapters/claims.md#p6``), or None if none exists."""
        path = place.split("#", 1)[0].strip().removeprefix(LEGACY_DATA)
        for folder in self.folders or tuple(self.root / f for f in DATA_FOLDERS):
            candidate = folder / path
            if path and candidate.is_file():
                return candidate
        return None

    def problem(self, place: str) -> str | None:
        match = SET_QUESTION.match(place)
        if match:
            letter, question = match.groups()
            if letter not in self.set_questions:
                return (f"{place!r}: there is no graded Set {letter} "
                        f"({self._shown(self.masters_dir, 'masters')})")
            if question not in self.set_questions[letter]:
                return f"{place!r}: Set {letter} has no question {question}"
            return None
        if BANK_QUESTION.match(place):
            if place in self.bank_questions:
                return None
            return (f"{place!r}: no question of that id "
                    f"({self._shown(self.banks_dir, 'banks')})")
        if self.resolve(place) is None:
            return (f"{place!r} names no file of the book (give a path from the book's root, "
                    f"like chapters/claims.md, a data file like timeline.yml, a bank question "
                    f"like sourcing-q09 or a set question like 'Set B q6')")
        return None


@dataclass(frozen=True)
class CorrectionsLog:
    corrections: tuple[Correction, ...]
    lines: dict[str, int | None]
    path: str

    def newest_first(self) -> list[Correction]:
        """By date, newest first; entries of the same day keep the file's order."""
        order = {c.id: i for i, c in enumerate(self.corrections)}
        return sorted(self.corrections, key=lambda c: (-c.date.toordinal(), order[c.id]))

    def __len__(self) -> int:
        return len(self.corrections)


def corrections_path() -> Path:
    """The current pack's corrections log."""
    from ..pack import current_pack

    return current_pack().require("corrections")


def default_root() -> Path:
    """The book the current pack belongs to, where the pages are."""
    from .objectives import default_root as book_root

    return book_root()


def load_corrections(path: Path | str | None = None, *, root: Path | str | None = None,
                     bib: Path | str | None = None) -> CorrectionsLog:
    """Load and validate a corrections file (default: the current pack's) against the book at
    ``root`` (default: the pack's book) and the pack's bibliography there (or ``bib``)."""
    from ..pack import current_pack

    pack = current_pack()
    path = Path(path) if path else corrections_path()
    root = Path(root) if root else default_root()
    bib_path = Path(bib) if bib else pack.bibliography_in(root)
    try:
        data = read_yaml(path)
        require_version(data, path, SCHEMA_VERSION)
        seq = entries(data, "corrections", path)
        context = {"book": Book.at(root, pack),
                   "bib_keys": set(read_bib(bib_path))
                   if bib_path is not None and bib_path.exists() else None}
        found, lines = [], {}
        for entry, _node, line in validated_entries(Correction, seq, path, context=context):
            found.append(entry)
            lines[entry.id] = line
    except DataError as exc:
        raise CorrectionsError.from_error(exc) from None
    if not found:
        raise CorrectionsError(path, line_of(data, "corrections"), "the log has no entries",
                               field="corrections")
    return CorrectionsLog(tuple(found), lines, str(path))
