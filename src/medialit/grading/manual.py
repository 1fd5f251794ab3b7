"""Open answers: export them for a person to score (manual.csv) and merge the scores back.

``manual.csv`` has one row per (student, open question) with the answer, the rubric and the
allowed scores; the ``Score`` column is empty until someone fills it in (a spreadsheet is
fine). ``medialit grade --merge-manual manual.csv --out DIR`` checks each filled-in score
against the question's rubric levels, stores the valid ones in ``DIR/manual-scores.json``
(so that a later re-grade keeps them), and rewrites every output from ``DIR/records``.
Rows with a problem are reported and skipped; the others are merged.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .results import StudentResult, number

COLUMNS = ["ID", "Student", "Question", "Max points", "Allowed scores", "Rubric", "Answer",
           "Score"]
SCORES_FILE = "manual-scores.json"


def manual_csv(results: list[StudentResult]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in sorted(results, key=lambda r: r.student_id):
        for q in r.questions:
            if q.status not in ("pending", "manual") or not q.levels:
                continue  # only rubric questions (a code question left unrun has no levels)
            allowed = " | ".join(sorted(q.levels, key=float))
            rubric = " || ".join([*(f"{lvl} pts: {text}" for lvl, text in
                                    sorted(q.levels.items(), key=lambda kv: float(kv[0]))),
                                  *(f"criterion: {c}" for c in q.rubric)])
            score = number(q.points) if q.status == "manual" else ""
            writer.writerow([r.student_id, r.name, q.question, number(q.max_points), allowed,
                             rubric, q.answer_text, score])
    return buf.getvalue().encode("utf-8")


def read_manual_scores(out: Path) -> dict[str, dict[str, float]]:
    path = Path(out) / SCORES_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def apply_scores(result: StudentResult, scores: dict[str, float]) -> None:
    """Put the rubric scores into the student's open questions (only those waiting for one)."""
    for q in result.questions:
        if q.question in scores and q.status in ("pending", "manual"):
            q.points = float(scores[q.question])
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
        scores.setdefault(sid, {})[qid] = value
        merged += 1
    write_atomic(Path(out) / SCORES_FILE, json_bytes(scores))
    return merged, problems
