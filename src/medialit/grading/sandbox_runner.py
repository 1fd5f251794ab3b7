"""The program the sandbox child runs: the student's cell, then calls of the student's function.

Started by :mod:`medialit.grading.sandbox` as ``python -S -s -P -B -c "…; main()"`` (inside
bubblewrap, or as a plain process in the fallback mode; see :mod:`medialit.grading.isolation`).
The child holds nothing worth stealing: no hidden test, no expected value, no key, no score.
It runs the student's code and sends back what the student's function returned; the parent
compares that with the expected values and computes the score.

Protocol (frames: a 4-byte big-endian length, then the payload):

* stdin, parent → child: first the set-up (``marshal``, written by the parent: the student's
  source, the notebook's context statements, the function's name, the limits); then one frame
  per call, ``marshal`` of ``(token, args, kwargs)`` built by the parent's trusted test code:
  each argument a ``pickle``, or the key (``str``) of a document the child inherited from its
  zygote (see :func:`serve`), of which each call gets its own copy; ``kwargs`` a ``pickle``.
  End of file means stop.
* the result pipe (its number is in the set-up), child → parent: ``marshal.dumps(reply, 2)`` frames. ``("started",)`` once the trusted
  set-up is done (anything printed before it is the sandbox's own start-up error),
  ``("loaded", failures)`` or ``("load_error", kind, type_names, text, line)`` for the cell,
  then per call ``(token, "returned", result, arguments_after)``, ``(token, "raised",
  type_names, text, line)`` or ``(token, "unreadable", what)``.

``marshal.dumps`` and the other functions used after student code runs are captured first, so
patching ``marshal``, ``json`` or ``builtins`` changes nothing the child sends except the
student's own claims — and the parent reads those strictly (:mod:`medialit.grading.plain_data`).
stdout and stderr (fd 1 and 2) are the student's output, capped; the parent reads them.
"""

import marshal
import os
import sys

ANSWER_FILE = "<your answer>"
# Documents the hidden tests pass to every student, unpickled once by the zygote (before any
# child is forked) and inherited by each child: key -> Document. Only the grader adds to it.
INHERITED: dict[str, object] = {}


def main():
    """One process for one student (started by bwrap or as a plain process)."""
    _import_trusted()
    _run_student()


def _import_trusted():
    """What the child needs before student code: imported while nothing of theirs has run."""
    import _pickle  # noqa: F401
    import resource  # noqa: F401
    import types  # noqa: F401 — SimpleNamespace arguments are unpickled from it

    import medialit.grading.plain_data
    import medialit.text.case

    spec = os.environ.get("MEDIALIT_PACK_TEXT_SPEC")
    if spec:
        # the case's text, read now, while nothing of the student's has run: a code answer's
        # load_text() then finds it loaded (and a zygote's children inherit it). The spec is
        # JSON: the child has no YAML library to read pack.yml with.
        import medialit.pack

        pack = medialit.pack.ContentPack.from_text_spec(spec)
        medialit.pack.use_pack(pack)
        _ = pack.document


def _run_student():
    # -- the trusted part: nothing of the student's has run yet ----------------------------------
    import _pickle
    import resource

    from medialit.grading.plain_data import MARSHAL_VERSION, NotPlain, to_plain
    from medialit.text.case import Document

    dumps, loads, unpickle = marshal.dumps, marshal.loads, _pickle.loads
    inherited, fresh_copy = INHERITED, Document.__copy__
    read, write, exit_now = os.read, os.write, os._exit
    builtin_str, builtin_type, builtin_len, base = str, type, len, BaseException

    def read_exactly(n):
        chunks, size = [], 0
        while size < n:
            chunk = read(0, min(n - size, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            size += builtin_len(chunk)
        return b"".join(chunks)

    def read_frame():
        head = read_exactly(4)
        return None if head is None else read_exactly(int.from_bytes(head, "big"))

    setup = loads(read_frame())
    result_fd = int(setup["result_fd"])

    def send(reply):
        try:
            data = dumps(reply, MARSHAL_VERSION)
        except (ValueError, TypeError):
            data = dumps((reply[0], "unreadable", "a value that cannot be sent"), MARSHAL_VERSION)
        data = builtin_len(data).to_bytes(4, "big") + data
        view = memoryview(data)
        while view:
            view = view[write(result_fd, view):]

    cap = int(setup["output_chars"]) + 1
    # The hard limits cannot be raised again by the code that follows (in the fallback as root,
    # the audit hook refuses resource.setrlimit).
    memory = int(setup["memory_bytes"])
    cpu = int(setup["cpu_seconds"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(setup["file_bytes"]),) * 2)
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if setup.get("readable") is not None:
        _install_guard(tuple(setup["readable"]))

    class CappedWriter:
        """sys.stdout and sys.stderr: writes to fd 1 until just past the cap, then only counts."""

        encoding, errors = "utf-8", "backslashreplace"

        def __init__(self):
            self.kept = 0

        def write(self, text):
            if builtin_type(text) is not builtin_str:
                if not isinstance(text, builtin_str):
                    raise TypeError(f"write() argument must be str, not {type(text).__name__}")
                text = builtin_str.__str__(text)
            room = cap - self.kept
            if room > 0:
                part = text[:room]
                self.kept += builtin_len(part)
                data = part.encode("utf-8", "backslashreplace")
                while data:
                    data = data[write(1, data):]
            return builtin_len(text)

        def flush(self):
            pass

        def isatty(self):
            return False

        def writable(self):
            return True

        def fileno(self):
            return 1

    def type_names(exc):
        names = []
        for klass in builtin_type(exc).__mro__[:20]:
            name = type.__dict__["__name__"].__get__(klass)
            names.append(name if builtin_type(name) is builtin_str else "?")
        return names

    def message(exc):
        try:
            text = builtin_str(exc)
        except base:
            text = ""
        return builtin_str.__str__(text)[:500] if isinstance(text, builtin_str) else ""

    def line_of(exc):
        line, tb = 0, exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == ANSWER_FILE:
                line = tb.tb_lineno
            tb = tb.tb_next
        return line

    send(("started",))
    sys.stdout = sys.stderr = CappedWriter()

    # -- the student's code ----------------------------------------------------------------------
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    failures = []
    for label, source in setup["context"]:
        # the notebook's imports, helpers and constants from other cells, each on its own
        try:
            exec(compile(source, label, "exec"), namespace)  # noqa: S102
        except base as exc:
            failures.append((label, type_names(exc)[0], message(exc)))
    try:
        code = compile(setup["source"], ANSWER_FILE, "exec")
    except SyntaxError as exc:
        send(("load_error", "syntax", ["SyntaxError"], builtin_str(exc.msg)[:200], exc.lineno or 0))
        return
    try:
        exec(code, namespace)  # noqa: S102
    except base as exc:
        send(("load_error", "raised", type_names(exc), message(exc), line_of(exc)))
        return
    function = namespace.get(setup["function"])
    if not callable(function):
        send(("load_error", "missing", [], "", 0))
        return
    send(("loaded", failures))

    # -- calls: inputs in, plain data out ------------------------------------------------------------
    while True:
        frame = read_frame()
        if frame is None:
            sys.stdout.flush()
            exit_now(0)
        # one pickle per argument, so that the grader pickles a long document only once; an
        # inherited document by its key, copied for this call
        token, blobs, keywords = loads(frame)
        args = tuple(fresh_copy(inherited[blob]) if builtin_type(blob) is builtin_str
                     else unpickle(blob) for blob in blobs)
        kwargs = unpickle(keywords)
        try:
            result = function(*args, **kwargs)
        except base as exc:
            send((token, "raised", type_names(exc), message(exc), line_of(exc)))
            continue
        try:
            reply = (token, "returned", to_plain(result),
                     to_plain(args, namespaces=True, unknown_as_none=True))
        except NotPlain as exc:
            reply = (token, "unreadable", builtin_str(exc)[:200])
        except base:
            reply = (token, "unreadable", "a value that could not be copied")
        send(reply)


# -- the zygote: a pristine process that forks one fresh child per student ----------------------

CLONE_NEWNS, CLONE_NEWIPC = 0x00020000, 0x08000000
MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x4000, 0x40000
SANDBOX_UID = 65534


def serve(control_fd, namespaces):
    """Fork server, started once per grader process in the same isolation as a child would be.

    It imports what a child needs, then for each request (three descriptors passed over the
    control socket: the child's stdin, its output and its result socket) forks a child. The
    zygote itself never reads or runs student code, and nothing of one student passes through
    it, so a child — a copy of the zygote — holds nothing of another student. What the grader
    adds to it is the hidden tests' own inputs: a document already passed to a student's
    function (so one every student's function is given) can be sent once (a ``PRELOAD``
    message with the file that holds its pickle), and the children forked after that inherit
    it, each call getting a copy. Under
    bubblewrap (``namespaces``; the zygote is root with only CAP_SYS_ADMIN, CAP_SETUID and
    CAP_SETGID), each child first gets its own mount and IPC namespaces with an empty tmpfs on
    /sandbox and /dev/shm, then drops to uid/gid 65534 with no groups and no capabilities; in the
    fallback it only moves to its own empty working folder. Then it proves its pid to the
    grader (SCM_CREDENTIALS: the kernel translates it, so the grader can read the child's CPU
    time and kill it) and runs as :func:`main` would. The zygote reports each child's exit
    status over the control socket and exits when that socket closes.
    """
    import signal
    import socket

    _import_trusted()
    libc = None
    if namespaces:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
                               ctypes.c_ulong, ctypes.c_char_p]
    control = socket.socket(fileno=control_fd)

    def tell(kind, *values):
        data = marshal.dumps((kind, *values), 2)
        control.sendall(len(data).to_bytes(4, "big") + data)

    def reap(signum, frame):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            try:
                tell("exit", pid, status)
            except OSError:
                return

    signal.signal(signal.SIGCHLD, reap)
    import gc

    gc.freeze()  # the imported modules' objects: a child's collections leave their pages shared
    tell("ready")
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, 64, 3)
        except OSError:
            break
        if message.startswith(PRELOAD) and len(fds) == 1:
            _preload(message[len(PRELOAD):].decode("ascii"), fds[0], tell)
            continue
        if not message or len(fds) != 3:
            break
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _become_child(fds, control_fd, libc, message)
                code = 0
                _run_student()
            except BaseException as exc:  # noqa: BLE001 — said on fd 2, before any student code
                if code:
                    os.write(2, f"sandbox child set-up failed: {exc!r}\n".encode())
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
    os._exit(0)


PRELOAD = b"\0document "  # a control message that no folder's name can start with
PRELOAD_MAX_BYTES = 64 * 1024 * 1024


def _preload(key, fd, tell):
    """Unpickle a document the grader sent (its pickle in the file ``fd``) into INHERITED, so
    that every child forked from now on has it already; say so to the grader."""
    import _pickle
    import gc

    ok = False
    try:
        chunks, size = [], 0
        while size <= PRELOAD_MAX_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size <= PRELOAD_MAX_BYTES:
            INHERITED[key] = _pickle.loads(b"".join(chunks))
            ok = True
    except Exception:  # noqa: BLE001 — the grader then sends this document as a pickle
        ok = False
    finally:
        os.close(fd)
    gc.freeze()  # the new objects too: a child's collections leave their pages shared
    try:
        tell("preloaded", key, ok)
    except OSError:
        pass


def _become_child(fds, control_fd, libc, message):
    import socket
    import struct

    stdin, output, result = fds
    os.close(control_fd)
    os.dup2(stdin, 0)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.dup2(result, 3)
    os.closerange(4, 1 << 16)
    if libc is not None:
        import ctypes

        def check(value, what):
            if value != 0:
                raise OSError(ctypes.get_errno(), what)

        check(libc.unshare(CLONE_NEWNS | CLONE_NEWIPC), "unshare")
        check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
        for target, options in ((b"/sandbox", b"size=16m,mode=1777"),
                                (b"/dev/shm", b"size=1m,mode=1777")):
            check(libc.mount(b"tmpfs", target, b"tmpfs", MS_NOSUID | MS_NODEV, options),
                  f"mount tmpfs {target.decode()}")
        for folder in ("/sandbox/home", "/sandbox/work", "/sandbox/tmp"):
            os.mkdir(folder)
            os.chmod(folder, 0o777)
        os.chdir("/sandbox/work")
        os.setgroups([])
        os.setresgid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID)
        os.setresuid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID)
        os.environ["HOME"], os.environ["TMPDIR"] = "/sandbox/home", "/sandbox/tmp"
    else:
        folder = message.decode("utf-8", "surrogateescape")  # the grader's empty folder
        os.chdir(folder)
        os.environ["HOME"] = os.environ["TMPDIR"] = folder
    channel = socket.socket(fileno=3)
    credentials = struct.pack("3i", os.getpid(), os.getuid(), os.getgid())
    channel.sendmsg([b"P" + os.getpid().to_bytes(4, "big")],
                    [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, credentials)])
    channel.detach()


def _install_guard(readable):
    """The fallback mode's audit hook (no namespaces): refuse what the child never needs.

    The hook is only reachable through the interpreter's list of hooks: no frame or module holds
    it, and ``gc`` (the one way to find it) is refused. It is a speed bump, not a boundary (see
    :mod:`medialit.grading.isolation`).
    """
    import posix
    import signal

    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    refused = frozenset({
        "os.system", "os.fork", "os.forkpty", "os.exec", "os.posix_spawn", "os.spawn",
        "subprocess.Popen", "pty.spawn", "os.kill", "os.killpg", "os.remove", "os.rename",
        "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.chflags", "os.symlink", "os.link",
        "os.truncate", "os.utime", "os.setxattr", "os.removexattr", "os.chdir", "os.lockf",
        "shutil.rmtree", "shutil.copyfile", "shutil.move", "resource.setrlimit",
        "resource.prlimit", "sys.setprofile", "sys.settrace", "socket.__new__",
        "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
        "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sqlite3.connect",
        "webbrowser.open", "urllib.Request", "http.client.connect", "ftplib.connect",
        "smtplib.connect", "imaplib.open", "poplib.connect", "telnetlib.Telnet.open",
        "mmap.__new__", "tempfile.mkstemp", "tempfile.mkdtemp",
    })
    modules = frozenset({"ctypes", "_ctypes", "socket", "_socket", "subprocess", "_posixsubprocess",
                         "multiprocessing", "_multiprocessing", "mmap", "_testcapi",
                         "_testinternalcapi", "_xxsubinterpreters", "_xxinterpchannels", "pty",
                         "fcntl", "termios"})
    # Not audited in 3.11: removed from the modules instead.
    for module in (os, posix, signal):
        for name in ("mkfifo", "mknod", "pidfd_open", "pidfd_send_signal", "chroot",
                     "setuid", "seteuid", "setreuid", "setresuid", "setgid", "setegid",
                     "setregid", "setresgid", "setgroups", "sched_setaffinity", "memfd_create"):
            if hasattr(module, name):
                delattr(module, name)
    lstat, readlink, getcwd = posix.lstat, posix.readlink, posix.getcwd

    def fsdecode(raw):
        return raw.decode("utf-8", "surrogateescape")
    is_int, text_type, bytes_type, kind, any_of = int, str, bytes, type, any
    error = PermissionError

    def real(path):
        """The resolved absolute path, with C functions only (posixpath could be patched)."""
        if kind(path) is bytes_type:
            path = fsdecode(path)
        if not path.startswith("/"):
            path = getcwd() + "/" + path
        parts, done, hops = path.split("/")[::-1], [], 0
        while parts:
            part = parts.pop()
            if part in ("", "."):
                continue
            if part == "..":
                if done:
                    done.pop()
                continue
            candidate = "/" + "/".join(done + [part])
            try:
                link = (lstat(candidate).st_mode & 0o170000) == 0o120000
            except OSError:
                link = False
            if link:
                hops += 1
                if hops > 40:
                    raise error("the sandbox does not allow this path (symbolic link loop)")
                target = readlink(candidate)
                if target.startswith("/"):
                    done = []
                parts.extend(target.split("/")[::-1])
                continue
            done.append(part)
        return "/" + "/".join(done)

    def refuse(what):
        raise error(f"the sandbox does not allow {what}")

    def allowed(path):
        # Only exact str and bytes: a path-like object could name one file to this check and
        # another to open().
        if kind(path) is not text_type and kind(path) is not bytes_type:
            return False
        return (real(path) + "/").startswith(readable)

    def guard(event, args):
        if event == "open":
            path, mode, flags = args
            if kind(path) is is_int:
                return
            writing = (kind(mode) is text_type and any_of(c in mode for c in "wax+")) or \
                (kind(flags) is is_int and flags & write_flags)
            if writing:
                refuse("writing files")
            if not allowed(path):
                refuse("opening files")
        elif event in refused or event.startswith(("ctypes.", "socket.", "os.exec",
                                                   "os.posix_spawn", "os.spawn")):
            refuse(f"this ({event})")
        elif event in ("os.listdir", "os.scandir", "glob.glob", "os.walk"):
            path = args[0] if args and args[0] is not None else "."
            if not allowed(path):
                refuse("listing folders")
        elif event == "import" and args[0] in modules:
            refuse(f"importing {args[0]}")

    sys.addaudithook(guard)
