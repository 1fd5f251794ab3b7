"""references.bib as data: statuses validated on load, author–year labels, sort order."""

import datetime as dt

import pytest

from conftest import ROOT
from medialit.bib import BibError, author_year_labels, label_author, parse_bib, read_bib

GOOD = """\
@online{a_2023,
  author       = {{UN Office}},
  title        = {Statement},
  year         = {2023},
  url          = {https://example.org/a},
  status       = {primary},
  checked      = {2026-12-01},
}
"""


def entry(**fields: str) -> str:
    body = "".join(f"  {name:<12} = {{{value}}},\n" for name, value in fields.items())
    return "% comment line\n\n@online{the_key,\n  author = {{Body}},\n  year = {2023},\n" + body + "}\n"


def test_a_good_entry_is_read_with_its_status_and_date():
    entries = parse_bib(GOOD)
    assert entries["a_2023"].status == "primary"
    assert entries["a_2023"].checked == dt.date(2026, 12, 1)
    assert entries["a_2023"].line == 1
    assert entries["a_2023"].is_checked


@pytest.mark.parametrize(("fields", "line", "message"), [
    ({"status": "seen"}, 6, "field 'status': unknown status 'seen': use one of primary, mirror, unverified"),
    ({"status": "primary", "checked": "1 Dec 2026"}, 7, "field 'checked': bad date '1 Dec 2026'"),
    ({"status": "primary", "checked": "2026-13-01"}, 7, "bad date '2026-13-01'"),
    ({"status": "primary", "checked": "2026-12"}, 7, "bad date '2026-12'"),
    ({"status": "primary", "checked": "2026-12-01", "mirror": "Copy, https://copy.example"}, 8,
     "'mirror' names a copy, so it needs status = {mirror} (found primary)"),
    ({"mirror": "Copy, https://copy.example"}, 6, "needs status = {mirror} (found no status)"),
    ({"status": "mirror", "checked": "2026-12-01"}, 6, "status mirror needs 'mirror'"),
    ({"status": "primary"}, 6, "status primary needs 'checked'"),
])
def test_bad_status_fields_name_the_file_line_and_key(fields, line, message):
    with pytest.raises(BibError) as caught:
        parse_bib(entry(**fields), "references.bib")
    text = str(caught.value)
    assert text.startswith(f"references.bib:{line}: entry 'the_key'"), text
    assert message in text


def test_unverified_and_no_status_are_read_but_not_checked():
    entries = parse_bib(entry(status="unverified") + entry().replace("the_key", "other"))
    assert entries["the_key"].status == "unverified" and not entries["the_key"].is_checked
    assert entries["other"].status is None and not entries["other"].is_checked


def test_mirror_names_who_carries_the_copy_and_where():
    e = parse_bib(entry(status="mirror", checked="2026-12-01",
                        mirror="Kavkaz-uzel, https://www.kavkaz-uzel.eu/articles/1"))["the_key"]
    assert (e.mirror_name, e.mirror_url) == ("Kavkaz-uzel", "https://www.kavkaz-uzel.eu/articles/1")


def test_broken_syntax_and_duplicates_are_errors_with_lines():
    with pytest.raises(BibError, match=r"references.bib:3: entry 'k': unbalanced braces"):
        parse_bib("\n@online{k,\n  title = {Open\n", "references.bib")
    with pytest.raises(BibError, match=r":9: entry 'the_key': duplicate key \(first on line 3\)"):
        parse_bib(entry() + entry(), "references.bib")
    with pytest.raises(BibError, match=r"field given twice"):
        parse_bib(entry(title="A").replace("year = {2023}", "title = {B}"), "references.bib")


def test_labels_are_author_year_with_letters_for_ties_in_sources_page_order():
    labels = author_year_labels([
        ("r884", "{UN Security Council}", "1993", "Resolution 884"),
        ("r822", "{UN Security Council}", "1993", "Resolution 822"),
        ("deng", "Deng, Francis M.", "1999", "Profiles"),
        ("two", "Wineburg, Sam and McGrew, Sarah", "2019", "Lateral reading"),
        ("three", "A, B and C, D and E, F", "2000", "T"),
    ])
    assert labels == {"r822": "UN Security Council 1993a", "r884": "UN Security Council 1993b",
                      "deng": "Deng 1999", "two": "Wineburg and McGrew 2019", "three": "A et al. 2000"}


def test_an_and_inside_a_braced_body_name_is_not_a_separator():
    assert label_author("{Office of Democratic Institutions and Human Rights}") == \
        "Office of Democratic Institutions and Human Rights"


def test_every_entry_of_the_kit_has_a_status_and_the_fields_the_format_requires():
    entries = read_bib(ROOT / "references.bib")
    missing = [k for k, e in entries.items() if e.status is None]
    assert missing == [], f"entries without a status: {missing}"
    incomplete = [k for k, e in entries.items()
                  if not (e.author and e.title and e.year and e.url and e.fields.get("urldate"))]
    assert incomplete == []


def test_the_kit_labels_are_unique():
    labels = [e.label for e in read_bib(ROOT / "references.bib").values()]
    assert len(labels) == len(set(labels))
