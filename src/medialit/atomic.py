"""Deprecated import path: the module is :mod:`medialit.io.atomic` (moved into ``io/``).
This alias is the same module object, so notebooks and code that import
``medialit.atomic`` keep working."""

import sys

from .io import atomic as _module

sys.modules[__name__] = _module
