"""The ``medialit`` command: thin click commands over the package's modules.

This module is the command group (``main``, the ``--pack`` option, and the one place where a
:class:`~medialit.errors.MedialitError` becomes an exit code). The commands live beside it by
what they work on: :mod:`.text` (the case text and the checks), :mod:`.content` (exports,
handouts, launch links), :mod:`.grading` (release, grade, Gradescope, the leak check) and
:mod:`.site` (the live notebooks and the local server)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from ..errors import MedialitError

if TYPE_CHECKING:
    from ..pack import ContentPack


class CommandError(click.ClickException):
    """How click shows a :class:`~medialit.errors.MedialitError`: its message, no traceback,
    and the error's own exit code."""

    def __init__(self, error: MedialitError):
        super().__init__(str(error))
        self.exit_code = error.exit_code  # type: ignore[misc]  # click reads it per instance


class KitGroup(click.Group):
    """A click group whose commands may raise :class:`MedialitError` for any bad input: the
    one place where the kit's errors become exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MedialitError as exc:
            raise CommandError(exc) from None


def _use_pack(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    from .. import pack

    if value is not None:
        before = list(pack._CURRENT)
        # --pack holds for this command only (tests run several commands in one process)
        ctx.call_on_close(lambda: pack._CURRENT.__setitem__(slice(None), before))
        try:
            ctx.meta[PACK_GIVEN] = pack.use_pack(value)
        except MedialitError as exc:
            raise click.BadParameter(str(exc)) from None


PACK_GIVEN = "medialit.pack"  # where ``--pack`` leaves the pack it chose (click's ctx.meta)


def pack_for(folder: Path) -> ContentPack:
    """The pack a command on the book at ``folder`` works on: the one ``--pack`` gave, else
    the one found from ``folder`` (:func:`medialit.pack.find_pack`: the book at or above it
    that names its pack in its ``_config.yml`` first), so ``medialit check BOOK`` run from
    anywhere checks BOOK against its own pack."""
    from ..pack import find_pack

    given = click.get_current_context().meta.get(PACK_GIVEN)
    return given if given is not None else find_pack(Path(folder))


@click.group(cls=KitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medialit")
@click.option("--pack", type=click.Path(exists=True, path_type=Path), default=None,
              expose_value=False, is_eager=True, callback=_use_pack,
              help="The content pack to work on (a folder with pack.yml). Default: the one "
                   "the book you stand in names in its _config.yml (sphinx.config."
                   "medialit_pack), else MEDIALIT_PACK, else the nearest pack.yml upwards.")
def main() -> None:
    """Tools of the media-literacy kit: the case text, checks, quizzes and grading."""


def pack_folder(key: str, given: Path | None, option: str) -> Path:
    """The folder an option gave (``given``), else the one the pack declares for ``key``
    (``masters``, ``exercises``) at its place in the book the working folder is in
    (:meth:`~medialit.pack.ContentPack.in_book`), shown relative to the working folder when it
    lies inside it. Raises :class:`~medialit.pack.PackError` when the pack declares none."""
    if given is not None:
        return given
    from ..pack import PackError

    pack = pack_for(Path.cwd())
    folder = pack.in_book(key)
    if folder is None:
        raise PackError(f"{pack.manifest_path}: the pack {pack.name!r} declares no {key!r}: "
                        f"give {option}", file=str(pack.manifest_path), field=key)
    here = Path.cwd().resolve()
    return folder.relative_to(here) if folder.is_relative_to(here) else folder


# the commands register themselves on ``main`` (imported last: they import ``main`` from here)
from . import content, grading, site, text  # noqa: F401

__all__ = ["CommandError", "KitGroup", "main", "pack_folder", "pack_for"]
