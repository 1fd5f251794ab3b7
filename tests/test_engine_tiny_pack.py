"""The engine on a tiny synthetic pack (tests/packs/tiny): text model, references, bank
loading, scoring, the three quiz faces and the exports run on any case, not only the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.case import QuoteNotFound, load_text
from medialit.pack import load_pack, using_pack
from medialit.quiz.html import quiz_html
from medialit.quiz.loader import load_bank
from medialit.quiz.text import quiz_markdown
from medialit.refs import problem, resolve

TINY = Path(__file__).resolve().parent / "packs" / "tiny"


@pytest.fixture(autouse=True)
def tiny():
    with using_pack(TINY) as pack:
        yield pack


@pytest.fixture()
def bank(tiny):
    return load_bank(TINY / "questions" / "tiny.yml", bib=TINY / "references.bib")


def test_the_text_model_numbers_the_tiny_text():
    document = load_text()
    assert [len(p.sentences) for p in document.paragraphs] == [2, 2, 2]
    assert document.sentence("2.2").text.startswith("Some residents say the cost")
    with pytest.raises(QuoteNotFound, match="not found verbatim in the report"):
        document.find("the bridge is new")


def test_references_resolve_against_the_current_pack():
    assert resolve("quote", "4 million").sentence_ids == ("2.2",)
    assert resolve("para", "3").shown == "¶3"
    assert "the report has paragraphs 1–3 and the byline" in problem("para", "9")


def test_a_bank_loads_and_scores_on_the_tiny_text(bank):
    click, labels, matching = bank.questions
    assert click.score(["4 million"]).correct
    assert labels.score({"1.1": "claim", "3.2": "claim"}).fraction == 0.5
    assert matching.score({"Engineers": "a group", "Critics": "unnamed"}).correct


def test_a_quote_of_another_text_fails_the_bank(tmp_path):
    bad = tmp_path / "tiny.yml"
    bad.write_text((TINY / "questions" / "tiny.yml").read_text().replace(
        'answer: ["4 million"]', 'answer: ["five million"]'), encoding="utf-8")
    with pytest.raises(Exception, match="not in paragraph 2"):
        load_bank(bad, bib=TINY / "references.bib")


def test_the_faces_render_the_tiny_questions(bank):
    html = quiz_html(bank.questions, name="tiny")
    assert html.count('class="mlq-question"') == 3 and "4 million" in html
    assert "**Key:**" in quiz_markdown(bank.questions, key=True) or "Key" in quiz_markdown(
        bank.questions, key=True)


def test_the_tiny_pack_is_its_own_title_and_noun():
    pack = load_pack(TINY)
    assert (pack.title, pack.document.noun) == ("A Tiny Test Book", "report")
