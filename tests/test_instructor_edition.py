"""The instructor edition adds the guide; the student edition never contains it."""

import os
import re
from pathlib import Path

GUIDE_PAGES = ("guide", "objectives", "self-study", "seminar", "course", "grading", "jupyterhub",
               "handouts-and-exports")


def test_student_edition_has_no_instructor_pages(book_html):
    assert not (book_html / "instructor").exists()


def test_instructor_edition_has_the_guide(editions):
    # the instructor edition of a copy of the kit (conftest's ``editions``: built once, and
    # checked there to build without warnings)
    html_root = editions.instructor_html
    pages = {name: (html_root / "instructor" / f"{name}.html").read_text(encoding="utf-8")
             for name in GUIDE_PAGES}
    # the overview links every other page of the guide
    for name in GUIDE_PAGES[1:]:
        assert f'href="{name}.html"' in pages["guide"], name
    seminar = pages["seminar"]
    assert "Discussion ground rules" in seminar and "Alternative assignment" in seminar
    assert len(re.findall(r"<h3>Prompts, activity by activity", seminar)) == 2
    assert "Self-study path" in pages["self-study"] and "Deadlines template" in pages["course"]
    assert "--merge-manual" in pages["grading"] and "launch-link" in pages["jupyterhub"]
    # the objectives table: every practice-question link lands on a question of the book
    table = pages["objectives"]
    assert '<table class="objectives-map' in table and 'id="objective-lo12"' in table
    links = set(re.findall(r'href="([^"#]+)#(mlq-[^"]+)"', table))
    assert len(links) > 100
    for page, anchor in links:
        target = Path(os.path.normpath(html_root / "instructor" / page))
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, anchor)
    # the chapters are all there too, in the student order
    assert (html_root / "chapters" / "oped.html").exists()


def test_instructor_edition_offers_the_live_notebooks_but_not_for_the_masters(editions):
    # the live site carries the student notebooks only (`make instructor` builds it and checks
    # it for keys): a master's page has no "Run in your browser" button, a set's page has one
    html_root = editions.instructor_html
    masters = sorted((html_root / "solutions").glob("set-*.html"))
    assert masters
    for page in masters:
        assert "medialit-live-button" not in page.read_text(encoding="utf-8"), page.name
    released = (html_root / "exercises" / "set-a-framing.html").read_text(encoding="utf-8")
    assert ('class="medialit-live-button" href="../lite/notebooks/index.html?path='
            'exercises/set-a-framing.ipynb"') in released
