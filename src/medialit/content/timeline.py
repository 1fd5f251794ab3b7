"""The timeline of a case as data: dated events, loaded from YAML and checked.

A pack's ``timeline.yml`` lists events with a date ("1992", "1992-02", "1992-02-25"),
an optional end date, a neutral title, a short text in which every number says whose it is,
exact short quotes from sources, references.bib keys, the sentences of the pack's text that
refer to the event (``text_refs``), a ``status`` ("verified" or "not verified" with a
``status_note``) and ``after_text`` for what happened after the text was written (with the
cut-off date in ``after_text_from``; the first pack's field names are read as deprecated aliases
and ``after_oped_from`` are read as deprecated aliases).

:func:`load_timeline` validates every event (pydantic) and raises :class:`TimelineError`
naming the file, the line, the event id, the field and the problem. Titles, texts and notes
are kit prose: contested terms may appear in them only inside quotation marks; quotes from
sources are exempt (they are someone else's words, shown with their source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..io.yamldata import (
    DataError,
    entries,
    known_cite_keys,
    line_of,
    loader_context,
    read_yaml,
    require_version,
    validated_entries,
)
from ..text.case import load_text
from .bib import default_bib_path, read_bib
from .wording import kit_wording

SCHEMA_VERSION = 1
_DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


class TimelineError(DataError):
    """A timeline file or event that does not follow the schema or the kit's rules."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _DATE.match(str(text).strip())
        if not match:
            raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
        year_text, month_text, day_text = match.groups()
        year = int(year_text)  # the pattern requires the year
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if month is not None and day is not None:
            date(year, month, day)  # raises ValueError for 31 February
        return cls(year, month, day)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def fraction(self) -> float:
        """Position in years (1992.15) for drawing: the middle of the month or year if unknown."""
        if self.month is None:
            return self.year + 0.5
        start = date(self.year, self.month, 1)
        day = (self.day - 1) if self.day else 14
        return self.year + (start.timetuple().tm_yday - 1 + day) / 365.25

    def label(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    def iso(self) -> str:
        return "-".join(f"{v:02d}" if i else str(v)
                        for i, v in enumerate((self.year, self.month, self.day)) if v is not None)


def date_range_label(start: PartialDate, end: PartialDate | None) -> str:
    """'25–26 February 1992', 'February – 1 March 1988', '1988–1990', '5–11 May 1994'."""
    if end is None:
        return start.label()
    if start.month is None or end.month is None:
        return f"{start.year}–{end.year}"
    if start.year != end.year:
        return f"{start.label()} – {end.label()}"
    if start.month == end.month and start.day and end.day:
        return f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
    first = f"{start.day} {MONTHS[start.month - 1]}" if start.day else MONTHS[start.month - 1]
    return f"{first} – {end.label()}"


class SourceQuote(BaseModel):
    """A short exact quotation from a source, with the source's references.bib key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    source: str = Field(min_length=1)


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    date: str
    end: str | None = None
    display: str | None = None
    title: str = Field(min_length=1)
    short: str | None = Field(default=None, max_length=24)
    text: str = Field(min_length=1)
    quotes: tuple[SourceQuote, ...] = ()
    cite: tuple[str, ...] = Field(min_length=1)
    text_refs: tuple[str, ...] = Field(default=(), validation_alias=AliasChoices(
        "text_refs", "oped_refs"))  # oped_refs: deprecated alias
    status: Literal["verified", "not verified"] = "verified"
    status_note: str | None = None
    after_text: bool = Field(default=False, validation_alias=AliasChoices(
        "after_text", "after_oped"))  # after_oped: deprecated alias

    @field_validator("date", "end", mode="before")
    @classmethod
    def _date(cls, value):
        if value is None:
            return None
        PartialDate.parse(str(value))
        return str(value)

    @field_validator("title", "text", "status_note", "display")
    @classmethod
    def _wording(cls, value):
        return None if value is None else kit_wording(value)

    @field_validator("cite")
    @classmethod
    def _cite_keys(cls, value, info: ValidationInfo):
        return known_cite_keys(value, info.context)

    @field_validator("text_refs")
    @classmethod
    def _refs(cls, value, info: ValidationInfo):
        document = loader_context(info).get("document") or load_text()
        for ref in value:
            if ref not in document:
                raise ValueError(f"{ref!r} is not a sentence id of the text (e.g. '5.2')")
        return value

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo):
        start = PartialDate.parse(self.date)
        if self.end and PartialDate.parse(self.end).first_day < start.first_day:
            raise ValueError("end: the end date is before the start date")
        missing = [q.source for q in self.quotes if q.source not in self.cite]
        if missing:
            raise ValueError(f"quotes: quoted source(s) {missing} must also be in cite")
        if self.status == "not verified" and not self.status_note:
            raise ValueError("status_note: say what is not verified (status is 'not verified')")
        cutoff: PartialDate = loader_context(info)["after_text_from"]
        later = start.first_day >= cutoff.first_day
        if later != self.after_text:
            raise ValueError(
                f"after_text: an event dated {self.date} is {'after' if later else 'before'} "
                f"{cutoff.iso()} (after_text_from), so after_text must be "
                f"{'true' if later else 'false'}")
        return self


class _Unchecked(BaseModel):
    """A loss the kit knows of but has not yet sourced under the timeline's rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    date: str
    title: str = Field(min_length=1)
    losses: str = Field(min_length=1)  # one of the timeline's `sides`
    missing: str = Field(min_length=1)

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value):
        PartialDate.parse(str(value))
        return str(value)

    @field_validator("title", "missing")
    @classmethod
    def _wording(cls, value):
        return kit_wording(value)


@dataclass(frozen=True)
class Unchecked:
    """A known event not yet checked: listed on the page, never drawn as an event."""

    id: str
    start: PartialDate
    title: str
    losses: str
    missing: str


@dataclass(frozen=True)
class Event:
    """A validated timeline event."""

    id: str
    start: PartialDate
    end: PartialDate | None
    title: str
    short: str
    text: str
    quotes: tuple[SourceQuote, ...]
    cite: tuple[str, ...]
    text_refs: tuple[str, ...]
    verified: bool
    status_note: str | None
    after_text: bool
    display: str | None
    line: int | None

    @property
    def oped_refs(self) -> tuple[str, ...]:  # deprecated alias of text_refs
        return self.text_refs

    @property
    def after_oped(self) -> bool:  # deprecated alias of after_text
        return self.after_text

    @property
    def date_label(self) -> str:
        return self.display or date_range_label(self.start, self.end)


@dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]
    panels: tuple[tuple[int, int], ...]
    after_text_from: PartialDate
    path: str
    unchecked: tuple[Unchecked, ...] = ()

    @property
    def after_oped_from(self) -> PartialDate:  # deprecated alias of after_text_from
        return self.after_text_from

    def before(self) -> list[Event]:
        return [e for e in self.events if not e.after_text]

    def after(self) -> list[Event]:
        return [e for e in self.events if e.after_text]

    def number(self, event: Event) -> int:
        """The event's number in the list and on the chart (1-based, in date order)."""
        return self.events.index(event) + 1


def timeline_path() -> Path:
    """The current pack's timeline file."""
    from ..pack import current_pack

    return current_pack().require("timeline")


def _panels(data, path) -> tuple[tuple[int, int], ...]:
    raw = data.get("chart_panels")
    where = line_of(data, "chart_panels") if "chart_panels" in data else 1
    try:
        panels = tuple((int(a), int(b)) for a, b in raw)
    except (TypeError, ValueError):
        raise DataError(path, where, "must be a list of [first_year, last_year] pairs",
                        field="chart_panels") from None
    if not panels or any(a >= b for a, b in panels) or any(
            p[1] > q[0] for p, q in pairwise(panels)):
        raise DataError(path, where, "panels must be increasing, non-overlapping year ranges",
                        field="chart_panels")
    return panels


def load_timeline(path: Path | str | None = None, *,
                  bib: Path | str | None | Literal[False] = None,
                  document=None) -> Timeline:
    """Load and validate a timeline file (default: the current pack's) against ``document``
    (default: the current pack's text), events in date order."""
    path = Path(path) if path else timeline_path()
    bib_path = None if bib is False else (Path(bib) if bib else default_bib_path())
    keys = set(read_bib(bib_path)) if bib_path and bib_path.exists() else None
    try:
        data = read_yaml(path)
        require_version(data, path, SCHEMA_VERSION)
        # after_oped_from: the first pack's name for it (a deprecated alias)
        key = "after_text_from" if "after_text_from" in data else "after_oped_from"
        try:
            cutoff = PartialDate.parse(str(data.get(key)))
        except ValueError as exc:
            raise DataError(path, line_of(data, key) if key in data else 1, str(exc),
                            field="after_text_from") from None
        panels = _panels(data, path)
        seq = entries(data, "events", path)
        events: list[Event] = []
        context = {"bib_keys": keys, "after_text_from": cutoff, "document": document}
        for entry, node, line in validated_entries(_Event, seq, path, context=context):
            start = PartialDate.parse(entry.date)
            if not any(a <= start.year <= b for a, b in panels):
                raise DataError(path, line_of(node, "date"), f"{entry.date} is outside every "
                                f"chart panel {list(panels)}", entry_id=entry.id, field="date")
            events.append(Event(
                entry.id, start, PartialDate.parse(entry.end) if entry.end else None,
                entry.title, entry.short or entry.title[:24], entry.text, entry.quotes,
                entry.cite, entry.text_refs, entry.status == "verified", entry.status_note,
                entry.after_text, entry.display, line))
        unchecked = _unchecked(data, path, {e.id for e in events})
    except DataError as exc:
        raise TimelineError.from_error(exc) from None
    # in time order; an event known only to the year sits in the middle of that year
    events.sort(key=lambda e: (e.start.fraction, e.id))
    return Timeline(tuple(events), panels, cutoff, str(path), unchecked)


def _unchecked(data, path, event_ids: set[str]) -> tuple[Unchecked, ...]:
    """``not_yet_checked``: known losses not yet sourced, of every side (the page never claims
    the record is complete). Optional; when present, the file's ``sides`` (the parties whose
    losses the timeline records, given by the pack) must be declared, each entry's ``losses``
    is one of them, and the list names every side's known gaps, not one side's only."""
    if "not_yet_checked" not in data:
        return ()
    declared = data.get("sides")
    if (not isinstance(declared, list) or len(declared) < 2
            or not all(isinstance(x, str) and x for x in declared)):
        raise DataError(path, line_of(data, "not_yet_checked"), "a not_yet_checked list needs "
                        "`sides`: the list of at least two parties whose losses are recorded",
                        field="sides")
    seq = entries(data, "not_yet_checked", path)
    items: list[Unchecked] = []
    for entry, node, line in validated_entries(_Unchecked, seq, path):
        if entry.id in event_ids:
            raise DataError(path, line, "is also a listed event: an event is either sourced or "
                            "not yet checked", entry_id=entry.id, field="id")
        items.append(Unchecked(entry.id, PartialDate.parse(entry.date), entry.title,
                               entry.losses, entry.missing))
    for u in items:
        if u.losses not in declared:
            raise DataError(path, line_of(data, "not_yet_checked"), f"losses {u.losses!r} is not "
                            f"one of the sides {declared}", entry_id=u.id, field="losses")
    sides = {u.losses for u in items}
    if items and sides != set(declared):
        raise DataError(path, line_of(data, "not_yet_checked"), "the list names only "
                        f"{sorted(sides)} losses: it must name the known gaps on both sides",
                        field="not_yet_checked")
    items.sort(key=lambda u: (u.start.fraction, u.id))
    return tuple(items)
