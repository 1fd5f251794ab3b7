"""The instructor guide's pages, without a build: every page is in the toc, every `medialit`
command they show is one the CLI accepts, and the figures they state match the masters."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from ruamel.yaml import YAML

from medialit.cli import main
from medialit.grading.master import load_master

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "instructor"
PAGES = sorted(GUIDE.rglob("*.md"))


def test_every_guide_page_is_in_the_instructor_toc():
    part = YAML(typ="safe").load((GUIDE / "toc.yml").read_text(encoding="utf-8"))
    listed = [entry["file"] for entry in part["chapters"]]
    assert listed[0] == "instructor/guide"
    assert sorted(listed) == sorted(f"instructor/{p.relative_to(GUIDE).with_suffix('')}"
                                    for p in PAGES)


def shown_commands() -> list[tuple[str, list[str]]]:
    """Every `medialit ...` command line in the guide's sh code blocks."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL):
            for line in block.splitlines():
                line = line.split("  #")[0].strip()
                if re.match(r"^(\.venv/bin/)?medialit ", line):
                    found.append((page.name, shlex.split(line)[1:]))
    return found


def test_the_guide_shows_the_commands_of_the_grading_workflow():
    subcommands = {args[0] for _, args in shown_commands()}
    assert {"release", "grade", "gradescope", "launch-link"} <= subcommands


@pytest.mark.parametrize("page, args", shown_commands(),
                         ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_every_command_shown_is_accepted_by_the_cli(page, args, tmp_path, monkeypatch):
    """Parse (not run) each command: the subcommand, its options and their values exist.
    Files the command reads are stood in for by empty files in a temporary folder."""
    monkeypatch.chdir(tmp_path)
    for arg in args:
        if arg.endswith((".csv", ".zip", ".ipynb")):
            (tmp_path / arg).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / arg).touch()
    command = main.commands[args[0]]
    context = command.make_context(args[0], args[1:], parent=click.Context(main))
    assert context.params is not None, page


def test_the_course_table_matches_the_masters():
    text = (GUIDE / "course.md").read_text(encoding="utf-8")
    masters = {m.set_id[4]: m for m in map(load_master, sorted((ROOT / "solutions").glob(
        "set-*.ipynb")))}
    # The rubric column lists each open question with its points: "q9, 4" or "q9, 3; q10, 2".
    rows = re.findall(r"^\| ([A-E]) — [^|]+\|[^|]+\| (\d+) \| ([\d.]+) \| (q\d+), ([\d.]+) \| "
                      r"((?:q\d+, [\d.]+(?:; )?)+) \|$", text, re.MULTILINE)
    assert [row[0] for row in rows] == ["A", "B", "C", "D", "E"]
    for letter, count, read, code_q, code_pts, rubric_cell in rows:
        master = masters[letter.lower()]
        code = [q for q in master.questions if q.type == "code"]
        rubric = [q for q in master.questions if q.manual]
        listed = [(qid, float(pts)) for qid, pts in re.findall(r"(q\d+), ([\d.]+)", rubric_cell)]
        assert int(count) == len(master.questions), letter
        assert [(q.id, q.points) for q in code] == [(code_q, float(code_pts))], letter
        assert [(q.id, q.points) for q in rubric] == listed, letter
        assert float(read) == (master.total_points - float(code_pts)
                               - sum(p for _, p in listed)), letter
    no_code = re.findall(r"^\| ([A-E]) \| (q\d+), `(\w+)` \(([\d.]+)\) \|", text,
                         re.MULTILINE)
    for letter, qid, function, points in no_code:
        question = masters[letter.lower()].question(qid)
        assert question.type == "code" and question.spec["function"] == function
        assert question.points == float(points)
    assert len(no_code) == 5


def test_the_self_study_totals_add_up():
    text = (GUIDE / "self-study.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \d+ \| .*? \| (\d+) min \| (skip.*?|\d+ min.*?) \|$", text,
                      re.MULTILINE)
    assert len(rows) == 14
    recommended = sum(int(r[0]) for r in rows)
    minimum = sum(int(m.group(1)) for r in rows if (m := re.match(r"(\d+) min", r[1])))
    assert (recommended, minimum) == (5 * 60 + 45, 4 * 60 + 45)
    assert "**about 5 h 45 min**" in text and "**about 4 h 45 min**" in text
