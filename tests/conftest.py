"""Shared fixtures: the built book, a local web server for it, and headless Chromium.

The book is built once per test run (``built_book``) with the same command the README
documents for CI: ``jupyter-book build --all -W -n --keep-going``, then its live site
(``medialit lite build``), as ``make book`` does. Under pytest-xdist the workers share that one
build, and the editions, through ``once_per_run``: the first worker to ask builds while the
others wait on a file lock, then they all read its result.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import pickle
import shutil
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The kit's own case: the pack every test (and every tiny book in tests/roots, which names no
# pack of its own) works on unless it chooses another (medialit.pack: books that name a pack
# in _config.yml still get theirs).
OPED_PACK = ROOT / "packs" / "oped-2024"
os.environ.setdefault("MEDIALIT_PACK", str(OPED_PACK))
BUILD_HTML = ROOT / "_build" / "html"
OUTPUT = ROOT / "test-output"  # screenshots and other artefacts a person may want to open
# The environment of the run's shared builds, as it is before any test: a build started in a
# thread (start_shared_builds) must not see what a test running meanwhile has monkeypatched.
BUILD_ENV = dict(os.environ)


# `make test` runs the suite in two lanes: every test not marked ``serial`` on two processes
# (pytest-xdist), then the ``serial`` ones in one. Serial are the tests that measure time: student
# code run in the sandbox under its time limits (wall and CPU seconds), which a second process
# on the same two cores would make flaky. Everything else runs on two processes, the tests of
# the built book, the editions and the browser among them: those builds are shared by the
# workers (``once_per_run``), each worker serves them on its own port and drives its own
# Chromium, and tiny books are built in each test's own temporary folder. The mark is given
# here, from each test's path and marks, so that a new sandbox test is serial without anyone
# remembering to mark it.
SERIAL_MODULES = {"test_grading_isolation", "test_grading_sandbox", "test_grading_sandbox_hostile"}


def is_serial(item: pytest.Item) -> bool:
    path = Path(str(item.fspath))
    return path.stem in SERIAL_MODULES or item.get_closest_marker("bwrap") is not None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if is_serial(item):
            item.add_marker(pytest.mark.serial)


def jupyter_book() -> str:
    exe = Path(sys.executable).with_name("jupyter-book")
    return str(exe) if exe.exists() else shutil.which("jupyter-book") or "jupyter-book"


def build_book(source: Path, *extra: str, timeout: int = 900,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run jupyter-book on ``source`` with warnings as errors; return the finished process."""
    return subprocess.run(
        [jupyter_book(), "build", "--all", "-W", "-n", "--keep-going", *extra, str(source)],
        capture_output=True, text=True, timeout=timeout, cwd=source, check=False, env=env,
    )


@dataclass
class BuiltBook:
    returncode: int
    output: str
    html: Path


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str,
                 make: Callable[[Path], Any]) -> Any:
    """``make(folder)`` once for the whole test run, its result for every process of it.

    Alone, pytest calls it in a new temporary folder. Under pytest-xdist the workers share the
    run's temporary folder (the parent of each worker's own): the first to get the lock
    ``name.lock`` there calls ``make`` in ``name/`` and pickles its result, or its error, to
    ``name.pickle``; the others wait on the lock, then read that file.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    result = shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not result.exists():
                folder = shared / name
                folder.mkdir()
                try:
                    value = make(folder)
                except BaseException:
                    result.write_bytes(pickle.dumps(("error", traceback.format_exc())))
                    raise
                result.write_bytes(pickle.dumps(("ok", value)))
                return value
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    kind, value = pickle.loads(result.read_bytes())
    if kind == "error":
        pytest.fail(f"{name} (built once for the whole run) failed:\n{value}", pytrace=False)
    return value


@dataclass
class MainBook:
    """The kit's book built into _build/html, and its live site built into it."""

    book: BuiltBook
    lite: Any  # medialit.lite.site.LiteSite, or the error (traceback text) that stopped it


# medialit.lite.site.build_site in a process of its own (the engine's current pack is per
# process, and a test running meanwhile may be choosing another); the site, pickled to argv[3].
LITE_BUILD = """
import pickle, sys
from pathlib import Path
from medialit.lite.site import build_site
site = build_site(Path(sys.argv[1]), Path(sys.argv[2]), log=lambda *_: None)
Path(sys.argv[3]).write_bytes(pickle.dumps(site))
"""


def build_main_book(folder: Path) -> MainBook:
    """``jupyter-book build --all -W -n --keep-going`` of the kit, then, if that succeeded,
    its live site (``medialit lite build``), as ``make book`` does. Every test of the built
    book sees the same files, the live site included, whichever test runs first."""
    proc = build_book(ROOT, env=BUILD_ENV)
    book = BuiltBook(proc.returncode, proc.stdout + proc.stderr, BUILD_HTML)
    if proc.returncode != 0:
        return MainBook(book, "the book did not build")
    site = folder / "lite-site.pickle"
    lite = subprocess.run([sys.executable, "-c", LITE_BUILD, str(ROOT), str(BUILD_HTML), str(site)],
                          capture_output=True, text=True, cwd=ROOT, env=BUILD_ENV, check=False)
    if lite.returncode != 0:
        return MainBook(book, lite.stdout + lite.stderr)
    return MainBook(book, pickle.loads(site.read_bytes()))


@pytest.fixture(scope="session")
def main_book(tmp_path_factory) -> MainBook:
    return once_per_run(tmp_path_factory, "main-book", build_main_book)


@pytest.fixture(scope="session")
def built_book(main_book: MainBook) -> BuiltBook:
    return main_book.book


@pytest.fixture(scope="session")
def live_site(main_book: MainBook, book_html: Path):
    """The built book's live site (medialit.lite.site.LiteSite); fails the test if its build
    failed."""
    if isinstance(main_book.lite, str):
        pytest.fail(f"the live site did not build:\n{main_book.lite[-4000:]}", pytrace=False)
    return main_book.lite


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
    def make(folder: Path) -> BuiltBook:
        root = prepare_quiz_root(folder / "book")
        proc = build_book(root)
        return BuiltBook(proc.returncode, proc.stdout + proc.stderr, root / "_build" / "html")

    return once_per_run(tmp_path_factory, "quiz-tricky", make)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@contextlib.contextmanager
def not_building(tmp_path_factory: pytest.TempPathFactory, name: str):
    """Yield whether no process of this run is inside ``once_per_run(..., name, ...)`` now,
    keeping it from starting until the block ends."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        yield True
        return
    with open(tmp_path_factory.getbasetemp().parent / f"{name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_editions_in(tmp_path_factory: pytest.TempPathFactory, folder: Path):
    from editions_support import build_editions

    # the main book's executed notebooks, unless it is being built right now (a half-written
    # cache): then the copy runs them itself
    cache, copy = ROOT / "_build" / ".jupyter_cache", folder / "jupyter_cache"
    with not_building(tmp_path_factory, "main-book") as idle:
        if idle and cache.is_dir():
            shutil.copytree(cache, copy)
    return build_editions(folder / "kit", copy if copy.is_dir() else None)


@pytest.fixture(scope="session")
def editions(tmp_path_factory):
    """A copy of the kit with canaries in its masters, released, both editions built
    (tests/editions_support.py)."""
    return once_per_run(tmp_path_factory, "editions",
                        lambda folder: build_editions_in(tmp_path_factory, folder))


# The run's long builds, each with the fixture that asks for it and how to make it.
SHARED_BUILDS: dict[str, tuple[str, Callable[[pytest.TempPathFactory, Path], Any]]] = {
    "main-book": ("main_book", lambda _factory, folder: build_main_book(folder)),
    "editions": ("editions", build_editions_in),
}


@pytest.fixture(scope="session", autouse=True)
def start_shared_builds(request, tmp_path_factory):
    """Under pytest-xdist, start the long builds this run's tests need at once, each in a
    thread of one worker (the first build in the first worker, and so on), so that no worker
    sits waiting for a build another could have started while it ran other tests. A test that
    needs one waits for it through its fixture (``once_per_run``'s lock)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if not worker.startswith("gw"):
        yield
        return
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    mine = [name for name, (fixture, _make) in SHARED_BUILDS.items() if fixture in needed]
    mine = mine[int(worker[2:])::count]
    tmp_path_factory.getbasetemp()  # made now: a thread and a test making it at once would race

    def run(name: str) -> None:
        make = SHARED_BUILDS[name][1]
        try:
            once_per_run(tmp_path_factory, name, lambda folder: make(tmp_path_factory, folder))
        except BaseException:  # noqa: BLE001, S110 — kept in name.pickle: its fixture fails with it
            pass

    threads = [threading.Thread(target=run, args=(name,), name=f"build {name}", daemon=True)
               for name in mine]
    for thread in threads:
        thread.start()
    yield
    for thread in threads:
        thread.join()


@pytest.fixture(autouse=True)
def _the_current_pack_is_restored():
    """Each test starts with the current pack the one before it started with: a test (or a
    command it runs in-process) that chooses another pack cannot change what later tests see,
    whatever order they run in."""
    from medialit import pack

    before = list(pack._CURRENT)
    yield
    pack._CURRENT[:] = before
