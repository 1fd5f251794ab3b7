"""The layout's old import paths: the grading runtime moved into ``grading/``, the command into
the ``cli/`` package, and the root's modules into ``text/``, ``content/``, ``checks/`` and
``io/``; the old paths are the same modules, so notebooks and code keep working
(``docs/design-notes.md``, Layout)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest


@pytest.mark.parametrize("name", ["student", "answer_keys", "leaks"])
def test_the_old_path_is_the_grading_module_itself(name):
    old = importlib.import_module(f"medialit.{name}")
    new = importlib.import_module(f"medialit.grading.{name}")
    assert old is new  # one module object: a monkeypatch on either path is seen by both


MOVED = {"text": ("case", "text_html", "typography", "refs"),
         "content": ("annotations", "bib", "corrections", "objectives", "sources", "timeline",
                     "timeline_svg", "alternative", "wording", "voice"),
         "checks": ("refcheck", "quotations", "citations"),
         "io": ("yamldata", "atomic", "myst")}


@pytest.mark.parametrize("layer,name", [(layer, name) for layer, names in MOVED.items()
                                        for name in names])
def test_the_old_root_path_is_the_layers_module_itself(layer, name):
    old = importlib.import_module(f"medialit.{name}")
    assert old is importlib.import_module(f"medialit.{layer}.{name}")


def test_the_root_holds_only_the_shared_modules_and_aliases():
    """A module at the package root is pack, errors, scaffold or launch, or an alias (a file
    that only puts another module in sys.modules or re-exports it)."""
    from pathlib import Path

    import medialit

    root = Path(medialit.__file__).parent
    shared = {"__init__", "pack", "errors", "scaffold", "launch"}
    others = [p.stem for p in root.glob("*.py") if p.stem not in shared
              and "Deprecated" not in p.read_text(encoding="utf-8").split("\n", 1)[0]]
    assert others == []


def test_notebooks_still_load_the_text_from_medialit_case():
    from medialit.case import load_oped, load_text

    assert load_text().paragraphs and load_oped.__module__ == "medialit.text.case"


def test_released_notebooks_still_import_the_student_checker_from_its_old_path():
    from medialit.student import answer_checker

    assert answer_checker.__module__ == "medialit.grading.student"


def test_the_command_is_a_package_with_every_command_registered():
    from medialit.cli import main

    assert {"check", "new-case", "export", "handouts", "release", "grade", "gradescope",
            "leak-check", "lite", "serve", "show", "find", "analyse", "check-data",
            "launch-link"} <= set(main.commands)
    proc = subprocess.run([sys.executable, "-m", "medialit.cli", "--version"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0 and "medialit, version" in proc.stdout, proc.stderr


# The planning documents the kit was written from live outside the repository: a fresh clone
# has none of them, so code, tests and docs cite the repository's own docs/ instead.
OUTSIDE_DOCS = ("CURRIC" + "ULUM", "EDITOR" + "IAL.md", "EDITOR" + "IAL §", "QUIZ-" + "SCHEMA",
                "../" + "shared/", "/work/" + "shared")


def test_nothing_cites_a_document_outside_the_repository():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [p for folder in ("src", "tests", "docs") for p in (root / folder).rglob("*")
             if p.is_file() and p.suffix in (".py", ".md", ".yml", ".js", ".txt", ".toml")]
    files += [root / name for name in ("README.md", "CONTRIBUTING.md", "Makefile")]
    found = [f"{path.relative_to(root)}:{n}" for path in files
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if any(name in line for name in OUTSIDE_DOCS)]
    assert found == []
