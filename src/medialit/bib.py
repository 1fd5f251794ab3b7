"""Read the kit's ``references.bib`` just enough to check keys and show short labels.

The book's bibliography is typeset by sphinxcontrib-bibtex; this module only answers "does
this key exist?" and "what is a short label for it?" (``Human Rights Watch/Helsinki 1993``)
for data files and for the op-ed page's annotation notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_ENTRY = re.compile(r"^@(\w+)\{([^,\s]+),(.*?)^\}", re.MULTILINE | re.DOTALL)
_FIELD = re.compile(r"^\s*(\w+)\s*=\s*\{(.*?)\},?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class BibEntry:
    key: str
    author: str
    year: str
    title: str
    url: str

    @property
    def short(self) -> str:
        """``Author year`` with BibTeX braces removed, for compact citations."""
        author = self.author.replace("{", "").replace("}", "")
        if " and " in author:
            author = author.split(" and ")[0] + " et al."
        elif "," in author and not author.startswith("("):
            author = author.split(",")[0]  # "Deng, Francis M." -> "Deng"
        return f"{author} {self.year}".strip()


def default_bib_path() -> Path:
    """``references.bib`` at the root of the repository (beside ``src/``)."""
    return Path(__file__).resolve().parents[2] / "references.bib"


@lru_cache(maxsize=4)
def _read(path: str, mtime: float) -> dict[str, BibEntry]:
    text = Path(path).read_text(encoding="utf-8")
    entries = {}
    for match in _ENTRY.finditer(text):
        fields = {k.lower(): v for k, v in _FIELD.findall(match.group(3))}
        key = match.group(2)
        entries[key] = BibEntry(key, fields.get("author", ""), fields.get("year", ""),
                                fields.get("title", ""), fields.get("url", ""))
    return entries


def read_bib(path: Path | str | None = None) -> dict[str, BibEntry]:
    """Entries of the BibTeX file at ``path`` (default: the repository's references.bib)."""
    path = Path(path) if path else default_bib_path()
    return _read(str(path), path.stat().st_mtime)
