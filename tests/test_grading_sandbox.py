"""sandbox: student code runs in a limited process; each abuse gives a clear failed test.

Limits are short here (0.5 s per test, 2 s in all) so that the suite stays fast.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from medialit.grading.limits import Limits
from medialit.grading.sandbox import run_code_tests

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


def run(source: str, limits: Limits = LIMITS):
    return run_code_tests(source, TESTS, "f", limits)


def messages(result) -> str:
    return " | ".join(t.message for t in result.tests) + " | " + (result.error or "")


def test_correct_function_passes_every_test():
    result = run("def f(x):\n    return 2 * x\n")
    assert [t.passed for t in result.tests] == [True, True, True]
    assert result.fraction == 1.0 and result.error is None
    assert result.tests[0].description == "doubles 2"


def test_wrong_function_fails_with_the_tests_message_and_partial_credit():
    result = run("def f(x):\n    return 4 if x == 2 else x\n")
    assert [t.passed for t in result.tests] == [True, False, False]
    assert result.fraction == pytest.approx(1 / 3)


def test_exception_names_the_line_of_the_students_cell():
    result = run("def f(x):\n    y = 1\n    return y / 0\n")
    assert "ZeroDivisionError" in result.tests[0].message
    assert "line 3 of your cell" in result.tests[0].message


def test_endless_loop_fails_that_test_and_the_others_still_run():
    start = time.monotonic()
    result = run("def f(x):\n    while x == 3:\n        pass\n    return 2 * x\n")
    assert [t.passed for t in result.tests] == [True, True, False]
    assert "more than 0.5 s of CPU time" in result.tests[2].message
    assert time.monotonic() - start < 2.5


def test_after_two_timeouts_the_remaining_tests_are_not_run():
    """One endless loop must not cost the batch a CPU budget per hidden test."""
    tests = "\n".join(f"def test_{i}(f):\n    assert f({i}) == {2 * i}\n" for i in range(6))
    start = time.monotonic()
    result = run_code_tests("def f(x):\n    while True:\n        pass\n", tests, "f", LIMITS)
    assert [t.passed for t in result.tests] == [False] * 6
    assert all("CPU time" in t.message for t in result.tests[:2])
    assert all(t.message.startswith("not run: two earlier tests") for t in result.tests[2:])
    assert time.monotonic() - start < 4


def test_loop_that_ignores_the_timer_is_stopped_by_the_cpu_limit():
    source = ("import signal\nsignal.signal(signal.SIGPROF, signal.SIG_IGN)\n"
              "def f(x):\n    while True:\n        pass\n")
    start = time.monotonic()
    result = run(source)
    assert time.monotonic() - start < 12
    # the CPU limit, or on a very loaded machine the wall-time backstop, whichever comes first
    assert result.fraction == 0
    assert "CPU time limit" in result.error or "did not finish" in result.error


def test_sleeping_code_is_killed_at_the_wall_time():
    start = time.monotonic()
    result = run("import time\ndef f(x):\n    time.sleep(60)\n",
                 Limits(code_wall_seconds=1.5, code_test_seconds=0.1))
    assert time.monotonic() - start < 4
    assert result.fraction == 0 and "did not finish within the time limit" in result.error


def test_fork_bomb_is_refused():
    source = "import os\ndef f(x):\n    while True:\n        os.fork()\n"
    result = run(source)
    assert result.fraction == 0
    assert "does not allow this (os.fork)" in result.tests[0].message


@pytest.mark.parametrize("source", [
    "import subprocess\ndef f(x):\n    return 2 * x\n",
    "import os\ndef f(x):\n    os.system('echo hi')\n    return 2 * x\n",
    "import os\ndef f(x):\n    os.execv('/bin/true', ['true'])\n",
])
def test_new_processes_are_refused(source):
    result = run(source)
    assert result.fraction == 0
    assert "does not allow" in messages(result)


def test_memory_bomb_hits_the_memory_limit():
    result = run("def f(x):\n    hog = bytearray(2 * 1024**3)\n    return 2 * x\n")
    assert result.fraction == 0 and "MemoryError" in result.tests[0].message


@pytest.mark.parametrize("target", ["/etc/passwd", str(ROOT / "solutions" / "set-a-framing.ipynb"),
                                    "hidden_tests.py"])
def test_reading_files_is_refused_including_the_masters(target):
    result = run(f"def f(x):\n    return open({target!r}).read()\n")
    assert result.fraction == 0
    assert "does not allow opening files" in result.tests[0].message


def test_listing_folders_is_refused():
    result = run("import os\ndef f(x):\n    return os.listdir('/')\n")
    assert "does not allow listing folders" in result.tests[0].message


def test_environment_is_scrubbed(monkeypatch):
    monkeypatch.setenv("GRADER_SECRET", "s3cret")
    result = run("import os\ndef f(x):\n    print(sorted(os.environ))\n    return 2 * x\n")
    assert result.fraction == 1.0
    assert "GRADER_SECRET" not in result.output and "s3cret" not in result.output
    assert "'PATH'" in result.output


def test_printing_100_mb_is_truncated_quickly():
    start = time.monotonic()
    result = run("def f(x):\n    print('x' * 100_000_000)\n    return 2 * x\n")
    assert result.fraction == 1.0 and result.output_truncated
    assert len(result.output) < 1200 and "output truncated" in result.output
    assert time.monotonic() - start < 3


def test_writing_100_mb_to_the_raw_stdout_is_truncated():
    result = run("import os\ndef f(x):\n    os.write(1, b'y' * 100_000_000)\n    return 2 * x\n")
    assert result.output_truncated and len(result.output) < 1200


def test_peeking_at_the_tests_through_frames_is_refused():
    sources = [
        "import sys\ndef f(x):\n    return sys._getframe(1).f_locals\n",
        ("def f(x):\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n"
         "        return e.__traceback__.tb_frame.f_back.f_globals['SECRET_EXPECTED']\n"),
        "import gc\ndef f(x):\n    return [o for o in gc.get_objects() if o == [4, 6]][0]\n",
    ]
    for source in sources:
        result = run(source)
        assert result.fraction == 0, source
        assert "does not allow" in messages(result)


def test_faking_results_on_other_descriptors_is_ignored():
    source = ("import os, json\ndef f(x):\n"
              "    for fd in range(3, 20):\n"
              "        try:\n"
              "            os.write(fd, b'{\"test\": \"test_small\", \"passed\": true, \"message\": \"\"}\\n')\n"
              "        except OSError:\n"
              "            pass\n"
              "    return 0\n")
    assert run(source).fraction == 0


def test_syntax_error_in_the_cell_is_a_load_error():
    result = run("def f(x)\n    return 1\n")
    assert "SyntaxError" in result.error
    assert all(not t.passed for t in result.tests)


def test_missing_function_is_a_load_error():
    result = run("def g(x):\n    return 2 * x\n")
    assert "does not define a function f()" in result.error


def test_runs_are_repeatable():
    source = "def f(x):\n    print({'a', 'b', 'c'}, object())\n    return x\n"
    first, second = run(source), run(source)
    assert first.output == second.output and "0x…" in first.output
    assert [t.message for t in first.tests] == [t.message for t in second.tests]


def test_common_modules_can_be_imported():
    source = "import re, string, collections, typing, dataclasses\ndef f(x):\n    return 2 * x\n"
    assert run(source).fraction == 1.0


def test_broken_hidden_tests_are_reported_as_the_sets_problem():
    result = run_code_tests("def f(x):\n    return x\n", "this is not python", "f", LIMITS)
    assert "a problem of the set" in result.error
