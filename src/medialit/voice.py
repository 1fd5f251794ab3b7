"""Deprecated import path: the module is :mod:`medialit.content.voice` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.voice`` keep working."""

import sys

from .content import voice as _module

sys.modules[__name__] = _module
