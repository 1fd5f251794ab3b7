"""Canvas QTI: one IMS QTI 1.2 assessment per bank, zipped with an IMS CP ``imsmanifest.xml``.

Canvas imports such a zip (Settings → Import course content → "QTI .zip file") as one quiz
per assessment, its questions in a question bank of the same name. The item structure follows
Canvas's own QTI export (``lib/cc/qti/qti_items.rb`` in canvas-lms): ``question_type`` in the
item metadata, ``response1`` for choice questions, ``response_<id>`` per left-hand item of a
matching question, ``SCORE`` out of 100, and feedback identifiers Canvas reads back
(``general_fb`` for the explanation, ``<answer id>_fb`` per answer). Answer identifiers are
numbers because Canvas derives its match ids from the digits of an identifier. HTML goes in
``mattext`` as escaped text: Canvas's QTI converter reads markup inside it as text only.

What Canvas reads was checked against its importer, not a running Canvas: the zip converted
offline with instructure/QTIMigrationTool (the command Canvas runs) and the QTI 2.1 it makes
read against canvas-lms ``gems/plugins/qti_exporter/lib/qti/``; ``tests/test_export_qti.py``
holds the shapes those converters rely on (``docs/exports.md``, "What was checked, and how").
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..content.bib import BibEntry
from ..quiz.schema import QuestionBase
from ..text.case import Document
from . import content
from .banks import ExportBank
from .mapping import target

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_SCHEMA = f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP_SCHEMA = f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # fixed, so the same banks give the same bytes


def answer_ident(index: int) -> str:
    """Identifier of the index-th answer (0-based) of a question: a number, as Canvas wants."""
    return str(1000 + index)


def match_ident(index: int) -> str:
    return str(2000 + index)


def _q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, _q(tag), **attrs)
    if text is not None:
        el.text = text
    return el


def _material(parent, text: str, html: bool = True) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype="text/html" if html else "text/plain")


def _meta(item, fields: dict[str, str]) -> None:
    md = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in fields.items():
        field = _sub(md, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _condition(resp, *, continue_: str | None = None):
    attrs = {"continue": continue_} if continue_ else {}
    cond = _sub(resp, "respcondition", **attrs)
    return cond, _sub(cond, "conditionvar")


def _feedback_link(cond, ident: str) -> None:
    _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def _itemfeedback(item, ident: str, html: str) -> None:
    fb = _sub(item, "itemfeedback", ident=ident)
    _material(_sub(fb, "flow_mat"), html)


class _Item:
    """One ``<item>`` being built: presentation, response processing, feedback."""

    def __init__(self, parent, q: QuestionBase, document: Document, bib: dict[str, BibEntry]):
        self.q, self.document = q, document
        self.native = target(q.type, "qti").native
        self.el = _sub(parent, "item", ident=q.id, title=q.id)
        self.answer_ids: list[str] = []
        self.feedback: dict[str, str] = {}  # ident -> HTML
        self.general = content.general_feedback_html(q, document, "qti", bib)
        self.pres = _sub(self.el, "presentation")
        _material(self.pres, content.question_html(q, document, "qti"))
        self.resp = _sub(self.el, "resprocessing")
        outcomes = _sub(self.resp, "outcomes")
        _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE",
             vartype="Decimal")
        cond, var = _condition(self.resp, continue_="Yes")
        _sub(var, "other")
        _feedback_link(cond, "general_fb")

    def finish(self) -> None:
        # The metadata comes first in an item but lists the answer ids, known only now.
        holder = etree.Element("holder")
        _meta(holder, {"question_type": self.native, "points_possible": "1.0",
                       "original_answer_ids": ",".join(self.answer_ids)})
        self.el.insert(0, holder[0])
        _itemfeedback(self.el, "general_fb", self.general)
        for ident, html in self.feedback.items():
            _itemfeedback(self.el, ident, html)

    # -- choices ---------------------------------------------------------------------------
    def choices(self, options: list[tuple[str, bool, str]], multiple: bool) -> None:
        """``options``: (HTML, is right, feedback HTML)."""
        lid = _sub(self.pres, "response_lid", ident="response1",
                   rcardinality="Multiple" if multiple else "Single")
        render_choice = _sub(lid, "render_choice")
        for i, (html, _, feedback) in enumerate(options):
            ident = answer_ident(i)
            self.answer_ids.append(ident)
            _material(_sub(render_choice, "response_label", ident=ident), html)
            if feedback:
                cond, var = _condition(self.resp, continue_="Yes")
                _sub(var, "varequal", ident, respident="response1")
                _feedback_link(cond, f"{ident}_fb")
                self.feedback[f"{ident}_fb"] = feedback
        cond, var = _condition(self.resp, continue_="No")
        if multiple:
            both = _sub(var, "and")
            for i, (_, right, _) in enumerate(options):
                holder = both if right else _sub(both, "not")
                _sub(holder, "varequal", answer_ident(i), respident="response1")
        else:
            key = next(i for i, (_, r, _) in enumerate(options) if r)
            _sub(var, "varequal", answer_ident(key), respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")

    # -- matching --------------------------------------------------------------------------
    def matching(self, rows: list[content.Row], matches: list[str]) -> None:
        """``matches``: every right-hand choice once, in the order offered (distractors too)."""
        share = f"{100 / len(rows):.2f}"
        for i, row in enumerate(rows):
            ident = answer_ident(i)
            self.answer_ids.append(ident)
            lid = _sub(self.pres, "response_lid", ident=f"response_{ident}")
            _material(lid, row.left_html)
            render_choice = _sub(lid, "render_choice")
            for m, text in enumerate(matches):
                _material(_sub(render_choice, "response_label", ident=match_ident(m)), text,
                          html=False)
            cond, var = _condition(self.resp)
            _sub(var, "varequal", match_ident(matches.index(row.right)),
                 respident=f"response_{ident}")
            _sub(cond, "setvar", share, action="Add", varname="SCORE")
            if row.feedback:
                cond, var = _condition(self.resp)
                _sub(_sub(var, "not"), "varequal", match_ident(matches.index(row.right)),
                     respident=f"response_{ident}")
                _feedback_link(cond, f"{ident}_fb")
                self.feedback[f"{ident}_fb"] = row.feedback

    # -- typed answers ---------------------------------------------------------------------
    def numerical(self, answer: float, tolerance: float) -> None:
        """An exact answer with a margin, in the one shape Canvas's importer reads as an
        answer (``Qti::NumericInteraction#get_canvas_answers``): ``or`` of the exact value and
        ``and`` of the bounds, even when the margin is 0. A bare ``varequal`` imports as a
        numerical question with no answer at all."""
        _sub(_sub(_sub(self.pres, "response_str", ident="response1", rcardinality="Single"),
                  "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        cond, var = _condition(self.resp, continue_="No")
        either = _sub(var, "or")
        _sub(either, "varequal", content.number_text(answer), respident="response1")
        both = _sub(either, "and")
        low, high = answer - tolerance, answer + tolerance
        _sub(both, "vargte", content.number_text(low), respident="response1")
        _sub(both, "varlte", content.number_text(high), respident="response1")
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")

    def essay(self) -> None:
        _sub(_sub(_sub(self.pres, "response_str", ident="response1", rcardinality="Single"),
                  "render_fib"), "response_label", ident="answer1", rshuffle="No")
        _, var = _condition(self.resp, continue_="No")
        _sub(var, "other")


def item_element(parent, q: QuestionBase, document: Document, bib: dict[str, BibEntry]) -> None:
    item = _Item(parent, q, document, bib)
    q.qti_item(item, document)  # the type's own presentation and scoring (its module)
    item.finish()


def assessment_xml(eb: ExportBank, document: Document, bib: dict[str, BibEntry]) -> bytes:
    root = etree.Element(_q("questestinterop"), nsmap={None: QTI_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", QTI_SCHEMA)
    assessment = _sub(root, "assessment", ident=assessment_ident(eb), title=eb.title)
    md = _sub(assessment, "qtimetadata")
    field = _sub(md, "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    for q in eb.bank.questions:
        item_element(section, q, document, bib)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def assessment_ident(eb: ExportBank) -> str:
    return f"medialit-{eb.bank.chapter}"


def manifest_xml(banks: list[ExportBank]) -> bytes:
    def cp(tag: str) -> str:
        return f"{{{CP_NS}}}{tag}"

    root = etree.Element(cp("manifest"), nsmap={None: CP_NS, "xsi": XSI},
                         identifier="medialit-question-banks")
    root.set(f"{{{XSI}}}schemaLocation", CP_SCHEMA)
    md = etree.SubElement(root, cp("metadata"))
    etree.SubElement(md, cp("schema")).text = "IMS Content"
    etree.SubElement(md, cp("schemaversion")).text = "1.1.3"
    etree.SubElement(root, cp("organizations"))
    resources = etree.SubElement(root, cp("resources"))
    for eb in banks:
        href = assessment_path(eb)
        res = etree.SubElement(resources, cp("resource"), identifier=assessment_ident(eb),
                               type="imsqti_xmlv1p2", href=href)
        etree.SubElement(res, cp("file"), href=href)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def assessment_path(eb: ExportBank) -> str:
    ident = assessment_ident(eb)
    return f"{ident}/{ident}.xml"


def qti_zip(banks: list[ExportBank], document: Document, bib: dict[str, BibEntry]) -> bytes:
    """The zip Canvas imports: ``imsmanifest.xml`` and one assessment file per bank."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        files = [("imsmanifest.xml", manifest_xml(banks))]
        files += [(assessment_path(eb), assessment_xml(eb, document, bib)) for eb in banks]
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()
