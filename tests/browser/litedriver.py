"""Drive the live site (JupyterLite, Pyodide kernel) like a student, offline: shared by the
browser tests (test_lite.py) and the benchmark (benchmarks/lite.py).

Every request to another host is aborted and recorded, from the pages, their workers and the
service worker alike (a route on the browser context); every local response with an error
status is recorded too (the site leaves parts of JupyterLite's app out: nothing may ask for
them). For the run only, the app object is exposed (JupyterLab's own ``exposeAppInBrowser``
switch, set in the served jupyter-lite.json) so the kernel's status can be read from the app's
model instead of guessed from the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# The notebook on show has a kernel, idle and connected: Pyodide booted, the kernel's packages
# loaded, IPython running. (Before it starts the status is "unknown", then "starting".)
KERNEL_READY_JS = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.sessionContext && widget.sessionContext.session
      && widget.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
}"""
# Ask the kernel of the notebook on show to complete ``code`` at its end (Tab in a cell).
COMPLETE_JS = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const reply = await kernel.requestComplete({code, cursor_pos: code.length});
  return reply.content;
}"""
# Run ``code`` in that kernel (not in the notebook) and return what it printed.
EXECUTE_JS = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let text = '';
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') text += msg.content.text;
    if (msg.header.msg_type === 'error') text += msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return text;
}"""


@dataclass
class LiveWatch:
    blocked: list[str] = field(default_factory=list)  # non-local requests, aborted
    failed: list[str] = field(default_factory=list)  # the live site's responses, status >= 400
    errors: list[str] = field(default_factory=list)  # uncaught errors, console errors


def watch_live(context) -> LiveWatch:
    """Block non-local requests, record failed local ones, expose the app; on ``context``."""
    seen = LiveWatch()

    def route(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            seen.blocked.append(url)
            return route.abort()
        if parts.path.endswith("/lite/jupyter-lite.json"):
            response = route.fetch()
            config = response.json()
            config["jupyter-config-data"]["exposeAppInBrowser"] = True
            return route.fulfill(response=response, body=json.dumps(config))
        return route.continue_()

    def response(response):
        parts = urlsplit(response.url)
        if response.status >= 400 and parts.hostname in LOCAL_HOSTS and "/lite/" in parts.path:
            seen.failed.append(f"{response.status} {response.url}")

    context.route("**/*", route)
    context.on("response", response)
    return seen


def wait_kernel_ready(page, timeout_ms: int) -> None:
    page.wait_for_function(KERNEL_READY_JS, timeout=timeout_ms, polling=50)


def run_all(page) -> None:
    """Run > Run All Cells, as a student would."""
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
