"""Every exported Moodle question carries the elements Moodle 4.5's own export writes for its
type, and no element that export never writes: the element set of ``medialit export
--format moodle-xml`` against ``tests/golden/moodle45_elements.yml`` (read from Moodle's
source; the file says where). A missing element is what stopped a real Moodle 4.5.6 import
at the first ordering question (issue 12), so each type has its own test.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree
from ruamel.yaml import YAML

from export_support import export_kit, kit_questions
from medialit.export.mapping import MAPPING

GOLDEN = Path(__file__).resolve().parent / "golden" / "moodle45_elements.yml"
SPEC = YAML(typ="safe").load(GOLDEN.read_text(encoding="utf-8"))
TYPES = SPEC["types"]
QUESTIONS = {q.id: q for q in kit_questions()}


def element_paths(question: etree._Element) -> set[str]:
    """Every element and attribute under ``<question>``, as ``a/b`` and ``a/b@attr``."""
    paths = set()

    def walk(el, prefix: str) -> None:
        for child in el:
            if not isinstance(child.tag, str):  # comments
                continue
            path = f"{prefix}{child.tag}"
            paths.add(path)
            paths.update(f"{path}@{name}" for name in child.attrib)
            walk(child, f"{path}/")

    walk(question, "")
    return paths


def golden(kind: str) -> tuple[set[str], set[str], set[str]]:
    """(always, allowed, ignored on import) for a question type of the golden file."""
    spec = TYPES[kind]
    common = {"always": [], "when_set": []} if spec.get("no_common") else SPEC["common"]
    always = set(common["always"]) | set(spec["always"])
    allowed = always | set(common["when_set"]) | set(spec["when_set"])
    return always, allowed, set(spec.get("ignored_on_import", []))


def problems(question: etree._Element, kind: str) -> list[str]:
    """What is missing from, or foreign to, one exported question (empty: as Moodle writes)."""
    always, allowed, ignored = golden(kind)
    paths = element_paths(question)
    out = [f"missing {p}" for p in sorted(always - paths)]
    out += [f"not written by Moodle's export: {p}" for p in sorted(paths - allowed)]
    out += [f"dropped by Moodle's importer: {p}" for p in sorted(paths & ignored)]
    qid = question.findtext("idnumber")
    if kind not in ("category", "essay") and qid in QUESTIONS and QUESTIONS[qid].hints:
        out += [f"missing {p} (the question has hints)"
                for p in ("hint", "hint@format", "hint/text") if p not in paths]
    return out


@pytest.fixture(scope="module")
def by_type(tmp_path_factory) -> dict[str, list[etree._Element]]:
    root = etree.fromstring(export_kit("moodle-xml", tmp_path_factory.mktemp("elements")))
    grouped = defaultdict(list)
    for el in root.iter("question"):
        grouped[el.get("type")].append(el)
    return grouped


def test_the_golden_file_covers_every_type_the_kit_writes():
    """A new mapping needs its Moodle elements read and listed first."""
    written = {m.moodle.native for m in MAPPING.values()} | {"category"}
    assert written <= set(TYPES)
    assert all(TYPES[t]["type_attribute"] == t for t in TYPES)


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_each_question_has_the_elements_moodle_45_writes(kind, by_type):
    """Per Moodle type: every element its export always writes, none it never writes."""
    questions = by_type[kind]
    assert questions, f"the kit exports no {kind} question: the test would check nothing"
    found = {q.findtext("idnumber") or q.findtext("category/text"): problems(q, kind)
             for q in questions}
    assert {qid: p for qid, p in found.items() if p} == {}


def test_the_check_fails_when_an_element_goes_missing(by_type):
    """Dropping one element Moodle always writes, or adding one it never writes, is caught."""
    for kind in ("ordering", "multichoice", "essay", "matching", "numerical", "truefalse"):
        question = etree.fromstring(etree.tostring(by_type[kind][0]))
        assert problems(question, kind) == []
        gone = "shownumcorrect" if kind == "ordering" else "idnumber"
        question.remove(question.find(gone))
        assert f"missing {gone}" in problems(question, kind)
    essay = etree.fromstring(etree.tostring(by_type["essay"][0]))
    etree.SubElement(etree.SubElement(essay, "hint", format="html"), "text").text = "x"
    assert "dropped by Moodle's importer: hint" in problems(essay, "essay")
    etree.SubElement(essay, "usecase").text = "0"
    assert "not written by Moodle's export: usecase" in problems(essay, "essay")


def test_optional_elements_the_kit_chooses(by_type):
    """``shownumcorrect`` ("You have N correct") where several answers can be right; the
    ordering importer needs its value (without it, it makes up hints it cannot save)."""
    for el in by_type["multichoice"]:
        several = el.findtext("single") == "false"
        assert (el.find("shownumcorrect") is not None) == several, el.findtext("idnumber")
    assert all(el.find("shownumcorrect") is not None for el in by_type["matching"])
    assert {el.findtext("shownumcorrect") for el in by_type["ordering"]} == {"1"}
