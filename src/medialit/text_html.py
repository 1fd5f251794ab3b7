"""Deprecated import path: the module is :mod:`medialit.text.text_html` (moved into ``text/``).
This alias is the same module object, so notebooks and code that import
``medialit.text_html`` keep working."""

import sys

from .text import text_html as _module

sys.modules[__name__] = _module
