"""submissions: notebooks, folders and zips are collected safely, one row per notebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from grading_support import make_zip, notebook, to_bytes, write_notebook
from medialit.grading.limits import Limits
from medialit.grading.submissions import IdRule, collect, escapes_folder, safe_id

NB = to_bytes(notebook())


@pytest.mark.parametrize("path, expected", [
    ("smithjane_12345_67890_set-a-framing.ipynb", ("12345", "smithjane")),
    ("smithjane_LATE_12345_67890_set-a-framing.ipynb", ("12345", "smithjane")),
    ("Jane Smith_4321_assignsubmission_file_set-a.ipynb", ("4321", "Jane Smith")),
    ("Jane Smith_4321_assignsubmission_file_/set-a.ipynb", ("4321", "Jane Smith")),
    ("jane.ipynb", ("jane", "")),
    ("sub/dir/Jane Doe!.ipynb", ("Jane_Doe", "")),
])
def test_default_id_rule_reads_canvas_moodle_and_plain_names(path, expected):
    sid, name, _ = IdRule()(path)
    assert (sid, name) == expected


def test_custom_id_pattern_needs_an_id_group():
    assert IdRule(r"(?P<id>s\d{7})")("hw_s1234567_final.ipynb")[0] == "s1234567"
    with pytest.raises(ValueError, match="named group"):
        IdRule(r"s\d+")


def test_safe_id_never_makes_a_path():
    assert safe_id("../../etc/passwd") == "etc_passwd"
    assert safe_id("...") == "unnamed"


@pytest.mark.parametrize("name, escapes", [
    ("a/b.ipynb", False), ("./a.ipynb", False), ("a/../b.ipynb", False),
    ("../b.ipynb", True), ("a/../../b.ipynb", True), ("/etc/b.ipynb", True),
    ("C:/x.ipynb", True), ("..\\x.ipynb", True),
])
def test_escapes_folder(name, escapes):
    assert escapes_folder(name) is escapes


def test_folder_is_collected_sorted_and_junk_is_reported(tmp_path: Path):
    write_notebook(tmp_path / "b.ipynb", notebook())
    write_notebook(tmp_path / "a.ipynb", notebook())
    write_notebook(tmp_path / ".ipynb_checkpoints" / "a-checkpoint.ipynb", notebook())
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    found = collect([tmp_path])
    assert [s.student_id for s in found.submissions] == ["a", "b"]
    assert {Path(src).name for src, _ in found.ignored} == {"notes.pdf", "a-checkpoint.ipynb"}


def test_zip_entries_escaping_the_folder_become_rejected_rows(tmp_path: Path):
    """A bulk download with '../' or absolute entries: those rows are rejected, nothing written."""
    z = make_zip(tmp_path / "batch.zip", {
        "smithjane_111_9_a.ipynb": NB,
        "../evil_222_9_a.ipynb": NB,
        "/abs_333_9_a.ipynb": NB,
        "../../outside.txt": b"x",
    })
    found = collect([z])
    rows = {s.student_id: s for s in found.submissions}
    assert rows["111"].data == NB and rows["111"].problem is None
    assert rows["222"].data is None and "outside the archive" in rows["222"].problem
    assert rows["333"].data is None and "outside the archive" in rows["333"].problem
    assert any("escapes" in reason for _, reason in found.ignored)
    assert not (tmp_path.parent / "evil_222_9_a.ipynb").exists()


def test_corrupt_zip_gives_a_row(tmp_path: Path):
    bad = tmp_path / "broken_5_6_x.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    (row,) = collect([bad]).submissions
    assert row.data is None and "not a readable zip" in row.problem


def test_oversized_files_and_entries_are_rows_with_the_cap(tmp_path: Path):
    limits = Limits(max_notebook_bytes=1000)
    big = tmp_path / "big.ipynb"
    big.write_bytes(b"{" + b" " * 5000 + b"}")
    z = make_zip(tmp_path / "b.zip", {"huge.ipynb": b" " * 5000})
    rows = {s.student_id: s for s in collect([big, z], limits=limits).submissions}
    assert "above the 0 MB cap" in rows["big"].problem or "cap" in rows["big"].problem
    assert "cap" in rows["huge"].problem


def test_duplicate_ids_are_kept_apart(tmp_path: Path):
    write_notebook(tmp_path / "x" / "jane.ipynb", notebook())
    write_notebook(tmp_path / "y" / "jane.ipynb", notebook())
    rows = collect([tmp_path]).submissions
    assert [r.student_id for r in rows] == ["jane", "jane-2"]
    assert "graded as jane-2" in rows[1].notes[0]


def test_missing_path_is_a_row(tmp_path: Path):
    (row,) = collect([tmp_path / "nope.ipynb"]).submissions
    assert row.problem == "file not found"


def test_link_out_of_the_folder_is_rejected(tmp_path: Path):
    outside = write_notebook(tmp_path / "outside.ipynb", notebook())
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "sneaky.ipynb").symlink_to(outside)
    (row,) = collect([folder]).submissions
    assert "outside the submissions folder" in row.problem
