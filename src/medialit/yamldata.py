"""Deprecated import path: the module is :mod:`medialit.io.yamldata` (moved into ``io/``).
This alias is the same module object, so notebooks and code that import
``medialit.yamldata`` keep working."""

import sys

from .io import yamldata as _module

sys.modules[__name__] = _module
