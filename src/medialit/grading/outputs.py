"""Write the grader's outputs, each atomically (a temporary file in the same folder, a rename).

Per student (written as soon as the student is graded, by the process that graded them):
  ``records/<id>.json``   the full result (the source every other output is rendered from)
  ``feedback/<id>.md``    feedback in Markdown; ``feedback/<id>.html`` the same, self-contained
  ``results/<id>.json``   Gradescope results format: score, tests [{name, score, max_score,
                          output, status}], output
Per batch (written at the end, sorted by student id):
  ``gradebook.csv``, ``canvas-gradebook.csv``, ``moodle-grading-worksheet.csv`` (one per
  platform, :mod:`medialit.grading.gradebooks`), ``manual.csv`` (:mod:`.manual`),
  ``summary.json`` (counts, score distribution, item difficulty) and ``summary.png``.

No timestamp of the grading run, random name or printed output of a student's code enters any
file: a re-run on the same input writes identical bytes. Per-student JSON is compact (one line,
sorted keys) because it is written thousands of times; ``summary.json`` is indented. The
per-student files of a batch are not flushed to disk one by one (``durable=False``): the batch
calls :func:`medialit.io.atomic.flush_to_disk` (``syncfs``) once they are written.
"""

from __future__ import annotations

import html
import json
import os
import statistics
from functools import lru_cache
from pathlib import Path

from ..io.atomic import write_atomic
from .gradebooks import gradebook_files
from .master import Master
from .results import QuestionResult, StudentResult, number


def type_names() -> dict[str, str]:
    """Each type's name in reports (its ``label``), and the code exercise's."""
    from ..quiz.types import REGISTRY

    return {**{kind: cls.label for kind, cls in REGISTRY.items()}, "code": "code exercise"}


def __getattr__(name: str):
    if name == "TYPE_NAMES":
        return type_names()
    raise AttributeError(name)
STATUS_WORDS = {
    "correct": "correct", "partial": "partly correct", "wrong": "not correct",
    "unanswered": "not answered", "missing": "answer cell missing", "invalid": "could not be read",
    "pending": "waiting for a person (rubric)", "manual": "graded with the rubric",
}


# -- writing ---------------------------------------------------------------------------------------

def json_bytes(value) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


try:  # the grade extra installs it
    import orjson
except ImportError:  # pragma: no cover — a kit installed without the grade extra
    orjson = None  # type: ignore[assignment]

_COMPACT = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compact_json_bytes(value) -> bytes:
    """One line, sorted keys, with the C encoder (``indent`` switches to the Python one), or
    orjson where it is installed: the same bytes (a test compares them), three times faster on
    the two files written for every student."""
    if orjson is not None:
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
        except TypeError:  # what orjson does not take (an integer above 64 bits): json does
            pass
    return (_COMPACT.encode(value) + "\n").encode("utf-8")


def write_student_outputs(out: Path, result: StudentResult, master: Master,
                          durable: bool = True) -> None:
    # plain strings, not Path objects: this runs for every student, four files each
    base, sid = os.fspath(out), result.student_id
    feedback = os.path.join(base, "feedback", sid)
    header = _header(result, master)  # the same rows head both feedback files
    titles = [_question_title(q) for q in result.questions]  # and the same titles all three
    write_atomic(feedback + ".md", feedback_markdown_bytes(result, master, header, titles),
                 durable=durable)
    write_atomic(feedback + ".html", feedback_html_bytes(result, master, header, titles),
                 durable=durable)
    write_atomic(os.path.join(base, "results", sid + ".json"),
                 compact_json_bytes(gradescope_results(result, titles)), durable=durable)
    # the record last: its presence means the student's outputs are complete
    write_atomic(os.path.join(base, "records", sid + ".json"),
                 compact_json_bytes(result.to_dict()), durable=durable)


def batch_lines(result: StudentResult, master: Master) -> dict[str, str]:
    """The student's lines of every batch-wide CSV (gradebooks, manual.csv): rendered by the
    process that graded the student, so that the batch only joins them."""
    from .gradebooks import student_lines
    from .manual import manual_lines

    return {**student_lines(result, master), "manual.csv": manual_lines(result)}


def write_batch_outputs(out: Path, results: list[StudentResult], master: Master,
                        ignored: list, superseded: list | None = None,
                        code_sandbox: str = "",
                        lines: dict[str, dict[str, str]] | None = None) -> dict:
    """``lines``: student id → :func:`batch_lines` (else rendered here; the same bytes)."""
    from .manual import manual_csv
    from .summary_figure import summary_png

    results = sorted(results, key=lambda r: r.student_id)
    summary = batch_summary(results, master, ignored, superseded)
    # how the code exercises were isolated ("" when no code ran): the instructor's record
    summary["code_sandbox"] = code_sandbox
    for name, data in gradebook_files(results, master, lines).items():
        write_atomic(out / name, data)
    manual = None if lines is None else {sid: ls["manual.csv"] for sid, ls in lines.items()}
    write_atomic(out / "manual.csv", manual_csv(results, manual))
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


# -- feedback ---------------------------------------------------------------------------------------

_TYPE_NAMES = lru_cache(maxsize=1)(type_names)


def _question_title(q: QuestionResult) -> str:
    points = "?" if q.points is None else number(q.points)
    return (f"Question {q.question[1:] if q.question[1:].isdigit() else q.question} "
            f"({_TYPE_NAMES().get(q.type, q.type)}): {points} / {number(q.max_points)} points — "
            f"{STATUS_WORDS.get(q.status, q.status)}")


def _header(result: StudentResult, master: Master) -> list[tuple[str, str]]:
    rows = [("Set", master.title), ("Student", result.name or result.student_id),
            ("ID", result.student_id)]
    if result.status == "error":
        rows.append(("Result", "not graded"))
    elif result.pending:
        share = f" ({number(result.percent)}%)" if result.percent is not None else ""
        rows.append(("Score so far", (f"{number(result.total)} of the "
                                     f"{number(result.graded_max)} points graded{share}")))
        rows.append(("Waiting for a person", (f"{', '.join(result.pending)} "
                                             f"({number(result.pending_points)} points)")))
        rows.append(("Maximum", f"{number(master.total_points)} points"))
    else:
        rows.append(("Score", (f"{number(result.total)} / {number(master.total_points)} "
                              f"({number(result.percent)}%)")))
    if result.other_attempts:
        rows.append(("Not graded (your other files)", "; ".join(result.other_attempts)))
    return rows


_RESUBMIT = ("Nothing else was affected. Fix the file and submit it again, or ask your "
             "instructor.")


def feedback_markdown(result: StudentResult, master: Master,
                      header: list[tuple[str, str]] | None = None,
                      titles: list[str] | None = None) -> str:
    """``header``, ``titles``: :func:`_header` and each question's :func:`_question_title`,
    when the caller has them already."""
    return feedback_markdown_bytes(result, master, header, titles).decode("utf-8")


# The feedback files are built as UTF-8 from pieces, and the pieces that repeat from student to
# student (a line of a question's report, its explanation) are encoded once: encoding text
# with typographic quotes and dashes was a twentieth of the grader's work. The same bytes as
# encoding the whole text (UTF-8 of a concatenation is the concatenation of the UTF-8).

@lru_cache(maxsize=16384)
def _md_item(line: str) -> bytes:
    return f"- {line}".encode()


@lru_cache(maxsize=1024)
def _md_why(explanation: str) -> bytes:
    return f"\n**Why:** {explanation}\n".encode()


def feedback_markdown_bytes(result: StudentResult, master: Master,
                            header: list[tuple[str, str]] | None = None,
                            titles: list[str] | None = None) -> bytes:
    """:func:`feedback_markdown`, encoded as the file holds it."""
    lines = [f"# Feedback — {master.title}\n".encode()]
    lines += [f"- **{k}:** {v}".encode() for k, v in header or _header(result, master)]
    lines.append(b"")
    if result.status == "error":
        lines += [b"## Your file could not be graded", b"", result.message.encode("utf-8"), b"",
                  _RESUBMIT.encode("utf-8"), b""]
        return b"\n".join(lines)
    for note in result.notes:
        lines.append(f"> Note: {note}".encode())
    if result.notes:
        lines.append(b"")
    for i, q in enumerate(result.questions):
        lines.append(f"## {titles[i] if titles else _question_title(q)}\n".encode())
        lines += [f"> Note: {n}".encode() for n in q.notes]
        lines += [_md_item(line) for line in q.lines]
        lines.append(_md_why(q.explanation))
    return b"\n".join(lines)


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


@lru_cache(maxsize=16384)
def _escape(text: str) -> str:
    """html.escape, remembered: explanations and most lines repeat for every student."""
    return html.escape(text)


def feedback_html(result: StudentResult, master: Master,
                  header: list[tuple[str, str]] | None = None,
                  titles: list[str] | None = None) -> str:
    return feedback_html_bytes(result, master, header, titles).decode("utf-8")


_HTML_HEAD = (b'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
              b'<meta name="viewport" content="width=device-width, initial-scale=1">\n')
_HTML_END = b"</main>\n</body>\n</html>\n"


@lru_cache(maxsize=64)
def _html_top(title: str) -> bytes:
    """What follows the page's <title>, up to the header table: the same for a whole set."""
    return "\n".join(["", f"<style>{_CSS}</style>", "</head>", "<body>", "<main>",
                      f"<h1>Feedback — {_escape(title)}</h1>", "<table>"]).encode("utf-8")


@lru_cache(maxsize=16384)
def _html_item(line: str) -> bytes:
    css = "ok" if line.startswith("✓") else "no" if line.startswith("✗") else ""
    e = _escape(line)
    return (f'<li class="{css}">{e}</li>' if css else f"<li>{e}</li>").encode("utf-8")


@lru_cache(maxsize=4096)
def _html_title(title: str) -> bytes:
    return f"<section><h2>{_escape(title)}</h2>".encode()


@lru_cache(maxsize=1024)
def _html_why(explanation: str) -> bytes:
    return (f'</ul>\n<p class="why"><strong>Why:</strong> {_escape(explanation)}</p>'
            "</section>").encode()


def feedback_html_bytes(result: StudentResult, master: Master,
                        header: list[tuple[str, str]] | None = None,
                        titles: list[str] | None = None) -> bytes:
    """:func:`feedback_html`, encoded as the file holds it."""
    e = _escape
    title = master.title
    parts = [_HTML_HEAD + f"<title>Feedback — {e(title)} — {e(result.student_id)}</title>"
             .encode() + _html_top(title)]
    parts += [f"<tr><th scope=\"row\">{e(k)}</th><td>{e(v)}</td></tr>".encode()
              for k, v in header or _header(result, master)]
    parts.append(b"</table>")
    if result.status == "error":
        parts += [b'<section class="error"><h2>Your file could not be graded</h2>',
                  f"<p>{e(result.message)}</p><p>{e(_RESUBMIT)}</p></section>".encode(),
                  _HTML_END]
        return b"\n".join(parts)
    parts += [f'<p class="note">Note: {e(n)}</p>'.encode() for n in result.notes]
    for i, q in enumerate(result.questions):
        parts.append(_html_title(titles[i] if titles else _question_title(q)))
        parts += [f'<p class="note">Note: {e(n)}</p>'.encode() for n in q.notes]
        parts.append(b"<ul>")
        parts += [_html_item(line) for line in q.lines]
        parts.append(_html_why(q.explanation))
    parts.append(_HTML_END)
    return b"\n".join(parts)


# -- Gradescope ----------------------------------------------------------------------------------

def gradescope_results(result: StudentResult, titles: list[str] | None = None) -> dict:
    """The Gradescope autograder results format (score, tests, output)."""
    if result.status == "error":
        return {"score": 0.0, "output": f"Your file could not be graded: {result.message}",
                "tests": []}
    tests = []
    for i, q in enumerate(result.questions):
        output = "\n".join(q.notes + q.lines + [f"Why: {q.explanation}"])
        title = titles[i] if titles else _question_title(q)
        test = {"name": title.split(":")[0], "score": q.points or 0.0,
                "max_score": q.max_points, "output": output,
                "status": "passed" if q.status in ("correct", "manual") and
                q.points == q.max_points else "failed"}
        tests.append(test)
    summary = f"{number(result.total)} / {number(result.max_total)} points"
    if result.pending:
        summary += (f" so far; {number(result.pending_points)} points wait for a person: "
                    f"{', '.join(result.pending)}")
    return {"score": result.total, "output": summary, "tests": tests}


# -- summary ------------------------------------------------------------------------------------

def batch_summary(results: list[StudentResult], master: Master, ignored: list,
                  superseded: list | None = None) -> dict:
    """Counts and figures. A pending answer (waiting for a person) is never counted as 0: a
    question with pending answers has no difficulty yet, and a student's percentage is the
    share of the points graded so far."""
    graded = [r for r in results if r.status != "error"]
    percents = [r.percent for r in graded if r.percent is not None]
    by_question: dict[str, list[QuestionResult]] = {q.id: [] for q in master.questions}
    for r in graded:
        for x in r.questions:
            by_question.setdefault(x.question, []).append(x)
    items = []
    for q in master.questions:
        answers = by_question[q.id]
        scored = [x.points for x in answers if x.points is not None]
        pending = len(answers) - len(scored)
        mean = statistics.fmean(scored) if scored else None
        items.append({"question": q.id, "type": q.type, "max_points": q.points,
                      "answers": len(answers), "scored": len(scored), "pending": pending,
                      "mean_points": None if mean is None else round(mean, 3),
                      # the scored share alone would mislead while others wait for a person
                      "difficulty": None if mean is None or pending
                      else round(mean / q.points, 3)})
    bins = [0] * 10
    for p in percents:
        bins[min(9, int(p // 10))] += 1
    return {
        "set": master.set_id, "title": master.title, "master": str(master.path),
        "max_points": master.total_points, "students": len(results), "graded": len(graded),
        "errors": len(results) - len(graded),
        "with_notes": sum(r.status == "graded-with-notes" for r in results),
        "pending_manual": sum(bool(r.pending) for r in graded),
        "complete": sum(r.complete for r in graded),
        # each student's share of the points graded so far (pending points left out)
        "mean_percent": round(statistics.fmean(percents), 2) if percents else None,
        "median_percent": round(statistics.median(percents), 2) if percents else None,
        "histogram_percent": {f"{10 * i}-{10 * i + 10}": n for i, n in enumerate(bins)},
        "items": items,
        "ignored": [{"source": s, "reason": why} for s, why in ignored],
        "not_graded_attempts": [{"student_id": sid, "source": src, "reason": why}
                                for sid, src, why in (superseded or [])],
        # the batch's students: --merge-manual rewrites these, not older records in the folder
        "student_ids": [r.student_id for r in results],
    }


def difficulty_table(summary: dict) -> str:
    """Item difficulty (mean share of the points) as a plain-text table; pending says so."""
    rows = [("question", "type", "max", "scored", "pending", "mean", "difficulty")]
    for item in summary["items"]:
        mean = "" if item["mean_points"] is None else f"{item['mean_points']:.2f}"
        pending = item.get("pending", 0)
        if item["difficulty"] is not None:
            diff = f"{item['difficulty']:.2f}"
        else:
            diff = "pending" if pending else ""
        rows.append((item["question"], item["type"], number(item["max_points"]),
                     str(item["scored"]), str(pending), mean, diff))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
