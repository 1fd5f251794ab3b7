"""The engine under src/medialit holds no case: a search of its sources for the first case's
names (its text's noun as an identifier, its places, people, outlet) finds only the
deprecated aliases kept so that notebooks written for it keep working.

An alias line says so ("alias" on the line). CSS class names of the text's markup (``oped-s``,
``oped-para``…) are not yet renamed: the static face's stylesheets and scripts are shared with
work in progress on the student book, and they are listed here as the one known exception.
"""

from __future__ import annotations

import re
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "src" / "medialit"
CASE_NAMES = re.compile(
    r"\boped|op-ed|armenia|azerbaijan|karabakh|\bbaku\b|khojaly|aliyev|jahangirli|"
    r"national interest|ada university|cop29|chiragov|lachin|stepanakert|artsakh|shusha|"
    r"sumgait|pashinyan", re.IGNORECASE)
# The markup's class names (and the print stylesheet's @page name), not yet renamed.
CSS_CLASS = re.compile(r"(?<![\w-])(?:tl-|after-|timeline-|handout-)?oped(?:-[a-z-]+)?(?![\w])")
SOURCES = ("*.py", "*.yml", "*.yaml", "*.txt", "*.json", "*.md")


def hits(path: Path) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if "alias" in line.lower():
            continue
        rest = CASE_NAMES.sub(lambda m: m.group(0), line)
        names = [m.group(0) for m in CASE_NAMES.finditer(rest)]
        if path.suffix == ".py":
            # a class name in an HTML string: class="oped-s", "oped-quote", @page oped
            names = [n for n in names if not _in_css_class(line, n)]
        if names:
            found.append((number, line.strip()))
    return found


def _in_css_class(line: str, name: str) -> bool:
    if name.lower() != "oped":
        return False
    for match in re.finditer(r"oped", line):
        start = match.start()
        before, after = line[max(0, start - 12):start], line[match.end():match.end() + 1]
        if after == "-" or before.endswith(("class=\"", "tl-", "after-", "timeline-",
                                             "handout-", "@page ", '"')):
            continue
        return False
    return True


def test_the_engine_names_no_case_outside_its_aliases():
    """Every engine source (Python, data, messages) is searched; only alias lines and the
    markup's class names may name the first case."""
    files = [p for pattern in SOURCES for p in ENGINE.rglob(pattern)
             if "bundled_packs" not in p.parts and "__pycache__" not in p.parts]
    assert len(files) > 100
    found = {str(p.relative_to(ENGINE)): hits(p) for p in files}
    found = {name: lines for name, lines in found.items() if lines}
    assert found == {}


def test_the_search_finds_a_case_name_when_one_is_added(tmp_path):
    """The search is not blind: a module that names the case, or uses the case's text as an
    identifier, is found."""
    module = tmp_path / "module.py"
    module.write_text('oped = load_text()\nPLACE = "Baku"\nx = 1  # an alias of y\n',
                      encoding="utf-8")
    assert [n for n, _ in hits(module)] == [1, 2]
