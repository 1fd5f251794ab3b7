"""Find contested terms used in the kit's own voice.

A contested term (the current pack's ``contested_terms.yml``; the one list of them) may appear on a page only as a term under study:
inside quotation marks (“…”, "…", ‘…’), a ``{quote}`…``` role, a block quote (``>`` lines), a
``{term}`…``` or ``{contested}`…``` role, code, a glossary definition head, a citation or the
bibliography. :func:`scan_file` masks those places and reports every other occurrence with file
and line; :func:`scan_pages` does it for every page of the book.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

from ..checks.refcheck import page_files
from ..errors import MedialitError
from ..io.myst import COMMENT, FENCE, INLINE_CODE, LINK_TARGET, ROLE

#: Roles whose content is not the kit's own voice (quoted words, terms under study, references).
EXEMPT_ROLES = ("quote", "term", "contested", "cite", "cite:p", "cite:t", "cite:ps", "cite:ts",
                "doc", "ref", "numref", "sentence", "para")
#: Directives whose whole body is exempt (code and the bibliography).
EXEMPT_DIRECTIVES = ("code", "code-block", "code-cell", "bibliography", "oped-text")


class ContestedTermsError(MedialitError, ValueError):
    """The contested-terms file is malformed."""


@dataclass(frozen=True)
class VoiceHit:
    where: str
    line: int
    term: str
    found: str
    context: str

    def __str__(self) -> str:
        return (f"{self.where}:{self.line}: contested term {self.found!r} ({self.term}) in the "
                f"kit's own voice: …{self.context}… — quote it, or mark it {{contested}}`…`")


def terms_path() -> Path | None:
    """The current pack's contested-terms file (``None``: the pack lists none)."""
    from ..pack import current_pack

    return current_pack().existing("contested_terms")


def load_terms(path: Path | str | None = None) -> dict[str, str]:
    """Map every form (lower case) of every contested term of ``path`` (default: the current
    pack's) to its head term; validates the YAML file. A pack without the file has none."""
    path = Path(path) if path else terms_path()
    if path is None:
        return {}
    return _read_terms(str(path), path.stat().st_mtime)


@lru_cache(maxsize=8)
def _read_terms(path: str, mtime: float) -> dict[str, str]:
    data = YAML(typ="safe").load(Path(path).read_text("utf-8"))
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise ContestedTermsError(f"{path}: expected schema_version: 1", file=path)
    forms: dict[str, str] = {}
    for i, entry in enumerate(data.get("terms") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str):
            raise ContestedTermsError(f"{path}: terms[{i}] needs a 'term' string", file=path)
        for form in entry.get("forms") or [entry["term"]]:
            if not isinstance(form, str) or not form.strip():
                raise ContestedTermsError(f"{path}: terms[{i}] has an empty form", file=path)
            forms[form.strip().lower()] = entry["term"]
    return forms  # a new case may list none yet


def _term_pattern() -> re.Pattern[str]:
    return _pattern_of(tuple(load_terms()))


@lru_cache(maxsize=8)
def _pattern_of(terms: tuple[str, ...]) -> re.Pattern[str]:
    if not terms:
        return re.compile(r"(?!x)x")  # matches nothing
    forms = sorted(terms, key=len, reverse=True)  # longest first: "anti-terrorist" wins
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


_ROLE = ROLE  # medialit.io.myst, the one MyST scanner
_INLINE_CODE = INLINE_CODE
_QUOTES = [
    re.compile(r"“[^”]*”"),
    re.compile(r"‘[^’\n]*’"),
    re.compile(r'"(?:[^"\n]|\n(?![ \t]*\n))*"'),
]
_COMMENT = COMMENT
_LINK_TARGET = LINK_TARGET
_FENCE_OPEN = FENCE


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping newlines so line numbers stay right."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return (len(stripped) >= len(fence) and set(stripped) == {fence[0]})


def _mask_blocks(text: str) -> str:
    """Blank code blocks, exempt directives, block quotes and glossary term heads.

    Blanked lines keep their length, so offsets and line numbers match the original text.
    """
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (fence, directive name; "code" for a plain code fence)
    for line in text.split("\n"):
        if stack and _closes(line, stack[-1][0]):
            stack.pop()
            out.append(" " * len(line))
            continue
        opened = _FENCE_OPEN.match(line)
        if opened and not (opened["name"] is None and opened["fence"][0] == ":"):
            fence, name = opened["fence"], opened["name"]
            stack.append((fence, name or "code"))
            out.append(" " * len(line))
            continue
        kinds = [kind for _, kind in stack]
        if any(kind == "code" or kind in EXEMPT_DIRECTIVES for kind in kinds):
            out.append(" " * len(line))
        elif kinds and kinds[-1] == "glossary" and line.strip() and not line[:1].isspace() \
                and not line.startswith(":"):
            out.append(" " * len(line))  # a glossary definition head: the term being defined
        elif line.lstrip().startswith(">"):
            out.append(" " * len(line))
        else:
            out.append(line)
    return "\n".join(out)


def mask_exempt(text: str) -> str:
    """The page text with every place that is not the kit's own voice blanked out."""
    text = _mask_blocks(text)
    for pattern in (_COMMENT, _LINK_TARGET):
        for m in reversed(list(pattern.finditer(text))):
            text = _blank(text, m.start(), m.end())
    for m in reversed(list(_ROLE.finditer(text))):
        if m.group(1) in EXEMPT_ROLES:
            text = _blank(text, m.start(), m.end())
    for m in reversed(list(_INLINE_CODE.finditer(text))):
        # a role's backticks were blanked above if exempt; other roles keep their content
        before = text[max(0, m.start() - 1):m.start()]
        if before != "}":
            text = _blank(text, m.start(), m.end())
    for pattern in _QUOTES:
        for m in reversed(list(pattern.finditer(text))):
            text = _blank(text, m.start(), m.end())
    return text


def scan_text(text: str, where: str = "<text>", line_offset: int = 0) -> list[VoiceHit]:
    """Every contested term in the kit's own voice in one Markdown text."""
    masked = mask_exempt(text)
    terms = load_terms()
    original_lines = text.split("\n")
    hits = []
    for m in _term_pattern().finditer(masked):
        line = masked.count("\n", 0, m.start())
        found = text[m.start():m.end()]
        key = re.sub(r"\s+", " ", found.lower())
        source_line = original_lines[line].strip()
        hits.append(VoiceHit(where, line + 1 + line_offset, terms[key], found, source_line[:90]))
    return hits


def scan_file(path: Path) -> list[VoiceHit]:
    """Scan a .md page, or the Markdown cells of a .ipynb notebook."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return scan_text(raw, str(path))
    hits = []
    for index, cell in enumerate(json.loads(raw).get("cells", []), start=1):
        if cell.get("cell_type") == "markdown":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            hits += scan_text(source, f"{path} (cell {index})")
    return hits


def book_pages(root: Path) -> list[Path]:
    """The book's pages (see :func:`medialit.checks.refcheck.page_files`), the bibliography excepted:
    it lists source titles as published."""
    return [p for p in page_files(root) if p.stem != "bibliography"]


def scan_pages(root: Path) -> list[VoiceHit]:
    return [hit for page in book_pages(root) for hit in scan_file(page)]
