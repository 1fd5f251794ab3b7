"""Open answers: export them for a person to score (manual.csv) and merge the scores back.

``manual.csv`` has one row per (student, open question) with the answer, the rubric and the
allowed scores; the ``Score`` column is empty until someone fills it in (a spreadsheet is
fine). ``medialit grade --merge-manual manual.csv --out DIR`` checks each filled-in score
against the question's rubric levels, stores the valid ones in ``DIR/manual-scores.json``
(so that a later re-grade keeps them), and rewrites every output from ``DIR/records``.
Rows with a problem are reported and skipped; the others are merged.

A stored score belongs to the answer it was given for: it is kept with a fingerprint of that
answer's text, and a re-grade applies it only while the answer is the same. A resubmitted,
changed answer waits for a new score (its feedback says why) instead of silently inheriting
the old one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

from .results import StudentResult, number

COLUMNS = ["ID", "Student", "Question", "Max points", "Allowed scores", "Rubric", "Answer",
           "Score"]
SCORES_FILE = "manual-scores.json"


def manual_rows(result: StudentResult) -> list[list[str]]:
    """The student's rows of manual.csv: one per open (rubric) question."""
    rows = []
    for q in result.questions:
        if q.status not in ("pending", "manual") or not q.levels:
            continue  # only rubric questions (a code question left unrun has no levels)
        allowed, rubric = _rubric_columns(tuple(q.levels.items()), tuple(q.rubric))
        score = number(q.points) if q.status == "manual" else ""
        rows.append([result.student_id, result.name, q.question, number(q.max_points), allowed,
                     rubric, q.answer_text, score])
    return rows


def manual_lines(result: StudentResult) -> str:
    """The student's rows of manual.csv as text, for the batch to join (the same bytes)."""
    from .gradebooks import csv_line

    return "".join(csv_line(row) for row in manual_rows(result))


def manual_csv(results: list[StudentResult], lines: dict[str, str] | None = None) -> bytes:
    """``lines``: student id → :func:`manual_lines`, rendered by the grading processes."""
    ordered = sorted(results, key=lambda r: r.student_id)
    if lines is not None and all(r.student_id in lines for r in ordered):
        from .gradebooks import csv_line

        return (csv_line(COLUMNS) + "".join(lines[r.student_id] for r in ordered)).encode("utf-8")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in ordered:
        writer.writerows(manual_rows(r))
    return buf.getvalue().encode("utf-8")


@lru_cache(maxsize=64)  # the same for every student of a question
def _rubric_columns(levels: tuple, criteria: tuple) -> tuple[str, str]:
    ordered = sorted(levels, key=lambda kv: float(kv[0]))
    allowed = " | ".join(level for level, _ in ordered)
    rubric = " || ".join([*(f"{level} pts: {text}" for level, text in ordered),
                          *(f"criterion: {c}" for c in criteria)])
    return allowed, rubric


def read_manual_scores(out: Path) -> dict[str, dict[str, dict]]:
    """The stored scores: student id -> question id -> {"score": float, "answer": fingerprint}."""
    path = Path(out) / SCORES_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def answer_fingerprint(text: str) -> str:
    """A short hash of an open answer's text, stored beside the score given for it."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def apply_scores(result: StudentResult, scores: dict) -> None:
    """Put the rubric scores into the student's open questions (only those waiting for one),
    when the answer is still the one that was scored."""
    for q in result.questions:
        if q.question in scores and q.status in ("pending", "manual"):
            stored = scores[q.question]
            if isinstance(stored, dict):  # {"score": 4, "answer": fingerprint}
                if stored.get("answer") != answer_fingerprint(q.answer_text):
                    note = (f"the rubric score {number(float(stored['score']))} was given to an "
                            "earlier version of this answer; the answer has changed, so it "
                            "waits for a new score in manual.csv")
                    q.status, q.points = "pending", None
                    q.lines = [note, *(line for line in q.lines if line != note)]
                    continue
                stored = stored["score"]
            q.points = float(stored)
            q.status = "manual"
            level = q.levels.get(number(q.points), "")
            q.lines = [f"rubric score {number(q.points)} of {number(q.max_points)}"
                       + (f": {level}" if level else "")]


def merge_manual(csv_path: Path, out: Path) -> tuple[int, list[str]]:
    """Validate the filled-in scores and store them; return (rows merged, problems)."""
    from .outputs import json_bytes, load_records, write_atomic

    summary = Path(out) / "summary.json"
    ids = json.loads(summary.read_text(encoding="utf-8")).get("student_ids") \
        if summary.exists() else None
    records = {r.student_id: r for r in load_records(out, ids)}
    problems: list[str] = []
    try:
        text = Path(csv_path).read_text(encoding="utf-8-sig")  # Excel adds a BOM
    except (OSError, UnicodeDecodeError) as exc:
        return 0, [f"{csv_path}: cannot read it ({exc})"]
    reader = csv.DictReader(io.StringIO(text))
    missing = {"ID", "Question", "Score"} - set(reader.fieldnames or [])
    if missing:
        return 0, [f"{csv_path}: columns missing: {', '.join(sorted(missing))}"]
    scores = read_manual_scores(out)
    merged = 0
    for line, row in enumerate(reader, start=2):
        raw = (row.get("Score") or "").strip()
        if not raw:
            continue
        sid, qid = (row.get("ID") or "").strip(), (row.get("Question") or "").strip()
        where = f"{csv_path.name} line {line} ({sid}, {qid})"
        record = records.get(sid)
        question = next((q for q in record.questions if q.question == qid), None) if record else None
        if question is None or question.status not in ("pending", "manual"):
            problems.append(f"{where}: no open answer of this student and question in {out}")
            continue
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            problems.append(f"{where}: score {raw!r} is not a number")
            continue
        allowed = sorted(float(x) for x in question.levels)
        if value not in allowed:
            problems.append(f"{where}: score {raw} is not one of the rubric levels "
                            f"{', '.join(number(a) for a in allowed)}")
            continue
        scores.setdefault(sid, {})[qid] = {"score": value,
                                           "answer": answer_fingerprint(question.answer_text)}
        merged += 1
    write_atomic(Path(out) / SCORES_FILE, json_bytes(scores))
    return merged, problems
