"""Deprecated import path: the module is :mod:`medialit.text.refs` (moved into ``text/``).
This alias is the same module object, so notebooks and code that import
``medialit.refs`` keep working."""

import sys

from .text import refs as _module

sys.modules[__name__] = _module
