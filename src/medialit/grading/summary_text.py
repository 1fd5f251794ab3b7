"""One line that sums up a graded batch, for the command line."""

from __future__ import annotations


def batch_line(summary: dict) -> str:
    head = (f"{summary['students']} submission(s) of {summary['set']}: "
            f"{summary['graded']} graded, {summary['errors']} not graded")
    parts = [head]
    if summary["with_notes"]:
        parts.append(f"{summary['with_notes']} with notes")
    if summary["pending_manual"]:
        parts.append(f"{summary['pending_manual']} waiting for manual grading (manual.csv)")
    if summary["mean_percent"] is not None:
        of = " of the points graded so far" if summary["pending_manual"] else ""
        parts.append(f"mean {summary['mean_percent']}%{of}")
    if summary.get("not_graded_attempts"):
        parts.append(f"{len(summary['not_graded_attempts'])} older attempt(s) not graded "
                     "(listed in summary.json)")
    return "; ".join(parts)
