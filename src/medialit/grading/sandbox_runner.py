"""The program that runs inside the sandbox process: student function + hidden tests.

It is passed to ``python -c`` by :mod:`medialit.grading.sandbox` (never imported by the grader).
Protocol: one JSON request on stdin (student source, tests source, function name, per-test time
limit, output cap, a nonce); results go to a dedicated pipe (its fd number is in the request), one JSON object per line, each
prefixed with the nonce so that text the student writes there cannot pass for a result.

Order matters: the hidden tests are compiled and prepared first (they are trusted and may load
the op-ed); then an audit hook is armed that refuses file access outside the Python
installation, process creation, sockets, ctypes and frame inspection; then the student's code
runs. Everything lives in ``main()``'s locals so the student's code cannot reach the tests or
the nonce through ``__main__``.
"""

import json
import os
import re
import resource
import signal
import sys
import sysconfig


def main():
    request = json.loads(sys.stdin.read())
    # The folder that holds the medialit package (the hidden tests import it), first on the path.
    sys.path.insert(0, request["package_root"])
    nonce = request["nonce"]
    result_fd = int(request["result_fd"])
    output_cap = int(request["output_chars"])
    # Limits first; the hard limits cannot be raised again by the code that follows.
    memory, fsize = (int(request[k]) for k in ("memory_bytes", "file_bytes"))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    def report(obj):
        os.write(result_fd, (nonce + json.dumps(obj, sort_keys=True) + "\n").encode("utf-8"))

    class CappedWriter:
        """Stands in for stdout/stderr: keeps the first ``output_cap`` characters, counts all."""

        def __init__(self):
            self.parts, self.kept, self.total = [], 0, 0

        def write(self, text):
            text = str(text)
            self.total += len(text)
            room = output_cap - self.kept
            if room > 0:
                self.parts.append(text[:room])
                self.kept += min(room, len(text))
            return len(text)

        def flush(self):
            pass

        def isatty(self):
            return False

        def value(self):
            return "".join(self.parts)

    class TestTimeout(BaseException):
        pass

    # -- the trusted part: hidden tests ---------------------------------------------------------
    tests_ns = {"__name__": "hidden_tests"}
    exec(compile(request["tests"], "<hidden tests>", "exec"), tests_ns)  # noqa: S102 — the set's own tests
    weights = tests_ns.get("WEIGHTS", {})
    tests = [(name, fn) for name, fn in tests_ns.items()
             if name.startswith("test_") and callable(fn)]
    report({"tests": [[name, float(weights.get(name, 1)),
                       (fn.__doc__ or name).strip().splitlines()[0]] for name, fn in tests]})
    # The CPU budget of the whole run: every test's own budget, plus loading the cell.
    cpu = int((len(tests) + 1) * float(request["test_seconds"])) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    # Modules a student may reasonably use, imported while unguarded: some of them inspect the
    # caller's frame when imported, which the guard refuses to student code.
    import collections.abc  # noqa: F401
    import dataclasses  # noqa: F401
    import itertools  # noqa: F401
    import statistics  # noqa: F401
    import string  # noqa: F401
    import textwrap  # noqa: F401
    import typing  # noqa: F401
    import unicodedata  # noqa: F401

    # -- the guard ----------------------------------------------------------------------------
    readable = tuple(os.path.realpath(p) + os.sep for p in {
        sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")})
    refused = {
        "os.system", "os.fork", "os.forkpty", "os.exec", "os.posix_spawn", "os.spawn",
        "subprocess.Popen", "pty.spawn", "os.kill", "os.killpg", "socket.__new__",
        "socket.connect", "socket.bind", "sys.settrace", "sys.setprofile", "sys._getframe",
        "sys._current_frames", "gc.get_objects", "gc.get_referrers", "gc.get_referents",
        "os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.symlink", "os.link",
        "os.truncate", "shutil.rmtree", "os.chdir", "ctypes.dlopen", "ctypes.dlsym",
        "ctypes.cdata", "ctypes.addressof", "ctypes.string_at", "os.startfile", "webbrowser.open",
        "urllib.Request", "sqlite3.connect", "ftplib.connect", "http.client.connect",
    }
    frame_attributes = {"tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back", "f_globals",
                        "f_locals", "gi_code", "f_code"}
    armed = [False]

    def guard(event, args):
        if not armed[0]:
            return
        if event in ("sys._getframe", "sys._current_frames") or event.startswith("gc.get_"):
            raise PermissionError(f"the sandbox does not allow inspecting frames or objects ({event}; "
                                  "collections.namedtuple needs it: use a dict or a tuple)")
        if event in refused or event.startswith("ctypes."):
            raise PermissionError(f"the sandbox does not allow this ({event})")
        if event == "open":
            path, mode = args[0], args[1]
            if isinstance(path, int):
                return
            real = os.path.realpath(os.fsdecode(path)) if path is not None else ""
            writing = isinstance(mode, str) and any(c in mode for c in "wax+")
            if writing or not real.startswith(readable):
                raise PermissionError(f"the sandbox does not allow opening files ({path!r})")
        elif event in ("os.listdir", "os.scandir", "glob.glob"):
            # The import system lists the installation's folders; nothing else may be listed.
            path = args[0] if args and args[0] is not None else "."
            real = os.path.realpath(os.fsdecode(path)) + os.sep if not isinstance(path, int) else ""
            if not real.startswith(readable):
                raise PermissionError(f"the sandbox does not allow listing folders ({path!r})")
        elif event == "import" and args[0] in ("ctypes", "_ctypes", "socket", "_socket",
                                               "subprocess", "multiprocessing", "_posixsubprocess"):
            raise PermissionError(f"the sandbox does not allow importing {args[0]}")
        elif event == "object.__getattr__" and len(args) > 1 and args[1] in frame_attributes:
            raise PermissionError("the sandbox does not allow inspecting frames")

    sys.addaudithook(guard)

    def on_alarm(signum, frame):
        raise TestTimeout

    # CPU time, not wall time: a loaded machine must not fail a correct function. A
    # sleeping or blocked student is caught by the parent's wall-time limit instead.
    signal.signal(signal.SIGPROF, on_alarm)
    test_seconds = float(request["test_seconds"])
    capture = CappedWriter()
    real_out, real_err = sys.stdout, sys.stderr
    address = re.compile(r"0x[0-9a-fA-F]+")
    answer_file = "<your answer>"

    def describe(exc):
        """A message for the student: exception, text, and the line of their cell."""
        text = address.sub("0x…", str(exc))[:500]
        line = None
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == answer_file:
                line = tb.tb_lineno
            tb = tb.tb_next
        where = f" (line {line} of your cell)" if line else ""
        return f"{type(exc).__name__}: {text}{where}" if text else f"{type(exc).__name__}{where}"

    # -- the student's code ------------------------------------------------------------------
    student_ns = {"__name__": "answer", "__builtins__": __builtins__}
    function = None
    load_error = None
    sys.stdout = sys.stderr = capture
    armed[0] = True
    signal.setitimer(signal.ITIMER_PROF, test_seconds)
    try:
        exec(compile(request["student"], answer_file, "exec"), student_ns)  # noqa: S102 — guarded
        signal.setitimer(signal.ITIMER_PROF, 0)
        armed[0] = False
        function = student_ns.get(request["function"])
        if not callable(function):
            load_error = f"the cell does not define a function {request['function']}()"
    except TestTimeout:
        armed[0] = False
        load_error = f"running the cell used more than {test_seconds:g} s of CPU time"
    except BaseException as exc:  # noqa: BLE001 — anything the student's cell raises is reported
        signal.setitimer(signal.ITIMER_PROF, 0)
        armed[0] = False
        load_error = "running the cell failed: " + describe(exc)
    if load_error:
        sys.stdout, sys.stderr = real_out, real_err
        report({"load_error": load_error, "output": capture.value(), "output_total": capture.total})
        return

    # After two tests run out of time the function almost surely loops: the rest are reported
    # as not run, so one endless loop costs a batch seconds, not a minute.
    timeouts = 0
    for name, test in tests:
        message = ""
        passed = False
        if timeouts >= 2:
            report({"test": name, "passed": False, "message": "not run: two earlier tests "
                    "ran out of CPU time (an endless loop?)"})
            continue
        armed[0] = True
        signal.setitimer(signal.ITIMER_PROF, test_seconds)
        try:
            test(function)
            signal.setitimer(signal.ITIMER_PROF, 0)
            armed[0] = False
            passed = True
        except TestTimeout:
            armed[0] = False
            timeouts += 1
            message = f"used more than {test_seconds:g} s of CPU time (an endless loop?)"
        except AssertionError as exc:
            signal.setitimer(signal.ITIMER_PROF, 0)
            armed[0] = False
            message = address.sub("0x…", str(exc))[:1000] or "wrong result"
        except BaseException as exc:  # noqa: BLE001 — a failing student function fails one test
            signal.setitimer(signal.ITIMER_PROF, 0)
            armed[0] = False
            message = "your function raised " + describe(exc)
        report({"test": name, "passed": passed, "message": message})
    sys.stdout, sys.stderr = real_out, real_err
    report({"done": True, "output": capture.value(), "output_total": capture.total})


main()
del main
