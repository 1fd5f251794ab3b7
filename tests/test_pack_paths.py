"""The engine's commands take their folders and files from the content pack, not from the kit's
own layout: the assessment figures, exports, corrections, citations and handouts run on a tiny
synthetic pack whose banks, masters and bibliography live where the kit's never do
(``quizzes/``, ``graded/``, ``pack/sources.bib``), and on the practice pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit.pack import load_pack, using_pack
from pack_support import make_tiny, reread

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "packs" / "practice"
@pytest.fixture()
def tiny(tmp_path: Path):
    return make_tiny(tmp_path)


def test_the_assessment_figures_read_the_packs_banks_and_masters(tiny):
    from medialit.quiz import quality as Q

    book, pack = tiny
    with using_pack(pack):
        items = Q.book_items(book, pack)
        lines = Q.report(book, pack)
    assert [(i.source, i.graded) for i in items] == [("practice", False), ("set-a-starter", True)]
    assert any(line.startswith("practice ") for line in lines)
    assert "  not available: " + str(book / "pack" / "pack.yml") + \
        ": the pack 'a-tiny-case' declares no 'objectives'" in lines


def test_export_defaults_to_the_packs_banks_folder(tiny, monkeypatch):
    from medialit.cli import main
    from medialit.export.banks import bank_paths

    book, pack = tiny
    assert bank_paths([], pack=pack) == [book / "quizzes" / "practice.yml"]
    monkeypatch.chdir(book)
    result = CliRunner().invoke(main, ["export", "--format", "qti"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 questions exported from 1 bank(s)")


def test_a_pack_without_banks_has_no_default_export_folder(tiny):
    from medialit.export.banks import default_folder
    from medialit.quiz.errors import BankError

    book, _ = tiny
    manifest = book / "pack" / "pack.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("banks: ../quizzes\n", ""),
                        encoding="utf-8")
    with pytest.raises(BankError, match="declares no question banks"):
        default_folder(reread(book))


def test_corrections_name_the_packs_banks_and_masters(tiny):
    from medialit.corrections import Book

    book, pack = tiny
    known = Book.at(book, pack)
    assert known.bank_questions == {"a-tiny-case-q01"} and set(known.set_questions) == {"A"}
    assert known.problem("Set Z q1") == "'Set Z q1': there is no graded Set Z (in graded/)"
    assert known.problem("other-q09") == "'other-q09': no question of that id (in quizzes/)"
    assert known.problem("practice.yml") is None  # a bare bank file name: the banks' folder


def test_corrections_of_a_pack_without_banks_find_none_in_the_kits_folders(tiny):
    """No fallback to chapters/questions or solutions/: a pack that declares no banks and no
    masters has neither, even when the book holds folders of those names."""
    from medialit.corrections import Book

    book, _ = tiny
    (book / "quizzes").rename(book / "chapters" / "questions")
    (book / "graded").rename(book / "solutions")
    manifest = book / "pack" / "pack.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("banks: ../quizzes\n", "")
                        .replace("masters: ../graded\n", ""), encoding="utf-8")
    known = Book.at(book, reread(book))
    assert (known.bank_questions, known.set_questions) == (frozenset(), {})
    assert known.problem("Set A q1") == "'Set A q1': there is no graded Set A (the pack " \
        "declares no masters)"


def test_the_cited_keys_come_from_the_packs_data_and_bibliography(tiny):
    from medialit.citations import cited_keys, keys_cited_in_data

    book, pack = tiny
    assert keys_cited_in_data(book, pack) == {"council_minutes2026"}
    assert cited_keys(book, pack) == {"council_minutes2026"}
    assert pack.bibliography_in(book) == book / "pack" / "sources.bib"


@pytest.fixture()
def practice_copy(tmp_path: Path):
    """A copy of the practice pack and its book, its text page given a provenance box that
    cites one of the pack's invented sources."""
    shutil.copytree(PRACTICE, tmp_path / "practice", ignore=shutil.ignore_patterns("_build"))
    page = tmp_path / "practice" / "book" / "chapters" / "text.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n:::{admonition} Where this text "
                    "comes from\n:class: note\n\n- Invented for the kit; it answers a "
                    "treaty {cite:p}`selka_treaty1962`.\n:::\n", encoding="utf-8")
    book = tmp_path / "practice" / "book"
    return book, load_pack(tmp_path / "practice", book=book)


def test_handouts_of_the_practice_pack_use_its_layers_bibliography_and_text_page(practice_copy):
    """The practice pack declares no released notebooks: the text and its layers are printed,
    no worksheet; the box's citation is labelled from the pack's own bibliography."""
    from medialit.handouts import HandoutError, plan_handouts

    _, pack = practice_copy
    plan = plan_handouts(pack=pack, layers=["frames"])
    assert [h.name for h in plan] == ["oped", "oped-frames"]
    assert "Where this text comes from" in plan[0].html
    assert "Governments of Osterlund and Merovan" in plan[0].html
    with pytest.raises(HandoutError, match="declares no released notebooks"):
        plan_handouts(pack=pack, layers=["frames"], sets=["a"])
    with pytest.raises(HandoutError, match="declares no master notebooks"):
        plan_handouts(pack=pack, instructor=True)
