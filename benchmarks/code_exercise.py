"""Code-exercise grading benchmark: submissions per second with the sandbox on, outputs included.

Generates Set A submissions whose code answer (q7) varies as in benchmarks/grading.py: half
the naive function, half the good one (a student's typical correct function: about 0.1 s of
CPU on the hidden test's 50,000-word text, which is most of the work), a third of those with
``import re`` in a cell of its own. (No endless loops: they would measure the time limits,
not the grader.) Grades them with ``grade_batch`` (``--jobs 2`` by default, the code exercise
run in the sandbox, every output written), repeats, and prints each run, the median, the
isolation mode, and the CPU time one submission costs (a ``--jobs 1`` pass with every
sandbox process accounted) with the rate two free cores would sustain at that cost. Goal
(issue 11): at least 20 submissions/s on 2 cores with the isolation on.

    .venv/bin/python benchmarks/code_exercise.py [--n 200] [--runs 3] [--jobs 2]
    MEDIALIT_SANDBOX=fallback .venv/bin/python benchmarks/code_exercise.py   # the other mode
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
RELEASED = ROOT / "exercises" / "set-a-framing.ipynb"
sys.path.insert(0, str(ROOT / "tests"))

from grading_support import GOOD_ANSWERS, GOOD_FUNCTION, NAIVE_FUNCTION
from medialit.grading import sandbox
from medialit.grading.isolation import current_isolation
from medialit.grading.pipeline import grade_batch

HELPER_STYLE = ("import re\n", GOOD_FUNCTION.replace("import re\n", ""))  # re in another cell


def make_submissions(folder: Path, n: int, seed: int = 11) -> list[Path]:
    rng = random.Random(seed)
    base = nbformat.read(RELEASED, as_version=4)
    paths = []
    for i in range(n):
        nb = nbformat.from_dict(base)
        answers = dict(GOOD_ANSWERS)
        roll = rng.random()
        answers["q7"] = NAIVE_FUNCTION if roll < 0.5 else GOOD_FUNCTION if roll < 0.85 else \
            HELPER_STYLE[1]
        for cell in nb.cells:
            q = cell.metadata.get("medialit", {}).get("question")
            if q in answers:
                cell.source = answers[q]
        if roll >= 0.85:
            nb.cells.insert(3, nbformat.v4.new_code_cell(HELPER_STYLE[0]))
        path = folder / f"student{i:04d}_{100000 + i}_{200000 + i}_set-a-framing.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    isolation = current_isolation()
    work = Path(tempfile.mkdtemp(prefix="medialit-code-bench-"))
    try:
        subs = work / "subs"
        subs.mkdir()
        make_submissions(subs, args.n)
        print(f"{args.n} submissions of set-a-framing with the code exercise; "
              f"{os.cpu_count()} CPU(s); --jobs {args.jobs}; load average "
              f"{os.getloadavg()[0]:.1f}")
        print(f"sandbox: {isolation.summary}")
        rates = []
        for run in range(args.runs):
            out = work / f"out{run}"
            start = time.perf_counter()
            report = grade_batch(MASTER, [subs], out, jobs=args.jobs, progress=False)
            elapsed = time.perf_counter() - start
            assert len(report.results) == args.n
            full = sum(next(q for q in r.questions if q.question == "q7").points == 4.5
                       for r in report.results)
            rates.append(args.n / elapsed)
            print(f"run {run + 1}: {elapsed:.2f} s = {args.n / elapsed:.1f} submissions/s "
                  f"({1000 * elapsed / args.n:.1f} ms each, outputs included; "
                  f"{full} full marks on q7)")
            shutil.rmtree(out, ignore_errors=True)
        median = statistics.median(rates)
        print(f"median: {median:.1f} code-exercise submissions/s "
              f"(goal >= 20: {'met' if median >= 20 else 'NOT met'})")
        cpu = cpu_per_submission(subs, work / "cpu", min(args.n, 60))
        print(f"CPU per submission ({min(args.n, 60)} graded with --jobs 1, grader and sandbox "
              f"processes): {cpu * 1000:.1f} ms, so {args.jobs} free cores would grade "
              f"{args.jobs / cpu:.1f} submissions/s; load average now {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cpu_per_submission(subs: Path, out: Path, n: int) -> float:
    """CPU seconds per submission, sandbox processes included: the zygote is closed (and
    waited for) at the end, so its children's CPU time is counted too."""
    part = out.with_name("cpu-subs")
    part.mkdir()
    for path in sorted(subs.iterdir())[:n]:
        shutil.copy(path, part / path.name)
    sandbox._close_zygotes()
    before = _cpu()
    grade_batch(MASTER, [part], out, jobs=1, progress=False)
    sandbox._close_zygotes()
    return (_cpu() - before) / n


if __name__ == "__main__":
    main()
