"""What the live site leaves out of the JupyterLite app: plugins no student path uses, and the
script chunks only those plugins would load.

JupyterLite ships one prebuilt app (``jupyterlite-app-<version>.tgz`` inside jupyterlite-core)
whose ``build/`` holds every chunk of every app it offers. The site disables, by JupyterLab's
own ``disabledExtensions`` setting, the plugins listed in :data:`DISABLED_PLUGINS`; the libraries
only those plugins import (:data:`DROPPED_LIBRARIES`: Mermaid diagrams, Vega charts, the
terminal, the language-server client) are then never requested, so the chunks made of nothing
else are not copied into the site. Which library a chunk holds is read from the app's own source
maps in the archive, never guessed from file names. A chunk that also holds anything else stays,
and so does every chunk an app's entry bundle names.
"""

from __future__ import annotations

import fnmatch
import json
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import MedialitError

# Plugin ids (JupyterLab's "package:plugin"), each group with why no student needs it.
DISABLED_PLUGINS = (
    # Mermaid diagrams in Markdown cells: none of the kit's notebooks draws one (3.5 MB of scripts)
    "@jupyterlab/mermaid-extension:core",
    "@jupyterlab/mermaid-extension:markdown",
    "@jupyterlab/mermaid-extension:context-commands",
    "@jupyterlab/mermaid-extension:factory",
    # Vega and Vega-Lite outputs: the kit draws its charts as SVG (medialit.analysis.charts)
    "@jupyterlab/vega5-extension:factory",
    # terminals: a browser kernel has none
    "@jupyterlab/terminal-extension:plugin",
    "@jupyterlab/terminal-extension:open-folder-in-terminal",
    "@jupyterlab/services-extension:terminal-manager",
    # language servers: there is no server to run one
    "@jupyterlab/lsp-extension:feature",
    "@jupyterlab/lsp-extension:settings",
    "@jupyterlab/lsp-extension:code-extractor-manager",
    "@jupyterlab/lsp-extension:tracker",
    "@jupyterlite/application-extension:lsp-connection-manager",
    "@jupyterlab/notebook-extension:language-server",
    "@jupyterlab/fileeditor-extension:language-server",
    # consoles (the REPL beside a notebook): the exercises are notebooks, and the kit ships no
    # console or REPL app either
    "@jupyterlab/console-extension:factory",
    "@jupyterlab/console-extension:tracker",
    "@jupyterlab/console-extension:foreign",
    "@jupyterlab/console-extension:cursor-position",
    "@jupyterlab/console-extension:completer",
    "@jupyterlab/console-extension:cell-executor",
    "@jupyterlab/console-extension:kernel-status",
    "@jupyter-notebook/console-extension:opener",
    "@jupyter-notebook/console-extension:redirect",
    "@jupyter-notebook/console-extension:scratchpad-console",
    "@jupyterlab/notebook-extension:code-console",
    "@jupyterlab/tooltip-extension:consoles",
    "@jupyterlab/inspector-extension:consoles",
    # Help menu links to the Jupyter forum and documentation online: dead links offline
    "@jupyterlab/help-extension:jupyter-forum",
    "@jupyterlab/help-extension:resources",
)

# npm packages that only the disabled plugins import (glob patterns on the package name).
DROPPED_LIBRARIES = (
    # Mermaid and what only it uses
    "mermaid", "@mermaid-js/*", "@braintree/sanitize-url", "@iconify/utils", "@upsetjs/venn.js",
    "cytoscape", "cytoscape-*", "cose-base", "layout-base", "dagre-d3-es", "dayjs", "dompurify",
    "elkjs", "es-toolkit", "katex", "khroma", "roughjs", "stylis", "ts-dedent", "lodash-es",
    "d3-*", "delaunator", "robust-predicates", "internmap",
    # Vega, Vega-Lite, vega-embed
    "vega", "vega-*", "json-stringify-pretty-compact", "topojson-client",
    # the terminal's xterm.js and the language-server client
    "@xterm/*", "vscode-jsonrpc", "vscode-ws-jsonrpc",
)

_PACKAGE = re.compile(r"node_modules/((?:@[^/]+/)?[^/]+)")
_CHUNK_REF = re.compile(r"\b[a-zA-Z_$]\.e\((\d+)\)")


class TrimError(MedialitError, RuntimeError):
    """The app cannot be trimmed safely; the message says why."""


@dataclass(frozen=True)
class TrimReport:
    files: list[str]  # removed, relative to the site
    bytes: int


def app_archive() -> Path:
    """The prebuilt app inside jupyterlite-core (the site's ``build/`` is copied from it)."""
    import jupyterlite_core

    found = sorted(Path(jupyterlite_core.__file__).parent.glob("jupyterlite-app-*.tgz"))
    if len(found) != 1:
        raise TrimError(f"lite: expected one jupyterlite-app-*.tgz in jupyterlite-core, found "
                        f"{[p.name for p in found]}")
    return found[0]


def chunk_libraries(archive: Path) -> dict[str, set[str]]:
    """For each script chunk of the app's ``build/``, the npm packages its source map names.

    A module outside ``node_modules`` (the app's own code, the bundler's runtime) counts as the
    package ``"<app>"``, which is never dropped.
    """
    chunks: dict[str, set[str]] = {}
    with tarfile.open(archive) as tar:
        for member in tar:
            parts = member.name.split("/")
            if len(parts) != 3 or parts[1] != "build" or not parts[2].endswith(".js.map"):
                continue
            handle = tar.extractfile(member)
            if handle is None:  # not a regular file
                continue
            sources = json.load(handle)["sources"]
            names = set()
            for source in sources:
                found = _PACKAGE.findall(source)
                names.add(found[-1] if found else "<app>")
            chunks[parts[2][:-len(".map")]] = names
    return chunks


def is_dropped(package: str) -> bool:
    return any(fnmatch.fnmatchcase(package, pattern) for pattern in DROPPED_LIBRARIES)


def droppable(chunks: dict[str, set[str]]) -> list[str]:
    """Chunk file names made only of dropped libraries."""
    return sorted(name for name, packages in chunks.items()
                  if packages and all(is_dropped(p) for p in packages))


def entry_chunks(build: Path) -> set[str]:
    """Chunk ids the apps' entry bundles (``build/<app>/bundle.js``) load by themselves."""
    ids = set()
    for bundle in build.glob("*/bundle.js"):
        ids |= set(_CHUNK_REF.findall(bundle.read_text(encoding="utf-8")))
    return ids


def trim_app(site: Path, archive: Path | None = None) -> TrimReport:
    """Remove from ``site/build`` the chunks that only the disabled plugins would load."""
    build = site / "build"
    drop = [name for name in droppable(chunk_libraries(archive or app_archive()))
            if (build / name).is_file()]
    needed = entry_chunks(build)
    clash = sorted(name for name in drop if name.split(".", 1)[0] in needed)
    if clash:
        raise TrimError(f"lite: an app's entry bundle loads {', '.join(clash)}, which hold only "
                        "libraries of disabled plugins; check DROPPED_LIBRARIES "
                        "(medialit/lite/trim.py)")
    size = 0
    for name in drop:
        size += (build / name).stat().st_size
        (build / name).unlink()
    return TrimReport([f"build/{name}" for name in drop], size)
