"""The layout's old import paths: the grading runtime moved into ``grading/`` and the command
into the ``cli/`` package; the old paths are the same modules, so notebooks and code keep
working (``docs/design-notes.md``, Layout)."""

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
