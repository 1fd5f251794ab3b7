"""Find every reference to the pack's text in the book's pages and check it against the text.

Pages refer to the text with the roles ``{quote}`...```, ``{sentence}`5.2``` and ``{para}`5```
(see :mod:`medialit.sphinxext.references`). The book build checks them too; this module lets
``medialit check`` do it in a second, without building, with file and line for each problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..text.case import load_text
from ..text.refs import ROLE, problem

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


BOOK_FOLDERS = ("chapters", "exercises", "instructor")


def page_files(root: Path) -> list[Path]:
    """The book's pages: intro.md and every .md/.ipynb under chapters/, exercises/ and
    instructor/ (README, docs/ and tests are not pages of the book)."""
    pages = [root / "intro.md"] if (root / "intro.md").exists() else []
    for folder in BOOK_FOLDERS:
        if (root / folder).is_dir():
            pages += sorted(p for p in (root / folder).rglob("*") if p.suffix in (".md", ".ipynb")
                            and not SKIP_DIRS.intersection(p.relative_to(root).parts))
    return pages


def scan_tree(root: Path) -> list[BadReference]:
    return [bad for path in page_files(root) for bad in scan_file(path)]
