"""Commands of the live notebooks and the local server: lite build, lite check, serve."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import MedialitError
from . import main


@main.group("lite")
def lite() -> None:
    """The book's notebooks live in the browser (JupyterLite with the Pyodide kernel)."""


@lite.command("build")
@click.option("--html", "html", type=click.Path(file_okay=False, path_type=Path),
              default=Path("_build/html"), show_default=True,
              help="The built book; the live site goes into its lite/ folder.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="The kit's folder (lite/ pins, notebooks).")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where downloads are kept (default: ROOT/.cache/lite).")
@click.option("--book-url", default=None, metavar="URL",
              help="The book's public address, for the install line of downloaded notebooks "
                   "(default: the address of `medialit serve`).")
def lite_build(html: Path, root: Path, cache: Path | None, book_url: str | None) -> None:
    """Build the live site into HTML/lite and the kit's wheel into HTML/wheel."""
    from ..lite.bytecode import BytecodeError
    from ..lite.fetch import FetchError
    from ..lite.pins import PinError
    from ..lite.pyodide_lock import LockError
    from ..lite.remote import RemoteURLError
    from ..lite.site import LiteBuildError, build_site
    from ..lite.trim import TrimError

    try:
        site = build_site(root.resolve(), html.resolve(), cache=cache, book_url=book_url,
                          log=click.echo)
    except (FetchError, PinError, LockError, RemoteURLError, LiteBuildError, BytecodeError,
            TrimError) as exc:
        raise MedialitError(str(exc)) from None
    click.echo(f"lite: {len(site.notebooks)} notebooks, {len(site.lock['packages'])} packages "
               f"in the site's lock, at {site.site}")


@lite.command("check")
@click.argument("site", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=Path("_build/html/lite"))
def lite_check(site: Path) -> None:
    """Fail if a config or lock of the live SITE names a remote URL."""
    from ..lite.remote import check_no_remote_urls

    files = check_no_remote_urls(site)
    click.echo(f"lite: {files} config and lock files, no remote URL")


@main.command("serve")
@click.argument("book", type=click.Path(file_okay=False, path_type=Path),
                default=Path("_build/html"))
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="The port (default 8765).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Live notebooks keep their files view only on "
                   "localhost (or https).")
def serve(book: Path, port: int | None, host: str) -> None:
    """Serve the built BOOK (default _build/html) on http://localhost:8765/ until Ctrl-C.

    The live notebooks need this: a JupyterLite app cannot start from a file:// page.
    """
    from ..lite import DEFAULT_PORT
    from ..lite.serve import make_server

    server = make_server(book, host=host, port=port or DEFAULT_PORT)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    click.echo(f"The book is at http://{shown}:{server.server_address[1]}/ (Ctrl-C stops it).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()
