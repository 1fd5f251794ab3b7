"""The analysis and data-check commands, through click's CliRunner."""

from click.testing import CliRunner

from medialit.cli import main


def test_analyse_the_oped_by_default():
    result = CliRunner().invoke(main, ["analyse", "numbers"])
    assert result.exit_code == 0, result.output
    assert "more than 600,000  quantity    unattributed" in result.output


def test_analyse_any_text_from_standard_input():
    result = CliRunner().invoke(main, ["analyse", "passives", "-"],
                                input="The road was closed by the police.\n")
    assert result.exit_code == 0
    assert "1.1       was closed  the police" in result.output


def test_analyse_reports_an_unbalanced_quote_as_a_user_error():
    result = CliRunner().invoke(main, ["analyse", "quotes", "-"], input="He said “yes.\n")
    assert result.exit_code == 2
    assert "sentence 1.1: opening quotation mark" in result.output


def test_unknown_kind_is_refused():
    result = CliRunner().invoke(main, ["analyse", "colours"])
    assert result.exit_code == 2 and "Invalid value" in result.output


def test_check_data_reports_what_the_loaders_load():
    from medialit.annotations import load_annotations
    from medialit.timeline import load_timeline

    timeline = load_timeline()
    result = CliRunner().invoke(main, ["check-data"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"ok: {len(load_annotations())} annotations, {len(timeline.events)} timeline events "
        f"({len(timeline.after())} after the op-ed), ")


def test_check_data_fails_with_the_loader_message(monkeypatch, tmp_path):
    from medialit import annotations

    bad = tmp_path / "annotations.yml"
    bad.write_text("schema_version: 2\n", encoding="utf-8")
    monkeypatch.setattr(annotations, "annotations_path", lambda: bad)
    result = CliRunner().invoke(main, ["check-data"])
    assert result.exit_code == 2
    assert f"{bad}:1: field 'schema_version': schema_version must be 1" in result.output
