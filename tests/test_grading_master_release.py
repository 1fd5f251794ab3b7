"""master + release: every master is valid, its release is deterministic, in sync, keyless.

Set A's own shape and checker are tested here; the shapes of the other sets are in
test_grading_sets.py. Tests that hold for every master are parametrized over solutions/.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
import pytest

from grading_support import NAIVE_FUNCTION, RELEASED, ROOT, all_strings
from medialit.grading.master import MasterError, find_master, load_master
from medialit.grading.read_answers import cell_source
from medialit.grading.release import release_all, release_bytes
from medialit.grading.sandbox import run_code_tests
from medialit.student import answer_checker

MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
MASTERS = sorted((ROOT / "solutions").glob("set-*.ipynb"))


@pytest.fixture(scope="module")
def master():
    return load_master(MASTER)


@pytest.fixture(scope="module", params=MASTERS, ids=lambda p: p.stem)
def any_master(request):
    return load_master(request.param)


def test_every_set_has_a_master():
    """The five sets: framing, sourcing, terminology, rhetoric and
    verification, synthesis."""
    assert [p.stem for p in MASTERS] == ["set-a-framing", "set-b-sourcing", "set-c-terminology",
                                         "set-d-rhetoric-verification", "set-e-synthesis"]


def test_set_a_has_the_curriculum_shape(master):
    """Set A: 8 questions, 20 points, these types and points."""
    assert master.set_id == "set-a-framing"
    assert [(q.id, q.type, q.points) for q in master.questions] == [
        ("q1", "label_sentences", 4), ("q2", "single_choice", 1), ("q3", "multiple_choice", 2),
        ("q4", "single_choice", 1), ("q5", "matching", 2.5), ("q6", "single_choice", 1),
        ("q7", "code", 4.5), ("q8", "free_text", 4)]
    assert master.total_points == 20


def test_every_quote_in_the_master_is_verbatim(master):
    """Text inside “…” in specs and prompt cells (8+ characters) is verbatim in the op-ed, or in
    the practice case's text for the questions on it (the cells may wrap its lines)."""
    from medialit.case import load_oped

    practice = (ROOT / "packs" / "practice" / "text.txt").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", load_oped().text + "\n" + practice)
    quoted = set()
    texts = [t for q in master.questions for t in all_strings(q.spec)]
    texts += [c.source for c in master.notebook.cells if c.cell_type == "markdown"]
    for field_text in texts:
        quoted.update(re.findall(r"“([^“”]{8,})”", re.sub(r"\s+", " ", field_text)))
    # Words the prompts quote as hypothetical rewrites or examples, not as the op-ed's words.
    not_from_the_op_ed = {"20 percent stayed", "need to know", "shoulder", "judgment", "problem",
                          "cause", "remedy", "90 percent of the buses ran on time",
                          "10 percent were late"}
    missing = sorted(q for q in quoted - not_from_the_op_ed
                     if any(part.strip() not in text for part in q.split("…") if part.strip()))
    assert not missing, missing



def test_hidden_tests_pass_on_the_masters_solution(any_master):
    code = [q for q in any_master.questions if q.type == "code"]
    assert code, "every set has a code exercise"
    for q in code:
        result = run_code_tests(cell_source(any_master.notebook.cells[q.cell]), q.hidden_tests,
                                q.spec["function"])
        assert result.error is None and result.fraction == 1.0, (q.id, result.tests)


def test_hidden_tests_catch_substring_matching(master):
    """The tests can fail: substring matching breaks whole words and case."""
    result = run_code_tests(NAIVE_FUNCTION, master.question("q7").hidden_tests,
                            "remedy_sentences")
    failed = {t.name for t in result.tests if not t.passed}
    assert {"test_whole_words_any_case", "test_cue_across_a_line_break"} <= failed
    assert 0 < result.fraction < 1


def test_release_is_byte_identical_on_rerun(any_master):
    assert release_bytes(any_master) == release_bytes(load_master(any_master.path))


def test_exercises_are_in_sync_with_solutions():
    """exercises/ is generated: run `medialit release` after editing solutions/."""
    stale = release_all(ROOT / "solutions", ROOT / "exercises", check_only=True)
    assert not stale, f"out of sync with solutions/: {stale}; run `medialit release`"


def test_release_into_an_empty_folder_writes_the_committed_bytes(tmp_path: Path):
    assert release_all(ROOT / "solutions", tmp_path) == [tmp_path / p.name for p in MASTERS]
    for path in MASTERS:
        assert (tmp_path / path.name).read_bytes() == \
            (ROOT / "exercises" / path.name).read_bytes(), path.name
    assert release_all(ROOT / "solutions", tmp_path) == []


def test_student_notebook_holds_no_key_solution_or_hidden_test(any_master):
    released = (ROOT / "exercises" / any_master.path.name).read_text(encoding="utf-8")
    for q in any_master.questions:
        solution = cell_source(any_master.notebook.cells[q.cell]).strip()
        assert solution not in released, q.id
        assert q.spec["explanation"] not in released, q.id
        for feedback in all_strings(q.spec.get("feedback", {})):
            assert json.dumps(feedback)[1:-1] not in released
        for option in q.spec.get("options", []):
            assert json.dumps(option["feedback"])[1:-1] not in released, q.id
        for name in re.findall(r"^def (test_\w+)", q.hidden_tests or "", re.MULTILINE):
            assert name not in released, name
    for marker in ("hidden-tests", "model_answer", '"spec"', '"answer":', "Instructor notes",
                   '"accept":', '"levels":', '"distractors":'):
        assert marker not in released, marker
    assert not re.search(r"\b[0-9a-f]{32,}\b", released), "no hash of anything"


def test_set_a_release_holds_no_solution_code():
    released = RELEASED.read_text(encoding="utf-8")
    for marker in ("test_whole_words_any_case", "IGNORECASE"):
        assert marker not in released, marker


def test_student_notebook_is_clean_and_tagged(any_master):
    nb = nbformat.read(ROOT / "exercises" / any_master.path.name, as_version=4)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    answers = [c for c in nb.cells if c.metadata.get("medialit", {}).get("role") == "answer"]
    ids = [q.id for q in any_master.questions]
    assert [c.metadata["medialit"]["question"] for c in answers] == ids
    assert ids == [f"q{i}" for i in range(1, len(ids) + 1)]
    assert all(c.metadata["deletable"] is False for c in answers)
    for q, cell in zip(any_master.questions, answers):
        if q.type == "code":
            assert cell.source == q.spec["stub"].rstrip("\n") + "\n", q.id
        else:
            assert cell.source.startswith(f"{q.id} = ..."), q.id
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_check_never_raises_and_validates_formats(capsys):
    nb = nbformat.read(RELEASED, as_version=4)
    checker_source = next(c.source for c in nb.cells
                          if c.metadata.get("medialit", {}).get("role") == "checker")
    namespace: dict = {}
    exec(checker_source, namespace)  # noqa: S102 — the released set-up cell, as a student runs it
    check = namespace["check"]
    namespace.update(q1=..., q2="E", q3={"A", "C"})
    assert check.ok("q1", _globals=namespace) is False
    assert check.ok("q2", _globals=namespace) is False
    assert check.ok("q3", _globals=namespace) is True
    assert check("q4") is None  # q4 is not defined in this test module: says so, no exception
    out = capsys.readouterr().out
    assert "q1: not answered yet" in out and "'E' is not an option" in out
    assert "q3: format ok" in out and "q4: q4 is not defined" in out


def test_check_of_all_answers_counts_valid_ones(capsys):
    check = answer_checker("x", {"q1": {"type": "single_choice", "options": ["A"]},
                                 "q2": {"type": "numeric"}})
    # check() reads answers from the notebook's globals, as in a Jupyter cell
    exec("check()", {"check": check, "q1": "A", "q2": "twelve"})  # noqa: S102
    assert "1 of 2 answers have a valid format" in capsys.readouterr().out


def test_find_master_by_id_letter_or_path():
    assert find_master("set-a-framing", ROOT / "solutions") == MASTER
    assert find_master("a", ROOT / "solutions") == MASTER
    with pytest.raises(FileNotFoundError, match="set-a-framing"):
        find_master("z", ROOT / "solutions")


@pytest.mark.parametrize("change, message", [
    (lambda s: s.pop("points"), "spec.points is required"),
    (lambda s: s.update(points=0), "positive number"),
    (lambda s: s.update(type="essay"), "is not one of"),
    (lambda s: s["sentences"].append("12.1"), r"spec.sentences\[8\]: unknown sentence id '12.1'"),
    (lambda s: s["answer"].update({"1.1": "blame"}),
     r"spec.answer\['1.1'\]: the key uses a label that is not in 'labels' \(found 'blame'\)"),
    (lambda s: s.update(explanation="no paragraph"),
     "spec.explanation: the explanation must cite a paragraph number"),
    (lambda s: s.update(about=["not in the text at all"]),
     "spec.about\\[0\\]: quote not found verbatim in the op-ed: “not in the text at all”"),
])
def test_broken_master_names_the_cell_and_field(tmp_path: Path, change, message):
    nb = nbformat.read(MASTER, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("medialit", {}).get("question") == "q1"
                and c.metadata["medialit"]["role"] == "answer")
    spec = copy.deepcopy(cell.metadata["medialit"]["spec"])
    change(spec)
    cell.metadata["medialit"]["spec"] = spec
    path = tmp_path / "set-x.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(MasterError, match=message) as info:
        load_master(path)
    assert "(q1)" in str(info.value)


def test_code_question_without_hidden_tests_is_refused(tmp_path: Path):
    nb = nbformat.read(MASTER, as_version=4)
    nb.cells = [c for c in nb.cells if c.metadata.get("medialit", {}).get("role") != "hidden-tests"]
    nbformat.write(nb, tmp_path / "set-x.ipynb")
    with pytest.raises(MasterError, match="needs hidden tests"):
        load_master(tmp_path / "set-x.ipynb")


@pytest.mark.parametrize("source, words", [
    (("import time\ndef test_fast(f):\n    \"\"\"fast\"\"\"\n    start = time.process_time()\n"
      "    f(1)\n    assert time.process_time() - start < 1\n"), "use f.cpu_seconds"),
    ("def test_a(f, g):\n    \"\"\"two\"\"\"\n", "must take one argument"),
    ("def test_a(f):\n    pass\n", "have a docstring"),
    ("X = 1\n", "no test_"),
    ("def test_a(f)\n", "not valid Python"),
])
def test_hidden_tests_in_an_old_or_broken_form_are_refused(tmp_path: Path, source, words):
    """Hidden tests run in the grader: a clock there would time the grader, not the student."""
    nb = nbformat.read(MASTER, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("medialit", {}).get("role") == "hidden-tests")
    cell.source = source
    nbformat.write(nb, tmp_path / "set-x.ipynb")
    with pytest.raises(MasterError, match=words):
        load_master(tmp_path / "set-x.ipynb")
