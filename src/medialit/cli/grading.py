"""Commands of the grading workflow: release, grade (with --merge-manual), gradescope, leak-check."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import MedialitError
from . import main, pack_folder, pack_for


def on_the_books_pack(command: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``command`` on the pack of the book the working folder is in (or ``--pack``'s), and
    only for this command: releasing and grading check masters against that pack's text.
    Where no pack is found the command runs as it is (given folders need none; a default
    folder then says where it looked)."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from ..pack import PackError, using_pack

        root = kwargs.get("root") or Path.cwd()
        try:
            pack = pack_for(root)
        except PackError:
            return command(*args, **kwargs)
        with using_pack(pack):
            return command(*args, **kwargs)

    return run


SOLUTIONS_HELP = "Folder of master notebooks (default: the pack's masters in this book)."


def _master_path(set_name: str, solutions: Path | None) -> Path:
    from ..grading.master import find_master

    return find_master(set_name, pack_folder("masters", solutions, "--solutions"))


@main.command("release")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=SOLUTIONS_HELP)
@click.option("--exercises", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder the student notebooks are written to (default: the pack's "
                   "exercises in this book).")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; fail if exercises/ is out of sync with solutions/.")
@on_the_books_pack
def release(solutions: Path | None, exercises: Path | None, check_only: bool) -> None:
    """Generate the student notebooks in exercises/ from the masters in solutions/ (the pack's
    folders, unless given)."""
    from ..grading.release import release_all

    solutions = pack_folder("masters", solutions, "--solutions")
    exercises = pack_folder("exercises", exercises, "--exercises")
    changed = release_all(solutions, exercises, check_only=check_only)
    for path in changed:
        click.echo(f"{'out of sync' if check_only else 'written'}: {path}")
    if check_only and changed:
        raise MedialitError(f"{exercises}/ is out of sync with {solutions}/: run "
                            "`medialit release`")
    if not changed:
        click.echo(f"{exercises}/ is up to date")


@main.command("grade")
@click.argument("set_name", required=False)
@click.argument("submissions", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder (gradebook.csv, canvas-gradebook.csv, "
                   "moodle-grading-worksheet.csv, feedback/, results/, summary.*).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Grade in this many processes.")
@click.option("--id-pattern", default=None,
              help="Regular expression with a group (?P<id>...) that finds the student id in "
                   "the file path (default: Moodle, Canvas, Blackboard and Gradescope "
                   "bulk-download layouts, else the file name).")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=SOLUTIONS_HELP)
@click.option("--merge-manual", "merge_csv", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Merge the scores filled in manual.csv and rewrite outputs.")
@click.option("--no-code", is_flag=True, help="Do not run code exercises (they stay pending).")
@click.option("--time-limit", type=click.FloatRange(0.5, 600), default=10.0, show_default=True,
              help="Wall-time limit in seconds for one submission's code exercise (each hidden "
                   "test gets at most a fifth of it, and at least 0.25 s).")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
@on_the_books_pack
def grade(set_name: str | None, submissions: tuple[Path, ...], out: Path, jobs: int,
          id_pattern: str | None, solutions: Path | None, merge_csv: Path | None, no_code: bool,
          time_limit: float, progress: bool) -> None:
    """Grade SUBMISSIONS (.ipynb files, folders, zips) of SET (id, letter or master path)."""
    from ..grading.manual import merge_manual
    from ..grading.outputs import difficulty_table
    from ..grading.pipeline import grade_batch, rewrite_outputs
    from ..grading.summary_text import batch_line

    if merge_csv:
        if not (out / "records").is_dir():
            raise MedialitError(f"{out} holds no graded batch (no records/): grade first")
        merged, problems = merge_manual(merge_csv, out)
        master = None
        if set_name:
            from ..grading.master import load_master
            master = load_master(_master_path(set_name, solutions))
        results = rewrite_outputs(out, master)
        for problem in problems:
            click.echo(f"skipped: {problem}", err=True)
        click.echo(f"merged {merged} manual score(s); outputs rewritten for {len(results)} "
                   f"student(s) in {out}")
        if problems:
            raise MedialitError(f"{len(problems)} row(s) of {merge_csv} were not merged")
        return
    if not set_name or not submissions:
        raise click.UsageError("give a SET and at least one SUBMISSIONS path (or --merge-manual)")
    if id_pattern:
        import re
        try:
            if "id" not in re.compile(id_pattern).groupindex:
                raise MedialitError("--id-pattern needs a named group (?P<id>...)")
        except re.error as exc:
            raise MedialitError(f"--id-pattern is not a valid regular expression: {exc}") from None
    from dataclasses import replace

    from ..grading.limits import DEFAULT_LIMITS

    limits = replace(DEFAULT_LIMITS, code_wall_seconds=time_limit,
                     code_test_seconds=max(0.25, time_limit / 5))

    report = grade_batch(_master_path(set_name, solutions), list(submissions), out,
                         jobs=jobs, id_pattern=id_pattern, limits=limits,
                         progress=progress, run_code=not no_code)
    import json
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    click.echo(batch_line(summary))
    if report.sandbox:
        click.echo(f"code exercises ran in the sandbox's {report.sandbox}")
    click.echo(difficulty_table(summary))
    for source, reason in report.collection.ignored:
        click.echo(f"ignored: {source} ({reason})", err=True)
    for student, source, reason in report.collection.superseded:
        click.echo(f"not graded: {source} ({student}: {reason})", err=True)


@main.command("gradescope")
@click.argument("set_name")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=SOLUTIONS_HELP)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Zip to write (default: <set>-gradescope.zip).")
@on_the_books_pack
def gradescope(set_name: str, solutions: Path | None, out: Path | None) -> None:
    """Build a Gradescope autograder zip (setup.sh + run_autograder) for SET."""
    from ..grading.gradescope import build_autograder

    master_path = _master_path(set_name, solutions)
    target = out or Path(f"{master_path.stem}-gradescope.zip")
    build_autograder(master_path, target)
    click.echo(f"written: {target}")


# -- printable handouts (medialit.handouts) ----------------------------------------------------


@main.command("leak-check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of master notebooks, the keys to look for (default: the pack's "
                   "masters in this book).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The kit's folder: its pages and data are public.")
@on_the_books_pack
def leak_check(paths: tuple[Path, ...], solutions: Path | None, root: Path) -> None:
    """Fail if any file under PATHS holds a graded set's key or solution.

    PATHS default to the student edition (_build/html) and the released notebooks (the pack's
    exercises, exercises/ in the kit's book).
    Run it before you publish the book or hand out files. It looks for the masters' worked
    answers, hidden tests, instructor notes, feedback, explanations and rubric levels.
    """
    from ..grading.leaks import key_needles, public_text, scan
    from ..pack import current_pack

    pack = current_pack()
    if solutions is None:
        masters = pack.in_book("masters", root)
        if masters is None:
            click.echo(f"the pack {pack.name!r} declares no masters: nothing to look for")
            return
        solutions = masters
    if not solutions.is_dir() or not any(solutions.glob("set-*.ipynb")):
        click.echo(f"no masters in {solutions}: nothing to look for")
        return
    released = pack.in_book("exercises", root)
    paths = paths or tuple(p for p in (root / "_build" / "html", released)
                           if p is not None and p.exists())
    if not paths:
        raise MedialitError("nothing to check: build the book first (make book) or give PATHS")
    needles = key_needles(solutions, public_text(root, pack))
    leaks = scan(paths, needles)
    for leak in leaks:
        click.echo(str(leak), err=True)
    if leaks:
        files = len({leak.file for leak in leaks})
        raise MedialitError(f"{len(leaks)} key or solution text(s) found in {files} file(s): "
                            "do not publish these files")
    click.echo(f"ok: none of {len(needles)} key and solution texts found in "
               f"{', '.join(map(str, paths))}")


# -- JupyterHub (medialit.launch) ----------------------------------------------------------------
