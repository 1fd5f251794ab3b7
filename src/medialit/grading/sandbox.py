"""Run a student's function against hidden tests: the tests here, the function in a sandbox child.

The trust boundary is a process boundary. The hidden tests (:mod:`.hidden_tests`) — their
code, inputs, expected values and the master's keys — stay in this process, which never runs
student code. The child (:mod:`.sandbox_runner`, isolated as :mod:`.isolation` describes)
runs only the student's cell and, for each call a test makes, the student's function on that
call's inputs; it sends back plain data, which is read strictly (:mod:`.plain_data`). This
process compares, and computes the score. Whatever the student's code does to its interpreter
(patching ``json``, ``builtins.list``, ``time``, walking frames, forging output), it can only
change what its own function appears to return — never a verdict, a score, a test's text or
the CPU time, which is read from ``/proc/<pid>/stat`` by this process around each call.

Start-up: a child is forked per student from a zygote (one per grader process, started in the
same isolation; :func:`.sandbox_runner.serve`), which saves Python's start-up and imports, and,
once the tests have passed a document a second time, unpickling it (the zygote holds it; each
call gets a copy; such a call is charged with all the CPU time the child has used);
where a zygote cannot isolate each child (bubblewrap without root) each student gets a
process of its own.

Limits: a CPU-time allowance per hidden test (over its calls, ``limits.code_test_seconds``)
enforced from here by killing the child (the next test gets a fresh one); after two such
timeouts the remaining tests are not run; ``RLIMIT_CPU`` for a whole child as a backstop; a
wall-time budget for code that sleeps or blocks (never shorter than 2× the CPU allowances, so
CPU-bound code meets its CPU limit first, however loaded the machine); memory, file size,
processes and open files by ``setrlimit``; output kept up to ``limits.code_output_chars``.
"""

from __future__ import annotations

import atexit
import json
import marshal
import os
import pickle
import re
import secrets
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from ..text.case import Document
from . import sandbox_runner  # imported here so its bytecode is cached for the child too
from .hidden_tests import (
    HiddenTest,
    ResultUnreadable,
    StudentFunction,
    StudentRaised,
    load_hidden_tests,
    raised,
)
from .isolation import (
    PACKAGE_ROOT,
    WORK_INSIDE,
    Isolation,
    SandboxUnavailable,
    child_code,
    current_isolation,
    readable_prefixes,
    zygote_code,
)
from .limits import DEFAULT_LIMITS, Limits
from .plain_data import NotPlain, decode

MAX_REPLY_BYTES = 1024 * 1024  # one call's reply: honest results and arguments are < 400 kB
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
_SIGNALS = {signal.SIGKILL: "killed", signal.SIGXCPU: "CPU time limit",
            signal.SIGXFSZ: "file size limit", signal.SIGSEGV: "crashed (segmentation fault)",
            signal.SIGABRT: "crashed (aborted)"}
WALL_MESSAGE = "stopped: the code did not finish within the time limit (waiting or sleeping?)"
_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
_SPACE = re.compile(r"\s+")


@dataclass
class TestOutcome:
    name: str
    description: str
    weight: float
    passed: bool
    message: str = ""  # written here (never text of the student's): why it failed
    student_text: str = ""  # the student's own exception message, shown apart and labelled


@dataclass
class SandboxResult:
    tests: list[TestOutcome] = field(default_factory=list)
    error: str | None = None  # the code could not run at all, or the process was stopped
    output: str = ""  # what the student's code printed, truncated, then its exception messages
    output_truncated: bool = False
    isolation: str = ""  # the mode that ran (see medialit.grading.isolation)

    @property
    def fraction(self) -> float:
        total = sum(t.weight for t in self.tests)
        return sum(t.weight for t in self.tests if t.passed) / total if total else 0.0


class _Stopped(BaseException):
    """The child was stopped during a call (time, crash, protocol); the test fails."""

    def __init__(self, message: str, timeout: bool = False, wall: bool = False):
        super().__init__(message)
        self.message = message
        self.timeout = timeout  # ran out of its CPU allowance
        self.wall = wall  # the run's wall-time budget is spent


class _LoadFailed(BaseException):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def run_code_tests(student_source: str, tests_source: str, function_name: str,
                   limits: Limits = DEFAULT_LIMITS,
                   context: tuple[tuple[str, str], ...] = ()) -> SandboxResult:
    """Run the hidden tests in ``tests_source`` on the student's function; never raises.

    ``context`` holds ``(label, source)`` statements from the notebook's other cells (imports,
    helpers, constants; see :func:`medialit.grading.read_answers.notebook_context`), run in
    the child before the answer cell.
    """
    try:
        isolation = current_isolation()
    except SandboxUnavailable as exc:
        return SandboxResult(error=f"the sandbox is not available: {exc}")
    try:
        tests = load_hidden_tests(tests_source)
    except Exception as exc:  # noqa: BLE001 — a broken hidden-tests cell is the set's problem
        return SandboxResult(error="the hidden tests could not be prepared (a problem of the "
                                   f"set, not yours): {type(exc).__name__}: {exc}",
                             isolation=isolation.summary)
    session = _Session(isolation, student_source, context, function_name, limits, len(tests))
    result = SandboxResult(isolation=isolation.summary)
    timeouts = 0
    try:
        for test in tests:
            if session.load_error:
                result.tests.append(_outcome(test, False, "not run: " + session.load_error))
                continue
            if timeouts >= 2:
                result.tests.append(_outcome(test, False, "not run: two earlier tests ran out "
                                                          "of CPU time (an endless loop?)"))
                continue
            if session.out_of_time():
                result.tests.append(_outcome(test, False, "not run: " + session.wall_message))
                continue
            outcome, timed_out = _run_test(test, session)
            timeouts += timed_out
            result.tests.append(outcome)
    finally:
        session.close()
    result.error = session.load_error or session.fatal
    result.output, result.output_truncated = session.output_text(limits, result.tests)
    return result


def _outcome(test: HiddenTest, passed: bool, message: str = "", student_text: str = ""):
    return TestOutcome(test.name, test.description, test.weight, passed, message, student_text)


def _clean(text: str, limit: int = 300) -> str:
    """One line, addresses masked, bounded: text that cannot pass for another line."""
    text = _ADDRESS.sub("0x…", _SPACE.sub(" ", str(text))).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _run_test(test: HiddenTest, session: _Session) -> tuple[TestOutcome, bool]:
    session.begin_test()
    f = StudentFunction(session.call)
    try:
        test.function(f)
    except _LoadFailed as exc:
        return _outcome(test, False, "not run: " + exc.message), False
    except _Stopped as exc:
        return _outcome(test, False, exc.message), exc.timeout
    except StudentRaised as exc:
        where = f" (line {exc.line} of your cell)" if exc.line else ""
        return _outcome(test, False, f"your function raised {exc.type_name}{where}",
                        _clean(exc.student_message)), False
    except ResultUnreadable as exc:
        return _outcome(test, False, f"your function returned {_clean(exc.what, 80)}, which is "
                                     "not plain data: return lists, tuples, dicts, sets, "
                                     "strings, numbers, True/False or None"), False
    except AssertionError as exc:
        return _outcome(test, False, _clean(str(exc)) or "wrong result"), False
    except Exception as exc:  # noqa: BLE001 — the check met a result of an unexpected shape
        return _outcome(test, False, f"the result does not have the expected shape "
                                     f"({type(exc).__name__} while checking it: "
                                     f"{_clean(str(exc), 120)})"), False
    return _outcome(test, True), False


# -- one child, restarted after a timeout or a crash ----------------------------------------------

class _Session:
    def __init__(self, isolation: Isolation, source: str, context, function_name: str,
                 limits: Limits, n_tests: int):
        self.isolation = isolation
        self.limits = limits
        self.function_name = function_name
        fallback = isolation.mode != "bubblewrap"
        self.setup = {
            "source": source, "function": function_name,
            "context": [(str(label), str(code)) for label, code in context],
            "output_chars": limits.code_output_chars, "memory_bytes": limits.code_memory_bytes,
            # the whole child's CPU backstop: every test's allowance, plus loading the cell
            "cpu_seconds": int((n_tests + 1) * limits.code_test_seconds) + 1,
            # the fallback writes nothing at all; bubblewrap's tmpfs vanishes with the child
            "file_bytes": 0 if fallback else limits.code_file_bytes,
            "readable": list(readable_prefixes()) if fallback else None,
        }
        budget = 2 * (n_tests + 1) * limits.code_test_seconds + 2
        self.deadline = time.monotonic() + max(limits.code_wall_seconds, budget)
        self.wall_message = WALL_MESSAGE
        self.child: _Child | None = None
        self.load_error: str | None = None
        self.fatal: str | None = None
        self.outputs: list[bytes] = []
        self.output_total = 0
        self.test_cpu = 0.0
        self.folders: list[str] = []

    def out_of_time(self) -> bool:
        return time.monotonic() >= self.deadline

    def begin_test(self) -> None:
        self.test_cpu = 0.0

    def allowance(self) -> float:
        return self.limits.code_test_seconds - self.test_cpu

    def call(self, args: tuple, kwargs: dict):
        if self.load_error:
            raise _LoadFailed(self.load_error)
        child = self.child if self.child is not None else self._start()
        token = secrets.token_hex(8)
        try:
            blobs = [child.argument(a) for a in args]
            frame = marshal.dumps((token, blobs,
                                   pickle.dumps(kwargs, protocol=pickle.HIGHEST_PROTOCOL)), 2)
        except Exception as exc:  # noqa: BLE001 — the test passed an argument pickle refuses
            raise RuntimeError(f"the hidden test passed an argument the sandbox cannot copy "
                               f"({exc})") from None
        try:
            reply, cpu = child.exchange(frame, self.allowance(), self.deadline, token)
        except _Stopped as exc:
            self.test_cpu = self.limits.code_test_seconds
            if exc.wall:
                self.fatal = exc.message
            self._retire()
            raise
        self.test_cpu += cpu
        if any(isinstance(blob, str) for blob in blobs):
            # An inherited document was within the child's reach from its start, so work on
            # it could have been done before this call (while loading the cell, or in another
            # test's call): the call is charged with all the CPU time the child has used.
            cpu = max(cpu, child.cpu_seconds())
        kind = reply[1] if isinstance(reply, tuple) and len(reply) >= 2 else None
        if kind == "returned" and len(reply) == 4:
            arguments = reply[3] if isinstance(reply[3], tuple) else ()
            return reply[2], arguments, cpu
        if kind == "raised" and len(reply) == 5:
            names = reply[2] if isinstance(reply[2], list) else []
            text = reply[3] if isinstance(reply[3], str) else ""
            line = reply[4] if type(reply[4]) is int and 0 < reply[4] < 100_000 else 0
            raise raised(names, text, line)
        if kind == "unreadable" and len(reply) == 3:
            raise ResultUnreadable(_what(reply[2]))
        self._retire()
        raise _Stopped("stopped: the sandbox's reply could not be read (did your code write to "
                       "the grader's result channel?)")

    def _start(self) -> _Child:
        if self.out_of_time():
            raise _Stopped(self.wall_message)
        if self.isolation.mode == "bubblewrap":
            folder = "/"  # the child works in its own tmpfs; nothing of the host is needed
        else:  # the fallback child's empty working folder and home, deleted afterwards
            folder = tempfile.mkdtemp(prefix="medialit-sandbox-")
            self.folders.append(folder)
        try:
            self.child = _Child.start(self.isolation, folder)
        except OSError as exc:
            self.fatal = f"the sandbox could not start: {exc}"
            raise _LoadFailed(self.fatal) from None
        try:
            setup = marshal.dumps({**self.setup, "result_fd": self.child.child_result_fd}, 2)
            reply, _ = self.child.exchange(setup, self.limits.code_test_seconds,
                                           self.deadline, None, handshake=True)
        except _Stopped as exc:
            if not self.child.started:
                self.fatal = "the sandbox could not start: " + self.child.startup_problem()
                self._retire()
                raise _LoadFailed(self.fatal) from None
            if exc.wall:
                self.load_error = exc.message
            elif exc.timeout:
                self.load_error = (f"running the cell used more than "
                                   f"{self.limits.code_test_seconds:g} s of CPU time")
            else:
                self.load_error = "running the cell failed: " + exc.message.removeprefix(
                    "stopped: ")
            self._retire()
            raise _LoadFailed(self.load_error) from None
        if isinstance(reply, tuple) and reply[:1] == ("loaded",):
            return self.child
        self.load_error = _load_problem(reply, self.function_name)
        self._retire()
        raise _LoadFailed(self.load_error)

    def _retire(self) -> None:
        if self.child is not None:
            self.child.stop()
            self.outputs.append(bytes(self.child.output))
            self.output_total += self.child.output_total
            self.child = None

    def close(self) -> None:
        self._retire()
        for folder in self.folders:
            _remove_tree(folder)

    def output_text(self, limits: Limits, tests: list[TestOutcome]) -> tuple[str, bool]:
        raw = b"".join(self.outputs)
        cap = limits.code_output_chars
        text = raw.decode("utf-8", "replace")
        for folder in self.folders:
            text = text.replace(folder, "<sandbox folder>")
        text = text.replace(WORK_INSIDE, "<sandbox folder>")
        truncated = len(text) > cap or self.output_total > len(raw)
        text = _ADDRESS.sub("0x…", text[:cap])
        if truncated:
            text += f"\n[output truncated: more than {cap:,} characters printed, {cap:,} kept]"
        messages = [f"“{t.description}”: {t.message.removeprefix('your function raised ')}: "
                    f"{t.student_text}" for t in tests if t.student_text]
        if messages:
            text += ("\n" if text else "") + "[the messages of the exceptions your code " \
                    "raised, as your code wrote them]\n" + "\n".join(messages)
        return text, truncated


_PICKLES: dict[int, tuple[object, bytes]] = {}


def _pickled(value) -> tuple[bytes, bool]:
    """One argument, pickled, and whether it was pickled before: a document (often 50,000
    words) is pickled once per process."""
    if isinstance(value, Document):
        cached = _PICKLES.get(id(value))
        if cached is not None and cached[0] is value:
            return cached[1], True
        if len(_PICKLES) > 64:
            _PICKLES.clear()
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        _PICKLES[id(value)] = (value, data)  # the reference keeps the id from being reused
        return data, False
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), False


def _what(value) -> str:
    return value if isinstance(value, str) else "a value"


def _load_problem(reply, function_name: str) -> str:
    if not (isinstance(reply, tuple) and len(reply) == 5 and reply[0] == "load_error"):
        return ("running the cell failed: the sandbox's reply could not be read (did your code "
                "write to the grader's result channel?)")
    _, kind, names, text, line = reply
    where = f" (line {line} of your cell)" if type(line) is int and 0 < line < 100_000 else ""
    if kind == "missing":
        return f"the cell does not define a function {function_name}()"
    if kind == "syntax":
        return f"running the cell failed: SyntaxError: {_clean(text, 120)}{where}"
    exc = raised(names if isinstance(names, list) else [], "", 0)
    return f"running the cell failed: it raised {exc.type_name}{where}"


def _remove_tree(folder: str) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


# -- the child process ----------------------------------------------------------------------------

USE_ZYGOTE = True  # tests set it to False to cover one bwrap (or one Popen) per student


def _kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the process group ``proc`` leads, then reap ``proc`` (the child and the zygote
    both run in a group of their own, so nothing they started outlives them)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class _Child:
    """One sandbox process, spawned for the student or forked by the zygote: exchange frames
    with it, read its CPU time, stop it."""

    def __init__(self, bubblewrap: bool):
        self.bubblewrap = bubblewrap
        self.started = False
        self.output = bytearray()
        self.output_total = 0
        self.buffer = bytearray()
        self.pid: int | None = None
        self.pidfd: int | None = None
        self.starttime: str | None = None
        self.info = bytearray()
        self.info_fd: int | None = None
        self.proc: subprocess.Popen | None = None
        self.zygote: _Zygote | None = None
        self.ns_pid = 0
        self.stdin_fd = self.out_fd = self.result_fd = -1
        self.child_result_fd = 3
        self.inherited: dict[int, str] = {}  # id(document) -> key, for documents it inherited

    @classmethod
    def start(cls, isolation: Isolation, folder: str) -> _Child:
        zygote = _zygote(isolation) if USE_ZYGOTE else None
        if zygote is not None:
            return cls._forked(isolation, zygote, folder)
        return cls._spawned(isolation, folder)

    @classmethod
    def _spawned(cls, isolation: Isolation, folder: str) -> _Child:
        child = cls(isolation.mode == "bubblewrap")
        result_read, result_write = os.pipe()
        fds = [result_write]
        info_read = info_write = None
        if child.bubblewrap:
            info_read, info_write = os.pipe()
            fds.append(info_write)
        popen: dict = {}
        if isolation.uid is not None:
            popen = {"user": isolation.uid, "group": isolation.uid, "extra_groups": []}
        try:
            child.proc = subprocess.Popen(
                isolation.argv(child_code(str(PACKAGE_ROOT)), info_write),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                cwd=folder, env=isolation.environment(folder), close_fds=True, pass_fds=fds,
                start_new_session=True, **popen)
        except BaseException:
            for fd in (result_read, info_read):
                if fd is not None:
                    os.close(fd)
            raise
        finally:
            os.close(result_write)
            if info_write is not None:
                os.close(info_write)
        if child.proc.stdin is None or child.proc.stdout is None:  # pragma: no cover - PIPE
            raise OSError("the sandbox process has no pipes")
        child.stdin_fd = child.proc.stdin.fileno()
        child.out_fd = child.proc.stdout.fileno()
        child.result_fd = result_read
        child.child_result_fd = result_write  # the same number in the child (pass_fds keeps it)
        child.info_fd = info_read
        if not child.bubblewrap:
            child._watch(child.proc.pid)
        os.set_blocking(child.stdin_fd, False)
        return child

    @classmethod
    def _forked(cls, isolation: Isolation, zygote: _Zygote, folder: str) -> _Child:
        child = cls(isolation.mode == "bubblewrap")
        child.zygote = zygote
        stdin_read, stdin_write = os.pipe()
        out_read, out_write = os.pipe()
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        mine.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        try:
            child.inherited = zygote.spawn([stdin_read, out_write, theirs.fileno()], folder)
        finally:
            for fd in (stdin_read, out_write):
                os.close(fd)
            theirs.close()
        child.stdin_fd, child.out_fd, child.result_fd = stdin_write, out_read, mine.detach()
        os.set_blocking(child.stdin_fd, False)
        return child

    def argument(self, value) -> bytes | str:
        """One argument of a call as the child reads it: the key of a document it inherited
        from its zygote (it copies that for the call), else a pickle. A document sent a second
        time is offered to the zygote, so that children forked later inherit it."""
        key = self.inherited.get(id(value)) if isinstance(value, Document) else None
        if key is not None:
            return key
        data, seen = _pickled(value)
        if seen and self.zygote is not None:
            self.zygote.preload(value, data)
        return data

    def _prove_pid(self, deadline: float) -> None:
        """A forked child's first message carries its pid as SCM_CREDENTIALS: the kernel
        translates it into this process's view, whatever the child's PID namespace."""
        remaining = min(deadline, time.monotonic() + 30) - time.monotonic()
        with selectors.DefaultSelector() as sel:
            sel.register(self.result_fd, selectors.EVENT_READ)
            sel.register(self.out_fd, selectors.EVENT_READ)
            while remaining > 0:
                ready = {key.fd for key, _ in sel.select(timeout=remaining)}
                if self.out_fd in ready:
                    chunk = self._read(self.out_fd)
                    self.output += chunk[:4096]
                    if not chunk:
                        sel.unregister(self.out_fd)
                if self.result_fd in ready:
                    break
                remaining = min(deadline, time.monotonic() + 30) - time.monotonic()
            else:
                raise _Stopped(WALL_MESSAGE, wall=True)
        sock = socket.socket(fileno=self.result_fd)
        try:
            data, ancillary, _, _ = sock.recvmsg(5, socket.CMSG_SPACE(12))
        except OSError:
            data, ancillary = b"", []
        finally:
            sock.detach()
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS and \
                    len(payload) >= 12 and data[:1] == b"P" and len(data) == 5:
                self.ns_pid = int.from_bytes(data[1:], "big")
                self._watch(int.from_bytes(payload[:4], sys.byteorder, signed=True))
                return
        raise _Stopped("stopped: the sandbox did not start properly")

    # -- the process's CPU time, read from /proc by this process ---------------------------------

    def _watch(self, pid: int) -> None:
        self.pid = pid
        try:
            self.pidfd = os.pidfd_open(pid)
        except OSError:
            self.pidfd = None
        fields = self._stat()
        self.starttime = fields[19] if fields else None

    def _stat(self) -> list[str] | None:
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return data[data.rfind(b")") + 2:].decode("ascii", "replace").split()

    def cpu_seconds(self) -> float:
        fields = self._stat()
        if not fields or (self.starttime is not None and fields[19] != self.starttime):
            return float("inf") if fields else 0.0  # another process now has that pid
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        return (utime + stime + cutime + cstime) / _CLOCK_TICKS

    def _read_info(self) -> None:
        """bubblewrap's --info-fd: the pid of the sandboxed process, read before the set-up is
        sent (so before any student code can run), and checked to be bwrap's own child."""
        if self.proc is None:  # pragma: no cover - bubblewrap children are spawned
            return
        pid = _info_pid(bytes(self.info), self.proc.pid)
        if pid is not None:
            self._watch(pid)

    # -- frames ------------------------------------------------------------------------------------

    def exchange(self, frame: bytes, allowance: float, deadline: float, token: str | None,
                 handshake: bool = False):
        """Send one frame and wait for the reply (the handshake waits for two: started and
        loaded). Raises _Stopped on CPU, wall time, death or a reply too large to be honest."""
        if handshake and self.zygote is not None and self.pid is None:
            self._prove_pid(deadline)
        pending = memoryview(len(frame).to_bytes(4, "big") + frame)
        sel = selectors.DefaultSelector()
        sel.register(self.out_fd, selectors.EVENT_READ, "out")
        sel.register(self.result_fd, selectors.EVENT_READ, "result")
        if self.info_fd is not None and self.pid is None:
            sel.register(self.info_fd, selectors.EVENT_READ, "info")
        writing = False
        if self.pid is not None:
            sel.register(self.stdin_fd, selectors.EVENT_WRITE, "in")
            writing = True
        start_cpu = self.cpu_seconds() if self.pid else 0.0
        last_check = time.monotonic()
        try:
            while True:
                reply = self._next_frame()
                if reply is not None:
                    decoded = self._decode(reply)
                    if handshake and not self.started:
                        if decoded != ("started",):
                            raise _Stopped("stopped: the sandbox did not start properly")
                        self.started = True
                        start_cpu = self.cpu_seconds()
                        continue
                    if token is not None and not (isinstance(decoded, tuple) and decoded
                                                  and decoded[0] == token):
                        raise _Stopped("stopped: the sandbox's reply did not answer the call "
                                       "(did your code write to the grader's result channel?)")
                    return decoded, max(0.0, self.cpu_seconds() - start_cpu)
                now = time.monotonic()
                if now >= deadline:
                    raise _Stopped(WALL_MESSAGE, wall=True)
                if self.pid and now - last_check >= 0.02:
                    last_check = now
                    if self.cpu_seconds() - start_cpu > allowance:
                        raise _Stopped(f"used more than {allowance:g} s of CPU time (an endless "
                                       "loop?)" if token else "cpu", timeout=True)
                events = sel.select(timeout=min(0.02, deadline - now))
                for key, _ in events:
                    if key.data == "in":
                        try:
                            written = os.write(self.stdin_fd, pending)
                        except BlockingIOError:
                            continue
                        except OSError:
                            written = len(pending)
                        pending = pending[written:]
                        if not pending:
                            sel.unregister(self.stdin_fd)
                            writing = False
                        continue
                    chunk = self._read(key.fd)
                    if key.data == "info":
                        if chunk:
                            self.info += chunk
                        if not chunk or self.info.rstrip().endswith(b"}"):
                            sel.unregister(key.fd)
                            self._read_info()
                            if self.pid is None:
                                raise _Stopped("stopped: the sandbox did not report its process")
                            if not writing and pending:
                                sel.register(self.stdin_fd, selectors.EVENT_WRITE, "in")
                                writing = True
                            start_cpu = self.cpu_seconds()
                        continue
                    if not chunk:
                        sel.unregister(key.fd)
                        if key.data == "result":
                            raise _Stopped(self._death())
                        continue
                    if key.data == "out":
                        self.output_total += len(chunk)
                        room = 4 * 65536 - len(self.output)
                        if room > 0:
                            self.output += chunk[:room]
                    else:
                        self.buffer += chunk
                        if len(self.buffer) > MAX_REPLY_BYTES + 4:
                            raise _Stopped(f"stopped: the function's result is larger than "
                                           f"{MAX_REPLY_BYTES // 2**20} MB")
        finally:
            sel.close()

    def _next_frame(self) -> bytes | None:
        if len(self.buffer) < 4:
            return None
        size = int.from_bytes(self.buffer[:4], "big")
        if size > MAX_REPLY_BYTES:
            raise _Stopped(f"stopped: the function's result is larger than "
                           f"{MAX_REPLY_BYTES // 2**20} MB")
        if len(self.buffer) < 4 + size:
            return None
        frame = bytes(self.buffer[4:4 + size])
        del self.buffer[:4 + size]
        return frame

    @staticmethod
    def _decode(frame: bytes):
        try:
            return decode(frame)
        except NotPlain:
            raise _Stopped("stopped: the sandbox's reply could not be read (did your code write "
                           "to the grader's result channel?)") from None

    @staticmethod
    def _read(fd: int) -> bytes:
        try:
            return os.read(fd, 1 << 16)
        except OSError:
            return b""

    def _death(self) -> str:
        code: int | None = None
        if self.zygote is not None:
            status = self.zygote.exit_status(self.ns_pid, timeout=2)
            code = None if status is None else os.waitstatus_to_exitcode(status)
        elif self.proc is not None:
            try:
                code = self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                code = None
        if code is None:
            return "stopped: the sandbox process stopped answering"
        if code < 0:
            sig = -code
        elif self.bubblewrap and self.proc is not None and code > 128:
            sig = code - 128  # bwrap exits with 128 + the signal that killed its child
        else:
            return f"stopped: the sandbox process ended during the call (exit status {code})"
        try:
            name = _SIGNALS.get(signal.Signals(sig), f"signal {sig}")
        except ValueError:  # a number that names no signal
            name = f"signal {sig}"
        return f"stopped: {name}"

    def startup_problem(self) -> str:
        text = bytes(self.output).decode("utf-8", "replace").strip()
        return text[-300:] if text else "no message"

    def stop(self) -> None:
        if self.pidfd is not None:
            try:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            except OSError:
                pass
        if self.proc is not None:
            _kill_group(self.proc)
            for stream in (self.proc.stdin, self.proc.stdout):
                try:
                    if stream is not None:
                        stream.close()
                except OSError:
                    pass
        else:
            for fd in (self.stdin_fd, self.out_fd):
                try:
                    os.close(fd)
                except OSError:
                    pass
        for held in (self.result_fd, self.info_fd, self.pidfd):
            if held is not None and held >= 0:
                try:
                    os.close(held)
                except OSError:
                    pass
        self.pidfd = None


def _info_pid(info: bytes, bwrap_pid: int) -> int | None:
    """The pid bubblewrap's --info-fd reports, if it is bwrap's own child."""
    try:
        document = json.loads(info)
    except ValueError:
        return None
    pid = document.get("child-pid") if isinstance(document, dict) else None
    if type(pid) is not int:
        return None
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            data = handle.read()
        parent = int(data[data.rfind(b")") + 2:].split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pid if parent == bwrap_pid else None


# -- the zygote: one pristine process per grader process forks each student's child -------------

class _Zygote:
    """A fork server (sandbox_runner.serve) started in the sandbox's isolation, once per grader
    process: a child forked from it skips Python's start-up and imports (about 45 ms of CPU per
    student). It never holds anything of a student; each child is a fresh process."""

    MAX_DOCUMENTS = 16
    MAX_DOCUMENT_BYTES = 32 * 1024 * 1024

    def __init__(self, isolation: Isolation):
        self.owner = os.getpid()
        self.statuses: dict[int, int] = {}
        self.buffer = bytearray()
        # documents offered (id -> the document and its key; the reference keeps the id) and
        # those the zygote said it holds (id -> key): children forked later inherit these
        self.offered: dict[int, tuple[Document, str]] = {}
        self.offered_bytes = 0
        self.held: dict[int, str] = {}
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        namespaces = isolation.mode == "bubblewrap"
        info_read = info_write = None
        if namespaces:
            info_read, info_write = os.pipe()
        code = zygote_code(str(PACKAGE_ROOT), theirs.fileno(), namespaces)
        popen: dict = {}
        if isolation.uid is not None:
            popen = {"user": isolation.uid, "group": isolation.uid, "extra_groups": []}
        fds = [theirs.fileno()] + ([info_write] if info_write is not None else [])
        try:
            # no folder of its own: each child is moved to its own (the fallback's, made by
            # the session) or to its own tmpfs (bubblewrap)
            self.proc = subprocess.Popen(
                isolation.argv(code, info_write, zygote=True), stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd="/",
                env=isolation.environment("/nonexistent"), close_fds=True, pass_fds=fds,
                start_new_session=True, **popen)
        finally:
            theirs.close()
            if info_write is not None:
                os.close(info_write)
        self.control = mine
        try:
            if not self._ready(info_read):
                raise OSError(f"the sandbox's zygote did not start: {self._problem()}")
        except BaseException:
            self.close()
            raise
        finally:
            if info_read is not None:
                os.close(info_read)

    def _ready(self, info_read: int | None) -> bool:
        deadline = time.monotonic() + 30
        self.control.setblocking(False)
        while time.monotonic() < deadline:
            self._drain(wait=deadline - time.monotonic())
            if self.ready:
                return True
            if self.proc.poll() is not None:
                return False
        return False

    ready = False

    def _drain(self, wait: float = 0.0) -> bool:
        """Read what the zygote said (within ``wait`` seconds); True if anything was read."""
        ready = selectors.DefaultSelector()
        ready.register(self.control, selectors.EVENT_READ)
        try:
            events = ready.select(timeout=max(0.0, wait))
        finally:
            ready.close()
        if not events:
            return False
        try:
            chunk = self.control.recv(1 << 16)
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            chunk = b""
        if not chunk:
            self.dead = True
            return False
        self.buffer += chunk
        while len(self.buffer) >= 4:
            size = int.from_bytes(self.buffer[:4], "big")
            if len(self.buffer) < 4 + size:
                break
            message = decode(bytes(self.buffer[4:4 + size]))
            del self.buffer[:4 + size]
            if message == ("ready",):
                self.ready = True
            elif isinstance(message, tuple) and len(message) == 3 and message[0] == "exit":
                self.statuses[message[1]] = message[2]
            elif isinstance(message, tuple) and len(message) == 3 and \
                    message[0] == "preloaded" and message[2] is True:
                for ident, (_, key) in self.offered.items():
                    if key == message[1]:
                        self.held[ident] = key
        return True

    dead = False

    def _problem(self) -> str:
        try:
            out, _ = self.proc.communicate(timeout=2)
        except subprocess.TimeoutExpired:
            return "no answer"
        text = (out or b"").decode("utf-8", "replace").strip()
        return text[-300:] if text else f"exit status {self.proc.returncode}"

    def usable(self) -> bool:
        return self.owner == os.getpid() and not self.dead and self.proc.poll() is None

    def preload(self, document: Document, data: bytes) -> None:
        """Send ``document`` (pickled as ``data``) to the zygote, once; children forked after
        it says it holds the document inherit it (:meth:`spawn` tells which)."""
        if id(document) in self.offered or self.dead or \
                len(self.offered) >= self.MAX_DOCUMENTS or \
                self.offered_bytes + len(data) > self.MAX_DOCUMENT_BYTES:
            return
        key = f"d{len(self.offered) + 1}"
        self.offered[id(document)] = (document, key)
        self.offered_bytes += len(data)
        try:
            fd = os.memfd_create("medialit-document", os.MFD_CLOEXEC)
        except (AttributeError, OSError):
            return  # then the document goes as a pickle with each call, as before
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.lseek(fd, 0, os.SEEK_SET)
            self.control.setblocking(True)
            try:
                socket.send_fds(self.control, [sandbox_runner.PRELOAD + key.encode()], [fd])
            except OSError:
                self.dead = True
            finally:
                self.control.setblocking(False)
        finally:
            os.close(fd)

    def spawn(self, fds: list[int], folder: str) -> dict[int, str]:
        """Ask the zygote for a child with these descriptors; the documents it will inherit
        (id -> key), as the zygote last said it holds them."""
        # read the exit reports so far, so that the zygote never blocks on a full socket
        while not self.dead and self._drain(0):
            pass
        self.control.setblocking(True)
        try:
            socket.send_fds(self.control, [os.fsencode(folder)], fds)
        except OSError as exc:
            self.dead = True
            raise _Stopped(f"stopped: the sandbox could not start a process ({exc})") from None
        finally:
            self.control.setblocking(False)
        if len(self.statuses) > 256:
            self.statuses.clear()
        return dict(self.held)

    def exit_status(self, ns_pid: int, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while ns_pid not in self.statuses and time.monotonic() < deadline and not self.dead:
            self._drain(wait=deadline - time.monotonic())
        return self.statuses.pop(ns_pid, None)

    def close(self) -> None:
        try:
            self.control.close()  # the zygote exits when its control socket closes
        except OSError:
            pass
        try:
            self.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
        if self.proc.poll() is None:
            _kill_group(self.proc)
        if self.proc.stdout:
            self.proc.stdout.close()


_ZYGOTES: dict[tuple, _Zygote | str] = {}


def _zygote(isolation: Isolation) -> _Zygote | None:
    """This process's zygote for ``isolation``, started on first use; None where a zygote is
    not used (bubblewrap without root: the zygote could not give each child its own mount and
    IPC namespaces) or could not start (then every student gets a process of its own)."""
    if isolation.mode == "bubblewrap" and os.geteuid() != 0:
        return None
    key = (isolation.mode, isolation.python, isolation.uid)
    current = _ZYGOTES.get(key)
    if isinstance(current, str):
        return None  # it failed here before: do not retry for every student
    if isinstance(current, _Zygote):
        if current.usable():
            return current
        if current.owner == os.getpid():
            current.close()
        _ZYGOTES.pop(key, None)  # inherited from the process that forked us, or dead
    try:
        _ZYGOTES[key] = started = _Zygote(isolation)
    except OSError as exc:
        _ZYGOTES[key] = str(exc)
        return None
    return started


@atexit.register
def _close_zygotes() -> None:
    for zygote in list(_ZYGOTES.values()):
        if isinstance(zygote, _Zygote) and zygote.owner == os.getpid():
            zygote.close()
    _ZYGOTES.clear()
