"""The live notebooks run in headless Chromium with every non-local request blocked.

From the built book served by ``medialit serve``'s server, the test follows a notebook page's
"Run in your browser" button, runs every cell in JupyterLite (Pyodide kernel), and reads what
the cells printed: Set A's ``check()`` report, an analysis notebook's tables and SVG chart, and
no error anywhere. Every request to another host is aborted and counted, from the page, its
workers and the service worker alike (routes on the browser context); the count must be 0.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from medialit.lite.serve import make_server

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
KERNEL_TIMEOUT_MS = 180_000  # a cold kernel on 2 busy cores; the benchmark reports the real time


@pytest.fixture(scope="session")
def lite_book(book_html):
    """The built book with its live site (``medialit lite build``), served on a free port."""
    from medialit.lite.site import build_site

    site = build_site(ROOT, book_html, log=lambda *_: None)
    server = make_server(book_html, port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def blocked_context(browser):
    """A browser context whose every non-local request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    errors: list[str] = []

    def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            blocked.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", route)
    context.blocked, context.errors = blocked, errors
    yield context
    context.close()


def open_live(context, book_url: str, page_path: str):
    """Open a notebook page of the book and follow its "Run in your browser" button."""
    page = context.new_page()
    page.on("pageerror", lambda exc: context.errors.append(f"pageerror: {exc}"))
    page.goto(f"{book_url}/{page_path}")
    button = page.get_by_role("link", name="Run in your browser")
    assert button.count() == 1
    with context.expect_page() as new:
        button.click()
    live = new.value
    live.on("pageerror", lambda exc: context.errors.append(f"pageerror: {exc}"))
    live.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    return page, live


def run_all(live) -> list[list[tuple[str, str]]]:
    """Run every cell (Run > Run All Cells); return each code cell's outputs (type, text)."""
    live.locator(".jp-Notebook .jp-Cell").first.click()
    live.keyboard.press("Escape")
    live.get_by_role("menuitem", name="Run").click()
    live.get_by_text("Run All Cells", exact=True).click()
    # the last code cell's output shows when every cell before it has run
    live.locator(".jp-Notebook .jp-CodeCell").last.locator(".jp-OutputArea-output").first \
        .wait_for(state="attached", timeout=KERNEL_TIMEOUT_MS)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # and the kernel is idle again
        if live.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count():
            break
        time.sleep(0.2)
    return live.evaluate("""() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]
        .map(cell => [...cell.querySelectorAll('.jp-OutputArea-output')]
        .map(out => [out.getAttribute('data-mime-type') || '', out.textContent,
                     out.querySelector('img') ? out.querySelector('img').src.slice(0, 40) : '']))""")


def assert_no_error(outputs) -> None:
    for index, cell in enumerate(outputs):
        for mime, text, _img in cell:
            assert "stderr" not in mime and "Traceback" not in text and "Error" not in text, \
                f"cell {index}: {mime}: {text[:500]}"


def test_set_a_runs_live_and_check_reports(lite_book, blocked_context, output_dir):
    site, url = lite_book
    assert "exercises/set-a-framing.ipynb" in site.notebooks
    _page, live = open_live(blocked_context, url, "exercises/set-a-framing.html")
    outputs = run_all(live)
    live.screenshot(path=str(output_dir / "lite-set-a.png"))
    assert_no_error(outputs)
    texts = ["".join(t for _m, t, _i in cell) for cell in outputs]
    assert texts[0].startswith("medialit 0.1.0 is installed")  # the install-check cell
    assert "1.1 " in texts[3]  # the example cell printed paragraph 1 with its ids
    assert "q1: not answered yet" in texts[-1]
    assert texts[-1].rstrip().endswith("0 of 8 answers have a valid format.")
    assert blocked_context.blocked == []
    assert blocked_context.errors == []


def test_an_analysis_notebook_runs_live_with_tables_and_chart(lite_book, blocked_context):
    _site, url = lite_book
    _page, live = open_live(blocked_context, url, "chapters/analysis-hedges.html")
    outputs = run_all(live)
    assert_no_error(outputs)
    mimes = [m for cell in outputs for m, _t, _i in cell]
    assert "text/html" in mimes  # the tables
    assert "image/svg+xml" in mimes  # the chart, drawn without matplotlib
    assert any("alleged" in t for cell in outputs for _m, t, _i in cell)
    assert blocked_context.blocked == []
    assert blocked_context.errors == []


def test_live_button_from_a_file_page_explains_make_serve(lite_book, browser):
    site, _url = lite_book
    page = browser.new_page()
    try:
        page.goto((site.html / "exercises" / "set-a-framing.html").as_uri())
        help_text = page.locator(".medialit-live-file")
        assert help_text.is_hidden()
        page.get_by_role("link", name="Run in your browser").click()
        assert help_text.is_visible()
        assert "make serve" in help_text.inner_text()
        assert page.url.startswith("file://") and page.url.endswith("set-a-framing.html")
    finally:
        page.close()


def test_download_link_saves_the_notebook_from_a_file_page(lite_book, browser, tmp_path):
    """Opened from file://, the .ipynb link used to show the JSON in a new tab."""
    site, _url = lite_book
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        page.goto((site.html / "exercises" / "set-a-framing.html").as_uri())
        link = page.locator("a.btn-download-source-button")
        assert link.get_attribute("download") == "set-a-framing.ipynb"
        assert link.get_attribute("target") is None
        with page.expect_download() as download:
            link.evaluate("a => a.click()")  # the link sits in a closed dropdown menu
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        notebook = json.loads(saved.read_text(encoding="utf-8"))
        assert saved.name == "set-a-framing.ipynb"
        assert notebook["cells"][0]["metadata"]["medialit"]["role"] == "install-check"
    finally:
        context.close()


def test_the_built_site_names_no_remote_url_and_ships_the_wheel(lite_book):
    """The build check on the real site, and the wheel where the install line points."""
    import zipfile

    from medialit.lite.remote import check_no_remote_urls

    site, url = lite_book
    assert check_no_remote_urls(site.site) >= 5
    lock = json.loads((site.site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    assert all((site.site / "static" / "pyodide" / p["file_name"]).is_file()
               for p in lock["packages"].values())
    assert site.wheel.name == "medialit-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(site.wheel) as wheel:
        names = wheel.namelist()
    assert "medialit/case.py" in names and not any(n.startswith("solutions/") for n in names)
    with urllib.request.urlopen(f"{url}/wheel/{site.wheel.name}") as response:
        assert response.read(2) == b"PK"
