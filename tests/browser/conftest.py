"""Headless Chromium (Debian's, never a downloaded one) driven by Playwright.

Every page gets a route handler that aborts and records any request to a host other than
localhost, and a listener that records console errors. Tests assert both lists are empty.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("MEDIALIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}

# Console messages the theme itself produces and that no setting removes. Each must say why.
# (Empty: none seen with the pinned versions. Add entries only with a reason.)
ALLOWED_CONSOLE_ERRORS: tuple[str, ...] = ()


@dataclass
class PageWatch:
    """What a page tried to do that the tests forbid."""

    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def unexpected_console_errors(self) -> list[str]:
        return [e for e in self.console_errors
                if not any(allowed in e for allowed in ALLOWED_CONSOLE_ERRORS)]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = (f"headless Chromium not found at {CHROMIUM}: run `make chromium` "
                   "(or `apt-get install chromium`), or set MEDIALIT_CHROMIUM")
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is a failure, never a skip
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


def watch(page) -> PageWatch:
    """Block and record non-local requests and record console errors on ``page``."""
    seen = PageWatch()

    def route(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            seen.external_requests.append(url)
            return route.abort()
        return route.continue_()

    page.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and seen.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: seen.console_errors.append(f"pageerror: {exc}"))
    return seen


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.watch = watch(page)
    yield page
    page.close()
