"""The batch-wide CSVs joined from lines the workers rendered are the bytes rendered at once.

``grade_batch`` has each grading process render its students' lines of the gradebooks and of
manual.csv (pipeline._grade_and_write); the batch joins them. ``rewrite_outputs`` (after
``--merge-manual``) renders them in one process. Both must write the same files.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from grading_support import (
    GOOD_ANSWERS,
    PARTIAL_ANSWERS,
    ROOT,
    student_notebook,
    write_batch,
    write_notebook,
)
from medialit.grading.gradebooks import FILES, gradebook_files
from medialit.grading.manual import manual_csv
from medialit.grading.master import load_master
from medialit.grading.outputs import batch_lines
from medialit.grading.pipeline import grade_batch, rewrite_outputs

MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
BATCH_FILES = [*FILES, "manual.csv"]


def _batch(folder: Path) -> Path:
    write_batch(folder)
    write_notebook(folder / "comma, \"quoted\"_1_2_x.ipynb", student_notebook(PARTIAL_ANSWERS))
    essay = 'q8 = """a line, with "quotes"\nand a second line"""'
    write_notebook(folder / "newline.ipynb", student_notebook(dict(GOOD_ANSWERS, q8=essay)))
    (folder / "empty.ipynb").write_bytes(b"")
    return folder


def test_joined_lines_are_the_files_rendered_at_once(tmp_path: Path):
    report = grade_batch(MASTER, [_batch(tmp_path / "subs")], tmp_path / "out",
                         jobs=1, progress=False, run_code=False)
    master = load_master(MASTER)
    results = sorted(report.results, key=lambda r: r.student_id)
    assert any(r.status == "error" for r in results) and any(r.pending for r in results)
    lines = {r.student_id: batch_lines(r, master) for r in results}
    assert gradebook_files(results, master, lines) == gradebook_files(results, master)
    manual = {sid: ls["manual.csv"] for sid, ls in lines.items()}
    assert manual_csv(results, manual) == manual_csv(results)
    assert b'"a line, with ""quotes""\nand a second line"' in manual_csv(results, manual)


def test_a_graded_batch_and_its_rewrite_write_the_same_csvs(tmp_path: Path):
    out = tmp_path / "out"
    grade_batch(MASTER, [_batch(tmp_path / "subs")], out, jobs=2, progress=False,
                run_code=False)
    graded = {name: (out / name).read_bytes() for name in BATCH_FILES}
    assert len(graded["gradebook.csv"].splitlines()) > 5
    rewrite_outputs(out)
    assert {name: (out / name).read_bytes() for name in BATCH_FILES} == graded
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rows = list(csv.reader(io.StringIO(graded["gradebook.csv"].decode("utf-8"))))
    assert summary["students"] == len(rows) - 1


def test_a_student_without_lines_is_rendered_here(tmp_path: Path):
    report = grade_batch(MASTER, [_batch(tmp_path / "subs")], tmp_path / "out",
                         jobs=1, progress=False, run_code=False)
    master = load_master(MASTER)
    results = sorted(report.results, key=lambda r: r.student_id)
    lines = {r.student_id: batch_lines(r, master) for r in results[1:]}
    assert gradebook_files(results, master, lines) == gradebook_files(results, master)


def test_csv_line_writes_what_the_csv_module_writes():
    import random

    from medialit.grading.gradebooks import _csv_module_line, csv_line

    rng = random.Random(5)
    alphabet = list("ab ,\"'\n\r\t;#|é“”¶\u2028\x00") + ["", "  ", '""', ",,"]
    for _ in range(5000):
        row = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
               for _ in range(rng.randint(1, 6))]
        assert csv_line(row) == _csv_module_line(row), row
    assert csv_line(["", ""]) == ",\n" and csv_line([""]) == '""\n'
    assert csv_line(["a", 'say "hi", then\nleave']) == 'a,"say ""hi"", then\nleave"\n'


def test_a_remembered_score_is_the_score_of_that_very_literal():
    """pipeline._graded_value remembers scores by the literal's repr: equal reprs are equal
    values of equal types; 'A', {'A'}, ['A'], 1, '1' and True are each scored as themselves."""
    from medialit.grading.pipeline import _graded_value
    from medialit.grading.score import grade_value

    master = load_master(MASTER)
    for q in master.questions:
        if q.type in ("code", "free_text"):
            continue
        for value in ("A", "a", {"A"}, {"A", "C"}, {"C", "A"}, ["A"], ("A",), 1, "1", True,
                      None, {"1.1": "problem"}, {"¶1 s1": "Problem"}, ...):
            for _ in range(2):  # the second time from the memo
                remembered = _graded_value(master, q, value)
                fresh = grade_value(q.spec, value, master.question_models.get(q.id),
                                    master.public_formats[q.id])
                assert repr(remembered) == repr(fresh), (q.id, value)
