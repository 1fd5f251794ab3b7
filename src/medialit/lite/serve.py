"""``medialit serve``: the built book on a fixed localhost port, for a classroom without internet.

A JupyterLite app cannot start from ``file://`` (browsers refuse its workers and service
worker there), and its service worker, which gives Python the ``/drive`` view of the files,
needs ``localhost`` or https. So the book is served on ``http://localhost:8765/`` by default.
Only the standard library is used; the types the live site needs (``.wasm``, ``.mjs``) are set
explicitly, and ``.ipynb`` files are sent as attachments so a click saves them.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from pathlib import Path

from ..errors import MedialitError
from . import DEFAULT_PORT

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".ipynb": "application/x-ipynb+json",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
}


# Sent gzip-compressed when the browser accepts it (as any web host does): the interpreter and
# the app's scripts shrink to about a third. Wheels and zips are compressed already.
COMPRESSIBLE = {".wasm", ".js", ".mjs", ".json", ".css", ".html", ".svg", ".ipynb", ".map",
                ".txt", ".py"}
_GZIP_CACHE: dict[tuple[str, float, int], bytes] = {}
_GZIP_LOCK = threading.Lock()


def gzipped(path: Path) -> bytes:
    """``path`` compressed, cached in memory by name, time and size (a classroom server)."""
    stat = path.stat()
    key = (str(path), stat.st_mtime, stat.st_size)
    with _GZIP_LOCK:
        cached = _GZIP_CACHE.get(key)
    if cached is None:
        cached = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        with _GZIP_LOCK:
            _GZIP_CACHE[key] = cached
    return cached


class ServeError(MedialitError, RuntimeError):
    """The book cannot be served; the message says why and what to do."""


class BookHandler(http.server.SimpleHTTPRequestHandler):
    # typeshed declares it an instance variable of the base class; it is read, never changed
    extensions_map: dict[str, str] = {  # noqa: RUF012
        **http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    quiet = False

    def send_head(self):
        """Like the base class, but a compressible file goes out gzip-compressed if accepted."""
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if (not accepts or not path.is_file() or path.suffix not in COMPRESSIBLE
                or "Range" in self.headers):
            return super().send_head()
        body = gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        if path.endswith(".ipynb") and "/lite/" not in path:
            # the book's download copies: save, do not display (the live site reads its own)
            self.send_header("Content-Disposition", f'attachment; filename="{Path(path).name}"')
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class BookServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that closes a connection mid-file (a tab closed, a page left) is routine
        in a classroom: no traceback for it; anything else is reported as usual."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def make_server(book: Path, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                quiet: bool = False) -> http.server.ThreadingHTTPServer:
    if not (book / "index.html").is_file():
        raise ServeError(f"{book}: no built book here (index.html is missing); run `make book` "
                         "first")
    if not (book / "lite" / "jupyter-lite.json").is_file():
        raise ServeError(f"{book}: the book has no live notebooks (lite/ is missing); "
                         "run `make book`, which builds them")
    handler = functools.partial(type("Handler", (BookHandler,), {"quiet": quiet}),
                                directory=str(book))
    try:
        return BookServer((host, port), handler)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror}): is the book already "
                         "served? Open it, or choose another port with --port") from None
