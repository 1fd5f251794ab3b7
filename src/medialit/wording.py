"""Deprecated import path: the module is :mod:`medialit.content.wording` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.wording`` keep working."""

import sys

from .content import wording as _module

sys.modules[__name__] = _module
