"""Grade a batch: collect → read → parse literals → run code → score → write, in that order.

:func:`grade_submission` runs the per-submission steps (:data:`STEPS`) and never raises for a
bad submission: any problem becomes that student's status and message. :func:`grade_batch`
fans submissions out over processes (``jobs``), writes each student's outputs atomically as
soon as they are graded (a killed batch keeps everything finished so far), and writes the
batch-wide outputs (gradebook, summary, manual.csv) at the end, in a stable order, so that a
re-run on the same input gives byte-identical files.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .answer_format import normalise_answer, public_format
from .isolation import current_isolation
from .limits import DEFAULT_LIMITS, Limits
from .manual import apply_scores, read_manual_scores
from .master import Master, Question, load_master
from .outputs import load_records, write_batch_outputs, write_student_outputs
from .read_answers import Answer, NotebookAnswers, NotebookError, read_answers
from .results import QuestionResult, StudentResult
from .sandbox import run_code_tests
from .score import score_answer
from .submissions import Collection, Submission, collect


@dataclass
class Work:
    """What the steps of one submission share."""

    submission: Submission
    master: Master
    limits: Limits
    run_code: bool
    answers: NotebookAnswers | None = None
    questions: dict[str, QuestionResult] = field(default_factory=dict)
    error: str | None = None


# -- the steps -----------------------------------------------------------------------------------

def step_read(work: Work) -> None:
    """The file itself: a collection problem (zip, size, path) stops here."""
    if work.submission.problem:
        work.error = work.submission.problem


def step_parse(work: Work) -> None:
    """Answer literals and function sources, read with nbformat + ast; nothing runs."""
    try:
        work.answers = read_answers(work.submission.data, work.master.slots(),
                                    work.master.set_id, work.limits)
    except NotebookError as exc:
        work.error = str(exc)


def step_run_code(work: Work) -> None:
    """Code questions only: the student's function against the hidden tests, in the sandbox."""
    for q in work.master.questions:
        answer = work.answers.answers[q.id]
        if q.type != "code" or answer.status != "answered":
            continue
        if not work.run_code:
            work.questions[q.id] = _result(q, answer, None, "pending",
                                           ["code questions were not run (--no-code)"])
            continue
        outcome = run_code_tests(answer.source, q.hidden_tests, q.spec["function"], work.limits,
                                 context=work.answers.context)
        # every word of a line is the grader's: the student's own messages are in answer_text
        lines = [f"{'✓' if t.passed else '✗'} {t.description}"
                 + ("" if t.passed else f": {t.message}") for t in outcome.tests]
        if outcome.error:
            lines.insert(0, f"✗ {outcome.error}")
        points = round(q.points * outcome.fraction, 2)
        status = _status(outcome.fraction)
        result = _result(q, answer, points, status, lines)
        result.answer_text = outcome.output
        work.questions[q.id] = result


def step_score(work: Work) -> None:
    """Every other question: format check, then the scoring rule (partial credit)."""
    for q in work.master.questions:
        if q.id in work.questions:
            continue
        answer = work.answers.answers[q.id]
        if answer.status != "answered":
            work.questions[q.id] = _result(q, answer, 0.0, answer.status, [f"✗ {answer.problem}"])
            continue
        value, problems = normalise_answer(public_format(q.spec), answer.value)
        if value is None:
            work.questions[q.id] = _result(q, answer, 0.0, "invalid",
                                           [f"✗ {p}" for p in problems])
            continue
        if q.manual:
            result = _result(q, answer, None, "pending",
                             ["awaiting a score from the rubric (manual grading)"]
                             + [f"note: {p}" for p in problems])
            result.answer_text = value
            work.questions[q.id] = result
            continue
        score = score_answer(q.spec, value)
        points = round(q.points * score.fraction, 2)
        lines = [f"format: {p}" for p in problems] + score.details
        work.questions[q.id] = _result(q, answer, points, _status(score.fraction), lines)


STEPS: tuple[Callable[[Work], None], ...] = (step_read, step_parse, step_run_code, step_score)


def _status(fraction: float) -> str:
    return "correct" if fraction >= 1 else "wrong" if fraction <= 0 else "partial"


def _result(q: Question, answer: Answer, points: float | None, status: str,
            lines: list[str]) -> QuestionResult:
    spec = q.spec
    return QuestionResult(
        question=q.id, type=q.type, max_points=q.points, points=points, status=status,
        lines=lines, notes=list(answer.notes), explanation=spec["explanation"],
        rubric=list(spec.get("rubric", [])), levels=dict(spec.get("levels", {})))


def grade_submission(submission: Submission, master: Master, limits: Limits = DEFAULT_LIMITS,
                     run_code: bool = True) -> StudentResult:
    """Run the steps for one submission; a bad submission gives an error row, never raises."""
    work = Work(submission, master, limits, run_code)
    try:
        for step in STEPS:
            step(work)
            if work.error:
                break
    except Exception as exc:  # noqa: BLE001 — a grader bug must not sink the batch
        work.error = (f"internal grader error ({type(exc).__name__}: {exc}); this submission "
                      "needs a look by hand. " + traceback.format_exc(limit=-1).strip()[-300:])
    base = StudentResult(submission.student_id, submission.source, "error", name=submission.name,
                         notes=list(submission.notes), max_total=master.total_points)
    if work.error:
        base.message = work.error
        return base
    base.questions = [work.questions[q.id] for q in master.questions]
    base.notes += work.answers.notes
    problems = [f"{q.question}: {q.lines[0].lstrip('✗ ')}" for q in base.questions
                if q.status in ("invalid", "missing") and q.lines]
    notes = base.notes + [f"{q.question}: {n}" for q in base.questions for n in q.notes]
    base.status = "graded-with-notes" if notes or problems else "graded"
    message = "; ".join(notes + problems)
    base.message = message if len(message) <= 500 else message[:497] + "..."
    return base


# -- the batch ----------------------------------------------------------------------------------

_WORKER: dict = {}


def _init_worker(master_path: str, limits: Limits, run_code: bool) -> None:
    _WORKER.update(master=load_master(Path(master_path)), limits=limits, run_code=run_code)


def _grade_in_worker(submission: Submission) -> StudentResult:
    return grade_submission(submission, _WORKER["master"], _WORKER["limits"],
                            _WORKER["run_code"])


def _graded(subs: list[Submission], master: Master, jobs: int, limits: Limits,
            run_code: bool) -> Iterator[StudentResult]:
    if jobs <= 1 or len(subs) <= 1:
        for sub in subs:
            yield grade_submission(sub, master, limits, run_code)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(str(master.path), limits, run_code)) as pool:
        # as each finishes, not in input order: one slow submission (an endless loop waiting
        # for its time limit) must not hold back the writing of the others
        futures = [pool.submit(_grade_in_worker, sub) for sub in subs]
        for future in as_completed(futures):
            yield future.result()


class _ProgressBar(tqdm):
    """tqdm without its monitor thread: the worker processes are forked from this process,
    and forking a process that runs threads can deadlock."""

    monitor_interval = 0


@dataclass
class BatchReport:
    results: list[StudentResult]
    collection: Collection
    out: Path
    sandbox: str = ""  # the code sandbox's isolation mode, when code ran (for the instructor)


def grade_batch(master_path: Path, paths: list[Path], out: Path, jobs: int = 1,
                id_pattern: str | None = None, limits: Limits = DEFAULT_LIMITS,
                progress: bool = True, run_code: bool = True) -> BatchReport:
    master = load_master(master_path)
    sandbox = ""
    if run_code and any(q.type == "code" for q in master.questions):
        # probed once here, before the workers fork: they inherit the answer
        sandbox = current_isolation().summary
    collection = collect(paths, id_pattern, limits)
    out.mkdir(parents=True, exist_ok=True)
    manual_scores = read_manual_scores(out)
    results = []
    bar = _ProgressBar(total=len(collection.submissions), unit="notebook", file=sys.stderr,
               disable=not progress, desc=f"grading {master.set_id}")
    with bar:
        for result in _graded(collection.submissions, master, jobs, limits, run_code):
            apply_manual_scores(result, manual_scores)
            write_student_outputs(out, result, master)
            results.append(result)
            bar.update(1)
    results.sort(key=lambda r: r.student_id)  # ids are unique: a stable order for every run
    write_batch_outputs(out, results, master, collection.ignored)
    return BatchReport(results, collection, out, sandbox)


def apply_manual_scores(result: StudentResult, scores: dict) -> None:
    apply_scores(result, scores.get(result.student_id, {}))


def rewrite_outputs(out: Path, master: Master | None = None) -> list[StudentResult]:
    """Render every output again from records/ (after manual scores were merged)."""
    summary_path = out / "summary.json"
    previous = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
    if master is None:
        if "master" not in previous:
            raise FileNotFoundError(f"{summary_path} is missing: grade the batch into {out} first")
        master = load_master(Path(previous["master"]))
    ignored = [(i["source"], i["reason"]) for i in previous.get("ignored", [])]
    scores = read_manual_scores(out)
    results = load_records(out, previous.get("student_ids"))
    for result in results:
        apply_manual_scores(result, scores)
        write_student_outputs(out, result, master)
    write_batch_outputs(out, results, master, ignored)
    return results
