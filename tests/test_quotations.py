"""The quotation rule: a quotation that cites an entry needs a checked entry (medialit.quotations)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_book
from medialit.quotations import check_quotations, quotations_in_block

FIXTURE = Path(__file__).parent / "roots" / "unchecked-quotation"


@pytest.mark.parametrize(("text", "expected"), [
    # the sentence's own citation
    ('It "did not come across any reports" {cite:p}`a`.', [("did not come across any reports", ("a",))]),
    # curly and single curly quotes; an apostrophe is not a quote
    ("The region’s “limited access” and ‘fled’ {cite:p}`a,b`.",
     [("limited access", ("a", "b")), ("fled", ("a", "b"))]),
    # a quoting sentence without a citation takes the next citation of its block
    ('It said "x". It added "y" {cite:p}`k`.', [("x", ("k",)), ("y", ("k",))]),
    # each sentence keeps its own citation
    ('One "x" {cite:p}`a`. Two "y" {cite:p}`b`.', [("x", ("a",)), ("y", ("b",))]),
    # abbreviations and initials do not end a sentence
    ('Chiragov v. Armenia, p. 52 and Francis M. Deng: "z". Then {cite:p}`c`.', [("z", ("c",))]),
    # a citation before the quotation, in another sentence, does not count
    ('Cited {cite:p}`a`. Then "uncited".', []),
    # the op-ed's {quote} role, code, link targets and tags are not quotations
    ('{quote}`found no evidence` `"code"` [link](https://x.org/"q") <a title="t"> {cite:p}`a`.', []),
])
def test_what_counts_as_a_quotation_and_which_citation_it_takes(text, expected):
    assert [(inner, keys) for _, inner, keys in quotations_in_block(text)] == expected


def test_the_fixture_fails_on_its_two_unchecked_quotations_and_lists_its_mirror():
    report = check_quotations(FIXTURE)
    unchecked = sorted((Path(u.quotation.where).name, u.quotation.line, u.key) for u in report.unchecked)
    assert unchecked == [("chapter.md", 10, "never_checked"),
                         ("chapter.yml (chapter-q01)", 6, "never_checked")]
    assert [(q.line, e.key) for q, e in report.mirror_only] == [(8, "read_on_copy")]
    # the paraphrase beside a {quote} role and the op-ed's words in the bank's feedback pass
    assert {q.text for q in report.quotations} == {
        "did not come across any reports", "limited access to rural areas",
        "there is no access at all", "no access at all"}


def test_a_quotation_citing_an_entry_without_status_or_missing_from_the_bib_fails(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "book")
    bib = tmp_path / "book" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("  status       = {unverified},\n", ""),
                   encoding="utf-8")
    (tmp_path / "book" / "chapters" / "more.md").write_text('A "quote" {cite:p}`nowhere`.\n',
                                                          encoding="utf-8")
    problems = [str(u) for u in check_quotations(tmp_path / "book").unchecked]
    assert any("cites never_checked, which has no status (references.bib:22)" in p for p in problems)
    assert any("more.md:1: the quotation “quote” cites nowhere, which is not in references.bib" in p
               for p in problems)


def test_medialit_check_fails_lists_mirrors_and_counts_statuses():
    proc = subprocess.run([sys.executable, "-m", "medialit.cli", "check", str(FIXTURE)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "chapter.md:10: the quotation “there is no access at all” cites never_checked" in proc.stderr
    assert ("chapter.md:8: read_on_copy (mirror: Example Copies, https://copies.example.org/statement)"
            in proc.stdout)
    assert "sources: 3 entries in references.bib: 1 primary, 1 mirror, 1 unverified, 0 none" in proc.stdout


def test_the_kit_itself_has_no_unchecked_quotation():
    """The real book passes by its statuses: every quotation cites a checked entry."""
    report = check_quotations(ROOT)
    assert len(report.quotations) > 300  # the scan sees the pages, banks, masters and data
    assert [str(u) for u in report.unchecked] == []


@pytest.mark.build
def test_the_build_fails_on_an_unchecked_quotation_and_passes_once_it_is_checked(tmp_path):
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    proc = build_book(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "2 quotation(s) cite a source whose quoted words were never checked" in output
    assert f"{root / 'chapters' / 'chapter.md'}:10: the quotation “there is no access at all”" in output
    bib = root / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "status       = {unverified},", "status       = {primary},\n  checked      = {2026-12-01},"),
        encoding="utf-8")
    proc = build_book(root)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
