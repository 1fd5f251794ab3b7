"""read_answers: every whole-file and per-question problem gives a clear message, never a crash."""

from __future__ import annotations

import json

import nbformat
import pytest

from grading_support import SET_ID, code_cell, json_bytes, markdown_cell, notebook, to_bytes
from medialit.grading.limits import DEFAULT_LIMITS, Limits
from medialit.grading.read_answers import AnswerSlot, NotebookError, load_notebook, read_answers

SLOTS = [
    AnswerSlot("q1", "literal", "q1"),
    AnswerSlot("q2", "literal", "q2"),
    AnswerSlot("q7", "function", "remedy_sentences"),
]
GOOD_FUNCTION = "import re\n\ndef remedy_sentences(doc, cues):\n    return []\n"
STUB_FUNCTION = 'def remedy_sentences(doc, cues):\n    """Return ids."""\n    ...  # your code\n'


def good_notebook(**overrides):
    cells = {
        "q1": code_cell('q1 = {"1.1": "problem", "8.4": "remedy"}', "q1"),
        "q2": code_cell('q2 = "A"  # my answer', "q2"),
        "q7": code_cell(GOOD_FUNCTION, "q7"),
    }
    cells.update(overrides)
    return notebook(markdown_cell("# Set A"), *[c for c in cells.values() if c is not None])


def read(nb_or_bytes, limits=DEFAULT_LIMITS):
    data = nb_or_bytes if isinstance(nb_or_bytes, bytes) else to_bytes(nb_or_bytes)
    return read_answers(data, SLOTS, SET_ID, limits)


def test_reads_literals_and_function_source_without_running_them():
    """The happy path: values come from ast.literal_eval, the function as source text."""
    result = read(good_notebook())
    assert result.answers["q1"].value == {"1.1": "problem", "8.4": "remedy"}
    assert result.answers["q2"].value == "A"
    assert result.answers["q7"].status == "answered"
    assert "def remedy_sentences" in result.answers["q7"].source
    assert not result.notes and not any(a.notes for a in result.answers.values())


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"this is not json {", "not valid JSON"),
    (b'{"cells": "nope"}', "not a Jupyter notebook"),
    (json_bytes([1, 2, 3]), "not a Jupyter notebook"),
    (json_bytes({"cells": [], "nbformat": 3, "metadata": {}}), "format 3"),
    (json_bytes({"cells": [{"x": 1}], "nbformat": 4, "metadata": {}}), "cell 1"),
    (b"{\"cells\": []}" + b"\xff\xfe", "not UTF-8"),
    (b"\xff\xfe{\x00", "not UTF-8"),
])
def test_whole_file_problems_raise_a_notebook_error_with_a_reason(data, words):
    """Empty, not JSON, JSON-but-not-a-notebook, old format, non-UTF-8: NotebookError, not a crash."""
    with pytest.raises(NotebookError, match=words):
        read(data)


def test_notebook_of_another_set_is_refused_by_name():
    nb = good_notebook()
    nb.metadata["medialit"] = {"set": "set-b-sourcing"}
    with pytest.raises(NotebookError, match="set-b-sourcing.*not 'set-a-framing'"):
        read(nb)


def test_file_over_the_size_cap_is_refused():
    with pytest.raises(NotebookError, match="cap"):
        read(good_notebook(), Limits(max_notebook_bytes=200))


def test_large_outputs_are_ignored_under_the_cap():
    """A notebook with megabytes of printed output still grades: outputs are never read."""
    nb = good_notebook()
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 3_000_000)]
    assert read(nb).answers["q1"].value == {"1.1": "problem", "8.4": "remedy"}


def test_deleted_answer_cell_scores_that_question_only():
    result = read(good_notebook(q2=None))
    assert result.answers["q2"].status == "missing"
    assert "was the cell deleted" in result.answers["q2"].problem
    assert result.answers["q1"].status == "answered"


def test_duplicated_cell_grades_the_last_and_says_so():
    nb = good_notebook()
    nb.cells.append(code_cell('q2 = "B"', "q2"))
    answer = read(nb).answers["q2"]
    assert answer.value == "B"
    assert "appears in 2 cells (3, 5)" in answer.notes[0] and "last one (cell 5)" in answer.notes[0]


def test_identical_duplicates_are_reported_as_identical():
    nb = good_notebook()
    nb.cells.append(code_cell('q2 = "A"  # my answer', "q2"))
    assert "identical" in read(nb).answers["q2"].notes[0]


def test_stripped_metadata_falls_back_to_the_variable_name_and_says_so():
    nb = good_notebook()
    for cell in nb.cells:
        cell.metadata = {}
    nb.metadata = {}
    result = read(nb)
    assert result.answers["q1"].value == {"1.1": "problem", "8.4": "remedy"}
    assert result.answers["q7"].status == "answered"
    assert "found by the name 'q1'" in result.answers["q1"].notes[0]
    assert "no set id" in result.notes[0]


def test_stripped_metadata_and_no_answers_is_not_this_set():
    with pytest.raises(NotebookError, match="right notebook"):
        read(notebook(code_cell("x = 1"), set_id=None))


@pytest.mark.parametrize("source", [
    'q1 = dict(a="problem")',
    'q1 = {"1.1": "problem"} if True else {}',
    'q1 = open("/etc/passwd").read()',
    'q1 = __import__("os").system("echo hi")',
    'q1 = [x for x in "abc"]',
])
def test_code_instead_of_a_literal_scores_zero_and_nothing_runs(source):
    answer = read(good_notebook(q1=code_cell(source, "q1"))).answers["q1"]
    assert answer.status == "invalid"
    assert "must be a plain value" in answer.problem


def test_unanswered_stub_is_unanswered_not_invalid():
    nb = good_notebook(q1=code_cell("q1 = ...  # your answer", "q1"),
                       q7=code_cell(STUB_FUNCTION, "q7"))
    result = read(nb)
    assert result.answers["q1"].status == "unanswered"
    assert result.answers["q7"].status == "unanswered"


def test_syntax_error_names_the_line():
    answer = read(good_notebook(q1=code_cell('q1 = {"1.1": "problem"\n', "q1"))).answers["q1"]
    assert answer.status == "invalid" and "line 1" in answer.problem


def test_cell_that_does_not_assign_the_variable():
    answer = read(good_notebook(q1=code_cell('answer = "A"', "q1"))).answers["q1"]
    assert "does not assign q1" in answer.problem


def test_gigantic_answer_is_capped_before_parsing():
    huge = "q1 = [" + "1, " * 50_000 + "]"
    answer = read(good_notebook(q1=code_cell(huge, "q1"))).answers["q1"]
    assert answer.status == "invalid" and "above the cap" in answer.problem
    assert len(answer.source) <= 200


def test_deeply_nested_literal_does_not_crash():
    deep = "q1 = " + "[" * 5000 + "]" * 5000
    answer = read(good_notebook(q1=code_cell(deep, "q1")), Limits(max_answer_chars=100_000))
    assert answer.answers["q1"].status == "invalid"


def test_missing_function_definition():
    answer = read(good_notebook(q7=code_cell("def other(x):\n    return x\n", "q7"))).answers["q7"]
    assert "does not define the function remedy_sentences" in answer.problem


def test_annotated_assignment_and_last_assignment_win():
    nb = good_notebook(q2=code_cell('q2: str = "C"\nq2 = "B"\n', "q2"))
    assert read(nb).answers["q2"].value == "B"


def test_source_as_list_of_lines_is_joined():
    raw = json.loads(to_bytes(good_notebook()))
    raw["cells"][1]["source"] = ['q1 = {"1.1":\n', ' "problem"}\n']
    assert read(json.dumps(raw).encode()).answers["q1"].value == {"1.1": "problem"}


def test_load_notebook_returns_plain_json_data():
    """No nbformat validation (jsonschema cost more than the rest of grading): plain dicts."""
    nb = load_notebook(to_bytes(good_notebook()))
    assert isinstance(nb, dict) and nb["cells"][0]["cell_type"] == "markdown"


@pytest.mark.parametrize("cells, words", [
    ([{"cell_type": "code", "source": ["q1 = ", 3]}], "cell 1's source is not text"),
    ([{"cell_type": 7, "source": ""}], "cell 1 is not a notebook cell"),
    (["q1 = 1"], "cell 1 is not a notebook cell"),
])
def test_the_structural_check_names_the_cell(cells, words):
    with pytest.raises(NotebookError, match=words):
        read(json_bytes({"cells": cells, "nbformat": 4, "metadata": {}}))


def test_metadata_that_is_not_a_dict_counts_as_none():
    raw = json.loads(to_bytes(good_notebook()))
    raw["cells"][1]["metadata"] = "oops"
    answer = read(json.dumps(raw).encode()).answers["q1"]
    assert answer.value == {"1.1": "problem", "8.4": "remedy"}
    assert "no question tag" in answer.notes[0]


def test_a_real_nbformat_3_file_gets_the_format_message():
    """issue 11 §3: it used to say "JSON but not a Jupyter notebook" (v3 has no 'cells')."""
    nb3 = nbformat.convert(good_notebook(), 3)
    with pytest.raises(NotebookError, match="notebook format 3 is not supported"):
        read(nbformat.writes(nb3, version=3).encode("utf-8"))


# -- issue 11 §3: which cell holds the answer --------------------------------------------------

def test_an_answer_typed_into_a_new_cell_under_the_stub_is_graded_and_named():
    nb = good_notebook(q2=code_cell("q2 = ...  # your answer", "q2"))
    nb.cells.insert(3, code_cell('q2 = "C"'))  # a new cell: no tag
    answer = read(nb).answers["q2"]
    assert answer.status == "answered" and answer.value == "C" and answer.cell == 4
    assert "cell 4, a cell without the question's tag after the answer cell (cell 3)" \
        in answer.notes[0] and "still holds the starter" in answer.notes[0]


def test_an_answer_reassigned_in_a_later_cell_is_the_one_graded():
    """Running the notebook top to bottom gives the later value; check() sees it too."""
    nb = good_notebook()
    nb.cells.append(code_cell('q2 = "B"  # changed my mind'))
    answer = read(nb).answers["q2"]
    assert answer.value == "B" and answer.cell == 5
    assert "holds another answer" in answer.notes[0] and "cell 5 was graded" in answer.notes[0]


def test_a_change_made_by_code_is_ambiguous_and_says_so():
    nb = good_notebook(q1=code_cell('q1 = {"1.1": "problem"}', "q1"))
    nb.cells.append(code_cell('q1["8.4"] = "remedy"'))
    answer = read(nb).answers["q1"]
    assert answer.value == {"1.1": "problem"} and answer.cell == 2
    assert answer.notes[0].startswith("ambiguous: cell 5 changes q1 with code")


def test_a_later_copy_of_the_stub_does_not_erase_the_answer():
    nb = good_notebook()
    nb.cells.append(code_cell("q2 = ...  # your answer"))
    answer = read(nb).answers["q2"]
    assert answer.value == "A" and "sets q2 back to the starter" in answer.notes[0]


def test_a_function_written_in_a_new_cell_under_the_starter_is_graded():
    nb = good_notebook(q7=code_cell(STUB_FUNCTION, "q7"))
    nb.cells.append(code_cell(GOOD_FUNCTION))
    answer = read(nb).answers["q7"]
    assert answer.status == "answered" and answer.cell == 5
    assert "q7 was defined in cell 5" in answer.notes[0]


def test_an_untouched_answer_cell_is_still_unanswered_without_notes():
    answer = read(good_notebook(q2=code_cell("q2 = ...", "q2"))).answers["q2"]
    assert answer.status == "unanswered" and answer.notes == []


# -- issue 11 §3: a notebook of another set with its metadata stripped --------------------------

TITLES = {SET_ID: "Set A — Framing", "set-b-sourcing": "Set B — Sourcing and evidence"}


def stripped(nb):
    nb.metadata = {}
    for cell in nb.cells:
        cell.metadata = {}
    return nb


def test_a_stripped_notebook_of_another_set_is_refused_by_its_set_up_cell():
    nb = stripped(good_notebook())
    nb.cells.insert(0, code_cell('check = answer_checker("set-b-sourcing", {\n})'))
    with pytest.raises(NotebookError, match="set-up cell shows it is set 'set-b-sourcing'"):
        read_answers(to_bytes(nb), SLOTS, SET_ID, titles=TITLES)


def test_a_stripped_notebook_of_another_set_is_refused_by_its_title():
    nb = stripped(good_notebook())
    nb.cells[0] = markdown_cell("# Set B — Sourcing and evidence\n\nThis set practises …")
    with pytest.raises(NotebookError, match="its title shows it is set 'set-b-sourcing'"):
        read_answers(to_bytes(nb), SLOTS, SET_ID, titles=TITLES)


def test_a_stripped_notebook_of_this_set_is_graded_and_says_how_it_was_known():
    nb = stripped(good_notebook())
    nb.cells[0] = markdown_cell("# Set A — Framing")
    result = read_answers(to_bytes(nb), SLOTS, SET_ID, titles=TITLES)
    assert result.answers["q1"].status == "answered"
    assert "its title shows it is 'set-a-framing'" in result.notes[0]


def test_trying_the_function_in_its_own_cell_is_dropped_with_a_note():
    """print(f(oped, CUES)) would fail in the sandbox, where `oped` does not exist."""
    source = ("import re\nCUES = ['should']\n\n@staticmethod\ndef helper(x):\n    return x\n\n"
              "def remedy_sentences(doc, cues):\n    return []\n\n"
              "print(remedy_sentences(oped, REMEDY_CUES))\nfor i in range(3):\n    pass\n")
    answer = read(good_notebook(q7=code_cell(source, "q7"))).answers["q7"]
    assert answer.status == "answered"
    assert "print(" not in answer.source and "for i" not in answer.source
    assert "import re" in answer.source and "CUES = ['should']" in answer.source
    assert "@staticmethod\ndef helper" in answer.source
    assert "line(s) 11, 12" in answer.notes[0]


def test_module_level_helpers_that_need_nothing_else_are_kept():
    """A compiled pattern beside the function must survive; a trial call on `oped` must not."""
    source = ("import re\nWORD = re.compile(r'\\bshould\\b', re.I)\nN: int = len('abc')\n\n"
              "def remedy_sentences(doc, cues):\n    return [s.id for s in doc.sentences "
              "if WORD.search(s.text)]\n\n"
              "found = remedy_sentences(oped, REMEDY_CUES)\nobj.attr = 1\n")
    answer = read(good_notebook(q7=code_cell(source, "q7"))).answers["q7"]
    assert "WORD = re.compile" in answer.source and "N: int = len('abc')" in answer.source
    assert "found =" not in answer.source and "obj.attr" not in answer.source
    assert "line(s) 8, 9" in answer.notes[0]
