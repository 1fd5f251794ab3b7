"""Deprecated import path: the module is :mod:`medialit.content.sources` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.sources`` keep working."""

import sys

from .content import sources as _module

sys.modules[__name__] = _module
