"""Bring what the pins name from the registries into a cache, once, verified by hash.

Wheels come through pip (``pip download --require-hashes``: pip checks each file against the
sha256 of ``lite/requirements.txt``, and so does :func:`fetch_wheels` afterwards, also for files
already in the cache). The Pyodide runtime comes through npm (``npm ci``: npm checks the
tarball against the integrity of ``lite/package-lock.json``). A second build finds both in the
cache and asks no registry.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from packaging.utils import canonicalize_name, parse_wheel_filename

from ..errors import MedialitError
from .pins import (
    PACKAGE_JSON,
    PACKAGE_LOCK,
    PYODIDE_PLATFORM,
    PYODIDE_PYTHON,
    PinError,
    WheelPin,
    pyodide_npm_version,
)


class FetchError(MedialitError, RuntimeError):
    """A download failed or a file does not match its pin; the message says which."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cached(pin: WheelPin, folder: Path) -> Path | None:
    for path in sorted(folder.glob("*.whl")):
        name, version, _build, _tags = parse_wheel_filename(path.name)
        if canonicalize_name(name) == pin.name and str(version) == pin.version:
            return path
    return None


def fetch_wheels(pins: list[WheelPin], cache: Path, *, log=print) -> dict[str, Path]:
    """Every pinned wheel in ``cache`` (downloaded if missing), each checked against its hash."""
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    missing = [pin for pin in pins if _cached(pin, folder) is None]
    if missing:
        log(f"lite: downloading {len(missing)} wheel(s) from the package index")
        wanted = folder / "_missing.txt"
        wanted.write_text("".join(f"{p.requirement} --hash=sha256:{p.sha256}\n" for p in missing),
                          encoding="utf-8")
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
               "--only-binary=:all:", "--platform", PYODIDE_PLATFORM, "--platform", "any",
               "--python-version", PYODIDE_PYTHON, "--implementation", "cp",
               "--abi", f"cp{PYODIDE_PYTHON.replace('.', '')}", "--abi", "none",
               "--dest", str(folder), "-r", str(wanted)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wanted.unlink()
        if proc.returncode != 0:
            raise FetchError("lite: pip could not download the pinned wheels:\n"
                             + proc.stderr[-3000:])
    found: dict[str, Path] = {}
    for pin in pins:
        path = _cached(pin, folder)
        if path is None:
            raise FetchError(f"lite: {pin.requirement}: no wheel in {folder} after the download")
        actual = sha256_of(path)
        if actual != pin.sha256:
            raise FetchError(f"lite: {path}: sha256 {actual} does not match the pin "
                             f"{pin.sha256} (lite/requirements.txt); delete the file to fetch "
                             "it again")
        try:
            zipfile.ZipFile(path).testzip()
        except zipfile.BadZipFile as exc:
            raise FetchError(f"lite: {path}: not a readable wheel ({exc})") from None
        found[pin.name] = path
    return found


def fetch_pyodide(pins_dir: Path, cache: Path, *, expected: str, log=print) -> Path:
    """The ``pyodide`` npm package at ``expected`` (the kernel's version), installed with npm ci.

    Returns the package folder (``…/node_modules/pyodide``).
    """
    version = pyodide_npm_version(pins_dir)
    if version != expected:
        raise PinError(f"{pins_dir / PACKAGE_JSON}: pyodide {version}, but the Pyodide kernel is "
                       f"built for {expected}; pin {expected}")
    folder = cache / "npm"
    package = folder / "node_modules" / "pyodide"
    lock_text = (pins_dir / PACKAGE_LOCK).read_text(encoding="utf-8")
    stamp = folder / ".installed-from"
    lock_digest = hashlib.sha256(lock_text.encode()).hexdigest()
    if stamp.is_file() and stamp.read_text() == lock_digest and (package / "package.json").is_file():
        return package
    npm = shutil.which("npm")
    if npm is None:
        raise FetchError("lite: npm is not installed; it brings the Pyodide runtime from the npm "
                         "registry (Debian: apt-get install npm)")
    folder.mkdir(parents=True, exist_ok=True)
    for name in (PACKAGE_JSON, PACKAGE_LOCK):
        shutil.copyfile(pins_dir / name, folder / name)
    log(f"lite: installing pyodide {version} with npm ci")
    proc = subprocess.run([npm, "ci", "--ignore-scripts", "--omit=dev", "--no-audit", "--no-fund",
                           "--loglevel=error"], cwd=folder, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise FetchError(f"lite: npm ci failed in {folder}:\n{proc.stderr[-3000:]}")
    installed = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    if installed != version:
        raise FetchError(f"lite: npm installed pyodide {installed}, the lock says {version}")
    stamp.write_text(lock_digest)
    return package
