"""Which bibliography keys a book cites, from its pages and its content pack's data files.

Pages cite with ``{cite:p}`key1,key2``` (and ``{cite:t}``, ``{cite}``); data files cite in
their ``cite`` fields (question banks, annotations, timeline). The loaders, not regexes, read
the data files, so this sees exactly what the book renders. The data files and the
bibliography are the pack's (``annotations``, ``timeline``, ``banks`` and ``bibliography`` in
its manifest), at their places in the book.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..io.myst import cite_keys, is_cite, roles
from ..quiz.loader import load_banks
from .refcheck import page_files

if TYPE_CHECKING:
    from ..pack import ContentPack


def keys_cited_in_pages(root: Path) -> set[str]:
    keys: set[str] = set()
    for page in page_files(root):
        for match in roles(page.read_text(encoding="utf-8")):
            if is_cite(match["name"]):
                keys.update(cite_keys(match["text"]))
    return keys


def keys_cited_in_data(root: Path, pack: ContentPack | None = None) -> set[str]:
    """The keys the pack's annotations, timeline and the book's question banks (the pack's
    banks folder and any other ``questions/`` folder of the book) cite."""
    from ..pack import current_pack, using_pack
    from .quotations import bank_paths

    pack = pack or current_pack()
    bib_path = pack.bibliography_in(root)
    bib: Path | Literal[False] = bib_path if bib_path is not None else False
    keys: set[str] = set()
    with using_pack(pack):
        if pack.path("annotations") is not None:
            from ..content.annotations import load_annotations

            for entry in load_annotations(pack.require("annotations"), document=pack.document,
                                          bib=bib).annotations:
                keys.update(entry.cite)
        if pack.path("timeline") is not None:
            from ..content.timeline import load_timeline

            for event in load_timeline(pack.require("timeline"), bib=bib,
                                       document=pack.document).events:
                keys.update(event.cite)
        for bank in load_banks(bank_paths(root), bib=bib_path):
            for question in bank.questions:
                keys.update(question.cite)
    return keys


def cited_keys(root: Path, pack: ContentPack | None = None) -> set[str]:
    return keys_cited_in_pages(root) | keys_cited_in_data(root, pack)
