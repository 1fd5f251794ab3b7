"""Deprecated alias module of :mod:`medialit.text_html` (the kit's first case was an op-ed)."""

from .text_html import *
from .text_html import render_annotation_notes_html, render_text_html

render_oped_html = render_text_html  # deprecated alias

__all__ = ["render_annotation_notes_html", "render_oped_html", "render_text_html"]
