"""Print HTML to PDF with headless Chromium through Playwright: one browser for all files.

Chromium is Debian's (``/usr/bin/chromium``) or the one ``MEDIALIT_CHROMIUM`` names; nothing
is downloaded. The pages are self-contained, and every request that is not ``file:``,
``data:`` or ``about:`` is aborted, so printing never touches the network. Each PDF is written
to a temporary file beside its target, checked (it parses, it has pages) and then renamed, so
an interrupted run never leaves a truncated PDF under the final name.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Self

from ..errors import MedialitError
from ..io.atomic import write_atomic

CHROMIUM_ENV = "MEDIALIT_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
_LOCAL_SCHEMES = ("file:", "data:", "about:")


class PrintError(MedialitError, RuntimeError):
    """Chromium or Playwright is missing, or a page could not be printed."""


def chromium_path() -> Path:
    """Where Chromium is; :class:`PrintError` says what to install when it is not there."""
    path = Path(os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM)
    if not path.is_file():
        raise PrintError(
            f"headless Chromium not found at {path}: install Debian's chromium package "
            f"(apt-get install chromium) or set {CHROMIUM_ENV}=/path/to/chromium")
    return path


def pdf_page_count(data: bytes) -> int:
    """The number of pages of a PDF; :class:`PrintError` when it does not parse."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise PrintError(f"Chromium returned an unreadable PDF ({exc})") from None


class PdfPrinter:
    """``with PdfPrinter() as printer: printer.print_pdf(html, target)`` — one Chromium."""

    def __init__(self, executable: Path | None = None):
        self.executable = executable or chromium_path()
        # playwright's objects, once started (Any: the package is imported only when used)
        self._playwright: Any = None
        self._browser: Any = None
        self._context: Any = None

    def __enter__(self) -> Self:
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError:
            raise PrintError("the Python package playwright is needed to print handouts: "
                             "pip install playwright (no browser download is needed)") from None
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=str(self.executable), args=CHROMIUM_ARGS, headless=True)
        except Error as exc:
            self._playwright.stop()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise PrintError(f"could not start Chromium at {self.executable}: {first}") from None
        self._context = self._browser.new_context()
        self._context.route("**/*", _local_only)
        return self

    def __exit__(self, *exc_info) -> None:
        for close in (self._context, self._browser):
            if close is not None:
                close.close()
        if self._playwright is not None:
            self._playwright.stop()

    def pdf_bytes(self, html: str) -> bytes:
        """The PDF of a self-contained HTML document, A4 from its print CSS."""
        page = self._context.new_page()
        try:
            page.set_content(html, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            return page.pdf(prefer_css_page_size=True, print_background=True, outline=True,
                            tagged=True)
        finally:
            page.close()

    def print_pdf(self, html: str, target: Path) -> int:
        """Print ``html`` to ``target`` atomically; return its page count."""
        data = self.pdf_bytes(html)
        pages = pdf_page_count(data)
        if pages < 1:
            raise PrintError(f"Chromium printed no page for {target.name}")
        write_atomic(target, data)
        return pages


def _local_only(route) -> None:
    if route.request.url.startswith(_LOCAL_SCHEMES):
        route.continue_()
    else:
        route.abort()
