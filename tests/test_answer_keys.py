"""Answer keys (medialit.answer_keys) and the {answer-key} directive's error path."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT
from medialit.answer_keys import bank_key_markdown, set_key_markdown
from medialit.grading.master import MasterError, load_master
from medialit.quiz.errors import BankError
from medialit.quiz.loader import load_bank

MASTERS = sorted((ROOT / "solutions").glob("set-*.ipynb"))
BANKS = sorted((ROOT / "chapters" / "questions").glob("*.yml"))


@pytest.mark.parametrize("path", MASTERS, ids=lambda p: p.stem)
def test_set_key_has_every_question_with_points_and_grading_notes(path):
    master = load_master(path)
    key = set_key_markdown(master)
    assert f"{master.total_points:g} points" in key.splitlines()[0]
    for q in master.questions:
        assert f"**{q.id}** · " in key
        if q.type == "code":
            assert q.hidden_tests.strip().splitlines()[0] in key
            assert f"def {q.spec['function']}" in key
        if q.manual and q.spec.get("criteria"):  # an analytic rubric: every level, every anchor
            for c in q.spec["criteria"]:
                assert f"**{c['name']}**" in key
                assert all(text in key for text in c["levels"].values())
                assert all(f"*Anchor:* {text}" in key for text in c["anchors"].values())
        elif q.manual:
            for text in q.spec["levels"].values():
                assert text in key
        if q.spec.get("explanation"):
            assert q.spec["explanation"] in key
        feedback = q.spec.get("feedback")
        texts = list(feedback.values()) if isinstance(feedback, dict) else []
        texts += [o["feedback"] for o in q.spec.get("options", []) if o.get("feedback")]
        assert [t for t in texts if t not in key] == [], f"{q.id}: feedback missing"
    assert "graded-q" not in key  # the quiz engine's internal id is not shown


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_bank_key_has_every_question_and_its_explanation(path):
    bank = load_bank(path)
    key = bank_key_markdown(path)
    for number, q in enumerate(bank.questions, 1):
        assert f"**{number}.**" in key
        assert q.id in key


def test_a_broken_master_or_bank_is_reported_with_its_file(tmp_path):
    master = tmp_path / "set-z-broken.ipynb"
    nb = json.loads(MASTERS[0].read_text(encoding="utf-8"))
    nb["metadata"]["medialit"].pop("set")
    master.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(MasterError, match="set-z-broken.ipynb"):
        set_key_markdown(master)
    bank = tmp_path / "bad.yml"
    shutil.copy(BANKS[0], bank)
    bank.write_text(bank.read_text(encoding="utf-8").replace("schema_version: 1",
                                                             "schema_version: 7"),
                    encoding="utf-8")
    with pytest.raises(BankError, match="bad.yml"):
        bank_key_markdown(bank)


def test_directive_fails_the_build_naming_the_page_and_the_file(tmp_path):
    from conftest import build_book

    book = tmp_path / "book"
    book.mkdir()
    (book / "_config.yml").write_text(
        "title: t\nexecute:\n  execute_notebooks: 'off'\n"
        "sphinx:\n  extra_extensions: [medialit.sphinxext]\n", encoding="utf-8")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (book / "index.md").write_text("# Keys\n\n```{answer-key} missing.ipynb\n```\n",
                                   encoding="utf-8")
    proc = build_book(book)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "index.md" in output and "missing.ipynb" in output
