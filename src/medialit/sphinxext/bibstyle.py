"""A pybtex bibliography style that also formats ``@report`` entries.

``references.bib`` holds ``@report`` entries (UN, HRW, IDMC reports: the biblatex type).
pybtex's built-in styles know only BibTeX's ``@techreport``, so citing a ``@report`` entry
crashes sphinxcontrib-bibtex with "'Style' object has no attribute 'format_report'". This
style is pybtex's ``alpha`` style (sphinxcontrib-bibtex's default) with ``report`` formatted
like ``techreport``.
"""

from __future__ import annotations

from pybtex.plugin import PluginNotFound, find_plugin, register_plugin
from sphinx.application import Sphinx

STYLE_NAME = "medialit-alpha"


def _style_class():
    base = find_plugin("pybtex.style.formatting", "alpha")

    class MedialitAlphaStyle(base):
        """``alpha`` plus ``@report`` (formatted as a technical report)."""

        def get_report_template(self, e):
            if "institution" not in e.fields:
                # biblatex reports name the body as "organization" or "publisher"
                for field in ("organization", "publisher"):
                    if field in e.fields:
                        e.fields["institution"] = e.fields[field]
                        break
                else:
                    e.fields["institution"] = ""
            return self.get_techreport_template(e)

    return MedialitAlphaStyle


def use_report_aware_style(app: Sphinx, config) -> None:
    """Register the style and make it the default when the book keeps the default."""
    try:
        find_plugin("pybtex.style.formatting", STYLE_NAME)
    except PluginNotFound:
        register_plugin("pybtex.style.formatting", STYLE_NAME, _style_class())
    if getattr(config, "bibtex_default_style", None) == "alpha":
        config.bibtex_default_style = STYLE_NAME
