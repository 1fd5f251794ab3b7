"""Sphinx hook for the live notebooks: a "Run in your browser" block on every notebook page,
download links that save the notebook, and download copies that start with the install check.

Listed in ``_config.yml`` (``sphinx.extra_extensions``) beside ``medialit.sphinxext``. The live
site itself is built after Sphinx by ``medialit lite build`` (``make book``): this hook only
links to it (``lite/notebooks/index.html?path=<the notebook>``). Opened from ``file://`` the
button cannot start the app; a short script shows how to serve the book instead.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx

from .. import __version__
from . import DEFAULT_PORT, LITE_DIR
from .notebooks import is_live, read_notebook, with_install_check, write_notebook

STATIC = Path(__file__).parent / "static"


def _notebook_docnames(app: Sphinx) -> list[str]:
    return sorted(d for d in app.env.found_docs if Path(app.env.doc2path(d)).suffix == ".ipynb")


def live_url(docname: str) -> str:
    """The live notebook's address, relative to the page of ``docname``."""
    up = "../" * docname.count("/")
    return f"{up}{LITE_DIR}/notebooks/index.html?path={quote(docname)}.ipynb"


def live_block_html(docname: str) -> str:
    help_id = "medialit-live-file-" + re.sub(r"[^A-Za-z0-9]+", "-", docname)
    return (
        '<div class="medialit-live" role="note" aria-label="Run this notebook">'
        f'<a class="medialit-live-button" href="{escape(live_url(docname))}" target="_blank" '
        f'rel="noopener" data-medialit-live aria-controls="{help_id}">'
        "Run in your browser</a>"
        "<p>This page is a notebook. The button opens it live in your browser: nothing to "
        "install, no internet needed. Your changes are saved in this browser only (on this "
        "computer). To keep a copy or hand it in, use <strong>File → Download</strong> in the "
        "notebook: it saves the <code>.ipynb</code> file.</p>"
        f'<p class="medialit-live-file" id="{help_id}" tabindex="-1" hidden>'
        "This page was opened as a file, and a live notebook cannot start from a file. "
        "Serve the book first: in the kit's folder run <code>make serve</code> (or "
        f"<code>medialit serve _build/html</code>), then open "
        f"<code>http://localhost:{DEFAULT_PORT}/</code> and this page there.</p>"
        "</div>"
    )


def add_live_block(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: put the block under the first heading of each notebook page that the
    live site carries (not the instructor edition's masters: no live site holds a key)."""
    if (app.builder.format != "html" or Path(app.env.doc2path(docname)).suffix != ".ipynb"
            or not is_live(f"{docname}.ipynb", Path(app.srcdir))):
        return
    block = nodes.raw("", live_block_html(docname), format="html")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, block)
    else:
        doctree.insert(0, block)


def add_static_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("medialit-lite.css")
    app.add_js_file("medialit-lite.js", loading_method="defer")


_DOWNLOAD = re.compile(r'<a href="(?P<href>[^"]*_sources/(?P<path>[^"]+\.ipynb))" target="_blank"')


def fix_download_links(html: str) -> str:
    """The theme's .ipynb link opens a new tab (from file:// Chromium shows the JSON there);
    with ``download`` the browser saves the file."""
    return _DOWNLOAD.sub(lambda m: f'<a href="{m["href"]}" '
                                   f'download="{escape(Path(m["path"]).name)}"', html)


def embed_notebook(html: str, notebook: dict, filename: str) -> str:
    """The download copy inside the page, for file:// where a link cannot make the browser save a
    file (Chromium ignores ``download`` between file URLs); medialit-lite.js saves it as a blob."""
    data = json.dumps(notebook, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    tag = (f'<script type="application/json" id="medialit-notebook-download" '
           f'data-filename="{escape(filename)}">{data}</script>')
    html = re.sub(r'<script type="application/json" id="medialit-notebook-download"[^>]*>.*?'
                  r"</script>", "", html, flags=re.DOTALL)
    return html.replace("</body>", tag + "\n</body>", 1)


def finish(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: download links save; download copies start with the install check."""
    if exception is not None or app.builder.format != "html":
        return
    book_url = app.config.html_baseurl or None
    out = Path(app.outdir)
    for docname in _notebook_docnames(app):
        notebook = with_install_check(read_notebook(Path(app.env.doc2path(docname))),
                                      __version__, book_url)
        copy = out / "_sources" / f"{docname}.ipynb"
        if copy.is_file():
            write_notebook(copy, notebook)
        page = out / f"{docname}.html"
        if page.is_file():
            text = page.read_text(encoding="utf-8")
            fixed = embed_notebook(fix_download_links(text), notebook, copy.name)
            if fixed != text:
                page.write_text(fixed, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    # builder-inited: register the button's CSS/JS for HTML builds only.
    app.connect("builder-inited", add_static_assets)
    # doctree-resolved: the page's doctree is final; the block goes under its first heading.
    app.connect("doctree-resolved", add_live_block)
    # build-finished: every page and every _sources copy is written; adjust them.
    app.connect("build-finished", finish)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
