"""Deprecated import path: the module is :mod:`medialit.content.alternative` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.alternative`` keep working."""

import sys

from .content import alternative as _module

sys.modules[__name__] = _module
