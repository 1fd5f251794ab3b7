"""The Moodle XML export read back: every question's type, answers, fractions and feedback
against its bank, the rules Moodle's importer applies, and Moodle's scoring of the exported
fractions against the kit's own scoring.

There is no official XSD for Moodle XML (Moodle's importer, ``question/format/xml/format.php``,
is the reference), and the one Moodle XML reader on PyPI that we evaluated
(moodle-xml-parser 0.3.1) reads only multichoice and cloze and swallows errors, so these
tests read the file with lxml and check what ``qformat_xml`` and the question types read.
"""

from __future__ import annotations

import re
from fractions import Fraction
from itertools import chain, combinations, permutations

import pytest
from lxml import etree

from export_support import BANKS, export_kit, kit_questions, wide_click_phrase_bank
from medialit.case import load_oped
from medialit.export import content, render
from medialit.export.mapping import target
from medialit.export.moodle_xml import MOODLE_GRADES, ExportError, grade
from medialit.quiz.material import text_of
from medialit.quiz.scoring import score


@pytest.fixture(scope="module")
def moodle(tmp_path_factory):
    data = export_kit("moodle-xml", tmp_path_factory.mktemp("moodle"))
    return etree.fromstring(data)


@pytest.fixture(scope="module")
def by_id(moodle):
    return {el.findtext("idnumber"): el for el in moodle.iter("question")
            if el.get("type") != "category"}


def _text(el, path: str) -> str:
    return el.findtext(f"{path}/text") or ""


def _fractions(el) -> list[Fraction]:
    return [Fraction(a.get("fraction")) / 100 for a in el.findall("answer")]


QUESTIONS = kit_questions()
IDS = [q.id for q in QUESTIONS]


def test_every_question_is_exported_once_under_its_bank_category(moodle):
    """Each bank opens with its category; every kit question follows it, once."""
    seen, category = [], None
    for el in moodle.iter("question"):
        if el.get("type") == "category":
            category = _text(el, "category")
            assert category.startswith("$course$/top/One Op-Ed, Read Closely/")
        else:
            assert category is not None
            seen.append(el.findtext("idnumber"))
    assert seen == IDS
    assert len({_text(c, "category") for c in moodle.iter("question")
                if c.get("type") == "category"}) == len(list(BANKS.glob("*.yml")))


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_question_round_trips(question, by_id):
    """Type from the mapping table; prompt, explanation and hints kept; answers per type."""
    el = by_id[question.id]
    oped = load_oped()
    assert el.get("type") == target(question.type, "moodle-xml").native
    assert render.html(question.prompt, oped) in _text(el, "questiontext")
    assert render.html(question.explanation, oped) in _text(el, "generalfeedback")
    hints = [render.html(h, oped) for h in question.hints]
    if question.type == "free_text":  # Moodle's essay keeps no hints: the question text shows them
        assert el.findall("hint") == []
        assert all(f"<p><em>Hint:</em> {h}</p>" in _text(el, "questiontext") for h in hints)
    else:
        assert [_text(h, ".") for h in el.findall("hint")] == [f"<p>{h}</p>" for h in hints]
        assert all(h.get("format") == "html" for h in el.findall("hint"))
    CHECKS[question.type](question, el, oped)


def _check_single(q, el, oped):
    assert el.findtext("single") == "true"
    answers = el.findall("answer")
    assert [_text(a, ".") for a in answers] == [render.html(o.text, oped) for o in q.options]
    assert [_text(a, "feedback") for a in answers] == [render.html(o.feedback, oped)
                                                       for o in q.options]
    assert _fractions(el) == [1 if o.id == q.answer else 0 for o in q.options]


def _check_multiple(q, el, oped):
    assert el.findtext("single") == "false"
    answers = el.findall("answer")
    assert [_text(a, ".") for a in answers] == [render.html(o.text, oped) for o in q.options]
    assert [_text(a, "feedback") for a in answers] == [render.html(o.feedback, oped)
                                                       for o in q.options]
    _same_score_for_every_choice(q, el, [o.id for o in q.options])


def _check_click(q, el, oped):
    oped = text_of(q, oped)  # the practice case's questions show the practice text
    parts = content.passages(q, oped)
    answers = el.findall("answer")
    assert [_text(a, ".") for a in answers] == [render.html(p.text) for p in parts]
    assert [p.text for p in parts if p.key] == sorted(
        q.answer, key=lambda quote: oped.find(quote, paragraph=q.paragraph).start)
    for part, answer in zip(parts, answers):
        assert (Fraction(answer.get("fraction")) > 0) == part.key
        if part.key and q.feedback.get(part.text):
            assert _text(answer, "feedback") == render.html(q.feedback[part.text], oped)
    # the whole paragraph is offered: its words, in order, across the passages
    words = re.findall(r"[^\W_]+", oped.paragraph(q.paragraph).text)
    assert [w for p in parts for w in re.findall(r"[^\W_]+", p.text)] == words
    assert render.text_paragraph_html(q.paragraph, oped) in _text(el, "questiontext")


def _check_true_false(q, el, oped):
    answers = {_text(a, "."): a for a in el.findall("answer")}
    assert set(answers) == {"true", "false"}
    for value in (True, False):
        a = answers[str(value).lower()]
        assert a.get("fraction") == ("100" if q.answer is value else "0")
        assert _text(a, "feedback") == render.html(q.feedback[value], oped)


def _check_match(q, el, oped):
    oped = text_of(q, oped)
    rows = content.rows_for(q, oped, "moodle-xml")
    subs = el.findall("subquestion")
    stems = [(_text(s, "."), _text(s, "answer")) for s in subs if _text(s, ".")]
    assert stems == [(r.left_html, r.right) for r in rows]
    extras = [_text(s, "answer") for s in subs if not _text(s, ".")]
    assert extras == content.distractors_for(q, oped)
    for row in rows:  # per-pair feedback has no place in Moodle: the general feedback lists it
        if row.feedback:
            assert row.feedback in _text(el, "generalfeedback")
    if q.type == "label_sentences":
        for sid in q.sentences:  # the sentence's own words are in the question
            assert oped.sentence(sid).text in "".join(s for s, _ in stems)


def _check_ordering(q, el, oped):
    assert el.findtext("gradingtype") == "RELATIVE_ALL_PREVIOUS_AND_NEXT"
    assert el.findtext("selecttype") == "ALL"
    assert int(el.findtext("selectcount")) == len(q.items)
    assert [_text(a, ".") for a in el.findall("answer")] == [render.html(i, oped)
                                                            for i in q.items]
    # Moodle's RELATIVE_ALL_PREVIOUS_AND_NEXT (qtype_ordering_question::grade_response) on
    # every order of the items equals the kit's score.
    for order in permutations(q.items):
        right = sum(len({*order[:i]} & {*q.items[:q.items.index(x)]})
                    + len({*order[i + 1:]} & {*q.items[q.items.index(x) + 1:]})
                    for i, x in enumerate(order))
        total = len(q.items) * (len(q.items) - 1)
        assert right / total == pytest.approx(score(q, list(order)).fraction)


def _check_numeric(q, el, oped):
    (answer,) = el.findall("answer")
    assert float(_text(answer, ".")) == q.answer
    assert float(answer.findtext("tolerance")) == q.tolerance
    assert answer.get("fraction") == "100"
    if q.unit:
        assert q.unit in _text(el, "questiontext")


def _check_essay(q, el, oped):
    info = _text(el, "graderinfo")
    assert render.html(q.model_answer, oped) in info
    for criterion in q.rubric:
        assert render.html(criterion, oped) in info
        assert render.html(criterion, oped) in _text(el, "questiontext")
    assert render.html(q.model_answer, oped) in _text(el, "generalfeedback")
    assert el.findtext("responseformat") == "editor"


CHECKS = {"single_choice": _check_single, "multiple_choice": _check_multiple,
          "click_phrase": _check_click, "true_false": _check_true_false,
          "matching": _check_match, "label_sentences": _check_match,
          "ordering": _check_ordering, "numeric": _check_numeric, "free_text": _check_essay}


def _same_score_for_every_choice(q, el, option_ids):
    """Moodle multichoice (several answers) adds the fractions of the ticked options and
    clamps to 0..1 (qtype_multichoice_multi_question::grade_response)."""
    fractions = _fractions(el)
    assert sum(f for f in fractions if f > 0) == pytest.approx(1, abs=1e-4)
    for ticked in chain.from_iterable(combinations(range(len(option_ids)), k)
                                      for k in range(1, len(option_ids) + 1)):
        moodle = max(0, min(1, float(sum(fractions[i] for i in ticked))))
        kit = score(q, [option_ids[i] for i in ticked]).fraction
        assert moodle == pytest.approx(kit, abs=1e-4), ticked


def test_every_fraction_is_on_moodles_grade_list(moodle):
    """qformat_xml stops the import at a grade not on question_bank::fraction_options_full."""
    for el in moodle.iter("question"):
        if el.get("type") in ("multichoice", "truefalse", "numerical"):
            for answer in el.findall("answer"):
                assert answer.get("fraction") in MOODLE_GRADES, el.findtext("idnumber")


def test_importer_rules(moodle):
    """What Moodle's importer and question types need from each question."""
    for el in moodle.iter("question"):
        kind = el.get("type")
        if kind == "category":
            continue
        qid = el.findtext("idnumber")
        assert _text(el, "name") and _text(el, "questiontext"), qid
        assert len(_text(el, "name")) <= 255, qid
        if kind == "multichoice":
            fractions = _fractions(el)
            if el.findtext("single") == "true":
                assert max(fractions) == 1, qid  # 'fractionsnomax' otherwise
            else:
                assert round(float(sum(f for f in fractions if f > 0)), 2) == 1, qid
        if kind == "matching":
            subs = el.findall("subquestion")
            assert sum(1 for s in subs if _text(s, ".")) >= 2, qid  # notenoughqsandas
            assert len(subs) >= 3, qid
            assert all(_text(s, "answer") for s in subs), qid
        if kind == "ordering":
            assert len(el.findall("answer")) >= 2, qid


def test_grade_refuses_a_share_moodle_cannot_hold():
    """A share off Moodle's list is an error, never a silently rounded grade."""
    assert grade(Fraction(1, 3)) == "33.33333"
    assert grade(-Fraction(1, 7)) == "-14.28571"
    with pytest.raises(ExportError):
        grade(Fraction(1, 11))


def test_html_in_bank_text_is_escaped_not_markup(tmp_path):
    """A prompt with raw HTML shows as text in Moodle: it is escaped inside the CDATA."""
    from medialit.export import export_banks
    from quizhelpers import write_bank

    path, _ = write_bank(tmp_path / "questions", _ONE_QUESTION, name="escapes")
    out = tmp_path / "out.xml"
    export_banks("moodle-xml", [path], out)
    root = etree.fromstring(out.read_bytes())
    (question,) = [el for el in root.iter("question") if el.get("type") != "category"]
    text = _text(question, "questiontext")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <strong>bold</strong>" in text
    assert "<script>" not in text
    assert "]]>" not in out.read_text(encoding="utf-8").replace("]]></text>", "")


_ONE_QUESTION = """\
schema_version: 1
chapter: escapes
questions:
  - id: escapes-q01
    type: true_false
    prompt: "Is <script>alert(1)</script> & **bold** shown as text?"
    about: ["5.1"]
    answer: true
    feedback:
      true: "Yes."
      false: "No."
    explanation: "It is text (¶5.1)."
"""


def test_a_question_moodle_cannot_hold_stops_the_export_naming_file_and_question(tmp_path):
    """Eleven key passages would need a grade of 1/11, which is not on Moodle's list: the
    export stops with the bank file, the question's line and id, and writes nothing."""
    from medialit.export import export_banks
    from medialit.quiz.errors import BankError

    path = wide_click_phrase_bank(tmp_path / "questions", keys=11)
    out = tmp_path / "out.xml"
    with pytest.raises(BankError) as caught:
        export_banks("moodle-xml", [path], out)
    (problem,) = caught.value.problems
    assert problem.file == str(path) and problem.question_id == "wide-q02"
    assert problem.line == path.read_text(encoding="utf-8").splitlines().index(
        "  - id: wide-q02") + 1
    assert "9.0909% is not on Moodle's list of grades" in str(caught.value)
    assert not out.exists()
    export_banks("qti", [path], tmp_path / "out.zip")  # Canvas has no such list
    path10 = wide_click_phrase_bank(tmp_path / "ten", keys=10)
    export_banks("moodle-xml", [path10], out)  # 1/10 is on the list
    assert out.exists()
