"""A notebook that displays a Quiz, executed in a real kernel: its output carries the widget
view and the static HTML face, and with stored outputs it passes nbval (so chapter notebooks
with quizzes can be tested like any other chapter)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def test_executed_quiz_notebook_has_both_faces_and_passes_nbval(tmp_path):
    (tmp_path / "questions").mkdir()
    shutil.copy(ROOT / "chapters" / "questions" / "practice.yml", tmp_path / "questions")
    shutil.copy(ROOT / "references.bib", tmp_path)
    nb = nbformat.read(ROOT / "tests" / "notebooks" / "quiz-in-jupyterlab.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    data = nb.cells[1].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-view+json" in data
    assert 'class="mlq-quiz"' in data["text/html"] and "practice-q01" in data["text/html"]
    assert data["text/plain"].startswith("**1.** In ¶6.3")
    assert "application/vnd.jupyter.widget-state+json" in nb.metadata.get("widgets", {})
    path = tmp_path / "quiz.ipynb"
    nbformat.write(nb, path)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           "--nbval", str(path), "--nbval-sanitize-with",
                           str(ROOT / "tests" / "nbval_sanitize.cfg")],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
