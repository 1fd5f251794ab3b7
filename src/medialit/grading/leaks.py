"""Find the graded sets' keys and solutions in files meant for students.

The masters in ``solutions/`` hold what students must never see: worked answers, hidden tests,
instructor notes, and each question's key, feedback, explanation, model answer and rubric
levels. :func:`key_needles` collects those texts; :func:`scan` looks for them in every file of
a folder (a built book, released notebooks, handouts' HTML), read several ways so that HTML
escaping, syntax highlighting, JSON escaping and curly quotes cannot hide a copy.

A text that also occurs in the student edition's own sources (pages, banks, data, released
notebooks) is public by design and is not a needle: the point is to catch keys that travel
through the build, not prose the kit publishes on purpose. Short values (a letter, a sentence
id) are not needles either: they occur everywhere. ``medialit leak-check`` runs this, and
``make book`` runs it on the student edition after every build.
"""

from __future__ import annotations

import html
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from ..io.myst import ROLE
from .master import Master, load_master
from .read_answers import cell_source

if TYPE_CHECKING:
    from ..pack import ContentPack

MIN_LENGTH = 24  # characters after normalising; shorter key texts are too common to search
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-",
                         "—": "-", "\u00a0": " "})
_MARKUP = re.compile(r"[*`_\\]")
_SPACE = re.compile(r"\s+")
TEXT_SUFFIXES = {".html", ".htm", ".js", ".json", ".ipynb", ".txt", ".md", ".yml", ".yaml",
                 ".css", ".xml", ".csv", ".py", ".inv", ".svg", ".bib"}
# What students get on purpose besides the book's own sources (see :func:`public_sources`): the
# repository's documentation, beside the book.
REPOSITORY_DOCS = ("README.md", "docs")
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the engine: students install it


def normalise(text: str) -> str:
    """Fold what rendering changes: quotes and dashes, Markdown markers, whitespace."""
    text = _MARKUP.sub("", text.translate(_QUOTES))
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Needle:
    text: str    # normalised
    origin: str  # e.g. "set-a-framing q3 feedback"


@dataclass(frozen=True)
class Leak:
    file: Path
    needle: Needle

    def __str__(self) -> str:
        return f"{self.file}: holds {self.needle.origin}: {self.needle.text[:80]!r}"


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# Spec fields that carry the key or the grader's reasoning; prompts, options and labels are
# public (the released notebook shows them).
KEY_FIELDS = ("answer", "accept", "pairs", "order", "explanation", "feedback", "model_answer",
              "levels", "criteria", "tolerance")


def master_secrets(master: Master) -> Iterator[tuple[str, str]]:
    """(origin, text) for everything of a master that the release strips."""
    for q in master.questions:
        spec = q.spec
        for field in KEY_FIELDS:
            for text in _strings(spec.get(field)):
                yield f"{master.set_id} {q.id} {field}", text
        for option in spec.get("options", []) or []:
            if isinstance(option, dict) and option.get("feedback"):
                yield f"{master.set_id} {q.id} option feedback", option["feedback"]
        worked = cell_source(master.notebook.cells[q.cell])
        for line in worked.splitlines():
            yield f"{master.set_id} {q.id} worked answer", line
        yield f"{master.set_id} {q.id} worked answer", worked
        for line in (q.hidden_tests or "").splitlines():
            yield f"{master.set_id} {q.id} hidden tests", line
    for index, cell in enumerate(master.notebook.cells):
        role = cell.metadata.get("medialit", {}).get("role")
        if role in ("instructor", "solution"):
            for line in cell_source(cell).splitlines():
                yield f"{master.set_id} cell {index + 1} ({role})", line


_ROLE_SHOWN = {"quote": '"{}"', "sentence": "¶{}", "para": "¶{}"}


def _as_rendered(source: str) -> str:
    """Kit roles as the reader sees them: {quote}`x` -> "x", {sentence}`5.2` -> ¶5.2."""
    return ROLE.sub(lambda m: _ROLE_SHOWN.get(m["name"], "{}").format(m["text"]), source)


def public_sources(root: Path, pack: ContentPack | None = None) -> list[Path]:
    """What the student edition publishes on purpose, for the book at ``root`` on ``pack``
    (default: the current pack): the book's top-level pages and every file of the folders its
    ``_toc.yml`` lists pages in (``intro.md`` and ``chapters/`` in the kit's book), the pack's
    banks and bibliography at their places in the book, the engine's package and the
    repository's documentation. Not the released notebooks (the pack's ``exercises``): they are
    generated from the masters, so they are scanned, never trusted; nor the instructor
    edition's pages, which are not in the student table of contents."""
    from ..checks.refcheck import toc_places
    from ..pack import current_pack

    pack = pack or current_pack()
    top, folders = toc_places(root)
    if pack.text_page and len(Path(pack.text_page).parts) > 1:
        folders.append(root / Path(pack.text_page).parts[0])
    released = pack.in_book("exercises", root)
    folders = [f for f in folders if released is None or f.resolve() != released]
    data = [pack.in_book("banks", root), pack.bibliography_in(root)]
    return [*top, *folders, *(p for p in data if p is not None), PACKAGE_DIR,
            *(root / name for name in REPOSITORY_DOCS)]


def public_text(root: Path, pack: ContentPack | None = None) -> str:
    """The normalised text of the student edition's sources (:func:`public_sources`)."""
    parts = []
    sources = [p for p in dict.fromkeys(Path(os.path.abspath(p)) for p in
                                        public_sources(root, pack)) if p.exists()]
    for path in sources:
        if any(path != other and path.is_relative_to(other) for other in sources):
            continue  # read with the folder that holds it
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            parts += [_as_rendered(text) for text in file_texts(file)]
    return "\n".join(normalise(p) for p in parts)


def master_public_text(master: Master) -> str:
    """What a master shows students on purpose: its released cells (prompts, set-up,
    examples) and each question's public fields (prompt, options, labels, stub...)."""
    parts = []
    for cell in master.notebook.cells:
        role = cell.metadata.get("medialit", {}).get("role")
        if role not in ("answer", "hidden-tests", "instructor", "solution"):
            parts.append(cell_source(cell))
    for q in master.questions:
        public = {k: v for k, v in q.spec.items() if k not in KEY_FIELDS}
        public["options"] = [{k: v for k, v in o.items() if k != "feedback"}
                             if isinstance(o, dict) else o for o in q.spec.get("options", [])]
        parts += list(_strings(public))
    return "\n".join(normalise(p) for p in parts)


def key_needles(solutions: Path, public: str = "") -> list[Needle]:
    """The needles of every master in ``solutions``: long enough, and public neither in
    ``public`` (see :func:`public_text`) nor in the master's own released parts."""
    seen: dict[str, Needle] = {}
    for path in sorted(Path(solutions).glob("set-*.ipynb")):
        master = load_master(path)
        own = master_public_text(master)
        for origin, text in master_secrets(master):
            text = normalise(text)
            if (len(text) >= MIN_LENGTH and text not in seen and text not in public
                    and text not in own):
                seen[text] = Needle(text, origin)
    return list(seen.values())


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _json_strings(raw: str) -> Iterator[str]:
    try:
        data = json.loads(raw)
    except ValueError:
        return
    yield "".join(_strings(data))
    yield "\n".join(_strings(data))


def file_texts(path: Path) -> Iterator[str]:
    """Every reading of a file under which a copied text could show."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return
    data = path.read_bytes()
    if path.name == "objects.inv":  # Sphinx inventory: four header lines, then zlib
        head = data.split(b"\n", 4)
        data = zlib.decompress(head[4]) if len(head) == 5 else data
    raw = data.decode("utf-8", errors="replace")
    yield raw
    yield html.unescape(raw)
    if path.suffix.lower() in (".html", ".htm", ".svg", ".xml"):
        parser = _TextOnly()
        parser.feed(raw)
        yield "".join(parser.parts)
    if path.suffix.lower() in (".json", ".ipynb"):
        yield from _json_strings(raw)
    if path.suffix.lower() == ".js":  # e.g. searchindex.js: Search.setIndex({...})
        start, end = raw.find("{"), raw.rfind("}")
        if 0 <= start < end:
            yield from _json_strings(raw[start:end + 1])


def scan(paths: Iterable[Path], needles: list[Needle]) -> list[Leak]:
    """Every (file, needle) pair where a needle occurs in a file under ``paths``."""
    leaks = []
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for file in files:
            texts = [normalise(t) for t in file_texts(file)]
            if not texts:
                continue
            for needle in needles:
                if any(needle.text in t for t in texts):
                    leaks.append(Leak(file, needle))
    return leaks
