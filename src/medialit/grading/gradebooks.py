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


_LINE = io.StringIO()
_LINE_WRITER = csv.writer(_LINE, lineterminator="\n")


def _csv_module_line(row: list[str]) -> str:
    _LINE.seek(0)
    _LINE.truncate()
    _LINE_WRITER.writerow(row)
    return _LINE.getvalue()


def csv_line(row: list[str]) -> str:
    """One row as the writer of :func:`_csv` writes it (a row's text never depends on the
    others): what a grading process renders for its students, for the batch to join.

    The csv module's rule for this dialect (QUOTE_MINIMAL, ``"`` doubled, ``\n`` ends a
    line), applied with ``str`` methods: a field holding a comma, a quote or a newline is
    quoted, its quotes doubled; the rest is written as it is. The csv module looks at each
    character with a function call, which cost a tenth of a millisecond on an essay; a row of
    one field, or a field that is not text, is left to it. tests/test_grading_batch_lines.py
    compares the two on generated rows."""
    if len(row) < 2 or any(type(field) is not str for field in row):
        return _csv_module_line(row)
    return ",".join(f'"{field.replace(chr(34), chr(34) * 2)}"'
                    if "," in field or '"' in field or "\n" in field else field
                    for field in row) + "\n"


def final_grade(result: StudentResult) -> str:
    """The grade a platform may import: empty until every answer is scored."""
    return number(result.total) if result.complete else ""


def plain_columns(master: Master) -> list[str]:
    return ["ID", "Student", "Platform", "Status",
            f"{master.title} ({number(master.total_points)})",
            *[f"{q.id} ({number(q.points)})" for q in master.questions],
            "Pending manual", "Pending points", "Percent of graded points", "Received",
            "Graded file", "Not graded (other attempts)", "Message"]


def plain_row(r: StudentResult, master: Master) -> list[str]:
    by_id = {q.question: q for q in r.questions}
    per_question = [number(by_id[q.id].points) if q.id in by_id else ""
                    for q in master.questions]
    graded = r.status != "error"
    return [r.student_id, r.name, r.platform, r.status,
            number(r.total) if graded else "", *per_question, " ".join(r.pending),
            number(r.pending_points) if graded else "", number(r.percent),
            r.received, r.source, " | ".join(r.other_attempts), r.message]


def plain_gradebook(results: list[StudentResult], master: Master) -> bytes:
    return _csv([plain_columns(master), *(plain_row(r, master) for r in results)])


def canvas_row(r: StudentResult) -> list[str]:
    canvas = r.platform == "canvas"
    return [r.name or r.student_id, r.student_id if canvas else "",
            "" if canvas else r.student_id, "", "", final_grade(r)]


def canvas_gradebook(results: list[StudentResult], master: Master) -> bytes:
    return _csv([[*CANVAS_STUDENT_COLUMNS, master.title], *(canvas_row(r) for r in results)])


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


def moodle_row(r: StudentResult, master: Master) -> list[str]:
    when = r.received.replace("T", " ")
    status = "not graded" if r.status == "error" else (
        "awaiting a person" if r.pending else "graded")
    return [f"{MOODLE_PARTICIPANT}{r.student_id}", r.name or r.student_id, status,
            final_grade(r), number(master.total_points), "Yes", when, when, moodle_feedback(r)]


def moodle_worksheet(results: list[StudentResult], master: Master) -> bytes:
    return _csv([list(MOODLE_COLUMNS), *(moodle_row(r, master) for r in results)])


def student_lines(result: StudentResult, master: Master) -> dict[str, str]:
    """The student's row of each gradebook, as text (see :func:`gradebook_files`)."""
    return {"gradebook.csv": csv_line(plain_row(result, master)),
            "canvas-gradebook.csv": csv_line(canvas_row(result)),
            "moodle-grading-worksheet.csv": csv_line(moodle_row(result, master))}


def gradebook_files(results: list[StudentResult], master: Master,
                    lines: dict[str, dict[str, str]] | None = None) -> dict[str, bytes]:
    """Every gradebook, by file name. ``lines`` (student id → :func:`student_lines`, rendered
    by the processes that graded the students) is joined instead of rendered again here: the
    same bytes (a test compares them)."""
    if lines is None or any(r.student_id not in lines for r in results):
        return {"gradebook.csv": plain_gradebook(results, master),
                "canvas-gradebook.csv": canvas_gradebook(results, master),
                "moodle-grading-worksheet.csv": moodle_worksheet(results, master)}
    headers = {"gradebook.csv": plain_columns(master),
               "canvas-gradebook.csv": [*CANVAS_STUDENT_COLUMNS, master.title],
               "moodle-grading-worksheet.csv": list(MOODLE_COLUMNS)}
    return {name: (csv_line(header) + "".join(lines[r.student_id][name] for r in results)
                   ).encode("utf-8")
            for name, header in headers.items()}
