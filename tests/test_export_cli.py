"""``medialit export`` through click's CliRunner: defaults, BANK arguments, the report, and a
bad bank that stops the export with exit code 2, naming the file and writing nothing."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.cli import main

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "chapters" / "questions"


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A copy of the kit's book (its banks in chapters/questions, its references.bib and a
    _config.yml naming the kit's pack) as the working folder: the default banks are the pack's
    banks folder at its place in this book."""
    shutil.copytree(BANKS, tmp_path / "chapters" / "questions")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    (tmp_path / "_config.yml").write_text(
        f"title: A copy\nsphinx:\n  config:\n    medialit_pack: {ROOT / 'packs' / 'oped-2024'}\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_default_writes_every_bank_to_the_default_file_and_reports(book):
    result = CliRunner().invoke(main, ["export", "--format", "moodle-xml"])
    assert result.exit_code == 0, result.output
    assert (book / "medialit-moodle.xml").is_file()
    from medialit.quiz.loader import load_banks

    banks = load_banks(BANKS)
    count = Counter(q.type for bank in banks for q in bank.questions)
    assert result.output.startswith(f"{sum(count.values())} questions exported from "
                                    f"{len(banks)} bank(s) to medialit-moodle.xml (Moodle)")
    assert (f"click_phrase ×{count['click_phrase']} → multichoice (no native equivalent: "
            in result.output)
    assert f"single_choice ×{count['single_choice']} → multichoice (exact)" in result.output


def test_banks_by_name_and_by_path_and_out(book):
    out = book / "out" / "two.zip"
    result = CliRunner().invoke(main, ["export", "--format", "qti", "--out", str(out),
                                       "framing", "chapters/questions/practice.yml"])
    assert result.exit_code == 0, result.output
    assert "exported from 2 bank(s)" in result.output
    assert "→ multiple_choice_question (exact)" in result.output
    assert out.is_file()


def test_missing_bank_exits_2_naming_it_and_writes_nothing(book):
    result = CliRunner().invoke(main, ["export", "--format", "qti", "nosuchbank"])
    assert result.exit_code == 2
    assert "nosuchbank.yml: no such question bank file" in result.output
    assert not (book / "medialit-canvas-qti.zip").exists()


def test_malformed_bank_exits_2_and_leaves_the_previous_file_untouched(book):
    out = book / "medialit-moodle.xml"
    out.write_text("previous export", encoding="utf-8")
    bank = book / "chapters" / "questions" / "practice.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("    answer: 42000\n",
                                                             "    answer: lots\n"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--format", "moodle-xml"])
    assert result.exit_code == 2
    assert "no export written" in result.output
    assert f"{Path('chapters') / 'questions' / 'practice.yml'}:" in result.output
    assert "question practice-q08: field 'answer'" in result.output
    assert out.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in book.iterdir() if p.name.endswith(".part")] == []


def test_bad_yaml_names_the_file(book):
    bank = book / "chapters" / "questions" / "framing.yml"
    bank.write_text("schema_version: 1\nchapter: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "--format", "qti", "framing"])
    assert result.exit_code == 2
    assert "framing.yml" in result.output and "not valid YAML" in result.output
    assert not (book / "medialit-canvas-qti.zip").exists()


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    """The file is written whole or not at all (temporary file, then rename)."""
    from medialit import atomic

    target = tmp_path / "out.xml"

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError):
        atomic.write_atomic(target, b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_question_moodle_cannot_grade_exits_2_naming_file_and_question(tmp_path, monkeypatch):
    """Valid bank, but one share is not on Moodle's grade list: exit 2, file, line and question
    named, nothing written; the same bank still goes to Canvas."""
    from export_support import wide_click_phrase_bank

    monkeypatch.chdir(tmp_path)
    path = wide_click_phrase_bank(tmp_path / "questions", keys=11)
    result = CliRunner().invoke(main, ["export", "--format", "moodle-xml", str(path)])
    assert result.exit_code == 2
    assert "no export written" in result.output
    assert f"{path}:" in result.output and "question wide-q02: field 'answer'" in result.output
    assert "is not on Moodle's list of grades" in result.output
    assert not (tmp_path / "medialit-moodle.xml").exists()
    result = CliRunner().invoke(main, ["export", "--format", "qti", str(path)])
    assert result.exit_code == 0, result.output
