"""One gradebook CSV per platform, all rendered from the same records.

``gradebook.csv`` (plain)
    Every figure the grader has, one row per student: id, name, platform, status, points so
    far (the ``<set title> (<max>)`` column), each question, the questions and points waiting
    for a person, the share of the graded points, when the file was received, the file graded,
    the student's other files that were not graded, and the message.
``canvas-gradebook.csv`` (Canvas: Grades → Import)
    ``Student, ID, SIS User ID, SIS Login ID, Section, <set title>`` — the student columns of
    Canvas's own gradebook export, then one assignment column. Canvas matches a row on ``ID``
    (its user id, which Canvas bulk-download names carry); a row of another platform puts the
    grader's id in ``SIS User ID`` instead. The column is named by the set's title without
    the ``(20)`` a points suffix would add, because Canvas reads a trailing ``(<number>)`` as
    an assignment id.
``moodle-grading-worksheet.csv`` (Moodle assignment: Upload grading worksheet)
    The columns of Moodle's own worksheet (``mod/assign/gradingtable.php`` in download mode):
    ``Identifier, Full name, Status, Grade, Maximum Grade, Grade can be changed,
    Last modified (submission), Last modified (grade), Feedback comments``. Moodle's importer
    (``mod/assign/feedback/offline/importgradeslib.php``) needs ``Identifier``
    (``Participant <id>``, the id in Moodle download names), ``Grade`` and
    ``Last modified (grade)``; feedback columns are matched by name. It skips a row whose
    grade is empty, and one whose Moodle grade was changed more than a minute after the
    ``Last modified (grade)`` written here — the time the download recorded for the file — so
    a grade a teacher edited after downloading is never overwritten.

A student with answers waiting for a person, or whose file could not be graded, gets an
empty grade in the platform files (never a partial total that would look final); the plain
file has the points so far. No timestamp of the grading run enters any file.
"""

from __future__ import annotations

import csv
import io

from .master import Master
from .results import StudentResult, number

CANVAS_STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_COLUMNS = ["Identifier", "Full name", "Status", "Grade", "Maximum Grade",
                  "Grade can be changed", "Last modified (submission)", "Last modified (grade)",
                  "Feedback comments"]
MOODLE_PARTICIPANT = "Participant "  # Moodle's get_string('hiddenuser', 'assign')

FILES = {"gradebook.csv": "plain", "canvas-gradebook.csv": "canvas",
         "moodle-grading-worksheet.csv": "moodle"}


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def final_grade(result: StudentResult) -> str:
    """The grade a platform may import: empty until every answer is scored."""
    return number(result.total) if result.complete else ""


def plain_columns(master: Master) -> list[str]:
    return ["ID", "Student", "Platform", "Status",
            f"{master.title} ({number(master.total_points)})",
            *[f"{q.id} ({number(q.points)})" for q in master.questions],
            "Pending manual", "Pending points", "Percent of graded points", "Received",
            "Graded file", "Not graded (other attempts)", "Message"]


def plain_gradebook(results: list[StudentResult], master: Master) -> bytes:
    rows = [plain_columns(master)]
    for r in results:
        by_id = {q.question: q for q in r.questions}
        per_question = [number(by_id[q.id].points) if q.id in by_id else ""
                        for q in master.questions]
        graded = r.status != "error"
        rows.append([r.student_id, r.name, r.platform, r.status,
                     number(r.total) if graded else "", *per_question, " ".join(r.pending),
                     number(r.pending_points) if graded else "", number(r.percent),
                     r.received, r.source, " | ".join(r.other_attempts), r.message])
    return _csv(rows)


def canvas_gradebook(results: list[StudentResult], master: Master) -> bytes:
    rows = [[*CANVAS_STUDENT_COLUMNS, master.title]]
    for r in results:
        canvas = r.platform == "canvas"
        rows.append([r.name or r.student_id, r.student_id if canvas else "",
                     "" if canvas else r.student_id, "", "", final_grade(r)])
    return _csv(rows)


def moodle_feedback(result: StudentResult) -> str:
    """A one-line summary for Moodle's "Feedback comments" (the full feedback is a file)."""
    if result.status == "error":
        return f"Not graded: {result.message}"
    parts = [f"{q.question} {'pending' if q.points is None else number(q.points)}/"
             f"{number(q.max_points)}" for q in result.questions]
    head = f"{number(result.total)} of {number(result.max_total)} points"
    if result.pending:
        head += (f" so far; {number(result.pending_points)} points wait for a person "
                 f"({', '.join(result.pending)})")
    return f"{head}. " + "; ".join(parts)


def moodle_worksheet(results: list[StudentResult], master: Master) -> bytes:
    rows = [list(MOODLE_COLUMNS)]
    for r in results:
        when = r.received.replace("T", " ")
        status = "not graded" if r.status == "error" else (
            "awaiting a person" if r.pending else "graded")
        rows.append([f"{MOODLE_PARTICIPANT}{r.student_id}", r.name or r.student_id, status,
                     final_grade(r), number(master.total_points), "Yes", when, when,
                     moodle_feedback(r)])
    return _csv(rows)


def gradebook_files(results: list[StudentResult], master: Master) -> dict[str, bytes]:
    """Every gradebook, by file name."""
    return {"gradebook.csv": plain_gradebook(results, master),
            "canvas-gradebook.csv": canvas_gradebook(results, master),
            "moodle-grading-worksheet.csv": moodle_worksheet(results, master)}
