"""The book's notebooks as a student gets them: in the live site, and as a download.

Both copies start with one extra cell, the install check: where ``medialit`` is missing (a
Jupyter of the student's own) it prints where the kit's wheel is and the one line that
installs it, instead of a traceback at the first import. In the browser the package is there
and the cell prints one line saying so. The cell carries ``medialit.role: install-check``;
the grader reads answers by their own cells and ignores it.
"""

from __future__ import annotations

import copy
import fnmatch
import json
from pathlib import Path
from typing import TYPE_CHECKING

from . import DEFAULT_PORT, WHEEL_DIR

ROLE = "install-check"
if TYPE_CHECKING:
    from ..pack import ContentPack


def notebook_globs(root: Path | None = None, pack: ContentPack | None = None) -> tuple[str, ...]:
    """The notebooks the live site carries, as globs relative to the book at ``root`` (default:
    the pack's book): those directly in the folders its ``_toc.yml`` lists pages in and the
    pack's released notebooks (``chapters/*.ipynb`` and ``exercises/*.ipynb`` in the kit's
    book). Never the pack's masters: they hold the keys, and no live site (student or
    instructor edition) may. ``pack`` defaults to the current pack."""
    from ..checks.refcheck import toc_places
    from ..pack import current_pack

    pack = pack or current_pack()
    book = Path(root) if root is not None else pack.book or pack.home_book() or Path.cwd()
    book = book.resolve()
    masters = pack.in_book("masters", book)
    folders = [folder.resolve() for folder in toc_places(book)[1]]
    released = pack.in_book("exercises", book)
    if released is not None:
        folders.append(released)
    return tuple(f"{folder.relative_to(book).as_posix()}/*.ipynb"
                 for folder in dict.fromkeys(folders) if folder.is_relative_to(book)
                 and not (masters is not None and folder.is_relative_to(masters)))


def is_live(path: str, root: Path | None = None, pack: ContentPack | None = None) -> bool:
    """Whether the live site carries the notebook at ``path`` (relative to the book at
    ``root``, with ``/``; see :func:`notebook_globs`): matched segment by segment, as
    ``Path.glob`` does."""
    parts = path.split("/")
    return any(len(parts) == len(pattern.split("/"))
               and all(map(fnmatch.fnmatchcase, parts, pattern.split("/")))
               for pattern in notebook_globs(root, pack))


def wheel_name(version: str) -> str:
    return f"medialit-{version}-py3-none-any.whl"


def install_message(version: str, book_url: str | None) -> str:
    """What the cell prints when ``medialit`` is missing (plain text, one instruction a line)."""
    wheel = wheel_name(version)
    served = book_url or f"http://localhost:{DEFAULT_PORT}/"
    url = f"{served.rstrip('/')}/{WHEEL_DIR}/{wheel}"
    return "\n".join([
        (f"This notebook needs the kit's Python package, medialit {version}, which is not "
        "installed in this Jupyter."),
        "Install it with this line in a new cell, then restart the kernel (Kernel > Restart):",
        f"    %pip install {url}",
        f"(The wheel is part of the book: {WHEEL_DIR}/{wheel} next to the book's index.html.",
        f"Saved it? In a terminal, in that folder: python -m pip install {wheel})",
        "Or use the book's 'Run in your browser' button: nothing to install there.",
    ])


def install_check_source(version: str, book_url: str | None) -> str:
    message = install_message(version, book_url)
    return "\n".join([
        "# Run this cell first: it checks that the kit's package, medialit, is installed.",
        "try:",
        "    import medialit",
        "except ModuleNotFoundError:",
        f"    print({message!r})",
        "else:",
        '    print(f"medialit {medialit.__version__} is installed: run the next cells.")',
    ])


def install_check_cell(version: str, book_url: str | None) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": "medialit-install-check",
            "metadata": {"medialit": {"role": ROLE}, "tags": ["medialit-install-check"]},
            "outputs": [], "source": install_check_source(version, book_url)}


def with_install_check(notebook: dict, version: str, book_url: str | None, *,
                       clear_outputs: bool = False) -> dict:
    """A copy of ``notebook`` (nbformat 4 JSON) that starts with the install-check cell."""
    nb = copy.deepcopy(notebook)
    cells = [c for c in nb["cells"]
             if c.get("metadata", {}).get("medialit", {}).get("role") != ROLE]
    if clear_outputs:
        for cell in cells:
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
                cell.get("metadata", {}).pop("execution", None)
    cell = install_check_cell(version, book_url)
    if nb.get("nbformat_minor", 0) < 5:
        del cell["id"]  # cell ids came with nbformat 4.5
    nb["cells"] = [cell, *cells]
    return nb


def write_notebook(path: Path, notebook: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_notebook(path: Path) -> dict:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable notebook ({exc})") from None
    if not isinstance(nb, dict) or nb.get("nbformat") != 4 or not isinstance(nb.get("cells"), list):
        raise ValueError(f"{path}: not an nbformat 4 notebook")
    return nb
