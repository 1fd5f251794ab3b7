"""The theme's page chrome as the kit wants it (issue 16 §2, §5): what the header offers.

- **Theme options jupyter-book 1 drops.** Its ``html:`` section passes only some keys to
  sphinx-book-theme; ``use_fullscreen_button`` is not one of them, so ``false`` there did
  nothing. ``medialit_theme_options`` (``sphinx: config:`` in ``_config.yml``) is merged into
  ``html_theme_options`` at ``config-inited``: the kit's config turns the button off.
- **The download menu** (``html-page-context``, after the theme built its buttons) offers a
  notebook page's ``.ipynb`` and the PDF (print), never a prose page's Markdown source: a
  student has no use for the ``.md`` file of a page, which holds directives, not the page.
- **The page title** is not doubled (``templates/layout.html``, block ``htmltitle``): the page
  whose title is the book's title gets "A Text, Read Closely", not "A Text, Read Closely —
  A Text, Read Closely".
- **Search** (``static/medialit-search.js``, on the search page only): snippets from a page's
  text rather than its header buttons ("....md"), and on ``file://`` a note that says why
  results come without snippets.
- **Landmarks**: the sidebar's book title (the link home) sits in a labelled ``<nav>``
  (``templates/navbar-logo.html``), so axe's "region" rule finds no content outside a
  landmark.
"""

from __future__ import annotations

from sphinx.application import Sphinx

# sphinx-book-theme's download menu: the label of the group and of the source-file link
DOWNLOAD_GROUP = "download-buttons"
SOURCE_BUTTON = "download-source-button"
NOTEBOOK_BUTTON = "download-notebook-button"


def merge_theme_options(app: Sphinx, config) -> None:
    """config-inited: ``medialit_theme_options`` over jupyter-book's ``html_theme_options``."""
    extra = config.medialit_theme_options or {}
    if not isinstance(extra, dict):
        raise TypeError(f"_config.yml: sphinx.config.medialit_theme_options must be a mapping "
                         f"of sphinx-book-theme options, not {extra!r}")
    config.html_theme_options = {**(config.html_theme_options or {}), **extra}


def download_buttons(buttons: list[dict], source_suffix: str | None) -> list[dict]:
    """The download menu's entries for a page with this source suffix (see the module doc)."""
    out = []
    has_notebook = any(b.get("label") == NOTEBOOK_BUTTON for b in buttons)
    for button in buttons:
        if button.get("label") == SOURCE_BUTTON and (source_suffix != ".ipynb" or has_notebook):
            continue  # a prose page's .md, or a second link to the same notebook
        out.append(button)
    return out


def tidy_header(app: Sphinx, pagename: str, templatename: str, context: dict,
                doctree) -> None:
    """html-page-context (after sphinx-book-theme's buttons): the download menu, and the search
    page's script."""
    if pagename == "search" and "script_files" in context:
        from sphinx.builders.html._assets import _JavaScript

        context["script_files"] = [*context["script_files"],
                                   _JavaScript("_static/medialit-search.js", defer="defer")]
    for group in context.get("header_buttons") or []:
        if isinstance(group, dict) and group.get("label") == DOWNLOAD_GROUP:
            group["buttons"] = download_buttons(group.get("buttons", []),
                                                context.get("page_source_suffix"))


def setup_chrome(app: Sphinx) -> None:
    app.add_config_value("medialit_theme_options", {}, "html", types=(dict,))
    app.connect("config-inited", merge_theme_options)
    app.connect("html-page-context", tidy_header, priority=600)
