"""Deprecated import path: the module is :mod:`medialit.checks.citations` (moved into ``checks/``).
This alias is the same module object, so notebooks and code that import
``medialit.citations`` keep working."""

import sys

from .checks import citations as _module

sys.modules[__name__] = _module
