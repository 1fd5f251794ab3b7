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
from medialit.quiz.material import text_of
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
    oped = text_of(question, oped)  # the practice case's questions show the practice text
    parts = content.passages(question, oped)
    assert [text for _, text in _labels(item)] == [render.html(p.text) for p in parts]
    assert _correct_choice(item) == {answer_ident(i) for i, p in enumerate(parts) if p.key}
    assert render.text_paragraph_html(question.paragraph, oped) in _mattext(
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
    """The exact value or'ed with its bounds, margin 0 included: the only shape Canvas's
    Qti::NumericInteraction turns into an answer (a bare varequal gives a question with no
    answer)."""
    (cond,) = [c for c in item.iter(q("respcondition")) if c.findtext(q("setvar")) == "100"]
    (either,) = cond.find(q("conditionvar"))
    assert either.tag == q("or")
    equal, both = either
    assert equal.tag == q("varequal") and float(equal.text) == question.answer
    assert [b.tag for b in both] == [q("vargte"), q("varlte")]
    assert float(both[0].text) == question.answer - question.tolerance
    assert float(both[1].text) == question.answer + question.tolerance
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


# Canvas's question types (AssessmentQuestion::ALL_QUESTION_TYPES) that the kit writes.
CANVAS_TYPES = {"multiple_choice_question", "multiple_answers_question", "true_false_question",
                "matching_question", "numerical_question", "essay_question"}


def _conditions_naming(item, ident: str) -> list[etree._Element]:
    return [c for c in item.iter(q("respcondition"))
            if any(v.text == ident for v in c.iter(q("varequal")))]


def canvas_shape_problems(item) -> list[str]:
    """What Canvas's importer (canvas-lms gems/plugins/qti_exporter/lib/qti/, after
    instructure/QTIMigrationTool has turned the item into QTI 2.1) would misread in an item:

    - question_type must be one Canvas knows, points_possible set, original_answer_ids one id
      per answer (AssessmentItemConverter#parse_instructure_metadata);
    - a choice question's SCORE condition must come after every feedback condition naming the
      same answer: ChoiceInteraction#process_response_conditions sets an answer's weight from
      each condition that names it, so a later feedback-only condition makes it wrong again;
    - feedback idents are ``<answer id>_fb`` (the tool makes them FEEDBACK_<id>_fb, which
      get_feedback files as that answer's comment) or ``general_fb`` (the neutral comment);
      an ident with "correct" or "wrong" in it would be filed as right/wrong feedback;
    - an essay compares the response with nothing: a varequal would make it a short answer
      question (ExtendedTextInteraction#parse_question_data).
    """
    out = []
    meta = _meta(item)
    if meta["question_type"] not in CANVAS_TYPES or meta["points_possible"] != "1.0":
        out.append(f"metadata {meta}")
    answers = meta["original_answer_ids"].split(",") if meta["original_answer_ids"] else []
    lids = item.find(q("presentation")).findall(q("response_lid"))
    if meta["question_type"] == "matching_question":
        if [f"response_{a}" for a in answers] != [lid.get("ident") for lid in lids]:
            out.append("original_answer_ids do not name the rows")
    elif lids and answers != [label.get("ident") for label in lids[0].iter(q("response_label"))]:
        out.append("original_answer_ids do not name the options")
    for ident in _feedback(item):
        if not (ident == "general_fb" or re.fullmatch(r"\d+_fb", ident)) or re.search(
                "correct|wrong|_IC$|_C$", ident, re.IGNORECASE):
            out.append(f"feedback ident {ident}")
    if meta["question_type"] in ("multiple_choice_question", "multiple_answers_question",
                                 "true_false_question"):
        conds = list(item.iter(q("respcondition")))
        for ident in answers:
            naming = _conditions_naming(item, ident)
            scoring = [c for c in naming if c.find(q("setvar")) is not None]
            if scoring and conds.index(naming[-1]) != conds.index(scoring[-1]):
                out.append(f"a feedback condition after the SCORE condition for {ident}")
    if meta["question_type"] == "essay_question" and next(item.iter(q("varequal")), None) is not None:
        out.append("an essay with an answer to compare")
    return out


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_items_have_the_shapes_canvas_reads(question, items):
    assert canvas_shape_problems(items[question.id]) == []


def test_the_canvas_shape_check_can_fail(items):
    """A SCORE condition moved before the feedback conditions, and an essay given an answer,
    are caught."""
    item = etree.fromstring(etree.tostring(items["context-q03"]))  # single choice, feedback
    resp = item.find(q("resprocessing"))
    score_cond = [c for c in resp.findall(q("respcondition"))
                  if c.find(q("setvar")) is not None][-1]
    resp.remove(score_cond)
    resp.insert(1, score_cond)
    assert any("after the SCORE condition" in p for p in canvas_shape_problems(item))
    essay = etree.fromstring(etree.tostring(items["context-q09"]))
    var = next(essay.iter(q("conditionvar")))
    etree.SubElement(var, q("varequal"), respident="response1").text = "x"
    assert canvas_shape_problems(essay) == ["an essay with an answer to compare"]


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
