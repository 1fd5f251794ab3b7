"""Which banks an export takes, and the names they carry on a platform.

Default: every ``*.yml`` of the content pack's ``banks`` folder (its place in the book the pack
was found from). A BANK argument is a bank's name (``framing``) or a path to its file. Each bank is loaded and validated by the quiz loader, so a
missing or malformed bank is a :class:`~medialit.quiz.errors.BankError` naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ruamel.yaml import YAML

from ..quiz.errors import BankError, BankProblem
from ..quiz.loader import Bank, bank_files, load_banks

if TYPE_CHECKING:
    from ..pack import ContentPack


@dataclass(frozen=True)
class ExportBank:
    """A validated bank with the title its category (Moodle) or quiz (Canvas) gets."""

    bank: Bank
    title: str


def default_folder(pack: ContentPack | None = None) -> Path:
    """The folder of the pack's question banks (default pack: the current one), at its place in
    the book the pack was found from; a :class:`BankError` when the pack declares none."""
    from ..pack import current_pack

    pack = pack or current_pack()
    folder = pack.in_book("banks")
    if folder is None:
        raise BankError([BankProblem(str(pack.manifest_path), None, None, "banks",
                                     f"the pack {pack.name!r} declares no question banks "
                                     "(banks: in pack.yml); name the banks or give --questions")])
    return folder


def bank_paths(names: list[str] | tuple[str, ...], folder: Path | None = None,
               pack: ContentPack | None = None) -> list[Path]:
    """Paths for BANK arguments (names or files); every bank of ``folder`` (default: the pack's
    banks folder, :func:`default_folder`) when none given."""
    if folder is None:
        folder = default_folder(pack)
    if not names:
        paths = bank_files(folder)
        if not paths:
            raise BankError([BankProblem(str(folder), None, None, None,
                                         "no question banks (*.yml) in this folder")])
        return paths
    paths = []
    for name in names:
        candidate = Path(name)
        path = candidate if candidate.suffix in (".yml", ".yaml") else folder / f"{name}.yml"
        if not path.is_file():
            raise BankError([BankProblem(str(path), None, None, None,
                                         "no such question bank file")])
        paths.append(path)
    return paths


def load_export_banks(paths: list[Path]) -> list[ExportBank]:
    """Load (and validate) the banks; raises BankError naming every bad file."""
    banks = load_banks(paths)
    return [ExportBank(bank, chapter_title(bank)) for bank in banks]


def chapter_title(bank: Bank) -> str:
    """The heading of the chapter page the bank belongs to, else a title made of its slug."""
    page = bank.path.resolve().parent.parent / f"{bank.chapter}.md"
    if page.is_file():
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return bank.chapter.replace("-", " ").capitalize()


def book_title(start: Path, default: str = "medialit") -> str:
    """The book's title from the nearest ``_config.yml`` above ``start``."""
    for folder in [start.resolve(), *start.resolve().parents]:
        config = folder / "_config.yml"
        if config.is_file():
            data = YAML(typ="safe").load(config.read_text(encoding="utf-8")) or {}
            return str(data.get("title") or default)
    return default
