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
import urllib.request
import zipfile

import pytest

from browser.litedriver import (
    COMPLETE_JS,
    EXECUTE_JS,
    KERNEL_READY_JS,
    run_all,
    wait_kernel_ready,
    watch_live,
)
from conftest import ROOT
from medialit.lite.serve import make_server

pytestmark = pytest.mark.browser

KERNEL_TIMEOUT_MS = 180_000  # a cold kernel on 2 busy cores; the benchmark reports the real time
PYC_MODULES = ("IPython", "pydantic.main", "medialit.case")
PYC_PROBE = f"""
import importlib, importlib.util, pathlib
for name in {PYC_MODULES!r}:
    module = importlib.import_module(name)
    pyc = pathlib.Path(module.__cached__).read_bytes()
    source = pathlib.Path(module.__file__).read_bytes()
    print(pyc[:4] == importlib.util.MAGIC_NUMBER, int.from_bytes(pyc[4:8], "little"),
          pyc[8:16] == importlib.util.source_hash(source))
"""

# the standard library's start-up modules come from the .pyc the site added to its zip
STDLIB_MODULES = ("encodings.aliases", "asyncio.base_events", "unittest.mock", "dataclasses")
STDLIB_PROBE = f"""
import importlib, importlib.util, sys, zipfile
stdlib = next(p for p in sys.path if p.endswith(".zip"))
with zipfile.ZipFile(stdlib) as archive:
    for name in {STDLIB_MODULES!r}:
        inner = importlib.import_module(name).__file__[len(stdlib) + 1:]
        pyc, source = archive.read(inner), archive.read(inner[:-1])
        print(inner.endswith(".pyc"), int.from_bytes(pyc[4:8], "little"),
              pyc[8:16] == importlib.util.source_hash(source))
"""


@pytest.fixture(scope="session")
def lite_book(book_html, live_site):
    """The built book with its live site (``medialit lite build``, conftest.py's ``main_book``),
    served by ``medialit serve``'s server on a free port."""
    site = live_site
    server = make_server(book_html, port=0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def live(browser):
    """One browser context for the live notebooks, as one student's browser: cold for the first
    notebook, with the app's scripts cached for the next (each notebook starts its own kernel)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = watch_live(context)
    yield context, seen
    context.close()


def open_live(context, seen, book_url: str, page_path: str):
    """Open a notebook page of the book and follow its "Run in your browser" button."""
    page = context.new_page()
    page.on("pageerror", lambda exc: seen.errors.append(f"pageerror: {exc}"))
    page.goto(f"{book_url}/{page_path}")
    button = page.get_by_role("link", name="Run in your browser")
    assert button.count() == 1
    with context.expect_page() as new:
        button.click()
    live = new.value
    live.on("pageerror", lambda exc: seen.errors.append(f"pageerror: {exc}"))
    # (a failed request is a console error too: `seen.failed` has those, with their URL)
    live.on("console", lambda msg: msg.type == "error" and not msg.text.startswith(
        "Failed to load resource") and seen.errors.append(msg.text))
    live.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    return page, live


def outputs_after_run_all(live) -> list[list[tuple[str, str, str]]]:
    """Wait for the kernel, run every cell, wait until the last has run and the kernel is idle;
    return each code cell's outputs (type, text, start of an image's src)."""
    wait_kernel_ready(live, KERNEL_TIMEOUT_MS)
    run_all(live)
    live.locator(".jp-Notebook .jp-CodeCell").last.locator(".jp-OutputArea-output").first \
        .wait_for(state="attached", timeout=KERNEL_TIMEOUT_MS)
    live.wait_for_function(KERNEL_READY_JS, timeout=60_000, polling=100)
    return live.evaluate("""() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]
        .map(cell => [...cell.querySelectorAll('.jp-OutputArea-output')]
        .map(out => [out.getAttribute('data-mime-type') || '', out.textContent,
                     out.querySelector('img') ? out.querySelector('img').src.slice(0, 40) : '']))""")


def assert_no_error(outputs) -> None:
    for index, cell in enumerate(outputs):
        for mime, text, _img in cell:
            assert "stderr" not in mime and "Traceback" not in text and "Error" not in text, \
                f"cell {index}: {mime}: {text[:500]}"


def assert_clean(seen) -> None:
    assert seen.blocked == []
    assert seen.failed == []  # nothing the site left out of JupyterLite's app was asked for
    assert seen.errors == []


def test_set_a_runs_live_and_check_reports(lite_book, live, output_dir):
    site, url = lite_book
    context, seen = live
    assert "exercises/set-a-framing.ipynb" in site.notebooks
    page, notebook = open_live(context, seen, url, "exercises/set-a-framing.html")
    outputs = outputs_after_run_all(notebook)
    notebook.screenshot(path=str(output_dir / "lite-set-a.png"))
    assert_no_error(outputs)
    texts = ["".join(t for _m, t, _i in cell) for cell in outputs]
    assert texts[0].startswith("medialit 0.1.0 is installed")  # the install-check cell
    assert "1.1 " in texts[3]  # the example cell printed paragraph 1 with its ids
    assert "q1: not answered yet" in texts[-1]
    assert texts[-1].rstrip().endswith("0 of 8 answers have a valid format.")
    # Tab completion in the live kernel, by the pinned jedi (older than the book's, for size)
    reply = notebook.evaluate(COMPLETE_JS, "oped.paragr")
    assert reply["status"] == "ok" and "paragraph" in reply["matches"]
    used = notebook.evaluate(EXECUTE_JS, "import sys; print(sys.modules['jedi'].__version__)")
    assert used.strip() == site.lock["packages"]["jedi"]["version"]
    # the site's bytecode is what this Python runs: its magic number, checked-hash, compiled
    # from exactly the wheel's source (so Python uses it instead of compiling)
    probe = notebook.evaluate(EXECUTE_JS, PYC_PROBE)
    assert probe.split() == ["True", "3", "True"] * len(PYC_MODULES), probe
    probe = notebook.evaluate(EXECUTE_JS, STDLIB_PROBE)
    assert probe.split() == ["True", "3", "True"] * len(STDLIB_MODULES), probe
    assert_clean(seen)
    notebook.close()
    page.close()


def test_an_analysis_notebook_runs_live_with_tables_and_chart(lite_book, live):
    _site, url = lite_book
    context, seen = live
    page, notebook = open_live(context, seen, url, "chapters/analysis-hedges.html")
    outputs = outputs_after_run_all(notebook)
    assert_no_error(outputs)
    mimes = [m for cell in outputs for m, _t, _i in cell]
    assert "text/html" in mimes  # the tables
    assert "image/svg+xml" in mimes  # the chart, drawn without matplotlib
    assert any("alleged" in t for cell in outputs for _m, t, _i in cell)
    assert_clean(seen)
    notebook.close()
    page.close()


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


def test_the_kernel_starts_from_the_sites_lock_with_its_bytecode(lite_book):
    """What the kernel loads at start is all in the lock (Pyodide stops at an unknown name), so
    the worker installs nothing itself; the bytecode archive covers the start-up imports."""
    from medialit.lite.bytecode import NAME
    from medialit.lite.trim import DISABLED_PLUGINS

    site, _url = lite_book
    config = json.loads((site.site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    preload = kernel["loadPyodideOptions"]["packages"]
    assert set(preload) <= set(site.lock["packages"])
    assert {"micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython",
            "medialit", NAME} <= set(preload)
    assert set(DISABLED_PLUGINS) <= set(config["disabledExtensions"])
    entry = site.lock["packages"][NAME]
    with zipfile.ZipFile(site.site / "static" / "pyodide" / entry["file_name"]) as archive:
        names = archive.namelist()
        headers = {archive.read(name)[:8] for name in names}
    for module in ("IPython/__init__", "pyodide_kernel/kernel", "piplite/piplite",
                   "pydantic/main", "medialit/text/case", "medialit/case",  # and its alias
                   "medialit/grading/student",
                   "medialit/analysis/charts"):
        folder, stem = module.rsplit("/", 1)
        assert f"{folder}/__pycache__/{stem}.cpython-314.pyc" in names, module
    assert len({h[:4] for h in headers}) == 1  # one magic number: one interpreter wrote them
    assert {int.from_bytes(h[4:8], "little") for h in headers} == {0b11}  # checked-hash
    # the site's standard library is Pyodide's, every entry unchanged, with .pyc added
    npm = ROOT / ".cache" / "lite" / "npm" / "node_modules" / "pyodide" / "python_stdlib.zip"
    with zipfile.ZipFile(npm) as stock, \
            zipfile.ZipFile(site.site / "static" / "pyodide" / "python_stdlib.zip") as ours:
        added = set(ours.namelist()) - set(stock.namelist())
        assert all(ours.read(n) == stock.read(n) for n in stock.namelist())
        stdlib_headers = {ours.read(n)[:8] for n in added}
    assert added and all(n.endswith(".pyc") and n[:-1] in stock.namelist() for n in added)
    assert {"encodings/aliases.pyc", "asyncio/base_events.pyc", "unittest/mock.pyc"} <= added
    assert {h[:4] for h in stdlib_headers} == {h[:4] for h in headers}
    assert {int.from_bytes(h[4:8], "little") for h in stdlib_headers} == {0b11}
    # the site's jedi: the pinned one without the stubs no browser can use
    jedi = site.lock["packages"]["jedi"]["file_name"]
    assert jedi.startswith("jedi-0.19.2-0medialit-")
    with zipfile.ZipFile(site.site / "static" / "pyodide" / jedi) as archive:
        stubs = archive.namelist()
    assert "jedi/third_party/typeshed/stdlib/3/os/__init__.pyi" in stubs
    assert not any("django-stubs" in n or "/third_party/2and3/requests/" in n for n in stubs)
