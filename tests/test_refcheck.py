"""`medialit check` finds op-ed references in pages and reports bad ones with file and line."""

import nbformat
from click.testing import CliRunner

from medialit.cli import main
from medialit.refcheck import scan_file


def test_good_and_bad_references_in_markdown(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\nGood: {quote}`as established by the European Court of Human Rights`.\n"
        "Bad: {quote}`as proved by the European Court of Human Rights`.\n"
        "Ids: {sentence}`5.2` and {sentence}`5.7` and {para}`10`.\n",
        encoding="utf-8",
    )
    bad = scan_file(page)
    assert [(b.line, b.role, b.text) for b in bad] == [
        (4, "quote", "as proved by the European Court of Human Rights"),
        (5, "sentence", "5.7"),
        (5, "para", "10"),
    ]
    assert "closest match" in bad[0].problem
    assert str(bad[0]).startswith(f"{page}:4: bad op-ed quote")


def test_notebook_markdown_cells_are_scanned(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("ok\n{quote}`not in the text at all, no`")]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    (bad,) = scan_file(path)
    assert bad.where == f"{path} (cell 1)" and bad.line == 2


def test_cli_check_exit_codes(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.md").write_text("{sentence}`1.1`\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a page: {sentence}`1.9`\n", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(main, ["check", str(tmp_path)])
    assert ok.exit_code == 0, ok.output
    (tmp_path / "chapters" / "b.md").write_text("{sentence}`1.9`\n", encoding="utf-8")
    bad = runner.invoke(main, ["check", str(tmp_path)])
    assert bad.exit_code == 2
    assert "b.md:1: bad op-ed sentence" in bad.output


def test_cli_help_lists_subcommands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("show", "find", "check"):
        assert command in result.output


def test_cli_find_and_show():
    runner = CliRunner()
    found = runner.invoke(main, ["find", "Chiragov v. Armenia"])
    assert found.exit_code == 0 and "sentences 2.3" in found.output
    missing = runner.invoke(main, ["find", "Chiragov versus Armenia"])
    assert missing.exit_code == 2 and "closest match" in missing.output
    shown = runner.invoke(main, ["show", "-p", "5"])
    assert "[5.2] No international body" in shown.output
