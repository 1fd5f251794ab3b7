"""Shared fixtures: the built book, a local web server for it, and headless Chromium.

The book is built once per test session (``built_book``) with the same command the README
documents for CI: ``jupyter-book build --all -W -n --keep-going``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The kit's own case: the pack every test (and every tiny book in tests/roots, which names no
# pack of its own) works on unless it chooses another (medialit.pack: books that name a pack
# in _config.yml still get theirs).
OPED_PACK = ROOT / "packs" / "oped-2024"
os.environ.setdefault("MEDIALIT_PACK", str(OPED_PACK))
BUILD_HTML = ROOT / "_build" / "html"
OUTPUT = ROOT / "test-output"  # screenshots and other artefacts a person may want to open


# `make test` runs the suite in two lanes: every test not marked ``serial`` on two processes
# (pytest-xdist), then the ``serial`` ones in one. Serial are the tests that share something a
# second process would race for or that measure time: the book built into the repository's
# _build/ (and the live site built into it), the editions, headless Chromium, and student code
# run in the sandbox under its time limits. The mark is given here, from each test's path and
# fixtures, so that a new test that asks for the built book is serial without anyone
# remembering to mark it.
SERIAL_FIXTURES = {"built_book", "book_html", "book_url", "editions", "quiz_fixture_book",
                   "browser", "lite_book"}
SERIAL_MODULES = {"test_grading_isolation", "test_grading_sandbox", "test_grading_sandbox_hostile"}


def is_serial(item: pytest.Item) -> bool:
    path = Path(str(item.fspath))
    return ("browser" in path.parts or path.stem in SERIAL_MODULES
            or bool(SERIAL_FIXTURES & set(getattr(item, "fixturenames", ())))
            or item.get_closest_marker("bwrap") is not None
            or item.get_closest_marker("build") is not None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if is_serial(item):
            item.add_marker(pytest.mark.serial)


def jupyter_book() -> str:
    exe = Path(sys.executable).with_name("jupyter-book")
    return str(exe) if exe.exists() else shutil.which("jupyter-book") or "jupyter-book"


def build_book(source: Path, *extra: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run jupyter-book on ``source`` with warnings as errors; return the finished process."""
    return subprocess.run(
        [jupyter_book(), "build", "--all", "-W", "-n", "--keep-going", *extra, str(source)],
        capture_output=True, text=True, timeout=timeout, cwd=source, check=False,
    )


@dataclass
class BuiltBook:
    returncode: int
    output: str
    html: Path


@pytest.fixture(scope="session")
def built_book() -> BuiltBook:
    proc = build_book(ROOT)
    return BuiltBook(proc.returncode, proc.stdout + proc.stderr, BUILD_HTML)


@pytest.fixture(scope="session")
def book_html(built_book: BuiltBook) -> Path:
    """The built book's HTML folder; fails (not skips) the test if the build failed."""
    assert built_book.returncode == 0, f"the book did not build:\n{built_book.output[-4000:]}"
    return built_book.html


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve ``directory`` on a free localhost port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def book_url(book_html: Path):
    """Serve the built book on a free localhost port for the whole session."""
    with serve_directory(book_html) as url:
        yield url


def prepare_quiz_root(dest: Path) -> Path:
    """Copy tests/roots/quiz-tricky to ``dest`` and add notebook.ipynb, whose stored output is
    what ``Quiz`` displays with no kernel (made now, so it always matches the current code)."""
    import nbformat

    from medialit.quiz import Quiz

    shutil.copytree(ROOT / "tests" / "roots" / "quiz-tricky", dest)
    bundle = Quiz.from_bank(dest / "questions" / "tricky.yml")._repr_mimebundle_()
    cell = nbformat.v4.new_code_cell('Quiz.from_bank("tricky")', execution_count=1)
    cell.outputs = [nbformat.v4.new_output("execute_result", data=bundle, execution_count=1)]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A quiz in a notebook"),
                                         cell])
    nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3",
                                       "language": "python"},
                        "language_info": {"name": "python"}})
    nbformat.write(nb, dest / "notebook.ipynb")
    return dest


@pytest.fixture(scope="session")
def quiz_fixture_book(tmp_path_factory) -> BuiltBook:
    """tests/roots/quiz-tricky (a quiz whose fields carry tricky characters), built once."""
    root = prepare_quiz_root(tmp_path_factory.mktemp("quiz-tricky") / "book")
    proc = build_book(root)
    return BuiltBook(proc.returncode, proc.stdout + proc.stderr, root / "_build" / "html")


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def editions(tmp_path_factory):
    """A copy of the kit with canaries in its masters, released, both editions built
    (tests/editions_support.py)."""
    from editions_support import build_editions

    return build_editions(tmp_path_factory.mktemp("editions") / "kit")
