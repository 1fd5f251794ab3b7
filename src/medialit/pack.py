"""A content pack: one case study as data, described by one manifest and loaded by one object.

The engine (everything else under ``medialit``) knows no case. A case is a folder with a
``pack.yml`` manifest::

    schema_version: 1
    name: practice                    # a slug
    title: "A Practice Case"          # the book's title (print heads, exports)
    language: en                      # the text's language (quiz messages follow the book's)
    text:
      file: text.txt                  # the text, one paragraph a line
      byline: true                    # the last line is the byline (not a numbered paragraph)
      noun: text                     # how pages name the text ("the text")
      page: chapters/text             # the book page that shows it (docname), for links
      variable: document              # the name released notebooks give the text (default)
    annotations: annotations.yml      # the layers (declared there) and the annotations
    timeline: timeline.yml
    contested_terms: contested_terms.yml
    lexicons: lexicons                # optional: word lists that replace the engine's own
    objectives: objectives.yml
    corrections: corrections.yml
    sources: sources.yml              # optional: the documents a fictional case invents
    bibliography: references.bib
    banks: ../chapters/questions      # practice question banks
    masters: ../solutions             # graded master notebooks
    exercises: ../exercises           # the released student notebooks
    alternative: ../chapters/alternative-assignment.yml  # optional: the alternative assignment
    practice: ../practice             # optional: the practice pack (questions on material: practice)
    metadata: {author: ..., source: ..., licence: ...}

Paths are relative to the manifest's folder, so a pack may keep its banks and masters in the
book around it (the kit's own book keeps ``chapters/``, ``exercises/`` and ``solutions/`` at
its top level). Every entry but ``text`` is optional.

Where the pack comes from (:func:`current_pack`), first match wins:

1. the pack set with :func:`use_pack` (``medialit --pack DIR``; the Sphinx extension sets the
   book's at ``config-inited``);
2. the book the working folder is in: the nearest ``_config.yml`` upwards names it in
   ``sphinx: config: medialit_pack`` (a path relative to the book);
3. the environment variable ``MEDIALIT_PACK`` (a pack folder or its ``pack.yml``), for work
   outside any book that names one;
4. the nearest ``pack.yml`` upwards;
5. the one pack bundled into the installed package (``medialit/bundled_packs/<name>/``): the
   wheel of the live notebooks and the Gradescope autograder carry their book's pack there.

A bundled pack may carry ``pack.snapshot.json`` beside its ``pack.yml``: the manifest as the
build read and validated it, with the sha256 of the ``pack.yml`` it came from. It spares the
live notebooks' first cell the YAML library (its import and a round-trip parse cost about half
a second in the browser's Python); it is used only while that sha256 is the ``pack.yml``'s own,
so an edited manifest is read from its YAML again and the two can never disagree.
"""

from __future__ import annotations

import hashlib
import keyword
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import MedialitError

if TYPE_CHECKING:  # the loaders import pydantic; the text model must stay light
    from .content.annotations import AnnotationSet
    from .content.sources import SourceSet
    from .content.timeline import Timeline
    from .text.case import Document

PACK_FILE = "pack.yml"
SNAPSHOT_FILE = "pack.snapshot.json"  # the validated manifest, beside a bundled pack.yml
CONFIG_FILE = "_config.yml"
BOOK_BIB = "references.bib"  # a book's own bibliography when its pack declares none
CONFIG_VALUE = "medialit_pack"  # the Sphinx config value that names a book's pack
ENV_VAR = "MEDIALIT_PACK"
BUNDLED = "bundled_packs"
SCHEMA_VERSION = 1
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: Manifest entries that name a file or folder (``text`` has its own mapping).
PATH_KEYS = ("annotations", "timeline", "contested_terms", "lexicons", "objectives",
             "corrections", "sources", "bibliography", "banks", "masters", "exercises",
             "alternative", "practice")
PRACTICE_FILE = "text.txt"  # a practice folder's text when it carries no pack.yml (a bundle)
_TEXT_KEYS = {"file", "byline", "noun", "page", "sha256", "variable"}
DEFAULT_VARIABLE = "document"
_TOP_KEYS = {"schema_version", "name", "title", "language", "text", "metadata", *PATH_KEYS}


class PackError(MedialitError, ValueError):
    """A content pack that cannot be found or whose manifest is wrong (names the file, the
    line and the field)."""


class ContentPack:
    """One case: its manifest and everything it describes, loaded on first use.

    ``book`` is the book that named this pack (the folder of its ``_config.yml``) when the pack
    was found from a book; commands that check pages or tables of contents use it.
    """

    def __init__(self, root: Path, manifest: dict[str, Any], *, book: Path | None = None,
                 lines: dict[str, int] | None = None):
        self.root = Path(root)
        self.manifest = manifest
        self.book = book
        self._lines = lines or {}

    # -- what the manifest says ------------------------------------------------------------
    @property
    def manifest_path(self) -> Path:
        return self.root / PACK_FILE

    @property
    def name(self) -> str:
        return str(self.manifest["name"])

    @property
    def title(self) -> str:
        return str(self.manifest["title"])

    @property
    def language(self) -> str:
        return str(self.manifest.get("language") or "en")

    @property
    def text_noun(self) -> str:
        """How the kit's pages and messages name the text: "text", "speech", "text"."""
        return str(self.manifest["text"].get("noun") or "text")

    @property
    def text_page(self) -> str | None:
        """The book page (a docname such as ``chapters/document``) that shows the text."""
        page = self.manifest["text"].get("page")
        return str(page) if page else None

    @property
    def text_variable(self) -> str:
        """The name a released notebook's set-up cell gives the text (``text.variable``)."""
        return str(self.manifest["text"].get("variable") or DEFAULT_VARIABLE)

    @property
    def metadata(self) -> dict[str, Any]:
        return dict(self.manifest.get("metadata") or {})

    def path(self, key: str) -> Path | None:
        """The file or folder the manifest names for ``key`` (``None`` when it names none)."""
        if key == "text":
            return self.root / self.manifest["text"]["file"]
        if key not in PATH_KEYS:
            raise KeyError(f"{key!r} is not a manifest entry; entries are {list(PATH_KEYS)}")
        value = self.manifest.get(key)
        return (self.root / str(value)).resolve() if value else None

    def existing(self, key: str) -> Path | None:
        """:meth:`path` when that file or folder exists (a bundled pack carries only the files
        inside its own folder)."""
        path = self.path(key)
        return path if path is not None and path.exists() else None

    @property
    def practice_text(self) -> Path | None:
        """The practice case's text, for this pack's questions on ``material: practice``: the
        text of the pack in the folder the manifest's ``practice`` names, or that folder's
        ``text.txt`` when it holds the text alone (a Gradescope zip ships only the text);
        ``None`` when the manifest declares no ``practice``."""
        folder = self.path("practice")
        if folder is None:
            return None
        if (folder / PACK_FILE).is_file():
            return load_pack(folder).path("text")
        return folder / PRACTICE_FILE

    def in_book(self, key: str, book: Path | str | None = None) -> Path | None:
        """Where the folder (or file) the manifest names for ``key`` is in the book at ``book``
        (default: the book this pack was found from, else its home book).

        The manifest's own path when it lies in that book (or in no book that names this
        pack). When it lies in the book that names this pack (its home: the kit's book keeps
        its banks in ``chapters/questions``) and ``book`` is another book (a copy, a fixture),
        the same place relative to ``book``. ``None`` when the manifest names none."""
        path = self.path(key)
        if path is None:
            return None
        if book is None:
            book = self.book or self.home_book()
            if book is None:
                return path
        book = Path(book).resolve()
        if path.is_relative_to(book):
            return path
        for home in self._homes():  # a book naming this pack that holds the path
            if path.is_relative_to(home):
                return book / path.relative_to(home)
        return path

    def bibliography_in(self, book: Path | str | None = None) -> Path | None:
        """The bibliography a book on this pack cites: the manifest's ``bibliography`` (at its
        place in ``book``, as :meth:`in_book`) when that file exists, else the book's own
        ``references.bib`` (the name jupyter-book's ``bibtex_bibfiles`` defaults to) when it
        has one; ``None`` when there is neither."""
        declared = self.in_book("bibliography", book)
        if declared is not None and declared.is_file():
            return declared
        folder = Path(book) if book is not None else self.book or self.home_book()
        own = folder / BOOK_BIB if folder is not None else None
        return own if own is not None and own.is_file() else None

    def home_book(self) -> Path | None:
        """The book whose ``_config.yml`` names this pack: the book it was found from when that
        one names it, else the nearest such book above the pack's folder."""
        return next(self._homes(), None)

    def _homes(self) -> Iterator[Path]:
        """Every book that names this pack: the one it was found from, then those above the
        pack's folder."""
        candidates = [self.book] if self.book is not None else []
        candidates += [folder for folder in (self.root, *self.root.parents)
                       if (folder / CONFIG_FILE).is_file()]
        for folder in candidates:
            try:
                setting = book_pack_setting(folder)
            except PackError:
                continue
            if setting and (folder / setting).resolve() == self.root.resolve():
                yield folder.resolve()

    def require(self, key: str) -> Path:
        """:meth:`path`, or a :class:`PackError` saying the pack has no such entry or file."""
        path = self.path(key)
        if path is None:
            raise PackError(f"{self.manifest_path}: the pack {self.name!r} declares no {key!r}",
                            file=str(self.manifest_path), field=key)
        if not path.exists():
            raise PackError(f"{self.manifest_path}:{self._lines.get(key, 1)}: {key}: no such "
                            f"file or folder {path}", file=str(self.manifest_path),
                            line=self._lines.get(key), field=key, found=str(path))
        return path

    # -- the data, loaded once ---------------------------------------------------------------
    @cached_property
    def document(self) -> Document:
        """The text as paragraphs and sentences (:class:`medialit.text.case.Document`)."""
        from .text.case import Document

        path = self.path("text")
        try:
            raw = path.read_bytes()  # type: ignore[union-attr]
        except OSError as exc:
            raise PackError(f"{self.manifest_path}: text.file: cannot read {path}: "
                            f"{exc.strerror}", file=str(self.manifest_path),
                            field="text.file") from None
        expected = self.manifest["text"].get("sha256")
        if expected and hashlib.sha256(raw).hexdigest() != expected:
            raise PackError(f"{path}: the text changed (its sha256 is not the manifest's "
                            "text.sha256): a pack's text is reproduced byte for byte",
                            file=str(path), field="text.sha256")
        return Document(raw.decode("utf-8"), has_byline=bool(self.manifest["text"].get(
            "byline", True)), noun=self.text_noun)

    def annotations(self) -> AnnotationSet:
        """The annotations and layers, checked against this pack's text, terms and sources."""
        from .content.annotations import load_annotations

        with using_pack(self):
            return load_annotations(self.require("annotations"), document=self.document,
                                    bib=self.existing("bibliography") or False)

    def timeline(self) -> Timeline:
        from .content.timeline import load_timeline

        with using_pack(self):
            return load_timeline(self.require("timeline"),
                                 bib=self.existing("bibliography") or False,
                                 document=self.document)

    def sources(self) -> SourceSet:
        """The source documents a fictional case invents (its ``sources`` entry)."""
        from .content.sources import load_sources

        return load_sources(self.require("sources"),
                            fiction=bool(self.metadata.get("fiction")))

    def layer_ids(self) -> tuple[str, ...]:
        """The annotation layers the pack declares, in legend order."""
        return tuple(layer.id for layer in self.annotations().layers)

    def text_spec(self) -> str:
        """What a process needs to load this pack's text without reading YAML (the grading
        sandbox's child has no YAML library): JSON of the root and the text's manifest."""
        import json

        return json.dumps({"root": str(self.root), "name": self.name, "title": self.title,
                           "text": self.manifest["text"]})

    @classmethod
    def from_text_spec(cls, spec: str) -> ContentPack:
        import json

        data = json.loads(spec)
        return cls(Path(data["root"]), {"schema_version": SCHEMA_VERSION, "name": data["name"],
                                         "title": data["title"], "text": data["text"]})

    def __repr__(self) -> str:
        return f"<ContentPack {self.name!r} at {self.root}>"


# -- reading a manifest -------------------------------------------------------------------------

def read_manifest(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The manifest as plain data and the line of each top-level key; raises :class:`PackError`
    naming the file, the line and the field of the first problem."""
    from .io.yamldata import DataError, line_of, plain, read_yaml

    try:
        data = read_yaml(path, mapping=None)  # the kit's one reader
    except OSError as exc:
        raise PackError(f"{path}: cannot read the pack's manifest: {exc.strerror}",
                        file=str(path)) from None
    except DataError as exc:
        raise PackError(str(exc), file=exc.file, line=exc.line) from None
    if not isinstance(data, dict):
        raise PackError(f"{path}:1: a pack manifest is a mapping (schema_version, name, title, "
                        "text, ...)", file=str(path), line=1)
    lines = {str(k): line_of(data, k) or 1 for k in data}

    def fail(key: str, message: str, found: object = None) -> PackError:
        line = lines.get(key.split(".")[0], 1)
        return PackError(f"{path}:{line}: field '{key}': {message}", file=str(path), line=line,
                         field=key, found=found)

    unknown = sorted(set(map(str, data)) - _TOP_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown field (a typo?); fields are {sorted(_TOP_KEYS)}")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise fail("schema_version", f"must be {SCHEMA_VERSION}", data.get("schema_version"))
    for key in ("name", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise fail(key, "required: a non-empty string", data.get(key))
    if not SLUG.match(data["name"]):
        raise fail("name", "must be a slug (lower case letters, digits and '-')", data["name"])
    text = data.get("text")
    if not isinstance(text, dict) or not isinstance(text.get("file"), str):
        raise fail("text", "required: a mapping with at least 'file' (the text, one paragraph "
                   "a line)", text)
    bad = sorted(set(map(str, text)) - _TEXT_KEYS)
    if bad:
        raise fail(f"text.{bad[0]}", f"unknown field; fields are {sorted(_TEXT_KEYS)}")
    variable = text.get("variable")
    if variable is not None and (not isinstance(variable, str) or not variable.isidentifier()
                                 or keyword.iskeyword(variable)):
        raise fail("text.variable", "must be a Python name (the released notebooks' name for "
                   "the text, such as document)", variable)
    for key in PATH_KEYS:
        if key in data and data[key] is not None and not isinstance(data[key], str):
            raise fail(key, "must be a path relative to the manifest's folder", data[key])
    if "metadata" in data and not isinstance(data["metadata"], dict):
        raise fail("metadata", "must be a mapping", data["metadata"])
    return plain(data), lines


def write_snapshot(folder: Path) -> Path | None:
    """Write ``pack.snapshot.json`` for the pack in ``folder`` (read and validated as
    :func:`read_manifest` does); ``None`` when the manifest holds a value JSON cannot carry
    unchanged (a YAML date), in which case the pack is read from its YAML as before."""
    import json

    manifest = folder / PACK_FILE
    data, lines = read_manifest(manifest)
    try:
        text = json.dumps({"pack_yml_sha256": hashlib.sha256(manifest.read_bytes()).hexdigest(),
                           "manifest": data, "lines": lines}, ensure_ascii=False, sort_keys=True)
    except TypeError:
        return None
    if json.loads(text)["manifest"] != data:
        return None
    target = folder / SNAPSHOT_FILE
    target.write_text(text + "\n", encoding="utf-8")
    return target


def _snapshot(manifest: Path) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The manifest from its snapshot, when there is one made from exactly this ``pack.yml``."""
    import json

    path = manifest.with_name(SNAPSHOT_FILE)
    try:
        snapshot = json.loads(path.read_text(encoding="utf-8"))
        current = hashlib.sha256(manifest.read_bytes()).hexdigest()
    except (OSError, ValueError):
        return None
    if not isinstance(snapshot, dict) or snapshot.get("pack_yml_sha256") != current:
        return None
    return snapshot["manifest"], snapshot["lines"]


_LOADED: dict[tuple[str, str | None], ContentPack] = {}


def load_pack(path: Path | str, *, book: Path | str | None = None) -> ContentPack:
    """The pack in folder ``path`` (or at the manifest ``path``), validated; cached."""
    path = Path(path)
    folder = path.parent if path.name == PACK_FILE else path
    manifest = folder / PACK_FILE
    if not manifest.is_file():
        raise PackError(f"{folder}: no {PACK_FILE} here (a content pack is a folder with a "
                        f"{PACK_FILE} manifest)", file=str(manifest))
    key = (str(manifest.resolve()), str(Path(book).resolve()) if book else None)
    if key not in _LOADED:
        data, lines = _snapshot(manifest) or read_manifest(manifest)
        _LOADED[key] = ContentPack(folder.resolve(), data,
                                   book=Path(book).resolve() if book else None, lines=lines)
    return _LOADED[key]


# -- finding the pack ----------------------------------------------------------------------------

def find_book(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the working folder) holding a
    ``_config.yml``."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def book_pack_setting(book: Path) -> str | None:
    """What the book's ``_config.yml`` names as its pack (``sphinx: config: medialit_pack``)."""
    from ruamel.yaml import YAML

    config = book / CONFIG_FILE
    try:
        data = YAML(typ="safe").load(config.read_text(encoding="utf-8")) or {}
    except Exception as exc:  # noqa: BLE001 - any unreadable config is reported the same way
        raise PackError(f"{config}: cannot read the book's configuration: {exc}",
                        file=str(config)) from None
    value = ((data.get("sphinx") or {}).get("config") or {}).get(CONFIG_VALUE)
    return str(value) if value else None


def pack_of_book(book: Path) -> ContentPack:
    """The pack a book names in its ``_config.yml``."""
    setting = book_pack_setting(book)
    if not setting:
        raise PackError(f"{book / CONFIG_FILE}: the book names no content pack: add "
                        f"sphinx: config: {CONFIG_VALUE}: <folder of pack.yml>",
                        file=str(book / CONFIG_FILE), field=f"sphinx.config.{CONFIG_VALUE}")
    return load_pack(book / setting, book=book)


def book_name(path: Path | str) -> str:
    """How the book names the file at ``path``: its path relative to the book at or above it
    (``solutions/set-a-framing.ipynb`` in the kit's book), else its name."""
    path = Path(path).resolve()
    book = find_book(path.parent)
    return path.relative_to(book).as_posix() if book is not None else path.name


def bundled_packs() -> list[Path]:
    """Packs carried inside the installed package (a wheel built for a book)."""
    from importlib import resources

    try:
        folder = Path(str(resources.files("medialit").joinpath(BUNDLED)))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - zipped installs
        return []
    if not folder.is_dir():
        return []
    return sorted(p.parent for p in folder.glob(f"*/{PACK_FILE}"))


def find_pack(start: Path | None = None) -> ContentPack:
    """The pack for work started in ``start`` (default: the working folder); see the module's
    docstring for the order. Raises :class:`PackError` saying where it looked."""
    book = find_book(start)
    if book is not None and book_pack_setting(book):
        return pack_of_book(book)
    if os.environ.get(ENV_VAR):
        return load_pack(os.environ[ENV_VAR], book=book)
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / PACK_FILE).is_file():
            return load_pack(folder, book=book)
    bundled = bundled_packs()
    if len(bundled) == 1:
        return load_pack(bundled[0], book=book)
    raise PackError(f"no content pack found from {start}: give --pack DIR, set {ENV_VAR}, or "
                    f"work inside a book whose {CONFIG_FILE} names one (sphinx: config: "
                    f"{CONFIG_VALUE})" + (f"; {len(bundled)} packs are installed, so the choice "
                                          "is yours" if bundled else ""))


_CURRENT: list[ContentPack] = []


def use_pack(pack: ContentPack | Path | str | None) -> ContentPack | None:
    """Make ``pack`` the current pack of this process (``None``: find it again next time)."""
    _CURRENT.clear()
    if pack is None:
        return None
    chosen = pack if isinstance(pack, ContentPack) else load_pack(pack, book=find_book())
    _CURRENT.append(chosen)
    return chosen


@contextmanager
def using_pack(pack: ContentPack | Path | str) -> Iterator[ContentPack]:
    """The current pack is ``pack`` inside the ``with`` block (tests, batch tools)."""
    before = list(_CURRENT)
    chosen = use_pack(pack)
    assert chosen is not None
    try:
        yield chosen
    finally:
        _CURRENT[:] = before


def current_pack() -> ContentPack:
    """The pack every part of the engine works on unless it is handed one."""
    if _CURRENT:
        return _CURRENT[0]
    pack = find_pack()
    _CURRENT.append(pack)
    return pack


def case_text() -> Document:
    """The current pack's text (:attr:`ContentPack.document`)."""
    return current_pack().document
