"""Compiled bytecode for the modules a live notebook imports, so the browser's Python does not
compile them from source on every visit.

PyPI's pure-Python wheels carry ``.py`` files only, and so does Pyodide's own standard library
(``python_stdlib.zip``): a cold kernel used to spend seconds compiling the standard library's
start-up modules (``encodings``, ``asyncio``, ``unittest.mock`` that piplite imports…), IPython,
micropip and pydantic before the first cell. The bytecode is written at build time by the very
interpreter the browser runs: Pyodide under Node.js (npm, which brings the runtime, brings
Node), in two places:

- the wheels' modules: one archive of ``__pycache__/*.pyc`` files that Pyodide unpacks into
  ``site-packages`` with the wheels (one more entry of the site's lock, sha256 and all); the
  wheels are shipped unchanged;
- the standard library's modules: the site's ``python_stdlib.zip`` is Pyodide's, every entry
  unchanged, with a ``.pyc`` added next to each ``.py`` the kernel imports (``zipimport`` tries
  ``X.pyc`` before ``X.py``).

Every ``.pyc`` is a *checked-hash* one (PEP 552): Python hashes the module's source on import
and uses the bytecode only if it was compiled from exactly that source, so it can never run
anything but the shipped code; a mismatch falls back to compiling the source.

Which modules: what the kernel imports when it starts (piplite, pyodide_kernel and so
IPython), the ``medialit`` modules the book's notebooks import (read from their code cells),
and whatever running every code cell of every live notebook in that kernel imports (lazy
imports inside the kit, the YAML reader, IPython's display machinery).
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import MedialitError
from .fetch import sha256_of

NAME = "medialit-bytecode"  # its name in the site's lock
FILE_NAME = f"{NAME}.zip"
STDLIB_NAME = "python_stdlib.zip"  # Pyodide's name for it (loadPyodide's stdLibURL default)
KERNEL_IMPORTS = ("piplite.piplite", "pyodide_kernel")

# Run by Node.js: boot Pyodide on the site's own runtime and lock as the kernel's worker does,
# import, run the notebooks' code cells in the kernel, compile, zip.
_DRIVER = r"""
import { readFileSync } from "node:fs";
import { loadPyodide } from "./pyodide.mjs";
const [runtime, out, packages, modules, notebooks] = process.argv.slice(2);
const py = await loadPyodide({
  indexURL: runtime, lockFileURL: runtime + "pyodide-lock.json",
  packages: JSON.parse(packages), stdout: console.log, stderr: console.error });
py.FS.mkdirTree("/out");
py.mountNodeFS("/out", out);
py.globals.set("MODULES", JSON.parse(modules));
py.globals.set("NOTEBOOKS", JSON.parse(readFileSync(notebooks, "utf8")));
await py.runPythonAsync(`
import importlib, os, sys, tempfile
streams = sys.stdout, sys.stderr
for name in MODULES.to_py():
    importlib.import_module(name)
import pyodide_kernel  # the kernel's own start (it sends sys.stdout to its streams)
kernel = pyodide_kernel.kernel_instance
failed = 0
try:
    for cells in NOTEBOOKS.to_py():
        os.chdir(tempfile.mkdtemp())  # the kernel's working folder holds the notebook only
        for code in cells:
            result = await kernel.run(code)
            failed += result.get("status") != "ok"  # student cells left to fill in
finally:
    sys.stdout, sys.stderr = streams
`).catch((error) => { console.error(error.message); process.exit(1); });
py.runPython(`
import importlib.util, pathlib, py_compile, site, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def stamp(name):
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))

packages = pathlib.Path(site.getsitepackages()[0])
stdlib = next(p for p in sys.path if p.endswith(".zip"))
files = {str(getattr(m, "__file__", None) or "") for m in list(sys.modules.values())}
for key, module in list(sys.modules.items()):  # an alias module (a moved module's old path)
    parent, _, leaf = key.rpartition(".")     # is in sys.modules as the module it stands for
    if parent in sys.modules and getattr(module, "__name__", key) != key:
        for folder in getattr(sys.modules[parent], "__path__", None) or []:
            if (pathlib.Path(folder) / (leaf + ".py")).is_file():
                files.add(str(pathlib.Path(folder) / (leaf + ".py")))
sources = sorted(pathlib.Path(f) for f in files
                 if f.endswith(".py") and pathlib.Path(f).is_relative_to(packages))
with zipfile.ZipFile("/out/bytecode.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    for source in sources:
        pyc = py_compile.compile(str(source), doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        name = pathlib.Path(pyc).relative_to(packages).as_posix()
        archive.writestr(stamp(name), pathlib.Path(pyc).read_bytes(), zipfile.ZIP_DEFLATED)
with (zipfile.ZipFile(stdlib) as original,
      zipfile.ZipFile("/out/${STDLIB_NAME}", "w", zipfile.ZIP_DEFLATED) as archive):
    present = set(original.namelist())  # a zip that has bytecode already keeps its own
    inside = sorted(f[len(stdlib) + 1:] for f in files if f.startswith(stdlib + "/")
                    and f.endswith(".py") and f[len(stdlib) + 1:] + "c" not in present)
    for info in original.infolist():
        archive.writestr(info, original.read(info), compress_type=info.compress_type)
    for name in inside:
        source = original.read(name)
        # the file name zipimport gives the code it compiles itself, for the same tracebacks
        code = compile(source, stdlib + "/" + name, "exec", dont_inherit=True)
        pyc = _code_to_hash_pyc(code, importlib.util.source_hash(source), True)
        archive.writestr(stamp(name + "c"), bytes(pyc), zipfile.ZIP_DEFLATED)
print(f"{len(sources)} modules of the wheels and {len(inside)} of the standard library compiled"
      f" ({failed} notebook cells stopped with an error)")
`);
""".replace("${STDLIB_NAME}", STDLIB_NAME)


class BytecodeError(MedialitError, RuntimeError):
    """The bytecode archive could not be made; the message says why."""


def notebook_imports(notebooks: list[dict], package: str = "medialit") -> list[str]:
    """Modules of ``package`` that the notebooks' code cells import (``import``/``from``)."""
    found = set()
    for notebook in notebooks:
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell.get("source", ""))
            try:
                tree = ast.parse("\n".join(line for line in source.splitlines()
                                           if not line.lstrip().startswith(("%", "!"))))
            except SyntaxError:
                continue  # a student's cell to fill in; its imports are the example's
            for node in ast.walk(tree):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module] if isinstance(node, ast.ImportFrom) and node.module
                         and not node.level else [])
                found |= {n for n in names if n == package or n.startswith(package + ".")}
    return sorted(found)


def lock_entry(archive: Path) -> dict:
    return {"name": NAME, "version": "0", "file_name": archive.name, "install_dir": "site",
            "sha256": sha256_of(archive), "package_type": "package", "imports": [],
            "depends": [], "unvendored_tests": False}


def notebook_code(notebooks: list[dict]) -> list[list[str]]:
    """The code cells of each notebook, as the kernel gets them on Run All."""
    return [["".join(cell.get("source", "")) for cell in notebook.get("cells", [])
             if cell.get("cell_type") == "code"] for notebook in notebooks]


def build_bytecode(runtime: Path, packages: list[str], modules: list[str], cache: Path, *,
                   notebooks: Sequence[Sequence[str]] = (), log=print) -> tuple[Path, Path]:
    """The wheels' bytecode archive and the bytecode-carrying standard library for
    ``runtime`` (a folder with Pyodide, its ``python_stdlib.zip``, the site's lock and its
    wheels), after importing ``modules`` and running ``notebooks`` (the code cells of each);
    cached by the lock's content (every wheel's hash), the standard library, the modules and
    the notebooks' code."""
    key = hashlib.sha256(json.dumps([(runtime / "pyodide-lock.json").read_text(),
                                     sha256_of(runtime / STDLIB_NAME), packages, modules,
                                     list(map(list, notebooks)), _DRIVER]).encode())
    out = cache / "bytecode" / key.hexdigest()[:16]
    archive, stdlib = out / FILE_NAME, out / STDLIB_NAME
    if archive.is_file() and stdlib.is_file():
        return archive, stdlib
    node = shutil.which("node")
    if node is None:
        raise BytecodeError("lite: Node.js is not installed; the build runs Pyodide in it to "
                            "compile the live site's bytecode (Debian: apt-get install nodejs)")
    log("lite: compiling the live kernel's bytecode (Pyodide in Node.js, running the notebooks)")
    with tempfile.TemporaryDirectory() as tmp:
        driver = runtime / "_compile_bytecode.mjs"
        driver.write_text(_DRIVER, encoding="utf-8")
        cells = Path(tmp) / "notebooks.json"
        cells.write_text(json.dumps(list(map(list, notebooks))), encoding="utf-8")
        made = Path(tmp) / "out"
        made.mkdir()
        try:
            proc = subprocess.run([node, str(driver), f"{runtime.resolve()}/", str(made),
                                   json.dumps(packages), json.dumps(modules), str(cells)],
                                  capture_output=True, text=True, check=False, timeout=900)
        finally:
            driver.unlink()
        if proc.returncode != 0 or not (made / "bytecode.zip").is_file() \
                or not (made / STDLIB_NAME).is_file():
            raise BytecodeError("lite: compiling the bytecode in Pyodide failed:\n"
                                + (proc.stdout + proc.stderr)[-3000:])
        log("lite: " + proc.stdout.strip().splitlines()[-1])
        out.mkdir(parents=True, exist_ok=True)
        for made_file, target in ((made / STDLIB_NAME, stdlib), (made / "bytecode.zip", archive)):
            made_file.chmod(0o644)  # Node.js writes them world-writable
            shutil.move(str(made_file), target)
    return archive, stdlib
