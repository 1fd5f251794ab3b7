"""Numbers of the live notebooks (issue 15): size, bytes downloaded, cold times. Medians.

    .venv/bin/python benchmarks/lite.py [--runs 3] [--html _build/html]

Needs the built book with its live site (make book). Prints:

- the live site's size added to the book (lite/ and wheel/), with its largest parts;
- bytes a student downloads before the first cell has run (page, app, Pyodide, wheels), counted
  from the browser's finished requests (body sizes as transferred), and until Set A's check();
- cold times in headless Chromium (a new browser context each run: nothing cached by the
  browser): to the first cell's output (kernel started, medialit imported: the install-check
  cell) and to Set A's check() report after Run All.

Every non-local request is blocked, and counted (must be 0). Goals: size <= 40 MB, download
<= 25 MB, times <= 12 s on 2 cores. Not a test: the machine is shared; read the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' browser set-up)

from medialit.lite.serve import make_server  # noqa: E402

MB = 1_000_000


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def report_size(html: Path) -> None:
    lite, wheel = html / "lite", html / "wheel"
    total = folder_size(lite) + folder_size(wheel)
    print(f"live site added to the book: {total / MB:.1f} MB (goal <= 40 MB)")
    parts = {"Pyodide runtime": sum((lite / "static" / "pyodide" / n).stat().st_size
                                    for n in ("pyodide.asm.wasm", "pyodide.asm.mjs",
                                              "python_stdlib.zip", "pyodide.mjs")),
             "wheels (site lock)": sum(p.stat().st_size
                                       for p in (lite / "static" / "pyodide").glob("*.whl")),
             "JupyterLite app (build/)": folder_size(lite / "build"),
             "extensions/": folder_size(lite / "extensions"),
             "kit wheel (wheel/)": folder_size(wheel)}
    for name, size in parts.items():
        print(f"  {name:28} {size / MB:6.1f} MB")


def one_run(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    finished: list = []

    def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in (
                "127.0.0.1", "localhost", "::1"):
            blocked.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", route)
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    start = time.monotonic()
    page.goto(f"{url}/lite/notebooks/index.html?path=exercises/set-a-framing.ipynb")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    cells.first.locator(".jp-OutputArea-output").first.wait_for(state="attached",
                                                                timeout=300_000)
    first_cell = time.monotonic() - start
    first_bytes = sum(r.sizes()["responseBodySize"] for r in list(finished))
    cells.last.locator(".jp-OutputArea-output").first.wait_for(state="attached", timeout=300_000)
    check = time.monotonic() - start
    check_bytes = sum(r.sizes()["responseBodySize"] for r in list(finished))
    text = cells.last.locator(".jp-OutputArea-output").first.text_content()
    context.close()
    if "answers have a valid format" not in text:
        raise SystemExit(f"check() did not report: {text[:300]!r}")
    return {"first_cell": first_cell, "check": check, "first_bytes": first_bytes,
            "check_bytes": check_bytes, "blocked": len(blocked)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args()
    if not (args.html / "lite" / "jupyter-lite.json").is_file():
        raise SystemExit(f"{args.html}: no live site; run make book first")
    report_size(args.html)

    from playwright.sync_api import sync_playwright

    server = make_server(args.html, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        for _ in range(args.runs):
            runs.append(one_run(browser, url))
        browser.close()
    server.shutdown()

    def median(key):
        return statistics.median(r[key] for r in runs)

    print(f"runs: {len(runs)} (Set A, a new browser context each), blocked non-local requests: "
          f"{sum(r['blocked'] for r in runs)}")
    print(f"downloaded before the first cell's output: {median('first_bytes') / MB:.1f} MB "
          f"(goal <= 25 MB); until check(): {median('check_bytes') / MB:.1f} MB")
    print(f"cold time to the first cell's output (kernel ready, medialit imported): "
          f"{median('first_cell'):.1f} s (goal <= 12 s); runs: "
          + ", ".join(f"{r['first_cell']:.1f}" for r in runs))
    print(f"cold time to Set A's check() after Run All: {median('check'):.1f} s "
          f"(goal <= 12 s); runs: " + ", ".join(f"{r['check']:.1f}" for r in runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
