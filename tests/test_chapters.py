"""Every teaching chapter opens with objectives, closes with a summary and its practice questions."""

import re

import pytest

from conftest import ROOT
from medialit.quiz.loader import load_bank

CHAPTERS = ["how-to-use", "context", "the-text", "framing", "sourcing", "terminology",
            "rhetoric", "verification", "synthesis"]
QUIZ = re.compile(r"```\{quiz\}\s+(\S+)")


@pytest.mark.parametrize("slug", CHAPTERS)
def test_chapter_structure_objectives_summary_and_at_least_eight_questions(slug):
    text = (ROOT / "chapters" / f"{slug}.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    first_section = text.find("\n## ")
    assert 0 <= text.find("Learning objectives") < first_section, "objectives come first"
    assert headings[-2:] == ["## Summary", "## Practice questions"]
    banks = QUIZ.findall(text[text.index("## Practice questions"):])
    assert banks == [f"questions/{slug}.yml"]
    bank = load_bank(ROOT / "chapters" / banks[0])
    assert len(bank.questions) >= 8
    assert len({q.type_name for q in bank.questions}) >= 3


def test_every_chapter_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for slug in CHAPTERS:
        assert f"chapters/{slug}" in toc
