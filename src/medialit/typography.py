"""Deprecated import path: the module is :mod:`medialit.text.typography` (moved into ``text/``).
This alias is the same module object, so notebooks and code that import
``medialit.typography`` keep working."""

import sys

from .text import typography as _module

sys.modules[__name__] = _module
