"""No "chapter N" in what students (and instructors) read: the book shows no chapter numbers,
and its order changes. Pages refer to each other by name ({doc} links in pages, Markdown links
in notebooks, page names in question banks and data files), which survives reordering."""

import re
from pathlib import Path

import pytest

from conftest import ROOT

NUMBER_WORDS = "zero|one|two|three|four|five|six|seven|eight|nine|ten"
CHAPTER_N = re.compile(rf"\b(?:chapters?|ch\.)\s*(?:\d+|(?:{NUMBER_WORDS})\b)", re.IGNORECASE)
STUDENT_FACING = ("intro.md", "chapters/**/*.md", "chapters/**/*.ipynb", "chapters/**/*.yml",
                  "exercises/*.ipynb", "solutions/*.ipynb", "instructor/**/*.md",
                  "src/medialit/data/*.yml")


def chapter_numbers(text: str) -> list[tuple[int, str]]:
    """(line number, match) of every numbered chapter reference in ``text``."""
    return [(text.count("\n", 0, m.start()) + 1, m.group(0)) for m in CHAPTER_N.finditer(text)]


def files() -> list[Path]:
    found = {p for pattern in STUDENT_FACING for p in ROOT.glob(pattern)}
    return sorted(p for p in found if "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("text, hits", [
    ("This set practises Chapter 3: framing.", ["Chapter 3"]),
    ("Read chapters 1–3 before class; Chapter 8 is the follow-up.", ["chapters 1", "Chapter 8"]),
    ("the three sentences you wrote in chapter 0", ["chapter 0"]),
    ("Chapters 4 and 7 compare it", ["Chapters 4"]),
    ("see chapter five, or ch. 2", ["chapter five", "ch. 2"]),
    ("def test_model_summary_of_chapter_8(f):", []),
    ("the chapter notebook on agentless constructions; chapters one by one", ["chapters one"]),
    ("Each chapter ends with practice questions.", []),
])
def test_the_pattern_finds_numbered_chapters_only(text, hits):
    assert [m for _, m in chapter_numbers(text)] == hits


def test_the_scan_covers_pages_banks_notebooks_and_notes():
    names = {p.relative_to(ROOT).as_posix() for p in files()}
    for expected in ("intro.md", "chapters/synthesis.md", "chapters/questions/precheck.yml",
                     "exercises/set-a-framing.ipynb", "solutions/set-e-synthesis.ipynb",
                     "instructor/objectives.md", "src/medialit/data/annotations.yml",
                     "chapters/analysis-hedges.ipynb"):
        assert expected in names


def test_no_page_refers_to_a_chapter_by_number():
    found = [f"{p.relative_to(ROOT)}:{line}: {match!r}" for p in files()
             for line, match in chapter_numbers(p.read_text(encoding="utf-8"))]
    assert not found, ("refer to pages by name ({doc} link, Markdown link or page name), "
                       "not by chapter number:\n" + "\n".join(found))
