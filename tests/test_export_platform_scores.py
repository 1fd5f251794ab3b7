"""The click-the-phrase worked example: the passages' places in the op-ed, the three scores
(book, Moodle, Canvas) checked against the exported files themselves, and the docs and the
report printing what the code computes."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree

from export_support import BANKS, export_kit, kit_questions, q, qti_files
from medialit.case import load_oped
from medialit.export import content, export_banks
from medialit.export.banks import bank_paths
from medialit.export.platform_scores import (
    canvas_multiple_answers_score,
    click_phrase_example,
    examples_table_markdown,
    first_click_phrase_example,
    moodle_multichoice_score,
)
from medialit.quiz.material import text_of
from medialit.quiz.scoring import score

DOC = Path(__file__).resolve().parents[1] / "docs" / "exports.md"
CLICKS = [x for x in kit_questions() if x.type == "click_phrase"]


@pytest.fixture(scope="module")
def moodle_answers(tmp_path_factory) -> dict[str, list[float]]:
    """Each click-phrase question's answer fractions, read back from the Moodle file."""
    root = etree.fromstring(export_kit("moodle-xml", tmp_path_factory.mktemp("m")))
    return {el.findtext("idnumber"): [float(a.get("fraction")) / 100
                                      for a in el.findall("answer")]
            for el in root.iter("question") if el.findtext("idnumber") in {c.id for c in CLICKS}}


@pytest.fixture(scope="module")
def canvas_right(tmp_path_factory) -> dict[str, list[bool]]:
    """Each click-phrase item's options, right or not, read back from the Canvas zip."""
    out = {}
    for name, data in qti_files(export_kit("qti", tmp_path_factory.mktemp("c"))).items():
        if name == "imsmanifest.xml":
            continue
        for item in etree.fromstring(data).iter(q("item")):
            if item.get("ident") in {c.id for c in CLICKS}:
                labels = [lb.get("ident") for lb in item.iter(q("response_label"))]
                cond = next(c for c in item.iter(q("respcondition"))
                            if c.findtext(q("setvar")) == "100")
                right = {v.text for v in cond.iter(q("varequal"))
                         if v.getparent().tag != q("not")}
                out[item.get("ident")] = [label in right for label in labels]
    return out


@pytest.mark.parametrize("question", CLICKS, ids=[c.id for c in CLICKS])
def test_passage_spans_are_the_passages_in_the_op_ed(question):
    """Each span holds its passage's words, in order; ticking every key passage is right."""
    oped = text_of(question, load_oped())
    parts, spans = content.passages(question, oped), content.passage_spans(question, oped)
    assert [" ".join(oped.text[s:e].split()) for s, e in spans] == [
        " ".join(p.text.split()) for p in parts]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    keys = [span for span, part in zip(spans, parts) if part.key]
    assert score(question, keys).correct


@pytest.mark.parametrize("question", CLICKS, ids=[c.id for c in CLICKS])
def test_the_example_scores_are_what_the_exported_files_give(question, moodle_answers,
                                                              canvas_right):
    """The worked example's Moodle and Canvas scores follow from the files as written."""
    oped = load_oped()
    example = click_phrase_example(question, oped)
    parts = content.passages(question, oped)
    ticked = [i for i, p in enumerate(parts) if p.text in (example.key_passage,
                                                            example.other_passage)]
    assert len(ticked) == 2 and sum(parts[i].key for i in ticked) == 1
    fractions = moodle_answers[question.id]
    assert example.moodle == pytest.approx(max(0, min(1, sum(fractions[i] for i in ticked))))
    right = canvas_right[question.id]
    hits = sum(right[i] for i in ticked)
    assert example.canvas == pytest.approx(max(0, (hits - (2 - hits)) / sum(right)))
    spans = content.passage_spans(question, oped)
    assert example.book == score(question, [spans[i] for i in ticked]).fraction
    assert 0 < example.book < 1  # partly right in the book


def test_platform_rules_on_small_cases():
    """Moodle adds and clamps; Canvas subtracts wrong ticks and stops at 0."""
    grades = ["50", "50", "-25", "-25", "-25", "-25"]
    assert moodle_multichoice_score(grades, [0, 1]) == 1
    assert moodle_multichoice_score(grades, [0, 2]) == pytest.approx(0.25)
    assert moodle_multichoice_score(grades, [2, 3]) == 0
    right = [True, True, False, False, False, False]
    assert canvas_multiple_answers_score(right, [0, 1]) == 1
    assert canvas_multiple_answers_score(right, [0, 2]) == 0
    assert canvas_multiple_answers_score(right, [0, 1, 2]) == pytest.approx(0.5)


def test_docs_print_the_example_and_table_the_code_computes():
    """docs/exports.md carries the generated sentence and table (paste them after a change:
    the commands are next to them in the docs)."""
    oped, doc = load_oped(), DOC.read_text(encoding="utf-8")
    assert first_click_phrase_example(kit_questions(), oped).sentence() in doc
    assert examples_table_markdown(kit_questions(), oped) in doc


def test_the_report_prints_the_example_of_the_banks_exported(tmp_path):
    result = export_banks("moodle-xml", bank_paths(["sourcing"], BANKS), tmp_path / "s.xml")
    example = result.click_phrase_example
    assert example.question_id.startswith("sourcing-")
    assert example.sentence() in result.report()
    assert re.search(r"scores \d\.\d\d in the book .* \d\.\d\d in Moodle", result.report())
    result = export_banks("qti", bank_paths(["context"], BANKS), tmp_path / "c.zip")
    assert result.click_phrase_example is None  # no click-the-phrase question in that bank
    assert "Click the phrase" not in result.report()
