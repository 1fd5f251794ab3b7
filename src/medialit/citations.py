"""Which references.bib keys the kit cites, from its pages and its data files.

Pages cite with ``{cite:p}`key1,key2``` (and ``{cite:t}``, ``{cite}``); data files cite in
their ``cite`` fields (question banks, annotations, timeline). The loaders, not regexes, read
the data files, so this sees exactly what the book renders.
"""

from __future__ import annotations

from pathlib import Path

from .annotations import load_annotations
from .myst import cite_keys, is_cite, roles
from .quiz.loader import bank_files, load_banks
from .refcheck import page_files
from .timeline import load_timeline


def keys_cited_in_pages(root: Path) -> set[str]:
    keys: set[str] = set()
    for page in page_files(root):
        for match in roles(page.read_text(encoding="utf-8")):
            if is_cite(match["name"]):
                keys.update(cite_keys(match["text"]))
    return keys


def keys_cited_in_data(root: Path) -> set[str]:
    bib = root / "references.bib"
    keys: set[str] = set()
    for entry in load_annotations(bib=bib).annotations:
        keys.update(entry.cite)
    for event in load_timeline(bib=bib).events:
        keys.update(event.cite)
    banks = [path for folder in root.rglob("questions") if folder.is_dir()
             and not {".venv", "_build", "tests", "packs"} & set(folder.relative_to(root).parts)
             for path in bank_files(folder)]
    for bank in load_banks(banks, bib=bib):
        for question in bank.questions:
            keys.update(question.cite)
    return keys


def cited_keys(root: Path) -> set[str]:
    return keys_cited_in_pages(root) | keys_cited_in_data(root)
