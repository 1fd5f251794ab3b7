"""Every source in references.bib is cited somewhere, and every cited key is in it."""

from conftest import ROOT
from medialit.bib import read_bib
from medialit.citations import cited_keys, keys_cited_in_pages


def test_every_bibliography_entry_is_cited_at_least_once():
    uncited = sorted(set(read_bib(ROOT / "references.bib")) - cited_keys(ROOT))
    assert uncited == [], f"in references.bib but cited nowhere: {uncited}"


def test_every_key_cited_in_a_page_is_in_the_bibliography():
    unknown = sorted(keys_cited_in_pages(ROOT) - set(read_bib(ROOT / "references.bib")))
    assert unknown == []


def test_cite_roles_with_several_keys_are_split(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.md").write_text("x {cite:p}`one, two` and {cite:t}`three`\n",
                                                encoding="utf-8")
    assert keys_cited_in_pages(tmp_path) == {"one", "two", "three"}
