"""Deprecated import path: the module is :mod:`medialit.content.bib` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.bib`` keep working."""

import sys

from .content import bib as _module

sys.modules[__name__] = _module
