"""Who submitted a file, read from the path an LMS bulk download gives it.

Each learning platform names the files of its "download all submissions" zip its own way; the
layouts below were read in the platforms' own code (see docs/grading.md, "Student ids", for
the sources). :func:`identify` tries them in this order — a folder layout wins over a file name,
because a folder is the platform's and a file name is the student's:

* **Moodle**, folders (3.1+, the default): ``<Full Name>_<participant id>_assignsubmission_<plugin>[_]/…``
  (4.1+ writes no trailing underscore; the online-text plugin's folder holds ``onlinetext.html``).
* **Gradescope** export: ``submission_<id>/…`` beside ``submission_metadata.yml`` (submitters).
* **Moodle**, flat (before 3.1, or "download as folders" off):
  ``<Full Name>_<participant id>_assignsubmission_<plugin>_<file name>``.
* **Blackboard** Learn: ``<Assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>[_<file name>]``,
  with a ``.txt`` receipt per attempt whose ``Name:`` line gives the full name and username.
* **Canvas**: ``<name>[_late]_<user id>_<attachment id>_<file name>``; the name is Canvas's
  lower-cased sortable name with every non-word character removed, so a name with ``-``, ``.``
  or a space is not Canvas's, and two numbers that read as a date (``2024_11``) are not ids.
* anything else: the file name without ``.ipynb``.

A custom ``--id-pattern`` (a regular expression with a group ``id`` and optionally ``name``)
replaces these. Each identity carries an *order* (larger is newer): the platform's own attempt
timestamp (Blackboard), attachment id and ``-1`` suffix (Canvas), ``name (1).ext`` suffix
(Moodle's file picker), so that the collector can grade a student's newest attempt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath

PLATFORM_NAMES = {"moodle": "Moodle", "canvas": "Canvas", "blackboard": "Blackboard",
                  "gradescope": "Gradescope", "custom": "the --id-pattern", "plain": ""}

_MOODLE_FOLDER = re.compile(
    r"^(?P<name>.+)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z0-9]+)_?$")
_MOODLE_FLAT = re.compile(
    r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_(?P<plugin>[a-z0-9]+)_(?P<file>.+)$")
_BLACKBOARD = re.compile(
    r"^(?P<prefix>.+)_(?P<user>[^_]+)_attempt_"
    r"(?P<ts>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(?P<file>.+))?$")
_CANVAS = re.compile(
    r"^(?:(?P<name>[^\W_]+)_)?(?:(?P<late>late)_)?(?P<id>\d+)_(?P<att>\d+)_(?P<file>.+)$",
    re.IGNORECASE)
_GRADESCOPE_FOLDER = re.compile(r"^submission_(?P<id>\d+)$")
_COPY_SUFFIX = {"moodle": re.compile(r"^(?P<stem>.*?) \((?P<n>\d+)\)$"),  # file (1).txt
                "canvas": re.compile(r"^(?P<stem>.*?)-(?P<n>\d+)$")}  # file-1.txt


@dataclass(frozen=True)
class Identity:
    """The student a file belongs to, and where the file stands among their attempts."""

    platform: str  # moodle | canvas | blackboard | gradescope | custom | plain
    raw_id: str  # as the platform writes it; made file-safe by safe_id
    name: str = ""
    order: tuple = ()  # larger is newer; () when the platform records no order
    attempt: str = ""  # the order in words, for notes: "attempt 2024-11-25 14:03:07"
    file_name: str = ""  # the student's own file name
    note: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def groups_attempts(self) -> bool:
        """Platform layouts name a student; several files of one student are one row."""
        return self.platform in ("moodle", "canvas", "blackboard", "gradescope")


@dataclass
class Receipts:
    """What the download says besides file names: Blackboard receipts, Gradescope metadata."""

    blackboard: dict[str, tuple[str, str]] = field(default_factory=dict)  # prefix -> (user, name)
    gradescope: dict[str, list[dict]] = field(default_factory=dict)  # folder -> submitters


def identify(relative_path: str, receipts: Receipts | None = None) -> Identity:
    """The identity of one file from its path inside the batch (default layouts)."""
    receipts = receipts or Receipts()
    parts = PurePosixPath(relative_path).parts
    file_name = parts[-1] if parts else relative_path
    for depth, folder in enumerate(parts[:-1]):
        found = _moodle_folder(folder, "/".join(parts[depth + 1:]))
        if found:
            return found
        found = _gradescope_folder(folder, receipts, "/".join(parts[depth + 1:]))
        if found:
            return found
    for parse in (_moodle_flat, _blackboard, _canvas):
        found = parse(file_name, receipts)
        if found:
            return found
    return Identity("plain", file_name.removesuffix(".ipynb"), file_name=file_name)


def identify_custom(relative_path: str, pattern: re.Pattern) -> Identity:
    """The identity from a custom ``--id-pattern``; a miss falls back to the file name."""
    file_name = PurePosixPath(relative_path).name
    m = pattern.search(relative_path)
    if m and m.group("id"):
        name = (m.groupdict().get("name") or "").strip()
        return Identity("custom", m.group("id"), name, file_name=file_name)
    return Identity("plain", file_name.removesuffix(".ipynb"), file_name=file_name,
                    note=f"the id pattern did not match {relative_path!r}; the file name is "
                         "the id")


def _copy_number(file_name: str, platform: str) -> int:
    """2 for "set-a (2).ipynb" on Moodle (its file picker's rename of a second upload with
    the same name) or "set-a-2.ipynb" on Canvas; 0 when the name has no such suffix."""
    stem = file_name.rpartition(".")[0] or file_name
    m = _COPY_SUFFIX[platform].match(stem)
    return int(m.group("n")) if m else 0


def _moodle_folder(folder: str, inside: str) -> Identity | None:
    m = _MOODLE_FOLDER.match(folder)
    if not m:
        return None
    copy = _copy_number(PurePosixPath(inside).name, "moodle")
    attempt = f"re-upload ({copy})" if copy else ""
    return Identity("moodle", m.group("id"), _moodle_name(m.group("name")), (copy,), attempt,
                    inside, extra={"plugin": m.group("plugin")})


def _moodle_flat(file_name: str, receipts: Receipts) -> Identity | None:
    m = _MOODLE_FLAT.match(file_name)
    if not m:
        return None
    copy = _copy_number(m.group("file"), "moodle")
    attempt = f"re-upload ({copy})" if copy else ""
    return Identity("moodle", m.group("id"), _moodle_name(m.group("name")), (copy,), attempt,
                    m.group("file"), extra={"plugin": m.group("plugin")})


def _moodle_name(name: str) -> str:
    # Moodle replaces "_" in the full name by " " before joining with "_" (downloader.php)
    return name.strip()


def _gradescope_folder(folder: str, receipts: Receipts, inside: str) -> Identity | None:
    m = _GRADESCOPE_FOLDER.match(folder)
    if not m or folder not in receipts.gradescope:
        return None
    submitters = receipts.gradescope[folder]
    first = submitters[0] if submitters else {}
    raw = str(first.get("sid") or first.get("email") or folder)
    created = str(first.get("created_at") or "")
    return Identity("gradescope", raw, str(first.get("name") or ""), (created,),
                    f"submitted {created}" if created else "", inside,
                    extra={"submitters": submitters, "submission": m.group("id")})


def _blackboard(file_name: str, receipts: Receipts) -> Identity | None:
    m = _BLACKBOARD.match(file_name)
    if not m:
        return None
    key = blackboard_key(file_name)
    user, name = m.group("user"), ""
    receipt_user, receipt_name = receipts.blackboard.get(key, ("", ""))
    if receipt_user and key.endswith(f"_{receipt_user}_attempt_{m.group('ts')}"):
        user = receipt_user  # a username with "_" in it: the receipt knows where it starts
    name = receipt_name
    y, mo, d, h, mi, s = m.group("ts").split("-")
    when = f"{y}-{mo}-{d} {h}:{mi}:{s}"
    return Identity("blackboard", user, name, (when,), f"attempt {when}",
                    m.group("file") or file_name, extra={"receipt_key": key})


def blackboard_key(file_name: str) -> str:
    """``<Assignment>_<username>_attempt_<timestamp>``: what a file and its receipt share."""
    m = re.search(r"_attempt_\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}", file_name)
    return file_name[:m.end()] if m else file_name


def looks_like_a_date(first: str, second: str, rest: str) -> bool:
    """True for number pairs that read as a date in a file name: 2024_11, 25_11_2024."""
    a, b = int(first), int(second)
    year_month = len(first) == 4 and 1900 <= a <= 2100 and len(second) <= 2 and 1 <= b <= 12
    day_month_year = (len(first) <= 2 and 1 <= a <= 31 and len(second) <= 2 and 1 <= b <= 12
                      and re.match(r"(19|20)\d\d(\D|$)", rest) is not None)
    return year_month or day_month_year


def _canvas(file_name: str, receipts: Receipts) -> Identity | None:
    m = _CANVAS.match(file_name)
    if not m:
        return None
    name = m.group("name") or ""
    if name != name.lower() or looks_like_a_date(m.group("id"), m.group("att"), m.group("file")):
        return None  # Canvas lower-cases its names; dates are not ids
    copy = _copy_number(m.group("file"), "canvas")
    attachment = int(m.group("att"))
    attempt = f"Canvas file {attachment}" + (f" (copy -{copy})" if copy else "")
    return Identity("canvas", m.group("id"), name, (attachment, copy), attempt, m.group("file"),
                    extra={"late": bool(m.group("late"))})


# -- receipts ----------------------------------------------------------------------------------

_BB_NAME = re.compile(r"^Name:\s*(?P<name>.*?)\s*\((?P<user>[^()]+)\)\s*$", re.MULTILINE)


def read_blackboard_receipt(file_name: str, text: str) -> tuple[str, tuple[str, str]] | None:
    """(receipt key, (username, full name)) from a Blackboard attempt receipt, else None."""
    stem = file_name.removesuffix(".txt")
    if not _BLACKBOARD.match(stem) or blackboard_key(stem) != stem:
        return None
    m = _BB_NAME.search(text)
    if not m:
        return stem, ("", "")
    return stem, (m.group("user").strip(), m.group("name").strip())


def read_gradescope_metadata(text: str) -> dict[str, list[dict]]:
    """``submission_<id>`` → its submitters, from Gradescope's ``submission_metadata.yml``.

    The file is YAML written by Ruby, so its keys are symbols (``:submitters:``, ``:name:``,
    ``:sid:``, ``:email:``, ``:created_at:``).
    """
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(text) or {}
    out: dict[str, list[dict]] = {}
    if not isinstance(data, dict):
        return out
    for folder, entry in data.items():
        if not isinstance(entry, dict):
            continue
        entry = {str(k).lstrip(":"): v for k, v in entry.items()}
        submitters = []
        for person in entry.get("submitters") or []:
            if isinstance(person, dict):
                person = {str(k).lstrip(":"): v for k, v in person.items()}
                person["created_at"] = entry.get("created_at", "")
                submitters.append(person)
        out[str(folder)] = submitters
    return out


# -- ids as file names ---------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_SPACES = re.compile(r"\s+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
MAX_ID_BYTES = 120  # file names are capped at 255 bytes; leave room for "-2.html"


def safe_id(raw: str) -> str:
    """A student id that is a safe file name on Linux, macOS and Windows, and still readable.

    Unicode letters stay (NFC: "Zoë" and "Zoé" stay two ids); path separators, control and
    Windows-reserved characters become "_"; runs of spaces become "_"; leading dots go (no
    hidden files, no ".."); the id is cut to 120 UTF-8 bytes at a character boundary.
    """
    text = unicodedata.normalize("NFC", str(raw))
    text = _UNSAFE.sub("_", text)
    text = _SPACES.sub("_", text.strip())
    text = text.strip("._ ")
    if _WINDOWS_RESERVED.match(text):
        text = f"_{text}"
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_ID_BYTES:
        text = encoded[:MAX_ID_BYTES].decode("utf-8", errors="ignore").rstrip("._ ")
    return text or "unnamed"


def display_name(raw: str) -> str:
    return unicodedata.normalize("NFC", raw).strip()
