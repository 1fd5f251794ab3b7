"""The annotated HTML face of the op-ed: same words, split ranges for overlaps, notes."""

from html.parser import HTMLParser

from medialit.annotations import Annotation, load_annotations
from medialit.case import load_oped
from medialit.text_html import render_text_html


class _Text(HTMLParser):
    """The text of each <p> in the article, leaving out notes (a note is not the op-ed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.in_p = False
        self.skip_depth = 0  # >0 while inside an .ann-note span

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class", "") or ""
        if self.skip_depth:
            self.skip_depth += tag == "span"
        elif tag == "span" and "ann-note" in classes.split():
            self.skip_depth = 1
        elif tag == "p":
            self.in_p = True
            self.paragraphs.append("")

    def handle_endtag(self, tag):
        if self.skip_depth and tag == "span":
            self.skip_depth -= 1
        elif tag == "p":
            self.in_p = False

    def handle_data(self, data):
        if self.in_p and not self.skip_depth:
            self.paragraphs[-1] += data


def article_paragraphs(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html[html.index("<article"):])
    return parser.paragraphs


def make(aid, quote, layer, paragraph="6", label="x", note="n", cite=()):
    oped = load_oped()
    span = oped.find(quote, paragraph=paragraph)
    return Annotation(aid, paragraph, quote, layer, label, note, cite, span.start, span.end,
                      span.sentence_ids, None)


def test_words_stay_verbatim_with_all_annotations():
    """Guards the verbatim rule: markers and notes add no words to the op-ed's text."""
    oped = load_oped()
    annotations = load_annotations()
    html = render_text_html(oped, annotations=list(annotations), layers=annotations.layers)
    assert article_paragraphs(html) == [p.text for p in (*oped.paragraphs, oped.byline)]
    assert html.count('class="ann-marker"') == len(annotations)
    assert html.count('role="note"') == len(annotations)


def test_overlapping_spans_are_split_into_segments_in_a_fixed_order():
    outer = make("outer", "While this military operation was intense,", "rhetoric")
    inner = make("inner", "intense", "loaded-terms")
    html = render_text_html(load_oped(), annotations=[inner, outer])
    assert ('<span class="ann" data-layers="rhetoric" data-ann="outer">While this military '
            'operation was </span>') in html
    assert '<span class="ann" data-layers="loaded-terms rhetoric" data-ann="outer inner">' \
           'intense</span>' in html
    # both end at "intense": markers in layer order (loaded-terms before rhetoric)
    tail = html[html.index('data-ann="outer inner">intense</span>'):]
    assert tail.index('data-marker="L1"') < tail.index('data-marker="R1"')
    assert render_text_html(load_oped(), annotations=[outer, inner]) == html


def test_span_across_sentences_is_cut_at_the_sentence_boundary():
    oped = load_oped()
    both = "Azerbaijani passports. 80 percent"
    start = oped.text.index(both)
    a = Annotation("across", "6", both, "claims", "x", "n", (), start, start + len(both),
                   ("6.4", "6.5"), None)
    html = render_text_html(oped, annotations=[a])
    assert html.count('data-ann="across"') == 2
    s4 = html[html.index('id="p6-s4"'):html.index('id="p6-s5"')]
    assert 'data-ann="across">Azerbaijani passports.</span>' in s4
    assert html.count('data-marker="C1"') == 1


def test_note_is_escaped_and_described_by_the_marker():
    a = make("esc", "intense", "claims", note="<script>alert(1)</script> & more", cite=("k",))
    html = render_text_html(load_oped(), annotations=[a], cite_label=lambda k: f"Label <{k}>",
                            sources_href="bibliography.html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'aria-describedby="ann-note-esc"' in html and 'id="ann-note-esc"' in html
    assert 'Sources: <a href="bibliography.html">Label &lt;k&gt;</a>' in html


def test_toolbar_starts_hidden_and_layers_off():
    annotations = load_annotations()
    html = render_text_html(load_oped(), annotations=list(annotations), layers=annotations.layers)
    assert '<fieldset class="ann-toolbar" hidden>' in html
    assert 'data-on=""' in html
    assert html.count('type="checkbox"') == 5
    assert "Sources and attributions" in html and "(21)" in html
