"""The Gradescope autograder: build its zip, and run this grader inside it.

``medialit gradescope SET`` writes a zip (deterministic: sorted entries, fixed timestamps) with

* ``setup.sh`` — run once by Gradescope when the image is built: a virtual environment with the
  exact versions of the grader's dependencies (``requirements.txt``, pinned from
  requirements.lock), and Debian's ``bubblewrap`` for the code-exercise sandbox (where the
  container refuses namespaces, the sandbox runs in its fallback mode and says so);
* ``run_autograder`` — run for each submission: grades ``/autograder/submission`` with this
  package (copied under ``src/``, so the version that graded locally is the one that runs) and
  the set's master, and writes ``/autograder/results/results.json``;
* ``src/medialit/…`` with the book's pack in ``src/medialit/bundled_packs/<name>/``, the
  practice text that pack declares (``practice: ../practice`` puts it in
  ``src/medialit/bundled_packs/practice/text.txt``, where the bundled pack finds it) and
  ``<set>.ipynb`` (the master, with keys and hidden tests: the zip is for instructors only; Gradescope keeps ``/autograder/source`` away from students; the hidden
  tests run in the grader process, and the sandbox child that runs the student's function
  sees only the package and the Python installation, never the master).

``run_autograder`` honours ``AUTOGRADER_ROOT`` (default ``/autograder``) and ``MEDIALIT_PYTHON``
so that a test can run it in a temporary folder laid out as Gradescope does.
"""

from __future__ import annotations

import argparse
import io
import json
import posixpath
import re
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from .outputs import json_bytes, write_atomic

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the engine itself, copied into the zip

# What the autograder needs: medialit's base install plus its `grade` extra, read from the
# package's own metadata (pyproject.toml is the one place they are written).
GRADE_EXTRA = "grade"


def runtime_dependencies() -> list[str]:
    """Names of medialit's base requirements and of its ``grade`` extra."""
    names = []
    for req in metadata.requires("medialit") or []:
        spec, _, marker = req.partition(";")
        marker = marker.replace(" ", "").replace("'", '"')
        if marker and marker != f'extra=="{GRADE_EXTRA}"':
            continue
        names.append(re.split(r"[\s<>=!~\[(]", spec.strip(), maxsplit=1)[0])
    return names
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
cd /autograder/source
if ! command -v python3 >/dev/null || ! python3 -c 'import venv, sys; assert sys.version_info >= (3, 11)'; then
  apt-get update
  apt-get install -y python3 python3-venv python3-pip
fi
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --no-cache-dir -r requirements.txt
# The code-exercise sandbox runs each student's function under bubblewrap where the container
# allows namespaces; elsewhere it falls back to a limited process (docs/grading.md).
if ! command -v bwrap >/dev/null; then
  apt-get update && apt-get install -y --no-install-recommends bubblewrap || \
    echo "bubblewrap could not be installed: code exercises will run in the fallback sandbox"
fi
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for each submission. Paths can be moved for a local test.
set -uo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{MEDIALIT_PYTHON:-$ROOT/venv/bin/python}}"
export PYTHONPATH="$ROOT/source/src"
mkdir -p "$ROOT/results"
exec "$PYTHON" -m medialit.grading.gradescope --root "$ROOT" --master "$ROOT/source/{master}"
"""


def practice_entry(root: Path) -> tuple[str, Path] | None:
    """Where the zip carries the practice text the book's pack declares (its name in the zip,
    its file here): the folder the manifest's ``practice`` names, taken from the bundled copy
    of the pack (``src/medialit/bundled_packs/<name>/``), holding that text as ``text.txt``.
    ``None`` when the pack declares none or the file is missing."""
    from ..pack import BUNDLED, PRACTICE_FILE, PackError, current_pack, pack_of_book

    pack = pack_of_book(root) if (root / "_config.yml").is_file() else current_pack()
    text = pack.practice_text
    if text is None or not text.is_file():
        return None
    name = posixpath.normpath(f"src/medialit/{BUNDLED}/{pack.name}/"
                              f"{pack.manifest['practice']}/{PRACTICE_FILE}")
    if name.startswith("../") or not name.startswith("src/"):
        raise PackError(f"{pack.manifest_path}: practice: {pack.manifest['practice']} leads "
                        "outside the package in the autograder's zip (name a folder beside "
                        "the pack, such as ../practice)", file=str(pack.manifest_path),
                        field="practice")
    return name, text


def pinned_requirements(lock: Path | None) -> list[str]:
    """The runtime dependencies and everything they pull in, pinned to the lock's versions."""
    locked: dict[str, str] = {}
    if lock and lock.exists():
        for line in lock.read_text(encoding="utf-8").splitlines():
            name, sep, version = line.strip().partition("==")
            if sep:
                locked[_canonical(name)] = version
    seen: dict[str, str] = {}
    todo = runtime_dependencies()
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[name] = locked.get(name, dist.version)
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            if ";" in req and not _marker_applies(req.split(";", 1)[1]):
                continue
            todo.append(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0])
    return [f"{name}=={version}" for name, version in sorted(seen.items())]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _marker_applies(marker: str) -> bool:
    try:
        from packaging.markers import Marker
    except ImportError:  # pragma: no cover — packaging comes with pip's environment
        return True
    return Marker(marker.strip()).evaluate()


def build_autograder(master_path: Path, target: Path) -> Path:
    """Write the autograder zip for the set whose master is ``master_path``.

    The book is the one the master lies in, else the current pack's book (the one it was
    found from, else the book that names it); its ``requirements.lock`` pins the autograder's
    packages and its pack is bundled into the zip."""
    from ..lite.site import book_pack_files
    from ..pack import BUNDLED, PackError, current_pack, find_book

    package = PACKAGE_DIR
    root = find_book(Path(master_path).resolve().parent)
    if root is None:
        pack = current_pack()
        root = pack.book or pack.home_book()
        if root is None:
            raise PackError(f"{master_path}: the master is in no book (no _config.yml at or "
                            f"above it) and the pack {pack.name!r} names none: build the "
                            "autograder from the book's folder", file=str(master_path))
    lock = root / "requirements.lock"
    files: dict[str, bytes] = {
        "setup.sh": SETUP_SH.encode(),
        "run_autograder": RUN_AUTOGRADER.format(master=master_path.name).encode(),
        "requirements.txt": ("\n".join(pinned_requirements(lock)) + "\n").encode(),
        master_path.name: master_path.read_bytes(),
    }
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc" \
                and BUNDLED not in path.relative_to(package).parts:
            files[f"src/medialit/{path.relative_to(package).as_posix()}"] = path.read_bytes()
    # the book's content pack, as the package finds it when no book is around (bundled)
    pack_name, pack_root, pack_files = book_pack_files(root)
    for path in pack_files:
        files[f"src/medialit/{BUNDLED}/{pack_name}/{path.relative_to(pack_root).as_posix()}"] = \
            path.read_bytes()
    # the practice text the pack declares (questions on the practice case grade against it),
    # where the bundled pack's own declaration finds it (ContentPack.practice_text)
    practice = practice_entry(root)
    if practice is not None:
        files[practice[0]] = practice[1].read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            executable = name in ("setup.sh", "run_autograder")
            info.external_attr = (0o755 if executable else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name])
    write_atomic(Path(target), buf.getvalue())
    return Path(target)


# -- inside Gradescope -----------------------------------------------------------------------------

def run_autograder(root: Path, master_path: Path) -> dict:
    """Grade the one submission in ``root/submission``; write and return results.json."""
    from .pipeline import grade_batch

    results_path = root / "results" / "results.json"
    try:
        notebooks = sorted(p for p in (root / "submission").rglob("*.ipynb")
                           if ".ipynb_checkpoints" not in p.parts)
        if not notebooks:
            results = {"score": 0.0, "tests": [],
                       "output": "No .ipynb file was found in your submission: upload the "
                                 f"notebook {master_path.name} itself."}
        else:
            chosen = next((p for p in notebooks if p.name == master_path.name), notebooks[0])
            with tempfile.TemporaryDirectory() as out:
                report = grade_batch(master_path, [chosen], Path(out), progress=False)
                student = report.results[0].student_id
                results = json.loads((Path(out) / "results" / f"{student}.json").read_text("utf-8"))
            if len(notebooks) > 1:
                others = ", ".join(p.name for p in notebooks if p != chosen)
                results["output"] += f"\nGraded {chosen.name}; not graded: {others}."
    except Exception as exc:  # noqa: BLE001 — the student must get a result, not a crash
        results = {"score": 0.0, "tests": [],
                   "output": f"The autograder could not grade this submission "
                             f"({type(exc).__name__}: {exc}). Please tell your instructor."}
    write_atomic(results_path, json_bytes(results))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the medialit grader as a Gradescope autograder.")
    parser.add_argument("--root", type=Path, default=Path("/autograder"))
    parser.add_argument("--master", type=Path, required=True)
    args = parser.parse_args(argv)
    run_autograder(args.root, args.master)
    return 0


if __name__ == "__main__":
    sys.exit(main())
