"""The Canvas QTI export: the zip's layout, every assessment against the IMS QTI 1.2.1 DTD, the
manifest against the IMS CP 1.1 XSD (both as shipped with Canvas's QTI import tool, see
tests/schemas/README.md), and every item read back against its bank question."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import etree

from export_support import BANKS, cp_errors, export_kit, kit_questions, q, qti_errors, qti_files
from medialit.case import load_oped
from medialit.export import content, render
from medialit.export.mapping import target
from medialit.export.qti import answer_ident
from medialit.quiz.scoring import score

QUESTIONS = kit_questions()
IDS = [x.id for x in QUESTIONS]
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return qti_files(export_kit("qti", tmp_path_factory.mktemp("qti")))


@pytest.fixture(scope="module")
def items(files):
    out = {}
    for name, data in files.items():
        if name != "imsmanifest.xml":
            for item in etree.fromstring(data).iter(q("item")):
                out[item.get("ident")] = item
    return out


def test_zip_has_a_manifest_and_one_assessment_per_bank(files):
    manifest = etree.fromstring(files["imsmanifest.xml"])
    hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert sorted(hrefs) == sorted(n for n in files if n != "imsmanifest.xml")
    assert len(hrefs) == len(list(BANKS.glob("*.yml")))
    for res in manifest.iter(f"{CP}resource"):
        assert res.get("type") == "imsqti_xmlv1p2"
        root = etree.fromstring(files[res.get("href")])
        assert root.tag == q("questestinterop")
        assert root.find(q("assessment")).get("ident") == res.get("identifier")


def test_manifest_is_valid_ims_cp(files):
    assert cp_errors(files["imsmanifest.xml"]) == []


def test_every_assessment_is_valid_qti_1_2_1(files):
    for name, data in files.items():
        if name != "imsmanifest.xml":
            assert qti_errors(data) == [], name


def test_the_validators_reject_broken_documents(files):
    """The checks can fail: an item without its required ident, a misplaced element, a
    manifest resource without its type."""
    name = next(n for n in files if n != "imsmanifest.xml")
    root = etree.fromstring(files[name])
    item = next(root.iter(q("item")))
    del item.attrib["ident"]
    assert any("ident" in e for e in qti_errors(etree.tostring(root)))
    root = etree.fromstring(files[name])
    item = next(root.iter(q("item")))
    item.append(etree.Element(q("presentation")))  # a second presentation, after resprocessing
    assert qti_errors(etree.tostring(root))
    manifest = etree.fromstring(files["imsmanifest.xml"])
    del next(manifest.iter(f"{CP}resource")).attrib["type"]
    assert cp_errors(etree.tostring(manifest))


def _mattext(el) -> str:
    return el.find(f"{q('material')}/{q('mattext')}").text or ""


def _feedback(item) -> dict[str, str]:
    return {fb.get("ident"): fb.find(f".//{q('mattext')}").text
            for fb in item.iter(q("itemfeedback"))}


def _meta(item) -> dict[str, str]:
    return {f.findtext(q("fieldlabel")): f.findtext(q("fieldentry"))
            for f in item.iter(q("qtimetadatafield"))}


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_item_round_trips(question, items):
    """Canvas type from the mapping table; prompt and explanation kept; answers per type."""
    item = items[question.id]
    oped = load_oped()
    assert _meta(item)["question_type"] == target(question.type, "qti").native
    assert render.html(question.prompt, oped) in _mattext(item.find(q("presentation")))
    assert render.html(question.explanation, oped) in _feedback(item)["general_fb"]
    CHECKS[question.type](question, item, oped)


def _labels(item) -> list[tuple[str, str]]:
    lid = item.find(f"{q('presentation')}/{q('response_lid')}")
    return [(label.get("ident"), _mattext(label)) for label in lid.iter(q("response_label"))]


def _correct_choice(item) -> set[str]:
    """Canvas reads the right answers from the respcondition that sets SCORE to 100."""
    for cond in item.iter(q("respcondition")):
        setvar = cond.find(q("setvar"))
        if setvar is not None and setvar.text == "100":
            var = cond.find(q("conditionvar"))
            return {v.text for v in var.iter(q("varequal"))
                    if v.getparent().tag != q("not")}
    return set()


def _answer_feedback(item, oped, texts: list[tuple[str, str]]) -> None:
    fb = _feedback(item)
    for ident, html in texts:
        if html:
            assert fb[f"{ident}_fb"] == html


def _check_choice(question, item, oped):
    options = question.options
    assert _labels(item) == [(answer_ident(i), render.html(o.text, oped))
                             for i, o in enumerate(options)]
    right = {question.answer} if question.type == "single_choice" else set(question.answer)
    assert _correct_choice(item) == {answer_ident(i) for i, o in enumerate(options)
                                     if o.id in right}
    _answer_feedback(item, oped, [(answer_ident(i), render.html(o.feedback, oped))
                                  for i, o in enumerate(options)])


def _check_true_false(question, item, oped):
    assert [text for _, text in _labels(item)] == ["True", "False"]
    assert _correct_choice(item) == {answer_ident(0 if question.answer else 1)}
    _answer_feedback(item, oped, [(answer_ident(0), render.html(question.feedback[True], oped)),
                                  (answer_ident(1), render.html(question.feedback[False], oped))])


def _check_click(question, item, oped):
    parts = content.passages(question, oped)
    assert [text for _, text in _labels(item)] == [render.html(p.text) for p in parts]
    assert _correct_choice(item) == {answer_ident(i) for i, p in enumerate(parts) if p.key}
    assert render.oped_paragraph_html(question.paragraph, oped) in _mattext(
        item.find(q("presentation")))


def _check_matching(question, item, oped):
    rows = content.rows_for(question, oped, "qti")
    choices = content.choices_for(question, oped)
    lids = item.find(q("presentation")).findall(q("response_lid"))
    assert [_mattext(lid) for lid in lids] == [r.left_html for r in rows]
    for lid in lids:  # every left item offers every choice, in the kit's order
        assert [_mattext(label) for label in lid.iter(q("response_label"))] == choices
    match_text = {label.get("ident"): _mattext(label) for label in lids[0].iter(q("response_label"))}
    share = Counter()
    for cond in item.iter(q("respcondition")):
        setvar = cond.find(q("setvar"))
        if setvar is not None and setvar.get("action") == "Add":
            (var,) = cond.find(q("conditionvar"))
            share[(var.get("respident"), match_text[var.text])] += float(setvar.text)
    assert {key for key in share} == {(f"response_{answer_ident(i)}", r.right)
                                     for i, r in enumerate(rows)}
    assert sum(share.values()) == pytest.approx(100, abs=0.05)
    _answer_feedback(item, oped, [(answer_ident(i), r.feedback) for i, r in enumerate(rows)])
    if question.type == "matching":  # Canvas's per-pair score is the kit's rule
        answer = {p.left: p.right for p in question.pairs[:-1]}
        assert score(question, answer).fraction == pytest.approx(
            (len(rows) - 1) / len(rows))


def _check_numeric(question, item, oped):
    (cond,) = [c for c in item.iter(q("respcondition")) if c.findtext(q("setvar")) == "100"]
    var = cond.find(q("conditionvar"))
    assert float(next(var.iter(q("varequal"))).text) == question.answer
    low, high = var.find(f".//{q('vargte')}"), var.find(f".//{q('varlte')}")
    if question.tolerance:
        assert float(low.text) == question.answer - question.tolerance
        assert float(high.text) == question.answer + question.tolerance
    else:
        assert low is None and high is None
    fib = item.find(f".//{q('render_fib')}")
    assert fib.get("fibtype") == "Decimal"


def _check_essay(question, item, oped):
    general = _feedback(item)["general_fb"]
    assert render.html(question.model_answer, oped) in general
    assert item.find(f".//{q('response_str')}") is not None


CHECKS = {"single_choice": _check_choice, "multiple_choice": _check_choice,
          "true_false": _check_true_false, "click_phrase": _check_click,
          "matching": _check_matching, "label_sentences": _check_matching,
          "ordering": _check_matching, "numeric": _check_numeric, "free_text": _check_essay}


def test_answer_idents_are_numbers_for_canvas(items):
    """Canvas takes a match's id from the digits of its identifier: keep them plain numbers."""
    for item in items.values():
        for label in item.iter(q("response_label")):
            if label.getparent().tag == q("render_choice"):
                assert re.fullmatch(r"\d+", label.get("ident"))


def test_mattext_holds_escaped_html_never_child_elements(items):
    """Canvas's converter reads markup inside mattext as text: HTML must be escaped text."""
    for item in items.values():
        for mattext in item.iter(q("mattext")):
            assert len(mattext) == 0


_TOLERANCE_BANK = """\
schema_version: 1
chapter: extra
questions:
  - id: extra-q01
    type: numeric
    prompt: "How many? See {quote}`No international body has characterized` and [the op-ed](oped.html)."
    about: ["5.2"]
    answer: 600000
    tolerance: 2.5
    unit: "people"
    explanation: "About 600,000 (¶2.2)."
"""


def test_numeric_tolerance_and_op_ed_references_end_to_end(tmp_path):
    """A margin becomes Canvas's exact-answer-with-margin range; a quote role becomes the
    quoted words with their id; a link into the book keeps only its words; still valid QTI."""
    from medialit.export import export_banks
    from quizhelpers import write_bank

    path, _ = write_bank(tmp_path / "questions", _TOLERANCE_BANK, name="extra")
    out = tmp_path / "extra.zip"
    export_banks("qti", [path], out)
    (name,) = [n for n in qti_files(out.read_bytes()) if n != "imsmanifest.xml"]
    data = qti_files(out.read_bytes())[name]
    assert qti_errors(data) == []
    item = next(etree.fromstring(data).iter(q("item")))
    var = next(c for c in item.iter(q("respcondition"))
               if c.findtext(q("setvar")) == "100").find(q("conditionvar"))
    assert [v.text for v in var.iter(q("varequal"), q("vargte"), q("varlte"))] == [
        "600000", "599997.5", "600002.5"]
    text = _mattext(item.find(q("presentation")))
    assert "“No international body has characterized” (¶5.2)" in text
    assert "and the op-ed." in text and "href" not in text
    assert "Answer with a number (people)." in text
