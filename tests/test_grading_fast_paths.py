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
