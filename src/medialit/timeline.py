"""Deprecated import path: the module is :mod:`medialit.content.timeline` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.timeline`` keep working."""

import sys

from .content import timeline as _module

sys.modules[__name__] = _module
