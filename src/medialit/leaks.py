"""Deprecated import path: the module is :mod:`medialit.grading.leaks` (the grading runtime
lives in ``grading/``). This alias is the same module object, so notebooks and code that
import ``medialit.leaks`` keep working."""

import sys

from .grading import leaks as _module

sys.modules[__name__] = _module
