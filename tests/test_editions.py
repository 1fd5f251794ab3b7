"""The two editions, and the leak test.

Canaries are planted in a copy of the kit: in every master's worked answers, explanations,
feedback, rubric levels, hidden tests and instructor notes. The copy is released and both
editions are built. No canary and no key or solution text (``medialit.leaks``) may appear in
any file of the student edition (HTML, JS, JSON, search index, source downloads) or in the
student notebooks; every one must appear in the instructor edition, which proves the search
finds what it looks for.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from medialit.leaks import Needle, key_needles, normalise, public_text, scan


def test_both_editions_build_without_warnings(editions):
    assert [line for line in editions.outputs.splitlines() if "WARNING:" in line] == []


def test_canaries_were_planted_in_every_kind_of_secret(editions):
    for kind in ("-worked", "-explanation", "-option-", "-feedback-", "-levels-", "-anchors-",
                 "-hidden-tests", "-instructor"):
        assert any(kind in canary for canary in editions.canaries), kind
    assert len(editions.canaries) > 100


def _needles(texts: list[str]) -> list[Needle]:
    return [Needle(normalise(t), t) for t in texts]


def test_no_canary_reaches_the_student_edition_or_notebooks(editions):
    leaks = scan(editions.student_files, _needles(editions.canaries))
    assert [str(leak) for leak in leaks] == []


def test_every_canary_is_in_the_instructor_edition(editions):
    found = {leak.needle.origin for leak in scan([editions.instructor_html],
                                                  _needles(editions.canaries))}
    assert sorted(set(editions.canaries) - found) == []


def test_no_key_or_solution_text_reaches_the_student_edition(editions):
    needles = key_needles(editions.kit / "solutions", public_text(editions.kit))
    assert len(needles) > 300
    assert [str(leak) for leak in scan(editions.student_files, needles)] == []


def test_every_key_and_solution_text_is_in_the_instructor_edition(editions):
    needles = key_needles(editions.kit / "solutions", public_text(editions.kit))
    found = {leak.needle for leak in scan([editions.instructor_html], needles)}
    assert [n.origin + ": " + n.text[:60] for n in needles if n not in found] == []


def test_the_student_edition_has_the_exercise_sets_and_nothing_for_instructors(editions):
    html = editions.kit / "_build" / "html"
    assert not (html / "instructor").exists() and not (html / "solutions").exists()
    assert not (html / "_sources" / "solutions").exists()
    for master in sorted((editions.kit / "solutions").glob("set-*.ipynb")):
        assert (html / "exercises" / f"{master.stem}.html").is_file()
        assert (html / "_sources" / "exercises" / master.name).is_file()  # the download
    assert "Instructor edition" not in (html / "intro.html").read_text(encoding="utf-8")


def test_the_instructor_edition_has_keys_solutions_guide_and_a_banner(editions):
    html = editions.instructor_html
    for page in ("instructor/keys/practice.html", "instructor/keys/sets.html"):
        assert "medialit-answer-key" in (html / page).read_text(encoding="utf-8")
    for master in sorted((editions.kit / "solutions").glob("set-*.ipynb")):
        assert (html / "solutions" / f"{master.stem}.html").is_file()
    banks = sorted((editions.kit / "chapters" / "questions").glob("*.yml"))
    practice = (editions.kit / "instructor" / "keys" / "practice.md").read_text(encoding="utf-8")
    assert [b.name for b in banks if f"questions/{b.name}" not in practice] == []
    sets = (editions.kit / "instructor" / "keys" / "sets.md").read_text(encoding="utf-8")
    masters = sorted((editions.kit / "solutions").glob("set-*.ipynb"))
    assert [m.name for m in masters if f"solutions/{m.name}" not in sets] == []
    assert "Instructor edition: it holds the answer keys" in (html / "intro.html").read_text(
        encoding="utf-8")


def test_leak_check_command_passes_the_student_edition_and_fails_the_instructor_one(editions):
    medialit = str(Path(sys.executable).with_name("medialit"))
    ok = subprocess.run([medialit, "leak-check"], check=False, cwd=editions.kit, capture_output=True,
                        text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([medialit, "leak-check", str(editions.instructor_html)],
                         check=False, cwd=editions.kit, capture_output=True, text=True)
    assert bad.returncode == 2
    assert "solutions/set-a-framing.html: holds set-a-framing" in bad.stderr
    assert "do not publish these files" in bad.stderr
