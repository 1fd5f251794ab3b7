"""Code-exercise grading benchmark: submissions per second with the sandbox on, outputs included.

Generates Set A submissions whose code answer (q7) varies — the good function, a naive one,
an endless loop now and then is left out on purpose (it measures time limits, not the
grader) — and grades them with ``grade_batch`` (``--jobs 2`` by default, the code exercise
run in the sandbox, every output written). Repeats the batch and prints each run and the
median, with the isolation mode that ran. Goal (issue 11): at least 20 submissions/s on 2
cores with the isolation on.

    .venv/bin/python benchmarks/code_exercise.py [--n 200] [--runs 3] [--jobs 2]
    MEDIALIT_SANDBOX=fallback .venv/bin/python benchmarks/code_exercise.py   # the other mode
"""

from __future__ import annotations

import argparse
import os
import random
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
        answers["q7"] = GOOD_FUNCTION if roll < 0.5 else NAIVE_FUNCTION if roll < 0.85 else \
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
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
