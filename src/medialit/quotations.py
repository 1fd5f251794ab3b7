"""Deprecated import path: the module is :mod:`medialit.checks.quotations` (moved into ``checks/``).
This alias is the same module object, so notebooks and code that import
``medialit.quotations`` keep working."""

import sys

from .checks import quotations as _module

sys.modules[__name__] = _module
