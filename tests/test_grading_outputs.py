"""outputs: byte-identical re-runs, atomic writes, the gradebook layout, escaped feedback, Gradescope JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from grading_support import GOOD_ANSWERS, ROOT, student_notebook, write_batch, write_notebook
from medialit.grading.limits import Limits
from medialit.grading.master import load_master
from medialit.grading.outputs import gradebook_columns, write_atomic
from medialit.grading.pipeline import grade_batch

MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
LIMITS = Limits(code_wall_seconds=2, code_test_seconds=0.4)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("outputs")
    write_batch(root / "subs")
    hostile = dict(GOOD_ANSWERS, q5='q5 = {"<script>alert(1)</script>": "8.4"}')
    write_notebook(root / "subs" / "x<b>.ipynb", student_notebook(hostile))
    grade_batch(MASTER, [root / "subs"], root / "out1", jobs=1, limits=LIMITS, progress=False)
    grade_batch(MASTER, [root / "subs"], root / "out2", jobs=2, limits=LIMITS, progress=False)
    return root


def test_rerun_gives_byte_identical_outputs_whatever_the_job_count(graded):
    first, second = tree(graded / "out1"), tree(graded / "out2")
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different


def test_gradebook_layout_for_canvas_and_moodle(graded):
    rows = list(csv.reader(io.StringIO((graded / "out1" / "gradebook.csv").read_text("utf-8"))))
    header = rows[0]
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert header[5] == "Set A — Framing (20)"
    assert header == gradebook_columns(load_master(MASTER))
    assert "Identifier" in header and "Status" in header
    body = {r[1]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert [r[1] for r in rows[1:]] == sorted(body)
    assert body["good"]["Set A — Framing (20)"] == "16" and body["good"]["q5 (2.5)"] == "2.5"
    assert body["good"]["Pending manual"] == "q8"
    assert body["empty"]["Status"] == "error" and "empty" in body["empty"]["Message"]
    assert body["good"]["Identifier"] == "Participant good"


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
    assert (graded / "out1" / "summary.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads((graded / "out1" / "summary.json").read_text(encoding="utf-8"))
    q1 = summary["items"][0]
    assert q1["question"] == "q1" and 0 < q1["difficulty"] < 1
    assert sum(summary["histogram_percent"].values()) == summary["graded"]


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
