"""The committed pins of the live site: wheels with sha256, and the Pyodide npm package.

``lite/requirements.txt`` is a pip requirements file in hash-checking form, one wheel a line::

    pydantic-core==2.50.5 --hash=sha256:…

Every wheel the site's Pyodide loads is named there with its exact version and hash (the kit's
own wheel is built from ``src/`` and needs none). ``tools/lite_pins.py`` writes the file.
``lite/package.json`` and ``lite/package-lock.json`` pin the npm package ``pyodide`` at exactly
the version the Pyodide kernel is built for.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..errors import MedialitError

PINS_DIR = Path("lite")
REQUIREMENTS = "requirements.txt"
PACKAGE_JSON = "package.json"
PACKAGE_LOCK = "package-lock.json"

# The platform the browser's Python reports (Pyodide 314: CPython 3.14, Emscripten, wasm32).
PYODIDE_PLATFORM = "pyemscripten_2026_0_wasm32"
PYODIDE_PYTHON = "3.14"
PYODIDE_ENVIRONMENT = {
    "implementation_name": "cpython",
    "implementation_version": "3.14.2",
    "os_name": "posix",
    "platform_machine": "wasm32",
    "platform_python_implementation": "CPython",
    "platform_release": "",
    "platform_system": "Emscripten",
    "platform_version": "",
    "python_full_version": "3.14.2",
    "python_version": PYODIDE_PYTHON,
    "sys_platform": "emscripten",
    "extra": "",
}

_LINE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)\s+"
                   r"--hash=sha256:(?P<sha256>[0-9a-f]{64})\s*$")


class PinError(MedialitError, ValueError):
    """A pin file is missing or malformed; the message names the file and the line."""


@dataclass(frozen=True)
class WheelPin:
    name: str       # canonical (pydantic-core)
    version: str
    sha256: str

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


def read_wheel_pins(path: Path) -> list[WheelPin]:
    """The pins of ``path`` (``lite/requirements.txt``); comments and blank lines are skipped."""
    if not path.is_file():
        raise PinError(f"{path}: missing (tools/lite_pins.py writes it)")
    pins: list[WheelPin] = []
    seen: set[str] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            raise PinError(f"{path}:{number}: expected 'name==version --hash=sha256:<64 hex>', "
                           f"found {raw.strip()!r}")
        name = canonicalize_name(match["name"])
        if name in seen:
            raise PinError(f"{path}:{number}: {name} is pinned twice")
        seen.add(name)
        pins.append(WheelPin(name, match["version"], match["sha256"]))
    return pins


def pyodide_npm_version(pins_dir: Path) -> str:
    """The exact ``pyodide`` version of ``package.json``, checked against ``package-lock.json``."""
    package, lock = pins_dir / PACKAGE_JSON, pins_dir / PACKAGE_LOCK
    for path in (package, lock):
        if not path.is_file():
            raise PinError(f"{path}: missing")
    wanted = json.loads(package.read_text(encoding="utf-8")).get("dependencies", {}).get("pyodide")
    if not wanted or not re.fullmatch(r"\d+\.\d+\.\d+", wanted):
        raise PinError(f"{package}: dependencies.pyodide must be an exact version, found {wanted!r}")
    locked = (json.loads(lock.read_text(encoding="utf-8")).get("packages", {})
              .get("node_modules/pyodide", {}).get("version"))
    if locked != wanted:
        raise PinError(f"{lock}: pyodide is locked at {locked!r}, package.json asks for {wanted}; "
                       "run `npm install --package-lock-only` in lite/")
    return wanted


def browser_requirements(requires_dist: list[str]) -> list[str]:
    """The canonical names a wheel needs in the browser (markers evaluated for Pyodide)."""
    names = []
    for text in requires_dist:
        req = Requirement(text)
        if req.marker is not None and not Marker(str(req.marker)).evaluate(PYODIDE_ENVIRONMENT):
            continue
        names.append(canonicalize_name(req.name))
    return sorted(set(names))
