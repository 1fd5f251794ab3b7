"""Run a student's function against hidden tests in a separate, limited process.

The child is ``python -s -P -c <sandbox_runner>`` with:

* resource limits, set by the runner itself before any student code runs (not in a
  ``preexec_fn``, which is unsafe in a process with threads such as tqdm's monitor): address
  space (memory), CPU time, file size, no new processes (``RLIMIT_NPROC``; the kernel ignores it
  for root, so the runner's audit hook also refuses ``fork``/``exec``/``subprocess``), few open
  files;
* CPU-time limits per hidden test (a timer in the runner) and for the whole run
  (``RLIMIT_CPU``): CPU time does not depend on how loaded the machine is, so a re-run gives
  the same results; a wall-time limit kills the whole process group of code that sleeps or
  blocks (it is never shorter than 2× the CPU allowance, so CPU-bound code always meets its
  CPU limit first);
* an empty temporary working folder, deleted afterwards, and a scrubbed environment (only PATH,
  LANG, HOME=the temporary folder and a fixed PYTHONHASHSEED so that reruns are identical —
  that is why ``-E``/``-I`` is not used: the environment is already ours entirely);
* the hidden tests sent over stdin (never a file the child could open) and results read from a
  dedicated pipe, each line prefixed with a per-run nonce;
* output (stdout and stderr) truncated to ``limits.code_output_chars``.

Threat model: this stops the accidents and tricks of a classroom (endless loops, memory and
fork bombs, printing 100 MB, reading files or the environment, peeking at the tests). It is
not a container; for hostile settings run the grader inside one (the Gradescope autograder does).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .limits import DEFAULT_LIMITS, Limits

_RUNNER = resources.files("medialit.grading").joinpath("sandbox_runner.py").read_text("utf-8")
# The folder holding the medialit package: the runner puts it on sys.path, so the hidden tests
# can import medialit wherever it lives (installed, editable, or copied as on Gradescope).
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_SIGNALS = {signal.SIGKILL: "killed", signal.SIGXCPU: "CPU time limit",
            signal.SIGXFSZ: "file size limit", signal.SIGSEGV: "crashed (segmentation fault)"}


@dataclass
class TestOutcome:
    name: str
    description: str
    weight: float
    passed: bool
    message: str = ""


@dataclass
class SandboxResult:
    tests: list[TestOutcome] = field(default_factory=list)
    error: str | None = None  # the code could not run at all, or the process was stopped
    output: str = ""  # what the student's code printed, truncated
    output_truncated: bool = False

    @property
    def fraction(self) -> float:
        total = sum(t.weight for t in self.tests)
        return sum(t.weight for t in self.tests if t.passed) / total if total else 0.0


def run_code_tests(student_source: str, tests_source: str, function_name: str,
                   limits: Limits = DEFAULT_LIMITS) -> SandboxResult:
    """Run ``tests_source``'s ``test_*`` functions on the student's function; never raises."""
    nonce = secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="medialit-sandbox-") as workdir:
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": workdir,
               "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
        read_end, write_end = os.pipe()
        request = json.dumps({"student": student_source, "tests": tests_source,
                              "function": function_name, "nonce": nonce, "result_fd": write_end,
                              "package_root": _PACKAGE_ROOT,
                              "test_seconds": limits.code_test_seconds,
                              "memory_bytes": limits.code_memory_bytes,
                              "file_bytes": limits.code_file_bytes,
                              "output_chars": limits.code_output_chars})
        try:
            proc = subprocess.Popen(
                [sys.executable, "-s", "-P", "-c", _RUNNER],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                cwd=workdir, env=env, pass_fds=(write_end,), close_fds=True,
                start_new_session=True,  # its own process group, killed as a whole
            )
        except OSError as exc:
            os.close(read_end)
            os.close(write_end)
            return SandboxResult(error=f"the sandbox could not start: {exc}")
        os.close(write_end)
        result = _collect(proc, request, read_end, nonce, limits)
    # The folder's random name must not reach feedback: reruns give identical outputs.
    result.output = result.output.replace(workdir, "<sandbox folder>")
    for test in result.tests:
        test.message = test.message.replace(workdir, "<sandbox folder>")
    return result


def _collect(proc: subprocess.Popen, request: str, read_end: int, nonce: str,
             limits: Limits) -> SandboxResult:
    start = time.monotonic()
    deadline = start + limits.code_wall_seconds
    extended = False
    try:
        proc.stdin.write(request.encode("utf-8"))
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    raw_output = bytearray()
    output_total = 0
    results = bytearray()
    results_cap = 1_000_000  # our own lines; a student flooding results pipe cannot exhaust memory
    timed_out = False
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ, "out")
        sel.register(read_end, selectors.EVENT_READ, "results")
        open_streams = 2
        while open_streams:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            for key, _ in sel.select(timeout=min(remaining, 0.5)):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    sel.unregister(key.fileobj)
                    open_streams -= 1
                elif key.data == "out":
                    output_total += len(chunk)
                    room = limits.code_output_chars - len(raw_output)
                    if room > 0:
                        raw_output += chunk[:room]
                elif len(results) < results_cap:
                    results += chunk
                    if not extended and b"\n" in results:
                        # CPU-bound code must always meet its (deterministic) per-test CPU limit
                        # before this wall-time backstop, however loaded the machine is.
                        extended = True
                        tests = _declared_count(bytes(results), nonce)
                        budget = 2 * (tests + 1) * limits.code_test_seconds + 2
                        deadline = start + max(limits.code_wall_seconds, budget)
    if timed_out:
        _kill_group(proc)
    try:
        returncode = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        returncode = proc.wait()
    proc.stdout.close()
    os.close(read_end)
    _kill_group(proc)  # anything it left behind in its session
    return _parse_results(bytes(results), nonce, returncode, timed_out, bytes(raw_output),
                          output_total, limits)


def _declared_count(data: bytes, nonce: str) -> int:
    first = data.split(b"\n", 1)[0]
    try:
        return len(json.loads(first[len(nonce):])["tests"]) if first.startswith(nonce.encode()) else 0
    except (ValueError, KeyError, TypeError):
        return 0


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def _parse_results(data: bytes, nonce: str, returncode: int, timed_out: bool, raw_output: bytes,
                   output_total: int, limits: Limits) -> SandboxResult:
    declared: list[list] = []
    outcomes: dict[str, tuple[bool, str]] = {}
    result = SandboxResult()
    printed = ""
    printed_total = 0
    prefix = nonce.encode()
    for line in data.split(b"\n"):
        if not line.startswith(prefix):
            continue  # not ours: a student writing to results pipe cannot fake a result
        try:
            item = json.loads(line[len(prefix):])
        except ValueError:
            continue
        if "tests" in item:
            declared = item["tests"]
        elif "test" in item:
            outcomes[item["test"]] = (bool(item["passed"]), str(item["message"]))
        if "load_error" in item:
            result.error = item["load_error"]
        if "output" in item:
            printed, printed_total = item["output"], int(item["output_total"])
    if not declared:
        result.error = "the hidden tests could not be prepared (a problem of the set, not yours)"
        if raw_output:
            result.error += ": " + raw_output.decode("utf-8", "replace")[-500:]
        return result
    stopped = None
    if timed_out:
        stopped = "stopped: the code did not finish within the time limit (waiting or sleeping?)"
    elif returncode < 0:
        sig = -returncode
        stopped = f"stopped: {_SIGNALS.get(sig, f'signal {sig}')}"
    for name, weight, description in declared:
        passed, message = outcomes.get(name, (False, stopped or "not run"))
        result.tests.append(TestOutcome(name, description, float(weight), passed, message))
    if stopped and result.error is None and len(outcomes) < len(declared):
        result.error = stopped
    text = printed + raw_output.decode("utf-8", "replace")
    total = printed_total + output_total
    cap = limits.code_output_chars
    result.output = _ADDRESS.sub("0x…", text[:cap])
    result.output_truncated = total > cap
    if result.output_truncated:
        result.output += f"\n[output truncated: {total:,} characters printed, {cap:,} kept]"
    return result
