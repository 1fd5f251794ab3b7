"""Weight and speed of every book page (issue 16 §1): bytes, requests and times. Medians.

    .venv/bin/python benchmarks/pages.py [--html _build/html] [--runs 5] [--page PATH ...]

Needs the built book (make book). Every HTML page of the book is opened in headless Chromium
(the live-notebook site under lite/ is JupyterLite, not a book page, and is left out), each
load in a new browser context with the cache off, every non-local request blocked and
counted (must be 0). All requests a page makes until the network is idle are counted: the
HTML, stylesheets, scripts, fonts, images, and anything fetched later.

Per page it prints:

- ``reqs``: the number of requests;
- ``raw``: the bytes of the files those requests fetched, uncompressed (as from ``file://``
  or a plain server);
- ``gzip``: the bytes sent over the wire by a gzip-serving static host (``medialit serve``'s
  handler: gzip level 6 for text types, the rest as they are), headers included, as the
  browser counted them (CDP ``Network.loadingFinished`` ``encodedDataLength``);
- times over a throttled link, uncompressed (a plain HTTP/1.1 server with no gzip), from the
  start of the navigation: ``fcp`` (first contentful paint), ``quiz`` (the quizzes interactive:
  the later of the paint and the moment every ``section.mlq-quiz`` on the page carries the quiz
  script's ``data-mlq-ready`` and has its buttons, seen by a MutationObserver the benchmark
  injects before the page's own scripts), ``dcl`` (DOMContentLoaded) and ``load`` (the load
  event). The link is Chromium's ``Network.emulateNetworkConditions`` with Lighthouse's mobile
  figures: 1.6 Mbps down, 750 kbps up, 150 ms round trip.

Goals: every page <= 1 MB raw, the op-ed page <= 300 KB gzip, quizzes interactive within 2 s.
Not a test: the machine is shared; the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from medialit.lite.serve import BookHandler

CHROMIUM = os.environ.get("MEDIALIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
LINK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
        "uploadThroughput": 750_000 / 8}
KB = 1000
MB = 1_000_000
GOAL_RAW = 1 * MB
GOAL_OPED_GZIP = 300 * KB
GOAL_QUIZ_S = 2.0
OPED = "chapters/oped.html"
# Injected before any script of the page: the time (ms since navigation start) at which every
# quiz on the page is built (the quiz script marks each section data-mlq-ready, then builds its
# controls in the same task; the observer's callback runs after that task).
QUIZ_WATCH = """(() => {
  const built = () => {
    const quizzes = document.querySelectorAll('section.mlq-quiz');
    return quizzes.length > 0 && Array.from(quizzes).every(
      (q) => q.hasAttribute('data-mlq-ready') && q.querySelector('button') !== null);
  };
  const watch = new MutationObserver(() => {
    if (window.__medialitQuizReady === undefined && built()) {
      window.__medialitQuizReady = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, {subtree: true, attributes: true, attributeFilter: ['data-mlq-ready']});
})();"""


class PlainHandler(http.server.SimpleHTTPRequestHandler):
    """A plain static server: HTTP/1.1 keep-alive, nothing compressed."""

    protocol_version = "HTTP/1.1"
    extensions_map = BookHandler.extensions_map

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


class GzipHandler(BookHandler):
    protocol_version = "HTTP/1.1"
    quiet = True


@contextlib.contextmanager
def serve(html: Path, handler):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(html)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def book_pages(html: Path) -> list[str]:
    pages = []
    for path in sorted(html.rglob("*.html")):
        rel = path.relative_to(html)
        if rel.parts[0] in ("_static", "_sources", "lite", "_images"):
            continue
        if "http-equiv=\"refresh\"" in path.read_text(encoding="utf-8", errors="replace")[:600]:
            continue  # index.html: a redirect to intro.html
        pages.append(rel.as_posix())
    return pages


def load(browser, url: str, *, throttle: bool) -> dict:
    """One cold load of ``url``: requests, wire bytes, body bytes and timings."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked: list[str] = []

    def route(route):
        host = urlsplit(route.request.url).hostname
        if urlsplit(route.request.url).scheme in ("http", "https") and host not in (
                "127.0.0.1", "localhost"):
            blocked.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", route)
    page.add_init_script(QUIZ_WATCH)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if throttle:
        cdp.send("Network.emulateNetworkConditions", LINK)
    urls: dict[str, str] = {}
    wire: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent",
           lambda e: urls.setdefault(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: wire.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        const quizzes = document.querySelectorAll('section.mlq-quiz').length;
        return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                fcp: fcp ? fcp.startTime : null, quiz: window.__medialitQuizReady ?? null,
                quizzes: quizzes};
    }""")
    context.close()
    return {"urls": [urls[r] for r in urls], "wire": sum(wire.values()), "blocked": blocked,
            **timing}


def body_bytes(html: Path, base: str, urls: list[str]) -> int:
    total = 0
    for url in urls:
        if not url.startswith(base):
            continue
        path = html / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            total += path.stat().st_size
    return total


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def seconds(ms) -> str:
    return "   -  " if ms is None else f"{ms / 1000:6.2f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", action="append", help="only this page (repeatable)")
    args = parser.parse_args(argv)
    html = args.html.resolve()
    if not (html / "intro.html").is_file():
        raise SystemExit(f"{html}: no built book (run make book)")
    pages = args.page or book_pages(html)

    from playwright.sync_api import sync_playwright

    print(f"{len(pages)} pages of {html} (lite/ left out); throttled link: 1.6 Mbps down, "
          f"750 kbps up, 150 ms RTT; times are medians of {args.runs} cold loads, "
          f"uncompressed; load average at start {os.getloadavg()[0]:.2f}")
    print(f"{'page':42} {'reqs':>4} {'raw KB':>8} {'gzip KB':>8} {'fcp s':>6} {'quiz s':>6} "
          f"{'dcl s':>6} {'load s':>6}")
    rows = []
    blocked_total = 0
    with sync_playwright() as pw, serve(html, PlainHandler) as plain, \
            serve(html, GzipHandler) as gz:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        for rel in pages:
            sized = load(browser, f"{gz}/{rel}", throttle=False)
            raw = body_bytes(html, gz, sized["urls"])
            runs = [load(browser, f"{plain}/{rel}", throttle=True) for _ in range(args.runs)]
            blocked_total += len(sized["blocked"]) + sum(len(r["blocked"]) for r in runs)
            fcp = median([r["fcp"] for r in runs])
            quiz = None
            if sized["quizzes"]:
                quiz = median([max(r["quiz"], r["fcp"] or 0) if r["quiz"] is not None else None
                               for r in runs])
            row = {"page": rel, "reqs": len(sized["urls"]), "raw": raw, "gzip": sized["wire"],
                   "fcp": fcp, "quiz": quiz, "dcl": median([r["dcl"] for r in runs]),
                   "load": median([r["load"] for r in runs]), "quizzes": sized["quizzes"]}
            rows.append(row)
            print(f"{rel:42} {row['reqs']:4d} {raw / KB:8.1f} {row['gzip'] / KB:8.1f} "
                  f"{seconds(fcp)} {seconds(quiz)} {seconds(row['dcl'])} "
                  f"{seconds(row['load'])}", flush=True)
        browser.close()

    heaviest = max(rows, key=lambda r: r["raw"])
    quiz_rows = [r for r in rows if r["quiz"] is not None]
    slowest = max(quiz_rows, key=lambda r: r["quiz"]) if quiz_rows else None
    print()
    print(f"heaviest page: {heaviest['page']} {heaviest['raw'] / KB:.1f} KB raw "
          f"(goal <= {GOAL_RAW / KB:.0f} KB): {'met' if heaviest['raw'] <= GOAL_RAW else 'NOT met'}")
    oped = next((r for r in rows if r["page"] == OPED), None)
    if oped:
        print(f"op-ed page: {oped['gzip'] / KB:.1f} KB gzip, {oped['raw'] / KB:.1f} KB raw, "
              f"{oped['reqs']} requests (goal <= {GOAL_OPED_GZIP / KB:.0f} KB gzip): "
              f"{'met' if oped['gzip'] <= GOAL_OPED_GZIP else 'NOT met'}")
    if slowest:
        print(f"slowest quiz page: {slowest['page']} interactive at {slowest['quiz'] / 1000:.2f} s "
              f"(goal <= {GOAL_QUIZ_S:.0f} s): "
              f"{'met' if slowest['quiz'] <= GOAL_QUIZ_S * 1000 else 'NOT met'}")
    print(f"requests to other hosts blocked: {blocked_total}; "
          f"load average at end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
