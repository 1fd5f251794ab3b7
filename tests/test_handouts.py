"""medialit handouts: the printed op-ed is the op-ed, word for word; worksheets hold no key.

The PDFs are printed twice per session by the command itself (one Chromium each): once as an
instructor would (every set, one annotation layer, the answer keys) and once as anyone would
(one set, one layer, no --instructor, and a solutions/ folder that does not exist, which
proves the student run never reads it). The PDFs' text is read with pypdf. Text whose
baseline lies in the page's top or bottom margin is the running head and foot (drawn by
``@page`` margin boxes); everything else is the page's body.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from conftest import ROOT
from medialit.annotations import load_annotations
from medialit.atomic import write_atomic
from medialit.case import load_oped
from medialit.cli import main
from medialit.grading.master import load_master
from medialit.handouts.pages import BOOK_TITLE, NOTES_LABEL, book_line
from medialit.leaks import key_needles, normalise, public_text

CHROMIUM = os.environ.get("MEDIALIT_CHROMIUM", "/usr/bin/chromium")
SETS = sorted(p.stem for p in (ROOT / "exercises").glob("set-*.ipynb"))
STALE_KEY = "answer-key-set-a-framing.pdf"
LAYER = "claims"  # the layer the instructor run prints; the student run prints frames
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 20 * MM, 22 * MM  # print.css: @page { margin: 20mm … 22mm … }
A4 = (595, 842)  # points, rounded
# A paragraph number, a sentence number or an annotation marker, each a word of its own.
MARKER = re.compile(r"¶\d+|(?:\d+|byline)\.\d+|[A-Z]\d+")


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        message = f"headless Chromium not found at {CHROMIUM} (set MEDIALIT_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["handouts", "--book", str(ROOT), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def instructor_run(tmp_path_factory) -> tuple[Path, str]:
    _need_chromium()
    out = tmp_path_factory.mktemp("handouts-instructor")
    code, output = _run("--out", str(out), "--instructor", "--layer", LAYER,
                        "--exercises", str(ROOT / "exercises"),
                        "--solutions", str(ROOT / "solutions"))
    assert code == 0, output
    return out, output


@pytest.fixture(scope="module")
def student_run(tmp_path_factory) -> tuple[Path, str]:
    _need_chromium()
    out = tmp_path_factory.mktemp("handouts-student")
    (out / STALE_KEY).write_bytes(b"an answer key from an earlier --instructor run")
    code, output = _run("--out", str(out), "--layer", "frames", "--set", "a",
                        "--exercises", str(ROOT / "exercises"),
                        "--solutions", str(out / "no-such-folder"))
    assert code == 0, output
    return out, output


# -- reading a PDF ------------------------------------------------------------------------------

def page_texts(page) -> tuple[str, str]:
    """(body, margins) of one page. Whitespace goes to both: it only separates words."""
    height = float(page.mediabox.height)
    body: list[str] = []
    margins: list[str] = []

    def visit(text, cm, tm, font, size) -> None:
        if not text.strip():
            body.append(text)
            margins.append(text)
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        in_margin = y > height - TOP_MARGIN or y < BOTTOM_MARGIN
        (margins if in_margin else body).append(text)

    page.extract_text(visitor_text=visit)
    return "".join(body), "".join(margins)


def read_pdf(path: Path) -> tuple[list[str], list[str]]:
    reader = pypdf.PdfReader(path)
    parts = [page_texts(page) for page in reader.pages]
    return [b for b, _ in parts], [m for _, m in parts]


def tokens(text: str) -> list[str]:
    """Words and punctuation, each its own token; a marker is a token only when the PDF
    shows it as a word of its own. Line breaks and spacing do not matter; a split, hyphenated
    or ligatured word does (it comes out as other tokens)."""
    out: list[str] = []
    for chunk in text.split():
        out += [chunk] if MARKER.fullmatch(chunk) else re.findall(r"\w+|[^\w\s]", chunk)
    return out


def expected_oped(markers: dict[int, list[str]] | None = None) -> list[str]:
    """The op-ed as the handout prints it: ¶n before each paragraph, the sentence id before
    each sentence, and (annotated) each marker after the words it ends."""
    oped = load_oped()
    markers = markers or {}
    stream: list[str] = []
    for paragraph in (*oped.paragraphs, oped.byline):
        if paragraph.number:
            stream.append(f"¶{paragraph.number}")
        for sentence in paragraph.sentences:
            stream.append(sentence.id)
            cuts = sorted(o for o in markers if sentence.start < o <= sentence.end)
            lo = sentence.start
            for cut in cuts:
                stream += tokens(oped.text[lo:cut]) + markers[cut]
                lo = cut
            stream += tokens(oped.text[lo:sentence.end])
    return stream


def oped_run(stream: list[str], expected: list[str]) -> list[str]:
    """The stretch of ``stream`` that should be the op-ed: from its first ``¶1``."""
    assert "¶1" in stream, "no paragraph number ¶1 as a word of its own"
    start = stream.index("¶1")
    return stream[start:start + len(expected)]


def _words(stream: list[str]) -> list[str]:
    return [t for t in stream if not MARKER.fullmatch(t)]


# -- the op-ed ----------------------------------------------------------------------------------

def test_oped_pdf_is_the_oped_word_for_word_and_in_order(instructor_run):
    """Removing the running head and foot and exactly the ¶ and sentence numbers leaves the
    op-ed's words in order, and the numbers stand where the book puts them."""
    bodies, _ = read_pdf(instructor_run[0] / "oped.pdf")
    stream = tokens("\n".join(bodies))
    expected = expected_oped()
    printed = oped_run(stream, expected)
    assert _words(printed) == _words(expected)
    assert [t for t in printed if MARKER.fullmatch(t)] == [t for t in expected
                                                           if MARKER.fullmatch(t)]
    assert printed == expected
    assert stream[len(stream) - len(expected):] == expected, "text after the byline"
    assert _words(expected) == tokens(load_oped().text)  # the check covers every word


def test_oped_pdf_has_no_ligature_hyphenation_or_replacement_characters(instructor_run):
    text = "".join(read_pdf(instructor_run[0] / "oped.pdf")[0])
    assert not re.search("[\ufb00-\ufb06\u00ad\u2010\ufffd]", text)


def test_annotated_pdf_holds_the_oped_and_exactly_its_markers(instructor_run):
    annotations = load_annotations().in_layer(LAYER)
    letter = load_annotations().layer(LAYER).marker
    # markers are numbered in text order of the passages' ends (as medialit.oped_html does)
    numbered = sorted(annotations, key=lambda a: (a.end, a.start, a.id))
    markers: dict[int, list[str]] = {}
    for n, a in sorted(enumerate(numbered, 1), key=lambda na: (na[1].start, na[1].id)):
        markers.setdefault(a.end, []).append(f"{letter}{n}")
    bodies, _ = read_pdf(instructor_run[0] / f"oped-{LAYER}.pdf")
    stream = tokens("\n".join(bodies))
    expected = expected_oped(markers)
    printed = oped_run(stream, expected)
    assert _words(printed) == _words(expected_oped())
    assert printed == expected
    notes = stream[stream.index("¶1") + len(expected):]
    assert notes[:2] == ["Notes", ":"]
    # every note follows, in marker order
    note_markers = [t for t in notes if re.fullmatch(rf"{letter}\d+", t)]
    assert note_markers == [f"{letter}{n}" for n in range(1, len(annotations) + 1)]


def test_oped_pdf_front_matter_is_the_op_ed_pages_provenance_box(instructor_run):
    bodies, _ = read_pdf(instructor_run[0] / "oped.pdf")
    front = normalise(bodies[0].split("¶1 ")[0])
    for text in ("Where this text comes from", "Anar Jahangirli is a Lecturer on Public Policy",
                 "Don't disrupt COP29 with Nagorno-Karabakh", "aze.media",
                 "The kit has not confirmed where and when it first appeared",
                 "The National Interest"):
        assert text in front, text
    # a URL may break at any character: look for it with the line breaks taken out
    assert "https://aze.media/dont-disrupt-cop29-with-nagorno-karabakh/" in "".join(front.split())


def test_every_page_has_its_head_where_the_book_is_and_its_number(instructor_run):
    """And the op-ed's pages of text, only they, have the ruled margin's label."""
    out, _ = instructor_run
    heads = {h.filename: h.head for h in _plan(layers=[LAYER], instructor=True)}
    assert set(heads) == {p.name for p in out.glob("*.pdf")}
    for name, head in heads.items():
        bodies, margins = read_pdf(out / name)
        notes_from = next((i for i, body in enumerate(bodies, 1) if body.lstrip().startswith("Notes:")),
                          len(bodies) + 1)
        for number, margin in enumerate(margins, 1):
            flat = " ".join(margin.split())
            assert f"Page {number} of {len(margins)}" in flat, (name, number)
            assert " ".join(book_line().split()) in flat, (name, number)
            assert head in flat, (name, number)
            ruled = name.startswith("oped") and number < notes_from
            assert (NOTES_LABEL in flat) == ruled, (name, number)


# -- pages --------------------------------------------------------------------------------------

# Answer keys print every rubric level with its anchor answer: Set D's key, with two open
# questions (32 anchors), measured 18 pages on 2026-12-02.
PAGE_RANGES = {"oped": (2, 6), "oped-": (3, 10), "worksheet-": (3, 18), "answer-key-": (4, 20)}


def _range(name: str) -> tuple[int, int]:
    if name == "oped.pdf":
        return PAGE_RANGES["oped"]
    return next(r for prefix, r in PAGE_RANGES.items() if prefix != "oped"
                and name.startswith(prefix))


def test_page_counts_are_sane_and_pages_are_a4(instructor_run):
    """Measured 2026-11-25: op-ed 4 pages; layer claims 7 (4 of text, 3 of notes); worksheets
    6–10; answer keys 8–11. Measured 2026-12-02, with the analytic rubrics' anchors: answer keys
    11–18, worksheets 8–14; later that day Set D's worksheet 15 (q4 quotes five sentences of the
    practice case, q10's log has a line for the byline's institution); later still Set D's worksheet
    17 (q10's word cap rose from 450 to 650, and its ruled lines with it)."""
    out, output = instructor_run
    for pdf in sorted(out.glob("*.pdf")):
        reader = pypdf.PdfReader(pdf)
        low, high = _range(pdf.name)
        assert low <= len(reader.pages) <= high, (pdf.name, len(reader.pages))
        assert f"{pdf}  {len(reader.pages)} pages" in output
        for page in reader.pages:
            size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            assert size == A4, (pdf.name, size)


def test_the_instructor_run_writes_every_handout_and_nothing_else(instructor_run):
    out, output = instructor_run
    names = {p.name for p in out.iterdir()}
    assert names == ({"oped.pdf", f"oped-{LAYER}.pdf"} | {f"worksheet-{s}.pdf" for s in SETS}
                     | {f"answer-key-{s}.pdf" for s in SETS})
    assert "instructors only" not in output


# -- worksheets and the key ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def needles() -> dict[str, list]:
    by_set: dict[str, list] = {}
    for needle in key_needles(ROOT / "solutions", public_text(ROOT)):
        by_set.setdefault(needle.origin.split(" ")[0], []).append(needle)
    return by_set


def _compact(text: str) -> str:
    """Normalised (medialit.leaks) and without any whitespace: a line break in the PDF, even
    after a hyphen or inside a long code line, cannot hide a text."""
    return "".join(normalise(text).split())


def _pdf_compact(pdf: Path) -> str:
    bodies, _ = read_pdf(pdf)
    return _compact(" ".join(bodies))


def test_worksheets_hold_every_question_heading_and_no_key(instructor_run, needles):
    """No answer, feedback, explanation, rubric level, worked answer, hidden test or
    instructor note of the master is in any worksheet's text (medialit.leaks' needles)."""
    out, _ = instructor_run
    for stem in SETS:
        text = _pdf_compact(out / f"worksheet-{stem}.pdf")
        master = load_master(ROOT / "solutions" / f"{stem}.ipynb")
        assert _compact(master.title) in text
        prompts = [c.source for c in master.notebook.cells
                   if c.metadata.get("medialit", {}).get("role") == "prompt"]
        headings = [p.splitlines()[0].lstrip("# ") for p in prompts]
        assert len(headings) == len(master.questions)
        for heading in headings:
            assert _compact(heading) in text, (stem, heading)
        leaked = [n.origin for n in needles[master.set_id] if _compact(n.text) in text]
        assert leaked == [], f"worksheet-{stem}.pdf holds key text: {leaked}"


def test_the_answer_key_holds_the_keys_the_worksheet_check_looks_for(instructor_run, needles):
    """The same search finds the key texts in the answer key (so the worksheet check has
    teeth): every key text that medialit.answer_keys' Markdown or the master's instructor
    notes hold is in the PDF's text, and so is every question's explanation."""
    from medialit.answer_keys import set_key_markdown
    from medialit.grading.read_answers import cell_source

    out, _ = instructor_run
    for stem in SETS:
        text = _pdf_compact(out / f"answer-key-{stem}.pdf")
        master = load_master(ROOT / "solutions" / f"{stem}.ipynb")
        for question in master.questions:
            assert _compact(question.spec["explanation"]) in text, (stem, question.id)
        notes = [cell_source(c) for c in master.notebook.cells
                 if c.metadata.get("medialit", {}).get("role") == "instructor"]
        source = _compact(set_key_markdown(master) + "\n".join(notes))
        expected = [n for n in needles[master.set_id] if _compact(n.text) in source]
        missing = [n.origin for n in expected if _compact(n.text) not in text]
        assert missing == [], (stem, missing)
        assert len(expected) >= 0.85 * len(needles[master.set_id])
        assert _compact("Instructor only — do not hand out") in text


# -- without --instructor -----------------------------------------------------------------------

def test_without_instructor_no_answer_key_and_solutions_are_not_read(student_run):
    out, output = student_run
    assert {p.name for p in out.iterdir()} == {"oped.pdf", "oped-frames.pdf",
                                               "worksheet-set-a-framing.pdf", STALE_KEY}
    assert (out / STALE_KEY).read_bytes().startswith(b"an answer key from")  # untouched
    assert "answer key is for instructors only" in output
    assert len([line for line in output.splitlines() if line.endswith("pages")]) == 3


def test_a_folder_with_an_old_answer_key_gets_a_warning(student_run):
    _, output = student_run
    assert "still holds 1 answer key(s) from an earlier --instructor run" in output


# -- errors, before any PDF is written -------------------------------------------------------------

def test_a_missing_exercises_folder_is_named(tmp_path):
    code, output = _run("--out", str(tmp_path / "out"), "--exercises", str(tmp_path / "nope"))
    assert code == 2
    assert f"no exercises folder at {tmp_path / 'nope'}" in output
    assert "medialit release" in output and "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_a_bad_layer_name_is_named_with_the_layers(tmp_path):
    code, output = _run("--out", str(tmp_path), "--layer", "claims", "--layer", "tone",
                        "--exercises", str(ROOT / "exercises"))
    assert code == 2
    assert "unknown annotation layer 'tone'" in output
    assert "claims, frames, sources, loaded-terms, rhetoric" in output


def test_an_unknown_set_is_named_with_the_sets(tmp_path):
    code, output = _run("--out", str(tmp_path), "--set", "z",
                        "--exercises", str(ROOT / "exercises"))
    assert code == 2 and "no set 'z'" in output and "set-a-framing" in output


def test_instructor_without_solutions_is_named(tmp_path):
    code, output = _run("--out", str(tmp_path), "--instructor", "--set", "a",
                        "--exercises", str(ROOT / "exercises"),
                        "--solutions", str(tmp_path / "nope"))
    assert code == 2 and f"no solutions folder at {tmp_path / 'nope'}" in output


def test_missing_chromium_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_CHROMIUM", str(tmp_path / "no-chromium"))
    code, output = _run("--out", str(tmp_path / "out"), "--layer", "claims", "--set", "a",
                        "--exercises", str(ROOT / "exercises"))
    assert code == 2
    assert "headless Chromium not found" in output and "MEDIALIT_CHROMIUM" in output
    assert "apt-get install chromium" in output
    assert not (tmp_path / "out").exists()


# -- small parts ----------------------------------------------------------------------------------

def test_an_interrupted_write_leaves_no_pdf_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "oped.pdf"

    def fail(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"%PDF-1.4 ...")
    assert list(tmp_path.iterdir()) == []


def test_a_written_pdf_replaces_the_old_one_whole(tmp_path):
    target = tmp_path / "oped.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == ["oped.pdf"]


def test_book_title_is_the_books():
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert f'title: "{BOOK_TITLE}"' in config


# -- planning, without Chromium ---------------------------------------------------------------------

def _plan(**kwargs):
    from medialit.handouts import plan_handouts

    return plan_handouts(exercises=ROOT / "exercises", solutions=ROOT / "solutions", book=ROOT,
                         **kwargs)


def test_only_the_answer_keys_come_from_solutions():
    plain = _plan(layers=["sources"], sets=["b"])
    assert [h.name for h in plain] == ["oped", "oped-sources", "worksheet-set-b-sourcing"]
    assert not any(h.from_solutions for h in plain)
    keyed = _plan(layers=["sources"], sets=["b"], instructor=True)
    assert [h.name for h in keyed if h.from_solutions] == ["answer-key-set-b-sourcing"]


def test_an_annotated_page_shows_its_layer_and_every_note():
    (handout,) = [h for h in _plan(layers=["frames"], sets=["a"]) if h.name == "oped-frames"]
    frames = load_annotations().in_layer("frames")
    assert 'data-annotated="true" data-on="frames"' in handout.html
    assert handout.html.count('class="ann-endnote"') == len(frames)
    assert handout.html.count('class="ann-marker"') == len(frames)


def test_a_key_beside_a_stale_worksheet_is_refused(tmp_path):
    import shutil

    from medialit.handouts import HandoutError, plan_handouts

    exercises = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", exercises)
    stale = exercises / "set-a-framing.ipynb"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Question 1", "Question one"),
                     encoding="utf-8")
    with pytest.raises(HandoutError, match="out of sync with .*set-a-framing.ipynb.*medialit "
                                           "release"):
        plan_handouts(exercises=exercises, solutions=ROOT / "solutions", book=ROOT,
                      sets=["a"], layers=["claims"], instructor=True)


def test_the_provenance_box_names_a_role_print_cannot_show(tmp_path):
    from medialit.handouts.provenance import ProvenanceError, provenance_box

    page = tmp_path / "oped.md"
    page.write_text(":::{admonition} Where this text comes from\n:class: note\n\n"
                    "- See {doc}`glossary`.\n:::\n", encoding="utf-8")
    with pytest.raises(ProvenanceError, match=r"uses the role \{doc\}"):
        provenance_box(page, {})
    page.write_text("# The op-ed\n", encoding="utf-8")
    with pytest.raises(ProvenanceError, match="has no box “Where this text comes from”"):
        provenance_box(page, {})
    page.write_text(":::{admonition} Where this text comes from\n- {quote}`No international "
                    "body has characterised`\n:::\n", encoding="utf-8")
    with pytest.raises(ProvenanceError, match="quote not found verbatim"):
        provenance_box(page, {})
