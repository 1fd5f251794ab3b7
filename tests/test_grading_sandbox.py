"""sandbox: hidden tests in the grader, the student's function in a limited child process.

Every test that runs code runs in both isolation modes (``sandbox_mode``: bubblewrap, marked
``bwrap``, and the fallback). Limits are short here (0.5 s of CPU per test) so that the suite
stays fast. Attacks on the grader itself are in test_grading_sandbox_hostile.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from medialit.grading import sandbox
from medialit.grading.isolation import current_isolation
from medialit.grading.limits import Limits
from medialit.grading.sandbox import run_code_tests
from sandbox_support import bubblewrap_problem, plain_bwrap_works, sandbox_mode_fixture  # noqa: F401 — the fixture

ROOT = Path(__file__).resolve().parents[1]
LIMITS = Limits(code_wall_seconds=2, code_test_seconds=0.5, code_output_chars=1000,
                code_memory_bytes=512 * 2**20)
TESTS = '''
from medialit.case import load_oped
SENTENCES = len(load_oped().sentences)
SECRET_EXPECTED = [4, 6]

def test_small(f):
    """doubles 2"""
    got = f(2)
    assert got == 4, f"f(2) should be 4, got {got!r}"

def test_op_ed(f):
    """doubles the number of sentences"""
    assert f(SENTENCES) == 2 * SENTENCES

def test_three(f):
    """doubles 3"""
    assert f(3) == 6
'''


def run(source: str, limits: Limits = LIMITS, tests: str = TESTS, **kwargs):
    return run_code_tests(source, tests, "f", limits, **kwargs)


def messages(result) -> str:
    return " | ".join(t.message for t in result.tests) + " | " + (result.error or "")


def test_correct_function_passes_every_test(sandbox_mode):
    result = run("def f(x):\n    return 2 * x\n")
    assert [t.passed for t in result.tests] == [True, True, True]
    assert result.fraction == 1.0 and result.error is None
    assert result.tests[0].description == "doubles 2"
    assert result.isolation.startswith(sandbox_mode)


def test_wrong_function_fails_with_the_tests_message_and_partial_credit(sandbox_mode):
    result = run("def f(x):\n    return 4 if x == 2 else x\n")
    assert [t.passed for t in result.tests] == [True, False, False]
    assert result.fraction == pytest.approx(1 / 3)
    tests = ('def test_small(f):\n    """doubles 2"""\n    got = f(2)\n'
             '    assert got == 4, f"f(2) should be 4, got {got!r}"\n')
    assert run("def f(x):\n    return 5\n", tests=tests).tests[0].message == \
        "f(2) should be 4, got 5"


def test_exception_names_the_line_and_keeps_the_students_message_apart(sandbox_mode):
    result = run("def f(x):\n    y = 1\n    return y / 0\n")
    first = result.tests[0]
    assert first.message == "your function raised ZeroDivisionError (line 3 of your cell)"
    assert first.student_text == "division by zero"
    assert "your code raised, as your code wrote them" in result.output
    assert "“doubles 2”: ZeroDivisionError (line 3 of your cell): division by zero" in result.output


def test_a_test_can_catch_the_students_exception_by_its_builtin_class(sandbox_mode):
    tests = ('def test_raises(f):\n    """raises ValueError naming 1.2"""\n    try:\n'
             '        f(0)\n    except ValueError as exc:\n'
             '        assert "1.2" in str(exc), "the message should name 1.2"\n'
             '    else:\n        raise AssertionError("should raise ValueError")\n')
    good = "class Unbalanced(ValueError):\n    pass\ndef f(x):\n    raise Unbalanced('in 1.2')\n"
    assert run(good, tests=tests).fraction == 1
    vague = run("def f(x):\n    raise ValueError('somewhere')\n", tests=tests)
    assert vague.tests[0].message == "the message should name 1.2"
    assert run("def f(x):\n    return 1\n", tests=tests).tests[0].message == \
        "should raise ValueError"


def test_a_result_that_is_not_plain_data_fails_with_a_message(sandbox_mode):
    result = run("def f(x):\n    return (2 * y for y in [x])\n")
    assert result.fraction == 0
    assert result.tests[0].message.startswith("your function returned a generator object, "
                                              "which is not plain data")


def test_subclasses_of_builtin_types_arrive_as_their_base(sandbox_mode):
    tests = ('def test_counts(f):\n    """counts"""\n    got = f("aab")\n'
             '    assert type(got) is dict and got == {"a": 2, "b": 1}, got\n')
    source = "from collections import Counter, defaultdict\ndef f(x):\n    return Counter(x)\n"
    assert run(source, tests=tests).fraction == 1


def test_arguments_after_the_call_come_back_as_plain_data(sandbox_mode):
    tests = '''
from types import SimpleNamespace
from medialit.grading.hidden_tests import plain

def test_unchanged(f):
    """the inputs are not changed"""
    doc = SimpleNamespace(sentences=[SimpleNamespace(id="1.1", text="A.")])
    cues = ["a", "b"]
    f(doc, cues)
    doc_after, cues_after = f.arguments
    assert cues_after == ["a", "b"], "the cue list was changed"
    assert doc_after == plain(doc), "the document was changed"
    assert cues == ["a", "b"], "the grader's own list never changes"
'''
    honest = "def f(doc, cues):\n    return [s.id for s in doc.sentences]\n"
    assert run(honest, tests=tests).fraction == 1
    sorts = "def f(doc, cues):\n    cues.sort(reverse=True)\n    return []\n"
    assert run(sorts, tests=tests).tests[0].message == "the cue list was changed"
    edits = "def f(doc, cues):\n    doc.sentences[0].text = 'B.'\n    return []\n"
    assert run(edits, tests=tests).tests[0].message == "the document was changed"


def test_cpu_time_is_measured_by_the_grader(sandbox_mode):
    tests = ('def test_fast(f):\n    """fast"""\n    f(1)\n'
             '    assert f.cpu_seconds < 0.04, f"took {f.cpu_seconds:.2f} s"\n')
    # about 0.15 s of CPU however loaded the machine; its own clocks say 0
    slow = ("import time\ntime.process_time = lambda: 0.0\ntime.perf_counter = lambda: 0.0\n"
            "def f(x):\n    return sum(i * i for i in range(2_000_000))\n")
    result = run(slow, tests=tests)
    assert result.fraction == 0 and result.tests[0].message.startswith("took 0.")
    assert run("def f(x):\n    return x\n", tests=tests).fraction == 1


def test_endless_loop_fails_that_test_and_the_others_still_run(sandbox_mode):
    start = time.monotonic()
    result = run("def f(x):\n    while x == 3:\n        pass\n    return 2 * x\n")
    assert [t.passed for t in result.tests] == [True, True, False]
    assert "used more than 0.5 s of CPU time" in result.tests[2].message
    assert time.monotonic() - start < 6


def test_a_crash_fails_one_test_and_the_next_test_gets_a_fresh_process(sandbox_mode):
    result = run("import os\ndef f(x):\n    if x == 2:\n        os._exit(3)\n    return 2 * x\n")
    assert [t.passed for t in result.tests] == [False, True, True]
    assert "ended during the call (exit status 3)" in result.tests[0].message


def test_after_two_timeouts_the_remaining_tests_are_not_run(sandbox_mode):
    """One endless loop must not cost the batch a CPU budget per hidden test."""
    tests = "\n".join(f"def test_{i}(f):\n    assert f({i}) == {2 * i}\n" for i in range(6))
    start = time.monotonic()
    result = run("def f(x):\n    while True:\n        pass\n", tests=tests)
    assert [t.passed for t in result.tests] == [False] * 6
    assert all("CPU time" in t.message for t in result.tests[:2])
    assert all(t.message.startswith("not run: two earlier tests") for t in result.tests[2:])
    assert time.monotonic() - start < 6


def test_loop_that_ignores_signals_is_stopped_from_outside(sandbox_mode):
    source = ("import signal\nfor s in (signal.SIGPROF, signal.SIGXCPU, signal.SIGTERM):\n"
              "    signal.signal(s, signal.SIG_IGN)\n"
              "def f(x):\n    while True:\n        pass\n")
    start = time.monotonic()
    result = run(source)
    assert time.monotonic() - start < 8
    assert result.fraction == 0
    assert "CPU time" in messages(result)


def test_cell_that_loops_while_loading_is_a_load_error(sandbox_mode):
    result = run("while True:\n    pass\n")
    assert "running the cell used more than 0.5 s of CPU time" in result.error
    assert all(t.message.startswith("not run") for t in result.tests)


def test_sleeping_code_is_killed_at_the_wall_time(sandbox_mode):
    start = time.monotonic()
    result = run("import time\ndef f(x):\n    time.sleep(60)\n",
                 Limits(code_wall_seconds=1.5, code_test_seconds=0.1))
    assert time.monotonic() - start < 5
    assert result.fraction == 0 and "did not finish within the time limit" in result.error


def test_fork_bomb_is_refused(sandbox_mode):
    source = "import os\ndef f(x):\n    while True:\n        os.fork()\n"
    result = run(source)
    assert result.fraction == 0
    # bubblewrap: RLIMIT_NPROC binds the unprivileged uid; fallback: the audit hook refuses
    assert "raised BlockingIOError" in messages(result) or \
        "raised PermissionError" in messages(result)


@pytest.mark.parametrize("call", [
    "import subprocess\n    subprocess.run(['/bin/echo', 'RAN'])",
    "import os\n    os.system('echo RAN')",
    "import os\n    os.execv('/bin/echo', ['echo', 'RAN'])",
    "import os\n    os.posix_spawn('/bin/echo', ['echo', 'RAN'], {})",
])
def test_new_processes_do_not_run(sandbox_mode, call):
    result = run(f"def f(x):\n    {call}\n    return 2 * x\n")
    if "execv" in call:
        # not a new process: under bubblewrap, echo may replace the child, in its namespaces
        assert result.fraction == 0 and "RAN" not in "".join(t.message for t in result.tests)
        return
    assert "RAN" not in result.output
    # os.system reports a failed fork as a return code, not an exception
    assert result.fraction == 0 or "os.system" in call


def test_memory_bomb_hits_the_memory_limit(sandbox_mode):
    result = run("def f(x):\n    hog = bytearray(2 * 1024**3)\n    return 2 * x\n")
    assert result.fraction == 0 and "MemoryError" in result.tests[0].message


@pytest.mark.parametrize("target", ["/etc/passwd", str(ROOT / "solutions" / "set-a-framing.ipynb"),
                                    "hidden_tests.py", str(ROOT / "README.md")])
def test_reading_files_outside_the_sandbox_fails(sandbox_mode, target):
    result = run(f"def f(x):\n    return open({target!r}).read()\n")
    assert result.fraction == 0
    # bubblewrap: the file is not in the sandbox at all; fallback: the audit hook refuses
    assert "raised FileNotFoundError" in result.tests[0].message or \
        "raised PermissionError" in result.tests[0].message


def test_the_solutions_folder_cannot_be_listed(sandbox_mode):
    result = run(f"import os\ndef f(x):\n    return os.listdir({str(ROOT / 'solutions')!r})\n")
    assert result.fraction == 0 and "set-a-framing" not in result.output


def test_environment_is_scrubbed(sandbox_mode, monkeypatch):
    monkeypatch.setenv("GRADER_SECRET", "s3cret")
    result = run("import os\ndef f(x):\n    print(sorted(os.environ))\n    return 2 * x\n")
    assert result.fraction == 1.0
    assert "GRADER_SECRET" not in result.output and "s3cret" not in result.output
    assert "'PATH'" in result.output


def test_printing_100_mb_is_truncated_quickly(sandbox_mode):
    start = time.monotonic()
    result = run("def f(x):\n    print('x' * 100_000_000)\n    return 2 * x\n")
    assert result.fraction == 1.0 and result.output_truncated
    assert len(result.output) < 1200 and "output truncated" in result.output
    assert time.monotonic() - start < 5


def test_writing_100_mb_to_the_raw_stdout_is_truncated(sandbox_mode):
    result = run("import os\ndef f(x):\n    os.write(1, b'y' * 100_000_000)\n    return 2 * x\n")
    assert result.output_truncated and len(result.output) < 1200


def test_frames_hold_nothing_of_the_tests(sandbox_mode):
    sources = [
        "import sys\ndef f(x):\n    print(sys._getframe(1).f_locals)\n    return 0\n",
        ("def f(x):\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n"
         "        print(e.__traceback__.tb_frame.f_back.f_globals)\n    return 0\n"),
        "import gc\ndef f(x):\n    print([o for o in gc.get_objects() if o == [4, 6]])\n",
    ]
    for source in sources:
        result = run(source)
        assert result.fraction == 0, source
        assert "SECRET_EXPECTED" not in result.output and "test_small" not in result.output


def test_faking_results_on_other_descriptors_is_ignored(sandbox_mode):
    source = ("import os, marshal\ndef f(x):\n"
              "    reply = marshal.dumps(('x', 'returned', 4, ()), 2)\n"
              "    for fd in range(3, 20):\n"
              "        try:\n"
              "            os.write(fd, len(reply).to_bytes(4, 'big') + reply)\n"
              "        except OSError:\n"
              "            pass\n"
              "    return 0\n")
    assert run(source).fraction == 0


def test_syntax_error_in_the_cell_is_a_load_error(sandbox_mode):
    result = run("def f(x)\n    return 1\n")
    assert "SyntaxError" in result.error and "line 1 of your cell" in result.error
    assert all(not t.passed for t in result.tests)


def test_missing_function_is_a_load_error(sandbox_mode):
    result = run("def g(x):\n    return 2 * x\n")
    assert "does not define a function f()" in result.error


def test_runs_are_repeatable(sandbox_mode):
    source = "def f(x):\n    print({'a', 'b', 'c'}, object())\n    return x\n"
    first, second = run(source), run(source)
    assert first.output == second.output and "0x…" in first.output
    assert [t.message for t in first.tests] == [t.message for t in second.tests]


def test_common_modules_can_be_imported(sandbox_mode):
    source = ("import re, string, collections, typing, dataclasses, itertools, statistics, "
              "unicodedata, textwrap\ndef f(x):\n    return 2 * x\n")
    assert run(source).fraction == 1.0


def test_the_notebooks_imports_and_helpers_run_first(sandbox_mode):
    context = (("<cell 2>", "import re\n"), ("<cell 3>", "def double(x):\n    return 2 * x\n"),
               ("<cell 4>", "FACTOR = 2\n"), ("<cell 5>", "import not_a_module_here\n"))
    source = "def f(x):\n    assert re.escape('a') == 'a'\n    return double(x) * FACTOR // 2\n"
    result = run(source, context=context)
    assert result.fraction == 1.0
    assert run(source).fraction == 0  # without them, NameError as in a fresh kernel


def test_broken_hidden_tests_are_reported_as_the_sets_problem(sandbox_mode):
    result = run_code_tests("def f(x):\n    return x\n", "this is not python", "f", LIMITS)
    assert "a problem of the set" in result.error


@pytest.mark.bwrap
def test_bubblewrap_mode_is_used_wherever_bubblewrap_works():
    """A bug in the sandbox's own bwrap command must not pass for a machine without
    namespaces (which would silently skip every bubblewrap test)."""
    if not plain_bwrap_works():
        pytest.skip("bwrap cannot create namespaces on this machine")
    assert bubblewrap_problem() is None


@pytest.mark.bwrap
@pytest.mark.parametrize("zygote", [True, False], ids=["forked", "one-bwrap-each"])
def test_bubblewrap_child_is_unprivileged_and_its_files_vanish(monkeypatch, zygote):
    monkeypatch.setattr(sandbox, "USE_ZYGOTE", zygote)
    if bubblewrap_problem():
        pytest.skip(bubblewrap_problem())
    monkeypatch.setenv("MEDIALIT_SANDBOX", "bubblewrap")
    uid = 65534 if os.geteuid() == 0 else os.geteuid()
    tests = f'''
def test_who(f):
    """who"""
    uid, gid, groups, parent, root, passwd, proc, home = f(0)
    # its own PID namespace: its parent is the namespace's PID 1 (the zygote) or none at all
    assert (uid, groups) == ({uid}, []) and parent in (0, 1), (uid, groups, parent)
    assert not passwd and not proc and home == ["note.txt"], (passwd, proc, home)
    assert "solutions" not in root and "home" not in root, root
'''
    source = ("import os\ndef f(x):\n"
              "    open('/sandbox/home/note.txt', 'w').write('kept?')\n"
              "    return [os.getuid(), os.getgid(), os.getgroups(), os.getppid(),\n"
              "            sorted(os.listdir('/')), os.path.exists('/etc/passwd'),\n"
              "            os.path.exists('/proc/1'), os.listdir('/sandbox/home')]\n")
    result = run(source, tests=tests)
    assert result.fraction == 1.0, result.tests[0].message
    assert not Path("/sandbox/home/note.txt").exists()
    # a second child starts with an empty home
    again = ("import os\ndef f(x):\n    return os.listdir('/sandbox/home')\n")
    check = 'def test_empty(f):\n    """empty"""\n    assert f(0) == []\n'
    assert run(again, tests=check).fraction == 1.0
    assert current_isolation().mode == "bubblewrap"


@pytest.mark.parametrize("zygote", [True, False], ids=["forked", "one-process-each"])
def test_both_ways_of_starting_a_child_grade_alike(sandbox_mode, monkeypatch, zygote):
    """Children are forked from a pristine zygote where it can isolate each one; otherwise
    each student gets a process (and under bubblewrap, a sandbox) of its own."""
    monkeypatch.setattr(sandbox, "USE_ZYGOTE", zygote)
    assert run("def f(x):\n    return 2 * x\n").fraction == 1.0
    crash = run("import os\ndef f(x):\n    if x == 2:\n        os._exit(3)\n    return 2 * x\n")
    assert [t.passed for t in crash.tests] == [False, True, True]
    assert "exit status 3" in crash.tests[0].message
    loop = run("def f(x):\n    while x == 3:\n        pass\n    return 2 * x\n")
    assert "used more than 0.5 s of CPU time" in loop.tests[2].message


def test_a_student_leaves_nothing_for_the_next_one(sandbox_mode):
    """Forked children share the zygote's namespaces but get their own /sandbox, /dev/shm and
    IPC namespace (bubblewrap), or can write nothing at all (fallback)."""
    write = ("import os\ndef f(x):\n    for path in ('/sandbox/tmp/left.txt', '/dev/shm/left',"
             " os.path.expanduser('~/left')):\n        try:\n"
             "            open(path, 'w').write('from the last student')\n"
             "        except OSError:\n            pass\n    return 2 * x\n")
    read = ("import os\ndef f(x):\n    for path in ('/sandbox/tmp/left.txt', '/dev/shm/left',"
            " os.path.expanduser('~/left')):\n        if os.path.exists(path):\n"
            "            return 0\n    return 2 * x\n")
    assert run(write).fraction == 1.0
    assert run(read).fraction == 1.0


INHERIT_TESTS = '''
from medialit.case import Document

DOC = Document("One. Two. Three.\\nByline.")
SECRET = Document("A text no student's function is given.\\nByline.")

def test_each_call_gets_its_own_copy(f):
    """a document changed by one call is whole again in the next"""
    first, second = f(DOC), f(DOC)
    assert first[:2] == [4, DOC.text] and second[:2] == first[:2], (first, second)
    assert False, "inherited: " + repr(first[2])
'''
INHERIT_STUDENT = '''import medialit.grading.sandbox_runner as runner

def f(doc):
    got = [len(doc.sentences), doc.text,
           sorted(d.text for d in runner.INHERITED.values())]
    doc.text = "changed"
    doc._sentences.clear()
    doc._by_label.clear()
    return got
'''


def test_a_document_passed_again_is_inherited_and_each_call_gets_its_own_copy(sandbox_mode):
    """A document the hidden tests pass to one student's function is sent to the zygote when
    it is passed again; children forked later inherit it, and each call gets its own copy.
    A document no test passes never reaches a child."""
    sandbox._close_zygotes()
    seen = []
    for _ in range(8):
        result = run_code_tests(INHERIT_STUDENT, INHERIT_TESTS, "f", LIMITS)
        message = result.tests[0].message
        assert message.startswith("inherited: "), message  # both calls saw the whole DOC
        seen.append(message.removeprefix("inherited: "))
        if "One. Two. Three." in seen[-1]:
            break
        time.sleep(0.05)  # the zygote's answer to the grader's offer is read at the next spawn
    assert seen[0] == "[]"  # the first student's child inherited nothing
    assert "One. Two. Three." in seen[-1], seen
    assert all("no student" not in text for text in seen)
