"""Grade a batch: collect → read → parse literals → run code → score → write, in that order.

:func:`grade_submission` runs the per-submission steps (:data:`STEPS`) and never raises for a
bad submission: any problem becomes that student's status and message. :func:`grade_batch`
fans submissions out over processes (``jobs``); each process writes the outputs of the
students it graded atomically as soon as they are graded (a killed batch keeps everything
finished so far), and the batch writes the batch-wide outputs (gradebooks, summary,
manual.csv) at the end, in a stable order, so that a re-run on the same input gives
byte-identical files.

Speed (benchmarks/grading.py): the worker processes are forked after the master and the
submissions are loaded, so they inherit both and are sent only index ranges (nothing is
pickled but the results coming back); per-student files are flushed to disk once, by one
:func:`medialit.io.atomic.flush_to_disk` (``syncfs``) at the end of the batch, not one ``fsync`` per
file. Each worker also renders its students' lines of the batch-wide CSVs, so the batch's own
process (which runs alone at the start and the end) only joins them; answer cells that are one
plain assignment are read without ``ast`` (:mod:`.quick_literal`); a score is remembered per
master by the literal's ``repr``.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import sys
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tqdm import tqdm

from ..io.atomic import flush_to_disk
from .answer_format import normalise_answer
from .hidden_tests import load_hidden_tests
from .isolation import current_isolation
from .limits import DEFAULT_LIMITS, Limits
from .manual import apply_scores, read_manual_scores
from .master import Master, Question, load_master, set_titles
from .outputs import batch_lines, load_records, write_batch_outputs, write_student_outputs
from .read_answers import Answer, NotebookAnswers, NotebookError, read_answers
from .results import QuestionResult, QuestionStatus, StudentResult
from .rubric import rubric_lines
from .sandbox import run_code_tests
from .score import GradedValue, grade_value
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

    @property
    def read(self) -> NotebookAnswers:
        """The answers read by step_parse (the later steps run only when it succeeded)."""
        if self.answers is None:
            raise RuntimeError(f"{self.submission.source}: no answers were read")
        return self.answers


# -- the steps -----------------------------------------------------------------------------------

def step_read(work: Work) -> None:
    """The file itself: a collection problem (zip, size, path) stops here."""
    if work.submission.problem or work.submission.data is None:
        work.error = work.submission.problem or "the file could not be read"


def step_parse(work: Work) -> None:
    """Answer literals and function sources, read with json + ast; nothing runs."""
    try:
        work.answers = read_answers(work.submission.data or b"", work.master.slots(),
                                    work.master.set_id, work.limits,
                                    titles=_titles(work.master.path))
    except NotebookError as exc:
        work.error = str(exc)


@lru_cache(maxsize=8)
def _titles(master_path: Path) -> dict[str, str]:
    return set_titles(master_path)


def step_run_code(work: Work) -> None:
    """Code questions only: the student's function against the hidden tests, in the sandbox."""
    for q in work.master.questions:
        answer = work.read.answers[q.id]
        if q.type != "code" or answer.status != "answered":
            continue
        if not work.run_code:
            work.questions[q.id] = _result(q, answer, None, "pending",
                                           ["code questions were not run (--no-code)"])
            continue
        if q.hidden_tests is None:  # the master's loader requires them for a code question
            raise RuntimeError(f"{q.id}: a code question without hidden tests")
        outcome = run_code_tests(answer.source or "", q.hidden_tests, q.spec["function"],
                                 work.limits, context=work.read.context)
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


PRINTED_NOTE = ("your function printed something while the hidden tests ran; the feedback "
                "does not show it, because printed output (times, random numbers) changes from "
                "run to run — run the example cell in your notebook to see it")


def step_printed_output(work: Work) -> None:
    """What a student's code printed never enters an output, only that it printed: the same
    submission must give the same bytes on every run (``print(time.time())``)."""
    for q in work.master.questions:
        result = work.questions.get(q.id)
        if result is None or q.type != "code":
            continue
        if result.answer_text.strip() and PRINTED_NOTE not in result.lines:
            result.lines.append(PRINTED_NOTE)
        result.answer_text = ""


def step_score(work: Work) -> None:
    """Every other question: format check, then the scoring rule (partial credit)."""
    for q in work.master.questions:
        if q.id in work.questions:
            continue
        answer = work.read.answers[q.id]
        if answer.status != "answered":
            work.questions[q.id] = _result(q, answer, 0.0, answer.status, [f"✗ {answer.problem}"])
            continue
        if q.manual:
            value, problems = normalise_answer(work.master.public_formats[q.id], answer.value)
            if value is None:
                work.questions[q.id] = _result(q, answer, 0.0, "invalid",
                                               [f"✗ {p}" for p in problems])
                continue
            result = _result(q, answer, None, "pending",
                             ["awaiting a score from the rubric (manual grading)"]
                             + [f"note: {p}" for p in problems])
            result.answer_text = value
            work.questions[q.id] = result
            continue
        graded = _graded_value(work.master, q, answer.value)
        if graded.score is None:
            work.questions[q.id] = _result(q, answer, 0.0, "invalid",
                                           [f"✗ {p}" for p in graded.problems])
            continue
        points = round(q.points * graded.fraction, 2)
        lines = [f"format: {p}" for p in graded.problems] + graded.score.lines
        work.questions[q.id] = _result(q, answer, points, _status(graded.fraction), lines)


_MEMO_CAP = 50_000  # entries per master and process; a full memo starts again


def _graded_value(master: Master, q: Question, value: object) -> GradedValue:
    """``grade_value`` of an answer, remembered by the literal's ``repr``: a class's answers
    repeat (``q2 = 'B'``), and scoring and explaining one costs more than the rest of reading
    it. Two literals with one ``repr`` are the same value — same types, same items in the same
    order (a literal holds only strings, bytes, numbers, booleans, None, ``...`` and lists,
    tuples, sets and dicts of them) — so they get the same result; a ``GradedValue`` is never
    changed after it is made (step_score copies its lines)."""
    try:
        key = ("graded", q.id, repr(value))
    except (RecursionError, MemoryError):  # pragma: no cover — literal_eval would have failed
        key = None
    memo = master.memo
    graded = memo.get(key) if key is not None else None
    if graded is None:
        graded = grade_value(q.spec, value, master.question_models.get(q.id),
                             master.public_formats[q.id])
        if key is not None:
            if len(memo) >= _MEMO_CAP:
                memo.clear()
            memo[key] = graded
    return graded


STEPS: tuple[Callable[[Work], None], ...] = (step_read, step_parse, step_run_code,
                                             step_printed_output, step_score)


def _status(fraction: float) -> QuestionStatus:
    return "correct" if fraction >= 1 else "wrong" if fraction <= 0 else "partial"


def _result(q: Question, answer: Answer, points: float | None, status: QuestionStatus,
            lines: list[str]) -> QuestionResult:
    spec = q.spec
    return QuestionResult(
        question=q.id, type=q.type, max_points=q.points, points=points, status=status,
        lines=lines, notes=list(answer.notes), explanation=spec["explanation"],
        rubric=list(_rubric(q)), levels=dict(spec.get("levels", {})))


_RUBRICS: dict[int, tuple[dict, tuple[str, ...]]] = {}


def _rubric(q: Question) -> tuple[str, ...]:
    """The question's rubric lines, worked out once per spec (the same for every student);
    the spec is kept beside them, so an id is never mistaken for a later object's."""
    spec = q.spec
    found = _RUBRICS.get(id(spec))
    if found is not None and found[0] is spec:
        return found[1]
    lines = tuple(rubric_lines(spec) if spec.get("criteria") else spec.get("rubric", []))
    if len(_RUBRICS) > 256:
        _RUBRICS.clear()
    _RUBRICS[id(spec)] = (spec, lines)
    return lines


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
                         notes=list(submission.notes), max_total=master.total_points,
                         platform=submission.platform, received=submission.received,
                         other_attempts=list(submission.other_attempts))
    if work.error:
        base.message = work.error
        return base
    base.questions = [work.questions[q.id] for q in master.questions]
    base.notes += work.read.notes
    problems = [f"{q.question}: {q.lines[0].lstrip('✗ ')}" for q in base.questions
                if q.status in ("invalid", "missing") and q.lines]
    notes = base.notes + [f"{q.question}: {n}" for q in base.questions for n in q.notes]
    base.status = "graded-with-notes" if notes or problems else "graded"
    message = "; ".join(notes + problems)
    base.message = message if len(message) <= 500 else message[:497] + "..."
    return base


# -- the batch ----------------------------------------------------------------------------------

# What the worker processes need; set before they are forked, so they inherit it.
_BATCH: dict = {}


Graded = tuple[StudentResult, dict[str, str]]  # a result and its lines of the batch's CSVs


def _grade_and_write(index: int) -> Graded:
    """Grade one submission, write its files, and render its lines of the batch-wide CSVs
    here (in the worker, in parallel) rather than in the batch's process at the end."""
    batch = _BATCH
    master = batch["master"]
    result = grade_submission(batch["subs"][index], master, batch["limits"], batch["run_code"])
    apply_manual_scores(result, batch["manual"])
    write_student_outputs(batch["out"], result, master, durable=False)
    return result, batch_lines(result, master)


def _grade_range(start: int, stop: int) -> list[Graded]:
    """A range of submissions, in a worker. Grading makes no reference cycles worth a
    collection: the cycle collector waits until the range is done."""
    gc.disable()
    try:
        return [_grade_and_write(i) for i in range(start, stop)]
    finally:
        gc.enable()


def _init_spawned(batch: dict, master_path: str) -> None:
    """Where processes are spawned, not forked (macOS, Windows): rebuild the batch state."""
    _BATCH.update(batch, master=load_master(Path(master_path)))


def _chunks(n: int, jobs: int, code: bool = False) -> list[tuple[int, int]]:
    """Ranges of about 8 per process (balance), of at most 64 (progress), at least 1; of at
    most 2 when code exercises run (a submission then costs 50–100 times more, and a long
    last range keeps one process busy while the others wait)."""
    size = max(1, min(2 if code else 64, n // (jobs * 8)))
    return [(i, min(n, i + size)) for i in range(0, n, size)]


def _graded(jobs: int) -> Iterator[list[Graded]]:
    subs = _BATCH["subs"]
    if jobs <= 1 or len(subs) <= 1:
        for i in range(len(subs)):
            yield [_grade_and_write(i)]
        return
    if "fork" in multiprocessing.get_all_start_methods():
        # what the workers inherit is never garbage: keep the collector (and copy-on-write)
        # off those pages, or every collection in a worker walks the whole batch
        gc.freeze()
        pool = ProcessPoolExecutor(max_workers=jobs,
                                   mp_context=multiprocessing.get_context("fork"))
    else:  # pragma: no cover — exercised on macOS and Windows only
        shared = {k: v for k, v in _BATCH.items() if k != "master"}
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_spawned,
                                   initargs=(shared, str(_BATCH["master"].path)))
    try:
        yield from _as_finished(pool, subs, jobs)
    finally:
        gc.unfreeze()


def _as_finished(pool: ProcessPoolExecutor, subs: list, jobs: int) -> Iterator[list]:
    with pool:
        # as each range finishes, not in input order: the workers write their students'
        # files themselves, so a slow submission holds back only the progress bar
        code = _BATCH["run_code"] and any(q.type == "code" for q in _BATCH["master"].questions)
        futures = [pool.submit(_grade_range, a, b) for a, b in _chunks(len(subs), jobs, code)]
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


def _prepare_hidden_tests(master: Master) -> None:
    """Run the hidden-tests modules' set-up (loading texts, building long inputs) once, here,
    before the workers fork: they inherit it instead of each doing it again. A module that
    fails is left to each submission's run, which reports it as the set's problem."""
    for q in master.questions:
        if q.type == "code" and q.hidden_tests:
            try:
                load_hidden_tests(q.hidden_tests)
            except Exception:  # noqa: BLE001, S110 — reported per submission by run_code_tests
                pass


def grade_batch(master_path: Path, paths: list[Path], out: Path, jobs: int = 1,
                id_pattern: str | None = None, limits: Limits = DEFAULT_LIMITS,
                progress: bool = True, run_code: bool = True) -> BatchReport:
    master = load_master(master_path)
    sandbox = ""
    if run_code and any(q.type == "code" for q in master.questions):
        # probed once here, before the workers fork: they inherit the answer
        sandbox = current_isolation().summary
        _prepare_hidden_tests(master)
    collection = collect(paths, id_pattern, limits)
    out.mkdir(parents=True, exist_ok=True)
    _BATCH.clear()
    _BATCH.update(subs=collection.submissions, master=master, limits=limits, run_code=run_code,
                  manual=read_manual_scores(out), out=out)
    results: list[StudentResult] = []
    lines: dict[str, dict[str, str]] = {}
    bar = _ProgressBar(total=len(collection.submissions), unit="notebook", file=sys.stderr,
                       disable=not progress, desc=f"grading {master.set_id}")
    try:
        with bar:
            for finished in _graded(jobs):
                for result, its_lines in finished:
                    results.append(result)
                    lines[result.student_id] = its_lines
                bar.update(len(finished))
    finally:
        _BATCH.clear()
        flush_to_disk(out)  # the students' files, written without one fsync each
    results.sort(key=lambda r: r.student_id)  # ids are unique: a stable order for every run
    write_batch_outputs(out, results, master, collection.ignored, collection.superseded, sandbox,
                        lines)
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
    superseded = [(i["student_id"], i["source"], i["reason"])
                  for i in previous.get("not_graded_attempts", [])]
    scores = read_manual_scores(out)
    results = load_records(out, previous.get("student_ids"))
    for result in results:
        apply_manual_scores(result, scores)
        write_student_outputs(out, result, master, durable=False)
    flush_to_disk(out)
    write_batch_outputs(out, results, master, ignored, superseded,
                        previous.get("code_sandbox", ""))
    return results
