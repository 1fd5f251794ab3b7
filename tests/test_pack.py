"""Content packs: one manifest, validated on load, found the same way by every part of the
engine (the book's _config.yml, --pack, MEDIALIT_PACK, a pack.yml upwards, a bundled pack)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from medialit import pack as packs
from medialit.cli import main
from medialit.pack import PackError, find_pack, load_pack, using_pack

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TINY = HERE / "packs" / "tiny"


def test_the_tiny_pack_loads_with_its_text_layers_and_timeline():
    """A pack is its manifest's files: text (sha256 checked), declared layers, timeline."""
    tiny = load_pack(TINY)
    assert (tiny.name, tiny.title, tiny.text_noun) == ("tiny", "A Tiny Test Book", "report")
    document = tiny.document
    assert [p.label for p in document.all_paragraphs] == ["1", "2", "3", "byline"]
    assert tiny.layer_ids() == ("claims", "sources")
    assert [e.id for e in tiny.timeline().after()] == ["council-vote"]


def test_the_book_names_its_pack_and_the_practice_book_gets_its_own(monkeypatch):
    """The repository's book names the op-ed pack; the practice book (inside it) names its
    own, whatever MEDIALIT_PACK says."""
    assert find_pack(ROOT / "chapters").name == "oped-2024"
    assert find_pack(ROOT / "packs" / "practice" / "book" / "chapters").name == "practice"
    monkeypatch.setenv("MEDIALIT_PACK", str(TINY))
    assert find_pack(ROOT / "packs" / "practice" / "book").name == "practice"


def test_outside_any_book_the_environment_then_pack_yml_then_nothing(tmp_path, monkeypatch):
    """Outside a book: MEDIALIT_PACK, else the nearest pack.yml upwards, else a clear error."""
    monkeypatch.setenv("MEDIALIT_PACK", str(TINY))
    assert find_pack(tmp_path).name == "tiny"
    monkeypatch.delenv("MEDIALIT_PACK")
    copy = tmp_path / "mypack"
    shutil.copytree(TINY, copy)
    (copy / "deep").mkdir()
    assert find_pack(copy / "deep").root == copy.resolve()
    monkeypatch.setattr(packs, "bundled_packs", list)
    with pytest.raises(PackError, match="no content pack found from .*--pack DIR"):
        find_pack(tmp_path)


@pytest.mark.parametrize("edit, field, needle", [
    ("name: tiny", "name", "must be a slug"),
    ("schema_version: 1", "schema_version", "must be 1"),
    ("banks: questions", "bankz", "unknown field"),
    ("  noun: report", "text.nouns", "unknown field"),
    ("  noun: report", "text.variable", "must be a Python name"),
])
def test_a_bad_manifest_names_file_line_and_field(tmp_path, edit, field, needle):
    """A manifest error says which file, which line and which field, and what is wrong."""
    copy = tmp_path / "bad"
    shutil.copytree(TINY, copy)
    manifest = copy / "pack.yml"
    replacement = {"name": "name: Tiny Pack", "schema_version": "schema_version: 2",
                   "bankz": "bankz: questions", "text.nouns": "  nouns: report",
                   "text.variable": "  variable: class"}[field]
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(edit, replacement), encoding="utf-8")
    line = next(i for i, row in enumerate(manifest.read_text().splitlines(), 1)
                if row.startswith(replacement.split(":")[0]) or row.startswith(
                    "text:") and field.startswith("text."))
    with pytest.raises(PackError) as info:
        load_pack(copy)
    assert info.value.file == str(manifest) and info.value.field == field
    assert needle in str(info.value) and f"pack.yml:{line}:" in str(info.value)


def test_a_changed_text_is_refused(tmp_path):
    """The text is reproduced byte for byte: a pack whose text's sha256 is not its
    manifest's refuses to load it."""
    copy = tmp_path / "changed"
    shutil.copytree(TINY, copy)
    (copy / "text.txt").write_text("Another text.\n", encoding="utf-8")
    with pytest.raises(PackError, match="the text changed"):
        _ = load_pack(copy).document


def test_the_command_takes_pack(tmp_path):
    """`medialit --pack DIR show` shows that pack's text, and only for that command."""
    result = CliRunner().invoke(main, ["--pack", str(TINY), "show"])
    assert result.exit_code == 0, result.output
    assert "[2.2] Some residents say the cost, 4 million, is too high." in result.output
    again = CliRunner().invoke(main, ["show", "-p", "1"])
    assert "Engineers say" not in again.output
    bad = CliRunner().invoke(main, ["--pack", str(tmp_path), "show"])
    assert bad.exit_code == 2 and "no pack.yml here" in bad.output


def test_load_oped_is_an_alias_of_the_current_packs_text():
    """Notebooks written for the first case keep working: load_oped() is the current text."""
    from medialit.case import load_oped, load_text

    with using_pack(TINY):
        assert load_oped() is load_text() and load_oped().noun == "report"


def test_a_snapshot_spares_the_yaml_only_while_it_matches_its_pack_yml(tmp_path, monkeypatch):
    """A bundled pack's pack.snapshot.json is the validated manifest; an edited pack.yml is
    read (and checked) from its YAML again, and a pack.yml JSON cannot carry gets none."""
    copy = tmp_path / "snap"
    shutil.copytree(TINY, copy)
    assert packs.write_snapshot(copy) == copy / packs.SNAPSHOT_FILE
    expected = packs.read_manifest(copy / "pack.yml")

    def no_yaml(path):
        raise AssertionError(f"read {path} as YAML")

    monkeypatch.setattr(packs, "read_manifest", no_yaml)
    monkeypatch.setattr(packs, "_LOADED", {})
    loaded = load_pack(copy)
    assert (loaded.manifest, loaded._lines) == expected
    assert loaded.document.all_paragraphs[-1].label == "byline"
    monkeypatch.undo()
    manifest = copy / "pack.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("name: tiny", "name: Tiny"),
                        encoding="utf-8")
    monkeypatch.setattr(packs, "_LOADED", {})
    with pytest.raises(PackError, match="must be a slug"):  # the stale snapshot is not used
        load_pack(copy)
    dated = tmp_path / "dated"
    shutil.copytree(TINY, dated)
    text = (dated / "pack.yml").read_text(encoding="utf-8")
    (dated / "pack.yml").write_text(text.replace("metadata:\n", "metadata:\n  written: 2024-05-01\n"),
                                    encoding="utf-8")
    assert load_pack(dated).metadata["written"].year == 2024
    assert packs.write_snapshot(dated) is None and not (dated / packs.SNAPSHOT_FILE).exists()


def test_a_manifest_folder_is_placed_in_the_book_being_checked(tmp_path):
    """``in_book``: a folder in the pack's home book (the book naming it) is looked for at the
    same place in another book (a copy, a fixture); one inside the book checked, or outside any
    book naming the pack, is the manifest's own."""
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "_config.yml").write_text("title: a fixture\n", encoding="utf-8")
    oped = load_pack(root / "packs" / "oped-2024", book=tmp_path)  # found from a fixture book
    assert oped.home_book() == root
    assert oped.in_book("banks", tmp_path) == tmp_path / "chapters" / "questions"
    assert oped.in_book("banks", root) == root / "chapters" / "questions"
    practice = load_pack(root / "packs" / "practice", book=root / "packs" / "practice" / "book")
    book = root / "packs" / "practice" / "book"
    assert practice.in_book("banks", book) == book / "chapters" / "questions"
    assert practice.in_book("bibliography", book) == root / "packs" / "practice" / "references.bib"
    assert practice.in_book("masters", book) is None
