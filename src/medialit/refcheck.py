"""Deprecated import path: the module is :mod:`medialit.checks.refcheck` (moved into ``checks/``).
This alias is the same module object, so notebooks and code that import
``medialit.refcheck`` keep working."""

import sys

from .checks import refcheck as _module

sys.modules[__name__] = _module
