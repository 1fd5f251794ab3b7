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

Limits: a CPU-time allowance per hidden test (over its calls, ``limits.code_test_seconds``)
enforced from here by killing the child (the next test gets a fresh one); after two such
timeouts the remaining tests are not run; ``RLIMIT_CPU`` for a whole child as a backstop; a
wall-time budget for code that sleeps or blocks (never shorter than 2× the CPU allowances, so
CPU-bound code meets its CPU limit first, however loaded the machine); memory, file size,
processes and open files by ``setrlimit``; output kept up to ``limits.code_output_chars``.
"""

from __future__ import annotations

import json
import marshal
import os
import pickle
import re
import secrets
import selectors
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

from . import sandbox_runner  # noqa: F401 — imported here so its bytecode is cached for the child
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
)
from .limits import DEFAULT_LIMITS, Limits
from .plain_data import NotPlain, decode

MAX_REPLY_BYTES = 4 * 1024 * 1024  # one call's reply; honest results are a few kB
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
        return _outcome(test, False, _clean(exc) or "wrong result"), False
    except Exception as exc:  # noqa: BLE001 — the check met a result of an unexpected shape
        return _outcome(test, False, f"the result does not have the expected shape "
                                     f"({type(exc).__name__} while checking it: "
                                     f"{_clean(exc, 120)})"), False
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
        if self.child is None:
            self._start()
        token = secrets.token_hex(8)
        try:
            frame = pickle.dumps((token, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 — the test passed an argument pickle refuses
            raise RuntimeError(f"the hidden test passed an argument the sandbox cannot copy "
                               f"({exc})") from None
        try:
            reply, cpu = self.child.exchange(frame, self.allowance(), self.deadline, token)
        except _Stopped as exc:
            self.test_cpu = self.limits.code_test_seconds
            if exc.wall:
                self.fatal = exc.message
            self._retire()
            raise
        self.test_cpu += cpu
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

    def _start(self) -> None:
        if self.out_of_time():
            raise _Stopped(self.wall_message)
        folder = tempfile.mkdtemp(prefix="medialit-sandbox-")
        self.folders.append(folder)
        try:
            self.child = _Child(self.isolation, folder)
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
            return
        self.load_error = _load_problem(reply, self.function_name)
        self._retire()
        raise _LoadFailed(self.load_error)

    def _retire(self) -> None:
        if self.child is not None:
            self.child.stop()
            self.outputs.append(self.child.output)
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

class _Child:
    """One sandbox process: start, exchange frames, measure its CPU, stop."""

    def __init__(self, isolation: Isolation, folder: str):
        self.bubblewrap = isolation.mode == "bubblewrap"
        self.started = False
        self.output = bytearray()
        self.output_total = 0
        self.buffer = bytearray()
        self.pid: int | None = None
        self.pidfd: int | None = None
        self.starttime: str | None = None
        self.info = bytearray()
        result_read, result_write = os.pipe()
        fds = [result_write]
        info_read = info_write = None
        if self.bubblewrap:
            info_read, info_write = os.pipe()
            fds.append(info_write)
        popen: dict = {}
        if isolation.uid is not None:
            popen = {"user": isolation.uid, "group": isolation.uid, "extra_groups": []}
        try:
            self.proc = subprocess.Popen(
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
        self.result_fd = result_read
        self.child_result_fd = result_write  # the same number in the child (pass_fds keeps it)
        self.info_fd = info_read
        if not self.bubblewrap:
            self._watch(self.proc.pid)
        os.set_blocking(self.proc.stdin.fileno(), False)

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
        try:
            document = json.loads(bytes(self.info))
        except ValueError:
            return
        pid = document.get("child-pid") if isinstance(document, dict) else None
        if type(pid) is not int:
            return
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                data = handle.read()
            parent = int(data[data.rfind(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            return
        if parent == self.proc.pid:
            self._watch(pid)

    # -- frames ------------------------------------------------------------------------------------

    def exchange(self, frame: bytes, allowance: float, deadline: float, token: str | None,
                 handshake: bool = False):
        """Send one frame and wait for the reply (the handshake waits for two: started and
        loaded). Raises _Stopped on CPU, wall time, death or a reply too large to be honest."""
        pending = memoryview(len(frame).to_bytes(4, "big") + frame)
        sel = selectors.DefaultSelector()
        stdin = self.proc.stdin.fileno()
        stdout = self.proc.stdout.fileno()
        sel.register(stdout, selectors.EVENT_READ, "out")
        sel.register(self.result_fd, selectors.EVENT_READ, "result")
        if self.info_fd is not None and self.pid is None:
            sel.register(self.info_fd, selectors.EVENT_READ, "info")
        writing = False
        if not (self.bubblewrap and self.pid is None):
            sel.register(stdin, selectors.EVENT_WRITE, "in")
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
                            written = os.write(stdin, pending)
                        except BlockingIOError:
                            continue
                        except (BrokenPipeError, OSError):
                            written = len(pending)
                        pending = pending[written:]
                        if not pending:
                            sel.unregister(stdin)
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
                                sel.register(stdin, selectors.EVENT_WRITE, "in")
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
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "stopped: the sandbox process stopped answering"
        if code < 0:
            sig = -code
        elif self.bubblewrap and code > 128:
            sig = code - 128  # bwrap exits with 128 + the signal that killed its child
        else:
            return f"stopped: the sandbox process ended during the call (exit status {code})"
        return f"stopped: {_SIGNALS.get(sig, f'signal {sig}')}"

    def startup_problem(self) -> str:
        text = bytes(self.output).decode("utf-8", "replace").strip()
        return text[-300:] if text else "no message"

    def stop(self) -> None:
        if self.pidfd is not None:
            try:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        for fd in (self.result_fd, self.info_fd, self.pidfd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.pidfd = None
