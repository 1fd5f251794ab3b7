"""Deprecated import path: the module is :mod:`medialit.content.corrections` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.corrections`` keep working."""

import sys

from .content import corrections as _module

sys.modules[__name__] = _module
