"""How the code sandbox's child process is isolated on this machine: the two modes and their argv.

``bubblewrap`` (when ``bwrap`` is installed and may create namespaces here)
    The child runs under Debian's ``bubblewrap`` in new mount, PID, network, IPC and UTS
    namespaces (and a user namespace when the grader is not root), ``--die-with-parent``, in a
    new session. Its file system is an empty root made read-only, with read-only binds of
    ``/usr`` (and the ``/lib*``, ``/bin`` links), ``/etc/ld.so.cache``, the Python
    installation, the grader's ``site-packages`` and the ``medialit`` package folder — nothing
    else of the machine: no ``/etc/passwd``, no home, no ``solutions/``, no ``/proc``.
    ``/sandbox`` (home, working folder and ``TMPDIR``; not ``/tmp``, where the grader's own
    files may live) is an empty 16 MB tmpfs of the child's own that disappears with it. The environment is cleared. When the grader runs as root, the sandbox holds a zygote (root with only
    CAP_SYS_ADMIN, CAP_SETUID and CAP_SETGID, never running student code) that forks each
    student's child into its own mount and IPC namespaces with a fresh tmpfs on /sandbox and
    /dev/shm and drops it to uid/gid 65534 with no groups and no capabilities
    (``no_new_privs`` is set by bwrap), so ``RLIMIT_NPROC`` binds (no fork, no threads); see
    :func:`medialit.grading.sandbox_runner.serve`. Without root, each student gets a bwrap of
    its own (``--unshare-user``, the student's process as PID 1: killing it kills all it
    started); a one-off child started as root is dropped by ``setpriv`` the same way.
``fallback`` (no bubblewrap, or namespaces refused, as in some Gradescope containers)
    The process boundary and the resource limits only, plus an audit hook in the child (refuses
    every write — judged by ``os.open``'s flags as well as ``open``'s mode —, reads outside
    the Python installation, the site-packages and the package, listing folders, new
    processes, sockets, ``ctypes``, frame and object inspection), ``RLIMIT_FSIZE`` 0 (no byte can
    be written to a file) and a scrubbed environment; when the grader is root and uid 65534 can
    run the interpreter, the child runs as uid/gid 65534 (so the file system's own permissions
    make the grader's files read-only to it). An audit hook is not a security boundary: what
    keeps the score, the hidden tests and the key out of reach in both modes is that the child
    never holds them (see :mod:`medialit.grading.sandbox`).

``MEDIALIT_SANDBOX`` chooses: ``auto`` (default: bubblewrap when it works, else fallback),
``bubblewrap`` (required: grading fails with a clear message without it) or ``fallback``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import MedialitError

SANDBOX_UID = 65534  # "nobody" on Debian; any unused uid would do
TMPFS_BYTES = 16 * 1024 * 1024
ENV_VAR = "MEDIALIT_SANDBOX"
MODES = ("auto", "bubblewrap", "fallback")
# The folder that holds the medialit package (put first on the child's sys.path).
PACKAGE_DIR = Path(__file__).resolve().parents[1]
PACKAGE_ROOT = PACKAGE_DIR.parent
SCRATCH_INSIDE = "/sandbox"  # the child's writable tmpfs
HOME_INSIDE = "/sandbox/home"
WORK_INSIDE = "/sandbox/work"
TMP_INSIDE = "/sandbox/tmp"


class SandboxUnavailable(MedialitError, RuntimeError):
    """``MEDIALIT_SANDBOX=bubblewrap`` on a machine where bubblewrap cannot run."""


@dataclass(frozen=True)
class Isolation:
    mode: str  # "bubblewrap" or "fallback"
    detail: str  # one line for the instructor's report
    python: str  # the interpreter the child runs (the base interpreter, never a venv shim)
    bwrap: str | None = None
    setpriv: str | None = None
    uid: int | None = None  # fallback: the uid Popen drops to (None: the grader's own)

    @property
    def summary(self) -> str:
        return f"{self.mode}: {self.detail}"

    def environment(self, home: str, tmp: str | None = None) -> dict[str, str]:
        # PYTHONHASHSEED fixes set order so that re-runs print the same; that is also why the
        # child gets -S -s -P -B and not -I (which would ignore it): the environment is ours.
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": home, "TMPDIR": tmp or home,
               "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
        spec = pack_text_spec()
        if spec is not None:  # a code answer may read the case's text (load_text())
            env[PACK_SPEC_VAR] = spec
        return env

    def argv(self, code: str, info_fd: int | None = None, zygote: bool = False) -> list[str]:
        """The command line; ``zygote``: for the fork server, which stays root (with only the
        capabilities it needs to give each child its own namespaces and drop it to uid 65534)."""
        python = [self.python, "-S", "-s", "-P", "-B", "-c", code]
        if self.mode != "bubblewrap":
            return python
        if self.bwrap is None or self.setpriv is None:  # pragma: no cover - found together
            raise RuntimeError("bubblewrap isolation without bwrap and setpriv")
        args = [self.bwrap, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--as-pid-1"]
        if os.geteuid() != 0:
            args.append("--unshare-user")
        bound: list[str] = []
        for path in read_only_paths(self.python):
            if not any(path == b or path.startswith(b.rstrip("/") + "/") for b in bound):
                bound.append(path)
        # bwrap would create the folders above a mount point with mode 0700, which uid 65534
        # could not enter: create them first, traversable (they are empty: nothing else of
        # the host's /root or /work is there).
        parents = sorted({str(p) for b in bound for p in Path(b).parents if str(p) != "/"},
                         key=lambda p: (p.count("/"), p))
        for parent in parents:
            if not any(parent == b or parent.startswith(b + "/") for b in bound):
                args += ["--perms", "0755", "--dir", parent]
        for path in bound:
            args += ["--ro-bind", path, path]
        for link in ("/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin"):
            if os.path.islink(link):
                args += ["--symlink", os.readlink(link), link]
            elif os.path.isdir(link) and link not in bound:
                args += ["--ro-bind", link, link]
        args += ["--perms", "0755", "--dir", "/etc",
                 "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache", "--dev", "/dev",
                 "--perms", "1777", "--size", str(TMPFS_BYTES), "--tmpfs", SCRATCH_INSIDE]
        for folder in (HOME_INSIDE, WORK_INSIDE, TMP_INSIDE):
            args += ["--perms", "0777", "--dir", folder]
        args += ["--chdir", WORK_INSIDE, "--remount-ro", "/", "--clearenv"]
        for key, value in self.environment(HOME_INSIDE, TMP_INSIDE).items():
            args += ["--setenv", key, value]
        if info_fd is not None:
            args += ["--info-fd", str(info_fd)]
        if zygote and os.geteuid() == 0:
            args += ["--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add",
                     "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        args.append("--")
        if os.geteuid() == 0 and not zygote:
            args += [self.setpriv, f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}",
                     "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
                     "--no-new-privs"]
        return args + python


def base_python() -> str:
    """The real interpreter behind ``sys.executable`` (a venv's python is a link to it)."""
    return os.path.realpath(getattr(sys, "_base_executable", None) or sys.executable)


def site_dirs() -> list[str]:
    """The grader's site-packages: on the child's path (without running ``site`` or .pth)."""
    paths = sysconfig.get_paths()
    found = []
    for key in ("purelib", "platlib"):
        path = os.path.realpath(paths[key])
        if os.path.isdir(path) and path not in found:
            found.append(path)
    return found


PACK_SPEC_VAR = "MEDIALIT_PACK_TEXT_SPEC"


def pack_dir() -> str | None:
    """The current content pack's folder (read only in the child), if there is one."""
    from ..pack import PackError, current_pack

    try:
        return str(current_pack().root)
    except PackError:
        return None


def pack_text_spec() -> str | None:
    """The current pack's text, as the child loads it (:meth:`ContentPack.text_spec`)."""
    from ..pack import PackError, current_pack

    try:
        return current_pack().text_spec()
    except PackError:
        return None


def read_only_paths(python: str) -> list[str]:
    """What the child may read: /usr, the Python installation, site-packages, the package."""
    prefix = os.path.realpath(sys.base_prefix)
    paths = ["/usr", prefix, os.path.dirname(python)]
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    paths.append(stdlib)
    paths += site_dirs()
    paths.append(str(PACKAGE_DIR))
    pack = pack_dir()
    if pack is not None:
        paths.append(pack)
    # shortest first, so that a folder inside an already bound one is skipped
    unique = sorted({p.rstrip("/") or "/" for p in paths}, key=lambda p: (p.count("/"), p))
    return unique


def readable_prefixes() -> tuple[str, ...]:
    """For the fallback's audit hook: the folders the child may read (not /usr as a whole)."""
    paths = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib")}
    paths |= set(site_dirs())
    paths.add(str(PACKAGE_DIR))
    pack = pack_dir()
    if pack is not None:
        paths.add(pack)
    return tuple(sorted(os.path.realpath(p) + os.sep for p in paths))


def child_code(package_root: str) -> str:
    """The ``-c`` program: the package first on the path, then the runner."""
    return (f"import sys; sys.path[0:0] = [{package_root!r}]; "
            "from medialit.grading.sandbox_runner import main; main()")


def zygote_code(package_root: str, control_fd: int, namespaces: bool) -> str:
    """The ``-c`` program of the fork server (see sandbox_runner.serve)."""
    return (f"import sys; sys.path[0:0] = [{package_root!r}]; "
            f"from medialit.grading.sandbox_runner import serve; serve({control_fd}, "
            f"{namespaces!r})")


_PROBE = ("import sys; sys.path[0:0] = [{root!r}]; import medialit.text.case, "
          "medialit.grading.sandbox_runner; sys.stdout.write('medialit-sandbox-ok')")


def _probe(argv: list[str], env: dict, cwd: str | None, **popen) -> str | None:
    """None when ``argv`` prints the probe's word; else what went wrong, in one line."""
    try:
        done = subprocess.run(argv, check=False, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=30, **popen)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{type(exc).__name__}: {exc}"
    if done.returncode == 0 and done.stdout.endswith(b"medialit-sandbox-ok"):
        return None
    text = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
    return text[-1] if text else f"exit status {done.returncode}"


def _bubblewrap(python: str) -> tuple[Isolation | None, str]:
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return None, "bubblewrap (bwrap) is not installed"
    setpriv = shutil.which("setpriv") or "/usr/bin/setpriv"
    if os.geteuid() == 0 and not os.path.exists(setpriv):
        return None, "setpriv (util-linux) is missing, so the child could not drop root"
    who = f"uid/gid {SANDBOX_UID}" if os.geteuid() == 0 else f"the grader's uid {os.geteuid()}"
    iso = Isolation("bubblewrap", f"bubblewrap namespaces (mount, pid, net, ipc, uts), read-only "
                                  f"Python and package, tmpfs /sandbox, {who}, no capabilities, "
                                  "rlimits", python, bwrap=bwrap, setpriv=setpriv)
    inside = [p for p in read_only_paths(python) if (p + "/").startswith(SCRATCH_INSIDE + "/")]
    if inside:
        return None, f"{inside[0]} lies under {SCRATCH_INSIDE}, the sandbox's own scratch folder"
    probe = iso.argv(_PROBE.format(root=str(PACKAGE_ROOT)))
    problem = _probe(probe, {"PATH": "/usr/bin:/bin"}, None)
    if problem:
        return None, f"bubblewrap cannot create a sandbox here ({problem})"
    return iso, ""


def _fallback(python: str, why: str) -> Isolation:
    uid = None
    if os.geteuid() == 0:
        probe = [python, "-S", "-s", "-P", "-B", "-c", _PROBE.format(root=str(PACKAGE_ROOT))]
        if _probe(probe, {"PATH": "/usr/bin:/bin"}, "/", user=SANDBOX_UID, group=SANDBOX_UID,
                  extra_groups=[]) is None:
            uid = SANDBOX_UID
    who = (f"uid/gid {uid}" if uid is not None else
           "the grader's own uid (root: uid 65534 cannot read this Python)"
           if os.geteuid() == 0 else f"the grader's own uid {os.geteuid()}")
    detail = (f"process boundary, rlimits (no file writes, CPU, memory, processes, files), "
              f"audit hook, scrubbed environment, {who}; no namespaces ({why})")
    return Isolation("fallback", detail, python, uid=uid)


@cache
def _detect(requested: str, python: str) -> Isolation:
    if requested == "fallback":
        return _fallback(python, f"{ENV_VAR}=fallback")
    iso, why = _bubblewrap(python)
    if iso:
        return iso
    if requested == "bubblewrap":
        raise SandboxUnavailable(f"{ENV_VAR}=bubblewrap, but {why}")
    return _fallback(python, why)


def current_isolation() -> Isolation:
    """The isolation the sandbox uses now (probed once per process and per setting)."""
    requested = os.environ.get(ENV_VAR, "auto").strip().lower() or "auto"
    if requested not in MODES:
        raise SandboxUnavailable(f"{ENV_VAR}={requested!r}: use one of {', '.join(MODES)}")
    return _detect(requested, base_python())
