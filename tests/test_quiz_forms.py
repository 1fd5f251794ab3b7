"""Skills on questions and parallel forms: the optional ``skill`` field is validated against the
bank's declared ``skills``; the pre-check and post-check banks are parallel forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.case import load_oped
from medialit.quiz import BankError, load_bank
from medialit.quiz.forms import check_parallel, parallel_problems, skill_items
from medialit.quiz.html import question_data
from quizhelpers import write_bank

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "chapters" / "questions"
SKILLS = ("skills:\n"
          "  framing: \"Framing\"\n"
          "  terms: \"Contested terms\"\n")


def question(qid: str, skill: str | None, sentence: str = "5.2", kind: str = "true_false",
             mark: str = "") -> str:
    tag = f"    skill: {skill}{mark}\n" if skill else ""
    body = ("    answer: true\n    feedback: {true: \"Yes.\", false: \"No.\"}\n"
            if kind == "true_false" else
            "    options:\n      - {id: a, text: \"One\", feedback: \"Right.\"}\n"
            "      - {id: b, text: \"Two\", feedback: \"Wrong.\"}\n    answer: a\n")
    return (f"  - id: {qid}\n{tag}    type: {kind}\n    prompt: \"Is ¶{sentence} a claim?\"\n"
            f"    about: [\"{sentence}\"]\n    explanation: \"See ¶{sentence}.\"\n{body}")


def bank(tmp_path: Path, name: str, *questions: str, skills: str = SKILLS) -> Path:
    text = f"schema_version: 1\nchapter: {name}\n{skills}questions:\n" + "".join(questions)
    path, _ = write_bank(tmp_path, text, name)
    return path


def only_problem(path: Path) -> tuple[int | None, str | None, str | None, str]:
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert len(caught.value.problems) == 1, str(caught.value)
    p = caught.value.problems[0]
    return p.line, p.question_id, p.field, p.message


# --- the skill field -------------------------------------------------------------------------

def test_skills_load_in_declared_order_and_travel_with_the_question_json(tmp_path):
    path = bank(tmp_path, "demo", question("demo-q01", "terms"), question("demo-q02", "framing"))
    loaded = load_bank(path)
    assert list(loaded.skills) == ["framing", "terms"]
    assert loaded.skills["terms"] == "Contested terms"
    assert [q.skill for q in loaded.questions] == ["terms", "framing"]
    assert skill_items(loaded) == {"framing": ["demo-q02"], "terms": ["demo-q01"]}
    data = question_data(loaded.questions[0], 1, 2, load_oped())
    assert data["skill"] == "terms"


def test_a_bank_without_skills_is_unchanged(tmp_path):
    path = bank(tmp_path, "demo", question("demo-q01", None), skills="")
    loaded = load_bank(path)
    assert loaded.skills == {} and loaded.questions[0].skill is None
    assert "skill" not in question_data(loaded.questions[0], 1, 1, load_oped())


def test_an_undeclared_skill_is_reported_at_its_line(tmp_path):
    path = bank(tmp_path, "demo", question("demo-q01", "framing"), question("demo-q03", "terms"),
                question("demo-q02", "sourcing", mark="  # <- here"))
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "<- here" in text)
    assert only_problem(path) == (line, "demo-q02", "skill",
                                  "skill not declared in the bank's 'skills'")


def test_a_question_without_a_skill_in_a_bank_that_declares_skills(tmp_path):
    path = bank(tmp_path, "demo", question("demo-q01", "framing"), question("demo-q02", "terms"),
                question("demo-q03", None))
    _, qid, field, message = only_problem(path)
    assert (qid, field) == ("demo-q03", "skill")
    assert "every question needs one" in message


def test_a_skill_in_a_bank_that_declares_none(tmp_path):
    path = bank(tmp_path, "demo", question("demo-q01", "framing"), skills="")
    _, qid, field, message = only_problem(path)
    assert (qid, field, message) == ("demo-q01", "skill",
                                     "skill not declared in the bank's 'skills'")


def test_a_declared_skill_that_no_question_uses(tmp_path):
    path = bank(tmp_path, "demo", question("demo-q01", "framing"))
    _, qid, field, message = only_problem(path)
    assert (qid, field) == (None, "skills.terms")
    assert "no question uses" in message


@pytest.mark.parametrize("skills, words", [
    ("skills:\n  Bad Slug: \"Framing\"\n", "must match"),
    ("skills:\n  framing: \"  \"\n", "needs a label"),
])
def test_skill_slugs_and_labels_are_validated(tmp_path, skills, words):
    path = bank(tmp_path, "demo", question("demo-q01", None), skills=skills)
    _, _, field, message = only_problem(path)
    assert field == "skills" and words in message


def test_a_skill_slug_on_a_question_must_be_a_slug(tmp_path):
    path = bank(tmp_path, "demo", question("demo-q01", "Not A Slug"))
    _, qid, field, message = only_problem(path)
    assert (qid, field) == ("demo-q01", "skill")
    assert "pattern" in message


# --- parallel forms --------------------------------------------------------------------------

def two_forms(tmp_path, second: list[str], second_skills: str = SKILLS):
    first = bank(tmp_path / "a", "pre", question("pre-q01", "framing", "1.2"),
                 question("pre-q02", "terms", "5.2", "single_choice"))
    other = bank(tmp_path / "b", "post", *second, skills=second_skills)
    return load_bank(first), load_bank(other)


def messages(first, second) -> list[str]:
    return [p.message for p in parallel_problems(first, second)]


def test_parallel_forms_pass(tmp_path):
    first, second = two_forms(tmp_path, [question("post-q01", "framing", "9.5"),
                                         question("post-q02", "terms", "2.2", "single_choice")])
    assert parallel_problems(first, second) == []
    check_parallel(first, second)


def test_parallel_forms_need_the_same_skills(tmp_path):
    other = "skills:\n  framing: \"Framing\"\n  terms: \"Terms\"\n"
    first, second = two_forms(tmp_path, [question("post-q01", "framing", "9.5"),
                                         question("post-q02", "terms", "2.2", "single_choice")],
                              other)
    assert any("the same skills" in m for m in messages(first, second))
    with pytest.raises(BankError, match="the same skills"):
        check_parallel(first, second)


def test_parallel_forms_need_the_same_number_of_items_per_skill(tmp_path):
    first, second = two_forms(tmp_path, [question("post-q01", "framing", "9.5"),
                                         question("post-q02", "terms", "2.2", "single_choice"),
                                         question("post-q03", "terms", "3.1", "single_choice")])
    assert messages(first, second) == ["skill 'terms' has 2 item(s) here and 1 in pre.yml"]


def test_parallel_forms_need_the_same_question_types_per_skill(tmp_path):
    first, second = two_forms(tmp_path, [question("post-q01", "framing", "9.5"),
                                         question("post-q02", "terms", "2.2", "true_false")])
    assert messages(first, second) == ["skill 'terms' uses other question types than in pre.yml"]


def test_parallel_forms_need_different_items(tmp_path):
    first, second = two_forms(tmp_path, [question("post-q01", "framing", "1.2"),
                                         question("post-q02", "terms", "2.2", "single_choice")])
    problems = parallel_problems(first, second)
    assert len(problems) == 1
    assert problems[0].question_id == "post-q01" and "pre-q01" in problems[0].message


def test_parallel_forms_must_declare_skills(tmp_path):
    first = load_bank(bank(tmp_path / "a", "pre", question("pre-q01", None), skills=""))
    second = load_bank(bank(tmp_path / "b", "post", question("post-q01", None), skills=""))
    assert len(messages(first, second)) == 2


# --- the kit's pre-check and post-check ------------------------------------------------------

@pytest.fixture(scope="module")
def kit_forms():
    return load_bank(BANKS / "precheck.yml"), load_bank(BANKS / "postcheck.yml")


def test_the_kits_pre_and_post_check_are_parallel_forms(kit_forms):
    pre, post = kit_forms
    check_parallel(pre, post)
    assert pre.skills == post.skills
    assert list(pre.skills) == ["framing", "sourcing", "terms", "rhetoric", "verification",
                                "synthesis"]
    counts = {slug: len(ids) for slug, ids in skill_items(pre).items()}
    assert counts == {slug: len(ids) for slug, ids in skill_items(post).items()}
    assert len(set(counts.values())) == 1  # each skill equally weighted


def test_the_kits_forms_are_short_auto_scored_and_fully_tagged(kit_forms):
    for form in kit_forms:
        assert 8 <= len(form.questions) <= 12
        assert all(q.skill in form.skills for q in form.questions)
        assert not any(q.type_name == "free_text" for q in form.questions)
        keys = [getattr(q, "answer", None) for q in form.questions
                if q.type_name == "single_choice"]
        assert len(set(keys)) > 1, "single-choice keys should not all be the same letter"
