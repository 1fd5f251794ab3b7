"""The catalogue of interface strings (Check, Hint, Try again, ...) shared by every face.

Strings live in ``messages/<language>.yml`` (English ships complete). A book may bring its own
catalogues in a folder of its own (the Sphinx setting ``medialit_messages``); a file there wins
over the package's for the same language. A catalogue may be incomplete: each key it lacks
falls back, one key at a time, to the base language (``pt`` for ``pt_BR``) and then to English.
A catalogue is checked on load: every key must be one English has, every value a string, and a
value may use only the ``{name}`` placeholders of the English string (an error names the file
and the line).

The faces ask for a string with :func:`message`. Without a ``language`` it is the *current*
language, which a caller sets for a stretch of work with :func:`use_language` (the Sphinx
extension for a page, the widget face for a question's callbacks, the grader for a report), so
the question types' own faces need no language parameter. ``{name}`` placeholders are filled
by :func:`message` here and by the same rule in the static face's JavaScript.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import Problem
from ..io.yamldata import DataError, line_of, read_yaml

DEFAULT_LANGUAGE = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class CatalogueError(DataError):
    """A catalogue of interface strings with a key English lacks, a value that is not a
    string, or a placeholder the English string does not fill."""

    kind = "message catalogue(s)"
    id_kind = "key"


_CURRENT: ContextVar[tuple[str, tuple[str, ...]]] = ContextVar(
    "medialit_language", default=(DEFAULT_LANGUAGE, ()))


@contextmanager
def use_language(language: str | None, folders: Sequence[Path | str] = ()) -> Iterator[None]:
    """Make ``language`` (and the book's catalogue ``folders``) current inside the block."""
    token = _CURRENT.set((normal(language), tuple(str(Path(f).resolve()) for f in folders)))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_language() -> str:
    return _CURRENT.get()[0]


def current_folders() -> tuple[str, ...]:
    """The book's catalogue folders in use (kept when a caller switches language)."""
    return _CURRENT.get()[1]


def normal(language: str | None) -> str:
    """A language tag as the catalogues name it: ``pt-BR`` -> ``pt_BR``; empty -> English."""
    return (language or DEFAULT_LANGUAGE).strip().replace("-", "_") or DEFAULT_LANGUAGE


def chain(language: str) -> list[str]:
    """The languages to look in, most specific first: ``pt_BR`` -> ``pt_BR``, ``pt``, ``en``."""
    out = [language]
    if "_" in language:
        out.append(language.split("_")[0])
    if DEFAULT_LANGUAGE not in out:
        out.append(DEFAULT_LANGUAGE)
    return out


def catalogue(language: str | None = None, folders: Sequence[Path | str] | None = None
              ) -> dict[str, str]:
    """Every interface string for ``language`` (default: the current one), key by key from the
    most specific catalogue that has it; English has them all. Cached: do not change it."""
    current, current_folders = _CURRENT.get()
    lang = normal(language) if language else current
    chosen = current_folders if folders is None else tuple(str(Path(f).resolve())
                                                           for f in folders)
    return _merged(lang, chosen)


@lru_cache(maxsize=32)
def _merged(language: str, folders: tuple[str, ...]) -> dict[str, str]:
    english = _english()
    merged = dict(english)
    for lang in reversed(chain(language)):  # English first, the most specific last
        for path in _files(lang, folders):
            merged.update(_read(path, english))
    return merged


def catalogue_paths(language: str, folders: Sequence[str] = ()) -> list[Path]:
    """The catalogue files of ``language`` that exist: the package's, then each of the book's
    folders' (a later file wins for the keys it has)."""
    return _files(normal(language), tuple(str(Path(f).resolve()) for f in folders))


def _files(language: str, folders: tuple[str, ...]) -> list[Path]:
    found = [Path(f) / f"{language}.yml" for f in folders]
    return [p for p in [_package_file(language), *found] if p.is_file()]


def _package_file(language: str) -> Path:
    return Path(str(resources.files("medialit.quiz").joinpath(f"messages/{language}.yml")))


@lru_cache(maxsize=1)
def _english() -> dict[str, str]:
    """The package's English catalogue: every key there is."""
    return _read(_package_file(DEFAULT_LANGUAGE), None)


def _read(path: Path, english: dict[str, str] | None) -> dict[str, str]:
    """One catalogue file, checked against English (``None``: this is English)."""
    data = read_yaml(path, error=CatalogueError, mapping="a mapping of message keys to strings")
    out: dict[str, str] = {}
    problems = []
    for key, value in data.items():
        name, line = str(key), line_of(data, key)
        if not isinstance(value, str):
            problems.append((line, name, "a message is a string", type(value).__name__))
        elif english is not None and name not in english:
            problems.append((line, name, "not a key of the English catalogue (a typo?)", name))
        elif english is not None and (extra := sorted(
                set(_PLACEHOLDER.findall(value)) - set(_PLACEHOLDER.findall(english[name])))):
            known = sorted(set(_PLACEHOLDER.findall(english[name])))
            words = f"placeholder(s) {extra} are not filled here (English has {known})"
            problems.append((line, name, words, value))
        else:
            out[name] = value
    if problems:
        raise CatalogueError.from_problems([
            Problem(message, str(path), line, name, None, found, id_kind="key")
            for line, name, message, found in problems])
    return out


def message(key: str, language: str | None = None, **values) -> str:
    """The interface string ``key`` in ``language`` (default: the current language), with its
    ``{name}`` placeholders filled from ``values``.

    Remembered by what decides it — the current language and folders, ``language``, ``key``
    and each value's text (``str``, so ``1`` and ``True`` never share a line): a grader
    writes the same few lines for thousands of students, and the catalogues never change
    once read (:func:`catalogue`)."""
    filled = tuple((name, str(value)) for name, value in values.items())
    return _message(_CURRENT.get(), language, key, filled)


@lru_cache(maxsize=8192)
def _message(current: tuple[str, tuple[str, ...]], language: str | None, key: str,
             filled: tuple[tuple[str, str], ...]) -> str:
    lang = normal(language) if language else current[0]
    text = _merged(lang, current[1])[key]
    for name, value in filled:
        text = text.replace("{" + name + "}", value)
    return text
