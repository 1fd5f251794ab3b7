"""The extension's settings: each ``medialit_*`` config value declared once, with its type,
default, validator and help (the pattern of sphinx-design's ``config.py``).

In ``_config.yml``::

    sphinx:
      config:
        medialit_pack: packs/my-case       # the book's content pack (folder of pack.yml)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..errors import MedialitError
from ..pack import ENV_VAR, find_pack, load_pack, use_pack
from ..quiz.i18n import catalogue_paths, chain, normal


@dataclass(frozen=True)
class ConfigValue:
    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    validate: Callable[[Sphinx, Any], None] | None = None
    rebuild: Literal["", "env", "html"] = "env"  # "env": a change re-reads every page


def _validate_pack(app: Sphinx, value: Any) -> None:
    if value is None:
        return
    folder = Path(app.srcdir) / str(value)
    if not (folder / "pack.yml").is_file() and not str(value).endswith("pack.yml"):
        raise ConfigError(f"medialit_pack = {value!r}: no pack.yml in {folder} (give the "
                          "folder of the book's content pack, relative to the book)")


def _validate_messages(app: Sphinx, value: Any) -> None:
    if value is None:
        return
    folder = Path(app.srcdir) / str(value)
    if not folder.is_dir():
        raise ConfigError(f"medialit_messages = {value!r}: {folder} is not a folder (give the "
                          "folder of the book's <language>.yml catalogues, relative to the book)")


def pack_bib(srcdir: str | Path) -> Path | None:
    """The bibliography the directives check and label citations with: the current pack's
    (``bibliography`` in its manifest; a pack may keep it outside the book), else the book's
    own ``references.bib``; ``None`` when there is neither."""
    from ..pack import BOOK_BIB, current_pack

    declared = current_pack().existing("bibliography")
    if declared is not None:
        return declared
    own = Path(srcdir) / BOOK_BIB
    return own if own.is_file() else None


def quiz_language(config: Config, srcdir: str | Path) -> tuple[str, tuple[str, ...]]:
    """The quizzes' language (Sphinx's ``language``) and the book's catalogue folders (its
    ``medialit_messages``), as :func:`medialit.quiz.i18n.use_language` takes them."""
    folder = config.medialit_messages
    return (normal(config.language),
            (str((Path(srcdir) / folder).resolve()),) if folder else ())


def catalogue_files(config: Config, srcdir: str | Path) -> list[str]:
    """The catalogue files a quiz page's strings come from (a page depends on them)."""
    language, folders = quiz_language(config, srcdir)
    return [str(path) for lang in chain(language) for path in catalogue_paths(lang, folders)]


CONFIG_VALUES = (
    ConfigValue("medialit_pack", None, (str,),
                "The book's content pack: the folder holding its pack.yml, relative to the "
                f"book. Unset: the pack is found as medialit finds it ({ENV_VAR}, or the "
                "nearest pack.yml above the book).", _validate_pack),
    ConfigValue("medialit_messages", None, (str,),
                "A folder of the book's own catalogues of quiz interface strings, "
                "<language>.yml with keys of the package's quiz/messages/en.yml, relative to "
                "the book. The quizzes speak Sphinx's `language`; a key the language's "
                "catalogues lack falls back to English.", _validate_messages),
)


def use_book_pack(app: Sphinx, config: Config) -> None:
    """Validate every setting, then make the book's pack the current pack of this build."""
    for value in CONFIG_VALUES:
        if value.validate is not None:
            value.validate(app, getattr(config, value.name))
    try:
        if config.medialit_pack:
            pack = load_pack(Path(app.srcdir) / config.medialit_pack, book=Path(app.srcdir))
        else:
            pack = find_pack(Path(app.srcdir))
    except MedialitError as exc:
        raise ConfigError(f"medialit: {exc}") from None
    use_pack(pack)
