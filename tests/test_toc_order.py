"""The start of the book in the order a first-time reader needs it (issue 16 §4).

Read the op-ed (and note a first reaction) → see how the questions work → take the pre-check.
No page before the explainer holds a quiz, and the reflection box the Synthesis page shows again
is written on a page that comes before it, after the op-ed.
"""

import re

from ruamel.yaml import YAML

from conftest import ROOT

QUIZ = re.compile(r"^```\{quiz\}", re.MULTILINE)
BOX = re.compile(r"^```\{reflection\}\s+(\S+)", re.MULTILINE)
VIEW = re.compile(r"^```\{reflection-view\}\s+(\S+)", re.MULTILINE)


def toc_order() -> list[str]:
    """Every page of _toc.yml, root first, in reading order."""
    toc = YAML(typ="safe").load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    order = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                order.append(entry["file"])
            walk(entry.get("sections"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return order


def page_text(doc: str) -> str:
    for suffix in (".md", ".ipynb"):
        path = ROOT / f"{doc}{suffix}"
        if path.exists():
            return path.read_text(encoding="utf-8")
    raise AssertionError(f"{doc} is in _toc.yml but has no .md or .ipynb file")


def test_the_book_opens_with_the_oped_then_the_explainer_then_the_precheck():
    order = toc_order()
    assert order[:4] == ["intro", "chapters/oped", "chapters/how-quizzes-work",
                         "chapters/precheck"]
    assert order.index("chapters/how-to-use") > order.index("chapters/precheck")


def test_no_quiz_before_the_quiz_explainer():
    order = toc_order()
    with_quiz = [doc for doc in order if QUIZ.search(page_text(doc))]
    assert with_quiz[:2] == ["chapters/how-quizzes-work", "chapters/precheck"], with_quiz[:3]


def test_the_reflection_is_written_after_the_oped_and_before_it_is_shown_again():
    order = toc_order()
    boxes = {name: doc for doc in order for name in BOX.findall(page_text(doc))}
    views = [(name, doc) for doc in order for name in VIEW.findall(page_text(doc))]
    assert boxes == {"first-reaction": "chapters/oped"}
    assert views == [("first-reaction", "chapters/synthesis")]
    for name, doc in views:
        assert order.index(boxes[name]) < order.index(doc)


def test_the_intro_names_the_oped_and_says_where_to_start():
    """A student's first page: the op-ed's title, author, outlet and year (from references.bib
    and the byline), a "Start here" box linking to the first page of the book, and no
    instructor or developer commands."""
    from medialit.bib import read_bib
    from medialit.case import load_oped

    intro = (ROOT / "intro.md").read_text(encoding="utf-8")
    entry = read_bib(ROOT / "references.bib")["aze_media_oped"]
    title = entry.title.strip("{}")
    assert f'"{title}"' in intro
    assert load_oped().byline.text in intro and "Anar Jahangirli" in intro
    assert entry.fields["publisher"] in intro and entry.year in intro
    start = re.search(r"```\{admonition\} Start here\n(.*?)```", intro, re.DOTALL)
    assert start, "the intro has a Start here box"
    assert f"{{doc}}`{toc_order()[1]}`" in start.group(1)
    for developer_word in ("make instructor", "medialit grade", "`medialit", "notebook cell"):
        assert developer_word not in intro
