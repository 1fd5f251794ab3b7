"""Numbers of the live notebooks (issue 15): size, bytes downloaded, cold times. Medians.

    .venv/bin/python benchmarks/lite.py [--runs 5] [--html _build/html [--html OTHER]]
                                        [--notebook PATH]

Needs the built book with its live site (make book). Prints:

- the live site's size added to the book (lite/ and wheel/), with its largest parts, and what
  the build left out of JupyterLite's prebuilt app (``medialit.lite.trim``);
- bytes a student downloads before the first cell has run (page, app, Pyodide, wheels), counted
  from the browser's finished requests (body sizes as transferred), and until Set A's check();
- cold times in headless Chromium, each run in a new browser context (nothing cached by the
  browser), from the navigation to: the notebook shown (the JupyterLab app started), the
  kernel ready (its status ``idle`` in the app's own model, ``window.jupyterapp``, exposed for
  the run by tests/browser/litedriver.py), the first
  cell's output after Run All (the install-check cell: medialit imported) and Set A's check()
  report;
- for each run the load average when it started and the CPU time the browser's processes used
  (user + system, all Chromium processes: page, workers, service worker, network, V8's
  compiler threads), in all and on the serial path (the page's main thread, where the app
  starts, and the kernel's worker thread, where Pyodide boots), so a run slowed by other work
  on the machine shows as wall time well above CPU time.

The server runs in its own process with its gzip cache filled before the first run (as a
classroom server is after its first student). Every non-local request is blocked, and counted
(must be 0). Goals: size <= 40 MB, download <= 25 MB, times <= 12 s on 2 cores. Not a test:
the machine is shared; read the medians and the CPU times.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from litedriver import run_all, wait_kernel_ready, watch_live

from conftest import CHROMIUM, CHROMIUM_ARGS
from medialit.lite.serve import COMPRESSIBLE, make_server

MB = 1_000_000
SET_A = "exercises/set-a-framing.ipynb"
def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def report_size(html: Path) -> None:
    lite, wheel = html / "lite", html / "wheel"
    runtime = lite / "static" / "pyodide"
    total = folder_size(lite) + folder_size(wheel)
    print(f"live site added to the book: {total / MB:.1f} MB (goal <= 40 MB)")
    wheels = sorted(runtime.glob("*.whl"), key=lambda p: -p.stat().st_size)
    parts = {"Pyodide runtime": sum((runtime / n).stat().st_size
                                    for n in ("pyodide.asm.wasm", "pyodide.asm.mjs",
                                              "python_stdlib.zip", "pyodide.mjs")),
             "wheels (site lock)": sum(p.stat().st_size for p in wheels),
             "bytecode archive": sum(p.stat().st_size for p in runtime.glob("*.zip")
                                     if p.name != "python_stdlib.zip"),
             "JupyterLite app (build/)": folder_size(lite / "build"),
             "extensions/": folder_size(lite / "extensions"),
             "kit wheel (wheel/)": folder_size(wheel)}
    for name, size in parts.items():
        print(f"  {name:28} {size / MB:6.1f} MB")
    print("  largest wheels: " + ", ".join(f"{p.name.split('-')[0]} {p.stat().st_size / MB:.1f}"
                                          for p in wheels[:4]))
    report_trimmed(lite)


def report_trimmed(lite: Path) -> None:
    """What the build left out of JupyterLite's prebuilt app (medialit.lite.trim)."""
    import tarfile

    from medialit.lite.trim import app_archive, chunk_libraries, droppable

    archive = app_archive()
    with tarfile.open(archive) as tar:
        scripts = {m.name.split("/", 2)[2]: m.size for m in tar
                   if m.name.startswith("package/build/") and m.name.count("/") == 2
                   and m.name.endswith(".js")}
    dropped = [n for n in droppable(chunk_libraries(archive)) if not (lite / "build" / n).exists()]
    print(f"  left out of JupyterLite's app (medialit.lite.trim): "
          f"{sum(scripts[n] for n in dropped) / MB:.1f} MB in {len(dropped)} script chunks that "
          f"only disabled plugins load (the app's chunks: {sum(scripts.values()) / MB:.1f} MB)")


def _serve(html: str, port: int, ready) -> None:
    from medialit.lite.serve import gzipped

    for path in Path(html).rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            gzipped(path)
    server = make_server(Path(html), port=port, quiet=True)
    ready.set()
    server.serve_forever()


def start_server(html: Path) -> tuple[multiprocessing.Process, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ready = multiprocessing.Event()
    process = multiprocessing.Process(target=_serve, args=(str(html), port, ready), daemon=True)
    process.start()
    if not ready.wait(300):
        raise SystemExit("the server did not start")
    url = f"http://127.0.0.1:{port}"
    urllib.request.urlopen(f"{url}/index.html").read()
    return process, url


# The serial path of a start: the page's main thread (a renderer process's first thread) and
# the kernel's worker thread (named so by Chromium; Linux shows 15 characters of a name).
WORKER_THREAD = "DedicatedWorker"


def browser_cpu() -> dict[tuple[int, int], tuple[str, float]]:
    """CPU seconds (user + system) used so far by each thread of the Chromium processes this
    script started, with the thread's name."""
    import psutil

    seen = {}
    for process in psutil.Process().children(recursive=True):
        try:
            if "chrom" not in process.name().lower():
                continue
            renderer = "--type=renderer" in process.cmdline()
            for thread in process.threads():
                try:
                    name = Path(f"/proc/{process.pid}/task/{thread.id}/comm").read_text().strip()
                except OSError:
                    continue
                if renderer and thread.id == process.pid:
                    name = "page main thread"
                seen[(process.pid, thread.id)] = (name, thread.user_time + thread.system_time)
        except psutil.Error:
            pass
    return seen


def cpu_since(before) -> tuple[float, float]:
    """CPU seconds the browser used since ``before``: in all, and on the page's main thread
    plus the kernel's worker thread (the start-up's serial path; the rest is compilers, GC,
    network, compositing, on other threads). A thread started since counts in full; one that
    has ended since (the last run's page) no longer counts."""
    total = serial = 0.0
    for key, (name, cpu) in browser_cpu().items():
        used = cpu - before.get(key, (name, 0.0))[1]
        total += used
        if name == "page main thread" or name.startswith(WORKER_THREAD):
            serial += used
    return total, serial


def one_run(browser, url: str, notebook: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = watch_live(context)
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    run = {"load": os.getloadavg()[0]}
    cpu0 = browser_cpu()
    start = time.monotonic()

    def mark(name: str) -> None:
        run[name] = time.monotonic() - start
        run[f"{name}_cpu"], run[f"{name}_serial"] = cpu_since(cpu0)

    page.goto(f"{url}/lite/notebooks/index.html?path={notebook}")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=120_000)
    mark("app")
    wait_kernel_ready(page, 300_000)
    mark("kernel")
    run_all(page)
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    cells.first.locator(".jp-OutputArea-output").first.wait_for(state="attached",
                                                                timeout=300_000)
    mark("first_cell")
    run["first_bytes"] = sum(r.sizes()["responseBodySize"] for r in list(finished))
    cells.last.locator(".jp-OutputArea-output").first.wait_for(state="attached", timeout=300_000)
    mark("check")
    run["check_bytes"] = sum(r.sizes()["responseBodySize"] for r in list(finished))
    text = cells.last.locator(".jp-OutputArea-output").first.text_content()
    context.close()
    if notebook == SET_A and "answers have a valid format" not in text:
        raise SystemExit(f"check() did not report: {text[:300]!r}")
    run["blocked"] = len(seen.blocked)
    if seen.failed:
        raise SystemExit(f"the site failed to serve: {seen.failed[:5]}")
    return run


LABELS = {"app": "notebook shown (app started)",
          "kernel": "kernel ready (idle)",
          "first_cell": "first cell's output (medialit imported)",
          "check": "last cell's output after Run All"}


def report_runs(runs: list[dict], notebook: str) -> None:
    def median(key):
        return statistics.median(r[key] for r in runs)

    print(f"  runs: {len(runs)} ({notebook}, a new browser context each, {os.cpu_count()} "
          f"cores), blocked non-local requests: {sum(r['blocked'] for r in runs)}")
    print("  load average (1 min) at each run's start: "
          + ", ".join(f"{r['load']:.1f}" for r in runs) + f" (median {median('load'):.1f})")
    print(f"  downloaded before the first cell's output: {median('first_bytes') / MB:.1f} MB "
          f"(goal <= 25 MB); until the last: {median('check_bytes') / MB:.1f} MB")
    print("  cold times from the navigation (goal <= 12 s to a ready kernel and to check()),"
          " medians: wall s / browser CPU s / of it on the page's main thread and the kernel's"
          " worker thread (the serial path: on an idle machine the wall time cannot be below"
          " it, nor below CPU / cores)")
    for key, label in LABELS.items():
        if key == "check" and notebook == SET_A:
            label = "Set A's check() after Run All"
        print(f"    {label:40} {median(key):5.1f} / {median(key + '_cpu'):5.1f} / "
              f"{median(key + '_serial'):5.1f}   runs: "
              + ", ".join(f"{r[key]:.1f}/{r[key + '_cpu']:.1f}/{r[key + '_serial']:.1f}"
                          for r in runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--html", type=Path, action="append",
                        help="a built book (default _build/html); give two or more to compare "
                             "them in one session, runs taking turns")
    parser.add_argument("--notebook", default=SET_A, help="path inside the live site")
    args = parser.parse_args()
    books = args.html or [ROOT / "_build" / "html"]
    for html in books:
        if not (html / "lite" / "jupyter-lite.json").is_file():
            raise SystemExit(f"{html}: no live site; run make book first")
        print(html)
        report_size(html)

    from playwright.sync_api import sync_playwright

    servers = [start_server(html) for html in books]
    runs: list[list[dict]] = [[] for _ in books]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                 headless=True)
            for _ in range(args.runs):
                for index, (_server, url) in enumerate(servers):
                    runs[index].append(one_run(browser, url, args.notebook))
            browser.close()
    finally:
        for server, _url in servers:
            server.terminate()
    for html, book_runs in zip(books, runs):
        print(html)
        report_runs(book_runs, args.notebook)
    if len(books) > 1:
        print(f"ratios of medians to {books[0]} (same session, runs taking turns):")
        for html, book_runs in zip(books[1:], runs[1:]):
            ratios = []
            for key in ("kernel", "check"):
                for suffix, what in (("", "wall"), ("_cpu", "CPU"), ("_serial", "serial CPU")):
                    base = statistics.median(r[key + suffix] for r in runs[0])
                    ratio = statistics.median(r[key + suffix] for r in book_runs) / base
                    ratios.append(f"{key} {what} {ratio:.2f}")
            print(f"  {html}: " + ", ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
