"""The op-ed's HTML face keeps the words verbatim and gives every sentence an anchor."""

import re
from html import unescape

from medialit.case import load_oped
from medialit.text_html import render_text_html


def test_every_paragraph_and_sentence_has_its_anchor():
    html = render_text_html(load_oped())
    for n in range(1, 10):
        assert f'id="p{n}"' in html
    assert 'id="p5-s2"' in html and 'href="#p5-s2"' in html
    assert 'id="byline"' in html
    assert len(re.findall(r'class="oped-s" id=', html)) == 34


def test_text_is_verbatim_once_tags_are_removed():
    oped = load_oped()
    html = render_text_html(oped)
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", html, flags=re.DOTALL)
    texts = [unescape(re.sub(r"<[^>]+>", "", p)) for p in paragraphs]
    assert texts == [p.text for p in (*oped.paragraphs, oped.byline)]
    assert "\n".join(texts) + "" == oped.text.rstrip("\n")
