"""isolation: which mode the sandbox uses, how it is forced, and that the instructor is told."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grading_support import GOOD_ANSWERS, ROOT, student_notebook, write_notebook
from medialit.cli import main
from medialit.grading.isolation import SandboxUnavailable, current_isolation, read_only_paths
from sandbox_support import bubblewrap_problem


def test_the_fallback_can_be_forced_and_says_what_it_is(monkeypatch):
    monkeypatch.setenv("MEDIALIT_SANDBOX", "fallback")
    iso = current_isolation()
    assert iso.mode == "fallback" and "no namespaces" in iso.detail
    assert iso.argv("pass")[1:] == ["-S", "-s", "-P", "-B", "-c", "pass"]


def test_an_unknown_mode_is_refused(monkeypatch):
    monkeypatch.setenv("MEDIALIT_SANDBOX", "docker")
    with pytest.raises(SandboxUnavailable, match="one of auto, bubblewrap, fallback"):
        current_isolation()


def test_requiring_bubblewrap_where_it_cannot_run_fails_clearly(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALIT_SANDBOX", "bubblewrap")
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap on the path
    from medialit.grading import isolation

    isolation._detect.cache_clear()
    try:
        with pytest.raises(SandboxUnavailable, match="bubblewrap .bwrap. is not installed"):
            current_isolation()
    finally:
        isolation._detect.cache_clear()


def test_the_child_sees_no_more_than_the_python_installation_and_the_package():
    paths = read_only_paths(current_isolation().python)
    assert not any(p == str(ROOT) or p.startswith(str(ROOT / "solutions")) for p in paths)
    assert str(ROOT / "src" / "medialit") in paths or any("site-packages" in p for p in paths)
    assert "/etc" not in paths and "/root" not in paths and "/home" not in paths


@pytest.mark.bwrap
def test_bubblewrap_argv_isolates_and_drops_root(monkeypatch):
    if bubblewrap_problem():
        pytest.skip(bubblewrap_problem())
    monkeypatch.setenv("MEDIALIT_SANDBOX", "bubblewrap")
    argv = current_isolation().argv("pass")
    for flag in ("--unshare-pid", "--unshare-net", "--unshare-ipc", "--die-with-parent",
                 "--new-session", "--clearenv", "--remount-ro"):
        assert flag in argv
    import os

    if os.geteuid() == 0:
        assert "--reuid=65534" in argv and "--no-new-privs" in argv
        assert "--bounding-set=-all" in argv


@pytest.mark.parametrize("mode", ["fallback", pytest.param("bubblewrap", marks=pytest.mark.bwrap)])
def test_the_instructors_report_names_the_mode(monkeypatch, tmp_path: Path, mode):
    if mode == "bubblewrap" and bubblewrap_problem():
        pytest.skip(bubblewrap_problem())
    monkeypatch.setenv("MEDIALIT_SANDBOX", mode)
    write_notebook(tmp_path / "subs" / "jane.ipynb", student_notebook(GOOD_ANSWERS))
    result = CliRunner().invoke(main, ["grade", "a", str(tmp_path / "subs"), "--out",
                                       str(tmp_path / "out"), "--solutions",
                                       str(ROOT / "solutions"), "--no-progress"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"code exercises ran in the sandbox's {mode}: " in result.output
