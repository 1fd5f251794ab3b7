"""Deprecated import path: the module is :mod:`medialit.content.timeline_svg` (moved into ``content/``).
This alias is the same module object, so notebooks and code that import
``medialit.timeline_svg`` keep working."""

import sys

from .content import timeline_svg as _module

sys.modules[__name__] = _module
