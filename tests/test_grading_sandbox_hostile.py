"""A hostile student against Set A's code question (q7): the attacks of issue 11, in both modes.

Every submission here starts with the same prelude, which tries what a student would to reach
the grader: a signal handler that walks every frame's ``f_locals`` for hidden tests, expected
values, the key or a nonce; reading ``/etc/passwd``, the master and ``solutions/``; the
environment; and persistent writes with ``os.open(path, O_WRONLY | O_CREAT)`` into
site-packages (a ``.pth``, which would run in every later Python), the package and the home.
Then each test adds one attack and proves that

* the score is out of reach: at most what the same function earns honestly (an honest
  ``return []`` earns 1 of 4.5 points, as it did before),
* the hidden tests, expected values and keys are out of reach: none of the master's secret
  texts (:func:`medialit.leaks.key_needles`) appears in anything the student gets back,
* the file system is out of reach: no file the child tried to write exists afterwards.

Against the sandbox before issue 11 (commit 0cc3ccf) every test but the honest baseline fails
(see docs/grading.md): the json, list, clock, frame-walk, persistent-write and forged-assertion
tests on their own attack; the others, whose attack the old sandbox stopped, on the prelude's
frame walk (the hidden tests' source) or its write into site-packages.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import sysconfig
import threading
import time
from pathlib import Path

import pytest

import medialit
from grading_support import GOOD_ANSWERS, GOOD_FUNCTION, student_notebook, write_notebook
from medialit.grading.limits import Limits
from medialit.grading.master import load_master
from medialit.grading.pipeline import grade_batch
from medialit.grading.sandbox import run_code_tests
from medialit.leaks import key_needles, normalise, public_text
from sandbox_support import sandbox_mode_fixture  # noqa: F401 — the fixture

ROOT = Path(__file__).resolve().parents[1]
MASTER = ROOT / "solutions" / "set-a-framing.ipynb"
FUNCTION = "remedy_sentences"
LIMITS = Limits(code_wall_seconds=10, code_test_seconds=2, code_output_chars=4000)
HONEST = "def remedy_sentences(doc, cues):\n    return []\n"
PTH_NAME = "zz_medialit_hostile.pth"
TARGETS = sorted({
    os.path.join(sysconfig.get_paths()["purelib"], PTH_NAME),
    os.path.join(sys.base_prefix, "lib", f"python{sys.version_info.major}."
                 f"{sys.version_info.minor}", "site-packages", PTH_NAME),
    str(Path(medialit.__file__).resolve().parent / "zz_medialit_hostile.py"),
    "/tmp/zz_medialit_hostile.txt",
})
# The markers are built at run time, so the prelude's own source (which the child holds)
# does not match them.
PRELUDE = '''
import os as _os, signal as _signal
_MARKERS = ("def " + "test_", "non" + "ce", "ass" + "ert got", "hidden" + "_tests",
            "ar" + "med")
_TARGETS = {targets!r}

def _snoop():
    found = []

    def _strings(value, depth=0):
        if isinstance(value, str):
            if "_MARKERS" not in value:  # not this prelude's own source
                yield value
        elif depth < 4 and isinstance(value, dict) and "_MARKERS" not in value:
            for item in list(value.values()):
                yield from _strings(item, depth + 1)
        elif depth < 4 and isinstance(value, (list, tuple)):
            for item in value:
                yield from _strings(item, depth + 1)

    def _walk(signum, frame):
        f = frame
        while f is not None:
            try:
                for key, value in list(f.f_locals.items()):
                    if key == "_MARKERS":
                        continue
                    if key == "ar" + "med" and isinstance(value, list):
                        value[0] = False  # the old sandbox's guard switch
                    for text in _strings(value):
                        hits = [m for m in _MARKERS if m in text]
                        if hits:
                            at = text.find(hits[0])
                            found.append("LEAK " + str(key) + ": " + text[max(0, at - 60):at + 600])
            except Exception as exc:
                found.append("walk failed: " + type(exc).__name__)
            f = f.f_back

    try:
        _signal.signal(_signal.SIGUSR1, _walk)
        _signal.raise_signal(_signal.SIGUSR1)
    except Exception as exc:
        found.append("signal refused: " + type(exc).__name__)
    for path in ("/etc/passwd", {master!r}):
        try:
            with open(path) as handle:
                found.append("READ " + path + ": " + handle.read(1500))
        except Exception as exc:
            found.append("read refused: " + type(exc).__name__)
    try:
        found.append("LISTED " + repr(_os.listdir({solutions!r})))
    except Exception as exc:
        found.append("listing refused: " + type(exc).__name__)
    found.append("ENV " + repr(sorted(_os.environ.items())))
    found.append("HOME " + _os.path.expanduser("~"))
    for path in _TARGETS + [_os.path.join(_os.path.expanduser("~"), "medialit-hostile.txt")]:
        try:
            fd = _os.open(path, _os.O_WRONLY | _os.O_CREAT, 0o644)
            _os.write(fd, b"import os; os.environ['MEDIALIT_PWNED'] = '1'\\n")
            _os.close(fd)
            found.append("WROTE " + path)
        except Exception as exc:
            found.append("write refused: " + type(exc).__name__)
    print("\\n".join(item[:700] for item in found))

_snoop()
'''.format(targets=TARGETS, master=str(MASTER), solutions=str(ROOT / "solutions"))


@pytest.fixture(scope="module")
def q7():
    return load_master(MASTER).question("q7")


@pytest.fixture(scope="module")
def needles():
    """Every secret text of Set A's master: hidden tests, worked answers, notes, keys."""
    found = [n for n in key_needles(ROOT / "solutions", public_text(ROOT))
             if n.origin.startswith("set-a-framing")]
    assert any("hidden tests" in n.origin for n in found)
    return found


@pytest.fixture(autouse=True)
def no_hostile_files_left(monkeypatch):
    """Also removes what a broken sandbox let through, so that no .pth outlives the test."""
    monkeypatch.setenv("GRADER_SECRET", "s3cret-of-the-grader")
    yield
    for path in TARGETS:
        if os.path.lexists(path):
            os.remove(path)


def grade(source: str, q7, limits: Limits = LIMITS, prelude: bool = True):
    code = (PRELUDE + "\n" + source) if prelude else source
    return run_code_tests(code, q7.hidden_tests, FUNCTION, limits)


def everything(result) -> str:
    """All the student gets back: messages, output, error."""
    parts = [result.output, result.error or ""]
    parts += [f"{t.description} {t.message} {getattr(t, 'student_text', '')}"
              for t in result.tests]
    return "\n".join(parts)


def assert_out_of_reach(result, needles, honest: float) -> None:
    """Score, hidden tests, keys, environment and file system all out of reach."""
    text = everything(result)
    assert result.fraction <= honest + 1e-9, (result.fraction, honest)
    assert "LEAK " not in text, text[text.find("LEAK "):][:600]
    flat = normalise(text)
    leaked = [n.origin for n in needles if n.text in flat]
    assert not leaked, leaked
    assert "root:x:0:0" not in text and "set-a-framing.ipynb'" not in text
    assert "s3cret-of-the-grader" not in text
    for path in TARGETS:
        assert not os.path.lexists(path), f"the child wrote {path}"
    home = next((line[5:] for line in result.output.splitlines() if line.startswith("HOME ")),
                None)
    if home and home != "/":
        assert not Path(home, "medialit-hostile.txt").exists()


@pytest.fixture(scope="module")
def honest_fraction(q7) -> float:
    return run_code_tests(HONEST, q7.hidden_tests, FUNCTION, LIMITS).fraction


def test_an_honest_empty_list_earns_what_it_earned_before(sandbox_mode, q7):
    result = run_code_tests(HONEST, q7.hidden_tests, FUNCTION, LIMITS)
    assert round(q7.points * result.fraction, 2) == 1.0  # 1 of 4.5, as before issue 11
    assert [t.name for t in result.tests if t.passed] == ["test_no_cues", "test_inputs_not_changed"]


def test_the_prelude_alone_reaches_nothing(sandbox_mode, q7, needles, honest_fraction):
    result = grade(HONEST, q7)
    assert result.fraction == honest_fraction
    assert_out_of_reach(result, needles, honest_fraction)


def test_patching_json_dumps_forges_no_result(sandbox_mode, q7, needles, honest_fraction):
    source = '''
import json
_real_dumps = json.dumps
def _forged(obj, *args, **kwargs):
    if isinstance(obj, dict) and "passed" in obj:
        obj = dict(obj, passed=True, message="")
    return _real_dumps(obj, *args, **kwargs)
json.dumps = _forged

def remedy_sentences(doc, cues):
    return []
'''
    result = grade(source, q7)
    assert result.fraction == honest_fraction
    assert_out_of_reach(result, needles, honest_fraction)


def test_rebinding_builtins_list_forges_no_comparison(sandbox_mode, q7, needles,
                                                      honest_fraction):
    source = '''
import builtins
class _AlwaysEqual(list):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = None
builtins.list = _AlwaysEqual

def remedy_sentences(doc, cues):
    return _AlwaysEqual()
'''
    result = grade(source, q7)
    assert result.fraction == honest_fraction
    assert_out_of_reach(result, needles, honest_fraction)


SLOW_BUT_RIGHT = GOOD_FUNCTION.replace(
    "    found = []\n",
    "    found = []\n"
    "    if len(doc.sentences) > 1000:  # 1.3 s of CPU on the long text only\n"
    "        import time as _t\n"
    "        _end = _t.thread_time() + 1.3\n"
    "        while _t.thread_time() < _end:\n"
    "            pass\n")


def test_patching_the_clocks_does_not_pass_the_speed_test(sandbox_mode, q7, needles):
    assert SLOW_BUT_RIGHT != GOOD_FUNCTION
    honest_slow = run_code_tests(SLOW_BUT_RIGHT, q7.hidden_tests, FUNCTION, LIMITS)
    assert [t.name for t in honest_slow.tests if not t.passed] == ["test_fast_on_a_long_text"]
    patch = '''
import resource, time
time.process_time = lambda: 0.0
time.perf_counter = lambda: 0.0
time.monotonic = lambda: 0.0
_usage = resource.getrusage(resource.RUSAGE_SELF)
resource.getrusage = lambda who: _usage
'''
    result = grade(patch + SLOW_BUT_RIGHT, q7)
    assert not next(t for t in result.tests if t.name == "test_fast_on_a_long_text").passed
    assert_out_of_reach(result, needles, honest_slow.fraction)


def test_a_frame_walk_finds_nothing_to_forge(sandbox_mode, q7, needles, honest_fraction):
    """The old sandbox's locals held the tests, the nonce and the result pipe: forge them."""
    source = '''
import json, os, re, signal

def _forge(signum, frame):
    f = frame
    while f is not None:
        request = f.f_locals.get("request")
        if isinstance(request, dict) and "nonce" in request:
            for name in re.findall(r"^def (test_\\w+)", request["tests"], re.M):
                line = request["nonce"] + json.dumps({"test": name, "passed": True,
                                                      "message": ""})
                os.write(int(request["result_fd"]), (line + "\\n").encode())
            print(request["tests"])
            os._exit(0)
        f = f.f_back

def remedy_sentences(doc, cues):
    signal.signal(signal.SIGUSR2, _forge)
    signal.raise_signal(signal.SIGUSR2)
    return []
'''
    result = grade(source, q7)
    assert result.fraction == honest_fraction
    assert_out_of_reach(result, needles, honest_fraction)


def test_persistent_writes_do_not_survive_the_child(sandbox_mode, q7, needles, honest_fraction):
    """A .pth in site-packages would run in every later Python, the grader's included."""
    source = f'''
import os, pathlib
def remedy_sentences(doc, cues):
    for path in {TARGETS!r}:
        for write in (lambda p: os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
                      lambda p: open(p, "w").write("import os\\n"),
                      lambda p: pathlib.Path(p).write_text("import os\\n"),
                      lambda p: os.open(p, os.O_RDWR | os.O_CREAT | os.O_APPEND)):
            try:
                write(path)
            except Exception:
                pass
    return []
'''
    result = grade(source, q7)
    for path in TARGETS:
        assert not os.path.lexists(path), f"the child wrote {path}"
    assert_out_of_reach(result, needles, honest_fraction)
    # a later child and a later grader process are unaffected
    check = ('def test_clean(f):\n    """clean"""\n    assert f() is None\n')
    later = run_code_tests("import os\ndef g():\n    return os.environ.get('MEDIALIT_PWNED')\n",
                           check, "g", LIMITS)
    assert later.fraction == 1.0
    probe = ("import os, sys; print(os.environ.get('MEDIALIT_PWNED'), "
             "[p for p in sys.path if 'zz_medialit' in p])")
    fresh = subprocess.run([sys.executable, "-c", probe],
                           capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == "None []"
    assert "MEDIALIT_PWNED" not in os.environ


def test_a_forged_assertion_message_is_not_the_verdict(sandbox_mode, q7, needles,
                                                       honest_fraction, tmp_path):
    forged = "✓ passed — all hidden tests; 4.5/4.5 awarded"
    source = PRELUDE + f"\ndef remedy_sentences(doc, cues):\n    raise AssertionError({forged!r})\n"
    path = write_notebook(tmp_path / "forger.ipynb", student_notebook(dict(GOOD_ANSWERS, q7=source)))
    report = grade_batch(MASTER, [path], tmp_path / "out", progress=False, limits=LIMITS)
    code = next(q for q in report.results[0].questions if q.question == "q7")
    assert code.points == 0
    assert not any(forged in line or "4.5/4.5" in line for line in code.lines), code.lines
    assert not any(line.startswith("✓") for line in code.lines), code.lines
    result = grade(source, q7, prelude=False)
    assert result.fraction == 0
    assert_out_of_reach(result, needles, honest_fraction)


def test_forged_lines_on_stdout_stderr_and_every_descriptor_change_nothing(
        sandbox_mode, q7, needles, honest_fraction):
    source = '''
import json, marshal, os, sys
_LINE = "✓ the op-ed with the supplied cues\\n✓ 4.5/4.5 points\\n"
_JSON = json.dumps({"test": "test_op_ed", "passed": True, "message": ""}) + "\\n"
_FRAME = marshal.dumps(("0" * 16, "returned", ["8.4", "9.4", "9.5"], ()), 2)
def remedy_sentences(doc, cues):
    print(_LINE)
    print(_LINE, file=sys.stderr)
    for fd in range(0, 65):
        for data in (_LINE.encode(), _JSON.encode(), len(_FRAME).to_bytes(4, "big") + _FRAME):
            try:
                os.write(fd, data)
            except OSError:
                pass
    return []
'''
    result = grade(source, q7)
    assert not any(t.message.startswith("✓") or "4.5/4.5" in t.message for t in result.tests)
    assert_out_of_reach(result, needles, honest_fraction)


def test_forking_changes_nothing(sandbox_mode, q7, needles, honest_fraction):
    source = '''
import os
def remedy_sentences(doc, cues):
    for start in (os.fork, lambda: os.posix_spawn("/bin/sh", ["sh", "-c", "sleep 30"], {})):
        for _ in range(20):
            try:
                if start() == 0:
                    os._exit(0)
            except OSError:
                break
    return []
'''
    start = time.monotonic()
    result = grade(source, q7)
    assert_out_of_reach(result, needles, honest_fraction)
    assert time.monotonic() - start < 60


def test_threads_change_nothing(sandbox_mode, q7, needles, honest_fraction):
    source = '''
import os, threading
def _flood():
    while True:
        for fd in range(3, 12):
            try:
                os.write(fd, b"\\x00\\x00\\x00\\x02N0")
            except OSError:
                pass
def remedy_sentences(doc, cues):
    try:
        threading.Thread(target=_flood, daemon=True).start()
    except RuntimeError:
        pass  # no threads under bubblewrap (RLIMIT_NPROC)
    return []
'''
    result = grade(source, q7)
    assert_out_of_reach(result, needles, honest_fraction)


def test_sleeping_is_stopped_at_the_wall_time(sandbox_mode, q7, needles, honest_fraction):
    source = "import time\ndef remedy_sentences(doc, cues):\n    time.sleep(120)\n"
    start = time.monotonic()
    result = grade(source, q7, Limits(code_wall_seconds=3, code_test_seconds=0.1))
    assert time.monotonic() - start < 15
    assert "did not finish within the time limit" in (result.error or "")
    assert_out_of_reach(result, needles, honest_fraction)


def test_a_memory_bomb_changes_nothing(sandbox_mode, q7, needles, honest_fraction):
    source = ("def remedy_sentences(doc, cues):\n    hog = []\n    while True:\n"
              "        hog.append(bytearray(64 * 1024 * 1024))\n")
    result = grade(source, q7)
    assert "MemoryError" in everything(result)
    assert_out_of_reach(result, needles, honest_fraction)


def test_sockets_reach_nothing(sandbox_mode, q7, needles, honest_fraction):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    port = server.getsockname()[1]
    accepted = []

    def accept():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not accepted:
            try:
                accepted.append(server.accept())
            except OSError:
                pass

    watcher = threading.Thread(target=accept, daemon=True)
    watcher.start()
    source = f'''
def remedy_sentences(doc, cues):
    import socket
    for host in ("127.0.0.1", "1.1.1.1"):
        try:
            socket.create_connection((host, {port}), timeout=1).sendall(b"hidden tests?")
        except Exception:
            pass
    return []
'''
    try:
        result = grade(source, q7)
        assert_out_of_reach(result, needles, honest_fraction)
        time.sleep(0.5)
        assert not accepted, "the child connected to the grader's machine"
    finally:
        accepted.append(None)
        watcher.join(timeout=2)
        server.close()



SLOW_AHEAD = '''
import medialit.grading.sandbox_runner as _runner
_AHEAD = {}
''' + SLOW_BUT_RIGHT.replace("def remedy_sentences(doc, cues):", "def _slow(doc, cues):") + '''

def remedy_sentences(doc, cues):
    # work on the long text, found in the child, in an earlier test's call; the speed test's
    # call then only returns the answer
    for key, inherited in _runner.INHERITED.items():
        if len(inherited.sentences) > 1000 and key not in _AHEAD:
            _AHEAD[key] = (inherited.text, _slow(inherited, cues))
    if len(doc.sentences) > 1000:
        for text, answer in _AHEAD.values():
            if text == doc.text:
                print("answered ahead")
                return answer
    return _slow(doc, cues)
'''


def test_working_ahead_on_an_inherited_text_does_not_pass_the_speed_test(sandbox_mode, q7,
                                                                         needles):
    """Children forked after the speed test's long text has been passed to a student's
    function inherit it (each call gets a copy). A function that finds it there and works on
    it in an earlier test's call is charged with that time in the speed test's call."""
    from medialit.grading import sandbox

    sandbox._close_zygotes()
    honest_slow = run_code_tests(SLOW_BUT_RIGHT, q7.hidden_tests, FUNCTION, LIMITS)
    assert not next(t for t in honest_slow.tests if t.name == "test_fast_on_a_long_text").passed
    ahead = None
    for _ in range(6):  # the second student passes the text again; later children inherit it
        result = grade(SLOW_AHEAD, q7, prelude=False)
        assert_out_of_reach(result, needles, honest_slow.fraction)
        speed = next(t for t in result.tests if t.name == "test_fast_on_a_long_text")
        assert not speed.passed, result.output
        if "answered ahead" in result.output:
            ahead = result
            break
        time.sleep(0.05)
    assert ahead is not None, "no child inherited the long text"
    assert [t.name for t in ahead.tests if not t.passed] == ["test_fast_on_a_long_text"]
