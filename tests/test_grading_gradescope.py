"""gradescope: the autograder zip, and its run script run locally in a Gradescope-like layout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grading_support import GOOD_ANSWERS, ROOT, student_notebook, write_notebook
from medialit.grading.gradescope import build_autograder, pinned_requirements

MASTER = ROOT / "solutions" / "set-a-framing.ipynb"


@pytest.fixture(scope="module")
def autograder(tmp_path_factory) -> Path:
    return build_autograder(MASTER, tmp_path_factory.mktemp("zip") / "set-a.zip")


def test_zip_holds_setup_run_script_package_and_master(autograder: Path):
    with zipfile.ZipFile(autograder) as zf:
        names = set(zf.namelist())
        mode = zf.getinfo("run_autograder").external_attr >> 16
        run_script = zf.read("run_autograder").decode()
    assert {"setup.sh", "run_autograder", "requirements.txt", "set-a-framing.ipynb",
            "src/medialit/grading/pipeline.py",
            "src/medialit/bundled_packs/oped-2024/text.txt",
            "src/medialit/bundled_packs/oped-2024/pack.yml"} <= names
    assert mode & 0o111, "run_autograder must be executable"
    assert "/autograder/results" in run_script or "$ROOT/results" in run_script
    assert not any("__pycache__" in n for n in names)


def test_zip_is_deterministic(autograder: Path, tmp_path: Path):
    again = build_autograder(MASTER, tmp_path / "again.zip")
    assert again.read_bytes() == autograder.read_bytes()


def test_requirements_are_pinned_from_the_lock():
    requirements = pinned_requirements(ROOT / "requirements.lock")
    names = {r.split("==")[0] for r in requirements}
    assert {"click", "pydantic", "ruamel-yaml", "nbformat", "pillow", "tqdm"} <= names
    assert all("==" in r for r in requirements)
    locked = (ROOT / "requirements.lock").read_text(encoding="utf-8").lower()
    assert "nbformat==" + next(r for r in requirements if r.startswith("nbformat")).split("==")[1] \
        in locked


def gradescope_layout(tmp_path: Path, autograder: Path) -> Path:
    """/autograder/{source,submission,results} as Gradescope lays them out."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(autograder) as zf:
        zf.extractall(root / "source")
    (root / "submission").mkdir()
    (root / "results").mkdir()
    return root


def run_autograder(root: Path) -> dict:
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "MEDIALIT_PYTHON": sys.executable}
    proc = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))


def test_run_autograder_grades_a_submission(tmp_path: Path, autograder: Path):
    root = gradescope_layout(tmp_path, autograder)
    write_notebook(root / "submission" / "set-a-framing.ipynb", student_notebook(GOOD_ANSWERS))
    results = run_autograder(root)
    assert results["score"] == 16
    assert len(results["tests"]) == 8
    assert results["tests"][6]["score"] == 4.5  # the code exercise ran from the zip's copy
    assert "4 points wait for a person: q8" in results["output"]


def test_run_autograder_without_a_notebook_still_writes_results(tmp_path: Path, autograder: Path):
    root = gradescope_layout(tmp_path, autograder)
    (root / "submission" / "answers.pdf").write_bytes(b"%PDF")
    results = run_autograder(root)
    assert results["score"] == 0 and "No .ipynb file" in results["output"]


def test_run_autograder_with_a_broken_notebook(tmp_path: Path, autograder: Path):
    root = gradescope_layout(tmp_path, autograder)
    (root / "submission" / "set-a-framing.ipynb").write_bytes(b"{ not json")
    results = run_autograder(root)
    assert results["score"] == 0 and "not valid JSON" in results["output"]
