"""The practice pack (fiction written for the kit): its text verbatim, its devices marked in
every layer, its bank, timeline, terms and invented sources valid; its book builds with the
same engine (-W); the main book's chapters never use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from medialit.bib import read_bib
from medialit.pack import load_pack, using_pack
from medialit.quiz.loader import load_bank
from medialit.voice import load_terms

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "packs" / "practice"


@pytest.fixture(scope="module")
def practice():
    return load_pack(PRACTICE)


def test_every_paragraph_and_layer_is_annotated(practice):
    """The planted devices are marked: each of ¶1–¶9 and the byline has an annotation, and
    every declared layer is used."""
    annotations = practice.annotations()
    assert {a.paragraph for a in annotations} == {*map(str, range(1, 10)), "byline"}
    assert {a.layer for a in annotations} == set(practice.layer_ids())
    labels = {a.label for a in annotations}
    assert {"quote without its context", "number with a changed base", "scope change",
            "booster", "agentless passive", "partial quotation"} <= labels


def test_notes_that_check_a_claim_cite_an_invented_source_that_says_so(practice):
    """A note quoting a source cites it; every cited key is an invented document of
    sources.yml, and its bibliography entry says it is fiction."""
    sources = {s.id: s for s in practice.sources()}
    bib = read_bib(PRACTICE / "references.bib")
    assert set(bib) == set(sources)
    assert all("Fiction" in entry.note for entry in bib.values())
    cited = {key for a in practice.annotations() for key in a.cite}
    assert cited and cited <= set(sources)


def test_the_quoted_source_words_are_in_the_invented_documents(practice):
    """The notes' quotations of the Commission report and the delegation are exact."""
    sources = {s.id: s.plain_text for s in practice.sources()}
    assert "oblige each Party to notify and consult" in sources["commission_report2019"]
    assert "did not receive any reports of deliberate harm to downstream users" in \
        sources["iwf_delegation2024"]


def test_both_governments_words_are_contested_terms(practice):
    terms = load_terms(practice.path("contested_terms"))
    assert {"water theft", "drought by design", "agitators", "provocations"} <= set(terms)


def test_the_bank_loads_against_the_practice_text_with_several_types(practice):
    with using_pack(practice):
        bank = load_bank(practice.path("banks") / "selka.yml",
                         bib=PRACTICE / "references.bib")
    assert len({q.type_name for q in bank.questions}) >= 6


def test_the_timeline_is_the_invented_events(practice):
    with using_pack(practice):
        timeline = practice.timeline()
    assert next(e.start.year for e in timeline.events) == 1962 and not timeline.after()


# The assessment, which alone may use the practice case: the pre-check and post-check (banks
# and pages). The graded sets' student notebooks in exercises/ are assessment too.
ASSESSMENT = ("chapters/questions/precheck.yml", "chapters/questions/postcheck.yml",
              "chapters/precheck.md", "chapters/postcheck.md")
# Names only the practice case uses: its two countries and its river.
PRACTICE_WORDS = ("Osterlund", "Merovan", "Selka")


def test_the_practice_words_are_the_practice_texts_own():
    """The guard below looks for names the practice text really uses (not a stale list)."""
    text = (PRACTICE / "text.txt").read_text(encoding="utf-8")
    assert all(word in text for word in PRACTICE_WORDS)


def test_the_main_book_teaches_nothing_on_the_practice_case():
    """The unseen text stays unseen. No chapter bank has a question on it (``material:
    practice``): the chapters teach on the op-ed and on sourced excerpts of real texts. No page,
    notebook, bank or instructor file names it. Only the assessment uses it: the pre-check and
    post-check (parallel forms on unseen material) and the graded sets (their transfer items,
    issue 14: the masters in solutions/ and their student copies in exercises/)."""
    for bank in sorted((ROOT / "chapters" / "questions").glob("*.yml")):
        if bank.relative_to(ROOT).as_posix() in ASSESSMENT:
            continue
        data = YAML(typ="safe").load(bank.read_text(encoding="utf-8"))
        on_practice = [q["id"] for q in data["questions"] if q.get("material") == "practice"]
        assert on_practice == [], f"{bank.name}: questions on the practice case {on_practice}"
    words = PRACTICE_WORDS
    for folder in ("chapters", "exercises", "instructor"):
        for path in (ROOT / folder).rglob("*"):
            if path.relative_to(ROOT).as_posix() in ASSESSMENT or "_build" in path.parts:
                continue
            if path.is_file() and path.suffix in (".md", ".ipynb", ".yml"):
                if path.suffix == ".ipynb" and folder == "exercises":
                    continue  # the graded sets' student copies: assessment
                text = path.read_text(encoding="utf-8")
                found = [w for w in words if w in text]
                assert not found, f"{path.relative_to(ROOT)} names the practice case: {found}"


@pytest.mark.build
def test_the_practice_book_builds_with_the_same_engine(tmp_path):
    """jupyter-book build packs/practice/book -W: zero warnings, the text, the invented
    sources marked as fiction, the quiz."""
    env = {k: v for k, v in os.environ.items() if k != "MEDIALIT_PACK"}
    out = tmp_path / "out"
    jb = str(Path(sys.executable).with_name("jupyter-book"))
    build = subprocess.run([jb, "build", str(PRACTICE / "book"), "-W", "--builder", "html",
                            "--path-output", str(out)], env=env, capture_output=True,
                           text=True, check=False, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    html = out / "_build" / "html" / "chapters"
    assert 'id="p6-s3"' in (html / "text.html").read_text(encoding="utf-8")
    sources = (html / "sources.html").read_text(encoding="utf-8")
    assert sources.count("Invented document") == 9 and "Fiction" in sources
    assert (html / "practice.html").read_text(encoding="utf-8").count('class="mlq-question"') == 8


def test_a_master_on_the_practice_pack_releases_with_nothing_of_the_oped(practice, tmp_path):
    """The released set-up cell loads the pack's text under the pack's own name for it
    (``text.variable``, default ``document``): a set on another case names nothing of the
    first one (no ``load_oped``, no ``oped``)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from medialit.grading.master import load_master
    from medialit.grading.release import release_bytes

    bank = YAML(typ="safe").load((PRACTICE / "book" / "chapters" / "questions" / "selka.yml")
                                 .read_text(encoding="utf-8"))
    spec = {**next(q for q in bank["questions"] if q["type"] == "single_choice"), "points": 2}
    answer = new_code_cell(f"q1 = {spec['answer']!r}")
    answer.metadata["medialit"] = {"role": "answer", "question": "q1",
                                   "spec": {**spec, "id": "q1"}}
    setup = new_code_cell("from medialit.case import load_text\n\nTEXT = load_text()")
    setup.metadata["medialit"] = {"role": "setup"}
    nb = new_notebook(cells=[new_markdown_cell("# Set P: the Selka River"), setup, answer])
    nb.metadata["medialit"] = {"set": "set-p-practice", "title": "Set P"}
    path = tmp_path / "solutions" / "set-p-practice.ipynb"
    path.parent.mkdir()
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    with using_pack(practice):
        released = release_bytes(load_master(path)).decode("utf-8")
    assert "oped" not in released.lower()
    checker = next(c for c in nbformat.reads(released, as_version=4).cells
                   if c.metadata.get("medialit", {}).get("role") == "checker")
    assert "from medialit.case import load_text\n" in checker.source
    assert "\ndocument = load_text()\n" in checker.source


def test_the_directives_check_citations_against_the_packs_bibliography(practice):
    """The practice book keeps no references.bib of its own: its pack's bibliography (beside
    pack.yml) is the one the text, table, timeline and corrections directives read; the kit's
    book still gets its top-level references.bib (its pack's ``bibliography``)."""
    from types import SimpleNamespace

    from medialit.sphinxext.directives import _bib_path

    book = PRACTICE / "book"
    assert not (book / "references.bib").exists()
    with using_pack(practice):
        assert _bib_path(SimpleNamespace(env=SimpleNamespace(srcdir=str(book)))) == \
            PRACTICE / "references.bib"
    from medialit.sphinxext.config import pack_bib

    with using_pack(practice):
        assert pack_bib(book) == PRACTICE / "references.bib"
    with using_pack(ROOT / "packs" / "oped-2024"):
        assert pack_bib(ROOT) == ROOT / "references.bib"


def test_medialit_check_counts_the_packs_bibliography():
    """``medialit check`` on the practice book reads the pack's references.bib (beside
    pack.yml), the one its directives read, not a references.bib the book does not have."""
    proc = subprocess.run([sys.executable, "-m", "medialit.cli", "check", "--no-figures"],
                          cwd=PRACTICE / "book", capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    entries = len(read_bib(PRACTICE / "references.bib"))
    assert entries > 0 and f"sources: {entries} entries in references.bib" in proc.stdout
