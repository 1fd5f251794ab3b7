"""Question banks: the practice bank loads; malformed banks fail naming file, line, id and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.quiz import BankError, load_bank, load_banks
from quizhelpers import write_bank

ROOT = Path(__file__).resolve().parents[1]

GOOD_Q1 = """\
  - id: demo-q01  # <- q1
    type: single_choice  # <- q1type
    prompt: "Which words does ¶5.2 use?"
    about: ["5.2"]  # <- q1about
    explanation: "See ¶5.2."
    options:
      - {id: a, text: "One", feedback: "Right."}
      - {id: b, text: "Two", feedback: "Wrong."}
    answer: a  # <- q1answer
"""


def bank_text(*questions: str, header: str = "schema_version: 1\nchapter: demo\n") -> str:
    return header + "questions:\n" + "".join(questions)


def problems_of(path: Path):
    with pytest.raises(BankError) as caught:
        load_bank(path)
    return caught.value


def assert_problem(error: BankError, path: Path, line: int, qid: str | None, field: str | None,
                   words: str) -> None:
    """Exactly one problem, at this file/line/question/field, and the message says ``words``."""
    assert len(error.problems) == 1, str(error)
    problem = error.problems[0]
    assert (problem.file, problem.line, problem.question_id, problem.field) == (
        str(path), line, qid, field), str(error)
    assert words in problem.message, str(error)
    head = f"{path}:{line}: " + (f"question {qid}: " if qid else "") + (
        f"field '{field}': " if field else "")
    assert str(error).startswith(head), str(error)


def test_practice_bank_loads_with_one_question_of_each_type():
    bank = load_bank(ROOT / "chapters" / "questions" / "practice.yml")
    assert {q.type_name for q in bank.questions} == {
        "single_choice", "multiple_choice", "true_false", "label_sentences", "click_phrase",
        "matching", "ordering", "numeric", "free_text"}
    assert bank.chapter == "practice"


def test_every_bank_of_the_kit_loads_and_ids_are_unique():
    banks = load_banks(ROOT / "chapters" / "questions")
    ids = [q.id for bank in banks for q in bank.questions]
    assert len(ids) == len(set(ids)) and ids


def test_good_demo_bank_loads(tmp_path):
    path, _ = write_bank(tmp_path, bank_text(GOOD_Q1))
    assert load_bank(path).lines == {"demo-q01": 4}


def test_missing_field(tmp_path):
    text = bank_text(GOOD_Q1.replace('    prompt: "Which words does ¶5.2 use?"\n', ""))
    path, marks = write_bank(tmp_path, text)
    assert_problem(problems_of(path), path, marks["q1"], "demo-q01", "prompt",
                   "this field is required")


def test_unknown_type(tmp_path):
    path, marks = write_bank(tmp_path, bank_text(GOOD_Q1.replace("single_choice", "essay")))
    error = problems_of(path)
    assert_problem(error, path, marks["q1type"], "demo-q01", "type", "unknown question type")
    assert error.problems[0].found == "essay" and "single_choice" in str(error)


def test_duplicate_id_in_one_bank(tmp_path):
    second = GOOD_Q1.replace("# <- q1type", "").replace("# <- q1about", "").replace(
        "# <- q1answer", "").replace("# <- q1", "# <- dup")
    path, marks = write_bank(tmp_path, bank_text(GOOD_Q1, second))
    error = problems_of(path)
    assert_problem(error, path, marks["dup"], "demo-q01", "id", "duplicate question id")
    assert f"first used on line {marks['q1']}" in str(error)


def test_duplicate_id_across_banks(tmp_path):
    first, _ = write_bank(tmp_path, bank_text(GOOD_Q1), name="demo")
    other = bank_text(GOOD_Q1, header="schema_version: 1\nchapter: other\n")
    second, marks = write_bank(tmp_path, other, name="other")
    with pytest.raises(BankError) as caught:
        load_banks(tmp_path)
    assert_problem(caught.value, second, marks["q1"], "demo-q01", "id",
                   f"duplicate question id (also in {first}:{marks['q1']})")


def test_quote_not_in_the_oped(tmp_path):
    text = bank_text(GOOD_Q1.replace('about: ["5.2"]  # <- q1about',
                                     'about:\n      - "5.2"\n      - "The UN Mission found no '
                                     'evidence of violence"  # <- badquote'))
    path, marks = write_bank(tmp_path, text)
    error = problems_of(path)
    assert_problem(error, path, marks["badquote"], "demo-q01", "about[1]",
                   "quote not found verbatim in the op-ed")
    assert "closest match" in str(error)


def test_unknown_sentence_id(tmp_path):
    path, marks = write_bank(tmp_path, bank_text(GOOD_Q1.replace('["5.2"]', '["6.9"]')))
    assert_problem(problems_of(path), path, marks["q1about"], "demo-q01", "about[0]",
                   "unknown sentence id '6.9'")


def test_unknown_citation_key(tmp_path):
    text = bank_text(GOOD_Q1 + "    cite: [ep_res2023, nobody2099]  # <- cite\n")
    path, marks = write_bank(tmp_path, text)
    error = problems_of(path)
    assert_problem(error, path, marks["cite"], "demo-q01", "cite[1]", "unknown citation key")
    assert error.problems[0].found == "nobody2099"


def test_single_choice_key_names_a_missing_option(tmp_path):
    path, marks = write_bank(tmp_path, bank_text(GOOD_Q1.replace("answer: a", "answer: c")))
    assert_problem(problems_of(path), path, marks["q1answer"], "demo-q01", "answer",
                   "the key names an option that does not exist")


def test_multiple_choice_key_names_a_missing_option(tmp_path):
    q = (GOOD_Q1.replace("single_choice", "multiple_choice")
         .replace("      - {id: b, text: \"Two\", feedback: \"Wrong.\"}\n",
                  "      - {id: b, text: \"Two\", feedback: \"Wrong.\"}\n"
                  "      - {id: c, text: \"Three\", feedback: \"Wrong.\"}\n")
         .replace("answer: a  # <- q1answer", "answer:\n      - a\n      - x  # <- badkey"))
    path, marks = write_bank(tmp_path, bank_text(q))
    assert_problem(problems_of(path), path, marks["badkey"], "demo-q01", "answer[1]",
                   "the key names an option that does not exist")


def test_multiple_choice_key_may_not_be_every_option(tmp_path):
    q = (GOOD_Q1.replace("single_choice", "multiple_choice")
         .replace("answer: a  # <- q1answer", "answer: [a, b]  # <- all"))
    path, marks = write_bank(tmp_path, bank_text(q))
    assert_problem(problems_of(path), path, marks["all"], "demo-q01", "answer",
                   "choosing everything would earn full marks")


def test_option_without_feedback(tmp_path):
    q = GOOD_Q1.replace('      - {id: b, text: "Two", feedback: "Wrong."}',
                        '      - {id: b, text: "Two"}  # <- nofeedback')
    path, marks = write_bank(tmp_path, bank_text(q))
    assert_problem(problems_of(path), path, marks["nofeedback"], "demo-q01",
                   "options[1].feedback", "this field is required")


def test_bad_yaml(tmp_path):
    text = bank_text(GOOD_Q1.replace('prompt: "Which words does ¶5.2 use?"',
                                     'prompt: "Which words  # <- unclosed'))
    path, marks = write_bank(tmp_path, text)
    error = problems_of(path)
    assert error.problems[0].file == str(path) and "not valid YAML" in str(error)
    assert error.problems[0].line is not None and error.problems[0].line >= marks["unclosed"]


def test_bad_yaml_duplicate_key(tmp_path):
    text = bank_text(GOOD_Q1.replace("    answer: a  # <- q1answer\n",
                                     "    answer: a\n    answer: b  # <- twice\n"))
    path, marks = write_bank(tmp_path, text)
    error = problems_of(path)
    assert "not valid YAML" in str(error) and 'duplicate key "answer"' in str(error)
    assert error.problems[0].line == marks["twice"]


def test_explanation_must_cite_a_paragraph(tmp_path):
    text = bank_text(GOOD_Q1.replace('explanation: "See ¶5.2."',
                                     'explanation: "See the text."  # <- expl'))
    path, marks = write_bank(tmp_path, text)
    assert_problem(problems_of(path), path, marks["expl"], "demo-q01", "explanation",
                   "must cite a paragraph number")


def test_unknown_field_is_a_typo(tmp_path):
    text = bank_text(GOOD_Q1.replace("    answer: a  # <- q1answer\n",
                                     "    answer: a\n    hint: [\"x\"]  # <- typo\n"))
    path, marks = write_bank(tmp_path, text)
    assert_problem(problems_of(path), path, marks["typo"], "demo-q01", "hint",
                   "unknown field")


CLICK = """\
  - id: demo-q02  # <- q2
    type: click_phrase
    prompt: "Select the words."
    about: ["6.3"]
    explanation: "See ¶6.3."
    paragraph: 6
    answer:
      - "found no evidence of violence"  # <- notinpara
"""


def test_click_phrase_quote_not_in_its_paragraph(tmp_path):
    path, marks = write_bank(tmp_path, bank_text(CLICK))
    assert_problem(problems_of(path), path, marks["notinpara"], "demo-q02", "answer[0]",
                   "not in paragraph 6")


LABELS = """\
  - id: demo-q03
    type: label_sentences
    prompt: "Label each sentence."
    about: ["5.1"]
    explanation: "See ¶5."
    labels: [fact, opinion]
    sentences: ["5.1", "5.2"]
    answer:
      "5.1": opinion
      "5.2": hyperbole  # <- badlabel
"""


def test_label_sentences_key_uses_a_label_not_in_the_list(tmp_path):
    path, marks = write_bank(tmp_path, bank_text(LABELS))
    assert_problem(problems_of(path), path, marks["badlabel"], "demo-q03", "answer['5.2']",
                   "the key uses a label that is not in 'labels'")


def test_true_false_needs_feedback_for_both_values(tmp_path):
    q = """\
  - id: demo-q04
    type: true_false
    prompt: "True or false?"
    about: ["5.2"]
    explanation: "See ¶5.2."
    answer: false
    feedback:  # <- fb
      true: "No."
"""
    path, marks = write_bank(tmp_path, bank_text(q))
    assert_problem(problems_of(path), path, marks["fb"], "demo-q04", "feedback",
                   "feedback is needed for choosing each value")


def test_ordering_needs_three_items(tmp_path):
    q = """\
  - id: demo-q05
    type: ordering
    prompt: "Order these."
    about: ["5.2"]
    explanation: "See ¶5."
    items: [one, two]  # <- items
"""
    path, marks = write_bank(tmp_path, bank_text(q))
    assert_problem(problems_of(path), path, marks["items"], "demo-q05", "items",
                   "at least 3 items")


def test_wrong_schema_version_and_chapter_slug(tmp_path):
    path, _ = write_bank(tmp_path, bank_text(GOOD_Q1, header="schema_version: 2\nchapter: demo\n"))
    assert_problem(problems_of(path), path, 1, None, "schema_version",
                   "unsupported schema_version 2")
    path, _ = write_bank(tmp_path / "b", bank_text(GOOD_Q1, header="schema_version: 1\n"
                                                                 "chapter: framing\n"))
    assert_problem(problems_of(path), path, 2, None, "chapter",
                   "the chapter slug must be the file name")


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    text = bank_text(GOOD_Q1.replace("answer: a", "answer: c"), CLICK)
    path, marks = write_bank(tmp_path, text)
    error = problems_of(path)
    assert [(p.line, p.question_id) for p in error.problems] == [
        (marks["q1answer"], "demo-q01"), (marks["notinpara"], "demo-q02")]
