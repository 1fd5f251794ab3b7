"""Annotations as data: the packaged file is valid and thorough; bad entries fail precisely."""

from pathlib import Path

import pytest

from medialit.annotations import LAYER_ORDER, AnnotationError, load_annotations, paragraph_list
from medialit.case import load_oped
from medialit.wording import contested_terms_outside_quotes

HEADER = Path(__file__).resolve().parents[1] / "packs/oped-2024/annotations.yml"


def layers_block() -> str:
    """The packaged file's layer definitions, reused so malformed cases differ in one entry."""
    text = HEADER.read_text(encoding="utf-8")
    return text[: text.index("annotations:")]


GOOD_ENTRY = """  - id: t-one
    paragraph: 3
    quote: "613 civilians"
    layer: sources
    label: unattributed number
    note: No source is given in the sentence.
"""


def write(tmp_path: Path, entries: str, header: str | None = None) -> Path:
    path = tmp_path / "annotations.yml"
    path.write_text((header or layers_block()) + "annotations:\n" + entries, encoding="utf-8")
    return path


def test_packaged_annotations_cover_every_paragraph_and_layer():
    """Guards thoroughness: roughly 60–100+ spans, all five layers, ¶1–¶9 and the byline."""
    annotations = load_annotations()
    assert 60 <= len(annotations) <= 130
    assert {a.layer for a in annotations} == set(LAYER_ORDER)
    assert {a.paragraph for a in annotations} == {*map(str, range(1, 10)), "byline"}
    for layer in LAYER_ORDER:
        assert len(annotations.in_layer(layer)) >= 10, layer


def test_every_quote_is_verbatim_and_located():
    oped = load_oped()
    for a in load_annotations():
        assert oped.text[a.start:a.end] == a.quote
        assert oped.find(a.quote, paragraph=a.paragraph).start == a.start
        assert a.sentence_ids and all(s.split(".")[0] == a.paragraph for s in a.sentence_ids)


def test_notes_follow_the_wording_rule_and_cite_real_keys():
    from medialit.bib import read_bib

    keys = set(read_bib())
    for a in load_annotations():
        assert contested_terms_outside_quotes(a.note) == [], a.id
        assert set(a.cite) <= keys, a.id
        assert "author wants" not in a.note.lower() and "intends" not in a.note.lower()


def test_numbers_in_notes_come_with_a_source():
    """A note that gives a figure cites where it comes from (facts carry sources)."""
    import re

    for a in load_annotations():
        if re.search(r"\d{2,}", a.note.replace("¶", "")) and a.layer in ("claims", "sources"):
            assert a.cite, f"{a.id} states a number without a cite key"


def test_layers_have_labels_and_markers():
    annotations = load_annotations()
    assert [la.id for la in annotations.layers] == list(LAYER_ORDER)
    assert {la.marker for la in annotations.layers} == {"C", "F", "S", "T", "R"}
    frames = annotations.layer("frames")
    assert set(frames.labels) == {"define problem", "diagnose cause", "moral judgment",
                                  "suggest remedy"}


def test_filter_by_layer_and_paragraph():
    annotations = load_annotations()
    rows = annotations.in_layer("frames", paragraph_list("8, ¶9"))
    assert rows and {a.paragraph for a in rows} <= {"8", "9"}
    assert {a.label for a in rows} == {"suggest remedy"}
    with pytest.raises(KeyError, match="unknown layer"):
        annotations.in_layer("colours")


def test_a_good_minimal_file_loads(tmp_path):
    loaded = load_annotations(write(tmp_path, GOOD_ENTRY), bib=False)
    (one,) = loaded.annotations
    assert (one.id, one.quote, one.sentence_ids) == ("t-one", "613 civilians", ("3.1",))
    assert one.line == layers_block().count("\n") + 2


def bad(tmp_path, entries, **kwargs) -> AnnotationError:
    with pytest.raises(AnnotationError) as info:
        load_annotations(write(tmp_path, entries, **kwargs), bib=kwargs.get("bib", False))
    return info.value


def test_quote_not_verbatim_names_line_entry_field_and_closest_match(tmp_path):
    entry = GOOD_ENTRY.replace('"613 civilians"', '"613 civilians were murdered"')
    error = bad(tmp_path, entry)
    start = layers_block().count("\n") + 2
    assert error.line == start + 2 and error.entry_id == "t-one" and error.field == "quote"
    message = str(error)
    assert f"annotations.yml:{start + 2}:" in message
    assert "quote not found verbatim" in message
    assert "closest match in the text: “613 civilians were brutally murdered" in message
    assert "(searched ¶3)" in message


def test_straight_quotes_get_the_curly_quote_hint(tmp_path):
    entry = GOOD_ENTRY.replace("paragraph: 3", "paragraph: 4").replace(
        '"613 civilians"', "'portrayal of Azerbaijan as \"an aggressor\"'")
    assert "copy them exactly" in str(bad(tmp_path, entry))


def test_quote_from_another_paragraph_is_refused(tmp_path):
    error = bad(tmp_path, GOOD_ENTRY.replace("paragraph: 3", "paragraph: 2"))
    assert error.field == "quote" and "searched ¶2" in str(error)


def test_ambiguous_quote(tmp_path):
    entry = GOOD_ENTRY.replace('"613 civilians"', '"Khojaly massacre"')
    assert "occurs 2 times in ¶3" in str(bad(tmp_path, entry))


@pytest.mark.parametrize("old, new, field, needle", [
    ("layer: sources", "layer: colours", "layer", "unknown layer 'colours': the file declares"),
    ("label: unattributed number", "label: statistic", "label",
     "is not a label of layer 'sources'"),
    ("paragraph: 3", "paragraph: 12", "paragraph", "unknown paragraph"),
    ("id: t-one", "id: T One", "id", "should match pattern"),
    ("    note: No source is given in the sentence.\n", "", "note", "this field is required"),
    ("note: No source is given in the sentence.",
     "note: The separatist forces were described.", "note", "outside quotation marks"),
    ("note: No source", "colour: red\n    note: No source", "colour", "unknown field"),
])
def test_malformed_entries(tmp_path, old, new, field, needle):
    error = bad(tmp_path, GOOD_ENTRY.replace(old, new))
    assert error.entry_id in ("t-one", "T One") and error.field == field
    assert needle in str(error) and str(error).startswith(str(tmp_path))


def test_contested_term_inside_quotation_marks_is_allowed(tmp_path):
    entry = GOOD_ENTRY.replace("note: No source is given in the sentence.",
                               "note: The op-ed calls it “separatist”.")
    assert len(load_annotations(write(tmp_path, entry), bib=False)) == 1


def test_unknown_cite_key(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{known_key,\n  title = {T},\n  year = {2020},\n}\n", encoding="utf-8")
    entry = GOOD_ENTRY + "    cite: [known_key, missing_key]\n"
    with pytest.raises(AnnotationError, match=r"field 'cite'.*unknown references.bib key\(s\) "
                                              r"\['missing_key'\]"):
        load_annotations(write(tmp_path, entry), bib=bib)


def test_duplicate_id(tmp_path):
    error = bad(tmp_path, GOOD_ENTRY + GOOD_ENTRY.replace('"613 civilians"', '"cold night"'))
    assert error.field == "id" and "duplicate id" in str(error)


def test_layers_are_the_files_own(tmp_path):
    """A pack declares its own layers: an entry in a layer the file does not declare fails,
    naming the layers it does declare."""
    header = "schema_version: 1\nlayers:\n  - id: claims\n    name: Claims\n    marker: C\n" \
             "    description: d\n    labels: [opinion]\n"
    error = bad(tmp_path, GOOD_ENTRY, header=header)
    assert "unknown layer 'sources': the file declares ['claims']" in str(error)
