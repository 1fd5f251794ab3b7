"""Compiled bytecode for the modules a live notebook imports at start, so the browser's Python
does not compile them from source on every visit.

PyPI's pure-Python wheels carry ``.py`` files only (Pyodide's own packages come compiled); a
cold kernel spends seconds compiling IPython, micropip and pydantic before the first cell. The
site ships the wheels unchanged and, beside them, one archive of ``__pycache__/*.pyc`` files
written by the very interpreter the browser runs: Pyodide under Node.js at build time (npm,
which brings the runtime, brings Node). Pyodide unpacks the archive into ``site-packages`` with
the wheels (it is one more entry of the site's lock, sha256 and all). The ``.pyc`` files are
*checked-hash* ones (PEP 552): Python hashes the wheel's source on import and uses the bytecode
only if it was compiled from exactly that source, so it can never run anything but the hashed
wheels' code; a mismatch falls back to compiling the source.

Which modules: what the kernel imports when it starts (piplite, pyodide_kernel and so IPython)
and the ``medialit`` modules the book's notebooks import (read from their code cells).
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import MedialitError
from .fetch import sha256_of

NAME = "medialit-bytecode"  # its name in the site's lock
FILE_NAME = f"{NAME}.zip"
KERNEL_IMPORTS = ("piplite.piplite", "pyodide_kernel")

# Run by Node.js: boot Pyodide on the site's own runtime and lock, import, compile, zip.
_DRIVER = r"""
import { loadPyodide } from "./pyodide.mjs";
const [runtime, out, packages, modules] = process.argv.slice(2);
const py = await loadPyodide({
  indexURL: runtime, lockFileURL: runtime + "pyodide-lock.json",
  packages: JSON.parse(packages), stdout: console.log, stderr: console.error });
py.FS.mkdirTree("/out");
py.mountNodeFS("/out", out);
py.globals.set("MODULES", JSON.parse(modules));
py.runPython(`
import importlib, pathlib, py_compile, site, sys, zipfile
for name in MODULES.to_py():
    importlib.import_module(name)
packages = pathlib.Path(site.getsitepackages()[0])
sources = sorted({pathlib.Path(m.__file__) for m in list(sys.modules.values())
                  if str(getattr(m, "__file__", None) or "").endswith(".py")
                  and pathlib.Path(m.__file__).is_relative_to(packages)})
with zipfile.ZipFile("/out/bytecode.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    for source in sources:
        pyc = py_compile.compile(str(source), doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        info = zipfile.ZipInfo(pathlib.Path(pyc).relative_to(packages).as_posix(),
                               date_time=(1980, 1, 1, 0, 0, 0))
        archive.writestr(info, pathlib.Path(pyc).read_bytes(), zipfile.ZIP_DEFLATED)
print(f"{len(sources)} modules compiled")
`);
"""


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


def build_bytecode(runtime: Path, packages: list[str], modules: list[str], cache: Path, *,
                   log=print) -> Path:
    """The archive for ``runtime`` (a folder with Pyodide, the site's lock and its wheels),
    cached by the lock's content (every wheel's hash) and the modules."""
    key = hashlib.sha256(json.dumps([(runtime / "pyodide-lock.json").read_text(),
                                     packages, modules, _DRIVER]).encode()).hexdigest()[:16]
    out = cache / "bytecode" / key / FILE_NAME
    if out.is_file():
        return out
    node = shutil.which("node")
    if node is None:
        raise BytecodeError("lite: Node.js is not installed; the build runs Pyodide in it to "
                            "compile the live site's bytecode (Debian: apt-get install nodejs)")
    log("lite: compiling the live kernel's bytecode (Pyodide in Node.js)")
    with tempfile.TemporaryDirectory() as tmp:
        driver = runtime / "_compile_bytecode.mjs"
        driver.write_text(_DRIVER, encoding="utf-8")
        try:
            proc = subprocess.run([node, str(driver), f"{runtime.resolve()}/", tmp,
                                   json.dumps(packages), json.dumps(modules)],
                                  capture_output=True, text=True, check=False, timeout=900)
        finally:
            driver.unlink()
        made = Path(tmp) / "bytecode.zip"
        if proc.returncode != 0 or not made.is_file():
            raise BytecodeError("lite: compiling the bytecode in Pyodide failed:\n"
                                + (proc.stdout + proc.stderr)[-3000:])
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), out)
    return out
