"""Write lite/requirements.txt: every wheel the live site's Pyodide loads, pinned with its sha256.

Run by hand when a pin should change (like `make lock`), then review the diff and commit:

    .venv/bin/python tools/lite_pins.py

It starts from what the Pyodide kernel installs at start-up (micropip, comm, ipython, jedi) and
the base dependencies of medialit (pyproject.toml), and follows each wheel's Requires-Dist with
markers evaluated for Pyodide. A package pinned in requirements.lock gets that version (the book
and the browser run the same code) unless OLDER names it (with the reason); any other gets the
newest wheel the index has for Pyodide.
It fails, naming the package, when a dependency has no pure-Python or Pyodide wheel.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medialit.lite.fetch import sha256_of
from medialit.lite.pins import PYODIDE_PLATFORM, PYODIDE_PYTHON, browser_requirements

# What the Pyodide kernel installs when it starts (jupyterlite-pyodide-kernel's worker), besides
# the wheels it ships itself (piplite, pyodide-kernel, its ipykernel and widgetsnbextension shims).
KERNEL_SEEDS = ("micropip", "comm", "ipython", "jedi")
# Pinned older than requirements.lock on purpose, each with its reason (docs/design-notes.md).
OLDER = {
    # jedi 0.20 carries a newer typeshed: a 4.9 MB wheel, against 1.6 MB for 0.19.2, which still
    # completes on Pyodide's Python 3.14 with parso 0.8.7 (tests/browser/test_lite.py asks the
    # live kernel for a completion). IPython 9 needs jedi >= 0.18.2; only Tab completion uses it.
    "jedi": "0.19.2",
}


def locked_versions() -> dict[str, str]:
    versions = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line:
            name, version = line.split("==", 1)
            versions[canonicalize_name(name)] = version.strip()
    return versions


def download(requirement: str, dest: Path) -> Path:
    before = set(dest.glob("*.whl"))
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
           "--platform", PYODIDE_PLATFORM, "--platform", "any", "--python-version", PYODIDE_PYTHON,
           "--implementation", "cp", "--abi", f"cp{PYODIDE_PYTHON.replace('.', '')}",
           "--abi", "none", "--dest", str(dest), requirement]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{requirement}: no wheel for Pyodide ({PYODIDE_PLATFORM} or pure "
                         f"Python) on the index:\n{proc.stderr[-1500:]}")
    new = sorted(set(dest.glob("*.whl")) - before)
    if not new:  # already downloaded for another requirement
        name = canonicalize_name(Requirement(requirement).name)
        new = [p for p in dest.glob("*.whl")
               if canonicalize_name(parse_wheel_filename(p.name)[0]) == name]
    return new[0]


def requires(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(meta).decode("utf-8"))
    return browser_requirements(metadata.get_all("Requires-Dist") or [])


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    seeds = [*KERNEL_SEEDS, *(canonicalize_name(Requirement(d).name)
                              for d in project["dependencies"])]
    pinned = locked_versions()
    wheels: dict[str, Path] = {}
    with tempfile.TemporaryDirectory() as tmp:
        queue = list(dict.fromkeys(canonicalize_name(s) for s in seeds))
        while queue:
            name = queue.pop(0)
            if name in wheels:
                continue
            version = OLDER.get(name) or pinned.get(name)
            requirement = f"{name}=={version}" if version else name
            wheels[name] = download(requirement, Path(tmp))
            queue.extend(dep for dep in requires(wheels[name]) if dep not in wheels)
        lines = [
            "# Wheels of the live site (JupyterLite + Pyodide), written by tools/lite_pins.py.",
            "# Every one is downloaded by exact version and checked against its sha256.",
        ]
        for name in sorted(wheels):
            _n, version, _b, _t = parse_wheel_filename(wheels[name].name)
            lines.append(f"{name}=={version} --hash=sha256:{sha256_of(wheels[name])}")
    out = ROOT / "lite" / "requirements.txt"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out.relative_to(ROOT)}: {len(wheels)} wheels")
    for name in sorted(wheels):
        print(f"  {wheels[name].name}")
    return 0


if __name__ == "__main__":
    if not re.match(r"3\.(1[1-9])", sys.version):
        raise SystemExit("needs Python 3.11 or newer")
    sys.exit(main())
