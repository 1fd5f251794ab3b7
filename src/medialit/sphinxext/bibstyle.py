"""The Sources page's style: an author–year list, sorted, that says where each source was read.

Registered with pybtex and sphinxcontrib-bibtex under the name ``medialit`` (``_config.yml``:
``bibtex_default_style: medialit`` and ``bibtex_reference_style: medialit``; a citation link's
hover text uses ``medialit-tooltip``, set by ``bibtex_tooltips_style``):

- labels are ``Author Year`` with ``a``, ``b`` ... for ties (:func:`medialit.content.bib.author_year_labels`,
  the same labels the kit shows everywhere else);
- entries are sorted by author, then year, then title (:func:`medialit.content.bib.sort_key`);
- ``{cite:p}`` renders ``(Deng 1999)``, the label of the entry it links to, and several keys as
  ``(Deng 1999; IDMC 2012)``;
- each entry reads, under its label: personal names. *Title.* publisher or journal, date. link.
  Then where it was read: nothing more for the primary (its access date), "Read on a copy at
  <mirror>" for a mirror, "Not verified." for an entry that records no check; then the
  student-facing ``note``.

Titles are shown as written (they are headlines and document titles the kit studies; it does
not re-case them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pybtex.plugin
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

from ..content.bib import author_year_labels, sort_key, split_mirror

STYLE_NAME = "medialit"
# the hover text of a citation link (``bibtex_tooltips_style: medialit-tooltip``)
TOOLTIP_STYLE_NAME = "medialit-tooltip"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def raw_author(entry) -> str:
    """The entry's author field as written (pybtex keeps it as Person objects)."""
    return " and ".join(str(person) for person in entry.persons.get("author", []))


def _field(entry, name: str) -> str:
    return entry.fields.get(name, "") or ""


def plain(text: str) -> str:
    """A field without its BibTeX braces and with ``--`` as an en dash."""
    return text.replace("{", "").replace("}", "").replace("--", "–")


def show_date(value: str) -> str:
    """``2023-10-03`` -> ``3 October 2023``; ``2023-10`` -> ``October 2023``; else as written."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
    if not match:
        return value.strip()
    year, month, day = match.groups()
    if not 1 <= int(month) <= 12:
        return value.strip()
    shown = f"{MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {shown}" if day else shown


class MedialitLabelStyle(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        labels = author_year_labels([(e.key, raw_author(e), _field(e, "year"), _field(e, "title"))
                                     for e in entries])
        for entry in entries:
            yield labels[entry.key]


class MedialitSortingStyle(BaseSortingStyle):
    def sorting_key(self, entry):
        return sort_key(raw_author(entry), _field(entry, "year"), _field(entry, "title"))


def _personal_names(entry) -> str:
    """Full personal names (``Francis M. Deng``); bodies are already named by the label."""
    people = []
    for person in entry.persons.get("author", []):
        if str(person).startswith("{"):
            return ""
        first = " ".join(person.first_names + person.middle_names)
        people.append(plain(f"{first} {' '.join(person.prelast_names + person.last_names)}".strip()))
    if len(people) <= 2:
        return " and ".join(people)
    return ", ".join(people[:-1]) + " and " + people[-1]


def _container(entry) -> Text:
    """Where the item appeared: the journal (volume, number, pages) or the publisher."""
    journal = plain(_field(entry, "journal"))
    if journal:
        parts = [Tag("em", journal)]
        volume, number, pages = (plain(_field(entry, n)) for n in ("volume", "number", "pages"))
        if volume:
            parts.append(f" {volume}" + (f"({number})" if number else ""))
        if pages:
            parts.append(f", {pages}")
        return Text(*parts)
    for name in ("publisher", "howpublished", "organization"):
        if _field(entry, name):
            return Text(plain(_field(entry, name)))
    return Text()


def status_text(entry) -> Text:
    """Where the quoted words were read, for a student: only what is not the primary."""
    status = _field(entry, "status")
    if status == "mirror":
        name, url = split_mirror(plain(_field(entry, "mirror")))
        copy = HRef(url, name) if url else Text(name)
        when = _field(entry, "checked")
        return Text("Read on a copy at ", copy, f", {show_date(when)}." if when else ".")
    if status == "primary":
        accessed = _field(entry, "urldate") or _field(entry, "checked")
        return Text(f"Accessed {show_date(accessed)}.") if accessed else Text()
    return Text("Not verified.")


class MedialitStyle(BaseStyle):
    default_label_style = STYLE_NAME
    default_sorting_style = STYLE_NAME
    default_name_style = "plain"

    def format_entry(self, label, entry, bib_data=None):
        # The label itself is the citation's own label (docutils writes it before the text).
        pieces = described(entry)
        url = _field(entry, "url")
        mirror_url = split_mirror(plain(_field(entry, "mirror")))[1]
        if url and url != mirror_url:
            pieces += [" ", HRef(url, url), "."]
        status = status_text(entry)
        if status:
            pieces += [" ", status]
        note = plain(_field(entry, "note"))
        if note:
            pieces += [" ", note if note.endswith(".") else f"{note}."]
        return FormattedEntry(entry.key, Text(*pieces), label)


class MedialitTooltipStyle(MedialitStyle):
    """The hover text of a ``{cite:p}`` link: who, what, where and when, nothing more.

    The link's ``title`` is the whole entry by default; on a chapter with a hundred citations
    those notes on where each source was read were a fifth of the page's HTML, and a screen
    reader may read a link's title aloud after its text. The Sources page, one click away,
    keeps the full entry."""

    def format_entry(self, label, entry, bib_data=None):
        return FormattedEntry(entry.key, Text(*described(entry)), label)


def described(entry) -> list:
    """Personal names. *Title.* publisher or journal, date. (the start of every entry)"""
    pieces: list = []
    names = _personal_names(entry)
    if names:
        pieces.append(f"{names}. ")
    title = plain(_field(entry, "title"))
    pieces.append(Text(title, ".") if _field(entry, "journal") else Tag("em", f"{title}."))
    container = _container(entry)
    date = _field(entry, "date")
    shown_date = show_date(date) if date and date != _field(entry, "year") else ""
    if container and shown_date:
        pieces += [" ", container, f", {shown_date}."]
    elif container or shown_date:
        pieces += [" ", container or Text(shown_date), "."]
    return pieces


@dataclass
class MedialitReferenceStyle(LabelReferenceStyle):
    """``{cite:p}`` as ``(label)`` and ``(label; label)``: the label of the linked entry."""

    bracket_parenthetical: BracketStyle = field(
        default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
    bracket_textual: BracketStyle = field(
        default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))


def register() -> None:
    """Make the style known to pybtex and sphinxcontrib-bibtex (idempotent)."""
    for group, name, klass in (
            ("pybtex.style.formatting", STYLE_NAME, MedialitStyle),
            ("pybtex.style.formatting", TOOLTIP_STYLE_NAME, MedialitTooltipStyle),
            ("pybtex.style.labels", STYLE_NAME, MedialitLabelStyle),
            ("pybtex.style.sorting", STYLE_NAME, MedialitSortingStyle)):
        pybtex.plugin.register_plugin(group, name, klass, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME,
                    MedialitReferenceStyle, force=True)
