"""Deprecated import path: the module is :mod:`medialit.content.objectives` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.objectives`` keep working."""

import sys

from .content import objectives as _module

sys.modules[__name__] = _module
