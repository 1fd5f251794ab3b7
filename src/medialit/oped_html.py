"""Deprecated alias module of :mod:`medialit.text.text_html` (the first case was an op-ed)."""

from .text.text_html import *
from .text.text_html import render_annotation_notes_html, render_text_html

render_oped_html = render_text_html  # deprecated alias

__all__ = ["render_annotation_notes_html", "render_oped_html", "render_text_html"]
