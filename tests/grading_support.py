"""Small helpers that build notebooks and submission batches in memory for the grading tests.

Notebooks are built cell by cell (as nbgrader's tests do), so each test shows exactly what the
student's file holds; nothing binary is committed.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

SET_ID = "set-a-framing"


def code_cell(source: str, question: str | None = None, role: str = "answer"):
    """A code cell; tagged as the answer cell of ``question`` when given."""
    cell = new_code_cell(source)
    if question:
        cell.metadata["medialit"] = {"question": question, "role": role}
    return cell


def markdown_cell(text: str):
    return new_markdown_cell(text)


def notebook(*cells, set_id: str | None = SET_ID):
    nb = new_notebook(cells=list(cells))
    if set_id:
        nb.metadata["medialit"] = {"set": set_id}
    return nb


def to_bytes(nb) -> bytes:
    return nbformat.writes(nb).encode("utf-8")


def write_notebook(path: Path, nb) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_bytes(nb))
    return path


def make_zip(path: Path, entries: dict[str, bytes]) -> Path:
    """A zip holding ``entries`` (archive name → bytes), names written exactly as given."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            zf.writestr(info, data)
    path.write_bytes(buf.getvalue())
    return path


def json_bytes(value) -> bytes:
    return json.dumps(value).encode("utf-8")


# -- realistic submissions of Set A, made from the released student notebook -------------------

ROOT = Path(__file__).resolve().parents[1]
RELEASED = ROOT / "exercises" / "set-a-framing.ipynb"

GOOD_FUNCTION = '''import re


def remedy_sentences(doc, cues):
    """Ids of the sentences with a cue, whole words, any case."""
    found = []
    for sentence in doc.sentences:
        for cue in cues:
            words = r"\\s+".join(re.escape(w) for w in cue.split())
            if re.search(r"\\b" + words + r"\\b", sentence.text, flags=re.IGNORECASE):
                found.append(sentence.id)
                break
    return found
'''
# Substring matching: misses whole words and case (a common first attempt).
NAIVE_FUNCTION = '''def remedy_sentences(doc, cues):
    return [s.id for s in doc.sentences if any(c in s.text for c in cues)]
'''
_ESSAY_SENTENCE = "¶5.4 frames the operation as a response: “posing an imminent threat”."
ESSAY = 'q8 = """' + " ".join([_ESSAY_SENTENCE] * 15) + '"""'

GOOD_ANSWERS = {
    "q1": 'q1 = {"¶1 s1": "problem", "2.3": "cause", "p3s3": "judgment", "4.3": "cause",\n'
          '      "5.1": "problem", "6.1": "cause", "8.4": "remedy", "9.5": "Remedy"}',
    "q2": 'q2 = "b"',
    "q3": 'q3 = {"A", "C"}',
    "q4": 'q4 = "C"',
    "q5": 'q5 = {"departure-as-choice": "¶6 s5", "security/response": "5.4", "relevance": "8.4",\n'
          '      "opportunity/peace": "9.5", "shared wrongdoing": "3.4"}',
    "q6": 'q6 = "C"',
    "q7": GOOD_FUNCTION,
    "q8": ESSAY,
}
PARTIAL_ANSWERS = {
    "q1": 'q1 = {"1.1": "problem", "2.3": "judgment", "3.3": "judgment", "4.3": "remedy",\n'
          '      "5.1": "problem", "6.1": "judgment", "8.4": "remedy", "9.5": "cause"}',
    "q2": 'q2 = "A"',
    "q3": 'q3 = {"A", "B", "C"}',
    "q4": 'q4 = "C"',
    "q5": 'q5 = {"departure-as-choice": "6.5", "security/response": "8.4", "relevance": "5.4",\n'
          '      "opportunity/peace": "9.5", "shared wrongdoing": "3.4"}',
    "q6": 'q6 = "A"',
    "q7": NAIVE_FUNCTION,
    "q8": 'q8 = "The op-ed uses a security frame."',
}


def released_notebook():
    return nbformat.read(RELEASED, as_version=4)


def student_notebook(answers: dict[str, str], drop: tuple[str, ...] = ()):
    """The released notebook with answer cells filled in (and some deleted)."""
    nb = released_notebook()
    cells = []
    for cell in nb.cells:
        q = cell.metadata.get("medialit", {}).get("question")
        if q in drop:
            continue
        if q in answers:
            cell.source = answers[q]
        cells.append(cell)
    nb.cells = cells
    return nb


def write_batch(folder: Path) -> dict[str, Path]:
    """A folder of realistic submissions: good, partial, untouched and broken ones."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "good": write_notebook(folder / "good.ipynb", student_notebook(GOOD_ANSWERS)),
        "partial": write_notebook(folder / "partial.ipynb", student_notebook(PARTIAL_ANSWERS)),
        "blank": write_notebook(folder / "blank.ipynb", released_notebook()),
    }
    broken = dict(GOOD_ANSWERS, q2="q2 = sorted(['A'])[0]", q3='q3 = "nothing"',
                  q7="def remedy_sentences(doc, cues):\n    while True:\n        pass\n")
    files["broken"] = write_notebook(folder / "broken.ipynb", student_notebook(broken,
                                                                               drop=("q4",)))
    (folder / "empty.ipynb").write_bytes(b"")
    files["empty"] = folder / "empty.ipynb"
    (folder / "notjson.ipynb").write_bytes(b"<html>not a notebook</html>")
    files["notjson"] = folder / "notjson.ipynb"
    return files


def all_strings(value):
    """Every string inside nested dicts and lists (a spec's prompts, options, feedback ...)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from all_strings(v)
