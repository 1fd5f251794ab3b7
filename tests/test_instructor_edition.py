"""The instructor edition adds the guide; the student edition never contains it."""

import subprocess
import sys

from conftest import ROOT, build_book


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
    guide = tmp_path / "out" / "_build" / "html" / "instructor" / "guide.html"
    html = guide.read_text(encoding="utf-8")
    assert "Discussion ground rules" in html and "Alternative assignment" in html
    # the chapters are all there too, in the student order
    assert (tmp_path / "out" / "_build" / "html" / "chapters" / "oped.html").exists()
