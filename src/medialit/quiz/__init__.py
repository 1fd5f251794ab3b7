"""Quizzes: question banks (YAML) validated on load, scored by pure functions, shown three ways
(static HTML in the book, ipywidgets in a live notebook, text for print and answer keys)."""

from .display import Quiz, find_bank
from .errors import BankError, BankProblem
from .loader import Bank, load_bank, load_banks
from .schema import SCHEMA_VERSION
from .scoring import Score, score

__all__ = ["SCHEMA_VERSION", "Bank", "BankError", "BankProblem", "Quiz", "Score", "find_bank",
           "load_bank", "load_banks", "score"]
