"""Write a file whole or not at all: a temporary file beside it, then a rename.

One helper for every output the kit writes (grading outputs, exports, handouts), so a crash or
a full disk never leaves a half-written file and never damages the previous one.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

_COUNTER = itertools.count()


def _temporary(path: str) -> tuple[int, str]:
    """An exclusive new file beside ``path``; its permissions follow the umask (0666 & ~umask)."""
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.{next(_COUNTER)}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        return os.open(tmp, flags, 0o666), tmp
    except FileNotFoundError:  # the folder does not exist yet
        os.makedirs(folder or ".", exist_ok=True)
        return os.open(tmp, flags, 0o666), tmp
    except FileExistsError:  # left by an earlier process with this pid: take a random name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder or ".")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the result is an ordinary file
        return fd, tmp


def write_atomic(path: str | os.PathLike[str], data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data``; on any failure the old file (or no file) stays.

    ``durable`` flushes the data to disk before the rename, so that even a power failure
    leaves the old file or the new one. A caller writing thousands of files may pass False and
    flush them all at once afterwards (:func:`flush_to_disk`); a killed process still leaves each file
    whole or absent, because the rename is what makes it appear.
    """
    target = os.fspath(path)
    fd, tmp = _temporary(target)
    try:
        try:
            written = os.write(fd, data)
            if written < len(data):  # a write may be short (a signal, a pipe): the rest
                view = memoryview(data)[written:]
                while view:
                    view = view[os.write(fd, view):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def flush_to_disk(folder: Path) -> None:
    """Flush what was written without ``durable`` under ``folder`` to its disk.

    Linux's ``syncfs`` flushes only the file system that holds ``folder`` (nothing at all for
    a RAM disk); elsewhere ``os.sync`` flushes every file system.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(os.fspath(folder), os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        pass
    os.sync()
