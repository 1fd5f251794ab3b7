"""Deprecated import path: the module is :mod:`medialit.grading.student` (the grading runtime
lives in ``grading/``). This alias is the same module object, so notebooks and code that
import ``medialit.student`` keep working."""

import sys

from .grading import student as _module

sys.modules[__name__] = _module
