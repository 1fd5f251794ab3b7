"""The grading commands, hub links, the reference check, the leak check, the alternative
assignment, ``Quiz.from_bank`` and the Gradescope zip take their folders from the content pack
(or from the book the command stands in), not from the kit's layout: they run here on the tiny
synthetic pack, whose banks are in ``quizzes/``, masters in ``graded/``, released notebooks in
``handed-out/`` and alternative assignment in ``course/alt.yml``, and whose ``_toc.yml`` lists
a page in ``lessons/``."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit import pack as packs
from medialit.pack import ContentPack, load_pack, using_pack
from pack_support import make_tiny

ROOT = Path(__file__).resolve().parents[1]
HUB, REPO = "https://hub.example.edu", "https://github.com/example/tiny-kit"
BAD_REFERENCE = "See {sentence}`9.9`."  # the tiny text has two paragraphs


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reread(book: Path) -> ContentPack:
    """The tiny pack as its manifest now reads, also for the commands that find it from the
    book (``load_pack`` caches the first reading)."""
    manifest = str((book / "pack" / "pack.yml").resolve())
    for key in [key for key in packs._LOADED if key[0] == manifest]:
        del packs._LOADED[key]
    return load_pack(book / "pack", book=book)


@pytest.fixture()
def tiny(tmp_path: Path) -> tuple[Path, ContentPack]:
    """The tiny pack declaring its released notebooks (``handed-out/``) and its alternative
    assignment (``course/alt.yml``); its book lists a page kept in ``lessons/``."""
    book, _ = make_tiny(tmp_path)
    _edit(book / "pack" / "pack.yml", "masters: ../graded\n",
          "masters: ../graded\nexercises: ../handed-out\nalternative: ../course/alt.yml\n")
    _edit(book / "_toc.yml", "  - file: chapters/practice\n",
          "  - file: chapters/practice\n  - file: lessons/extra\n")
    (book / "lessons").mkdir()
    (book / "lessons" / "extra.md").write_text(f"# Extra\n\n{BAD_REFERENCE}\n", encoding="utf-8")
    return book, reread(book)


def _release(book: Path, monkeypatch) -> Path:
    from medialit.cli import main

    monkeypatch.chdir(book)
    result = CliRunner().invoke(main, ["release"])
    assert result.exit_code == 0, result.output
    return book / "handed-out" / "set-a-starter.ipynb"


# -- the grading commands (medialit.cli.grading) -------------------------------------------------

def test_release_reads_the_packs_masters_and_writes_its_exercises(tiny, monkeypatch):
    book, _ = tiny
    released = _release(book, monkeypatch)
    assert released.is_file() and not (book / "exercises").exists()
    assert "q1 = True" not in released.read_text(encoding="utf-8")  # the key stays in graded/
    from medialit.cli import main

    result = CliRunner().invoke(main, ["release", "--check"])
    assert result.output == "handed-out/ is up to date\n"
    meta = json.loads(released.read_text(encoding="utf-8"))["metadata"]["medialit"]
    assert meta["released_from"] == "graded/set-a-starter.ipynb"  # as the book names it


def test_release_of_a_pack_declaring_no_exercises_says_so(tiny, monkeypatch):
    from medialit.cli import main

    book, _ = tiny
    _edit(book / "pack" / "pack.yml", "exercises: ../handed-out\n", "")
    monkeypatch.chdir(book)
    with using_pack(reread(book)):
        result = CliRunner().invoke(main, ["release"])
    assert result.exit_code != 0
    assert "declares no 'exercises': give --exercises" in result.output


def test_gradescope_and_leak_check_find_the_set_in_the_packs_masters(tiny, monkeypatch):
    from medialit.cli import main

    book, _ = tiny
    _release(book, monkeypatch)
    result = CliRunner().invoke(main, ["gradescope", "a", "--out", str(book / "a.zip")])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(book / "a.zip") as zf:
        assert "set-a-starter.ipynb" in zf.namelist()
    result = CliRunner().invoke(main, ["leak-check"])
    assert result.exit_code == 0, result.output
    assert "handed-out" in result.output  # the released notebooks were scanned


# -- hub links (medialit.launch) -----------------------------------------------------------------

def test_launch_links_default_to_the_packs_released_notebooks(tiny, monkeypatch):
    from medialit.launch import launch_links

    book, pack = tiny
    _release(book, monkeypatch)
    shutil.copy(book / "handed-out" / "set-a-starter.ipynb", book / "lessons" / "walk.ipynb")
    with using_pack(pack):
        links = launch_links(HUB, REPO, root=book, chapters=True)
    assert [link.path for link in links] == ["handed-out/set-a-starter.ipynb",
                                             "lessons/walk.ipynb"]


# -- the reference check (medialit.checks.refcheck) ----------------------------------------------

def test_the_reference_check_reads_the_pages_the_toc_and_the_pack_place(tiny, monkeypatch):
    from medialit.checks.refcheck import page_files, scan_tree

    book, pack = tiny
    _release(book, monkeypatch)
    released = book / "handed-out" / "set-a-starter.ipynb"
    nb = json.loads(released.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = BAD_REFERENCE
    released.write_text(json.dumps(nb), encoding="utf-8")
    with using_pack(pack):
        pages = {p.relative_to(book).as_posix() for p in page_files(book)}
        bad = {Path(b.where.split(" (cell")[0]).relative_to(book).as_posix()
               for b in scan_tree(book)}
    assert {"intro.md", "chapters/text.md", "lessons/extra.md",
            "handed-out/set-a-starter.ipynb"} <= pages
    assert bad == {"lessons/extra.md", "handed-out/set-a-starter.ipynb"}


# -- the leak check's public sources (medialit.grading.leaks) ------------------------------------

def test_public_text_is_the_packs_banks_and_bibliography_not_its_released_notebooks(
        tiny, monkeypatch):
    from medialit.grading.leaks import normalise, public_text

    book, pack = tiny
    released = _release(book, monkeypatch)
    nb = json.loads(released.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = "A sentence only the released notebook holds."
    released.write_text(json.dumps(nb), encoding="utf-8")
    prompt = "The first sentence of the text is sentence 1.1."
    assert prompt in (book / "quizzes" / "practice.yml").read_text(encoding="utf-8")
    with using_pack(pack):
        public = public_text(book)
    assert normalise("Fiction written for a test.") in public  # pack/sources.bib
    assert normalise(prompt) in public                         # quizzes/practice.yml
    assert "Extra" in public                                   # lessons/, from the toc
    assert "only the released notebook holds" not in public


# -- the alternative assignment (medialit.content.alternative) ----------------------------------

def test_the_alternative_assignment_is_the_one_the_pack_declares(tiny, tmp_path):
    from medialit.content.alternative import default_path
    from medialit.pack import PackError

    book, pack = tiny
    with using_pack(pack):
        assert default_path(book) == (book / "course" / "alt.yml").resolve()
        other = tmp_path / "copy"
        assert default_path(other) == other.resolve() / "course" / "alt.yml"
    _edit(book / "pack" / "pack.yml", "alternative: ../course/alt.yml\n", "")
    with using_pack(reread(book)), pytest.raises(PackError, match="declares no alternative"):
        default_path(book)


def test_the_kits_alternative_assignment_is_where_it_was():
    from medialit.content.alternative import default_path
    from medialit.pack import load_pack

    pack = load_pack(ROOT / "packs" / "oped-2024", book=ROOT)
    assert default_path(ROOT, pack) == ROOT / "chapters" / "alternative-assignment.yml"


# -- Quiz.from_bank (medialit.quiz.display) -----------------------------------------------------

def test_from_bank_finds_the_bank_in_the_packs_banks_folder(tiny, monkeypatch):
    from medialit.quiz import Quiz, find_bank

    book, pack = tiny
    monkeypatch.chdir(book / "chapters")
    with using_pack(pack):
        assert find_bank("practice") == (book / "quizzes" / "practice.yml").resolve()
        assert len(Quiz.from_bank("practice")) == 1
        with pytest.raises(FileNotFoundError, match="no nope.yml in the pack's banks folder"):
            find_bank("nope")


# -- the Gradescope zip (medialit.grading.gradescope) -------------------------------------------

def test_a_master_outside_any_book_bundles_the_current_packs_book(tiny, tmp_path):
    from medialit.grading.gradescope import build_autograder

    book, pack = tiny
    loose = tmp_path / "loose"
    loose.mkdir()
    master = shutil.copy(book / "graded" / "set-a-starter.ipynb", loose)
    with using_pack(pack):
        target = build_autograder(Path(master), tmp_path / "a.zip")
    with zipfile.ZipFile(target) as zf:
        names = set(zf.namelist())
    assert "src/medialit/bundled_packs/a-tiny-case/pack.yml" in names
    assert not any(name.startswith("src/medialit/bundled_packs/oped-2024/") for name in names)


# -- the live notebooks (medialit.lite.notebooks) -----------------------------------------------

def test_the_live_site_carries_the_toc_folders_and_the_released_notebooks_never_the_masters(
        tiny, monkeypatch):
    from medialit.lite.notebooks import is_live, notebook_globs
    from medialit.lite.site import book_notebooks

    book, pack = tiny
    _release(book, monkeypatch)
    shutil.copy(book / "handed-out" / "set-a-starter.ipynb", book / "lessons" / "walk.ipynb")
    _edit(book / "_toc.yml", "  - file: lessons/extra\n",
          "  - file: lessons/extra\n  - file: graded/set-a-starter\n")
    with using_pack(pack):
        assert notebook_globs(book) == ("chapters/*.ipynb", "lessons/*.ipynb",
                                        "handed-out/*.ipynb")
        assert [p.relative_to(book).as_posix() for p in book_notebooks(book)] == [
            "handed-out/set-a-starter.ipynb", "lessons/walk.ipynb"]
        assert is_live("handed-out/set-a-starter.ipynb", book)
        assert not is_live("graded/set-a-starter.ipynb", book)


# -- the worksheets' paper note (medialit.handouts.worksheets) ----------------------------------

def test_a_worksheet_names_the_released_notebook_where_the_book_keeps_it(tiny, monkeypatch):
    from medialit.handouts.worksheets import paper_note, read_worksheet

    book, pack = tiny
    released = _release(book, monkeypatch)
    with using_pack(pack):
        note = paper_note(read_worksheet(released))
    assert "<code>handed-out/set-a-starter.ipynb</code>" in note


# -- the text's sources link (medialit.sphinxext.directives) and the handouts' text page --------

def test_the_sources_link_goes_to_the_books_bibliography_page_wherever_it_is():
    from medialit.sphinxext.directives import bibliography_doc

    assert bibliography_doc({"intro", "lessons/text", "reference/bibliography"}) == \
        "reference/bibliography"
    assert bibliography_doc({"intro", "chapters/bibliography"}) == "chapters/bibliography"
    assert bibliography_doc({"intro", "chapters/sources"}) is None


def test_the_handouts_name_the_packs_text_page_and_refuse_to_guess_one(tiny):
    from medialit.handouts.pages import text_page
    from medialit.pack import PackError

    book, _ = tiny
    _edit(book / "pack" / "pack.yml", "  page: chapters/text\n", "  page: lessons/the-text\n")
    with using_pack(reread(book)):
        assert text_page() == "lessons/the-text.html"
    _edit(book / "pack" / "pack.yml", "  page: lessons/the-text\n", "")
    with using_pack(reread(book)), pytest.raises(PackError, match="names no text page"):
        text_page()
