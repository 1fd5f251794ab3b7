"""Grading benchmark: how fast `medialit grade` reads and scores, against executing notebooks.

Generates varied synthetic submissions of Set A (right, wrong and partly right answers, a few
broken ones: code instead of a literal, a deleted cell, an empty file) in a temporary folder,
then prints, from one run, medians over ``--repeats``:

1. declarative grading: ``grade_batch`` (what ``medialit grade`` calls) on ``--n`` submissions
   with ``--jobs`` processes and the code exercise not run, every output written (feedback,
   records, Gradescope JSON, three gradebooks, manual.csv, summary.json and .png) into a fresh
   folder — in submissions per second; the output folder on the disk (in the temporary
   folder, or ``--out-dir``), with what creating one new file cost there just before (four
   are created per student), and, where the machine has one, on a RAM disk (``/dev/shm``),
   because the disk of a shared machine is the noisiest part; and, for information, the same through the command line in
   a new process (interpreter start-up and imports included);
2. code-exercise grading: ``medialit grade`` through its command line on ``--code-n``
   submissions with the code exercise run in the sandbox, ``--jobs`` processes — in
   submissions per second;
3. executing ``--sample`` of the same notebooks with nbclient (a kernel per notebook, how
   execution-based graders work), per notebook; and the ratio of each grading speed to it.

Goals (issue 11, 2 cores, ``--jobs 2``, outputs included): at least 1,000 declarative
submissions/s and at least 20 submissions/s with the code exercise. The machine is shared:
the load average is printed before and after; compare figures measured in the same run.

    .venv/bin/python benchmarks/grading.py [--n 1000] [--code-n 100] [--sample 10]
                                           [--repeats 5] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

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
        # each student's function differs (as real ones do), so no two cells parse alike
        "q7": rng.choice([GOOD_FUNCTION, NAIVE_FUNCTION]).replace(
            "(doc, cues):", f"(doc, cues):\n    # attempt {rng.randrange(10**9)}", 1),
        "q8": f'q8 = """{words}"""',
    }


def make_submissions(folder: Path, n: int, seed: int = 5) -> list[Path]:
    """``n`` notebooks named as a Canvas download names them."""
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
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return time.perf_counter() - start


CPU: list[float] = []  # CPU seconds (this process and its workers) of each timed batch


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_batch(subs: Path, out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    cpu, start = _cpu(), time.perf_counter()
    report = grade_batch(MASTER, [subs], out, jobs=jobs, progress=False, run_code=False)
    elapsed = time.perf_counter() - start
    CPU.append(_cpu() - cpu)
    assert (out / "summary.png").exists() and len(report.results) == len(list(subs.iterdir()))
    return elapsed


def timed_cli(subs: Path, out: Path, jobs: int, code: bool) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "medialit.cli", "grade", str(MASTER), str(subs),
               "--out", str(out), "--jobs", str(jobs), "--no-progress"]
    if not code:
        command.append("--no-code")
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"medialit grade failed:\n{done.stderr[-2000:]}")
    return elapsed


def disk_folders(out_dir: str | None, work: Path) -> list[tuple[str, str]]:
    """Where the disk runs write their outputs: the folder given, else the temporary folder
    that holds the submissions."""
    if out_dir:
        return [("the folder given", out_dir)]
    return [("the temporary folder", str(work))]


def new_file_cost(folder: Path, n: int = 100) -> float:
    """Seconds to create (and close) one new empty file in a new folder inside ``folder``,
    median of ``n``: the file system's own cost, which each of the four files written per
    student pays. (On the shared development machine it was 15 µs at some times and 250–600
    µs at others, in folders where many files had just been deleted.) The files stay until
    ``folder`` is removed: deleting them now would make the next new files dearer."""
    scratch = folder / ".new-file-probe"
    scratch.mkdir()
    costs = []
    for i in range(n):
        start = time.perf_counter()
        os.close(os.open(scratch / f"f{i}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        costs.append(time.perf_counter() - start)
    return statistics.median(costs)


def median_rate(times: list[float], n: int) -> tuple[float, float, float]:
    rates = sorted(n / t for t in times)
    return statistics.median(rates), rates[0], rates[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="declarative submissions")
    parser.add_argument("--code-n", type=int, default=100, help="submissions with code run")
    parser.add_argument("--sample", type=int, default=10, help="notebooks run with nbclient")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-nbclient", action="store_true")
    parser.add_argument("--out-dir", help="write the disk runs' outputs in this folder "
                        "(default: the temporary folder of the submissions)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="medialit-grading-bench-"))
    try:
        subs = work / "subs"
        subs.mkdir()
        paths = make_submissions(subs, args.n)
        code_subs = work / "code-subs"
        code_subs.mkdir()
        for p in paths[: args.code_n]:
            shutil.copy(p, code_subs / p.name)
        print(f"{args.n} synthetic submissions of set-a-framing (Canvas download names); "
              f"{os.cpu_count()} CPU(s); --jobs {args.jobs}; Python {platform.python_version()}; "
              f"load average {os.getloadavg()[0]:.1f}")

        timed_batch(subs, work / "warm", args.jobs)  # first run: imports and disk caches
        rates = {}
        for label, base in disk_folders(args.out_dir, work):
            out_base = Path(tempfile.mkdtemp(prefix=".medialit-grading-bench-", dir=base))
            try:
                cost = new_file_cost(out_base)
                times = [timed_batch(subs, out_base / f"out{i}", args.jobs)
                         for i in range(args.repeats)]
            finally:
                shutil.rmtree(out_base, ignore_errors=True)
            rates[label] = rate, low, high = median_rate(times, args.n)
            print(f"declarative grading: {rate:.0f} submissions/s median of {args.repeats} "
                  f"(range {low:.0f}–{high:.0f}; {1000 / rate:.2f} ms each, every output written "
                  f"to the disk, in {label}: {base}; creating a new file there cost "
                  f"{cost * 1e6:.0f} µs before the runs, four per student)")
        rate = next(iter(rates.values()))[0]
        shm = Path("/dev/shm")
        if shm.is_dir() and os.access(shm, os.W_OK):
            ram = Path(tempfile.mkdtemp(prefix="medialit-grading-bench-", dir=shm))
            try:
                ram_times = [timed_batch(subs, ram / f"out{i}", args.jobs)
                             for i in range(args.repeats)]
            finally:
                shutil.rmtree(ram, ignore_errors=True)
            ram_rate, ram_low, ram_high = median_rate(ram_times, args.n)
            print(f"declarative grading: {ram_rate:.0f} submissions/s median of {args.repeats} "
                  f"(range {ram_low:.0f}–{ram_high:.0f}; every output written to a RAM disk, "
                  "/dev/shm)")
            cpu_ms = statistics.median(CPU[-args.repeats:]) / args.n * 1000
            print(f"  CPU time, this process and its workers: {cpu_ms:.2f} ms per submission "
                  f"(median), so {args.jobs} idle cores would grade about "
                  f"{args.jobs / cpu_ms * 1000:.0f} submissions/s — an estimate from CPU time, "
                  "which other load on the machine barely changes, not a measurement")
        else:
            ram_rate = 0.0
        cli_times = [timed_cli(subs, work / f"cli{i}", args.jobs, code=False)
                     for i in range(max(1, args.repeats // 2))]
        cli_rate, _, _ = median_rate(cli_times, args.n)
        print(f"  the same through `medialit grade --no-code` in a new process: {cli_rate:.0f} "
              "submissions/s (interpreter start-up and imports included)")

        code_times = [timed_cli(code_subs, work / f"code{i}", args.jobs, code=True)
                      for i in range(max(1, args.repeats // 2))]
        code_rate, code_low, code_high = median_rate(code_times, args.code_n)
        print(f"code-exercise grading: {code_rate:.1f} submissions/s median of "
              f"{len(code_times)} (range {code_low:.1f}–{code_high:.1f}; `medialit grade` on "
              f"{args.code_n} submissions, code run in the sandbox, every output written)")

        met = {True: "met", False: "NOT met"}
        on_disks = ", ".join(f"{met[r[0] >= 1000]} on the disk in {label}"
                             for label, r in rates.items())
        goals = [(f">= 1,000 declarative submissions/s: {on_disks}, "
                 f"{met[ram_rate >= 1000]} on a RAM disk"),
                 f">= 20 with the code exercise: {met[code_rate >= 20]}"]
        if not args.skip_nbclient:
            sample = random.Random(7).sample([p for p in paths if p.stat().st_size], args.sample)
            executed = [execute_notebook(p) for p in sample]
            per_executed = statistics.median(executed)
            print(f"executing with nbclient: median {per_executed:.2f} s per notebook "
                  f"({len(executed)} notebooks, one kernel each)")
            print(f"ratio per submission: declarative grading {per_executed * rate:.0f}x "
                  f"(outputs on the disk, in {next(iter(rates))}), code-exercise grading {per_executed * code_rate:.0f}x "
                  "faster than executing")
        print(f"goals: {'; '.join(goals)}; load average now {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
