"""``medialit check`` validates the question banks too, through click's CliRunner."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from medialit.cli import main
from quizhelpers import write_bank

ROOT = Path(__file__).resolve().parents[1]


def test_check_passes_on_the_kit_and_counts_banks():
    result = CliRunner().invoke(main, ["check", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "question banks checked" in result.output


def test_check_reports_a_bad_bank_with_file_line_id_and_field(tmp_path):
    shutil.copy(ROOT / "chapters" / "questions" / "practice.yml", tmp_path / "practice.yml")
    text = (tmp_path / "practice.yml").read_text(encoding="utf-8").replace(
        "    answer: 42000\n", "    answer: six hundred  # <- bad\n")
    path, marks = write_bank(tmp_path / "book" / "questions", text, name="practice")
    shutil.copy(ROOT / "references.bib", path.parent / "references.bib")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "book")])
    assert result.exit_code == 2
    assert (f"{path}:{marks['bad']}: question practice-q08: field 'answer': Input should be a "
            "valid number") in result.output
    assert "1 problem(s) found" in result.output
