"""layouts: who submitted a file, read from the names real LMS bulk downloads give it.

The name shapes are the platforms' own (docs/grading.md, "Student ids", cites the code they were
read in): Moodle ``mod/assign/classes/downloader.php``, Canvas ``content_zipper.rb``,
Blackboard's ``_attempt_`` names and receipts, Gradescope's ``submission_metadata.yml``.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from medialit.grading.layouts import (
    Receipts,
    identify,
    identify_custom,
    looks_like_a_date,
    read_blackboard_receipt,
    read_gradescope_metadata,
    safe_id,
)


@pytest.mark.parametrize("path, platform, raw_id, name", [
    # issue 11 §2: the Moodle folder wins over a file name that looks like Canvas's
    ("Ahmed Ali_4324_assignsubmission_file_/SetA_2024_11_final.ipynb", "moodle", "4324",
     "Ahmed Ali"),
    ("Ahmed Ali_4324_assignsubmission_file/SetA_2024_11_final.ipynb", "moodle", "4324",
     "Ahmed Ali"),  # Moodle 4.1+: no trailing underscore
    ("course-set-a-77/Иван Петров_51_assignsubmission_file/sub/work.ipynb", "moodle", "51",
     "Иван Петров"),
    ("Jane Smith_4321_assignsubmission_file_set-a.ipynb", "moodle", "4321", "Jane Smith"),
    ("Participant_88_assignsubmission_file_/a.ipynb", "moodle", "88", "Participant"),
    # Canvas: <name>[_late]_<user id>_<attachment id>_<file>
    ("smithjane_12345_67890_set-a-framing.ipynb", "canvas", "12345", "smithjane"),
    ("smithjane_late_12345_67890_set-a-framing.ipynb", "canvas", "12345", "smithjane"),
    ("smithjane_LATE_12345_67890_set-a-framing-1.ipynb", "canvas", "12345", "smithjane"),
    ("петровиван_777_4242_set-a.ipynb", "canvas", "777", "петровиван"),
    # Blackboard: <Assignment>_<username>_attempt_<timestamp>_<file>
    ("Set A_jsmith_attempt_2024-11-25-14-03-07_set-a-framing.ipynb", "blackboard", "jsmith", ""),
    # dates are not ids (issue 11 §2)
    ("alex_2024_11_setA.ipynb", "plain", "alex_2024_11_setA", ""),
    ("set-a-framing_2024_11_25.ipynb", "plain", "set-a-framing_2024_11_25", ""),
    ("maria_25_11_2024_setA.ipynb", "plain", "maria_25_11_2024_setA", ""),
    ("Jane_Doe_12_34_x.ipynb", "plain", "Jane_Doe_12_34_x", ""),  # Canvas lower-cases names
    ("jane.ipynb", "plain", "jane", ""),
])
def test_each_platform_layout_is_read(path, platform, raw_id, name):
    found = identify(path)
    assert (found.platform, found.raw_id, found.name) == (platform, raw_id, name)


def test_the_moodle_folder_wins_and_the_file_name_stays_the_students():
    found = identify("Ahmed Ali_4324_assignsubmission_file_/SetA_2024_11_final.ipynb")
    assert found.file_name == "SetA_2024_11_final.ipynb"


@pytest.mark.parametrize("first, second, rest, is_date", [
    ("2024", "11", "setA.ipynb", True), ("1999", "1", "x", True), ("25", "11", "2024_a", True),
    ("12345", "67890", "a.ipynb", False), ("2024", "67890", "a", False),
    ("25", "11", "a.ipynb", False), ("2024", "13", "a", False),
])
def test_dates_are_told_from_ids(first, second, rest, is_date):
    assert looks_like_a_date(first, second, rest) is is_date


def test_attempt_order_is_the_platforms_own():
    """Blackboard: timestamp; Canvas: attachment id, then "-1"; Moodle: "name (1)"."""
    older = identify("A_jsmith_attempt_2024-11-20-09-00-00_a.ipynb")
    newer = identify("A_jsmith_attempt_2024-11-25-14-03-07_a.ipynb")
    assert older.order < newer.order and newer.attempt == "attempt 2024-11-25 14:03:07"
    first = identify("smithjane_12345_500_set-a.ipynb")
    again = identify("smithjane_12345_501_set-a-1.ipynb")
    assert first.order < again.order and "-1" in again.attempt
    upload = identify("Jane Smith_4321_assignsubmission_file/set-a.ipynb")
    reupload = identify("Jane Smith_4321_assignsubmission_file/set-a (1).ipynb")
    assert upload.order < reupload.order


def test_blackboard_receipt_gives_the_full_name_and_a_username_with_underscores():
    key, (user, name) = read_blackboard_receipt(
        "Set A_j_smith_attempt_2024-11-25-14-03-07.txt",
        "Name: Jane Smith (j_smith)\nAssignment: Set A\nDate Submitted: Monday, 25 November "
        "2024 14:03:07 o'clock GMT\n\nComments:\nThere are no student comments.\n")
    assert (user, name) == ("j_smith", "Jane Smith")
    found = identify("Set A_j_smith_attempt_2024-11-25-14-03-07_set-a.ipynb",
                     Receipts(blackboard={key: (user, name)}))
    assert (found.raw_id, found.name) == ("j_smith", "Jane Smith")
    assert read_blackboard_receipt("notes.txt", "Name: x (y)") is None


def test_gradescope_metadata_names_the_submitters():
    text = """\
submission_123456:
  :submitters:
  - :name: Мария Иванова
    :sid: '20231234'
    :email: maria@example.edu
  :created_at: 2024-11-25 14:03:07.123456000 -08:00
  :score: 0.0
"""
    metadata = read_gradescope_metadata(text)
    assert metadata["submission_123456"][0]["sid"] == "20231234"
    found = identify("assignment_9_export/submission_123456/set-a.ipynb",
                     Receipts(gradescope=metadata))
    assert (found.platform, found.raw_id, found.name) == ("gradescope", "20231234",
                                                          "Мария Иванова")


def test_custom_pattern_replaces_the_layouts():
    pattern = re.compile(r"(?P<id>s\d{7})")
    assert identify_custom("hw_s1234567_final.ipynb", pattern).raw_id == "s1234567"
    miss = identify_custom("jane.ipynb", pattern)
    assert miss.raw_id == "jane" and "did not match" in miss.note


@pytest.mark.parametrize("raw, expected", [
    ("Иван Петров", "Иван_Петров"), ("李雷", "李雷"), ("韩梅梅", "韩梅梅"),
    ("Zoë Martin", "Zoë_Martin"), ("Zoé Martin", "Zoé_Martin"),
    (unicodedata.normalize("NFD", "Zoë Martin"), "Zoë_Martin"),  # macOS file names are NFD
    ("../../etc/passwd", "etc_passwd"), ("a\\b:c*d?e", "a_b_c_d_e"), ("...", "unnamed"),
    ("CON", "_CON"), ("  Jane   Doe  ", "Jane_Doe"), ("x\x00y", "x_y"),
])
def test_safe_ids_keep_unicode_names_readable_and_distinct(raw, expected):
    assert safe_id(raw) == expected


def test_safe_ids_fit_a_file_name_in_bytes_not_characters():
    long = safe_id("李" * 200)
    assert len(long.encode("utf-8")) <= 120 and set(long) == {"李"}
    assert len((long + "-2.html").encode("utf-8")) < 255
