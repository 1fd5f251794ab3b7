"""outputs: byte-identical re-runs, one gradebook per platform, pending shown as pending,
escaped feedback, Gradescope JSON, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import struct
from datetime import datetime
from pathlib import Path

import pytest

from grading_support import (
    GOOD_ANSWERS,
    ROOT,
    make_zip,
    student_notebook,
    to_bytes,
    write_batch,
    write_notebook,
)
from medialit.atomic import write_atomic
from medialit.grading.limits import Limits
from medialit.grading.master import load_master
from medialit.grading.outputs import batch_summary
from medialit.grading.pipeline import grade_batch
from medialit.grading.results import QuestionResult, StudentResult
from medialit.grading.summary_figure import summary_png

MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
LIMITS = Limits(code_wall_seconds=10, code_test_seconds=0.4)  # wall: slack for a loaded machine

# A student who prints timings and random numbers from the function under test: what it
# prints differs on every run (issue 11 §4).
PRINTS_TIMINGS = GOOD_ANSWERS["q7"].replace(
    "import re\n", "import random\nimport re\nimport time\n").replace(
    "    found = []\n", "    found = []\n    print('started at', time.time(), random.random())\n")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("outputs")
    write_batch(root / "subs")
    hostile = dict(GOOD_ANSWERS, q5='q5 = {"<script>alert(1)</script>": "8.4"}')
    write_notebook(root / "subs" / "x<b>.ipynb", student_notebook(hostile))
    write_notebook(root / "subs" / "timer.ipynb",
                   student_notebook(dict(GOOD_ANSWERS, q7=PRINTS_TIMINGS)))
    grade_batch(MASTER, [root / "subs"], root / "out1", jobs=1, limits=LIMITS, progress=False)
    grade_batch(MASTER, [root / "subs"], root / "out2", jobs=2, limits=LIMITS, progress=False)
    return root


def test_rerun_gives_byte_identical_outputs_whatever_the_job_count(graded):
    """Into a fresh folder, with 1 or 2 processes, with a student printing time.time()."""
    first, second = tree(graded / "out1"), tree(graded / "out2")
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different


def test_printed_output_is_never_shown_only_that_there_was_some(graded):
    record = json.loads((graded / "out1" / "records" / "timer.json").read_text("utf-8"))
    code = next(q for q in record["questions"] if q["question"] == "q7")
    assert code["points"] == 4.5 and code["answer_text"] == ""
    assert any("printed something" in line for line in code["lines"])
    feedback = (graded / "out1" / "feedback" / "timer.md").read_text("utf-8")
    assert "started at" not in feedback and "printed something" in feedback
    quiet = json.loads((graded / "out1" / "records" / "good.json").read_text("utf-8"))
    assert not any("printed" in line for q in quiet["questions"] for line in q["lines"])


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8"))))


def test_plain_gradebook_has_every_figure(graded):
    rows = read_csv(graded / "out1" / "gradebook.csv")
    header = rows[0]
    assert header[:5] == ["ID", "Student", "Platform", "Status", "Set A — Framing (20)"]
    body = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert [r[0] for r in rows[1:]] == sorted(body)
    good = body["good"]
    assert good["Set A — Framing (20)"] == "16" and good["q5 (2.5)"] == "2.5"
    assert good["q8 (4)"] == "" and good["Pending manual"] == "q8"
    assert good["Pending points"] == "4" and good["Percent of graded points"] == "100"
    assert body["empty"]["Status"] == "error" and "empty" in body["empty"]["Message"]
    assert body["empty"]["Set A — Framing (20)"] == ""


# The platforms' own column names, copied here by hand (not imported from the code under test):
# Moodle — mod/assign/gradingtable.php (download mode) with the strings of
#   mod/assign/lang/en/assign.php: recordid "Identifier", status "Status", maxgrade "Maximum
#   Grade", gradecanbechanged "Grade can be changed", lastmodifiedsubmission "Last modified
#   (submission)", lastmodifiedgrade "Last modified (grade)", hiddenuser "Participant "; core
#   "Full name" and "Grade"; assignfeedback_comments pluginname "Feedback comments".
#   moodle/moodle, read with the search tool in this session.
# Canvas — the student columns of its gradebook export and import: "Student", "ID",
#   "SIS User ID", "SIS Login ID", "Section" (Canvas Instructor Guide, "How do I import grades
#   in the Gradebook?"; Canvas's importer source was not in the search index).
MOODLE_WORKSHEET = ["Identifier", "Full name", "Status", "Grade", "Maximum Grade",
                    "Grade can be changed", "Last modified (submission)",
                    "Last modified (grade)", "Feedback comments"]
MOODLE_REQUIRED = ["Identifier", "Grade", "Last modified (grade)"]  # importgradeslib.php init()
CANVAS_STUDENT = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def moodle_import(path: Path) -> dict[str, tuple[str, datetime]]:
    """What Moodle's offline importer reads from a worksheet (importgradeslib.php next())."""
    rows = read_csv(path)
    columns = rows[0]
    for name in MOODLE_REQUIRED:
        assert name in columns, name  # init() returns false, the import fails, without one
    grade, ident = columns.index("Grade"), columns.index("Identifier")
    modified = columns.index("Last modified (grade)")
    out = {}
    for row in rows[1:]:
        assert row[ident].startswith("Participant ")
        participant = row[ident][len("Participant "):]  # substr($idstr, strlen(hiddenuser))
        out[participant] = (row[grade], datetime.fromisoformat(row[modified]))
    return out


def test_moodle_worksheet_has_moodles_columns_and_imports(tmp_path: Path):
    full = dict(GOOD_ANSWERS)
    entries = {
        "Ahmed Ali_4324_assignsubmission_file/SetA_2024_11_final.ipynb":
            to_bytes(student_notebook(full)),
        "Иван Петров_51_assignsubmission_file/set-a.ipynb": to_bytes(student_notebook(
            dict(full, q8="q8 = ..."))),  # nothing waits for a person
        "Zoë Martin_52_assignsubmission_file/set-a.pdf": b"%PDF",
    }
    grade_batch(MASTER, [make_zip(tmp_path / "moodle.zip", entries)], tmp_path / "out",
                limits=LIMITS, progress=False, run_code=False)
    path = tmp_path / "out" / "moodle-grading-worksheet.csv"
    assert read_csv(path)[0] == MOODLE_WORKSHEET
    imported = moodle_import(path)
    assert set(imported) == {"4324", "51", "52"}
    assert imported["4324"][0] == ""  # q7 and q8 wait: no partial total is imported
    assert imported["52"][0] == ""  # not graded: no notebook
    assert imported["51"][0] == ""  # q7 not run (--no-code) is pending too
    row = {r[0]: r for r in read_csv(path)[1:]}
    assert row["Participant 4324"][1] == "Ahmed Ali" and row["Participant 51"][1] == "Иван Петров"
    assert "wait for a person" in row["Participant 4324"][8]
    assert "no notebook" in row["Participant 52"][8]
    assert row["Participant 4324"][4] == "20"


def test_moodle_worksheet_imports_complete_grades(tmp_path: Path):
    answers = dict(GOOD_ANSWERS, q8="q8 = ...")
    z = make_zip(tmp_path / "m.zip", {"Jane Smith_4321_assignsubmission_file/a.ipynb":
                                      to_bytes(student_notebook(answers))})
    grade_batch(MASTER, [z], tmp_path / "out", limits=LIMITS, progress=False)
    imported = moodle_import(tmp_path / "out" / "moodle-grading-worksheet.csv")
    assert imported["4321"][0] == "16"  # q8 unanswered scores 0: complete, so imported
    assert imported["4321"][1] == datetime(2026, 1, 1)  # the zip entry's date, not "now"


def test_canvas_gradebook_has_canvas_student_columns_and_no_id_suffix(tmp_path: Path):
    answers = dict(GOOD_ANSWERS, q8="q8 = ...")
    z = make_zip(tmp_path / "c.zip", {
        "smithjane_12345_500_set-a-framing.ipynb": to_bytes(student_notebook(answers)),
        "doejohn_late_222_600_set-a-framing.ipynb": to_bytes(student_notebook(GOOD_ANSWERS)),
    })
    grade_batch(MASTER, [z], tmp_path / "out", limits=LIMITS, progress=False)
    rows = read_csv(tmp_path / "out" / "canvas-gradebook.csv")
    assert rows[0][:5] == CANVAS_STUDENT and rows[0][5] == "Set A — Framing"
    assert not rows[0][5].rstrip().endswith(")")  # Canvas reads "(<digits>)" as an assignment id
    body = {r[1]: r for r in rows[1:]}
    assert body["12345"][0] == "smithjane" and body["12345"][5] == "16"
    assert body["222"][5] == ""  # q8 waits for a person


def test_feedback_html_is_self_contained_and_escaped(graded):
    page = (graded / "out1" / "feedback" / "x_b.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http://" not in page and "https://" not in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page


def test_feedback_explains_with_paragraph_numbers(graded):
    md = (graded / "out1" / "feedback" / "partial.md").read_text(encoding="utf-8")
    assert md.count("**Why:**") == 8 and "¶4.3" in md
    assert "✗ ¶9.5: “cause”; the key is “remedy”." in md


def test_gradescope_results_format(graded):
    data = json.loads((graded / "out1" / "results" / "partial.json").read_text(encoding="utf-8"))
    assert set(data) == {"score", "output", "tests"}
    assert data["score"] == sum(t["score"] for t in data["tests"])
    for test in data["tests"]:
        assert set(test) == {"name", "score", "max_score", "output", "status"}
    assert [t["max_score"] for t in data["tests"]] == [4, 1, 2, 1, 2.5, 1, 4.5, 4]


def test_summary_png_is_a_png_and_summary_has_item_difficulty(graded):
    png = (graded / "out1" / "summary.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (960, 400)
    summary = json.loads((graded / "out1" / "summary.json").read_text(encoding="utf-8"))
    q1 = summary["items"][0]
    assert q1["question"] == "q1" and 0 < q1["difficulty"] < 1
    assert sum(summary["histogram_percent"].values()) == summary["graded"]


def question(qid: str, points: float | None, status: str, max_points: float = 4.0):
    return QuestionResult(qid, "free_text" if qid == "q8" else "single_choice", max_points,
                          points, status)


def student(sid: str, *questions) -> StudentResult:
    return StudentResult(sid, f"{sid}.ipynb", "graded", questions=list(questions),
                         max_total=sum(q.max_points for q in questions))


def test_pending_is_pending_never_a_zero():
    """issue 11 §4: 97 unanswered zeros and 203 answers waiting for a person gave q8 a
    difficulty of 0.0; percentages counted the pending points as zeros."""
    master = load_master(MASTER)
    waiting = [student(f"w{i}", question("q1", 4, "correct"), question("q8", None, "pending"))
               for i in range(203)]
    blank = [student(f"b{i}", question("q1", 2, "partial"), question("q8", 0, "unanswered"))
             for i in range(97)]
    summary = batch_summary(waiting + blank, master, [])
    q8 = next(i for i in summary["items"] if i["question"] == "q8")
    assert q8["pending"] == 203 and q8["scored"] == 97 and q8["difficulty"] is None
    assert waiting[0].percent == 100.0  # 4 of the 4 points graded so far, not 4 of 8
    assert blank[0].percent == 25.0
    assert summary["histogram_percent"]["90-100"] == 203
    assert summary["pending_manual"] == 203 and summary["complete"] == 97


def test_summary_png_draws_any_counts_and_difficulties():
    """One student in a bin beside a thousand, a difficulty of 0.001, no question at all."""
    master = load_master(MASTER)
    summary = batch_summary([], master, [])
    summary["histogram_percent"] = dict.fromkeys(summary["histogram_percent"], 0)
    summary["histogram_percent"]["0-10"], summary["histogram_percent"]["90-100"] = 1, 1000
    summary["items"][0]["difficulty"] = 0.001
    assert summary_png(summary)[:8] == b"\x89PNG\r\n\x1a\n"
    summary["items"] = []
    assert summary_png(summary)[:8] == b"\x89PNG\r\n\x1a\n"


def test_summary_png_shows_pending_differently_and_is_deterministic():
    master = load_master(MASTER)
    waiting = [student("w", question("q1", 4, "correct"), question("q8", None, "pending"))]
    scored = [student("w", question("q1", 4, "correct"), question("q8", 0, "wrong"))]
    a, b = batch_summary(waiting, master, []), batch_summary(scored, master, [])
    assert summary_png(a) == summary_png(a)
    assert summary_png(a) != summary_png(b)


def test_write_atomic_never_leaves_a_half_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.json"
    write_atomic(target, b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
