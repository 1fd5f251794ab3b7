"""Read the kit's ``references.bib``: its entries, their verification status and their labels.

The book's Sources page is typeset by sphinxcontrib-bibtex (with the style in
:mod:`medialit.sphinxext.bibstyle`); this module is the one reader of the file for everything
else. It answers "does this key exist?", "what is its author–year label?" (``Deng 1999``,
``UN Security Council 1993a``, the same label the Sources page shows) and "where were its
quoted words checked?".

Every entry may carry three fields that record how its quotations were checked::

    status  = {primary},      % primary | mirror | unverified
    checked = {2026-12-01},   % ISO date the quoted words were last checked (primary, mirror)
    mirror  = {Kavkaz-uzel, https://www.kavkaz-uzel.eu/...},   % only with status = mirror

They are validated when the file is read: a bad value raises :class:`BibError`, which names
the file, the line and the entry's key. An entry without ``status`` is read (it counts as not
checked); :mod:`medialit.checks.quotations` fails the build when a quotation cites one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..io.yamldata import DataError

STATUSES = ("primary", "mirror", "unverified")
#: Statuses that record a check of the quoted words (at the primary or at a named copy).
CHECKED_STATUSES = frozenset({"primary", "mirror"})


class BibError(DataError):
    """A problem in references.bib, with the file, the line and the entry's key."""


@dataclass(frozen=True)
class BibEntry:
    key: str
    author: str
    year: str
    title: str
    url: str
    kind: str = "misc"
    note: str = ""
    status: str | None = None
    checked: dt.date | None = None
    mirror: str | None = None
    line: int = 0
    fields: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    label: str = ""

    @property
    def short(self) -> str:
        """The author–year label (``Deng 1999``), the one the Sources page shows."""
        return self.label or f"{label_author(self.author)} {self.year}".strip()

    @property
    def is_checked(self) -> bool:
        """True when the quoted words were checked, at the primary or at a named copy."""
        return self.status in CHECKED_STATUSES

    @property
    def mirror_name(self) -> str:
        """Who carries the copy (``Kavkaz-uzel``): the ``mirror`` field before its address."""
        return split_mirror(self.mirror or "")[0]

    @property
    def mirror_url(self) -> str:
        return split_mirror(self.mirror or "")[1]


def split_mirror(value: str) -> tuple[str, str]:
    """``("Kavkaz-uzel", "https://...")`` from a ``mirror`` field (the address may be absent)."""
    match = re.search(r"(?:,\s*)?(https?://\S+)\s*$", value)
    if not match:
        return value.strip(), ""
    return value[:match.start()].strip().rstrip(","), match.group(1)


def default_bib_path() -> Path:
    """The current pack's bibliography (``bibliography`` in its manifest), else the book's
    ``references.bib``."""
    from ..pack import BOOK_BIB, current_pack, find_book

    pack = current_pack()
    declared = pack.path("bibliography")
    if declared is not None:
        return declared
    book = pack.book or find_book()
    return (book or Path.cwd()) / BOOK_BIB


# -- parsing ----------------------------------------------------------------------------------

_ENTRY_START = re.compile(r"^[ \t]*@(\w+)\s*\{\s*([^,\s{}]+)\s*,", re.MULTILINE)
_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w-]*)\s*=\s*")


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _braced(text: str, pos: int, path: str, key: str) -> tuple[str, int]:
    """The value of a ``{...}`` starting at ``text[pos] == "{"``, and the position after it."""
    depth = 0
    for end in range(pos, len(text)):
        if text[end] == "{":
            depth += 1
        elif text[end] == "}":
            depth -= 1
            if depth == 0:
                return text[pos + 1:end], end + 1
    raise BibError(path, _line_at(text, pos), "unbalanced braces: a '{' is never closed",
                   entry_id=key)


def _parse_fields(text: str, pos: int, path: str, key: str) -> tuple[dict, dict, int]:
    """Fields of one entry from ``pos`` (just after ``key,``) to its closing brace."""
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text):
            raise BibError(path, _line_at(text, pos - 1), "the entry is never closed with '}'",
                           entry_id=key)
        if text[pos] == "}":
            return values, lines, pos + 1
        match = _FIELD_NAME.match(text, pos)
        if not match:
            raise BibError(path, _line_at(text, pos),
                           "expected 'name = {value}' or the entry's closing '}'", entry_id=key)
        name = match.group(1).lower()
        start = match.end()
        if start < len(text) and text[start] == "{":
            value, pos = _braced(text, start, path, key)
        elif start < len(text) and text[start] == '"':
            end = text.find('"', start + 1)
            if end < 0:
                raise BibError(path, _line_at(text, start), "unclosed '\"' value",
                               entry_id=key, field=name)
            value, pos = text[start + 1:end], end + 1
        else:
            bare = re.match(r"[\w.-]+", text[start:])
            if not bare:
                raise BibError(path, _line_at(text, start), "expected a value after '='",
                               entry_id=key, field=name)
            value, pos = bare.group(0), start + bare.end()
        if name in values:
            raise BibError(path, _line_at(text, match.start()),
                           f"field given twice (first on line {lines[name]})",
                           entry_id=key, field=name)
        values[name] = " ".join(value.split())
        lines[name] = _line_at(text, match.start())


def _check_status(values: dict, lines: dict, path: str, key: str) -> tuple:
    """Validate ``status`` / ``checked`` / ``mirror``; return them as Python values."""
    status = values.get("status")
    if status is not None and status not in STATUSES:
        raise BibError(path, lines["status"],
                       f"unknown status {status!r}: use one of {', '.join(STATUSES)}",
                       entry_id=key, field="status")
    checked = None
    if "checked" in values:
        try:
            checked = dt.date.fromisoformat(values["checked"])
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["checked"]):
                raise ValueError
        except ValueError:
            raise BibError(path, lines["checked"],
                           f"bad date {values['checked']!r}: write the day checked as YYYY-MM-DD",
                           entry_id=key, field="checked") from None
    elif status in CHECKED_STATUSES:
        raise BibError(path, lines["status"],
                       f"status {status} needs 'checked', the date the quoted words were checked",
                       entry_id=key, field="checked")
    mirror = values.get("mirror")
    if mirror is not None and status != "mirror":
        raise BibError(path, lines["mirror"],
                       f"'mirror' names a copy, so it needs status = {{mirror}} "
                       f"(found {status or 'no status'})", entry_id=key, field="mirror")
    if status == "mirror" and not (mirror or "").strip():
        raise BibError(path, lines["status"],
                       "status mirror needs 'mirror' = {who carries the copy, its address}",
                       entry_id=key, field="mirror")
    return status, checked, mirror


def parse_bib(text: str, path: Path | str = "references.bib") -> dict[str, BibEntry]:
    """Entries of a BibTeX text, validated; labels are not assigned (see :func:`read_bib`)."""
    path = str(path)
    entries: dict[str, BibEntry] = {}
    pos = 0
    while (match := _ENTRY_START.search(text, pos)) is not None:
        _no_stray_at(text, pos, match.start(), path)
        kind, key = match.group(1).lower(), match.group(2)
        line = _line_at(text, match.start(1))
        if kind in ("comment", "preamble", "string"):
            raise BibError(path, line, f"@{kind} is not used in this file", entry_id=key)
        if key in entries:
            raise BibError(path, line, f"duplicate key (first on line {entries[key].line})",
                           entry_id=key)
        values, lines, pos = _parse_fields(text, match.end(), path, key)
        status, checked, mirror = _check_status(values, lines, path, key)
        entries[key] = BibEntry(
            key=key, author=values.get("author", ""), year=values.get("year", ""),
            title=values.get("title", ""), url=values.get("url", ""), kind=kind,
            note=values.get("note", ""), status=status, checked=checked, mirror=mirror,
            line=line, fields=values)
    _no_stray_at(text, pos, len(text), path)
    return assign_labels(entries)


def _no_stray_at(text: str, start: int, end: int, path: str) -> None:
    """BibTeX (and pybtex, which builds the Sources page) reads any ``@`` between entries as
    the start of an entry, even in a ``%`` comment; refuse one here with its line."""
    at = text.find("@", start, end)
    if at >= 0:
        raise BibError(path, _line_at(text, at),
                       "an '@' outside an entry (pybtex reads it as the start of an entry, even "
                       "in a comment): remove it or write 'at'")


# -- labels -------------------------------------------------------------------------------------

def _top_level_split(text: str, separator: str) -> list[str]:
    """Split at ``separator`` outside braces (``{A and B} and C`` -> two names)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            i += len(separator)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _last_name(name: str) -> str:
    if name.startswith("{") and name.endswith("}"):
        return name[1:-1].replace("{", "").replace("}", "")  # a body: {UN Security Council}
    name = name.replace("{", "").replace("}", "")
    if "," in name:
        return name.split(",")[0].strip()  # "Deng, Francis M." -> "Deng"
    return name.split()[-1] if name.split() else name


def label_author(author: str) -> str:
    """The author part of a label: ``Deng``, ``Wineburg and McGrew``, ``Roth et al.``."""
    names = [_last_name(n) for n in _top_level_split(author, " and ")]
    if not names:
        return "Anonymous"
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("{", "").replace("}", ""))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def sort_key(author: str, year: str, title: str) -> tuple:
    """Author, then year (``n.d.`` last), then title: the Sources page's order."""
    return (_fold(label_author(author)), year if year[:4].isdigit() else "9999", _fold(title))


def author_year_labels(items: list[tuple[str, str, str, str]]) -> dict[str, str]:
    """``{key: label}`` for ``(key, author, year, title)`` items: ``Author Year``, with ``a``,
    ``b``, ... after the year where two entries would share a label (in Sources-page order)."""
    groups: dict[str, list[tuple]] = defaultdict(list)
    for key, author, year, title in items:
        groups[f"{label_author(author)} {year}".strip()].append((sort_key(author, year, title), key))
    labels = {}
    for base, members in groups.items():
        members.sort()
        for index, (_, key) in enumerate(members):
            labels[key] = base if len(members) == 1 else f"{base}{chr(ord('a') + index)}"
    return labels


def assign_labels(entries: dict[str, BibEntry]) -> dict[str, BibEntry]:
    labels = author_year_labels([(e.key, e.author, e.year, e.title) for e in entries.values()])
    return {key: replace(entry, label=labels[key]) for key, entry in entries.items()}


# -- reading ------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict[str, BibEntry]:
    return parse_bib(Path(path).read_text(encoding="utf-8"), path)


def read_bib(path: Path | str | None = None) -> dict[str, BibEntry]:
    """Entries of the BibTeX file at ``path`` (default: the current pack's bibliography),
    validated and labelled; raises :class:`BibError` naming the file, line and key."""
    path = Path(path) if path else default_bib_path()
    return _read(str(path), path.stat().st_mtime)


def status_counts(entries: dict[str, BibEntry]) -> dict[str, int]:
    """How many entries have each status (``none`` for an entry without one)."""
    counts = {status: 0 for status in (*STATUSES, "none")}
    for entry in entries.values():
        counts[entry.status or "none"] += 1
    return counts
