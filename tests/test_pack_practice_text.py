"""The practice text is the pack's to declare: the manifest's ``practice`` entry names the
practice pack's folder, wherever it is (here the tiny pack keeps it in ``drills/unseen``, not
``packs/practice``), and a pack that declares none gets a clear error on its practice questions.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from medialit.pack import PackError, read_manifest, using_pack
from medialit.quiz.errors import BankError
from medialit.quiz.loader import load_bank
from medialit.quiz.material import load_practice, practice_path, text_of
from pack_support import make_tiny, reread

UNSEEN = "The ferry runs twice a day. Its owners say it is always full.\nA byline\n"
QUESTION = """  - id: a-tiny-case-q02
    type: true_false
    material: practice
    prompt: >-
      The practice text's ¶1 says "the ferry runs twice a day".
    about: ["1.2", "The ferry runs twice a day"]
    answer: true
    feedback:
      true: Right.
      false: Read ¶1 again.
    explanation: >-
      ¶1.1 says so.
"""


def _tiny_with_practice(tmp_path: Path, declare: bool = True):
    book, _ = make_tiny(tmp_path)
    unseen = book / "drills" / "unseen"
    unseen.mkdir(parents=True)
    (unseen / "text.txt").write_text(UNSEEN, encoding="utf-8")
    bank = book / "quizzes" / "practice.yml"
    bank.write_text(bank.read_text(encoding="utf-8") + QUESTION, encoding="utf-8")
    if declare:
        manifest = book / "pack" / "pack.yml"
        manifest.write_text(manifest.read_text(encoding="utf-8") + "practice: ../drills/unseen\n",
                            encoding="utf-8")
    return book, reread(book), bank


def test_a_pack_declares_a_practice_text_outside_packs_practice(tmp_path: Path):
    book, pack, bank = _tiny_with_practice(tmp_path)
    assert pack.practice_text == (book / "drills" / "unseen" / "text.txt").resolve()
    with using_pack(pack):
        assert practice_path() == pack.practice_text
        questions = load_bank(bank, bib=book / "pack" / "sources.bib").questions
        practice = next(q for q in questions if q.id == "a-tiny-case-q02")
        assert text_of(practice, pack.document).sentence("1.2").text == \
            "Its owners say it is always full."
        assert load_practice() is not None


def test_a_practice_question_in_a_pack_that_declares_none_names_the_bank_and_the_pack(
        tmp_path: Path):
    book, pack, bank = _tiny_with_practice(tmp_path, declare=False)
    assert pack.practice_text is None
    with using_pack(pack), pytest.raises(BankError) as caught:
        load_bank(bank, bib=book / "pack" / "sources.bib")
    message = str(caught.value)
    assert "practice.yml" in message and "a-tiny-case" in message
    assert "declares no practice text" in message


def test_the_practice_entry_is_validated_on_load(tmp_path: Path):
    book, _ = make_tiny(tmp_path)
    manifest = book / "pack" / "pack.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "practice: [1, 2]\n",
                        encoding="utf-8")
    with pytest.raises(PackError, match="field .practice.: must be a path"):
        read_manifest(manifest)


def test_the_autograder_zip_carries_the_practice_text_where_its_bundled_pack_finds_it(
        tmp_path: Path):
    from grading_support import ROOT
    from medialit.grading.gradescope import build_autograder
    from medialit.pack import ContentPack

    target = build_autograder(ROOT / "solutions" / "set-a-framing.ipynb", tmp_path / "a.zip")
    with zipfile.ZipFile(target) as zf:
        zf.extractall(tmp_path / "source")
    bundled = tmp_path / "source" / "src" / "medialit" / "bundled_packs" / "oped-2024"
    data, lines = read_manifest(bundled / "pack.yml")
    text = ContentPack(bundled.resolve(), data, lines=lines).practice_text
    assert text is not None and text.is_file()
    assert text.read_bytes() == (ROOT / "packs" / "practice" / "text.txt").read_bytes()
