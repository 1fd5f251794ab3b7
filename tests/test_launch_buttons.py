"""Launch buttons: the kit's _config.yml keeps them off, and its documented settings, once an
instructor fills in a hub and a repository, put a JupyterHub link on notebook pages.

A tiny book (tests/roots/launch-buttons) gets the kit's own ``launch_buttons`` and
``repository`` blocks, so the test checks the settings the instructor will edit, not a copy.
The link must carry the same parameters as ``medialit launch-link`` gives for that notebook.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, build_book
from medialit.launch import launch_link

FIXTURE = Path(__file__).parent / "roots" / "launch-buttons"
HUB = "https://hub.example.edu"
REPO = "https://github.com/your-org/your-kit"
pytestmark = pytest.mark.build


def kit_settings() -> dict:
    config = YAML(typ="safe").load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return {"launch_buttons": config["launch_buttons"], "repository": config["repository"]}


def test_the_kits_config_keeps_every_launch_service_off():
    settings = kit_settings()
    buttons = settings["launch_buttons"]
    assert buttons["thebe"] is False
    assert buttons["binderhub_url"] == buttons["colab_url"] == buttons["jupyterhub_url"] == ""
    assert buttons["notebook_interface"] in ("classic", "jupyterlab")
    assert settings["repository"]["url"] == ""


def build_with(tmp_path: Path, settings: dict) -> str:
    root = tmp_path / "book"
    shutil.copytree(FIXTURE, root)
    config = {"title": "launch buttons fixture", "only_build_toc_files": True,
              "execute": {"execute_notebooks": "off"}, **settings,
              "sphinx": {"extra_extensions": ["medialit.sphinxext"],
                         "config": {"html_math_renderer": "medialit_plain"}}}
    with open(root / "_config.yml", "w", encoding="utf-8") as handle:
        YAML().dump(config, handle)
    proc = build_book(root)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return (root / "_build" / "html" / "chapters" / "notebook.html").read_text(encoding="utf-8")


def test_off_by_default_and_a_hub_link_once_filled_in(tmp_path):
    settings = kit_settings()
    page = build_with(tmp_path / "off", settings)
    assert "git-pull" not in page and "Launch on" not in page

    settings["launch_buttons"]["jupyterhub_url"] = HUB
    settings["repository"]["url"] = REPO
    page = build_with(tmp_path / "on", settings)
    links = [unescape(u) for u in re.findall(r'href="([^"]*/hub/user-redirect/git-pull[^"]*)"',
                                             page)]
    assert len(links) == 1, links
    assert 'title="Launch on JupyterHub"' in page and "logo_jupyterhub.svg" in page
    # the only launch service on the page: no Binder, Colab or Thebe
    assert "mybinder" not in page and "colab" not in page.lower()
    theirs, ours = links[0], launch_link(HUB, REPO, "chapters/notebook.ipynb", branch="main",
                                         interface="lab")
    assert theirs.split("?")[0] == ours.split("?")[0] == f"{HUB}/hub/user-redirect/git-pull"
    assert parse_qs(urlsplit(theirs).query) == parse_qs(urlsplit(ours).query) == {
        "repo": [REPO], "branch": ["main"],
        "urlpath": ["lab/tree/your-kit/chapters/notebook.ipynb"]}
