"""medialit.lite without a browser: pins, hash checks, the site's lock, the remote-URL check, the
install-check cell, the light base install, and the server's headers."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import threading
import urllib.request
import zipfile
from pathlib import Path

import pytest

from medialit.lite.fetch import FetchError, fetch_wheels
from medialit.lite.notebooks import install_check_source, with_install_check
from medialit.lite.pins import PinError, WheelPin, pyodide_npm_version, read_wheel_pins
from medialit.lite.pyodide_lock import LockError, build_lock
from medialit.lite.remote import RemoteURLError, check_no_remote_urls, remote_urls

ROOT = Path(__file__).resolve().parents[1]


def make_wheel(folder: Path, name: str, version: str, requires: list[str] = (),
               module: str | None = None) -> Path:
    """A small, valid pure-Python wheel."""
    dist = f"{name.replace('-', '_')}-{version}"
    path = folder / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{module or name.replace('-', '_')}/__init__.py", "")
        meta = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                *(f"Requires-Dist: {r}" for r in requires)]
        archive.writestr(f"{dist}.dist-info/METADATA", "\n".join(meta) + "\n")
        archive.writestr(f"{dist}.dist-info/WHEEL", "Wheel-Version: 1.0\n")
    return path


# -- pins ------------------------------------------------------------------------------------------

def test_the_committed_pins_are_exact_and_hashed():
    pins = read_wheel_pins(ROOT / "lite" / "requirements.txt")
    names = {p.name for p in pins}
    # what the kernel installs at start-up and what medialit's base install needs
    assert {"micropip", "comm", "ipython", "jedi", "pydantic", "pydantic-core", "ruamel-yaml",
            "click"} <= names
    assert not names & {"numpy", "matplotlib", "lxml", "nbformat", "jsonschema", "rpds-py"}
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    assert pyodide_npm_version(ROOT / "lite") == PYODIDE_VERSION


def test_a_malformed_pin_names_the_file_and_line(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("# comment\nclick==8.5.1 --hash=sha256:" + "a" * 64 + "\npydantic>=2\n")
    with pytest.raises(PinError, match=r"requirements.txt:3: expected 'name==version"):
        read_wheel_pins(path)


def test_a_pyodide_pin_that_is_not_exact_is_refused(tmp_path):
    (tmp_path / "package.json").write_text('{"dependencies": {"pyodide": "^314.0.6"}}')
    (tmp_path / "package-lock.json").write_text("{}")
    with pytest.raises(PinError, match="must be an exact version"):
        pyodide_npm_version(tmp_path)


def test_a_cached_wheel_with_another_hash_fails_the_build(tmp_path):
    wheels = tmp_path / "cache" / "wheels"
    wheels.mkdir(parents=True)
    wheel = make_wheel(wheels, "tiny", "1.0")
    good = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert fetch_wheels([WheelPin("tiny", "1.0", good)], tmp_path / "cache",
                        log=lambda *_: None) == {"tiny": wheel}
    with pytest.raises(FetchError, match=r"tiny-1.0-py3-none-any.whl: sha256 .* does not match"):
        fetch_wheels([WheelPin("tiny", "1.0", "0" * 64)], tmp_path / "cache", log=lambda *_: None)


# -- the site's Pyodide lock ----------------------------------------------------------------------

def test_lock_entries_come_from_wheel_metadata(tmp_path):
    a = make_wheel(tmp_path, "alpha", "1.0", ["beta>=2", "gamma; sys_platform == 'win32'",
                                              "delta; extra == 'docs'"])
    b = make_wheel(tmp_path, "beta", "2.1", module="beta_mod")
    lock = build_lock([a, b], {"python": "3.14.2"})
    assert lock["packages"]["alpha"]["depends"] == ["beta"]  # markers evaluated for Pyodide
    assert lock["packages"]["beta"]["imports"] == ["beta_mod"]
    assert lock["packages"]["alpha"]["file_name"] == a.name  # relative: served beside the lock
    assert lock["packages"]["alpha"]["sha256"] == hashlib.sha256(a.read_bytes()).hexdigest()


def test_a_dependency_without_a_wheel_fails_naming_both(tmp_path):
    a = make_wheel(tmp_path, "alpha", "1.0", ["numpy"])
    with pytest.raises(LockError, match="alpha-1.0-py3-none-any.whl needs numpy"):
        build_lock([a], {})


# -- the remote-URL check -------------------------------------------------------------------------

def _site(tmp_path: Path, config: dict) -> Path:
    (tmp_path / "static" / "pyodide").mkdir(parents=True)
    (tmp_path / "static" / "pyodide" / "pyodide-lock.json").write_text(
        json.dumps({"info": {}, "packages": {"a": {"file_name": "a-1-py3-none-any.whl"}}}))
    (tmp_path / "jupyter-lite.json").write_text(json.dumps(config))
    return tmp_path


def test_a_remote_url_in_the_config_fails_the_check(tmp_path):
    site = _site(tmp_path, {"jupyter-config-data": {"litePluginSettings": {"k": {
        "pyodideUrl": "https://cdn.example.org/pyodide/pyodide.mjs"}}}})
    expected = ("jupyter-lite.json: /jupyter-config-data/litePluginSettings/k/pyodideUrl: "
                "https://cdn.example.org/pyodide/pyodide.mjs")
    assert remote_urls(site) == [expected]
    with pytest.raises(RemoteURLError, match="names remote URLs"):
        check_no_remote_urls(site)


def test_a_remote_wheel_in_the_lock_fails_the_check(tmp_path):
    site = _site(tmp_path, {})
    (site / "static" / "pyodide" / "pyodide-lock.json").write_text(json.dumps(
        {"packages": {"jedi": {"file_name": "//files.example.org/jedi.whl"}}}))
    with pytest.raises(RemoteURLError, match="pyodide-lock.json: /packages/jedi/file_name"):
        check_no_remote_urls(site)


def test_a_site_without_its_own_lock_fails_the_check(tmp_path):
    (tmp_path / "jupyter-lite.json").write_text("{}")
    with pytest.raises(RemoteURLError, match="no pyodide-lock.json"):
        check_no_remote_urls(tmp_path)


def test_a_local_site_passes(tmp_path):
    site = _site(tmp_path, {"jupyter-config-data": {"baseUrl": "./", "$schema": "http://x/"}})
    assert check_no_remote_urls(site) == 2


# -- the install-check cell -----------------------------------------------------------------------

def test_without_medialit_the_first_cell_prints_the_install_line():
    nb = json.loads((ROOT / "exercises" / "set-a-framing.ipynb").read_text(encoding="utf-8"))
    first = with_install_check(nb, "0.1.0", None)["cells"][0]
    # -I -S: no site-packages, so no medialit (as in a student's own Jupyter)
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", first["source"]],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0 and proc.stderr == ""
    assert "%pip install http://localhost:8765/wheel/medialit-0.1.0-py3-none-any.whl" in proc.stdout
    assert "python -m pip install medialit-0.1.0-py3-none-any.whl" in proc.stdout
    assert "Traceback" not in proc.stdout


def test_with_medialit_the_first_cell_says_so():
    proc = subprocess.run([sys.executable, "-c", install_check_source("0.1.0", None)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout.startswith("medialit ") and "is installed" in proc.stdout


def test_the_install_check_is_added_once_and_the_answers_are_kept():
    nb = json.loads((ROOT / "exercises" / "set-a-framing.ipynb").read_text(encoding="utf-8"))
    twice = with_install_check(with_install_check(nb, "0.1.0", None), "0.1.0", None)
    roles = [c["metadata"].get("medialit", {}).get("role") for c in twice["cells"]]
    assert roles.count("install-check") == 1 and roles[0] == "install-check"
    assert twice["cells"][1:] == nb["cells"]


def test_a_public_book_url_goes_into_the_install_line():
    source = install_check_source("0.1.0", "https://kit.example.edu/book/")
    assert "%pip install https://kit.example.edu/book/wheel/medialit-0.1.0-py3-none-any.whl" in source


def test_the_grader_reads_a_notebook_with_the_install_check(tmp_path):
    """A student hands in the downloaded copy: the extra first cell changes no answer."""
    from medialit.grading.master import load_master
    from medialit.grading.read_answers import load_notebook, read_answers

    master = load_master(ROOT / "solutions" / "set-a-framing.ipynb")
    plain = (ROOT / "exercises" / "set-a-framing.ipynb").read_bytes()
    nb = json.loads(plain.decode("utf-8"))
    data = json.dumps(with_install_check(nb, "0.1.0", None)).encode()
    assert load_notebook(data)["cells"][0]["metadata"]["medialit"]["role"] == "install-check"
    before = read_answers(plain, master.slots(), master.set_id).answers
    after = read_answers(data, master.slots(), master.set_id).answers
    assert {k: (a.status, a.value) for k, a in after.items()} == \
        {k: (a.status, a.value) for k, a in before.items()}


# -- the light base install -----------------------------------------------------------------------

STUDENT_PATH = """
import sys
from medialit.case import load_oped, Document
from medialit.student import answer_checker
from medialit.analysis import find_stance_markers, count_by_paragraph
from medialit.analysis.charts import as_image, bars_per_paragraph
from medialit.analysis.table import Table
oped = load_oped()
counts = count_by_paragraph(oped, find_stance_markers(oped))
as_image(bars_per_paragraph([c.paragraph for c in counts], {"h": [c.hedges for c in counts]},
                            title="t")).svg()
q2 = "A"
answer_checker("set-x", {"q2": {"type": "single_choice", "options": ["A", "B"], "points": 1}})()
heavy = {"nbformat", "jsonschema", "matplotlib", "numpy", "lxml", "sphinx", "docutils",
         "ipywidgets", "markdown_it", "tqdm", "PIL", "IPython", "jupyterlite_core"}
print(sorted(heavy & {m.split(".")[0] for m in sys.modules}))
"""


def test_the_student_path_imports_no_extra():
    proc = subprocess.run([sys.executable, "-c", STUDENT_PATH], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "[]"


def test_the_base_install_needs_only_what_the_browser_has():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = {canonicalize_name(Requirement(r).name) for r in project["dependencies"]}
    assert base == {"click", "pydantic", "ruamel-yaml"}
    pinned = {p.name for p in read_wheel_pins(ROOT / "lite" / "requirements.txt")}
    assert base <= pinned
    extras = project["optional-dependencies"]
    assert {"book", "export", "grade", "handouts", "test", "quiz"} <= set(extras)


# -- medialit serve -------------------------------------------------------------------------------

def test_serve_sends_the_types_the_live_site_needs(tmp_path):
    from medialit.lite.serve import ServeError, make_server

    with pytest.raises(ServeError, match="no built book here"):
        make_server(tmp_path, port=0)
    (tmp_path / "index.html").write_text("<p>book</p>")
    with pytest.raises(ServeError, match="no live notebooks"):
        make_server(tmp_path, port=0)
    (tmp_path / "lite" / "static").mkdir(parents=True)
    (tmp_path / "lite" / "jupyter-lite.json").write_text("{}")
    (tmp_path / "lite" / "static" / "a.wasm").write_bytes(b"\0asm")
    (tmp_path / "lite" / "static" / "a.mjs").write_text("export {}")
    (tmp_path / "_sources").mkdir()
    (tmp_path / "_sources" / "set.ipynb").write_text("{}")
    server = make_server(tmp_path, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        def head(path):
            with urllib.request.urlopen(base + path) as response:
                return response.headers

        assert head("/lite/static/a.wasm")["Content-Type"] == "application/wasm"
        assert head("/lite/static/a.mjs")["Content-Type"] == "text/javascript"
        request = urllib.request.Request(base + "/lite/static/a.mjs",
                                         headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == b"export {}"
        download = head("/_sources/set.ipynb")
        assert download["Content-Disposition"] == 'attachment; filename="set.ipynb"'
        with pytest.raises(ServeError, match="cannot listen"):
            make_server(tmp_path, port=server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


# -- what the site leaves out of JupyterLite's app ------------------------------------------------

def _app_archive(tmp_path: Path, chunks: dict[str, list[str]]) -> Path:
    """A stand-in for jupyterlite-core's app archive: build/<chunk>.js with its source map."""
    import io
    import tarfile

    archive = tmp_path / "jupyterlite-app-0.0.0.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, sources in chunks.items():
            for member, data in ((f"package/build/{name}", b"/* chunk */"),
                                 (f"package/build/{name}.map",
                                  json.dumps({"sources": sources}).encode())):
                info = tarfile.TarInfo(member)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return archive


def test_only_chunks_made_of_dropped_libraries_are_left_out(tmp_path):
    from medialit.lite.trim import chunk_libraries, droppable, trim_app

    archive = _app_archive(tmp_path, {
        "1.aaa.js": ["webpack://x/node_modules/mermaid/dist/a.js",
                     "webpack://x/node_modules/d3-shape/src/b.js"],
        "2.bbb.js": ["webpack://x/node_modules/vega/build/c.js",
                     "webpack://x/node_modules/marked/lib/d.js"],  # marked renders Markdown
        "3.ccc.js": ["webpack://x/../packages/application/lib/e.js"],  # the app's own code
        "4.ddd.js": ["webpack://x/node_modules/@xterm/xterm/lib/f.js"],
    })
    chunks = chunk_libraries(archive)
    assert chunks["2.bbb.js"] == {"vega", "marked"} and chunks["3.ccc.js"] == {"<app>"}
    assert droppable(chunks) == ["1.aaa.js", "4.ddd.js"]
    site = tmp_path / "site"
    (site / "build" / "notebooks").mkdir(parents=True)
    (site / "build" / "notebooks" / "bundle.js").write_text("Promise.all([t.e(3)])")
    for name in chunks:
        (site / "build" / name).write_text("x" * 10)
    report = trim_app(site, archive)
    assert report.files == ["build/1.aaa.js", "build/4.ddd.js"] and report.bytes == 20
    assert sorted(p.name for p in (site / "build").glob("*.js")) == ["2.bbb.js", "3.ccc.js"]


def test_a_chunk_an_entry_bundle_loads_is_never_left_out(tmp_path):
    from medialit.lite.trim import TrimError, trim_app

    archive = _app_archive(tmp_path, {"7.eee.js": ["webpack://x/node_modules/katex/k.js"]})
    site = tmp_path / "site"
    (site / "build" / "lab").mkdir(parents=True)
    (site / "build" / "lab" / "bundle.js").write_text("await Promise.all([t.e(5531),t.e(7)])")
    (site / "build" / "7.eee.js").write_text("x")
    with pytest.raises(TrimError, match=r"entry bundle loads 7.eee.js"):
        trim_app(site, archive)
    assert (site / "build" / "7.eee.js").is_file()


def test_the_disabled_plugins_and_libraries_are_ids_and_names():
    from medialit.lite.trim import DISABLED_PLUGINS, DROPPED_LIBRARIES, is_dropped

    assert all(":" in p and p.startswith("@") for p in DISABLED_PLUGINS)
    assert len(set(DISABLED_PLUGINS)) == len(DISABLED_PLUGINS)
    assert is_dropped("mermaid") and is_dropped("d3-array") and is_dropped("@xterm/addon-fit")
    # what the notebooks need stays: Markdown, maths, the editor, the kernel's widgets
    for kept in ("marked", "mathjax-full", "@codemirror/view", "@jupyterlab/notebook",
                 "@jupyter-widgets/base", "react-dom", "<app>"):
        assert not is_dropped(kept), kept
    assert len(DROPPED_LIBRARIES) == len(set(DROPPED_LIBRARIES))


# -- how the kernel starts ------------------------------------------------------------------------

def test_a_preloaded_package_missing_from_the_lock_fails_the_build():
    from medialit.lite.site import LiteBuildError, check_preload

    lock = {"packages": {"micropip": {}, "ipython": {}}}
    check_preload(lock, ["micropip", "ipython"])
    with pytest.raises(LiteBuildError, match="load jedi at start, but the site's "
                                             "pyodide-lock.json has no such package"):
        check_preload(lock, ["micropip", "jedi"])


def test_the_bytecode_covers_the_medialit_modules_the_notebooks_import():
    from medialit.lite.bytecode import notebook_imports

    def code(source):
        return {"cell_type": "code", "source": source}

    notebooks = [{"cells": [code("from medialit.case import load_oped\nimport json"),
                            {"cell_type": "markdown", "source": "import medialit.fake"},
                            code("%pip install x\nimport medialit.analysis.charts as c")]},
                 {"cells": [code("q1 = ...  # your answer"), code("def f(:\n  import medialit.x"),
                            code("from . import y\nimport medialitx")]}]
    assert notebook_imports(notebooks) == ["medialit.analysis.charts", "medialit.case"]
    # the book's own notebooks: what the kernel must not compile from source at the first cell
    from medialit.lite.notebooks import read_notebook
    from medialit.lite.site import book_notebooks

    found = notebook_imports([read_notebook(p) for p in book_notebooks(ROOT)])
    assert {"medialit.case", "medialit.student", "medialit.analysis.charts"} <= set(found)


def test_the_site_key_does_not_depend_on_the_kit_folder(tmp_path):
    from medialit.lite.site import _digest

    for folder in ("a", "b/c"):
        (tmp_path / folder / "exercises").mkdir(parents=True)
        (tmp_path / folder / "exercises" / "set.ipynb").write_text("{}")
    first, second = (_digest([tmp_path / f / "exercises" / "set.ipynb"], "x", base=tmp_path / f)
                     for f in ("a", "b/c"))
    assert first == second
    (tmp_path / "b/c" / "exercises" / "set.ipynb").write_text('{"changed": 1}')
    assert _digest([tmp_path / "b/c" / "exercises" / "set.ipynb"], "x",
                   base=tmp_path / "b/c") != first


# -- the instructor edition -----------------------------------------------------------------------

def test_no_master_notebook_is_live():
    from medialit.lite.notebooks import is_live

    assert is_live("exercises/set-a-framing.ipynb") and is_live("chapters/analysis-hedges.ipynb")
    assert not is_live("solutions/set-a-framing.ipynb")
    assert not is_live("chapters/extra/notes.ipynb") and not is_live("x/exercises/set.ipynb")


def test_make_instructor_builds_the_live_notebooks_and_checks_them_for_keys():
    proc = subprocess.run(["make", "-n", "instructor"], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    commands = [line.strip() for line in proc.stdout.splitlines()]
    html = "_build/instructor/_build/html"
    build = next(i for i, c in enumerate(commands) if c.endswith(f"lite build --html {html}"))
    check = next(i for i, c in enumerate(commands)
                 if c.endswith(f"leak-check {html}/lite {html}/wheel"))
    book = next(i for i, c in enumerate(commands) if "jupyter-book build" in c)
    assert book < build < check


# -- the site's jedi, without the stubs no browser can use ----------------------------------------

JEDI_FILES = {
    "jedi/__init__.py": "__version__ = '0.19.2'\n",
    "jedi/third_party/typeshed/stdlib/3/os/__init__.pyi": "def getcwd() -> str: ...\n",
    "jedi/third_party/typeshed/stdlib/2and3/json.pyi": "def loads(s): ...\n",
    "jedi/third_party/typeshed/stdlib/2/os/__init__.pyi": "def getcwdu() -> unicode: ...\n",
    "jedi/third_party/typeshed/third_party/2and3/click/core.pyi": "class Context: ...\n",
    "jedi/third_party/typeshed/third_party/2and3/requests/api.pyi": "def get(url): ...\n",
    "jedi/third_party/typeshed/third_party/3/dataclasses.pyi": "def field(): ...\n",
    "jedi/third_party/typeshed/third_party/2/six/__init__.pyi": "PY2: bool\n",
    "jedi/third_party/django-stubs/django-stubs/__init__.pyi": "VERSION: tuple\n",
}


def make_jedi(folder: Path) -> Path:
    path = folder / "jedi-0.19.2-py2.py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in JEDI_FILES.items():
            archive.writestr(name, text)
        archive.writestr("jedi-0.19.2.dist-info/METADATA",
                         "Metadata-Version: 2.1\nName: jedi\nVersion: 0.19.2\n")
        archive.writestr("jedi-0.19.2.dist-info/RECORD",
                         "".join(f"{n},sha256=x,1\n" for n in JEDI_FILES))
    return path


def test_the_sites_jedi_keeps_the_stubs_of_what_the_browser_can_import(tmp_path):
    import base64

    from medialit.lite.pyodide_lock import lock_entry
    from medialit.lite.slim import slim_jedi

    slim = slim_jedi(make_jedi(tmp_path), {"os", "json", "click", "dataclasses"}, tmp_path / "out")
    assert slim.name == "jedi-0.19.2-0medialit-py2.py3-none-any.whl"
    with zipfile.ZipFile(slim) as archive:
        names = set(archive.namelist())
        record = archive.read("jedi-0.19.2.dist-info/RECORD").decode().splitlines()
        contents = {n: archive.read(n) for n in names}
    assert names == {"jedi/__init__.py", "jedi-0.19.2.dist-info/METADATA",
                     "jedi-0.19.2.dist-info/RECORD",
                     "jedi/third_party/typeshed/stdlib/3/os/__init__.pyi",
                     "jedi/third_party/typeshed/stdlib/2and3/json.pyi",
                     "jedi/third_party/typeshed/third_party/2and3/click/core.pyi",
                     "jedi/third_party/typeshed/third_party/3/dataclasses.pyi"}
    for name in names - {"jedi-0.19.2.dist-info/RECORD"}:  # byte for byte, and in RECORD
        assert contents[name] == (JEDI_FILES.get(name, "").encode() or contents[name])
        digest = base64.urlsafe_b64encode(hashlib.sha256(contents[name]).digest()).rstrip(b"=")
        assert f"{name},sha256={digest.decode()},{len(contents[name])}" in record
    assert record[-1] == "jedi-0.19.2.dist-info/RECORD,,"
    assert lock_entry(slim)["version"] == "0.19.2"  # the lock and the kernel see the same jedi
    # the same input gives the same bytes (the site's key and its lock's sha256 stay put)
    again = slim_jedi(make_jedi(tmp_path), {"os", "json", "click", "dataclasses"}, tmp_path / "b")
    assert again.read_bytes() == slim.read_bytes()
    # Django's stubs stay where Django can be imported
    with_django = slim_jedi(make_jedi(tmp_path), {"django"}, tmp_path / "django")
    assert "jedi/third_party/django-stubs/django-stubs/__init__.pyi" in \
        zipfile.ZipFile(with_django).namelist()


def test_only_the_registrys_jedi_is_slimmed(tmp_path):
    from medialit.lite.slim import SlimError, slim_jedi

    other = make_wheel(tmp_path, "parso", "0.8.7")
    with pytest.raises(SlimError, match="parso-0.8.7-py3-none-any.whl: expected the registry's "
                                        "jedi wheel"):
        slim_jedi(other, set(), tmp_path / "out")
    bare = tmp_path / "bare" / "jedi-0.20.0-py3-none-any.whl"
    bare.parent.mkdir()
    with zipfile.ZipFile(bare, "w") as archive:
        archive.writestr("jedi/__init__.py", "")
    with pytest.raises(SlimError, match="no jedi/third_party/typeshed folder"):
        slim_jedi(bare, set(), tmp_path / "out")


def test_importable_names_come_from_the_wheels_and_the_standard_library(tmp_path):
    from medialit.lite.site import importable

    runtime = tmp_path / "pyodide"
    runtime.mkdir()
    with zipfile.ZipFile(runtime / "python_stdlib.zip", "w") as stdlib:
        stdlib.writestr("json/__init__.py", "")
        stdlib.writestr("dataclasses.py", "")
    names = importable([make_wheel(tmp_path, "click", "8.5.1")], runtime)
    assert {"click", "json", "dataclasses"} <= names and "requests" not in names
