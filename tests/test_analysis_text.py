"""Input handling shared by the analyses: strings become Documents without a byline."""

import pytest

from medialit.analysis import as_document
from medialit.case import Document, load_oped


def test_a_string_gets_numbered_paragraphs_and_no_byline():
    """Guards that any text (not only the op-ed) can be analysed: every line is a paragraph."""
    doc = as_document("First line. Second sentence.\nSecond paragraph.")
    assert [p.label for p in doc.paragraphs] == ["1", "2"]
    assert doc.byline is None
    assert [s.id for s in doc.sentences] == ["1.1", "1.2", "2.1"]


def test_a_document_is_passed_through_unchanged():
    oped = load_oped()
    assert as_document(oped) is oped
    assert oped.byline is not None and len(oped.paragraphs) == 9


def test_default_document_still_treats_the_last_line_as_byline():
    doc = Document("Body text.\nBy someone.")
    assert doc.byline.text == "By someone." and [p.label for p in doc.paragraphs] == ["1"]


def test_other_input_types_are_refused():
    with pytest.raises(TypeError, match="string or a Document"):
        as_document(42)
