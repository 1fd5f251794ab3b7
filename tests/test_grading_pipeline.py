"""pipeline: every bad input of issue 5 gives its student a clear row; the rest is graded.

One batch holds all the bad cases next to good and partial submissions; each test checks one
row. Code limits are short (2 s per submission) to keep the suite fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grading_support import (
    GOOD_ANSWERS,
    PARTIAL_ANSWERS,
    ROOT,
    json_bytes,
    make_zip,
    released_notebook,
    student_notebook,
    to_bytes,
    write_notebook,
)
from medialit.grading.limits import Limits
from medialit.grading.pipeline import grade_batch

MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
LIMITS = Limits(code_wall_seconds=2, code_test_seconds=0.4, max_notebook_bytes=2 * 2**20,
                code_output_chars=2000, code_memory_bytes=384 * 2**20)


def with_function(body: str) -> dict:
    return dict(GOOD_ANSWERS, q7=body)


def make_bad_batch(folder: Path) -> Path:
    folder.mkdir(parents=True)
    w = write_notebook
    w(folder / "good.ipynb", student_notebook(GOOD_ANSWERS))
    w(folder / "partial.ipynb", student_notebook(PARTIAL_ANSWERS))
    (folder / "empty.ipynb").write_bytes(b"")
    (folder / "notjson.ipynb").write_bytes(b"\x89PNG this is an image")
    (folder / "jsonnotnb.ipynb").write_bytes(json_bytes({"name": "not a notebook"}))
    other = student_notebook(GOOD_ANSWERS)
    other.metadata["medialit"]["set"] = "set-b-sourcing"
    w(folder / "otherset.ipynb", other)
    w(folder / "deleted.ipynb", student_notebook(GOOD_ANSWERS, drop=("q3",)))
    dup = student_notebook(GOOD_ANSWERS)
    extra = next(c for c in dup.cells if c.metadata.get("medialit", {}).get("question") == "q2")
    dup.cells.append(type(extra)(extra, source='q2 = "C"'))
    dup.cells[-1]["id"] = "copied-cell"
    w(folder / "duplicated.ipynb", dup)
    stripped = student_notebook(GOOD_ANSWERS)
    stripped.metadata = {}
    for cell in stripped.cells:
        cell.metadata = {}
    w(folder / "stripped.ipynb", stripped)
    w(folder / "codeanswer.ipynb", student_notebook(dict(GOOD_ANSWERS,
                                                         q1='q1 = dict(zip(ids, labels))')))
    w(folder / "wrongtype.ipynb", student_notebook(dict(
        GOOD_ANSWERS, q3='q3 = "A, C"', q1=GOOD_ANSWERS["q1"].replace('"Remedy"', '"solution"'))))
    big = student_notebook(GOOD_ANSWERS)
    big.cells[3].outputs = [{"output_type": "stream", "name": "stdout", "text": "x" * 3 * 2**20}]
    (folder / "bigoutput.ipynb").write_bytes(to_bytes(_from_dict(big)))
    w(folder / "biganswer.ipynb", student_notebook(dict(
        GOOD_ANSWERS, q5="q5 = {" + ", ".join(f'"k{i}": "v"' for i in range(5000)) + "}")))
    w(folder / "loop.ipynb", student_notebook(with_function(
        "def remedy_sentences(doc, cues):\n    while True:\n        pass\n")))
    w(folder / "forkbomb.ipynb", student_notebook(with_function(
        "import os\ndef remedy_sentences(doc, cues):\n    while True:\n        os.fork()\n")))
    w(folder / "membomb.ipynb", student_notebook(with_function(
        "def remedy_sentences(doc, cues):\n    hog = []\n    while True:\n"
        "        hog.append(bytearray(50 * 1024 * 1024))\n")))
    w(folder / "snoop.ipynb", student_notebook(with_function(
        "import os\ndef remedy_sentences(doc, cues):\n    print(dict(os.environ))\n"
        f"    return open({str(MASTER)!r}).read()\n")))
    w(folder / "printer.ipynb", student_notebook(with_function(
        GOOD_ANSWERS["q7"].replace("    return found", "    print('x' * 100_000_000)\n"
                                                       "    return found"))))
    (folder / "latin1.ipynb").write_bytes(to_bytes(student_notebook(GOOD_ANSWERS))
                                          .replace("é".encode(), b"\xe9")
                                          .replace("—".encode(), b"\x97"))
    make_zip(folder / "lms.zip", {
        "smithjane_111_9_set-a-framing.ipynb": to_bytes(student_notebook(GOOD_ANSWERS)),
        "../escape_222_9_set-a-framing.ipynb": to_bytes(released_notebook()),
        "/etc/abs_333_9_set-a-framing.ipynb": to_bytes(released_notebook()),
    })
    return folder


def _from_dict(nb):
    import nbformat
    return nbformat.from_dict(json.loads(json.dumps(nb)))


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    subs = make_bad_batch(root / "subs")
    report = grade_batch(MASTER, [subs], root / "out", jobs=2, limits=LIMITS, progress=False)
    rows = {r.student_id: r for r in report.results}
    return rows, root


def q(row, qid):
    return next(x for x in row.questions if x.question == qid)


def test_every_submission_has_one_row(batch):
    rows, root = batch
    assert set(rows) == {"good", "partial", "empty", "notjson", "jsonnotnb", "otherset",
                         "deleted", "duplicated", "stripped", "codeanswer", "wrongtype",
                         "bigoutput", "biganswer", "loop", "forkbomb", "membomb", "snoop",
                         "printer", "latin1", "111", "222", "333"}
    gradebook = (root / "out" / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    assert len(gradebook) == 1 + len(rows)


def test_good_and_partial_are_graded(batch):
    rows, _ = batch
    assert rows["good"].status == "graded" and rows["good"].total == 16
    assert rows["good"].pending == ["q8"]
    assert rows["partial"].status == "graded" and 0 < rows["partial"].total < 16
    assert rows["111"].total == 16 and rows["111"].name == "smithjane"


@pytest.mark.parametrize("sid, words", [
    ("empty", "the file is empty"),
    ("notjson", "not UTF-8"),
    ("jsonnotnb", "JSON but not a Jupyter notebook"),
    ("otherset", "belongs to set 'set-b-sourcing'"),
    ("latin1", "not UTF-8 text"),
    ("bigoutput", "cap"),
    ("222", "outside the archive"),
    ("333", "outside the archive"),
])
def test_unreadable_files_are_error_rows_with_a_reason(batch, sid, words):
    row = batch[0][sid]
    assert row.status == "error" and words in row.message and row.total == 0


def test_deleted_answer_cell(batch):
    row = batch[0]["deleted"]
    assert row.status == "graded-with-notes" and q(row, "q3").status == "missing"
    assert "was the cell deleted" in row.message and row.total == 14


def test_duplicated_answer_cell_grades_the_last(batch):
    row = batch[0]["duplicated"]
    assert q(row, "q2").points == 0 and "last one" in row.message


def test_stripped_metadata_falls_back_and_says_so(batch):
    row = batch[0]["stripped"]
    assert row.total == 16 and row.status == "graded-with-notes"
    assert "found by the name 'q1'" in row.message and "no set id" in row.message


def test_code_instead_of_literal(batch):
    row = batch[0]["codeanswer"]
    assert q(row, "q1").points == 0 and "must be a plain value" in q(row, "q1").lines[0]


def test_wrong_type_and_unknown_label(batch):
    row = batch[0]["wrongtype"]
    assert q(row, "q3").status == "wrong" and "'A, C' is not an option" in q(row, "q3").lines[0]
    assert q(row, "q1").points == 3.5 and any("'solution'" in x for x in q(row, "q1").lines)


def test_gigantic_answer_is_capped(batch):
    row = batch[0]["biganswer"]
    assert q(row, "q5").status == "invalid" and "above the cap" in q(row, "q5").lines[0]


@pytest.mark.parametrize("sid, words", [
    ("loop", ["more than"]),
    # bubblewrap: RLIMIT_NPROC binds uid 65534 / the fallback's audit hook refuses
    ("forkbomb", ["raised BlockingIOError", "raised PermissionError"]),
    # zeroing 1 GB costs CPU time too: on a loaded machine the CPU limit may come first
    ("membomb", ["MemoryError", "of CPU time"]),
    # bubblewrap: the master is not in the sandbox at all / the fallback's audit hook refuses
    ("snoop", ["raised FileNotFoundError", "raised PermissionError"]),
])
def test_hostile_code_scores_zero_with_a_message(batch, sid, words):
    row = batch[0][sid]
    code = q(row, "q7")
    assert code.points == 0 and any(w in "\n".join(code.lines) for w in words)
    assert row.total == 16 - 4.5  # every other answer still counts


def test_snooping_code_sees_no_environment(batch):
    output = q(batch[0]["snoop"], "q7").answer_text
    assert "GRADER" not in output and "VIRTUAL_ENV" not in output


def test_printing_100_mb_is_still_graded_and_none_of_it_is_kept(batch):
    code = q(batch[0]["printer"], "q7")
    assert code.points == 4.5 and code.answer_text == ""
    assert any("printed something" in line for line in code.lines)


def test_outputs_exist_for_every_student(batch):
    rows, root = batch
    out = root / "out"
    for sid in rows:
        json.loads((out / "results" / f"{sid}.json").read_text(encoding="utf-8"))
        assert (out / "feedback" / f"{sid}.html").read_text(encoding="utf-8").endswith("</html>\n")
        assert (out / "feedback" / f"{sid}.md").stat().st_size > 100
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["students"] == len(rows) and summary["errors"] == 8
    assert not list(out.rglob(".*.tmp")), "no temporary files left"


def test_summary_records_how_the_code_exercises_were_isolated(batch):
    """The instructor's summary says which sandbox mode ran the code (and keeps it on a re-render)."""
    from medialit.grading.isolation import current_isolation
    from medialit.grading.pipeline import rewrite_outputs

    out = batch[1] / "out"
    mode = current_isolation().summary
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["code_sandbox"] == mode
    rewrite_outputs(out)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["code_sandbox"] == mode


def test_no_code_leaves_the_code_question_pending_not_zero(tmp_path: Path):
    write_notebook(tmp_path / "subs" / "jane.ipynb", student_notebook(GOOD_ANSWERS))
    report = grade_batch(MASTER, [tmp_path / "subs"], tmp_path / "out", progress=False,
                         run_code=False)
    (row,) = report.results
    assert q(row, "q7").points is None and row.pending == ["q7", "q8"]
    manual = (tmp_path / "out" / "manual.csv").read_text(encoding="utf-8")
    assert ",q8," in manual and ",q7," not in manual
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["code_sandbox"] == ""


def test_grading_one_submission_never_raises_on_a_grader_bug(monkeypatch):
    """An internal error becomes that student's error row; the batch goes on."""
    from medialit.grading import pipeline
    from medialit.grading.master import load_master
    from medialit.grading.submissions import Submission

    def broken(work):
        raise KeyError("bug")

    monkeypatch.setattr(pipeline, "STEPS", (pipeline.step_read, broken))
    row = pipeline.grade_submission(Submission("x", "x.ipynb", b"{}"), load_master(MASTER))
    assert row.status == "error" and "internal grader error" in row.message


def test_a_stripped_set_b_notebook_is_not_graded_as_set_a(tmp_path: Path):
    """issue 11 §3: Set B with its metadata stripped scored 1/20 against Set A's key."""
    import nbformat
    nb = nbformat.read(ROOT / "exercises" / "set-b-sourcing.ipynb", as_version=4)
    nb.metadata = {}
    for cell in nb.cells:
        cell.metadata = {}
    write_notebook(tmp_path / "subs" / "b.ipynb", nb)
    (row,) = grade_batch(MASTER, [tmp_path / "subs"], tmp_path / "out", progress=False,
                         run_code=False).results
    assert row.status == "error" and "'set-b-sourcing', not 'set-a-framing'" in row.message


def test_an_lms_download_gives_one_row_per_student_with_the_other_attempts(tmp_path: Path):
    """issue 11 §2 end to end: newest attempt graded; the older one in the feedback and the
    report; a student who uploaded only a PDF gets an error row."""
    old, new = student_notebook(PARTIAL_ANSWERS), student_notebook(GOOD_ANSWERS)
    z = make_zip(tmp_path / "bb.zip", {
        "Set A_jsmith_attempt_2024-11-20-09-00-00_set-a-framing.ipynb": to_bytes(old),
        "Set A_jsmith_attempt_2024-11-25-14-03-07_set-a-framing.ipynb": to_bytes(new),
        "Set A_jsmith_attempt_2024-11-25-14-03-07.txt": b"Name: Jane Smith (jsmith)\n",
        "Set A_adoe_attempt_2024-11-24-10-00-00_set-a-framing.pdf": b"%PDF",
    })
    report = grade_batch(MASTER, [z], tmp_path / "out", progress=False, run_code=False)
    rows = {r.student_id: r for r in report.results}
    assert set(rows) == {"jsmith", "adoe"}
    assert rows["jsmith"].total == 11.5 and rows["jsmith"].name == "Jane Smith"
    assert rows["adoe"].status == "error" and "set-a-framing.pdf" in rows["adoe"].message
    feedback = (tmp_path / "out" / "feedback" / "jsmith.md").read_text(encoding="utf-8")
    assert "Not graded (your other files):** set-a-framing.ipynb (attempt 2024-11-20 09:00:00)" \
        in feedback
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    (older,) = summary["not_graded_attempts"]
    assert older["student_id"] == "jsmith" and "2024-11-20" in older["source"]
