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
