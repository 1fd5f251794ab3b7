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
    ("sub/dir/Jane Doe!.ipynb", ("Jane_Doe!", "")),
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


# -- issue 11 §2: real LMS downloads, one row per student ---------------------------------------

def test_moodle_folder_with_a_dated_file_name_gets_the_moodle_id(tmp_path: Path):
    z = make_zip(tmp_path / "moodle.zip", {
        "Ahmed Ali_4324_assignsubmission_file_/SetA_2024_11_final.ipynb": NB,
        "Ahmed Ali_4324_assignsubmission_onlinetext_/onlinetext.html": b"<p>see file</p>",
    })
    (row,) = collect([z]).submissions
    assert (row.student_id, row.name, row.platform) == ("4324", "Ahmed Ali", "moodle")
    assert row.data == NB


def test_plain_files_with_dates_get_no_id_from_the_date(tmp_path: Path):
    write_notebook(tmp_path / "alex_2024_11_setA.ipynb", notebook())
    write_notebook(tmp_path / "set-a-framing_2024_11_25.ipynb", notebook())
    ids = [s.student_id for s in collect([tmp_path]).submissions]
    assert ids == ["alex_2024_11_setA", "set-a-framing_2024_11_25"]


def test_unicode_names_stay_distinct_and_readable(tmp_path: Path):
    entries = {f"{name}_{i}_assignsubmission_file/set-a.ipynb": NB for i, name in enumerate(
        ["Иван Петров", "Мария Иванова", "李雷", "韩梅梅"], start=10)}
    z = make_zip(tmp_path / "moodle.zip", entries)
    rows = collect([z]).submissions
    assert [(r.student_id, r.name) for r in rows] == [
        ("10", "Иван Петров"), ("11", "Мария Иванова"), ("12", "李雷"), ("13", "韩梅梅")]
    for name in ("Иван Петров", "李雷", "Zoë Martin", "Zoé Martin"):
        write_notebook(tmp_path / "plain" / f"{name}.ipynb", notebook())
    plain = sorted(s.student_id for s in collect([tmp_path / "plain"]).submissions)
    assert plain == sorted(["Иван_Петров", "李雷", "Zoë_Martin", "Zoé_Martin"])


def test_zip_names_written_without_the_utf8_flag_are_repaired(tmp_path: Path):
    """Some zippers store UTF-8 names without flagging them; Python then reads cp437."""
    import zipfile
    path = tmp_path / "old.zip"
    raw_name = "Иван Петров_51_assignsubmission_file_/a.ipynb".encode()
    placeholder = b"X" * len(raw_name)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(placeholder.decode("ascii"), NB)  # ASCII: no UTF-8 flag is set
    path.write_bytes(path.read_bytes().replace(placeholder, raw_name))  # raw UTF-8, unflagged
    (row,) = collect([path]).submissions
    assert (row.student_id, row.name) == ("51", "Иван Петров")


def test_ids_equal_but_for_case_cannot_overwrite_each_other(tmp_path: Path):
    write_notebook(tmp_path / "a" / "Jane.ipynb", notebook())
    write_notebook(tmp_path / "b" / "jane.ipynb", notebook())
    assert [r.student_id for r in collect([tmp_path]).submissions] == ["Jane", "jane-2"]


@pytest.mark.parametrize("entries, graded, other", [
    ({  # Blackboard: two attempts; the older one sorts first by name
        "Set A_jsmith_attempt_2024-11-20-09-00-00_set-a.ipynb": b"old",
        "Set A_jsmith_attempt_2024-11-25-14-03-07_set-a.ipynb": b"new",
        "Set A_jsmith_attempt_2024-11-20-09-00-00.txt": b"Name: Jane Smith (jsmith)\n",
        "Set A_jsmith_attempt_2024-11-25-14-03-07.txt": b"Name: Jane Smith (jsmith)\n",
    }, "2024-11-25-14-03-07", "attempt 2024-11-20 09:00:00"),
    ({  # Canvas: a resubmission with the same file name gets "-1" and a newer attachment
        "smithjane_12345_500_set-a.ipynb": b"old",
        "smithjane_12345_501_set-a-1.ipynb": b"new",
    }, "501", "Canvas file 500"),
    ({  # Moodle: the file picker renames a second upload "name (1).ext"
        "Jane Smith_4321_assignsubmission_file/set-a.ipynb": b"old",
        "Jane Smith_4321_assignsubmission_file/set-a (1).ipynb": b"new",
    }, "(1)", "set-a.ipynb"),
])
def test_one_student_is_one_row_graded_from_the_newest_attempt(tmp_path: Path, entries, graded,
                                                               other):
    collection = collect([make_zip(tmp_path / "lms.zip", entries)])
    (row,) = collection.submissions
    assert row.data == b"new" and graded in row.source
    assert row.student_id in ("jsmith", "12345", "4321")
    assert any("graded the newest" in n and other in n for n in row.notes)
    assert len(row.other_attempts) == 1 and other in row.other_attempts[0]
    (superseded,) = collection.superseded
    assert superseded[0] == row.student_id and superseded[1] != row.source
    if "jsmith" == row.student_id:
        assert row.name == "Jane Smith"  # from the receipt


def test_two_different_notebooks_without_an_order_say_so(tmp_path: Path):
    z = make_zip(tmp_path / "moodle.zip", {
        "Jane Smith_4321_assignsubmission_file/draft.ipynb": b"a",
        "Jane Smith_4321_assignsubmission_file/final.ipynb": b"b",
    })
    (row,) = collect([z]).submissions
    assert row.data == b"b"
    assert any("does not say which is the newest" in n for n in row.notes)


@pytest.mark.parametrize("files, words", [
    ({"smithjane_12345_500_set-a.pdf": b"%PDF"}, "set-a.pdf"),
    ({"Jane Smith_4321_assignsubmission_file/set-a.html": b"<html>"}, "set-a.html"),
    ({"Jane Smith_4321_assignsubmission_onlinetext/onlinetext.html": b"<p>"}, "onlinetext.html"),
    ({"Set A_jsmith_attempt_2024-11-25-14-03-07_set-a.docx": b"PK"}, "set-a.docx"),
])
def test_a_student_without_a_notebook_gets_an_error_row_saying_what_was_found(tmp_path, files,
                                                                             words):
    (row,) = collect([make_zip(tmp_path / "lms.zip", files)]).submissions
    assert row.data is None and "no notebook (.ipynb)" in row.problem and words in row.problem


def test_a_notebook_in_a_zip_inside_the_zip_is_graded(tmp_path: Path):
    inner = make_zip(tmp_path / "inner.zip", {"work/set-a.ipynb": NB, "notes.txt": b"x"})
    empty = make_zip(tmp_path / "empty.zip", {"report.pdf": b"%PDF"})
    z = make_zip(tmp_path / "canvas.zip", {
        "smithjane_12345_500_mywork.zip": inner.read_bytes(),
        "doejohn_222_600_stuff.zip": empty.read_bytes(),
    })
    rows = {r.student_id: r for r in collect([z]).submissions}
    assert rows["12345"].data == NB
    assert any("inside mywork.zip" in n for n in rows["12345"].notes)
    assert rows["222"].data is None and "a zip holding report.pdf" in rows["222"].problem


def test_gradescope_export_names_each_submission_by_its_submitter(tmp_path: Path):
    metadata = (b"submission_1:\n  :submitters:\n  - :name: Jane Smith\n    :sid: 's1'\n"
                b"  :created_at: 2024-11-25 10:00:00.000000000 -08:00\n"
                b"submission_2:\n  :submitters:\n  - :name: John Doe\n    :sid: 's2'\n")
    z = make_zip(tmp_path / "gs.zip", {
        "assignment_7_export/submission_metadata.yml": metadata,
        "assignment_7_export/submission_1/set-a-framing.ipynb": NB,
        "assignment_7_export/submission_2/set-a-framing.ipynb": NB,
    })
    rows = collect([z]).submissions
    assert [(r.student_id, r.name, r.platform) for r in rows] == [
        ("s1", "Jane Smith", "gradescope"), ("s2", "John Doe", "gradescope")]


def test_a_student_zip_full_of_notebooks_is_read_only_up_to_the_cap(tmp_path: Path):
    inner = make_zip(tmp_path / "many.zip", {f"n{i:03d}.ipynb": NB for i in range(50)})
    z = make_zip(tmp_path / "canvas.zip", {"smithjane_12345_500_many.zip": inner.read_bytes()})
    (row,) = collect([z], limits=Limits(max_notebooks_in_student_zip=3)).submissions
    assert row.data == NB and len(row.other_attempts) == 2
