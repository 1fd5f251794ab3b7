"""The build check: no config or lock of the live site names a remote URL.

A JupyterLite site reads its configuration (``jupyter-lite.json`` in every app folder, the
settings overrides), the Pyodide lock and the wheel and contents indexes (``all.json``) at
run time. A URL to another host in any of them is a request a classroom without internet
cannot answer, so the build fails and names the file, the place in it and the URL. (What the
application's own scripts do is checked in a browser with every such request blocked:
tests/browser/test_lite.py.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import MedialitError

CONFIG_NAMES = ("jupyter-lite.json", "jupyter-lite.ipynb", "overrides.json", "pyodide-lock.json",
                "all.json")
REMOTE = re.compile(r"(?i)\b(?:https?|wss?|ftp)://|^//")
# JSON Schema identifiers name a schema; nothing fetches them.
IDENTIFIER_KEYS = ("$schema", "$id")


class RemoteURLError(MedialitError, ValueError):
    """A config or lock of the site names a remote URL."""


def _strings(value, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in IDENTIFIER_KEYS:
                continue
            yield where + "/" + str(key), str(key)
            yield from _strings(item, f"{where}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}/{index}")


def config_files(site: Path) -> list[Path]:
    return sorted(p for name in CONFIG_NAMES for p in site.rglob(name) if p.is_file())


def remote_urls(site: Path) -> list[str]:
    """Every remote URL in the site's configs and locks, as 'file: json/path: url'."""
    found = []
    for path in config_files(site):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            found.append(f"{path.relative_to(site)}: not readable JSON ({exc})")
            continue
        if path.suffix == ".ipynb":  # a notebook's config is its metadata; its cells are prose
            data = {"metadata": data.get("metadata", {})}
        for where, text in _strings(data, ""):
            if REMOTE.search(text):
                found.append(f"{path.relative_to(site)}: {where or '/'}: {text[:200]}")
    return found


def check_no_remote_urls(site: Path) -> int:
    """Raise :class:`RemoteURLError` listing every remote URL; return how many files were read."""
    files = config_files(site)
    if not any(p.name == "pyodide-lock.json" for p in files):
        raise RemoteURLError(f"{site}: no pyodide-lock.json: the site would load Pyodide's "
                             "packages from a CDN")
    problems = remote_urls(site)
    if problems:
        raise RemoteURLError("the live site names remote URLs (a classroom without internet "
                             "cannot load them):\n  " + "\n  ".join(problems))
    return len(files)
