"""Table and chart helpers used by the analysis notebooks: escaped, aligned, deterministic."""

from medialit.analysis.charts import as_image, bars_per_paragraph
from medialit.analysis.table import Table


def test_table_text_and_html_faces():
    table = Table.of(["sentence", "words"], [("1.2", "<b>alleged</b>"), ("6.4", None)], "Hits")
    assert repr(table).splitlines() == [
        "Hits", "sentence  words", "--------  --------------", "1.2       <b>alleged</b>",
        "6.4       —"]
    html = table._repr_html_()
    assert "&lt;b&gt;alleged&lt;/b&gt;" in html and "<caption>Hits</caption>" in html
    assert '<th scope="col">sentence</th>' in html


def test_empty_table_says_none():
    assert repr(Table.of(["a"], [])).endswith("(none)")
    assert "(none)" in Table.of(["a"], [])._repr_html_()


def test_chart_draws_one_bar_per_paragraph_and_series_and_is_deterministic():
    def draw():
        return bars_per_paragraph(["1", "2", "3"], {"hedges": [1, 0, 2], "boosters": [2, 5, 1]},
                                  title="t <&>")

    figure = draw()
    bars = figure.bars()
    assert [(name, value) for name, value, *_ in bars] == [
        ("hedges", 1), ("hedges", 0), ("hedges", 2), ("boosters", 2), ("boosters", 5),
        ("boosters", 1)]
    fills = [fill for *_, fill in bars]
    # the first series is solid grey, the second a hatch pattern: not colour alone
    assert fills[:3] == ["#222222"] * 3 and all(f.startswith("url(#") for f in fills[3:])
    svg = as_image(figure)._repr_svg_()
    assert svg == draw().svg() and svg.startswith("<svg ")
    assert "<title" in svg and "t &lt;&amp;&gt;" in svg and "<pattern" in svg
    assert repr(figure).splitlines() == ["Chart: t <&>", "¶1: hedges 1, boosters 2",
                                         "¶2: hedges 0, boosters 5", "¶3: hedges 2, boosters 1"]


def test_chart_svg_is_well_formed_and_loads_nothing():
    from xml.etree import ElementTree

    svg = bars_per_paragraph(["1", "2"], {"a": [3, 1], "b": [0, 2], "c": [1, 1]}, title="x").svg()
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "href" not in svg and "<script" not in svg and "@import" not in svg


def test_chart_rejects_a_series_of_the_wrong_length():
    import pytest

    with pytest.raises(ValueError, match="series 'a' has 1 values for 2 paragraphs"):
        bars_per_paragraph(["1", "2"], {"a": [3]}, title="x")
