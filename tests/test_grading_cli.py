"""CLI: release, grade and merge through click; a grader killed mid-batch leaves whole files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from grading_support import GOOD_ANSWERS, ROOT, student_notebook, write_notebook
from medialit.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_release_check_passes_when_in_sync():
    result = run("release", "--check", "--solutions", str(ROOT / "solutions"),
                 "--exercises", str(ROOT / "exercises"))
    assert result.exit_code == 0 and "up to date" in result.output


def test_release_check_fails_when_out_of_sync(tmp_path: Path):
    result = run("release", "--check", "--solutions", str(ROOT / "solutions"),
                 "--exercises", str(tmp_path))
    assert result.exit_code == 2 and "out of sync" in result.output
    assert not list(tmp_path.iterdir())


def test_grade_prints_the_summary_and_item_difficulty(tmp_path: Path):
    write_notebook(tmp_path / "subs" / "jane.ipynb", student_notebook(GOOD_ANSWERS))
    result = run("grade", "a", str(tmp_path / "subs"), "--out", str(tmp_path / "out"),
                 "--solutions", str(ROOT / "solutions"), "--no-progress", "--time-limit", "2")
    assert result.exit_code == 0, result.output
    assert "1 submission(s) of set-a-framing: 1 graded" in result.output
    assert "difficulty" in result.output and "q7        code" in result.output


def test_grade_usage_errors_are_clear(tmp_path: Path):
    assert run("grade", "--out", str(tmp_path)).exit_code == 2
    result = run("grade", "zz", str(tmp_path), "--out", str(tmp_path / "o"),
                 "--solutions", str(ROOT / "solutions"))
    assert result.exit_code == 2 and "no set 'zz'" in result.output
    result = run("grade", "a", str(tmp_path), "--out", str(tmp_path / "o"), "--id-pattern", "(",
                 "--solutions", str(ROOT / "solutions"))
    assert result.exit_code == 2 and "not a valid regular expression" in result.output
    result = run("grade", "--merge-manual", __file__, "--out", str(tmp_path))
    assert result.exit_code == 2 and "no graded batch" in result.output


def test_killing_the_grader_mid_batch_leaves_finished_outputs_whole(tmp_path: Path):
    """SIGKILL after the first students are written: what exists parses; a re-run completes."""
    subs = tmp_path / "subs"
    for i in range(30):
        write_notebook(subs / f"s{i:02d}.ipynb", student_notebook(GOOD_ANSWERS))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "medialit.cli", "grade", "a", str(subs), "--out", str(out),
               "--solutions", str(ROOT / "solutions"), "--no-progress", "--time-limit", "2"]
    proc = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if len(list((out / "records").glob("*.json"))) >= 3:
                break
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    records = sorted((out / "records").glob("*.json"))
    assert 3 <= len(records) < 30, "the batch finished before it could be killed"
    assert not (out / "gradebook.csv").exists()
    for path in out.rglob("*"):
        if path.is_dir() or path.name.startswith("."):
            continue  # hidden .tmp files are the only ones a kill may leave
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".html":
            assert path.read_text(encoding="utf-8").endswith("</html>\n")
    for record in records:  # a record is written last: the student's other files are complete
        sid = record.stem
        assert (out / "feedback" / f"{sid}.md").exists() and (out / "results" / f"{sid}.json").exists()
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0, finished.stderr
    gradebook = (out / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    assert len(gradebook) == 31 and all(",16," in line for line in gradebook[1:])
