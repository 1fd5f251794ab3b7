"""Deprecated import path: the module is :mod:`medialit.text.case` (moved into ``text/``).
This alias is the same module object, so notebooks and code that import
``medialit.case`` keep working."""

import sys

from .text import case as _module

sys.modules[__name__] = _module
