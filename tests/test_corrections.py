"""The corrections log as data (medialit.corrections): validated on load, with file and line."""

import datetime as dt

import pytest
from click.testing import CliRunner

from conftest import ROOT
from medialit.cli import main
from medialit.corrections import CorrectionsError, load_corrections

HEAD = "schema_version: 1\ncorrections:\n"
GOOD = """\
  - id: first-fix
    date: 2026-12-01
    kind: corrected
    was: The kit said one thing.
    now: It says another.
    where: [chapters/claims.md, timeline.yml, sourcing-q09, Set B q6]
    cite: [entman1993]
"""


def write(tmp_path, body: str):
    path = tmp_path / "corrections.yml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_a_good_log_loads(tmp_path):
    log = load_corrections(write(tmp_path, GOOD), root=ROOT)
    (correction,) = log.corrections
    assert correction.date == dt.date(2026, 12, 1) and correction.kind == "corrected"
    assert log.lines == {"first-fix": 3}


@pytest.mark.parametrize(("change", "line", "message"), [
    (("kind: corrected", "kind: fixed"), 5, "field 'kind': Input should be 'corrected', 'clarified', 'added' or 'kept'"),
    (("date: 2026-12-01", "date: 1 December"), 4, "field 'date'"),
    (("id: first-fix", "id: First Fix"), 3, "field 'id'"),
    (("chapters/claims.md,", "chapters/claim.md,"), 8, "'chapters/claim.md' names no file of the book"),
    (("Set B q6", "Set B q66"), 8, "'Set B q66': Set B has no question q66"),
    (("Set B q6", "Set Z q1"), 8, "there is no graded Set Z"),
    (("sourcing-q09", "sourcing-q99"), 8, "'sourcing-q99': no question of that id"),
    (("cite: [entman1993]", "cite: [entman2093]"), 9, "unknown references.bib key(s) ['entman2093']"),
    (("    now: It says another.\n", ""), 3, "field 'now': this field is required"),
    (("    was: The kit said one thing.\n", "    was: x\n    colour: red\n"), 7, "field 'colour': unknown field"),
])
def test_bad_entries_name_the_file_line_entry_and_field(tmp_path, change, line, message):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(CorrectionsError) as caught:
        load_corrections(path, root=ROOT)
    text = str(caught.value)
    assert text.startswith(f"{path}:{line}: entry "), text
    assert message in text, text


def test_duplicate_ids_and_an_empty_log_are_errors(tmp_path):
    with pytest.raises(CorrectionsError, match=r":10: entry 'first-fix', field 'id': duplicate id"):
        load_corrections(write(tmp_path, GOOD + GOOD), root=ROOT)
    empty = tmp_path / "empty.yml"
    empty.write_text("schema_version: 1\ncorrections: []\n", encoding="utf-8")
    with pytest.raises(CorrectionsError, match=r"empty.yml:2: field 'corrections': the log has no entries"):
        load_corrections(empty, root=ROOT)


def test_newest_first_keeps_the_file_order_within_a_day(tmp_path):
    older = GOOD.replace("first-fix", "older").replace("2026-12-01", "2026-11-30")
    second = GOOD.replace("first-fix", "second")
    log = load_corrections(write(tmp_path, older + GOOD + second), root=ROOT)
    assert [c.id for c in log.newest_first()] == ["first-fix", "second", "older"]


def test_the_kits_log_loads_and_check_data_counts_it():
    log = load_corrections()
    assert len(log) >= 5
    result = CliRunner().invoke(main, ["check-data"])
    assert result.exit_code == 0, result.output
    assert f"{len(log)} corrections" in result.output
