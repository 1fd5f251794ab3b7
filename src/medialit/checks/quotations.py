"""Find the kit's quotations of sources and check that each cites a checked entry.

**The rule.** A quotation that cites a references.bib entry needs that entry to record a check
of the quoted words: ``status = {primary}`` or ``status = {mirror}`` (:mod:`medialit.content.bib`). An
entry that is ``unverified``, or has no status, may support a paraphrase, never a quotation.
The Sphinx build fails at ``build-finished`` (:mod:`medialit.sphinxext.quotations`) and
``medialit check`` fails, both from :func:`check_quotations`.

**What counts as a quotation.** A passage between quotation marks — “curly”, "straight" or
‘single curly’ (straight single quotes are apostrophes and are not read) — in one *unit* of
text that also cites an entry:

- in a page (``.md``, and the markdown cells of notebooks): the sentence holding the citation
  role (``{cite:p}`key```). A sentence that quotes but cites nothing takes the next citation of
  its paragraph, list item or table row (``"a"; "b" {cite:p}`k``` and ``... "a". It adds "b"
  {cite:p}`k``` both cite ``k``). Sentences never run across a paragraph, list item, table row
  or heading. Not quotations: ``{quote}`...``` roles (the text, checked verbatim by the
  build), the content of other roles and of code spans, link targets, HTML tags, code blocks;
- in a data file, the field that holds the text, cited by the entry's ``cite`` list: an
  annotation's ``note``, a timeline event's ``title`` and ``text`` (and each of its
  ``quotes``, cited by its ``source``), every text field of a question in a bank or in a
  master notebook (the pack's ``masters``, with the question's prompt cell), a correction's ``now``
  (its ``was`` quotes the kit's own earlier words). Data files cannot use the
  ``{quote}`` role, so a passage found verbatim in the text counts as the text's words there.

Every entry a unit cites must be checked: the kit cannot tell which of two cited sources a
quotation came from, so both answer for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.bib import BibEntry, default_bib_path, read_bib
from ..io.myst import FENCE as MYST_FENCE
from ..io.myst import ROLE as MYST_ROLE
from ..io.myst import cite_keys, is_cite
from ..io.yamldata import line_of, read_yaml
from ..pack import BOOK_BIB
from ..text.case import load_text
from .refcheck import SKIP_DIRS, page_files

# -- finding quotation marks and citations in a line of text ---------------------------------

ROLE = MYST_ROLE  # medialit.io.myst, the one MyST scanner: group 1 the name, group 2 the text
CODE = re.compile(r"(`+)(.+?)\1")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|<[^>\n]+>")
QUOTE_PAIRS = (("“", "”"), ('"', '"'))
# A left single curly quote opens a quotation; the right one closes it only before a
# non-letter (otherwise it is an apostrophe: ‘the region’s people’).
SINGLE = re.compile(r"‘([^‘’]*?(?:’[A-Za-z][^‘’]*?)*)’(?![A-Za-z])")
ABBREVIATIONS = {"v", "vs", "no", "nos", "p", "pp", "para", "paras", "art", "arts", "e.g", "i.e",
                 "cf", "mr", "mrs", "ms", "dr", "st", "u.s", "u.n", "u.k", "jan", "feb", "mar",
                 "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "ca",
                 "ed", "eds", "vol", "op", "res", "fig", "sec", "ch", "gen", "prof", "inc"}


@dataclass(frozen=True)
class Quotation:
    """One quoted passage and the references.bib keys that answer for it."""

    where: str
    line: int | None
    text: str
    keys: tuple[str, ...]
    bib: str | None = None  # the references.bib its keys belong to, when not the book's own

    @property
    def place(self) -> str:
        return f"{self.where}:{self.line}" if self.line else self.where


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _strip_markup(text: str) -> tuple[str, list[tuple[int, tuple[str, ...]]]]:
    """Blank out what is not prose (roles, code, link targets, tags), keeping offsets; return
    the masked text and the citations found, as (offset, keys)."""
    cites = []
    for match in ROLE.finditer(text):
        if is_cite(match["name"]):
            cites.append((match.start(), tuple(cite_keys(match["text"]))))
    for pattern in (ROLE, CODE, LINK_TARGET):
        for match in pattern.finditer(text):
            text = _mask(text, match.start(), match.end())
    return text, cites


def quoted_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each outermost quoted passage in masked ``text``."""
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    for opener, closer in QUOTE_PAIRS:
        pos = 0
        while (start := text.find(opener, pos)) >= 0:
            end = text.find(closer, start + 1)
            if end < 0:
                break
            if not any(taken[start:end + 1]):
                spans.append((start, end + 1, text[start + 1:end]))
                for i in range(start, end + 1):
                    taken[i] = True
            pos = end + 1
    for match in SINGLE.finditer(text):
        if not any(taken[match.start():match.end()]):
            spans.append((match.start(), match.end(), match.group(1)))
    return sorted(s for s in spans if s[2].strip())


def sentence_bounds(text: str, protected: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text``; never splits inside a quoted passage."""
    inside: set[int] = set()
    for start, end, _ in protected:
        inside.update(range(start, end))
    bounds, start = [], 0
    for match in re.finditer(r"[.!?][”\"’)\]]*(\s+)(?=[A-Z0-9“\"‘(*{¶])", text):
        if match.start() in inside:
            continue
        word = re.search(r"([\w.]+)$", text[start:match.start()])
        token = word.group(1).lower() if word else ""
        if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
            continue
        bounds.append((start, match.start(1)))
        start = match.end(1)
    bounds.append((start, len(text)))
    return bounds


def quotations_in_block(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """(offset, quoted text, cited keys) for each quotation of one block of page text.

    A quotation takes the citations of its sentence; in a sentence with none, the first
    citation after it in the block. A quotation no citation follows is not returned.
    """
    masked, cites = _strip_markup(text)
    spans = quoted_spans(masked)
    found = []
    sentences = sentence_bounds(masked, spans)
    for start, end, inner in spans:
        sentence = next(((s, e) for s, e in sentences if s <= start < e), (0, len(text)))
        keys = tuple(k for offset, ks in cites if sentence[0] <= offset < sentence[1] for k in ks)
        if not keys:
            later = [ks for offset, ks in cites if offset >= end]
            keys = later[0] if later else ()
        if keys:
            found.append((start, inner.strip(), keys))
    return found


# -- pages ----------------------------------------------------------------------------------------

# Directives whose body is markdown (scanned); any other fenced block is code or options.
PROSE_DIRECTIVES = {"admonition", "note", "tip", "warning", "important", "attention", "caution",
                    "danger", "error", "hint", "seealso", "dropdown", "margin", "sidebar", "topic",
                    "epigraph", "glossary", "card", "div", "tab-set", "tab-item", "list-table",
                    "figure", "table"}
FENCE = MYST_FENCE
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _blocks(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(first line number, text) of each paragraph, list item, table row, heading or
    definition of a markdown source; code blocks, front matter and comments are left out."""
    fences: list[tuple[str, bool]] = []  # (fence marker, prose inside?)
    block: list[str] = []
    first = 0

    def flush():
        nonlocal block
        if block:
            yield first, " ".join(part.strip() for part in block)
        block = []

    in_front_matter = bool(lines) and lines[0].strip() == "---"
    in_comment = False
    for number, line in enumerate(lines, start=1):
        if in_front_matter:
            if number > 1 and line.strip() == "---":
                in_front_matter = False
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("<!--"):
            yield from flush()
            in_comment = "-->" not in line
            continue
        fence = FENCE.match(line)
        if fence:
            marker = fence["fence"]
            if fences and marker[0] == fences[-1][0][0] and len(marker) >= len(fences[-1][0]) \
                    and fence["name"] is None:
                yield from flush()
                fences.pop()
                continue
            if not fences or fences[-1][1]:
                yield from flush()
                name = fence["name"]
                prose = marker[0] == ":" or (name in PROSE_DIRECTIVES)
                fences.append((marker, prose))
                continue
        if fences and not fences[-1][1]:
            continue
        stripped = line.strip()
        if fences and re.match(r"^:[\w-]+:", stripped):  # a directive option line
            continue
        if not stripped or stripped.startswith("%"):
            yield from flush()
            continue
        starts_unit = (LIST_ITEM.match(line) or stripped.startswith(("|", "#", ": "))
                       or (block and block[-1].strip().startswith(("|", "#"))))
        if starts_unit:
            yield from flush()
        if not block:
            first = number
        block.append(line)
    yield from flush()


def _page_sources(path: Path) -> Iterator[tuple[str, list[str]]]:
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        yield str(path), raw.splitlines()
        return
    for index, cell in enumerate(json.loads(raw).get("cells", []), start=1):
        if cell.get("cell_type") == "markdown":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            yield f"{path} (cell {index})", source.splitlines()


def _line_in_block(text: str, offset: int, first: int, lines: list[str]) -> int:
    """The source line of ``offset`` in a block joined from ``lines[first - 1:]``."""
    consumed = 0
    for number in range(first, len(lines) + 1):
        consumed += len(lines[number - 1].strip()) + 1
        if offset < consumed:
            return number
    return first


def page_quotations(path: Path) -> list[Quotation]:
    found = []
    for where, lines in _page_sources(path):
        for first, text in _blocks(lines):
            for offset, inner, keys in quotations_in_block(text):
                found.append(Quotation(where, _line_in_block(text, offset, first, lines),
                                       inner, keys))
    return found


# -- data files -------------------------------------------------------------------------------------

def _is_oped(text: str) -> bool:
    """True when ``text`` is verbatim in the text (a plain search: no closest-match hint)."""
    return bool(text) and text in load_text().text


def _note_quotations(where: str, line: int | None, text: str, keys: Iterable[str],
                     skip_oped: bool = True) -> list[Quotation]:
    keys = tuple(keys)
    if not keys or not isinstance(text, str):
        return []
    masked, _ = _strip_markup(text)
    return [Quotation(where, line, inner.strip(), keys) for _, _, inner in quoted_spans(masked)
            if not (skip_oped and _is_oped(inner.strip()))]


def _strings(node, path: tuple = ()) -> Iterator[tuple[tuple, str, object, object]]:
    """(path, text, parent, key) of every string under a YAML node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                yield (*path, key), value, node, key
            else:
                yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                yield (*path, index), value, node, index
            else:
                yield from _strings(value, (*path, index))


# Fields of a question that are not text a student reads as the kit's words.
NOT_TEXT = {"id", "type", "about", "cite", "answer", "skill", "paragraph", "chapter", "function",
            "stub", "answer_hint", "points", "tolerance", "words"}


def _question_quotations(where: str, question, keys, line_for) -> list[Quotation]:
    found = []
    for path, text, parent, key in _strings(question):
        if path[0] in NOT_TEXT:
            continue
        found += _note_quotations(where, line_for(parent, key), text, keys)
    return found


def bank_quotations(path: Path) -> list[Quotation]:
    """A bank's quotations; their keys belong to the references.bib nearest the bank (the one
    the bank loader checks ``cite`` against)."""
    from ..quiz.loader import find_bib

    data = read_yaml(path)
    bib = find_bib(path)
    found = []
    for question in data.get("questions") or []:
        if isinstance(question, dict):
            found += _question_quotations(f"{path} ({question.get('id')})", question,
                                          question.get("cite") or [], line_of)
    return [replace(q, bib=str(bib)) if bib else q for q in found]


def annotation_quotations(path: Path) -> list[Quotation]:
    data = read_yaml(path)
    found = []
    for entry in data.get("annotations") or []:
        if isinstance(entry, dict) and "note" in entry:
            found += _note_quotations(str(path), line_of(entry, "note"), entry["note"],
                                      entry.get("cite") or [])
    return found


def timeline_quotations(path: Path) -> list[Quotation]:
    data = read_yaml(path)
    found = []
    for event in data.get("events") or []:
        if not isinstance(event, dict):
            continue
        for name in ("title", "text"):
            if name in event:
                found += _note_quotations(str(path), line_of(event, name), event[name],
                                          event.get("cite") or [])
        for index, quote in enumerate(event.get("quotes") or []):
            if isinstance(quote, dict) and quote.get("source"):
                found.append(Quotation(str(path), line_of(event["quotes"], index),
                                       str(quote.get("text", "")).strip(), (quote["source"],)))
    return found


def corrections_quotations(path: Path) -> list[Quotation]:
    """Quotations in a correction's ``now`` (what the kit says now), cited by its ``cite``.
    ``was`` quotes the kit's own earlier words, not a source."""
    data = read_yaml(path)
    found = []
    for entry in data.get("corrections") or []:
        if isinstance(entry, dict) and "now" in entry:
            found += _note_quotations(str(path), line_of(entry, "now"), entry["now"],
                                      entry.get("cite") or [])
    return found


def master_quotations(path: Path) -> list[Quotation]:
    """Quotations of a master notebook's questions: the spec's text fields and the prompt
    cell, cited by the spec's ``cite``."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    specs: dict = {}
    prompts: dict = {}
    for index, cell in enumerate(cells, start=1):
        meta = cell.get("metadata", {}).get("medialit", {})
        question = meta.get("question")
        if not question:
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if "spec" in meta:
            specs[question] = (index, meta["spec"])
        elif meta.get("role") == "prompt":
            prompts.setdefault(question, []).append((index, source))
    found = []
    for question, (index, spec) in specs.items():
        keys = spec.get("cite") or []
        found += _question_quotations(f"{path} (cell {index}, {question})", spec, keys,
                                      lambda parent, key: None)
        for prompt_index, source in prompts.get(question, []):
            for number, text in enumerate(source.splitlines(), start=1):
                found += _note_quotations(f"{path} (cell {prompt_index}, {question})", number,
                                          text, keys)
    return found


# -- the book ---------------------------------------------------------------------------------------

def bank_paths(root: Path) -> list[Path]:
    """The book's question banks: every ``*.yml`` in the pack's ``banks`` folder (at its place
    in the book under ``root``) and in any other ``questions/`` folder of the book."""
    from ..pack import current_pack

    found = [p for p in root.rglob("questions/*.yml")
             if not SKIP_DIRS.intersection(p.relative_to(root).parts)]
    seen = {p.resolve() for p in found}
    folder = current_pack().in_book("banks", root)
    if folder is not None and folder.is_dir():
        found += [p for p in folder.glob("*.yml") if p.resolve() not in seen]
    return sorted(found)


def master_paths(root: Path) -> list[Path]:
    """The book's master notebooks: the pack's ``masters`` folder, at its place in the book."""
    from ..pack import current_pack

    folder = current_pack().in_book("masters", root)
    return sorted(folder.glob("*.ipynb")) if folder is not None and folder.is_dir() else []


def data_paths() -> dict[str, Path | None]:
    """The current pack's data files that hold kit prose (``None``: the pack has none)."""
    from ..pack import current_pack

    pack = current_pack()
    return {key: pack.existing(key) for key in ("annotations", "timeline", "corrections")}


def find_quotations(root: Path, with_data: bool | None = None,
                    pages: Iterable[Path] = ()) -> list[Quotation]:
    """Every quotation that cites an entry, in the book at ``root``: its pages (those of
    :func:`medialit.checks.refcheck.page_files` and any others in ``pages``), question banks and
    masters, and — when ``root`` is the repository whose references.bib they cite — the
    package's annotations and timeline."""
    root = Path(root)
    if with_data is None:
        with_data = (root / BOOK_BIB).resolve() == default_bib_path().resolve()
    all_pages = dict.fromkeys([*page_files(root), *pages])
    found = [q for page in all_pages for q in page_quotations(page)]
    found += [q for bank in bank_paths(root) for q in bank_quotations(bank)]
    found += [q for master in master_paths(root) for q in master_quotations(master)]
    if with_data:
        paths = data_paths()
        readers = {"annotations": annotation_quotations, "timeline": timeline_quotations,
                   "corrections": corrections_quotations}
        for key, read in readers.items():
            data_path = paths[key]
            if data_path is not None:
                found += read(data_path)
    return [_relative(q, root) for q in found]


def _relative(quotation: Quotation, root: Path) -> Quotation:
    """Show a data file under the book's root by its path from the root (as pages are)."""
    base = str(root.resolve()) + "/"
    if root.is_absolute() or not quotation.where.startswith(base):
        return quotation
    return replace(quotation, where=str(root / quotation.where[len(base):]))


@dataclass(frozen=True)
class UncheckedQuotation:
    quotation: Quotation
    key: str
    entry: BibEntry | None
    bib: str

    def __str__(self) -> str:
        q = self.quotation
        shown = q.text if len(q.text) <= 70 else q.text[:67] + "…"
        if self.entry is None:
            why = f"which is not in {self.bib}"
        else:
            status = f"status {self.entry.status}" if self.entry.status else "no status"
            why = f"which has {status} ({self.bib}:{self.entry.line})"
        return (f"{q.place}: the quotation “{shown}” cites {self.key}, {why}. Check the words "
                f"at the primary or a named copy and record it (status, checked, mirror), or "
                f"attribute them to the report that carries them")


@dataclass(frozen=True)
class QuotationReport:
    quotations: list[Quotation]
    unchecked: list[UncheckedQuotation]
    mirror_only: list[tuple[Quotation, BibEntry]]


def check_quotations(root: Path, bib_path: Path | None = None, with_data: bool | None = None,
                     pages: Iterable[Path] = ()) -> QuotationReport:
    """Find the book's quotations and sort out those whose cited entries record no check
    (``unchecked``: the build fails on them) and those read only on a copy (``mirror_only``)."""
    root = Path(root)
    if bib_path is None:  # the pack's bibliography, at its place in this book
        from ..pack import current_pack

        bib_path = current_pack().in_book("bibliography", root) or root / BOOK_BIB
    bib_path = Path(bib_path)
    books = {}

    def bib_of(quotation: Quotation) -> tuple[dict, Path]:
        path = Path(quotation.bib) if quotation.bib else bib_path
        if path not in books:
            books[path] = read_bib(path) if path.exists() else {}
        return books[path], path

    quotations = find_quotations(root, with_data, pages)
    unchecked, mirror_only = [], []
    for quotation in quotations:
        bib, path = bib_of(quotation)
        for key in dict.fromkeys(quotation.keys):
            entry = bib.get(key)
            if entry is None or not entry.is_checked:
                unchecked.append(UncheckedQuotation(quotation, key, entry, path.name))
            elif entry.status == "mirror":
                mirror_only.append((quotation, entry))
    return QuotationReport(quotations, unchecked, mirror_only)
