"""Small builders for quiz tests: a question model from keyword fields, a bank file on disk."""

from __future__ import annotations

from pathlib import Path

from medialit.quiz.types import model_for

COMMON = {"prompt": "A prompt.", "about": ["5.2"], "explanation": "Because of ¶5.2."}


def make(type_name: str, qid: str = "test-q01", **fields):
    """A validated question of ``type_name`` with the common fields filled in."""
    return model_for(type_name).model_validate({"id": qid, "type": type_name, **COMMON, **fields})


def options(*ids: str) -> list[dict]:
    return [{"id": i, "text": f"Option {i}", "feedback": f"Feedback {i}"} for i in ids]


def write_bank(folder: Path, text: str, name: str = "demo") -> tuple[Path, dict[str, int]]:
    """Write ``text`` (YAML) to ``folder/<name>.yml`` beside a small references.bib.

    Lines tagged ``# <- label`` are returned as {label: line number} so tests can name the exact
    line they expect without counting by hand.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "references.bib").write_text(
        "@misc{ep_res2023,\n  title = {EP resolution},\n  year = {2023},\n}\n", encoding="utf-8")
    path = folder / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    marks = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if "# <-" in line:
            marks[line.split("# <-", 1)[1].strip()] = number
    return path, marks
