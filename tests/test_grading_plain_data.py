"""plain_data: what crosses the sandbox boundary, read strictly (fast: no process is started)."""

from __future__ import annotations

import collections
import marshal
from types import SimpleNamespace

import pytest

from medialit.case import load_oped
from medialit.grading.hidden_tests import StudentRaised, load_hidden_tests, plain, raised
from medialit.grading.plain_data import MAX_DEPTH, NotPlain, decode, encode, to_plain

VALUES = [None, True, False, 0, -5, 2**31, -(2**70), 1.5, float("inf"), "", "¶5.2 “x” 李雷",
          b"\x00\xff", (), (1, "a"), [], [1, [2, [3]]], {}, {"a": [1, 2], (1, 2): {3}},
          {1, 2}, frozenset({"x"}), {"nested": {"deep": [{"k": (None, True)}]}}]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_round_trip_gives_equal_values_of_exact_builtin_types(value):
    got = decode(encode(value))
    assert got == value and type(got) is type(value)


def test_decode_builds_fresh_objects_of_exact_types():
    got = decode(encode({"k": [("a", 1)]}))
    assert type(got) is dict and type(got["k"]) is list and type(got["k"][0]) is tuple


@pytest.mark.parametrize("data, words", [
    (marshal.dumps((lambda: 0).__code__, 2), "type code"),
    (marshal.dumps(["a", "a"], 4), "type code"),  # version 4 uses references: refused
    (marshal.dumps([1, 2], 2)[:-1], "truncated"),
    (marshal.dumps(1, 2) + b"N", "unexpected bytes"),
    (b"u\x04\x00\x00\x00\xed", "bad length"),
    (b"u\x03\x00\x00\x00\xed\xa0\x80", "not valid UTF-8"),  # a lone surrogate
    (b"[\xff\xff\xff\x7f", "bad length"),  # claims 2**31 items in 5 bytes
    (b"<\x01\x00\x00\x00[\x00\x00\x00\x00", "unhashable"),
    (b"{[\x00\x00\x00\x00N0", "unhashable"),
    (b"l\x01\x00\x00\x00\xff\xff", "bad integer digit"),
    (b"l\xff\xff\x00\x00", "integer of more than"),
    (b"", "truncated"),
    (b"c", "type code"),
])
def test_anything_but_plain_data_is_refused(data, words):
    with pytest.raises(NotPlain, match=words):
        decode(data)


def test_depth_is_bounded():
    deep = encode([[[[]]]])
    assert decode(deep) == [[[[]]]]
    too_deep = b"[\x01\x00\x00\x00" * (MAX_DEPTH + 2) + b"N"
    with pytest.raises(NotPlain, match="nested"):
        decode(too_deep)


class AlwaysEqual(list):
    def __eq__(self, other):
        return True

    def __iter__(self):
        return iter(["forged"])

    __hash__ = None


def test_to_plain_reads_subclasses_with_the_builtin_methods():
    """A list subclass with a forged __eq__ and __iter__ becomes the plain list it holds."""
    forged = AlwaysEqual([1, 2])
    got = to_plain(forged)
    assert type(got) is list and got == [1, 2]
    counts = collections.Counter("aab")
    assert to_plain(counts) == {"a": 2, "b": 1} and type(to_plain(counts)) is dict
    Pair = collections.namedtuple("Pair", "id span")
    assert to_plain([Pair("1.1", "x")]) == [("1.1", "x")]
    assert type(to_plain(collections.defaultdict(list, a=[1]))) is dict


def test_to_plain_refuses_objects_unless_asked_otherwise():
    with pytest.raises(NotPlain, match="generator"):
        to_plain(x for x in [1])
    with pytest.raises(NotPlain, match="SimpleNamespace"):
        to_plain(SimpleNamespace(a=1))
    assert to_plain(SimpleNamespace(a=[1]), namespaces=True) == {"a": [1]}
    assert plain((load_oped(), SimpleNamespace(s=[SimpleNamespace(id="1.1")]), ["x"])) == (
        None, {"s": [{"id": "1.1"}]}, ["x"])


def test_to_plain_bounds_recursion():
    loop: list = []
    loop.append(loop)
    with pytest.raises(NotPlain, match="nested"):
        to_plain(loop)


def test_raised_exceptions_keep_their_builtin_class_and_the_students_text_apart():
    exc = raised(["UnbalancedQuotes", "ValueError", "Exception", "BaseException", "object"],
                 "unbalanced in 1.2", 7)
    assert isinstance(exc, ValueError) and isinstance(exc, StudentRaised)
    assert str(exc) == "unbalanced in 1.2" and exc.type_name == "UnbalancedQuotes"
    assert exc.line == 7
    forged = raised(["✓ passed\n4.5/4.5", "object"], "x", 0)
    assert forged.type_name == "an exception" and not isinstance(forged, ValueError)
    # classes that cannot be rebuilt from a message fall back to their nearest base
    unicode = raised(["UnicodeDecodeError", "UnicodeError", "ValueError", "Exception"], "x", 0)
    assert isinstance(unicode, ValueError) and unicode.type_name == "UnicodeDecodeError"
    assert not isinstance(raised(["SystemExit", "BaseException"], "x", 0), SystemExit)


def test_hidden_tests_are_loaded_once_in_definition_order_with_weights():
    source = ('WEIGHTS = {"test_b": 2}\n'
              'def test_b(f):\n    """second letter"""\n'
              'def test_a(f):\n    """first letter\n\n    more"""\n'
              "def helper(f):\n    pass\n")
    tests = load_hidden_tests(source)
    assert [(t.name, t.description, t.weight) for t in tests] == [
        ("test_b", "second letter", 2.0), ("test_a", "first letter", 1.0)]
    assert load_hidden_tests(source) is tests
    with pytest.raises(ValueError, match="no test_"):
        load_hidden_tests("X = 1\n")
