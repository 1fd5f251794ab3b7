"""Deprecated import path: the module is :mod:`medialit.content.annotations` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.annotations`` keep working."""

import sys

from .content import annotations as _module

sys.modules[__name__] = _module
