"""Deprecated import path: the module is :mod:`medialit.io.myst` (moved into ``io/``).
This alias is the same module object, so notebooks and code that import
``medialit.myst`` keep working."""

import sys

from .io import myst as _module

sys.modules[__name__] = _module
