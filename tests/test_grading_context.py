"""A code answer may use the notebook's imports, helpers and constants from other cells.

In Jupyter, a function that calls ``re`` imported two cells above works, and so does
``check()``; the grader used to run the answer cell alone and give 0.5/4.5 for a NameError.
It now runs the function after the notebook's top-level imports, ``def``/``class`` statements
and self-contained assignments of the cells that are not answer cells (never another
question's answer, never the generated checker cell, never code that calls things).
"""

from __future__ import annotations

from pathlib import Path

from grading_support import GOOD_ANSWERS, code_cell, student_notebook, to_bytes, write_notebook
from medialit.grading.master import load_master
from medialit.grading.pipeline import grade_batch
from medialit.grading.read_answers import read_answers

ROOT = Path(__file__).resolve().parents[1]
MASTER = ROOT / "solutions" / "set-a-framing.ipynb"

USES_OTHER_CELLS = '''def remedy_sentences(doc, cues=REMEDY_CUES):
    """Ids of the sentences with a cue, whole words, any case."""
    pattern = PATTERN_START + "|".join(cue_pattern(c) for c in cues) + PATTERN_END
    if not cues:
        return []
    return [s.id for s in doc.sentences if re.search(pattern, s.text, re.IGNORECASE)]
'''
HELPER_CELL = '''%matplotlib inline
import re

PATTERN_START, PATTERN_END = r"\\b(?:", r")\\b"


def cue_pattern(cue):
    return r"\\s+".join(re.escape(word) for word in cue.split())


print(cue_pattern("need to"))  # trying it out: not run by the grader
'''


def notebook_with_helpers(answer: str = USES_OTHER_CELLS, extra=()):
    nb = student_notebook(dict(GOOD_ANSWERS, q7=answer))
    at = next(i for i, c in enumerate(nb.cells)
              if c.metadata.get("medialit", {}).get("question") == "q7")
    nb.cells[at:at] = [code_cell(HELPER_CELL), *extra]
    return nb


def q7_result(tmp_path: Path, nb):
    path = write_notebook(tmp_path / "student.ipynb", nb)
    report = grade_batch(MASTER, [path], tmp_path / "out", progress=False)
    return next(q for q in report.results[0].questions if q.question == "q7")


def read(nb):
    master = load_master(MASTER)
    return read_answers(to_bytes(nb), master.slots(), master.set_id)


def test_the_context_holds_imports_helpers_and_constants_not_calls():
    answers = read(notebook_with_helpers())
    sources = [source for _, source in answers.context]
    assert "import re\n" in sources
    assert any(s.startswith("def cue_pattern(cue):") for s in sources)
    assert any(s.startswith("PATTERN_START, PATTERN_END = ") for s in sources)
    assert any(s.startswith("REMEDY_CUES = [") for s in sources)  # the set-up cell
    assert any(s.startswith("example = Document(") for s in sources)  # the example cell
    joined = "".join(sources)
    assert "print(" not in joined and "%matplotlib" not in joined
    assert "answer_checker" not in joined and "check = " not in joined  # the generated cell
    assert "q1 = " not in joined and "def remedy_sentences" not in joined


def test_other_questions_answers_never_enter_the_context():
    stray = [code_cell('q3 = {"A"}\n'),
             code_cell('def remedy_sentences(doc, cues):\n    return ["9.9"]\n'),
             code_cell("def helper():\n    return 1\n")]
    tagged = code_cell("def from_q8():\n    return 1\n", question="q8")
    answers = read(notebook_with_helpers(extra=[*stray, tagged]))
    joined = "".join(source for _, source in answers.context)
    assert "q3 = " not in joined and '"9.9"' not in joined and "from_q8" not in joined
    assert "def helper" in joined


def test_a_function_using_other_cells_earns_full_marks(tmp_path):
    """Failed before issue 11: NameError for re, cue_pattern and REMEDY_CUES (0.5/4.5)."""
    code = q7_result(tmp_path, notebook_with_helpers())
    assert code.points == 4.5, code.lines


def test_an_assignment_in_the_answer_cell_may_use_an_import_of_another_cell(tmp_path):
    answer = ("WORDS = re.compile(r'\\w+')\n\n"
              + USES_OTHER_CELLS.replace("    if not cues:", "    assert WORDS.match('a')\n"
                                                            "    if not cues:"))
    nb = notebook_with_helpers(answer)
    answers = read(nb)
    assert "WORDS = re.compile" in answers.answers["q7"].source
    assert not answers.answers["q7"].notes
    assert q7_result(tmp_path, nb).points == 4.5


def test_a_failing_helper_cell_is_reported_not_fatal(tmp_path):
    broken = code_cell("import not_installed_anywhere_here\n")
    code = q7_result(tmp_path, notebook_with_helpers(extra=[broken]))
    assert code.points == 4.5


def test_without_the_helper_cell_the_function_fails_as_in_a_fresh_kernel(tmp_path):
    nb = student_notebook(dict(GOOD_ANSWERS, q7=USES_OTHER_CELLS))
    code = q7_result(tmp_path, nb)
    assert code.points < 4.5
    assert any("raised NameError" in line for line in code.lines)
