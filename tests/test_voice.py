"""Contested terms appear in the kit's own voice only as terms under study
(docs/design-notes.md, "Content: one standard for opposite pulls")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medialit.voice import book_pages, load_terms, mask_exempt, scan_file, scan_pages, scan_text

ROOT = Path(__file__).resolve().parents[1]


def found(text: str) -> list[str]:
    return [hit.found for hit in scan_text(text)]


def test_terms_file_has_the_required_terms():
    """The op-ed pack's list covers the contested terms the kit's pages discuss."""
    forms = load_terms()
    for word in ("ethnic cleansing", "genocide", "genocidal", "occupation", "occupied",
                 "separatist", "separatists", "terrorist", "anti-terrorist", "terrorism",
                 "liberation", "liberated", "aggressor", "artsakh"):
        assert word in forms, word


@pytest.mark.parametrize("text, expected", [
    ("The region was occupied in 1993.", ["occupied"]),
    ("Azerbaijan's liberation of the districts.", ["liberation"]),
    ("Separatists held the town.", ["Separatists"]),
    ("an anti-terrorist operation", ["anti-terrorist"]),
    ("This was ethnic\ncleansing.", ["ethnic\ncleansing"]),
    ("the aggressor and the occupation", ["aggressor", "occupation"]),
    ("Welcome to Artsakh.", ["Artsakh"]),
    ("A {abbr}`genocide (a word)` role that is not exempt.", ["genocide"]),
])
def test_own_voice_uses_are_reported(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "The op-ed calls them “separatists” here.",
    'Some call it "liberation" and others do not.',
    "The word ‘occupied’ is contested.",
    "¶2 says {quote}`The separatist campaign was supported by Armenia`.",
    "> On September 19, Azerbaijan unleashed another large-scale aggression",
    "See {term}`ethnic cleansing` and {contested}`Artsakh`.",
    "Use `occupied` in code.",
    "```python\nterms = ['genocide']\n```",
    "{cite:p}`unsc_occupied_1993` and the URL https://x.org/occupied-areas and [a link](https://x.org/liberated)",
    "<!-- the word terrorist in a comment -->",
    "```{glossary}\nethnic cleansing\n  A term used by many; see the page.\n```",
    "```{bibliography}\n:filter: occupied\n```",
    "An occupational hazard and an unoccupied chair are other words.",
])
def test_terms_under_study_are_not_reported(text):
    assert found(text) == []


def test_quotation_spanning_lines_is_exempt_but_not_past_a_blank_line():
    assert found('He said "this was\nliberation" then.') == []
    assert found('A stray " quote.\n\nThen occupied here.') == ["occupied"]


def test_glossary_definition_body_is_still_checked():
    text = "```{glossary}\nseparatist\n  The separatist movement, in the kit's voice.\n```"
    hits = scan_text(text)
    assert [(h.line, h.found) for h in hits] == [(3, "separatist")]


def test_directive_bodies_other_than_code_are_checked():
    text = ":::{admonition} Note\nThe occupied districts.\n:::"
    assert [(h.line, h.found) for h in scan_text(text)] == [(2, "occupied")]


def test_mask_keeps_line_numbers():
    text = "line one\n“two\noccupied” three\nfour occupied"
    masked = mask_exempt(text)
    assert masked.count("\n") == text.count("\n")
    assert [h.line for h in scan_text(text)] == [4]


def test_hit_message_names_file_and_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nThe occupied territories.\n", encoding="utf-8")
    (hit,) = scan_file(page)
    assert str(hit).startswith(f"{page}:3: contested term 'occupied'")


def test_notebook_markdown_cells_only(tmp_path):
    nb = {"cells": [
        {"cell_type": "code", "source": "x = 'genocide'", "metadata": {}, "outputs": []},
        {"cell_type": "markdown", "source": ["# T\n", "The liberated town.\n"], "metadata": {}},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    (hit,) = scan_file(path)
    assert hit.where.endswith("(cell 2)") and hit.line == 2 and hit.found == "liberated"


def test_book_pages_include_intro_and_chapters():
    pages = {p.relative_to(ROOT).as_posix() for p in book_pages(ROOT)}
    assert "intro.md" in pages and "chapters/oped.md" in pages
    assert "chapters/bibliography.md" not in pages


def test_every_page_of_the_book_keeps_contested_terms_out_of_the_kits_voice():
    hits = scan_pages(ROOT)
    assert not hits, "\n".join(str(h) for h in hits)
