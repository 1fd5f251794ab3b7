"""The catalogue of interface strings (Check, Hint, Try again, ...) shared by every face.

Strings live in ``messages/<lang>.yml`` (English ships complete). ``{name}`` placeholders are
filled by :func:`message` here and by the same rule in the static face's JavaScript.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ruamel.yaml import YAML

DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=8)
def catalogue(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every interface string for ``language``; keys missing there fall back to English."""
    base = _read(DEFAULT_LANGUAGE)
    if language == DEFAULT_LANGUAGE:
        return base
    return {**base, **_read(language)}


def _read(language: str) -> dict[str, str]:
    path = resources.files("medialit.quiz").joinpath(f"messages/{language}.yml")
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def message(key: str, language: str = DEFAULT_LANGUAGE, **values) -> str:
    text = catalogue(language)[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text
