"""The site's own ``pyodide-lock.json``: every wheel the browser's Python may load, served locally.

Pyodide's npm package carries the interpreter and a lock file that names packages on a CDN.
The site replaces that lock with one that names only the wheels next to it. Each entry's
``depends`` comes from the wheel's own metadata (markers evaluated for Pyodide) and its
``imports`` from the wheel's top-level modules, so a plain ``import pydantic`` in a notebook
loads the wheel (the kernel calls ``loadPackagesFromImports``). A dependency that no wheel
provides fails the build here, not in a student's browser.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from email.parser import Parser
from pathlib import Path, PurePosixPath

from packaging.utils import canonicalize_name

from ..errors import MedialitError
from .fetch import sha256_of
from .pins import browser_requirements


class LockError(MedialitError, ValueError):
    """The wheels do not make a complete lock; the message names the wheel and what is missing."""


def _dist_info(archive: zipfile.ZipFile, wheel: Path) -> str:
    names = {PurePosixPath(n).parts[0] for n in archive.namelist()}
    dist = [n for n in names if n.endswith(".dist-info")]
    if len(dist) != 1:
        raise LockError(f"{wheel.name}: expected one .dist-info folder, found {sorted(dist)}")
    return dist[0]


def _imports(archive: zipfile.ZipFile, dist_info: str) -> list[str]:
    """Top-level importable names: top_level.txt when present, else the archive's layout."""
    try:
        listed = archive.read(f"{dist_info}/top_level.txt").decode().split()
        if listed:
            return sorted({name.split("/")[0] for name in listed if not name.startswith("_")}
                          or set(listed))
    except KeyError:
        pass
    found = set()
    for name in archive.namelist():
        parts = PurePosixPath(name).parts
        if parts[0].endswith((".dist-info", ".data")):
            continue
        if len(parts) > 1:
            found.add(parts[0])
        elif parts[0].endswith(".py"):
            found.add(parts[0][:-3])
    return sorted(n for n in found if n.isidentifier() and not n.startswith("_")) or sorted(found)


def lock_entry(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        dist_info = _dist_info(archive, wheel)
        metadata = Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode("utf-8"))
        imports = _imports(archive, dist_info)
    name = canonicalize_name(metadata["Name"])
    return {
        "name": name,
        "version": metadata["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256_of(wheel),
        "package_type": "package",
        "imports": imports,
        "depends": browser_requirements(metadata.get_all("Requires-Dist") or []),
        "unvendored_tests": False,
    }


def build_lock(wheels: list[Path], info: dict, extra: Sequence[dict] = ()) -> dict:
    """The lock for ``wheels`` (file names relative to the lock), with Pyodide's ``info``, and
    ``extra`` entries made elsewhere (the bytecode archive, :mod:`.bytecode`)."""
    packages = {entry["name"]: entry for entry in extra}
    for wheel in sorted(wheels, key=lambda p: p.name):
        entry = lock_entry(wheel)
        if entry["name"] in packages:
            raise LockError(f"{wheel.name}: a second wheel for {entry['name']}")
        packages[entry["name"]] = entry
    problems = [f"{entry['file_name']} needs {dep}, which no wheel of the site provides"
                for entry in packages.values() for dep in entry["depends"] if dep not in packages]
    if problems:
        raise LockError("the site's Pyodide lock is incomplete (add the wheels to "
                        "lite/requirements.txt with tools/lite_pins.py):\n  " + "\n  ".join(problems))
    return {"info": info, "packages": packages}


def write_lock(path: Path, wheels: list[Path], stock_lock: Path,
               extra: Sequence[dict] = ()) -> dict:
    """Write the lock for ``wheels`` to ``path``, keeping the ``info`` of Pyodide's own lock."""
    info = json.loads(stock_lock.read_text(encoding="utf-8"))["info"]
    lock = build_lock(wheels, info, extra)
    path.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return lock
