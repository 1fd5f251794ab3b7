"""A lighter jedi for the live site: the pinned wheel without the stubs it can never use there.

jedi's wheel is the largest the kernel loads at start (1.6 MB, 1,880 files), and Pyodide
unpacks every file of it into the browser's file system before the kernel reports idle: on a
cold start that is over a second of the kernel's worker thread. Most of those files are type
stubs jedi reads only for modules that cannot exist in the browser:

- ``third_party/django-stubs``: read only when the code imports an installed ``django``;
- ``typeshed/stdlib/2`` and ``typeshed/third_party/2``: Python 2 stubs (jedi picks the folders
  ``2and3``, ``3`` and ``3.N`` on Python 3);
- the other third-party stubs of modules that nothing in the site can import (``requests``,
  ``flask``, ``yaml``…): jedi completes those only in an import of a module that is not there.

The site's copy keeps every other file byte for byte, including the stubs of whatever the
browser can import (the standard library's, ``click``, ``typing_extensions``), and gets its own
file name (build tag ``0medialit``) and sha256 in the site's lock, so it is never mistaken for
the registry's wheel, which stays in the cache checked against its pin.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from packaging.utils import parse_wheel_filename

from ..errors import MedialitError

BUILD_TAG = "0medialit"
STUBS = PurePosixPath("jedi/third_party")
TYPESHED = STUBS / "typeshed"


class SlimError(MedialitError, ValueError):
    """The wheel is not the jedi this module knows how to slim; the message says why."""


def _stub_name(path: PurePosixPath) -> str | None:
    """The top-level module a third-party typeshed stub describes (``.../2and3/six/moves.pyi``
    -> ``six``), or ``None`` when ``path`` is no such stub."""
    parts = path.relative_to(TYPESHED / "third_party").parts
    if len(parts) < 2:
        return None
    return parts[1].removesuffix(".pyi")


def dropped(name: str, importable: set[str]) -> bool:
    """Whether the site's jedi leaves out the wheel's file ``name``."""
    path = PurePosixPath(name)
    if path.is_relative_to(STUBS / "django-stubs"):
        return "django" not in importable
    for base in ("stdlib", "third_party"):
        if path.is_relative_to(TYPESHED / base / "2"):
            return True
    if path.is_relative_to(TYPESHED / "third_party"):
        module = _stub_name(path)
        return module is not None and module not in importable
    return False


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def slim_jedi(wheel: Path, importable: Iterable[str], out_dir: Path) -> Path:
    """The site's jedi, made from the pinned ``wheel`` into ``out_dir``: the same bytes for the
    same wheel and ``importable`` (the entries keep the source's dates)."""
    name, version, build, tags = parse_wheel_filename(wheel.name)
    if name != "jedi" or build:
        raise SlimError(f"{wheel.name}: expected the registry's jedi wheel (no build tag)")
    keep = set(importable)
    tag = ".".join(sorted({t.interpreter for t in tags}))
    target = out_dir / f"jedi-{version}-{BUILD_TAG}-{tag}-none-any.whl"
    with zipfile.ZipFile(wheel) as source:
        infos = source.infolist()
        if not any(PurePosixPath(i.filename).is_relative_to(TYPESHED) for i in infos):
            raise SlimError(f"{wheel.name}: no {TYPESHED} folder; this jedi bundles its stubs "
                            "elsewhere (update medialit.lite.slim)")
        records = [i for i in infos if i.filename.endswith(".dist-info/RECORD")]
        if len(records) != 1:
            raise SlimError(f"{wheel.name}: expected one RECORD, found {len(records)}")
        kept = [i for i in infos if not dropped(i.filename, keep) and i is not records[0]]
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as slim:
            lines = []
            for info in kept:
                data = source.read(info)
                slim.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                if not info.is_dir():
                    lines.append(_record_line(info.filename, data))
            lines.append(f"{records[0].filename},,")
            slim.writestr(records[0], "\n".join(lines) + "\n", compress_type=zipfile.ZIP_DEFLATED)
    partial.replace(target)
    return target
