"""medialit launch-link: nbgitpuller links, parsed back parameter by parameter; bad input refused."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import CliRunner

from medialit.cli import main
from medialit.launch import LaunchLinkError, clone_folder, launch_link, launch_links

ROOT = Path(__file__).resolve().parents[1]
HUB = "https://hub.example.edu"
REPO = "https://github.com/org/kit"


def params(url: str) -> dict[str, str]:
    """The query of ``url`` decoded once, as nbgitpuller reads it; each key exactly once."""
    query = parse_qs(urlsplit(url).query, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values())
    return {key: values[0] for key, values in query.items()}


def run(*args: str):
    return CliRunner().invoke(main, ["launch-link", *args], catch_exceptions=False)


def test_a_link_has_nbgitpullers_documented_form():
    url = launch_link(HUB, REPO, "exercises/set-a-framing.ipynb")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu",
                                                        "/hub/user-redirect/git-pull")
    assert list(params(url)) == ["repo", "branch", "urlpath"]
    assert params(url) == {"repo": REPO, "branch": "main",
                           "urlpath": "lab/tree/kit/exercises/set-a-framing.ipynb"}
    # every reserved character of a value is encoded: nothing is left to a decoder's guess
    assert "repo=https%3A%2F%2Fgithub.com%2Forg%2Fkit&" in url


def test_interface_branch_and_a_hub_under_a_path_prefix():
    url = launch_link("https://example.edu/jupyter/", REPO + "/", "chapters/explore-the-text.ipynb",
                      branch="spring-2027", interface="notebook")
    assert url.startswith("https://example.edu/jupyter/hub/user-redirect/git-pull?")
    assert params(url) == {"repo": REPO, "branch": "spring-2027",
                           "urlpath": "tree/kit/chapters/explore-the-text.ipynb"}


def test_the_folder_is_the_repository_name_as_nbgitpuller_takes_it():
    assert clone_folder("https://gitlab.example.edu/teaching/media-kit") == "media-kit"
    assert clone_folder("https://github.com/org/kit.git") == "kit.git"  # nbgitpuller keeps .git
    url = launch_link(HUB, "https://gitlab.example.edu/teaching/media-kit", "exercises/x.ipynb")
    assert params(url)["urlpath"] == "lab/tree/media-kit/exercises/x.ipynb"


def test_a_file_name_with_a_space_or_hash_survives_nbgitpullers_decoding():
    """nbgitpuller decodes the query once and redirects to base_url + urlpath: the path
    segments must still be encoded then."""
    urlpath = params(launch_link(HUB, REPO, "extra/week 1 #2.ipynb"))["urlpath"]
    assert urlpath == "lab/tree/kit/extra/week%201%20%232.ipynb"
    assert unquote(urlpath) == "lab/tree/kit/extra/week 1 #2.ipynb"


def test_default_is_every_exercise_notebook_labelled_with_its_path():
    result = run("--hub", HUB, "--repo", REPO, "--root", str(ROOT))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    expected = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "exercises").glob("*.ipynb"))
    assert [line.split("  ")[0] for line in lines] == expected and len(expected) == 5
    for line in lines:
        path, url = line.split("  ")
        assert params(url)["urlpath"] == f"lab/tree/kit/{path}"


def test_chapters_flag_adds_the_chapter_notebooks_and_markdown_lists_them():
    result = run("--hub", HUB, "--repo", REPO, "--root", str(ROOT), "--chapters", "--markdown",
                 "exercises/set-e-synthesis.ipynb")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    chapters = sorted((ROOT / "chapters").glob("*.ipynb"))
    assert len(lines) == 1 + len(chapters) and chapters
    assert lines[0].startswith("- [exercises/set-e-synthesis.ipynb](https://hub.example.edu/")
    assert all(line.startswith("- [chapters/") and line.endswith(")") for line in lines[1:])


def test_paths_may_be_given_relative_to_root_or_absolute():
    links = launch_links(HUB, REPO, [ROOT / "exercises" / "set-b-sourcing.ipynb",
                                     "chapters/analysis-hedges.ipynb"], root=ROOT)
    assert [link.path for link in links] == ["exercises/set-b-sourcing.ipynb",
                                             "chapters/analysis-hedges.ipynb"]


@pytest.mark.parametrize("option, value, message", [
    ("--hub", "hub.example.edu", "--hub must be an http(s) URL"),
    ("--hub", "ftp://hub.example.edu", "--hub must be an http(s) URL"),
    ("--hub", "https://hub.example.edu/hub/login", "without /hub/… or /user/…"),
    ("--hub", "https://hub.example.edu/user/jane/lab", "without /hub/… or /user/…"),
    ("--hub", "https://hub.example.edu/?next=x", "must not carry a query"),
    ("--repo", "git@github.com:org/kit.git", "--repo must be an http(s) URL"),
    ("--repo", "github.com/org/kit", "--repo must be an http(s) URL"),
    ("--repo", "https://github.com/", "--repo must name a repository"),
    ("--branch", "my branch", "is not a git branch name"),
    ("--branch", "-x", "is not a git branch name"),
    ("--branch", "a..b", "is not a git branch name"),
])
def test_bad_hub_repo_or_branch_is_a_clear_error(option, value, message):
    args = {"--hub": HUB, "--repo": REPO, "--branch": "main", option: value}
    result = run(*[part for pair in args.items() for part in pair], "--root", str(ROOT))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_bad_interface_is_refused_by_the_command():
    result = run("--hub", HUB, "--repo", REPO, "--interface", "rstudio", "--root", str(ROOT))
    assert result.exit_code == 2 and "'lab'" in result.output and "'notebook'" in result.output
    with pytest.raises(LaunchLinkError, match="--interface must be one of"):
        launch_link(HUB, REPO, "exercises/x.ipynb", interface="rstudio")


def test_missing_outside_or_non_notebook_paths_are_refused(tmp_path: Path):
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "fake.ipynb").write_text("not json", encoding="utf-8")
    (tmp_path / "real.ipynb").write_text(json.dumps(
        {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    base = ("--hub", HUB, "--repo", REPO, "--root", str(tmp_path))
    cases = {"missing.ipynb": "missing.ipynb: no such file",
             "notes.md": "notes.md: not a notebook (.ipynb)",
             "fake.ipynb": "fake.ipynb: not a readable notebook",
             str(ROOT / "exercises" / "set-a-framing.ipynb"): "not inside the repository folder"}
    for path, message in cases.items():
        result = run(*base, path)
        assert result.exit_code == 2 and message in result.output, result.output
    result = run(*base, "real.ipynb")
    assert result.exit_code == 0 and result.output.startswith("real.ipynb  https://")
    result = run(*base)  # no exercises/ folder here
    assert result.exit_code == 2 and "no notebooks in" in result.output
