"""A tiny synthetic content pack for the engine's tests: a `medialit new-case` book whose pack
keeps its banks, masters and bibliography where the kit's own never are."""

from __future__ import annotations

from pathlib import Path

from medialit.pack import ContentPack, load_pack, read_manifest

TEXT = "The mayor said the park will open in May. Critics disagree.\n\nThe council denies it.\n"
BIB = """@misc{council_minutes2026,
  author = {{An Invented Council}},
  title = {{Minutes of an invented meeting}},
  year = {2026},
  note = {Fiction written for a test.},
  status = {primary},
  checked = {2026-12-02},
}
"""


def reread(book: Path) -> ContentPack:
    """The tiny pack as its manifest now reads (load_pack caches the first reading)."""
    data, lines = read_manifest(book / "pack" / "pack.yml")
    return ContentPack((book / "pack").resolve(), data, book=book.resolve(), lines=lines)


def make_tiny(tmp_path: Path) -> tuple[Path, ContentPack]:
    """A `medialit new-case` book whose pack keeps its banks in quizzes/, its masters in graded/
    and its bibliography in pack/sources.bib; the one bank question cites the one entry."""
    from medialit.scaffold import new_case

    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    book = tmp_path / "book"
    new_case(book, tmp_path / "t.txt", "A Tiny Case")
    (book / "chapters" / "questions").rename(book / "quizzes")
    (book / "solutions").rename(book / "graded")
    (book / "references.bib").unlink()
    (book / "pack" / "sources.bib").write_text(BIB, encoding="utf-8")
    bank = book / "quizzes" / "practice.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace(
        "    answer: true\n", "    answer: true\n    cite: [council_minutes2026]\n"),
        encoding="utf-8")
    manifest = book / "pack" / "pack.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8")
                        .replace("bibliography: ../references.bib", "bibliography: sources.bib")
                        .replace("banks: ../chapters/questions", "banks: ../quizzes")
                        .replace("masters: ../solutions", "masters: ../graded"),
                        encoding="utf-8")
    return book, load_pack(book / "pack", book=book)
