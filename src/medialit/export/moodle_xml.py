"""Moodle XML: the banks as one ``<quiz>`` file, a question category per bank.

Every question carries every element Moodle 4.5's own export writes for its type
(``qformat_xml::writequestion`` in ``question/format/xml/format.php`` and, for ordering,
``qtype_ordering::export_to_xml``), so that no importer default is left to chance: a missing
``<shownumcorrect>`` once made Moodle's ordering importer invent hints it could not save.
``tests/golden/moodle45_elements.yml`` lists those elements per type, with where they were read;
the tests hold every exported question to it. Answer fractions are percentages that must be on
Moodle's list of grades (``question_bank::fraction_options_full``, in
``question/engine/bank.php``): by default an import stops at any other value, so a share not on
the list stops the export instead, naming the bank file and the question. HTML goes in CDATA,
as Moodle writes it itself.
"""

from __future__ import annotations

from fractions import Fraction
from html import escape

from lxml import etree

from ..content.bib import BibEntry
from ..errors import MedialitError, Problem
from ..quiz.errors import BankError, BankProblem
from ..quiz.schema import QuestionBase
from ..text.case import Document
from . import content, render
from .banks import ExportBank
from .mapping import target

# Moodle's grade list in percent (question/engine/bank.php, ensure_fraction_options_initialised).
_RAW = ["90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30", "25",
        "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5"]
MOODLE_GRADES = ["100", *_RAW, "0", *(f"-{g}" for g in reversed(_RAW)), "-100"]


class ExportError(MedialitError, ValueError):
    """A question the format cannot hold (for example a share not on Moodle's grade list)."""


def grade(share: Fraction) -> str:
    """A share of the question's mark (-1..1) as the percentage Moodle accepts, or an error."""
    for text in MOODLE_GRADES:
        if abs(float(text) - float(share) * 100) < 0.001:
            return text
    raise ExportError(f"{float(share) * 100:.5g}% is not on Moodle's list of grades")


def category_path(course: str, title: str) -> str:
    # Moodle splits category paths at "/", and reads "//" as a literal slash.
    return "$course$/top/" + "/".join(part.replace("/", "//") for part in (course, title))


def add_text(parent, tag: str, value: str, *, html: bool = True, **attrs):
    el = etree.SubElement(parent, tag, **({"format": "html"} if html else {}), **attrs)
    text = etree.SubElement(el, "text")
    text.text = etree.CDATA(value) if html and value else value
    return el


def add_field(parent, tag: str, value) -> None:
    etree.SubElement(parent, tag).text = str(value)


def combined_feedback(el, shownumcorrect: str | None = "") -> None:
    """Moodle's ``write_combined_feedback``: the three overall feedbacks (the kit has none: its
    feedback is per option and general) and ``shownumcorrect`` ("You have N correct")."""
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        add_text(el, tag, "")
    if shownumcorrect is not None:
        etree.SubElement(el, "shownumcorrect").text = shownumcorrect or None


def add_answer(parent, fraction: str, text: str, feedback: str = "", *, html: bool = True):
    ans = etree.SubElement(parent, "answer", fraction=fraction,
                           format="html" if html else "moodle_auto_format")
    t = etree.SubElement(ans, "text")
    t.text = etree.CDATA(text) if html and text else text
    add_text(ans, "feedback", feedback)
    return ans


def question_element(q: QuestionBase, document: Document, bib: dict[str, BibEntry]):
    kind = target(q.type, "moodle-xml").native
    el = etree.Element("question", type=kind)
    add_text(el, "name", f"{q.id}: {render.plain(q.prompt, document)}"[:250], html=False)
    add_text(el, "questiontext", content.question_html(q, document, "moodle-xml"))
    add_text(el, "generalfeedback", content.general_feedback_html(q, document, "moodle-xml", bib))
    add_field(el, "defaultgrade", "1.0000000")
    add_field(el, "penalty", "0.0000000")  # the kit lets a learner try again at no cost
    add_field(el, "hidden", "0")
    add_field(el, "idnumber", q.id)
    q.moodle_element(el, document)  # the type's own elements (its module)
    if not q.moodle_hints_in_text:  # else the type's export_question_html shows them
        for hint in q.hints:
            add_text(el, "hint", render.para(hint, document))
    return el


def choices(el, options: list[tuple[str, str, str]], single: bool) -> None:
    """``options``: (fraction, html, feedback html)."""
    add_field(el, "single", "true" if single else "false")
    add_field(el, "shuffleanswers", "false")  # the kit keeps the author's order
    add_field(el, "answernumbering", "abc")
    add_field(el, "showstandardinstruction", "1")
    # "You have N correct" helps only where several options are right.
    combined_feedback(el, shownumcorrect=None if single else "")
    for fraction, text, feedback in options:
        add_answer(el, fraction, text, feedback)


def click_phrase_grades(parts: list[content.Passage]) -> list[str]:
    """Each passage's Moodle grade: +1/k for each of the k key passages, -1/w for each of the
    w others (the rule of the kit's multiple-choice questions)."""
    keys = sum(p.key for p in parts)
    return shares([p.key for p in parts], f"{keys} key passage(s) and {len(parts) - keys} "
                                            "other passage(s)")


def shares(right: list[bool], what: str) -> list[str]:
    """+1/k for each right option, -1/w for each wrong one, as Moodle grades, or an error
    saying which share Moodle cannot hold."""
    keys = sum(right)
    shares = Fraction(1, keys), -Fraction(1, max(len(right) - keys, 1))
    try:
        return [grade(shares[0] if r else shares[1]) for r in right]
    except ExportError as exc:
        raise ExportError(f"{what} need shares of 1/{keys} and -1/{max(len(right) - keys, 1)} "
                          f"of the mark; {exc}") from None


def match(el, q, document) -> None:
    add_field(el, "shuffleanswers", "false")  # the kit keeps the left items in order
    combined_feedback(el)
    for row in content.rows_for(q, document, "moodle-xml"):
        sub = add_text(el, "subquestion", row.left_html)
        add_text(sub, "answer", row.right, html=False)
    for extra in content.distractors_for(q, document):
        sub = add_text(el, "subquestion", "")
        add_text(sub, "answer", extra, html=False)


def ordering(el, q, document) -> None:
    # RELATIVE_ALL_PREVIOUS_AND_NEXT counts, for every item, the items correctly before and
    # after it: 2 x (pairs in the right relative order) out of n(n-1), the kit's rule exactly.
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"),
                       ("selectcount", len(q.items)),
                       ("gradingtype", "RELATIVE_ALL_PREVIOUS_AND_NEXT"),
                       ("showgrading", "SHOW"), ("numberingstyle", "none")):
        add_field(el, tag, value)
    # Ordering writes the value, and its importer needs it: without <shownumcorrect> it makes
    # up two hints with no text and no format, which the database refuses (issue 12).
    combined_feedback(el, shownumcorrect="1")
    for position, item in enumerate(q.items, 1):
        ans = etree.SubElement(el, "answer", fraction=str(position), format="html")
        etree.SubElement(ans, "text").text = etree.CDATA(render.html(item, document))


def moodle_xml(banks: list[ExportBank], document: Document, bib: dict[str, BibEntry],
               course: str) -> bytes:
    """The whole export as Moodle XML bytes (UTF-8)."""
    quiz = etree.Element("quiz")
    problems: list[Problem] = []
    for eb in banks:
        quiz.append(etree.Comment(f" bank: {eb.bank.chapter} "))
        cat = etree.SubElement(quiz, "question", type="category")
        add_text(cat, "category", category_path(course, eb.title), html=False)
        add_text(cat, "info", f"<p>Questions of “{escape(eb.title)}” from the medialit kit "
                           f"({eb.bank.chapter}.yml).</p>")
        add_field(cat, "idnumber", "")  # as Moodle writes a category without one
        for q in eb.bank.questions:
            try:
                quiz.append(question_element(q, document, bib))
            except ExportError as exc:
                problems.append(BankProblem(str(eb.bank.path), eb.bank.lines.get(q.id), q.id,
                                            "answer", f"cannot be exported to Moodle: {exc}"))
    if problems:
        raise BankError(problems)
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)
