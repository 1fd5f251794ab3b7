"""Collect submissions safely: notebooks, folders of notebooks and zips (LMS bulk downloads).

Nothing is extracted to disk: zip entries are read into memory with a size cap, and an entry
whose path escapes the archive's folder (absolute, ``..``, a drive letter) becomes a rejected
row instead of a file. Every notebook found becomes one :class:`Submission`, in a stable order.

Student ids come from the file name. The default patterns (tried in order) read the two common
LMS bulk-download layouts; ``--id-pattern`` replaces them with one regular expression that has a
named group ``id`` (and optionally ``name``), searched in the path inside the batch:

* Canvas: ``<name>[_late]_<user id>_<submission id>_<original file name>``
  e.g. ``smithjane_12345_67890_set-a-framing.ipynb`` → id ``12345`` (Canvas's user id, the
  ``ID`` column of its gradebook export), name ``smithjane``.
* Moodle: ``<Full Name>_<participant id>_assignsubmission_file_<file name>`` (older Moodle) or a
  folder ``<Full Name>_<participant id>_assignsubmission_file_/<file name>`` (Moodle 3.x+)
  → id ``<participant id>``, name ``<Full Name>``.
* Anything else: the file name without ``.ipynb`` (``jane.ipynb`` → ``jane``).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .limits import DEFAULT_LIMITS, Limits

DEFAULT_ID_PATTERNS: tuple[str, ...] = (
    # Canvas bulk download
    r"(?:^|/)(?P<name>[^/_]+?)(?:_LATE|_late)?_(?P<id>\d+)_\d+_[^/]+$",
    # Moodle bulk download (file or folder form)
    r"(?:^|/)(?P<name>[^/]+?)_(?P<id>\d+)_assignsubmission_file_",
)

_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Submission:
    """One notebook to grade, or the reason it could not be read (``problem``)."""

    student_id: str
    source: str  # where it came from, e.g. "batch.zip!smithjane_12345_67890_a.ipynb"
    data: bytes | None
    problem: str | None = None
    name: str = ""
    notes: tuple[str, ...] = ()


@dataclass
class Collection:
    submissions: list[Submission] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


class IdRule:
    """Derive a student id (and name) from a path inside the batch."""

    def __init__(self, pattern: str | None = None):
        patterns = (pattern,) if pattern else DEFAULT_ID_PATTERNS
        self.custom = bool(pattern)
        self.patterns = [re.compile(p) for p in patterns]
        for p in self.patterns:
            if "id" not in p.groupindex:
                raise ValueError(f"the id pattern {p.pattern!r} needs a named group (?P<id>...)")

    def __call__(self, relative_path: str) -> tuple[str, str, str | None]:
        """Return (id, name, note); the note says when no pattern matched."""
        for p in self.patterns:
            m = p.search(relative_path)
            if m and m.group("id"):
                name = m.groupdict().get("name") or ""
                return safe_id(m.group("id")), name, None
        stem = PurePosixPath(relative_path).name
        stem = stem.removesuffix(".ipynb")
        # Plain file names are normal without a custom pattern; with one, a miss is worth a note.
        note = (f"the id pattern did not match {relative_path!r}; the file name is the id"
                if self.custom else None)
        return safe_id(stem), "", note


def safe_id(raw: str) -> str:
    """A student id usable as a file name: letters, digits, '.', '_' and '-' only."""
    cleaned = _SAFE_ID.sub("_", raw).strip("._") or "unnamed"
    return cleaned[:100]


def _is_notebook(name: str) -> bool:
    return name.lower().endswith(".ipynb")


def _skip_reason(rel: str) -> str | None:
    parts = PurePosixPath(rel).parts
    if any(part == "__MACOSX" or part == ".ipynb_checkpoints" for part in parts):
        return "system folder (__MACOSX or .ipynb_checkpoints)"
    if parts and parts[-1].startswith("._"):
        return "macOS resource file"
    if not _is_notebook(rel):
        return "not a notebook (.ipynb)"
    return None


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


def collect(paths: list[Path], id_pattern: str | None = None,
            limits: Limits = DEFAULT_LIMITS) -> Collection:
    """Gather every notebook under ``paths`` (files, folders, zips) into one sorted collection."""
    rule = IdRule(id_pattern)
    found: list[Submission] = []
    collection = Collection()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            _collect_folder(path, rule, limits, found, collection)
        elif path.suffix.lower() == ".zip":
            _collect_zip(path, rule, limits, found, collection)
        elif path.exists():
            rel = path.name
            found.append(_submission(rule, rel, str(path), _read_capped(path, limits)))
        else:
            sid, name, _ = rule(path.name)
            found.append(Submission(sid, str(path), None, "file not found", name))
    found.sort(key=lambda s: (s.student_id, s.source))
    collection.submissions = _disambiguate(found)
    return collection


def _read_capped(path: Path, limits: Limits) -> bytes | str:
    """The file's bytes, or a problem string when it is too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > limits.max_notebook_bytes:
            return _too_large(size, limits)
        with open(path, "rb") as fh:
            return fh.read(limits.max_notebook_bytes + 1)
    except OSError as exc:
        return f"could not read the file: {exc.strerror or exc}"


def _too_large(size: int, limits: Limits) -> str:
    return (f"the file is {size / 2**20:.1f} MB, above the {limits.max_notebook_bytes / 2**20:.0f} MB "
            "cap: clear the outputs (Kernel → Restart Kernel and Clear All Outputs), save and "
            "resubmit")


def _submission(rule: IdRule, rel: str, source: str, content: bytes | str) -> Submission:
    sid, name, note = rule(rel)
    notes = (note,) if note else ()
    if isinstance(content, str):
        return Submission(sid, source, None, content, name, notes)
    return Submission(sid, source, content, None, name, notes)


def _collect_folder(root: Path, rule: IdRule, limits: Limits, found: list[Submission],
                    collection: Collection) -> None:
    real_root = root.resolve()
    for path in sorted(root.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix.lower() == ".zip":
            _collect_zip(path, rule, limits, found, collection)
            continue
        reason = _skip_reason(rel)
        if reason:
            collection.ignored.append((str(path), reason))
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(real_root):
            sid, name, _ = rule(rel)
            found.append(Submission(sid, str(path), None,
                                    "rejected: a link pointing outside the submissions folder", name))
            continue
        found.append(_submission(rule, rel, str(path), _read_capped(path, limits)))


def _collect_zip(path: Path, rule: IdRule, limits: Limits, found: list[Submission],
                 collection: Collection) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        sid, name, _ = rule(path.name)
        found.append(Submission(sid, str(path), None, f"not a readable zip file: {exc}", name))
        return
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_zip_entries:
            reason = (f"{len(infos)} entries, above the cap of {limits.max_zip_entries}; "
                      f"only the first {limits.max_zip_entries} were read")
            collection.ignored.append((str(path), reason))
            infos = infos[: limits.max_zip_entries]
        for info in infos:
            if info.is_dir():
                continue
            rel = info.filename.replace("\\", "/")
            source = f"{path}!{info.filename}"
            if escapes_folder(info.filename):
                if _is_notebook(rel):
                    sid, name, _ = rule(rel.lstrip("/"))
                    found.append(Submission(
                        sid, source, None,
                        f"rejected: the zip entry {info.filename!r} points outside the archive's "
                        "folder (absolute path or '..'); it was not read", name))
                else:
                    collection.ignored.append((source, "path escapes the archive's folder"))
                continue
            reason = _skip_reason(rel)
            if reason:
                collection.ignored.append((source, reason))
                continue
            found.append(_submission(rule, rel, source, _read_zip_entry(archive, info, limits)))


def _read_zip_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                    limits: Limits) -> bytes | str:
    if info.file_size > limits.max_notebook_bytes:
        return _too_large(info.file_size, limits)
    try:
        with archive.open(info) as fh:
            data = fh.read(limits.max_notebook_bytes + 1)  # the header may lie: cap the read
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        return f"could not read the zip entry: {exc}"
    if len(data) > limits.max_notebook_bytes:
        return _too_large(len(data), limits)
    return data


def _disambiguate(found: list[Submission]) -> list[Submission]:
    """Two files with one student id both stay: the second becomes ``<id>-2``, with a note."""
    seen: dict[str, int] = {}
    out = []
    for sub in found:
        n = seen.get(sub.student_id, 0) + 1
        seen[sub.student_id] = n
        if n > 1:
            note = (f"another submission already has id {sub.student_id!r}; "
                    f"this one is graded as {sub.student_id}-{n}")
            sub = Submission(f"{sub.student_id}-{n}", sub.source, sub.data, sub.problem, sub.name,
                             sub.notes + (note,))
        out.append(sub)
    return out
