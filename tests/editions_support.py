"""Both editions of a copy of the kit with canaries planted in its masters (tests only).

Used by the ``editions`` fixture (conftest.py), built once per test run (shared by the
pytest-xdist workers): the leak test and the instructor-edition tests read the same two builds.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from conftest import BUILD_ENV, ROOT, build_book

CANARY = "MEDIALITCANARY"
IGNORE = shutil.ignore_patterns("_build", ".venv", ".git", ".cache", "test-output", "output",
                                "__pycache__", ".ipynb_checkpoints", ".pytest_cache", "*.egg-info")


def _append(text, tag: str):
    if isinstance(text, str):
        return f"{text} {tag}"
    if isinstance(text, dict):
        return {k: _append(v, f"{tag}-{k}") for k, v in text.items()}
    return text


def plant_canaries(solutions: Path) -> list[str]:
    """Add a unique canary to every secret field and cell of every master; return them."""
    planted: list[str] = []

    def tag(*parts) -> str:
        planted.append("-".join([CANARY, *map(str, parts)]))
        return planted[-1]

    for path in sorted(solutions.glob("set-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            ours = cell.metadata.get("medialit", {})
            role = ours.get("role")
            if role == "answer":
                cell.source = cell.source.rstrip("\n") + f"\n# {tag(path.stem, index, 'worked')}\n"
                spec = ours["spec"]
                spec["explanation"] += " " + tag(path.stem, index, "explanation")
                for option in spec.get("options", []):
                    if option.get("feedback"):
                        option["feedback"] += " " + tag(path.stem, index, "option", option["id"])
                for field in ("feedback", "levels", "model_answer"):
                    if isinstance(spec.get(field), str):
                        spec[field] += " " + tag(path.stem, index, field)
                    elif isinstance(spec.get(field), dict):
                        for key in spec[field]:
                            spec[field][key] += " " + tag(path.stem, index, field, key)
                # analytic rubrics: each criterion's level descriptions and anchor answers
                for n, criterion in enumerate(spec.get("criteria") or []):
                    for field in ("levels", "anchors"):
                        for key in criterion.get(field) or {}:
                            criterion[field][key] += " " + tag(path.stem, index, field, n, key)
            elif role in ("hidden-tests", "instructor", "solution"):
                cell.source = cell.source.rstrip("\n") + f"\n# {tag(path.stem, index, role)}\n"
        nbformat.write(nb, path)
    return planted


def run(command: list[str], cwd: Path) -> None:
    """Run ``command`` in ``cwd`` (in the environment of the run's builds); fail with its
    output if it fails."""
    done = subprocess.run(command, cwd=cwd, env=BUILD_ENV, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, f"{' '.join(command)}:\n{(done.stdout + done.stderr)[-3000:]}"


@dataclass
class Editions:
    kit: Path
    canaries: list[str]
    student_files: list[Path]   # the student edition and the student notebooks
    instructor_html: Path
    outputs: str


def build_editions(kit: Path, cache: Path | None = None) -> Editions:
    """Copy the kit to ``kit``, plant canaries, release, and build both editions. ``cache``: a
    jupyter cache (the main book's _build/.jupyter_cache) whose notebooks need not run again."""
    shutil.copytree(ROOT, kit, ignore=IGNORE)
    if cache is not None:
        shutil.copytree(cache, kit / "_build" / ".jupyter_cache")
    canaries = plant_canaries(kit / "solutions")
    medialit = Path(sys.executable).with_name("medialit")
    run([str(medialit), "release"], kit)
    student = build_book(kit, env=BUILD_ENV)
    assert student.returncode == 0, (student.stdout + student.stderr)[-3000:]
    run([sys.executable, "tools/instructor_edition.py", "_build/edition"], kit)
    instructor = build_book(kit, "--toc", "_build/edition/_toc.yml",
                            "--config", "_build/edition/_config.yml",
                            "--path-output", str(kit / "_build" / "instructor"), env=BUILD_ENV)
    assert instructor.returncode == 0, (instructor.stdout + instructor.stderr)[-3000:]
    return Editions(kit, canaries, [kit / "_build" / "html", kit / "exercises"],
                    kit / "_build" / "instructor" / "_build" / "html",
                    student.stdout + student.stderr + instructor.stdout + instructor.stderr)
