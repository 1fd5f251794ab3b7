"""Lexicon files: the packaged ones are valid and sourced; broken ones fail with file and line."""

from pathlib import Path

import pytest

from medialit.analysis.lexicons import LexiconError, load_lexicon, read_lexicon_file

PACKAGED = ["hedges", "boosters", "attribution_verbs", "source_nouns", "number_attribution_cues",
            "irregular_participles", "not_participles"]
GOOD_HEADER = ("schema_version: 1\nname: test\ndescription: A test list.\n"
               "source: Compiled for this test.\n")


@pytest.mark.parametrize("name", PACKAGED)
def test_packaged_lexicons_load_and_name_their_source(name):
    lexicon = load_lexicon(name)
    assert lexicon.name == name
    assert len(lexicon.source) > 20 and lexicon.terms


def test_hedge_lexicon_says_it_was_compiled_for_the_kit():
    """Guards honest citation: the list is the kit's, not a copy of a published appendix."""
    source = load_lexicon("hedges").source
    assert "Compiled for the kit" in source and "Hyland" in source and "not" in source


def test_unknown_lexicon_lists_the_available_ones():
    with pytest.raises(LexiconError, match="available: .*hedges"):
        load_lexicon("no-such-list")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, line, needle", [
    (GOOD_HEADER + "terms:\n  - term: may\n  - term: \"  \"\n", 7, "field 'term': the term is empty"),
    (GOOD_HEADER + "terms:\n  - term: may\n  - term: May\n", 7, "duplicate term"),
    (GOOD_HEADER + "terms:\n  - term: may\n    colour: red\n", 7, "entry 'may', field 'colour': unknown field"),
    (GOOD_HEADER + "terms:\n  - note: no term here\n", 6, "field 'term': this field is required"),
    (GOOD_HEADER.replace("source: Compiled for this test.\n", "") + "terms: []\n", None,
     "field 'source'"),
    (GOOD_HEADER.replace("schema_version: 1", "schema_version: 2") + "terms: []\n", 1,
     "schema_version must be 1"),
    (GOOD_HEADER + "terms: may\n", 5, "'terms' must be a list"),
    (GOOD_HEADER + "terms:\n  - term: [unclosed\n", None, "not valid YAML"),
])
def test_malformed_lexicons_fail_with_file_line_and_problem(tmp_path, body, line, needle):
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as info:
        read_lexicon_file(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert needle in message
    if line is not None:
        assert f"{path}:{line}:" in message
