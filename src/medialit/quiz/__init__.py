"""Quizzes: question banks (YAML) validated on load, scored by pure functions, shown three ways
(static HTML in the book, ipywidgets in a live notebook, text for print and answer keys)."""

from typing import TYPE_CHECKING

from .errors import BankError, BankProblem
from .schema import SCHEMA_VERSION
from .scoring import Score, score

if TYPE_CHECKING:
    from .display import Quiz, find_bank
    from .loader import Bank, load_bank, load_banks

# The faces and the loader are imported when first used, so that the student path (the answer
# checks in a graded notebook, which consult the question types) loads no Markdown parser.
_LAZY = {"Quiz": "display", "find_bank": "display", "Bank": "loader", "load_bank": "loader",
         "load_banks": "loader"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)

__all__ = ["SCHEMA_VERSION", "Bank", "BankError", "BankProblem", "Quiz", "Score", "find_bank",
           "load_bank", "load_banks", "score"]
