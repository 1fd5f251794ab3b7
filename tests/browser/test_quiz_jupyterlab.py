"""End to end in real JupyterLab (the pinned version): start a server on a free localhost port
with a temporary token, open a notebook holding a quiz, run it, answer through the ipywidgets
face in Chromium and see the feedback; the server is always stopped afterwards."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT

NOTEBOOK = ROOT / "tests" / "notebooks" / "quiz-in-jupyterlab.ipynb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"jupyter lab exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"jupyter lab not ready after {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab server rooted in a temporary folder holding the notebook and the bank."""
    root = tmp_path / "root"
    (root / "questions").mkdir(parents=True)
    shutil.copy(NOTEBOOK, root / "quiz.ipynb")
    shutil.copy(ROOT / "chapters" / "questions" / "practice.yml", root / "questions")
    shutil.copy(ROOT / "references.bib", root)
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "IPYTHONDIR": str(tmp_path / "ipython")}
    jupyter = Path(sys.executable).with_name("jupyter")
    log = tmp_path / "jupyter.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
             "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}", "--LabApp.news_url=",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--LabApp.extension_manager=readonly",
             # containers and CI often run as root, which jupyter refuses without this flag
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(f"{base}/api/status?token={token}", proc, log)
        yield base, token, log
    finally:
        try:
            request = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(request, timeout=5).close()
            proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_quiz_answered_through_widgets_in_jupyterlab(jupyterlab, browser, output_dir):
    base, token, log = jupyterlab
    from browser.conftest import watch

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = watch(page)
    page.goto(f"{base}/lab/tree/quiz.ipynb?token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # The kernel must be connected and idle before "Run All Cells", or the request is lost.
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    widget = page.locator(".jp-OutputArea-output .mlq-widget")
    try:
        widget.wait_for(timeout=60_000)
    except PlaywrightTimeout:
        page.screenshot(path=str(output_dir / "quiz-jupyterlab-failed.png"))
        raise AssertionError(f"no quiz widget; server log:\n{log.read_text()[-3000:]}"
                             f"\nconsole: {seen.console_errors}") from None
    widget.get_by_text("“found no evidence”", exact=True).click()
    widget.get_by_role("button", name="Check").click()
    feedback = widget.get_by_text("Not quite.")
    feedback.wait_for(timeout=30_000)
    assert "stands outside the quotation marks" in widget.inner_text()
    page.screenshot(path=str(output_dir / "quiz-jupyterlab-wrong.png"))
    widget.get_by_text("“violence against civilians”", exact=True).click()
    widget.get_by_role("button", name="Check").click()
    widget.get_by_text("Correct.").wait_for(timeout=30_000)
    assert "Why:" in widget.inner_text()
    page.screenshot(path=str(output_dir / "quiz-jupyterlab-right.png"))
    context.close()
    assert seen.external_requests == [], seen.external_requests
