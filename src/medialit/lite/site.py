"""Build the live site into the book: ``_build/html/lite/`` and the kit's wheel in ``wheel/``.

Steps, each cached so a rebuild with nothing changed takes seconds:

1. fetch the pinned wheels and the ``pyodide`` npm package into the cache (:mod:`.fetch`);
2. build the kit's own wheel from ``src/`` (in a copy, so the source tree stays clean);
3. stage a JupyterLite folder: the Pyodide runtime with the site's own lock and wheels in
   ``static/pyodide/`` (the kernel picks that folder up instead of a CDN), the settings
   (no PyPI fallback), and the notebooks with the install-check cell;
4. run ``jupyter lite build`` with only the Pyodide kernel's extension, and leave out of the app
   what no student path uses (:mod:`.trim`);
5. check that no config or lock of the site names a remote URL (:mod:`.remote`), then copy the
   site into the book and the wheel into ``wheel/`` (the download copies of the notebooks get
   their install-check cell from the Sphinx hook, :mod:`.sphinx`).

The kernel starts with one ``loadPyodide`` call that fetches everything it needs while Pyodide
boots (:data:`PRELOAD`), instead of the worker's one-by-one installs through micropip.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import MedialitError
from . import LITE_DIR, WHEEL_DIR, bytecode
from .fetch import fetch_pyodide, fetch_wheels
from .notebooks import (
    notebook_globs,
    read_notebook,
    wheel_name,
    with_install_check,
    write_notebook,
)
from .pins import PINS_DIR, REQUIREMENTS, read_wheel_pins
from .pyodide_lock import lock_entry, write_lock
from .remote import check_no_remote_urls
from .slim import slim_jedi
from .trim import DISABLED_PLUGINS, trim_app

# The interpreter's files from the npm package; the rest (console pages, type definitions,
# source maps, package metadata, Pyodide's own lock of CDN packages) is not served.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
APPS = ("lab", "notebooks", "tree")
# Font Awesome's legacy formats: its CSS lists woff2 first after them, so browsers of this
# decade never request .eot, .ttf or .svg fonts (2.5 MB not served).
LEGACY_FONTS = ("build/fa-*.eot", "build/fa-*.ttf", "build/fa-*.svg")
# The kernel's own wheels (in its extension's static/pypi/), served from the site's lock too.
KERNEL_WHEELS = ("piplite", "pyodide_kernel", "ipykernel")
# Given to loadPyodide as `packages`: Pyodide downloads them (and what they depend on, from the
# lock) while it boots. The kernel's worker skips its own install of any of micropip, piplite,
# ipykernel, comm, pyodide-kernel, jedi and ipython named here (else it installs each in turn
# through micropip). medialit too: every notebook's first cell imports it.
PRELOAD = ("micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython",
           "medialit")


class LiteBuildError(MedialitError, RuntimeError):
    """The live site could not be built; the message says which step and why."""


@dataclass(frozen=True)
class LiteSite:
    html: Path            # the book's HTML folder
    site: Path            # html / "lite"
    wheel: Path           # html / "wheel" / medialit-<version>-py3-none-any.whl
    notebooks: list[str]  # paths inside the site, e.g. "exercises/set-a-framing.ipynb"
    lock: dict            # the site's pyodide-lock.json


def _digest(paths: list[Path], extra: str = "", base: Path | None = None) -> str:
    """A digest of the files' contents and names (relative to ``base`` when under it, else the
    bare file name), so the same kit in another folder gets the same key."""
    entries = []
    for path in paths:
        name = (str(path.relative_to(base)) if base is not None and path.is_relative_to(base)
                else path.name)
        entries.append((name, hashlib.sha256(path.read_bytes()).hexdigest()))
    digest = hashlib.sha256(extra.encode())
    for name, content in sorted(entries):
        digest.update(f"{name}\0{content}\n".encode())
    return digest.hexdigest()


def book_notebooks(root: Path) -> list[Path]:
    """The notebooks of the book at ``root`` that the live site carries (:func:`~medialit.lite.
    notebooks.notebook_globs`)."""
    return sorted(p for pattern in notebook_globs(root) for p in root.glob(pattern)
                  if ".ipynb_checkpoints" not in p.parts)


def _book_title() -> str:
    from ..pack import current_pack

    return current_pack().title


def book_pack_files(root: Path) -> tuple[str, Path, list[Path]]:
    """The name and files of the book's content pack (what its own folder holds): the wheel
    carries them, so the live notebooks and a downloaded notebook find the case's text."""
    from ..pack import current_pack, pack_of_book

    pack = pack_of_book(root) if (root / "_config.yml").is_file() else current_pack()
    files = [p for p in sorted(pack.root.rglob("*")) if p.is_file()
             and "__pycache__" not in p.parts and not p.name.startswith(".")]
    return pack.name, pack.root, files


def build_kit_wheel(root: Path, cache: Path, *, log=print) -> Path:
    """``medialit-<version>-py3-none-any.whl`` built from a copy of ``src/`` with the book's
    content pack in ``medialit/bundled_packs/<name>/`` (cached by content)."""
    from ..pack import BUNDLED, write_snapshot

    pack_name, pack_root, pack_files = book_pack_files(root)
    sources = [root / "pyproject.toml", root / "README.md",
               *(p for p in (root / "src").rglob("*") if p.is_file()
                 and "__pycache__" not in p.parts and ".egg-info" not in str(p))]
    key = _digest(sources + pack_files, extra=pack_name, base=root)[:16]
    out = cache / "kit-wheel" / key
    found = sorted(out.glob("medialit-*.whl"))
    if found:
        return found[0]
    log("lite: building the medialit wheel")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "kit"
        copy.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(root / name, copy / name)
        shutil.copytree(root / "src", copy / "src",
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        bundled = copy / "src" / "medialit" / BUNDLED / pack_name
        for path in pack_files:
            target = bundled / path.relative_to(pack_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        write_snapshot(bundled)  # the first cell then needs no YAML library (medialit.pack)
        proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                               "--no-build-isolation", "--wheel-dir", str(out), str(copy)],
                              capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise LiteBuildError(f"lite: could not build the medialit wheel:\n{proc.stderr[-3000:]}")
    return min(out.glob("medialit-*.whl"))


def _kernel_extension() -> Path:
    import jupyterlite_pyodide_kernel  # noqa: F401  (fails clearly if medialit[book] is missing)

    for prefix in (Path(sys.prefix), Path(sys.base_prefix)):
        path = prefix / "share" / "jupyter" / "labextensions" / "@jupyterlite" / \
            "pyodide-kernel-extension"
        if (path / "package.json").is_file():
            return path
    raise LiteBuildError("lite: the Pyodide kernel's JupyterLab extension is not installed "
                         "(pip install medialit[book])")


def kernel_wheels(extension: Path) -> list[Path]:
    """The kernel's own wheels that the site's lock serves (see :data:`KERNEL_WHEELS`)."""
    found = []
    for name in KERNEL_WHEELS:
        wheels = sorted((extension / "static" / "pypi").glob(f"{name}-*.whl"))
        if len(wheels) != 1:
            raise LiteBuildError(f"lite: expected one {name} wheel in {extension}/static/pypi, "
                                 f"found {[w.name for w in wheels]}")
        found.append(wheels[0])
    return found


def importable(wheels: list[Path], pyodide: Path) -> set[str]:
    """Top-level modules the browser's Python can import: the wheels' and the standard
    library's (the names in Pyodide's ``python_stdlib.zip``)."""
    names = {name for wheel in wheels for name in lock_entry(wheel)["imports"]}
    with zipfile.ZipFile(pyodide / "python_stdlib.zip") as stdlib:
        names |= {PurePosixPath(n).parts[0].removesuffix(".py") for n in stdlib.namelist()}
    return names


def check_preload(lock: dict, preload=PRELOAD) -> None:
    """Every package the kernel is told to load at start must be in the site's lock (Pyodide
    stops with "No known package" otherwise, and the kernel never starts)."""
    missing = [name for name in preload if name not in lock["packages"]]
    if missing:
        raise LiteBuildError(f"lite: the kernel would load {', '.join(missing)} at start, but the "
                             "site's pyodide-lock.json has no such package")


def _pyodide_version() -> str:
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    return PYODIDE_VERSION


def stage(lite_src: Path, *, pyodide: Path, wheels: list[Path], notebooks: dict[str, dict],
          cache: Path, log=print) -> dict:
    """Write the JupyterLite source folder; return the site's Pyodide lock."""
    runtime = lite_src / "static" / "pyodide"
    if runtime.exists():
        shutil.rmtree(runtime)
    runtime.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(pyodide / name, runtime / name)
    for wheel in wheels:
        shutil.copy2(wheel, runtime / wheel.name)
    in_lock = [runtime / w.name for w in wheels]
    lock = write_lock(runtime / "pyodide-lock.json", in_lock, pyodide / "pyodide-lock.json")
    check_preload(lock)
    modules = [*bytecode.KERNEL_IMPORTS, *bytecode.notebook_imports(list(notebooks.values()))]
    archive, stdlib = bytecode.build_bytecode(
        runtime, list(PRELOAD), modules, cache,
        notebooks=bytecode.notebook_code(list(notebooks.values())), log=log)
    shutil.copy2(archive, runtime / archive.name)
    shutil.copy2(stdlib, runtime / bytecode.STDLIB_NAME)  # Pyodide's, with the .pyc added
    lock = write_lock(runtime / "pyodide-lock.json", in_lock, pyodide / "pyodide-lock.json",
                      extra=[bytecode.lock_entry(runtime / archive.name)])
    files = lite_src / "files"
    if files.exists():
        shutil.rmtree(files)
    for relative, notebook in notebooks.items():
        write_notebook(files / relative, notebook)
    config = {
        "LiteBuildConfig": {
            "apps": list(APPS),
            "contents": ["files"],
            "output_dir": "../site",
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
            # only the Pyodide kernel's extension: none of what else this Python has installed
            "ignore_sys_prefix": ["federated_extensions"],
            "federated_extensions": [str(_kernel_extension())],
        },
    }
    (lite_src / "jupyter_lite_config.json").write_text(json.dumps(config, indent=2) + "\n",
                                                      encoding="utf-8")
    settings = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": f"{_book_title()} — live notebooks",
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {
                    # %pip install and imports use the site's own wheels, never the internet
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": [*PRELOAD, bytecode.NAME]},
                },
            },
            "disabledExtensions": list(DISABLED_PLUGINS),
        },
    }
    (lite_src / "jupyter-lite.json").write_text(json.dumps(settings, indent=2) + "\n",
                                               encoding="utf-8")
    overrides = {
        # JupyterLab asks the internet for news and updates unless told not to
        "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False,
                                                        "fetchNews": "false"},
    }
    (lite_src / "overrides.json").write_text(json.dumps(overrides, indent=2) + "\n",
                                             encoding="utf-8")
    return lock


def run_jupyter_lite(lite_src: Path, *, log=print) -> Path:
    exe = Path(sys.executable).with_name("jupyter-lite")
    cmd = [str(exe) if exe.exists() else "jupyter-lite", "build", "--lite-dir", str(lite_src)]
    log("lite: jupyter lite build")
    proc = subprocess.run(cmd, cwd=lite_src, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise LiteBuildError(f"lite: jupyter lite build failed:\n{(proc.stdout + proc.stderr)[-4000:]}")
    return lite_src.parent / "site"


def _sync(source: Path, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)


def build_site(root: Path, html: Path, *, cache: Path | None = None, work: Path | None = None,
               book_url: str | None = None, log=print) -> LiteSite:
    """Build the live site for the kit at ``root`` into the built book at ``html``."""
    from .. import __version__

    if not (html / "index.html").is_file():
        raise LiteBuildError(f"lite: {html} holds no built book (index.html); build the book first")
    cache = cache or root / ".cache" / "lite"
    work = work or root / "_build" / "lite"
    pins = read_wheel_pins(root / PINS_DIR / REQUIREMENTS)
    wheels = fetch_wheels(pins, cache, log=log)
    pyodide = fetch_pyodide(root / PINS_DIR, cache, expected=_pyodide_version(), log=log)
    kit_wheel = build_kit_wheel(root, cache, log=log)
    kernel = kernel_wheels(_kernel_extension())
    if "jedi" in wheels:  # the kernel's completions; without the stubs no browser can use
        wheels["jedi"] = slim_jedi(wheels["jedi"], importable([*wheels.values(), *kernel,
                                                               kit_wheel], pyodide),
                                   cache / "slim")

    sources = {str(p.relative_to(root)): read_notebook(p) for p in book_notebooks(root)}
    if not sources:
        raise LiteBuildError(f"lite: no notebooks under {root} ({', '.join(notebook_globs(root))})")
    live = {rel: with_install_check(nb, __version__, book_url, clear_outputs=True)
            for rel, nb in sources.items()}

    lite_src = work / "src"
    lite_src.mkdir(parents=True, exist_ok=True)
    code = sorted(Path(__file__).parent.glob("*.py"))  # how the site is built
    key = _digest([*wheels.values(), kit_wheel, *kernel, *code, *(root / r for r in sources)],
                  extra=json.dumps([__version__, book_url, sorted(sources)]), base=root)
    stamp = work / "site.key"
    site_out = work / "site"
    if stamp.is_file() and stamp.read_text() == key and (site_out / "jupyter-lite.json").is_file():
        log("lite: the live site is up to date")
        lock = json.loads((site_out / "static" / "pyodide" / "pyodide-lock.json").read_text())
    else:
        if site_out.exists():
            shutil.rmtree(site_out)
        # jupyter lite's own task database would skip steps whose output was just removed
        for db in lite_src.glob(".jupyterlite.doit.db*"):
            db.unlink()
        lock = stage(lite_src, pyodide=pyodide, wheels=[*wheels.values(), *kernel, kit_wheel],
                     notebooks=live, cache=cache, log=log)
        run_jupyter_lite(lite_src, log=log)
        for pattern in LEGACY_FONTS:
            for font in site_out.glob(pattern):
                font.unlink()
        trimmed = trim_app(site_out)
        log(f"lite: left out of the app {len(trimmed.files)} chunks of disabled plugins "
            f"({trimmed.bytes / 1e6:.1f} MB)")
        check_no_remote_urls(site_out)
        stamp.write_text(key)

    _sync(site_out, html / LITE_DIR)
    wheel_dest = html / WHEEL_DIR / wheel_name(__version__)
    wheel_dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(kit_wheel, wheel_dest)
    check_no_remote_urls(html / LITE_DIR)
    return LiteSite(html, html / LITE_DIR, wheel_dest, sorted(sources), lock)
