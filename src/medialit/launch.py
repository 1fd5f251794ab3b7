"""nbgitpuller links that open the kit's notebooks on a JupyterHub (``medialit launch-link``).

A link has nbgitpuller's documented form::

    <hub>/hub/user-redirect/git-pull?repo=<repo>&branch=<branch>&urlpath=<urlpath>

When a student follows it, the hub clones (or updates) ``repo`` into a folder of the student's
home named like the repository (nbgitpuller takes the last part of the repository URL), then
opens ``urlpath`` there: ``lab/tree/<folder>/<path>`` in JupyterLab, ``tree/<folder>/<path>``
in the classic Notebook interface. Each query value is percent-encoded in full; inside
``urlpath`` each path segment is encoded too, so that a file name with a space or a ``#``
still opens the right notebook after nbgitpuller decodes the query.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode, urlsplit

from .errors import MedialitError

if TYPE_CHECKING:
    from .pack import ContentPack

INTERFACES = {"lab": "lab/tree", "notebook": "tree"}
# A git branch name, loosely: no spaces, no "..", no leading "-", none of git's forbidden signs.
_BRANCH = re.compile(r"^(?!-)(?!.*\.\.)(?!.*//)[^\s~^:?*\[\\]+(?<![./])$")


class LaunchLinkError(MedialitError, ValueError):
    """A bad hub URL, repository URL, branch or notebook path; the message says which."""


@dataclass(frozen=True)
class LaunchLink:
    path: str  # the notebook, relative to the repository root, with "/" separators
    url: str


def _http_url(value: str, what: str, example: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LaunchLinkError(f"{what} must be an http(s) URL such as {example}, "
                              f"not {value!r}")
    if parts.query or parts.fragment:
        raise LaunchLinkError(f"{what} must not carry a query or a fragment: {value!r}")
    return value.rstrip("/")


def hub_base(hub: str) -> str:
    """The hub's base URL, checked: http(s), no query, not a page of the hub."""
    base = _http_url(hub, "--hub", "https://hub.example.edu")
    segments = [s for s in urlsplit(base).path.split("/") if s]
    if "hub" in segments or "user" in segments:
        raise LaunchLinkError(f"--hub must be the hub's address without /hub/… or /user/… "
                              f"(for example https://hub.example.edu), not {hub!r}")
    return base


def repo_url(repo: str) -> str:
    """The repository URL, checked: http(s), with a path naming the repository."""
    url = _http_url(repo, "--repo", "https://github.com/your-org/your-kit")
    if not [s for s in urlsplit(url).path.split("/") if s]:
        raise LaunchLinkError(f"--repo must name a repository, e.g. "
                              f"https://github.com/your-org/your-kit, not {repo!r}")
    return url


def clone_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: the URL's last part, as nbgitpuller takes it
    (``https://github.com/org/kit`` -> ``kit``; a URL ending in ``.git`` keeps it)."""
    return repo.rstrip("/").split("/")[-1]


def check_branch(branch: str) -> str:
    if not _BRANCH.match(branch):
        raise LaunchLinkError(f"--branch {branch!r} is not a git branch name")
    return branch


def notebook_path(path: Path | str, root: Path) -> str:
    """``path`` relative to ``root`` with "/" separators; it must be a notebook inside ``root``."""
    root = root.resolve()
    candidate = Path(path)
    full = (candidate if candidate.is_absolute() else root / candidate).resolve()
    try:
        relative = full.relative_to(root)
    except ValueError:
        raise LaunchLinkError(f"{path}: not inside the repository folder {root}") from None
    if not full.is_file():
        raise LaunchLinkError(f"{path}: no such file in {root}")
    if full.suffix != ".ipynb":
        raise LaunchLinkError(f"{path}: not a notebook (.ipynb)")
    try:
        data = json.loads(full.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LaunchLinkError(f"{path}: not a readable notebook ({exc})") from None
    if not (isinstance(data, dict) and isinstance(data.get("cells"), list)
            and "nbformat" in data):
        raise LaunchLinkError(f"{path}: not a readable notebook (no 'cells' and 'nbformat')")
    return relative.as_posix()


def folder_notebooks(root: Path, folder: Path | str) -> list[str]:
    """Every ``<folder>/*.ipynb`` under ``root``, sorted; none is an error."""
    found = [p.relative_to(root).as_posix() for p in sorted((root / folder).glob("*.ipynb"))]
    if not found:
        raise LaunchLinkError(f"no notebooks in {root / folder}/")
    return found


def released_folder(root: Path, pack: ContentPack) -> Path:
    """The pack's released notebooks (its ``exercises``) at their place in the book at
    ``root``; an error when the pack declares none."""
    folder = pack.in_book("exercises", root)
    if folder is None:
        raise LaunchLinkError(f"{pack.manifest_path}: the pack {pack.name!r} declares no "
                              "released notebooks (exercises): give the notebooks' PATHs")
    return folder


def chapter_folders(root: Path, pack: ContentPack) -> list[Path]:
    """The folders of the book's pages (as its ``_toc.yml`` lists them), the released
    notebooks' excepted: ``chapters/`` in the kit's book."""
    from .checks.refcheck import toc_places

    released = pack.in_book("exercises", root)
    return [folder for folder in toc_places(root)[1] if folder.resolve() != released]


def launch_link(hub: str, repo: str, path: str, *, branch: str = "main",
                interface: str = "lab") -> str:
    """One nbgitpuller link that opens ``path`` (relative to the repository root)."""
    if interface not in INTERFACES:
        raise LaunchLinkError(f"--interface must be one of {sorted(INTERFACES)}, "
                              f"not {interface!r}")
    base, repo = hub_base(hub), repo_url(repo)
    segments = [clone_folder(repo), *path.split("/")]
    urlpath = INTERFACES[interface] + "/" + "/".join(quote(s, safe="") for s in segments)
    query = urlencode({"repo": repo, "branch": check_branch(branch), "urlpath": urlpath},
                      quote_via=quote, safe="")
    return f"{base}/hub/user-redirect/git-pull?{query}"


def launch_links(hub: str, repo: str, paths: list[Path | str] | None = None, *,
                 root: Path = Path("."), branch: str = "main", interface: str = "lab",
                 chapters: bool = False, pack: ContentPack | None = None) -> list[LaunchLink]:
    """Links for ``paths`` (default: every notebook of the pack's released ``exercises``, in
    the book at ``root``), each checked to be a notebook inside ``root``; ``chapters`` adds the
    notebooks of the book's page folders (:func:`chapter_folders`: ``chapters/*.ipynb`` in the
    kit's book). ``pack`` defaults to the current pack."""
    from .pack import current_pack

    root = Path(root).resolve()
    hub_base(hub), repo_url(repo), check_branch(branch)  # report a bad URL before any path
    pack = pack or current_pack()
    relative = ([notebook_path(p, root) for p in paths] if paths
                else folder_notebooks(root, released_folder(root, pack)))
    if chapters:
        folders = chapter_folders(root, pack)
        found = [p.relative_to(root).as_posix() for folder in folders
                 for p in sorted(folder.glob("*.ipynb"))]
        if not found:
            raise LaunchLinkError("no notebooks in the folders of the book's pages ("
                                  + (", ".join(f"{f}/" for f in folders) or "none: the book's "
                                     "_toc.yml lists no page in a folder") + ")")
        relative += [p for p in found if p not in relative]
    return [LaunchLink(p, launch_link(hub, repo, p, branch=branch, interface=interface))
            for p in relative]
