"""The fast reading of plain answer cells (grading/quick_literal.py) agrees with ``ast``.

Property: wherever :func:`quick_assignment` gives ``(name, value)``, Python's parser reads the
cell as exactly one ``name = <literal>`` statement whose ``ast.literal_eval`` value has the
same ``repr`` (same types, same items in the same order); where it gives ``None`` the grader
parses as before. Checked on every code cell of the repository's notebooks, on every string
written in the test suite (the hostile cells other tests use), on hostile cells written here,
and on thousands of generated and mutated cells. Then the whole reader and the whole batch:
the same answers, notes and output bytes with the fast path on and off.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import random
import warnings
from pathlib import Path

import pytest

from grading_support import GOOD_ANSWERS, PARTIAL_ANSWERS, ROOT, student_notebook, to_bytes
from medialit.grading import read_answers as reader
from medialit.grading.master import load_master
from medialit.grading.pipeline import grade_batch
from medialit.grading.quick_literal import quick_assignment

MASTER = ROOT / "solutions" / "set-a-framing.ipynb"


def by_ast(source: str):
    """(name, value) as the grader's ast path reads a one-assignment cell, else None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes warn; the value is what counts
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assign):
        return None
    node = tree.body[0]
    if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
        return None
    try:
        return node.targets[0].id, ast.literal_eval(node.value)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return None


def agrees(source: str) -> bool:
    """The property; True also tells the caller whether the fast path read the cell."""
    quick = quick_assignment(source)
    if quick is None:
        return False
    slow = by_ast(source)
    assert slow is not None, f"read quickly, but Python does not read it so: {source!r}"
    assert quick[0] == slow[0] and repr(quick[1]) == repr(slow[1]), (
        f"{source!r}: quick {quick!r}, ast {slow!r}")
    assert type(quick[1]) is type(slow[1])
    return True


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_grading",
                                                  ROOT / "benchmarks" / "grading.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- corpora ------------------------------------------------------------------------------------

def notebook_cells() -> list[str]:
    cells = []
    for path in sorted(ROOT.glob("**/*.ipynb")):
        if any(part in {".venv", "_build", ".ipynb_checkpoints", "node_modules"}
               for part in path.parts):
            continue
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            if cell.get("cell_type") == "code":
                source = cell.get("source", "")
                cells.append("".join(source) if isinstance(source, list) else source)
    return cells


def test_suite_strings() -> list[str]:
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [n.value for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return found


test_suite_strings.__test__ = False  # type: ignore[attr-defined]  # a corpus, not a test

HOSTILE = [
    # what Python reads differently from what it looks like
    "q1 = 'a' 'b'", "q1 = 'a'\\\n'b'", "q1 = 'A'\r\nq1 = 'B'", "q1 = 'A'\rq1 = 'B'",
    "q1 = '''a\r\nb'''", "q1 = 'a\\x41'", "q1 = r'a\\b'", "q1 = u'x'", "q1 = b'x'", "q1 = f'x'",
    "q1 = 'x'\x0cq1 = 'y'", "\ufeffq1 = 'x'", "q1 = 'x\x00'", "q1 = 'x'\x00", "q1 = '\ud800'",
    "q1 = 'a\u2028b'", "q1 = 'a'\u2028q1 = 'b'", "q1\u00a0= 'x'", "ｑ1 = 'x'", "q1 = ＇x＇",
    "  q1 = 'x'", "\tq1 = 'x'", "if 1:\n    q1 = 'x'", "q1 = 'x'\n  q1 = 'y'",
    "q1 = 'x'; q1 = 'y'", "q1 = q2 = 'x'", "q1, q2 = 'x', 'y'", "q1: str = 'x'", "q1 += 'x'",
    "q1 = 'x',", "q1 = ('x')", "q1 = ('x',)", "q1 = {'x'}, {'y'}", "q1 = {'a': 'b', 'c'}",
    "q1 = {'a', 'b': 'c'}", "q1 = {'a': 'b' 'c'}", "q1 = {'a' 'b'}", "q1 = ['a' 'b']",
    "q1 = {**{'a': 'b'}}", "q1 = {*'ab'}", "q1 = [*'ab']", "q1 = set()", "q1 = {[]}",
    "q1 = {'a': ['b']}", "q1 = {('a',): 'b'}", "q1 = 1_000", "q1 = 01", "q1 = 00", "q1 = 0x1f",
    "q1 = 1e3", "q1 = 1.5", "q1 = 1j", "q1 = -True", "q1 = --1", "q1 = - 1", "q1 = +1",
    "q1 = " + "9" * 19, "q1 = " + "9" * 5000, "q1 = True.real", "q1 = None()", "q1 = ...",
    "q1 = ....", "q1 = . . .", "q1 = [...]", "True = 'x'", "None = 1", "__debug__ = 1",
    "match = 'x'", "_ = 'x'", "q1 = 'x' # c", "q1 = 'x'#", "# only a comment", "", "\n\n",
    'q1 = """a"""""', 'q1 = """a""""', 'q1 = """"""', "q1 = ''''''", "q1 = '''a'''''",
    'q1 = """', "q1 = '", "q1 = 'x", 'q1 = "x\'', "q1 = {'a': 'b',,}", "q1 = {,}", "q1 = [,]",
    "q1 = {'a': 'b'}}", "q1 = {'a': 'b'", "q1 = ['a'\n", "q1 = [\n'a',  # it's \"b\"\n'c']",
    "q1 = {'a': 'b', # 'c': 'd'\n}", "q1 = {\"a\": 'b'}", "q1 = {'a\"': \"b'\"}",
    "q1 = {'#': '#'}", "q1 = 'x' if 1 else 'y'", "q1 = 'x'.upper()", "q1 = 'x' + 'y'",
    "q1 = 'x'\nprint(q1)", "q1 = 'x'\ndel q1", "q1 = 'x'\nq1.upper()", "q1 =\n'x'",
    "q1 = 'x'\n\n# end\n   \n\t# indented comment\n", "#!/usr/bin/env python\nq1 = 'x'",
    "# -*- coding: latin-1 -*-\nq1 = 'é'", "q1 = 'x'  # type: ignore", "q1 = '😀'",
    "q1 = {'a': 'b', 'a': 'c'}", "q1 = {'a', 'a'}", "q1 = {'1': 'x', '1.0': 'y'}",
    'q8 = """line\n  # not a comment\n"quoted" \'single\' ¶5.4"""', "q1 = [\n]", "q1 = {\n}",
]


def test_the_fast_path_agrees_with_ast_on_hostile_cells():
    read = [s for s in HOSTILE if agrees(s)]
    # the fast path is not vacuous: the plain cells among them were read quickly
    assert "q1 = ..." in read and "q1 = {'a': 'b', 'a': 'c'}" in read and "q1 = 'x' # c" in read


def test_the_fast_path_agrees_with_ast_on_every_notebook_cell_and_test_string():
    cells = notebook_cells()
    strings = test_suite_strings()
    assert len(cells) > 100 and len(strings) > 1000
    read = sum(agrees(s) for s in cells + strings)
    assert read >= 50


def test_the_fast_path_reads_the_common_answers():
    """Every literal answer of the test suite's good and partial notebooks, and the starters,
    is read quickly (else the fast path would be dead code)."""
    for answers in (GOOD_ANSWERS, PARTIAL_ANSWERS):
        for q, source in answers.items():
            if q != "q7":
                assert agrees(source), source
    bench = _bench_module()
    rng = random.Random(3)
    for _ in range(200):
        for q, source in bench.varied_answers(rng).items():
            if q != "q7":
                assert agrees(source), source


# -- generated cells ----------------------------------------------------------------------------

_CHARS = list("abAB09 ¶.“”é😀-_:,#=") + ["'", '"', "\\", "\n", "\t"]
_NASTY = list("'\"\\#\n\r\t\x0c\x00 ,:;{}[]()=.-+_0123456789eEjxrbfuTN…¶“\u2028\ufeff\ud800\u00a0") \
    + ['"""', "'''", "...", "True", "None", "#"]


def _gen_string(rng: random.Random) -> str:
    text = "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 8)))
    quote = rng.choice(["'", '"', "'''", '"""'])
    return quote + text + quote


def _gen_value(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth > 2 or roll < 0.45:
        return rng.choice([_gen_string(rng), _gen_string(rng), "...", "True", "None",
                           str(rng.randint(-50, 50)), "1.5", "-0", "0"])
    gap = rng.choice(["", " ", "\n", "  # note 'q'\n", "\n\t", " ,"[:1]])
    items = [_gen_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    trail = rng.choice(["", ",", ", ", ",\n"]) if items else ""
    kind = rng.choice(["list", "set", "dict", "tuple"])
    if kind == "dict":
        pairs = [f"{gap}{_gen_string(rng)}{rng.choice(['', ' '])}:{gap}{v}" for v in items]
        return "{" + ",".join(pairs) + trail + gap + "}"
    body = ",".join(gap + v for v in items) + trail + gap
    return {"list": "[" + body + "]", "set": "{" + body + "}", "tuple": "(" + body + ")"}[kind]


def _gen_cell(rng: random.Random) -> str:
    head = "".join(rng.choice(["", "# your answer\n", "\n", "   # x 'y' \"z\"\n", "\t\n"])
                   for _ in range(rng.randint(0, 2)))
    name = rng.choice(["q1", "q3", "q8", "_", "match", "x1"])
    eq = rng.choice(["=", " = ", "= ", " =\t"])
    tail = rng.choice(["", "  # e.g. {'A'}", "\n", "\n# end", "\n\n  # more\n"])
    return head + name + eq + _gen_value(rng) + tail


def _mutate(rng: random.Random, source: str) -> str:
    for _ in range(rng.randint(1, 3)):
        i = rng.randint(0, len(source))
        roll = rng.random()
        if roll < 0.4:
            source = source[:i] + rng.choice(_NASTY) + source[i:]
        elif roll < 0.7:
            source = source[:i] + source[i + 1:]
        else:
            source = source[:i] + rng.choice(_NASTY) + source[i + 1:]
    return source


def test_the_fast_path_agrees_with_ast_on_generated_and_mutated_cells():
    rng = random.Random(20261202)
    generated = [_gen_cell(rng) for _ in range(3000)]
    read = sum(agrees(s) for s in generated)
    assert read > 600  # many are read quickly (strings, containers of strings, stubs)
    mutated = [_mutate(rng, rng.choice(generated)) for _ in range(6000)]
    assert sum(agrees(s) for s in mutated) > 300


# -- the whole reader and the whole batch -------------------------------------------------------

def _read_both(data: bytes, monkeypatch) -> tuple[str, str]:
    master = load_master(MASTER)
    out = []
    for quick in (True, False):
        monkeypatch.setattr(reader, "QUICK", quick)
        try:
            out.append(repr(reader.read_answers(data, master.slots(), master.set_id)))
        except reader.NotebookError as exc:
            out.append(f"NotebookError: {exc}")
    return out[0], out[1]


@pytest.mark.parametrize("answers", [
    GOOD_ANSWERS, PARTIAL_ANSWERS, {},
    dict(GOOD_ANSWERS, q3='q3 = {"A"}\nq3.add("C")', q2="q2 = ...", q1="q1 = 'x'\\\n"),
    dict(GOOD_ANSWERS, q2="q3 = {'A'}", q4="q4 = 'a'; q4 = 'b'", q6="  q6 = 'C'"),
])
def test_the_reader_gives_the_same_answers_with_and_without_the_fast_path(answers, monkeypatch):
    quick, full = _read_both(to_bytes(student_notebook(answers)), monkeypatch)
    assert quick == full


def test_answers_in_untagged_cells_read_the_same(monkeypatch):
    nb = student_notebook(dict(GOOD_ANSWERS, q3="q3 = ..."))
    nb.cells.append(nb.cells[-1].copy())
    nb.cells[-1].metadata, nb.cells[-1].id = {}, "typed-1"
    nb.cells[-1].source = "q3 = {'A', 'C'}  # typed under the stub"
    nb.cells.append(nb.cells[-1].copy())
    nb.cells[-1].source, nb.cells[-1].id = "q2 = ...\nq5 = {}", "typed-2"
    quick, full = _read_both(to_bytes(nb), monkeypatch)
    assert quick == full and "cell 11" in quick or "a cell without the question's tag" in quick


def test_a_batch_writes_the_same_bytes_with_and_without_the_fast_path(tmp_path: Path,
                                                                     monkeypatch):
    bench = _bench_module()
    subs = tmp_path / "subs"
    subs.mkdir()
    bench.make_submissions(subs, 60, seed=11)
    trees = []
    for quick in (True, False):
        monkeypatch.setattr(reader, "QUICK", quick)
        out = tmp_path / f"out-{quick}"
        grade_batch(MASTER, [subs], out, jobs=1, progress=False, run_code=False)
        trees.append({p.relative_to(out).as_posix(): p.read_bytes()
                      for p in sorted(out.rglob("*")) if p.is_file()})
    assert len(trees[0]) > 200 and trees[0] == trees[1]
