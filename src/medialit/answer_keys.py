"""Deprecated import path: the module is :mod:`medialit.grading.answer_keys` (the grading runtime
lives in ``grading/``). This alias is the same module object, so notebooks and code that
import ``medialit.answer_keys`` keep working."""

import sys

from .grading import answer_keys as _module

sys.modules[__name__] = _module
