"""Collect submissions safely: one row per student, from notebooks, folders and LMS downloads.

Nothing is extracted to disk: zip entries are read into memory with a size cap, and an entry
whose path escapes the archive's folder (absolute, ``..``, a drive letter) is never read.

Who a file belongs to comes from its path (:mod:`medialit.grading.layouts`: Moodle, Canvas,
Blackboard and Gradescope downloads, else the file name). In a platform's download every
student the download names gets exactly one row:

* several notebooks of one student → the newest by the platform's own record (Blackboard's
  attempt timestamp, Canvas's attachment id and ``-1`` suffix, Moodle's ``name (1)`` re-upload
  suffix) is graded; the others are listed in the student's notes and in
  :attr:`Collection.superseded`;
* a notebook inside a zip the student uploaded is graded (one level deep, in memory);
* only a PDF, HTML, zip without a notebook … → an error row that says what was found.

Plain files and a custom ``--id-pattern`` carry no attempt order: each notebook is its own row,
and two with one id become ``id`` and ``id-2`` with a note. Ids are made safe for file names
without erasing them (:func:`medialit.grading.layouts.safe_id`).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path, PurePosixPath

from .layouts import (
    PLATFORM_NAMES,
    Identity,
    Receipts,
    identify,
    identify_custom,
    read_blackboard_receipt,
    read_gradescope_metadata,
    safe_id,
)
from .limits import DEFAULT_LIMITS, Limits

__all__ = ["Collection", "IdRule", "Submission", "collect", "escapes_folder", "safe_id"]


@dataclass(frozen=True)
class Submission:
    """One student's notebook to grade, or the reason it could not be read (``problem``)."""

    student_id: str
    source: str  # where it came from, e.g. "batch.zip!smithjane_12345_67890_a.ipynb"
    data: bytes | None
    problem: str | None = None
    name: str = ""
    notes: tuple[str, ...] = ()
    platform: str = ""
    received: str = ""  # the file's date-time as the download records it (ISO, no zone)
    other_attempts: tuple[str, ...] = ()  # the student's files that were not graded


@dataclass
class Collection:
    submissions: list[Submission] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    superseded: list[tuple[str, str, str]] = field(default_factory=list)  # (id, source, why)


class IdRule:
    """Derive a student's identity from a path inside the batch."""

    def __init__(self, pattern: str | None = None):
        self.pattern = re.compile(pattern) if pattern else None
        if self.pattern is not None and "id" not in self.pattern.groupindex:
            raise ValueError(f"the id pattern {pattern!r} needs a named group (?P<id>...)")

    def identity(self, relative_path: str, receipts: Receipts | None = None) -> Identity:
        if self.pattern is not None:
            return identify_custom(relative_path, self.pattern)
        return identify(relative_path, receipts)

    def __call__(self, relative_path: str) -> tuple[str, str, str | None]:
        """(safe id, name, note) of one path."""
        found = self.identity(relative_path)
        return safe_id(found.raw_id), found.name, found.note


# -- what was found ----------------------------------------------------------------------------

@dataclass
class _Upload:
    """One file found in the batch, with its owner."""

    identity: Identity
    source: str
    received: str
    content: bytes | None = None
    problem: str | None = None
    notebook: bool = True
    label: str = ""  # how the file is named in messages


_SYSTEM_PARTS = ("__MACOSX", ".ipynb_checkpoints")


def _is_notebook(name: str) -> bool:
    return name.lower().endswith(".ipynb")


def _is_system(rel: str) -> bool:
    parts = rel.split("/")
    return any(p in _SYSTEM_PARTS for p in parts) or parts[-1].startswith("._")


def escapes_folder(name: str) -> bool:
    """True for an archive path that would land outside the folder it is extracted into."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return True
    depth = 0
    for part in normal.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def _too_large(size: int, limits: Limits) -> str:
    return (f"the file is {size / 2**20:.1f} MB, above the {limits.max_notebook_bytes / 2**20:.0f} MB "
            "cap: clear the outputs (Kernel → Restart Kernel and Clear All Outputs), save and "
            "resubmit")


def _iso(moment: datetime | tuple) -> str:
    if isinstance(moment, tuple):
        try:
            moment = datetime(*moment)
        except ValueError:
            return ""
    return moment.replace(microsecond=0).isoformat()


class _Entry:
    """A file in a folder or a zip, read only when needed."""

    def __init__(self, rel: str, source: str, received: str, size: int, read,
                 path: Path | None = None):
        self.rel, self.source, self.received, self.size = rel, source, received, size
        self._read, self.path = read, path

    def read(self, limits: Limits) -> bytes | str:
        if self.size > limits.max_notebook_bytes:
            return _too_large(self.size, limits)
        try:
            data = self._read(limits.max_notebook_bytes + 1)  # a zip header may lie: cap it
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
            return f"could not read the file: {getattr(exc, 'strerror', None) or exc}"
        if len(data) > limits.max_notebook_bytes:
            return _too_large(len(data), limits)
        return data


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The entry's name; UTF-8 names a zipper forgot to flag are repaired (Cyrillic, CJK)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _zip_entries(archive: zipfile.ZipFile, label: str, limits: Limits,
                 ignored: list) -> list[_Entry]:
    infos = archive.infolist()
    if len(infos) > limits.max_zip_entries:
        ignored.append((label, (f"{len(infos)} entries, above the cap of "
                               f"{limits.max_zip_entries}: only the first ones were read")))
        infos = infos[: limits.max_zip_entries]
    entries = []
    for info in infos:
        if info.is_dir():
            continue
        rel = _zip_name(info)
        source = f"{label}!{rel}"
        if escapes_folder(info.filename):
            entries.append(_Entry(rel.lstrip("/"), source, "", -1, None))
            continue

        def read(cap, info=info):
            with archive.open(info) as fh:
                return fh.read(cap)

        entries.append(_Entry(rel, source, _iso(info.date_time), info.file_size, read))
    return entries


def _read_file(path: str, cap: int) -> bytes:
    """At most ``cap`` bytes of a file, without a buffered file object (thousands of
    notebooks are read one after another)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        parts = []
        while cap > 0:
            chunk = os.read(fd, min(cap, 1 << 24))
            if not chunk:
                break
            parts.append(chunk)
            cap -= len(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _folder_entries(root: Path) -> list[_Entry]:
    """Every file under ``root``, in a stable order."""
    real_root = root.resolve()
    entries = []
    for path in sorted(root.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() and not path.resolve().is_relative_to(real_root):
            entries.append(_Entry(rel, str(path), "", -2, None))
            continue
        try:
            stat = path.stat()
        except OSError:
            continue

        entries.append(_Entry(rel, str(path), _iso(datetime.fromtimestamp(stat.st_mtime)),
                              stat.st_size, partial(_read_file, str(path)), path))
    return entries


# -- collecting ---------------------------------------------------------------------------------

def collect(paths: list[Path], id_pattern: str | None = None,
            limits: Limits = DEFAULT_LIMITS) -> Collection:
    """Gather every student's submission under ``paths`` (files, folders, zips)."""
    rule = IdRule(id_pattern)
    collection = Collection()
    uploads: list[_Upload] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            _take(_folder_entries(path), rule, limits, uploads, collection, batch_zips=True)
        elif path.suffix.lower() == ".zip" and path.exists():
            _take_zip_file(path, rule, limits, uploads, collection)
        elif path.exists():
            stat = path.stat()

            def read(cap, path=path):
                with open(path, "rb") as fh:
                    return fh.read(cap)

            entry = _Entry(path.name, str(path), _iso(datetime.fromtimestamp(stat.st_mtime)),
                           stat.st_size, read)
            _take([entry], rule, limits, uploads, collection, batch_zips=False)
        else:
            uploads.append(_Upload(rule.identity(path.name), str(path), "",
                                   problem="file not found"))
    collection.submissions = _one_row_per_student(uploads, collection)
    return collection


def _take_zip_file(path: Path, rule: IdRule, limits: Limits, uploads: list[_Upload],
                   collection: Collection) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        uploads.append(_Upload(rule.identity(path.name), str(path), "",
                               problem=f"not a readable zip file: {exc}"))
        return
    with archive:
        entries = _zip_entries(archive, str(path), limits, collection.ignored)
        _take(entries, rule, limits, uploads, collection, batch_zips=False)


def _receipts(entries: list[_Entry], limits: Limits,
              ignored: list) -> tuple[Receipts, set[str]]:
    """Blackboard receipts and Gradescope metadata in the batch, and the entries they are."""
    from ruamel.yaml import YAMLError

    receipts, used = Receipts(), set()
    for entry in entries:
        name = PurePosixPath(entry.rel).name
        if name == "submission_metadata.yml" and entry.size >= 0:
            data = entry.read(limits)
            if isinstance(data, bytes):
                used.add(entry.source)
                try:
                    receipts.gradescope.update(read_gradescope_metadata(data.decode("utf-8")))
                except (YAMLError, UnicodeDecodeError, ValueError) as exc:
                    ignored.append((entry.source, (f"unreadable Gradescope metadata ({exc}); "
                                                  "submission folders keep their own names")))
        elif name.endswith(".txt") and "_attempt_" in name and 0 <= entry.size < 1_000_000:
            data = entry.read(limits)
            if isinstance(data, bytes):
                found = read_blackboard_receipt(name, data.decode("utf-8", errors="replace"))
                if found:
                    receipts.blackboard[found[0]] = found[1]
                    used.add(entry.source)
    return receipts, used


def _take(entries: list[_Entry], rule: IdRule, limits: Limits, uploads: list[_Upload],
          collection: Collection, batch_zips: bool) -> None:
    """Turn the entries of one folder or zip into uploads (reading only notebooks)."""
    receipts, used = _receipts(entries, limits, collection.ignored)
    for entry in entries:
        if entry.source in used:
            continue
        if _is_system(entry.rel):
            collection.ignored.append((entry.source,
                                       "system file (__MACOSX, .ipynb_checkpoints or ._*)"))
            continue
        identity = rule.identity(entry.rel, receipts)
        name = identity.file_name or PurePosixPath(entry.rel).name
        if entry.size == -1:  # escapes the archive's folder
            if _is_notebook(entry.rel) or identity.groups_attempts:
                uploads.append(_Upload(identity, entry.source, "", label=name, problem=(
                    f"rejected: the zip entry {entry.rel!r} points outside the archive's folder "
                    "(absolute path or '..'); it was not read")))
            else:
                collection.ignored.append((entry.source, "path escapes the archive's folder"))
            continue
        if entry.size == -2:
            uploads.append(_Upload(identity, entry.source, "", label=name, problem=(
                "rejected: a link pointing outside the submissions folder")))
            continue
        if _is_notebook(entry.rel):
            data = entry.read(limits)
            upload = _Upload(identity, entry.source, entry.received, label=name)
            if isinstance(data, bytes):
                upload.content = data
            else:
                upload.problem = data
            uploads.append(upload)
        elif entry.rel.lower().endswith(".zip") and identity.groups_attempts:
            uploads.extend(_inside_student_zip(entry, identity, name, limits))
        elif entry.rel.lower().endswith(".zip") and batch_zips and entry.path is not None:
            _take_zip_file(entry.path, rule, limits, uploads, collection)  # a batch in a folder
        elif identity.groups_attempts:
            uploads.append(_Upload(identity, entry.source, entry.received, notebook=False,
                                   label=name))
        else:
            collection.ignored.append((entry.source, "not a notebook (.ipynb)"))


def _inside_student_zip(entry: _Entry, identity: Identity, name: str,
                        limits: Limits) -> list[_Upload]:
    """The notebooks of a zip a student uploaded (one level deep), else one 'found' upload."""
    data = entry.read(limits)
    if isinstance(data, str):
        return [_Upload(identity, entry.source, entry.received, notebook=False, label=name,
                        problem=data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [_Upload(identity, entry.source, entry.received, notebook=False,
                        label=f"{name} (not a readable zip)")]
    out: list[_Upload] = []
    seen: list = []
    with archive:
        for inner in _zip_entries(archive, entry.source, limits, []):
            if _is_system(inner.rel) or inner.size < 0:
                continue
            seen.append(PurePosixPath(inner.rel).name)
            if not _is_notebook(inner.rel):
                continue
            if len(out) >= limits.max_notebooks_in_student_zip:
                continue  # never read: a zip of a hundred notebooks is no submission of one set
            content = inner.read(limits)
            label = f"{inner.rel} (inside {name})"
            inner_identity = replace(identity, file_name=label)
            upload = _Upload(inner_identity, inner.source, inner.received or entry.received,
                             label=label)
            if isinstance(content, bytes):
                upload.content = content
            else:
                upload.problem = content
            out.append(upload)
    if out:
        return out
    holding = ", ".join(seen[:5]) + (", …" if len(seen) > 5 else "") if seen else "nothing"
    return [_Upload(identity, entry.source, entry.received, notebook=False,
                    label=f"{name} (a zip holding {holding})")]


# -- one row per student --------------------------------------------------------------------------

def _one_row_per_student(uploads: list[_Upload], collection: Collection) -> list[Submission]:
    grouped: dict[tuple[str, str], list[_Upload]] = {}
    rows: list[Submission] = []
    for upload in uploads:
        if upload.identity.groups_attempts:
            grouped.setdefault((upload.identity.platform, upload.identity.raw_id), []).append(upload)
        elif upload.notebook:
            rows.append(_row(upload, ()))
    for (_, _), group in sorted(grouped.items()):
        rows.append(_student_row(group, collection))
    rows.sort(key=lambda s: (s.student_id, s.source))
    return _disambiguate(rows)


def _row(upload: _Upload, notes: tuple[str, ...], others: tuple[str, ...] = ()) -> Submission:
    identity = upload.identity
    notes = ((identity.note,) if identity.note else ()) + notes
    return Submission(safe_id(identity.raw_id), upload.source, upload.content, upload.problem,
                      identity.name, notes, identity.platform, upload.received, others)


def _describe(upload: _Upload) -> str:
    attempt = upload.identity.attempt
    return f"{upload.label} ({attempt})" if attempt else upload.label


def _student_row(group: list[_Upload], collection: Collection) -> Submission:
    notebooks = [u for u in group if u.notebook]
    platform = PLATFORM_NAMES.get(group[0].identity.platform, group[0].identity.platform)
    if not notebooks:
        found = ", ".join(sorted(u.label for u in group))
        first = min(group, key=lambda u: u.source)
        problem = next((u.problem for u in group if u.problem), None)
        message = (f"no notebook (.ipynb) in this submission; found: {found}"
                   + (f" ({problem})" if problem else "")
                   + ". Submit the notebook file itself (in Jupyter: File → Download, or "
                     "File → Save and Export Notebook As… → Notebook)")
        return replace(_row(first, ()), data=None, problem=message)
    readable = [u for u in notebooks if u.problem is None] or notebooks
    ranked = sorted(readable, key=lambda u: (u.identity.order, u.label, u.source))
    chosen = ranked[-1]
    others = tuple(_describe(u) for u in notebooks if u is not chosen)
    notes: list[str] = []
    if "(inside " in chosen.label:
        notes.append(f"graded {chosen.label}: the notebook inside the zip you uploaded")
    if others:
        tie = len(ranked) > 1 and ranked[-2].identity.order == chosen.identity.order
        if tie:
            notes.append(f"{len(notebooks)} notebooks were submitted and {platform}'s download "
                         f"does not say which is the newest; graded {chosen.label} (the last by "
                         f"name) — if you meant another one, tell your instructor; not graded: "
                         f"{'; '.join(others)}")
        else:
            notes.append(f"{len(notebooks)} notebooks were submitted; graded the newest, "
                         f"{_describe(chosen)}; not graded: {'; '.join(others)}")
    sid = safe_id(chosen.identity.raw_id)
    for upload in notebooks:
        if upload is not chosen:
            why = f"older or other attempt; graded {chosen.source}"
            collection.superseded.append((sid, upload.source, why))
    return _row(chosen, tuple(notes), others)


def _disambiguate(found: list[Submission]) -> list[Submission]:
    """Two rows with one id (plain names, or ids equal but for case) stay apart: the second
    becomes ``<id>-2``, with a note. Case is ignored so that the files of ``Jane`` and ``jane``
    cannot overwrite each other on a case-insensitive disk (macOS, Windows)."""
    seen: dict[str, int] = {}
    out = []
    for sub in found:
        key = sub.student_id.casefold()
        n = seen.get(key, 0) + 1
        seen[key] = n
        if n > 1:
            new_id = f"{sub.student_id}-{n}"
            while new_id.casefold() in seen:
                n += 1
                new_id = f"{sub.student_id}-{n}"
            seen[new_id.casefold()] = 1
            note = (f"another submission already has id {sub.student_id!r}; "
                    f"this one is graded as {new_id}")
            sub = replace(sub, student_id=new_id, notes=sub.notes + (note,))
        out.append(sub)
    return out
