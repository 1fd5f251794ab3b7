"""Which handouts ``medialit handouts`` makes, checked before Chromium starts, and the run.

:func:`plan_handouts` reads everything and builds every page's HTML (so a missing folder, an
unknown layer or set, or a broken notebook fails at once, naming the problem, before any PDF
is written); :func:`build_handouts` prints the plan with one Chromium. Without
``instructor=True`` no master notebook (the pack's ``masters`` folder) is read and no answer
key is made.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.annotations import AnnotationError
from ..content.bib import read_bib
from ..errors import MedialitError
from ..pack import PackError
from .pages import Handout, annotated_text_handout, book_line, text_handout
from .provenance import ProvenanceError, provenance_box
from .worksheets import WorksheetError, read_worksheet, worksheet_handout

if TYPE_CHECKING:
    from ..pack import ContentPack

INSTRUCTOR_ONLY = ("the answer key is for instructors only: it is made from the master "
                   "notebooks (the pack's masters folder, or --solutions) with --instructor")


class HandoutError(MedialitError, ValueError):
    """A user error: a missing folder, an unknown layer or set, a broken notebook."""


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int
    handout: Handout


def _layers(layers: Sequence[str], declared: list[str]) -> list[str]:
    if not layers:
        return list(declared)
    unknown = [name for name in layers if name not in declared]
    if unknown:
        raise HandoutError(f"unknown annotation layer {', '.join(map(repr, unknown))}: the "
                           f"layers are {', '.join(declared)}")
    return list(dict.fromkeys(layers))


def _pick_sets(folder: Path, sets: Sequence[str], what: str) -> list[Path]:
    """The set notebooks in ``folder``, all or those named by id or letter."""
    if not folder.is_dir():
        hint = "run `medialit release` to make it" if what == "exercises" else \
            "the answer key needs the master notebooks"
        raise HandoutError(f"no {what} folder at {folder}: {hint}, or pass --{what} DIR")
    notebooks = sorted(folder.glob("set-*.ipynb"))
    if not notebooks:
        raise HandoutError(f"{folder} holds no set-*.ipynb notebooks")
    if not sets:
        return notebooks
    chosen = []
    for name in sets:
        match = [p for p in notebooks
                 if p.stem == name or p.stem.startswith(f"set-{name.lower()}-")]
        if not match:
            known = ", ".join(p.stem for p in notebooks)
            raise HandoutError(f"no set {name!r} in {folder} (sets: {known})")
        chosen += match
    return list(dict.fromkeys(chosen))


def _folder(pack: ContentPack, key: str, given: Path | None, book: Path) -> Path | None:
    """The folder given on the command line, else the pack's ``key`` folder in ``book``."""
    return Path(given) if given is not None else pack.in_book(key, book)


def plan_handouts(*, exercises: Path | None = None, solutions: Path | None = None,
                  book: Path | None = None, layers: Sequence[str] = (),
                  sets: Sequence[str] = (), instructor: bool = False,
                  book_url: str | None = None, pack: ContentPack | None = None) -> list[Handout]:
    """Every handout to print, in order: the text, its annotated copies, the worksheets and,
    for instructors, the answer keys.

    ``pack`` (default: the current one) gives the text, its layers, its bibliography, its text
    page (whose "Where this text comes from" box heads the text) and the folders of released
    notebooks (``exercises``) and masters (``masters``), at their places in ``book`` (default:
    the book the pack was found from). ``exercises``/``solutions`` override those folders. A
    pack that declares no ``exercises`` prints no worksheets."""
    from ..pack import current_pack, using_pack

    pack = pack or current_pack()
    with using_pack(pack):
        return _plan(pack, exercises, solutions, book, layers, sets, instructor, book_url)


def _plan(pack: ContentPack, exercises: Path | None, solutions: Path | None, book: Path | None,
          layers: Sequence[str], sets: Sequence[str], instructor: bool,
          book_url: str | None) -> list[Handout]:
    book = Path(book) if book is not None else pack.book or pack.home_book() or Path(".")
    try:
        annotations = pack.annotations()
    except (AnnotationError, PackError) as exc:
        raise HandoutError(str(exc)) from None
    layer_ids = _layers(layers, [la.id for la in annotations.layers])
    exercises = _folder(pack, "exercises", exercises, book)
    if exercises is None and sets:
        raise HandoutError(f"no worksheets to print for --set: the pack {pack.name!r} declares "
                           "no released notebooks (exercises: in pack.yml); pass --exercises DIR")
    worksheets = _pick_sets(exercises, sets, "exercises") \
        if exercises is not None else []
    masters: list[Path] = []
    if instructor:
        solutions = _folder(pack, "masters", solutions, book)
        if solutions is None or exercises is None:
            raise HandoutError(f"no answer key: the pack {pack.name!r} declares no "
                               + ("master notebooks (masters:" if solutions is None
                                  else "released notebooks (exercises:")
                               + " in pack.yml); pass --solutions DIR and --exercises DIR")
        masters = _pick_sets(solutions, sets, "solutions")
    if pack.text_page is None:
        raise HandoutError(f"{pack.manifest_path}: the pack names no text page (text.page): the "
                           "text handout's provenance box is read from that page")
    foot = book_line(book_url)
    bib_path = pack.bibliography_in(book)
    entries = read_bib(bib_path) if bib_path is not None else {}
    document = pack.document
    try:
        box = provenance_box(book / f"{pack.text_page}.md", entries)
        handouts = [text_handout(document, box.html, foot)]
        handouts += [annotated_text_handout(document, annotations, layer, entries, foot)
                     for layer in layer_ids]
        handouts += [worksheet_handout(read_worksheet(path), foot) for path in worksheets]
    except (ProvenanceError, AnnotationError, WorksheetError) as exc:
        raise HandoutError(str(exc)) from None
    if instructor:
        from .answer_key import AnswerKeyError, answer_key_handouts

        assert exercises is not None
        try:
            handouts += answer_key_handouts(masters, exercises, foot)
        except AnswerKeyError as exc:
            raise HandoutError(str(exc)) from None
    return handouts


def build_handouts(handouts: Sequence[Handout], out: Path) -> Iterator[Written]:
    """Print each handout to ``out/<name>.pdf`` with one Chromium; yield each file written.

    Chromium is driven from a worker thread of its own: Playwright's sync API refuses to start
    in a thread where an asyncio loop runs (a Jupyter kernel, another Playwright session).
    """
    from .pdf import PdfPrinter

    out = Path(out)
    done = object()
    results: queue.Queue = queue.Queue()

    def work() -> None:
        try:
            with PdfPrinter() as printer:
                for handout in handouts:
                    target = out / handout.filename
                    results.put(Written(target, printer.print_pdf(handout.html, target), handout))
        except BaseException as exc:  # noqa: BLE001 (raised again in the caller's thread)
            results.put(exc)
        finally:
            results.put(done)

    worker = threading.Thread(target=work, name="medialit-handouts", daemon=True)
    worker.start()
    while (item := results.get()) is not done:
        if isinstance(item, BaseException):
            raise item
        yield item
    worker.join()
