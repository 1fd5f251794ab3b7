"""The grader's shortcuts give exactly what the general code gives.

* an answer cell that alone names its answer is read without the general search
  (``read_answers.SHORTCUT``): the same answers and notes, on and off, for every notebook in
  the repository read against every master, and for thousands of mutated copies of them
  (tags stripped, cells duplicated, deleted, replaced by the test suite's hostile strings,
  answers typed into new cells, names changed by code, the set id stripped);
* catalogue lines and sentence ids are remembered: the same text as working them out, for
  every key of every catalogue and values that compare equal but print differently;
* a whole batch writes the same bytes with the shortcut on and off.
"""

from __future__ import annotations

import copy
import json
import random

import pytest

from grading_support import ROOT
from medialit.grading import outputs
from medialit.grading import read_answers as reader
from medialit.grading.answer_format import _SENTENCE_ID, normalise_sentence_id
from medialit.grading.master import load_master, set_titles
from medialit.grading.pipeline import grade_batch
from medialit.quiz import i18n
from test_grading_quick_literal import HOSTILE, _bench_module, test_suite_strings

MASTERS = sorted((ROOT / "solutions").glob("set-*.ipynb"))
NAMES = [f"q{i}" for i in range(1, 13)] + ["remedy_sentences", "f"]


def repo_notebooks() -> list[dict]:
    found = []
    for path in sorted(ROOT.glob("**/*.ipynb")):
        if any(part in {".venv", "_build", ".ipynb_checkpoints", "node_modules"}
               for part in path.parts):
            continue
        found.append(json.loads(path.read_text(encoding="utf-8")))
    return found


def mutated(nb: dict, rng: random.Random, strings: list[str]) -> dict:
    nb = copy.deepcopy(nb)
    cells = nb["cells"]
    for _ in range(rng.randint(1, 4)):
        code = [c for c in cells if c.get("cell_type") == "code"]
        if not code:
            break
        cell, op = rng.choice(code), rng.randrange(9)
        if op == 0:
            cell.get("metadata", {}).pop("medialit", None)  # a tag stripped
        elif op == 1:
            cells.insert(rng.randrange(len(cells) + 1), copy.deepcopy(cell))  # duplicated
        elif op == 2:  # an answer typed into a new cell
            new = copy.deepcopy(cell)
            new["metadata"] = {}
            new["source"] = f"{rng.choice(NAMES)} = " + rng.choice(
                ["...", "'A'", "{'A', 'B'}", "sorted([1])", "{'1.1': 'problem'}"])
            cells.insert(rng.randrange(len(cells) + 1), new)
        elif op == 3:
            cell["source"] = rng.choice(strings)
        elif op == 4:
            cells.remove(cell)
        elif op == 5:
            new = copy.deepcopy(cell)
            new["source"] = rng.choice(strings)
            cells.insert(rng.randrange(len(cells) + 1), new)
        elif op == 6:
            nb.get("metadata", {}).pop("medialit", None)
        elif op == 7:
            name = rng.choice(NAMES)
            cell["source"] = (f"{name} = ...\n{name}.add('x')" if rng.random() < 0.5 else
                              f"def {name}(doc, cues):\n    return []\nprint(1)\n")
        else:
            source = cell.get("source", "")
            cell["source"] = ("".join(source) if isinstance(source, list) else source) \
                + "\n" + rng.choice(strings)
    return nb


def readings(data: bytes, masters, titles) -> list[str]:
    out = []
    for master in masters:
        try:
            out.append(repr(reader.read_answers(data, master.slots(), master.set_id,
                                                titles=titles)))
        except reader.NotebookError as exc:
            out.append(f"NotebookError: {exc}")
    return out


def test_the_shortcut_reads_every_notebook_as_the_general_path_does(monkeypatch):
    masters = [load_master(p) for p in MASTERS]
    titles = set_titles(MASTERS[0])
    strings = [s for s in test_suite_strings() + HOSTILE if len(s) < 3000]
    rng = random.Random(2026)
    notebooks = []
    for nb in repo_notebooks():
        notebooks += [nb] + [mutated(nb, rng, strings) for _ in range(40)]
    shortcut_used = general_notes = 0
    for nb in notebooks:
        data = json.dumps(nb).encode("utf-8")
        monkeypatch.setattr(reader, "SHORTCUT", True)
        fast = readings(data, masters, titles)
        monkeypatch.setattr(reader, "SHORTCUT", False)
        full = readings(data, masters, titles)
        assert fast == full, nb
        shortcut_used += sum("answered" in r and "notes=[]" in r for r in fast)
        general_notes += sum("notes=['" in r for r in full)
    # both paths were exercised: plain notebooks and ones whose cells need the search
    assert len(notebooks) > 500 and shortcut_used > 100 and general_notes > 100


def test_a_batch_writes_the_same_bytes_with_and_without_the_shortcut(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    subs.mkdir()
    _bench_module().make_submissions(subs, 60, seed=12)
    trees = []
    for shortcut in (True, False):
        monkeypatch.setattr(reader, "SHORTCUT", shortcut)
        out = tmp_path / f"out-{shortcut}"
        grade_batch(MASTERS[0], [subs], out, jobs=1, progress=False, run_code=False)
        trees.append({p.relative_to(out).as_posix(): p.read_bytes()
                      for p in sorted(out.rglob("*")) if p.is_file()})
    assert len(trees[0]) > 200 and trees[0] == trees[1]


def _message_worked_out(key: str, language: str | None = None, **values) -> str:
    """message() as it was before its lines were remembered."""
    text = i18n.catalogue(language)[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


VALUES = ["x", "", "¶5.4", 1, True, 1.0, 0.0, -0.0, None, ("a",), ["b"], {"c": 1}]


@pytest.mark.parametrize("language", [None, "xx", "en"])
def test_remembered_catalogue_lines_are_the_worked_out_ones(language, tmp_path):
    keys = sorted(i18n.catalogue("en"))
    key = next(k for k in keys if "{id}" in i18n.catalogue("en")[k])
    (tmp_path / "xx.yml").write_text(f'{key}: "X {{id}}"\n', encoding="utf-8")
    placeholders = sorted({n for k in keys for n in i18n._PLACEHOLDER.findall(
        i18n.catalogue("en")[k])})
    assert keys and placeholders
    for each in keys:
        for value in VALUES:  # 1, True and 1.0 are equal keys but print differently
            values = {name: value for name in placeholders}
            assert i18n.message(each, language, **values) == \
                _message_worked_out(each, language, **values)
    before = i18n.message(key, id=1)
    with i18n.use_language("xx", [tmp_path]):  # the current language decides a line too
        assert i18n.message(key, id=1) == "X 1" != before
        assert i18n.message(key, "en", id=True) == _message_worked_out(key, "en", id=True)
    assert i18n.message(key, id=1) == before == _message_worked_out(key, id=1)


def test_remembered_sentence_ids_are_the_worked_out_ones():
    def worked_out(text):
        if not isinstance(text, str):
            return None
        m = _SENTENCE_ID.match(text)
        return None if not m else f"{m.group('p').lower()}.{int(m.group('s'))}"

    texts = ["8.4", "¶8 s4", "p8s4", "P8 S4", "¶8.4", "byline.1", "BYLINE 2", "8.04", "8", "",
             " 8.4 ", "para 3 s 2", "0.1", "100.1", "8.4.1", "８.４"]
    rng = random.Random(7)
    texts += ["".join(rng.choice("¶pPs .0123489 byline") for _ in range(rng.randint(0, 9)))
              for _ in range(3000)]
    for text in texts + [None, 8.4, 84, ["8.4"], {"8.4"}]:
        assert normalise_sentence_id(text) == worked_out(text), text
        assert normalise_sentence_id(text) == worked_out(text), text  # remembered, again


# -- the feedback files, built from encoded pieces ---------------------------------------------

def _markdown_as_text(result, master) -> str:
    """feedback_markdown as it was written before it was built from encoded pieces."""
    from medialit.grading.outputs import _header, _question_title

    lines = [f"# Feedback — {master.title}", ""]
    lines += [f"- **{k}:** {v}" for k, v in _header(result, master)]
    lines.append("")
    if result.status == "error":
        lines += ["## Your file could not be graded", "", result.message, "", outputs._RESUBMIT,
                  ""]
        return "\n".join(lines)
    lines += [f"> Note: {note}" for note in result.notes]
    if result.notes:
        lines.append("")
    for q in result.questions:
        lines += [f"## {_question_title(q)}", ""]
        lines += [f"> Note: {n}" for n in q.notes]
        lines += [f"- {line}" for line in q.lines]
        lines += ["", f"**Why:** {q.explanation}", ""]
    return "\n".join(lines)


def _html_as_text(result, master) -> str:
    """feedback_html as it was written before it was built from encoded pieces."""
    from html import escape as e

    from medialit.grading.outputs import _CSS, _RESUBMIT, _header, _question_title

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
        parts.append(f'<p class="why"><strong>Why:</strong> {e(q.explanation)}</p></section>')
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def test_feedback_built_from_encoded_pieces_is_the_text_encoded(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    _bench_module().make_submissions(subs, 80, seed=13)  # right, wrong, partial, broken
    (subs / "zoe_3_4_set-a-framing.ipynb").write_bytes(b"")  # an error row
    report = grade_batch(MASTERS[0], [subs], tmp_path / "out", jobs=1, progress=False,
                         run_code=False)
    master = load_master(MASTERS[0])
    results = list(report.results)
    odd = copy.deepcopy(results[0])  # notes, a line of neither kind, markup to escape
    odd.notes = ["a <b>note</b> & “quotes”"]
    odd.questions[0].notes = ["read from cell 12 <untagged>"]
    odd.questions[0].lines = ["plain line", "◐ half", "✓ <ok>", "✗ ¶5.4 — “no”"]
    odd.questions[1].question, odd.questions[1].explanation = "q<&>", "why <this> & “that”"
    results.append(odd)
    statuses = {r.status for r in results}
    assert {"error", "graded", "graded-with-notes"} <= statuses
    for result in results:
        for _ in range(2):  # the second time from the remembered pieces
            md = outputs.feedback_markdown_bytes(result, master)
            html = outputs.feedback_html_bytes(result, master)
            assert md == _markdown_as_text(result, master).encode("utf-8")
            assert html == _html_as_text(result, master).encode("utf-8")
        folder = tmp_path / "out" / "feedback"
        if result is not odd:  # and the files the batch wrote are those bytes
            assert (folder / f"{result.student_id}.md").read_bytes() == md
            assert (folder / f"{result.student_id}.html").read_bytes() == html
