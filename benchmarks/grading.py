"""Grading benchmark: reading answers versus executing notebooks, measured in the same run.

Generates 1,000 synthetic submissions of Set A with varied answers (right, wrong, partly
right, a few broken: code instead of a literal, a deleted cell, an empty file) in a temporary
folder, then prints

1. declarative-grading throughput: ``grade_batch`` on all 1,000 with ``--jobs 2`` and the code
   exercise not run (its answers are still read and checked), outputs written as in a real
   batch — in submissions per second;
2. the time to grade a sample of 20 by executing each notebook with nbclient (a kernel per
   notebook: how execution-based graders work), per submission;
3. the ratio of the two per submission; and, for information, the time per submission when
   the code exercise does run in the sandbox (the same 20).

Goals (issue 5): at least 200 submissions/s on 2 cores, and at least 50x faster per submission
than executing.

    .venv/bin/python benchmarks/grading.py [--n 1000] [--sample 20] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
RELEASED = ROOT / "exercises" / "set-a-framing.ipynb"
sys.path.insert(0, str(ROOT / "tests"))

from grading_support import GOOD_FUNCTION, NAIVE_FUNCTION
from medialit.grading.pipeline import grade_batch

LABELS = ["problem", "cause", "judgment", "remedy"]
SENTENCES = ["1.1", "2.3", "3.3", "4.3", "5.1", "6.1", "8.4", "9.5"]
FRAMES = ["departure-as-choice", "security/response", "relevance", "opportunity/peace",
          "shared wrongdoing"]
TARGETS = ["6.5", "5.4", "8.4", "9.5", "3.4"]
ID_STYLES = ["{p}.{s}", "¶{p} s{s}", "p{p}s{s}"]


def varied_answers(rng: random.Random) -> dict[str, str]:
    def sid(text: str) -> str:
        p, s = text.split(".")
        return rng.choice(ID_STYLES).format(p=p, s=s)

    labels = {sid(s): rng.choice(LABELS) for s in SENTENCES}
    targets = TARGETS[:] if rng.random() < 0.4 else rng.sample(TARGETS, len(TARGETS))
    letters = sorted(rng.sample("ABCD", rng.randint(1, 3)))
    words = " ".join(rng.choice(["frame", "¶5.4", "“posing an imminent threat”", "salience",
                                 "the opposing camp", "omits"]) for _ in range(rng.randint(20, 220)))
    return {
        "q1": f"q1 = {labels!r}",
        "q2": f"q2 = {rng.choice('ABC')!r}",
        "q3": "q3 = {" + ", ".join(repr(x) for x in letters) + "}",
        "q4": f"q4 = {rng.choice('ABC').lower()!r}",
        "q5": f"q5 = {dict(zip(FRAMES, [sid(t) for t in targets], strict=True))!r}",
        "q6": f"q6 = {rng.choice('ABC')!r}",
        "q7": rng.choice([GOOD_FUNCTION, NAIVE_FUNCTION]),
        "q8": f'q8 = """{words}"""',
    }


def make_submissions(folder: Path, n: int, seed: int = 5) -> list[Path]:
    rng = random.Random(seed)
    base = nbformat.read(RELEASED, as_version=4)
    paths = []
    for i in range(n):
        nb = nbformat.from_dict(base)
        answers = varied_answers(rng)
        roll = rng.random()
        if roll < 0.02:
            answers["q2"] = "q2 = sorted(['A'])[0]"  # code, not a literal
        elif roll < 0.04:
            answers.pop("q3")
            nb.cells = [c for c in nb.cells if c.metadata.get("medialit", {}).get("question") != "q3"]
        for cell in nb.cells:
            q = cell.metadata.get("medialit", {}).get("question")
            if q in answers:
                cell.source = answers[q]
        path = folder / f"student{i:04d}_{100000 + i}_{200000 + i}_set-a-framing.ipynb"
        if roll > 0.995:
            path.write_bytes(b"")  # an empty upload
        else:
            nbformat.write(nb, path)
        paths.append(path)
    return paths


def execute_notebook(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="medialit-grading-bench-"))
    try:
        subs = work / "subs"
        subs.mkdir()
        paths = make_submissions(subs, args.n)
        print(f"{args.n} synthetic submissions of set-a-framing; {os.cpu_count()} CPU(s); "
              f"--jobs {args.jobs}")

        start = time.perf_counter()
        report = grade_batch(MASTER, [subs], work / "out", jobs=args.jobs, progress=False,
                             run_code=False)
        declarative = time.perf_counter() - start
        assert len(report.results) == args.n
        per_declarative = declarative / args.n
        print(f"declarative grading: {args.n} in {declarative:.2f} s = "
              f"{args.n / declarative:.0f} submissions/s "
              f"({per_declarative * 1000:.2f} ms each, outputs included)")

        sample = random.Random(7).sample([p for p in paths if p.stat().st_size], args.sample)
        times = [execute_notebook(p) for p in sample]
        per_executed = sum(times) / len(times)
        print(f"executing with nbclient: {len(times)} notebooks in {sum(times):.2f} s = "
              f"{per_executed:.3f} s each (one kernel per notebook)")
        print(f"ratio per submission: {per_executed / per_declarative:.0f}x faster to read "
              "than to execute")

        sample_dir = work / "sample"
        sample_dir.mkdir()
        for p in sample:
            shutil.copy(p, sample_dir / p.name)
        start = time.perf_counter()
        grade_batch(MASTER, [sample_dir], work / "out-code", jobs=1, progress=False)
        with_code = (time.perf_counter() - start) / len(sample)
        print(f"for information: with the code exercise run in the sandbox, {with_code:.3f} s "
              "per submission (--jobs 1)")
        goal_rate = args.n / declarative >= 200
        goal_ratio = per_executed / per_declarative >= 50
        print(f"goals: >= 200 submissions/s {'met' if goal_rate else 'NOT met'}; "
              f">= 50x faster than executing {'met' if goal_ratio else 'NOT met'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
