"""manual: open answers go to manual.csv; filled-in scores merge back and survive a re-grade."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from grading_support import ROOT, write_batch
from medialit.grading.limits import Limits
from medialit.grading.manual import merge_manual
from medialit.grading.pipeline import grade_batch, rewrite_outputs

MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
LIMITS = Limits(code_wall_seconds=2, code_test_seconds=0.4)


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    files = write_batch(tmp_path / "subs")
    files["broken"].unlink()  # its endless loop only slows this test down
    grade_batch(MASTER, [tmp_path / "subs"], tmp_path / "out", limits=LIMITS, progress=False)
    return tmp_path / "out"


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def fill(path: Path, scores: dict[str, str]) -> Path:
    data = rows(path)
    for row in data:
        row["Score"] = scores.get(row["ID"], row["Score"])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(data[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    filled = path.with_name("filled.csv")
    filled.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")  # as Excel saves it
    return filled


def test_manual_csv_lists_open_answers_with_rubric_and_empty_score(out: Path):
    data = rows(out / "manual.csv")
    assert [(r["ID"], r["Question"]) for r in data] == [("good", "q8"), ("partial", "q8")]
    assert all(r["Score"] == "" for r in data)
    # q8's analytic rubric: four criteria of 0–3, so every third of a point from 0 to 4 is a score
    assert data[0]["Allowed scores"] == ("0 | 0.33 | 0.67 | 1 | 1.33 | 1.67 | 2 | 2.33 | 2.67 | 3 "
                                         "| 3.33 | 3.67 | 4")
    assert "no side taken — 0: argues who is right" in data[0]["Rubric"]
    assert "score = 4 × (sum of the criterion levels) / 12" in data[0]["Rubric"]
    assert "posing an imminent threat" in data[0]["Answer"]


def test_merge_updates_every_output_and_reports_bad_rows(out: Path):
    filled = fill(out / "manual.csv", {"good": "4", "partial": "2.5"})  # 2.5: no sum of levels
    merged, problems = merge_manual(filled, out)
    assert merged == 1 and len(problems) == 1 and "not one of the rubric levels" in problems[0]
    rewrite_outputs(out)
    gradebook = {r["ID"]: r for r in rows(out / "gradebook.csv")}
    assert gradebook["good"]["Set A — Framing (20)"] == "20"
    assert gradebook["good"]["Pending manual"] == ""
    assert gradebook["partial"]["Pending manual"] == "q8"
    assert "rubric score 4 of 4" in (out / "feedback" / "good.md").read_text(encoding="utf-8")
    results = json.loads((out / "results" / "good.json").read_text(encoding="utf-8"))
    assert results["score"] == 20
    assert rows(out / "manual.csv")[0]["Score"] == "4"


@pytest.mark.parametrize("score, words", [("four", "not a number"), ("5", "rubric levels")])
def test_bad_scores_are_skipped_with_a_reason(out: Path, score, words):
    merged, problems = merge_manual(fill(out / "manual.csv", {"good": score}), out)
    assert merged == 0 and words in problems[0]


def test_unknown_student_is_reported(out: Path):
    path = out / "extra.csv"
    path.write_text("ID,Question,Score\nnobody,q8,4\n", encoding="utf-8")
    merged, problems = merge_manual(path, out)
    assert merged == 0 and "no open answer" in problems[0]


def test_missing_columns_are_reported(out: Path):
    path = out / "bad.csv"
    path.write_text("Name,Points\nx,1\n", encoding="utf-8")
    assert "columns missing" in merge_manual(path, out)[1][0]


def test_merged_scores_survive_a_regrade(out: Path, tmp_path: Path):
    merge_manual(fill(out / "manual.csv", {"good": "2"}), out)
    grade_batch(MASTER, [tmp_path / "subs"], out, limits=LIMITS, progress=False)
    gradebook = {r["ID"]: r for r in rows(out / "gradebook.csv")}
    assert gradebook["good"]["q8 (4)"] == "2"


def test_merge_rewrites_only_the_last_batch(out: Path, tmp_path: Path):
    """Records of an older batch in the same folder do not come back into the gradebook."""
    (out / "records" / "old-student.json").write_text(
        (out / "records" / "good.json").read_text(encoding="utf-8").replace(
            '"student_id": "good"', '"student_id": "old-student"'), encoding="utf-8")
    merge_manual(fill(out / "manual.csv", {"good": "4"}), out)
    rewrite_outputs(out)
    assert "old-student" not in (out / "gradebook.csv").read_text(encoding="utf-8")


def test_a_changed_answer_does_not_inherit_the_old_rubric_score(out: Path, tmp_path: Path):
    """A resubmission graded into the same folder: the unchanged answer keeps its score, the
    changed one waits for a new score and its feedback says why."""
    import nbformat

    merge_manual(fill(out / "manual.csv", {"good": "4", "partial": "2"}), out)
    changed = next((tmp_path / "subs").glob("partial*.ipynb"))
    nb = nbformat.read(changed, as_version=4)
    cell = next(c for c in nb.cells if c.source.startswith("q8 ="))
    cell.source = 'q8 = """A new answer, written after the feedback."""'
    nbformat.write(nb, changed)
    grade_batch(MASTER, [tmp_path / "subs"], out, limits=LIMITS, progress=False)
    gradebook = {r["ID"]: r for r in rows(out / "gradebook.csv")}
    assert gradebook["good"]["q8 (4)"] == "4" and gradebook["good"]["Pending manual"] == ""
    assert gradebook["partial"]["q8 (4)"] == "" and gradebook["partial"]["Pending manual"] == "q8"
    feedback = (out / "feedback" / "partial.md").read_text(encoding="utf-8")
    assert "the answer has changed" in feedback
    assert [(r["ID"], r["Score"]) for r in rows(out / "manual.csv")] == [("good", "4"),
                                                                        ("partial", "")]
    rewrite_outputs(out)  # a later merge or rewrite keeps it that way, with one note
    assert (out / "feedback" / "partial.md").read_text(encoding="utf-8").count(
        "the answer has changed") == 1
