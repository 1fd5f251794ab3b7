"""The instructor edition adds the guide; the student edition never contains it."""

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, build_book

GUIDE_PAGES = ("guide", "objectives", "self-study", "seminar", "course", "grading", "jupyterhub")


def test_student_edition_has_no_instructor_pages(book_html):
    assert not (book_html / "instructor").exists()


def test_instructor_edition_builds_cleanly_with_the_guide(tmp_path):
    edition = tmp_path / "edition"
    subprocess.run([sys.executable, str(ROOT / "tools" / "instructor_edition.py"), str(edition)],
                   check=True)
    proc = build_book(ROOT, "--toc", str(edition / "_toc.yml"), "--config",
                      str(edition / "_config.yml"), "--path-output", str(tmp_path / "out"))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert [line for line in output.splitlines() if "WARNING:" in line] == []
    html_root = tmp_path / "out" / "_build" / "html"
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
