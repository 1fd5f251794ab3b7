"""One MyST scanner (medialit.myst): no other module of the engine spells MyST's role or fence
syntax in a regular expression, and the readers that use it see what the book sees."""

from __future__ import annotations

import ast
from pathlib import Path

from medialit.grading.leaks import _as_rendered
from medialit.handouts.provenance import admonition_markdown
from medialit.objectives import bank_pages

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "medialit"
RE_CALLS = {"compile", "match", "fullmatch", "search", "sub", "subn", "finditer", "findall",
            "split"}


def _spells_myst(pattern: str) -> bool:
    """A role (``{name}`text```: a brace closed right before a backtick) or a fence (a run
    of three or more backticks or colons before a ``{name}``)."""
    return "\\}`" in pattern or ("{3,}" in pattern and "\\{" in pattern)


def test_no_module_but_the_scanner_spells_myst_syntax():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "myst.py" and path.parent == PACKAGE / "io":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in RE_CALLS and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and _spells_myst(node.args[0].value)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == [], f"MyST patterns outside medialit.myst: {found}"


def test_the_check_itself_sees_a_role_and_a_fence():
    assert _spells_myst(r"\{([a-z-]+)\}`([^`]*)`")
    assert _spells_myst(r"^[`:]{3,}\s*\{quiz\}")
    assert not _spells_myst(r"\.(md|ipynb|rst)$")


def test_directive_lines_and_options():
    from medialit.myst import OPTION, directive_lines

    text = "# T\n\n```{quiz} questions/a.yml\n```\n\n- item\n\n  ~~~{quiz} b.yml\n  ~~~\n:::{note}\n:::\n"
    assert [(n, m["name"], m["rest"].strip()) for n, m in directive_lines(text, "quiz")] == [
        (3, "quiz", "questions/a.yml"), (8, "quiz", "b.yml")]
    assert [m["name"] for _, m in directive_lines(text)] == ["quiz", "quiz", "note"]
    assert OPTION.match(":class: dropdown")["name"] == "class"
    assert not OPTION.match(":::{note}")


def test_a_bank_embedded_in_a_list_item_is_found_as_the_book_finds_it(tmp_path):
    """A quiz indented under a list item is a directive to MyST: the objectives map links to
    it (the old pattern wanted the fence at the start of the line)."""
    (tmp_path / "page.md").write_text("# Page\n\n1. Try these:\n\n   ```{quiz} questions/"
                                      "framing.yml\n   ```\n", encoding="utf-8")
    assert bank_pages(tmp_path, ["page"]) == {"framing": "page"}


def test_the_leak_check_reads_every_role_as_the_scanner_does():
    """``{cite:p}`` is a role too: its text, not its markup, is what a reader's page holds."""
    assert _as_rendered("{sentence}`5.2` and {cite:p}`key2020`") == "¶5.2 and key2020"


def test_the_provenance_box_is_found_and_its_options_dropped(tmp_path):
    page = tmp_path / "text.md"
    page.write_text("# Text\n\n::::{admonition} Where this text comes from\n:class: note\n"
                    "Printed in 2024.\n::::\n", encoding="utf-8")
    assert admonition_markdown(page) == "Printed in 2024."
