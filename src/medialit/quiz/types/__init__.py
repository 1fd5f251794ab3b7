"""The question types, one module each; importing this package registers all of them."""

from . import (  # noqa: F401  (each import registers its type)
    click_phrase,
    free_text,
    label_sentences,
    matching,
    multiple_choice,
    numeric,
    ordering,
    single_choice,
    true_false,
)
from .base import REGISTRY, model_for, register

__all__ = ["REGISTRY", "model_for", "register"]
