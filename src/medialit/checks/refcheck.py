"""Find every reference to the pack's text in the book's pages and check it against the text.

Pages refer to the text with the roles ``{quote}`...```, ``{sentence}`5.2``` and ``{para}`5```
(see :mod:`medialit.sphinxext.references`). The book build checks them too; this module lets
``medialit check`` do it in a second, without building, with file and line for each problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..text.case import load_text
from ..text.refs import ROLE, problem

if TYPE_CHECKING:
    from ..pack import ContentPack

SKIP_DIRS = {".venv", "_build", ".git", "node_modules", ".ipynb_checkpoints", "tests", "packs"}


@dataclass(frozen=True)
class BadReference:
    where: str
    line: int
    role: str
    text: str
    problem: str

    def __str__(self) -> str:
        noun = load_text().noun
        return (f"{self.where}:{self.line}: bad {noun} {self.role} {{{self.role}}}`{self.text}`: "
                f"{self.problem}")


def check_reference(role: str, text: str) -> str | None:
    """Return what is wrong with one reference, or None when it matches the text."""
    return problem(role, text)


def _text_lines(path: Path) -> list[tuple[str, int, str]]:
    """(where, line number, text) for each line; in notebooks, markdown cells only."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return [(str(path), i, text) for i, text in enumerate(raw.splitlines(), start=1)]
    lines = []
    for index, cell in enumerate(json.loads(raw).get("cells", []), start=1):
        if cell.get("cell_type") == "markdown":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            lines += [(f"{path} (cell {index})", i, text)
                      for i, text in enumerate(source.splitlines(), start=1)]
    return lines


def scan_file(path: Path) -> list[BadReference]:
    bad = []
    for where, line_no, text in _text_lines(path):
        for match in ROLE.finditer(text):
            problem = check_reference(match.group(1), match.group(2))
            if problem:
                bad.append(BadReference(where, line_no, match.group(1), match.group(2), problem))
    return bad


#: Book-level, not the case's: the instructor edition's own pages (its guide and answer keys),
#: which ``tools/instructor_edition.py`` adds to the student table of contents.
EDITION_FOLDERS = ("instructor",)


def toc_places(root: Path) -> tuple[list[Path], list[Path]]:
    """Where the pages of the book at ``root`` are, as its ``_toc.yml`` lists them: the pages
    at the book's top level (the root page, ``intro.md``) and the top-level folders that hold
    the others (``chapters/``, ``exercises/`` in the kit's book). Both empty without a toc."""
    if not (root / "_toc.yml").is_file():
        return [], []
    from ..content.objectives import toc_docs

    top: list[Path] = []
    folders: list[Path] = []
    for doc in toc_docs(root):
        parts = Path(doc).parts
        if len(parts) > 1:
            folders.append(root / parts[0])
        else:
            top += [page for page in (root / f"{doc}.md", root / f"{doc}.ipynb")
                    if page.is_file()]
    return list(dict.fromkeys(top)), list(dict.fromkeys(folders))


def page_folders(root: Path, pack: ContentPack | None = None) -> list[Path]:
    """The folders of the book's pages: those its ``_toc.yml`` lists pages in, the folder of
    the pack's text page and the pack's released notebooks (at their places in the book), and
    the instructor edition's folder."""
    from ..pack import current_pack

    pack = pack or current_pack()
    folders = toc_places(root)[1]
    if pack.text_page and len(Path(pack.text_page).parts) > 1:
        folders.append(root / Path(pack.text_page).parts[0])
    released = pack.in_book("exercises", root)
    if released is not None:
        folders.append(_under(root, released))
    folders += [root / name for name in EDITION_FOLDERS]
    return list(dict.fromkeys(folders))


def _under(root: Path, path: Path) -> Path:
    """``path`` as ``root / …`` when it lies in ``root`` (so pages keep the names the caller
    gave: ``chapters/x.md`` for a relative root)."""
    try:
        return root / path.relative_to(root.resolve())
    except ValueError:
        return path


def page_files(root: Path, pack: ContentPack | None = None) -> list[Path]:
    """The book's pages: its top-level pages (``intro.md``) and every .md/.ipynb under
    :func:`page_folders` (README, docs/ and tests are not pages of the book)."""
    root = Path(root)
    pages = toc_places(root)[0]
    for folder in page_folders(root, pack):
        if folder.is_dir():
            pages += sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".ipynb")
                            and not SKIP_DIRS.intersection(_parts_in(p, folder)))
    return list(dict.fromkeys(pages))


def _parts_in(path: Path, folder: Path) -> tuple[str, ...]:
    return (folder.name, *path.relative_to(folder).parts)


def scan_tree(root: Path) -> list[BadReference]:
    return [bad for path in page_files(root) for bad in scan_file(path)]
