"""Write the grader's outputs, each atomically (a temp file in the same folder, then rename).

Per student (written as soon as the student is graded):
  ``records/<id>.json``   the full result (the source every other output is rendered from)
  ``feedback/<id>.md``    feedback in Markdown; ``feedback/<id>.html`` the same, self-contained
  ``results/<id>.json``   Gradescope results format: score, tests [{name, score, max_score,
                          output, status}], output
Per batch (written at the end, sorted by student id):
  ``gradebook.csv``       one row per student (layout below), ``manual.csv`` (see manual.py),
  ``summary.json``        counts, score distribution, item difficulty; ``summary.png``.

Gradebook layout (importable in Canvas and Moodle; see docs/grading.md)::

    Student, ID, SIS User ID, SIS Login ID, Section, <set title> (<max>), q1 (<max>), …,
    Percent, Status, Pending manual, Identifier, Message

Canvas matches rows on ``ID`` (the Canvas user id, which the Canvas bulk-download file names
carry); the set column is the grade to import, the other columns show up as new columns in the
import preview and can be ignored. Moodle's offline grading worksheet matches ``Identifier``
("Participant <id>", the id in Moodle bulk-download names) and imports the set column as the
grade. No timestamps or random names enter any file: a re-run writes identical bytes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import statistics
from pathlib import Path

from ..atomic import write_atomic
from .master import Master
from .results import QuestionResult, StudentResult, number

TYPE_NAMES = {
    "label_sentences": "label each sentence", "single_choice": "single choice",
    "multiple_choice": "multiple choice", "true_false": "true or false", "matching": "matching",
    "ordering": "ordering", "numeric": "numeric", "free_text": "open answer, rubric",
    "code": "code exercise",
}
STATUS_WORDS = {
    "correct": "correct", "partial": "partly correct", "wrong": "not correct",
    "unanswered": "not answered", "missing": "answer cell missing", "invalid": "could not be read",
    "pending": "waiting for manual grading", "manual": "graded with the rubric",
}


# -- writing ---------------------------------------------------------------------------------------

def json_bytes(value) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def write_student_outputs(out: Path, result: StudentResult, master: Master) -> None:
    sid = result.student_id
    write_atomic(out / "feedback" / f"{sid}.md", feedback_markdown(result, master).encode("utf-8"))
    write_atomic(out / "feedback" / f"{sid}.html", feedback_html(result, master).encode("utf-8"))
    write_atomic(out / "results" / f"{sid}.json", json_bytes(gradescope_results(result)))
    # the record last: its presence means the student's outputs are complete
    write_atomic(out / "records" / f"{sid}.json", json_bytes(result.to_dict()))


def write_batch_outputs(out: Path, results: list[StudentResult], master: Master,
                        ignored: list) -> dict:
    from .manual import manual_csv

    results = sorted(results, key=lambda r: r.student_id)
    summary = batch_summary(results, master, ignored)
    write_atomic(out / "gradebook.csv", gradebook_csv(results, master))
    write_atomic(out / "manual.csv", manual_csv(results))
    write_atomic(out / "summary.json", json_bytes(summary))
    write_atomic(out / "summary.png", summary_png(summary))
    return summary


def load_records(out: Path, student_ids: list[str] | None = None) -> list[StudentResult]:
    """The records in ``out/records`` (only those of ``student_ids`` when given)."""
    paths = sorted((out / "records").glob("*.json"))
    if student_ids is not None:
        wanted = set(student_ids)
        paths = [p for p in paths if p.stem in wanted]
    return [StudentResult.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in paths]


# -- gradebook ------------------------------------------------------------------------------------

def gradebook_columns(master: Master) -> list[str]:
    total = f"{master.title} ({number(master.total_points)})"
    per_question = [f"{q.id} ({number(q.points)})" for q in master.questions]
    return ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", total, *per_question,
            "Percent", "Status", "Pending manual", "Identifier", "Message"]


def gradebook_csv(results: list[StudentResult], master: Master) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(gradebook_columns(master))
    for r in results:
        by_id = {q.question: q for q in r.questions}
        per_question = [number(by_id[q.id].points) if q.id in by_id else "" for q in master.questions]
        total = number(r.total) if r.status != "error" else "0"
        writer.writerow([r.name or r.student_id, r.student_id, "", "", "", total, *per_question,
                         number(r.percent), r.status, " ".join(r.pending),
                         f"Participant {r.student_id}", r.message])
    return buf.getvalue().encode("utf-8")


# -- feedback ---------------------------------------------------------------------------------------

def _question_title(q: QuestionResult) -> str:
    points = "?" if q.points is None else number(q.points)
    return (f"Question {q.question[1:] if q.question[1:].isdigit() else q.question} "
            f"({TYPE_NAMES.get(q.type, q.type)}): {points} / {number(q.max_points)} points — "
            f"{STATUS_WORDS.get(q.status, q.status)}")


def _header(result: StudentResult, master: Master) -> list[tuple[str, str]]:
    rows = [("Set", master.title), ("Student", result.name or result.student_id),
            ("ID", result.student_id)]
    if result.status == "error":
        rows.append(("Result", "not graded"))
    else:
        score = (f"{number(result.total)} / {number(master.total_points)} "
                 f"({number(result.percent)}%)")
        rows.append(("Score", score))
        if result.pending:
            rows.append(("Waiting for manual grading", ", ".join(result.pending)))
    return rows


_RESUBMIT = ("Nothing else was affected. Fix the file and submit it again, or ask your "
             "instructor.")


def feedback_markdown(result: StudentResult, master: Master) -> str:
    lines = [f"# Feedback — {master.title}", ""]
    lines += [f"- **{k}:** {v}" for k, v in _header(result, master)]
    lines.append("")
    if result.status == "error":
        lines += ["## Your file could not be graded", "", result.message, "", _RESUBMIT, ""]
        return "\n".join(lines)
    for note in result.notes:
        lines.append(f"> Note: {note}")
    if result.notes:
        lines.append("")
    for q in result.questions:
        lines += [f"## {_question_title(q)}", ""]
        lines += [f"> Note: {n}" for n in q.notes]
        lines += [f"- {line}" for line in q.lines]
        if q.type == "code" and q.answer_text:
            lines += ["", "What your code printed (shortened):", "", "```text",
                      q.answer_text.replace("```", "'''"), "```"]
        lines += ["", f"**Why:** {q.explanation}", ""]
    return "\n".join(lines)


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:48rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
table{border-collapse:collapse}th,td{text-align:left;padding:.2rem .8rem .2rem 0}
.ok{color:#0a6b2b}.no{color:#a3161b}.note{background:#fff6d6;border-left:4px solid #b58900;
padding:.4rem .8rem}.why{background:#eef3fb;border-left:4px solid #2c5aa0;padding:.4rem .8rem}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
.error{background:#fde8e8;border-left:4px solid #a3161b;padding:.6rem .8rem}
.error h2{border-top:none;margin-top:0;padding-top:0}
""".strip()


def feedback_html(result: StudentResult, master: Master) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Feedback — {e(master.title)} — {e(result.student_id)}</title>",
             f"<style>{_CSS}</style>", "</head>", "<body>", "<main>",
             f"<h1>Feedback — {e(master.title)}</h1>", "<table>"]
    parts += [f"<tr><th scope=\"row\">{e(k)}</th><td>{e(v)}</td></tr>"
              for k, v in _header(result, master)]
    parts.append("</table>")
    if result.status == "error":
        parts += ['<section class="error"><h2>Your file could not be graded</h2>',
                  f"<p>{e(result.message)}</p><p>{e(_RESUBMIT)}</p></section>",
                  "</main>", "</body>", "</html>", ""]
        return "\n".join(parts)
    parts += [f'<p class="note">Note: {e(n)}</p>' for n in result.notes]
    for q in result.questions:
        parts.append(f"<section><h2>{e(_question_title(q))}</h2>")
        parts += [f'<p class="note">Note: {e(n)}</p>' for n in q.notes]
        parts.append("<ul>")
        for line in q.lines:
            css = "ok" if line.startswith("✓") else "no" if line.startswith("✗") else ""
            parts.append(f'<li class="{css}">{e(line)}</li>' if css else f"<li>{e(line)}</li>")
        parts.append("</ul>")
        if q.type == "code" and q.answer_text:
            parts.append(f"<p>What your code printed (shortened):</p><pre>{e(q.answer_text)}</pre>")
        parts.append(f'<p class="why"><strong>Why:</strong> {e(q.explanation)}</p></section>')
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


# -- Gradescope ----------------------------------------------------------------------------------

def gradescope_results(result: StudentResult) -> dict:
    """The Gradescope autograder results format (score, tests, output)."""
    if result.status == "error":
        return {"score": 0.0, "output": f"Your file could not be graded: {result.message}",
                "tests": []}
    tests = []
    for q in result.questions:
        output = "\n".join(q.notes + q.lines + [f"Why: {q.explanation}"])
        test = {"name": _question_title(q).split(":")[0], "score": q.points or 0.0,
                "max_score": q.max_points, "output": output,
                "status": "passed" if q.status in ("correct", "manual") and
                q.points == q.max_points else "failed"}
        tests.append(test)
    summary = f"{number(result.total)} / {number(result.max_total)} points"
    if result.pending:
        summary += f"; waiting for manual grading: {', '.join(result.pending)}"
    return {"score": result.total, "output": summary, "tests": tests}


# -- summary ------------------------------------------------------------------------------------

def batch_summary(results: list[StudentResult], master: Master, ignored: list) -> dict:
    graded = [r for r in results if r.status != "error"]
    percents = [r.percent for r in graded]
    items = []
    for q in master.questions:
        scored = [x for r in graded for x in r.questions if x.question == q.id and
                  x.points is not None]
        mean = statistics.fmean(x.points for x in scored) if scored else None
        items.append({"question": q.id, "type": q.type, "max_points": q.points,
                      "scored": len(scored),
                      "mean_points": None if mean is None else round(mean, 3),
                      "difficulty": None if mean is None else round(mean / q.points, 3)})
    bins = [0] * 10
    for p in percents:
        bins[min(9, int(p // 10))] += 1
    return {
        "set": master.set_id, "title": master.title, "master": str(master.path),
        "max_points": master.total_points, "students": len(results), "graded": len(graded),
        "errors": len(results) - len(graded),
        "with_notes": sum(r.status == "graded-with-notes" for r in results),
        "pending_manual": sum(bool(r.pending) for r in graded),
        "mean_percent": round(statistics.fmean(percents), 2) if percents else None,
        "median_percent": round(statistics.median(percents), 2) if percents else None,
        "histogram_percent": {f"{10 * i}-{10 * i + 10}": n for i, n in enumerate(bins)},
        "items": items,
        "ignored": [{"source": s, "reason": why} for s, why in ignored],
        # the batch's students: --merge-manual rewrites these, not older records in the folder
        "student_ids": [r.student_id for r in results],
    }


def difficulty_table(summary: dict) -> str:
    """Item difficulty (mean share of the points) as a plain-text table."""
    rows = [("question", "type", "max", "scored", "mean", "difficulty")]
    for item in summary["items"]:
        mean = "" if item["mean_points"] is None else f"{item['mean_points']:.2f}"
        diff = "" if item["difficulty"] is None else f"{item['difficulty']:.2f}"
        rows.append((item["question"], item["type"], number(item["max_points"]),
                     str(item["scored"]), mean, diff))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary_png(summary: dict) -> bytes:
    """A histogram of percentages and the item difficulty, rendered deterministically."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(9, 3.6), dpi=100)
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    labels = list(summary["histogram_percent"])
    counts = list(summary["histogram_percent"].values())
    left.bar(range(len(counts)), counts, color="#2c5aa0")
    left.set_xticks(range(len(labels)), labels, rotation=45, fontsize=8)
    left.set_xlabel("score (%)")
    left.set_ylabel("students")
    left.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole students, not 0.5
    left.set_title(f"{summary['title']}: {summary['graded']} graded, {summary['errors']} not graded",
                   fontsize=10)
    items = summary["items"]
    names = [i["question"] for i in items]
    values = [i["difficulty"] or 0 for i in items]
    right.barh(range(len(names)), values, color="#0a6b2b")
    for row, item in enumerate(items):
        if item["difficulty"] is None:
            right.text(0.02, row, "not scored yet", va="center", fontsize=8, color="#555555")
    right.set_yticks(range(len(names)), names)
    right.invert_yaxis()
    right.set_xlim(0, 1)
    right.set_xlabel("mean share of points (item difficulty)")
    right.set_title("per question", fontsize=10)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
