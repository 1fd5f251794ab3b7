"""Helpers for the export tests: the vendored validators and readers of the exported files.

``tests/schemas/README.md`` says where each schema comes from. Nothing here reaches the
network: the parser refuses it, and the one import the IMS CP schema makes (the W3C XML
namespace schema) is answered from the vendored copy.
"""

from __future__ import annotations

import zipfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

from medialit.export import export_banks
from medialit.export.banks import bank_paths

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parent / "schemas"
BANKS = ROOT / "chapters" / "questions"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"


class _VendoredSchemas(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url and url.endswith("/xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


@lru_cache(maxsize=1)
def qti_dtd() -> etree.DTD:
    return etree.DTD(str(SCHEMAS / "ims_qtiasiv1p2p1.dtd"))


@lru_cache(maxsize=1)
def cp_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_VendoredSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "imscp_v1p1.xsd"), parser))


def without_namespaces(root: etree._Element) -> etree._Element:
    """A copy with element names unqualified and namespaced attributes dropped.

    The QTI 1.2.1 DTD predates XML namespaces: it knows ``questestinterop``, not
    ``{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}questestinterop``, and has no declaration
    for ``xmlns`` or ``xsi:schemaLocation``. The content model checked is the same.
    """
    copy = etree.fromstring(etree.tostring(root))
    for el in copy.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = el.tag.split("}", 1)[1]
        for name in [a for a in el.attrib if a.startswith("{")]:
            del el.attrib[name]
    etree.cleanup_namespaces(copy)
    return copy


def qti_errors(data: bytes) -> list[str]:
    """What the IMS QTI 1.2.1 DTD finds wrong in one assessment file (empty: valid)."""
    dtd = qti_dtd()
    if dtd.validate(without_namespaces(etree.fromstring(data))):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log]


def cp_errors(data: bytes) -> list[str]:
    schema = cp_schema()
    if schema.validate(etree.fromstring(data)):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def export_kit(fmt: str, folder: Path) -> bytes:
    """Every bank of the kit exported in ``fmt`` into ``folder``; the file's bytes."""
    out = folder / ("kit.xml" if fmt == "moodle-xml" else "kit.zip")
    export_banks(fmt, bank_paths([], BANKS), out)
    return out.read_bytes()


def kit_questions() -> list:
    """Every question of the kit, in bank order."""
    from medialit.quiz.loader import load_banks

    return [question for bank in load_banks(BANKS) for question in bank.questions]


def qti_files(zip_bytes: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def q(tag: str) -> str:
    return f"{{{QTI_NS}}}{tag}"


def wide_click_phrase_bank(folder: Path, keys: int) -> Path:
    """``folder/wide.yml``: a true/false question, then a click-the-phrase question whose key
    is ``keys`` separate words of ¶2 (eleven need a Moodle grade of 1/11, not on its list)."""
    import re

    from medialit.case import load_oped
    from quizhelpers import write_bank

    oped = load_oped()
    text = oped.paragraph(2).text
    quotes, taken = [], []
    for word in dict.fromkeys(re.findall(r"[A-Za-z]{5,}", text)):
        at = text.find(word)
        if all(at >= end or at + len(word) <= start for start, end in taken):
            quotes.append(word)
            taken.append((at, at + len(word)))
        if len(quotes) == keys:
            break
    assert len(quotes) == keys
    answer = "".join(f"\n      - {word}" for word in quotes)
    return write_bank(folder, f"""\
schema_version: 1
chapter: wide
questions:
  - id: wide-q01
    type: true_false
    prompt: "A first question that exports."
    about: ["2.1"]
    answer: true
    feedback:
      true: "Yes."
      false: "No."
    explanation: "Yes (¶2.1)."
  - id: wide-q02
    type: click_phrase
    prompt: "Click every long word."
    about: ["2.1"]
    paragraph: 2
    answer:{answer}
    explanation: "They are long (¶2)."
""", name="wide")[0]
