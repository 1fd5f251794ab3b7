"""Benchmark: what a page of 10 quiz questions costs, static face vs ipywidgets with saved state.

Prints, for the same 10 questions (the practice bank plus one more):
- the bytes of JS+CSS the static face adds (the core medialit-quiz.js, the scripts of the
  types on the page, quiz/types/<type>.js, and medialit-quiz.css, uncompressed),
  and every byte the static page loads;
- every byte the same questions cost as ipywidgets embedded with saved widget state
  (``ipywidgets.embed.embed_minimal_html``) rendered by the widget HTML manager bundle
  (``@jupyter-widgets/html-manager`` ``dist/embed.js``, fetched once with ``npm pack`` into
  benchmarks/output/ and served locally: nothing loads from a CDN);
- the time from navigation to the first question being interactive in headless Chromium, for
  both (median of several runs).
Goal (issue 3): the static face adds at most 30 KB and is at least 20x smaller.

Run: ``.venv/bin/python benchmarks/quiz_payload.py`` (or ``make bench``).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "output" / "quiz_payload"
STATIC = ROOT / "src" / "medialit" / "sphinxext" / "static"
HTML_MANAGER = "@jupyter-widgets/html-manager@1.0.15"  # the 1.x line renders ipywidgets 8
CHROMIUM = os.environ.get("MEDIALIT_CHROMIUM", "/usr/bin/chromium")
RUNS = 5
FIRST_CONTROL = {"static": ".mlq-question input", "widgets": ".widget-radio-box input"}


def minified(path: Path) -> str:
    from medialit.quiz.minify import minified as shipped

    return shipped(path)


def ten_questions():
    from medialit.quiz import load_bank

    questions = load_bank(ROOT / "chapters" / "questions" / "practice.yml").questions
    extra = questions[0].model_copy(update={"id": "practice-q10"})
    return [*questions, extra]


def page_shell(title: str, head: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title>{head}</head><body><main>{body}</main></body></html>\n")


def quiz_assets_of(questions) -> list[tuple[str, Path]]:
    """(name on the page, file) of every asset the static face adds to a page of ``questions``."""
    from medialit.quiz.html import type_scripts

    return ([(name, STATIC / name) for name in ("medialit-quiz.css", "medialit-quiz.js")]
            + type_scripts({q.type_name for q in questions}))


def write_static_page(questions) -> Path:
    from medialit.quiz.html import quiz_html

    folder = OUT / "static"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("medialit-quiz.js", "medialit-quiz.css"):
        (folder / name).write_text(minified(STATIC / name), encoding="utf-8")
    head = ('<link rel="stylesheet" href="medialit-quiz.css">'
            '<script defer src="medialit-quiz.js"></script>')
    # as the Sphinx extension loads them: the core, then each type the page uses
    for target, source in quiz_assets_of(questions)[2:]:
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        (folder / target).write_text(minified(source), encoding="utf-8")
        head += f'<script defer src="{target}"></script>'
    (folder / "index.html").write_text(
        page_shell("Quiz (static face)", head, quiz_html(questions, name="bench")),
        encoding="utf-8")
    return folder


def html_manager_bundle() -> Path:
    """dist/ of the widget HTML manager, fetched once with npm into benchmarks/output/."""
    dist = OUT / "html-manager" / "package" / "dist"
    if (dist / "embed.js").is_file():
        return dist
    work = OUT / "html-manager"
    work.mkdir(parents=True, exist_ok=True)
    npm = shutil.which("npm")
    if not npm:
        raise SystemExit("npm is needed once to fetch the widget HTML manager bundle")
    done = subprocess.run([npm, "pack", HTML_MANAGER, "--silent"], cwd=work, check=True,
                          capture_output=True, text=True, timeout=300)
    with tarfile.open(work / done.stdout.strip().splitlines()[-1]) as tar:
        tar.extractall(work, filter="data")
    return dist


def write_widget_page(questions) -> Path:
    from ipywidgets.embed import dependency_state, embed_minimal_html

    from medialit.quiz.widgets import quiz_widget

    folder = OUT / "widgets"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(html_manager_bundle(), folder, ignore=shutil.ignore_patterns("*.map"))
    widget = quiz_widget(questions)
    embed_minimal_html(folder / "index.html", views=[widget], title="Quiz (ipywidgets)",
                       state=dependency_state(widget, drop_defaults=True),
                       requirejs=False, embed_url="embed.js")
    return folder


@contextlib.contextmanager
def serve(folder: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


READY_SCRIPT = """
(() => {
  const selector = %r;
  const mark = () => {
    const el = document.querySelector(selector);
    if (el && !el.disabled && el.getBoundingClientRect().height > 0 && !window.__ready) {
      window.__ready = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {childList: true, subtree: true});
})();
"""


def measure(browser, url: str, selector: str) -> tuple[int, float, list[str]]:
    """(bytes loaded, ms from navigation start to first control interactive, other hosts)."""
    context = browser.new_context()
    page = context.new_page()
    loaded: list[int] = []
    foreign: list[str] = []

    def route(route):
        if not route.request.url.startswith("http://127.0.0.1"):
            foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    def on_response(response):
        with contextlib.suppress(Exception):
            loaded.append(len(response.body()))

    page.route("**/*", route)
    page.on("response", on_response)
    page.add_init_script(READY_SCRIPT % selector)
    page.goto(url, wait_until="load")
    page.wait_for_function("() => window.__ready", timeout=60_000)
    ready = page.evaluate("() => window.__ready")
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(loaded), ready, foreign


def main() -> int:
    from playwright.sync_api import sync_playwright

    questions = ten_questions()
    pages = {"static": write_static_page(questions), "widgets": write_widget_page(questions)}
    # as the book ships them: minified at build time (medialit.quiz.minify)
    quiz_assets = sum(len(minified(path).encode("utf-8")) for _, path in quiz_assets_of(questions))
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        for name, folder in pages.items():
            with serve(folder) as url:
                runs = [measure(browser, url, FIRST_CONTROL[name]) for _ in range(RUNS)]
            if any(run[2] for run in runs):
                raise SystemExit(f"{name}: requests to other hosts: {runs[0][2]}")
            results[name] = (runs[0][0], statistics.median(run[1] for run in runs))
        browser.close()
    static_bytes, static_ms = results["static"]
    widget_bytes, widget_ms = results["widgets"]
    print(f"questions on the page:                       {len(questions)}")
    print(f"static face: JS+CSS the quiz adds:           {quiz_assets:>10,} bytes "
          f"({quiz_assets / 1024:.1f} KiB; goal <= 30 KB)")
    print(f"static page: every byte loaded:              {static_bytes:>10,} bytes")
    print(f"ipywidgets + saved state + HTML manager:     {widget_bytes:>10,} bytes")
    print(f"widget page / static JS+CSS:                 {widget_bytes / quiz_assets:>10.1f}x "
          f"(goal >= 20x)")
    print(f"widget page / whole static page:             {widget_bytes / static_bytes:>10.1f}x")
    print(f"first question interactive, static (median of {RUNS}):   {static_ms:8.1f} ms")
    print(f"first question interactive, widgets (median of {RUNS}):  {widget_ms:8.1f} ms")
    ok = quiz_assets <= 30_000 and widget_bytes >= 20 * quiz_assets
    print("goal met" if ok else "goal NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
