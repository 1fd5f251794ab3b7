"""Bank text outside the book: op-ed roles become words, links into the book lose their
target, and everything is escaped."""

from __future__ import annotations

from medialit.case import load_oped
from medialit.export import render


def test_quote_role_becomes_the_words_in_quotation_marks_with_the_sentence_id():
    oped = load_oped()
    span = oped.find("No international body has characterized")
    html = render.html("See {quote}`No international body has characterized`.", oped)
    assert html == f"See “No international body has characterized” (¶{span.sentence_ids[0]})."


def test_sentence_and_para_roles_name_the_text_they_point_to():
    oped = load_oped()
    assert render.plain("{sentence}`5.2`", oped) == f"¶5.2 “{oped.sentence('5.2').text}”"
    assert render.plain("In {para}`5`, read on.", oped) == "In ¶5, read on."


def test_a_bad_reference_still_says_what_was_written():
    assert render.plain("{quote}`words not in the op-ed`") == "“words not in the op-ed”"


def test_links_into_the_book_keep_their_words_only():
    html = render.html("Read [the op-ed](../chapters/oped.html#p5) and [a source](https://example.org/x)")
    assert html == 'Read the op-ed and <a href="https://example.org/x">a source</a>'


def test_raw_html_is_text_and_markdown_is_markup():
    assert render.html("<b>x</b> & **y** `z`") == (
        "&lt;b&gt;x&lt;/b&gt; &amp; <strong>y</strong> <code>z</code>")


def test_oped_paragraph_is_quoted_in_full_and_escaped():
    oped = load_oped()
    html = render.text_paragraph_html(5, oped)
    assert html.startswith("<blockquote><p><strong>¶5</strong> ")
    assert "ethnic cleansing" in html


def test_numbers_are_written_exactly():
    from medialit.export.content import number_text

    assert [number_text(x) for x in (613.0, 0.5, 1234567.0, 0.1 + 0.2)] == [
        "613", "0.5", "1234567", "0.30000000000000004"]
