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
                                  title="t")

    figure = draw()
    bars = [p for p in figure.axes[0].patches]
    assert len(bars) == 6
    assert [b.get_hatch() for b in bars] == [None] * 3 + ["///"] * 3  # not colour alone
    first, second = as_image(figure).data, as_image(draw()).data
    assert first == second and first.startswith(b"\x89PNG")
