"""Plain data across the sandbox boundary: what the child may send, and how the parent reads it.

The sandbox child (:mod:`medialit.grading.sandbox_runner`) runs student code, so every byte it
sends is a claim, never a verdict. It sends *plain data* only — ``None``, ``bool``, ``int``,
``float``, ``str``, ``bytes`` and ``tuple``/``list``/``dict``/``set``/``frozenset`` of them —
serialised by ``marshal.dumps(value, 2)``: C code, captured before student code runs, that
writes exact built-in types only (a ``list`` subclass with a forged ``__eq__`` is refused).

The parent never calls ``marshal.loads`` (it is not meant for untrusted bytes): it reads the
bytes with :func:`decode`, a small strict reader of that one format which builds fresh
built-in objects, bounds depth, sizes and integers, and raises :class:`NotPlain` on anything
else. So the objects the hidden tests compare are the parent's own ``list``/``dict``/``str``,
whatever the student's code did to its interpreter.

:func:`to_plain` turns values into plain data (subclasses such as ``defaultdict``, ``Counter``
or a ``namedtuple`` become their built-in base; ``SimpleNamespace`` becomes a ``dict`` of its
attributes when ``namespaces`` is true). The child uses it on results and on the arguments
after a call; hidden tests use it (as ``plain``) to compare those with the inputs they built.

This module imports nothing heavy: the child imports it before any student code runs.
"""

from __future__ import annotations

import struct
from types import SimpleNamespace

MAX_DEPTH = 100
MAX_ITEMS = 1_000_000
MAX_INT_DIGITS = 800  # 15-bit digits: 12,000 bits, below Python's int-to-str limit
MARSHAL_VERSION = 2  # no references, one string type: simple to read strictly

_INT32 = struct.Struct("<i")
_DOUBLE = struct.Struct("<d")
_UINT16 = struct.Struct("<H")


class NotPlain(ValueError):
    """A value (or bytes) that is not plain data; the message says what was found."""


# -- values -> plain data --------------------------------------------------------------------------

_SCALARS = (bool, int, float, str, bytes)
# Captured when the module is imported (before any student code runs in the child): rebinding
# builtins.list or builtins.issubclass later changes nothing here.
_list, _tuple, _dict, _set, _frozenset = list, tuple, dict, set, frozenset
_int, _float, _str, _bytes, _memoryview, _bytearray = int, float, str, bytes, memoryview, bytearray
_type, _issubclass, _object = type, issubclass, object
_list_iter, _tuple_iter, _dict_items = list.__iter__, tuple.__iter__, dict.items
_set_iter, _frozenset_iter = set.__iter__, frozenset.__iter__
_int_index, _float_float, _str_str = int.__index__, float.__float__, str.__str__
_getattribute = object.__getattribute__
_id = id
_SCALAR_IDS = frozenset(_id(t) for t in _SCALARS)  # identity, not ==: a metaclass may lie


def to_plain(value, *, namespaces: bool = False, unknown_as_none: bool = False):
    """``value`` as plain data (see the module docstring); raises :class:`NotPlain`.

    Subclasses of the built-in types are read with the built-in type's own C methods
    (``dict.items``, ``list.__iter__``, ``str.__str__``…), so an overridden ``__iter__`` or
    ``__eq__`` plays no part. ``unknown_as_none`` replaces other objects by ``None`` (used for
    the arguments after a call: a ``Document`` is not copied back).
    """
    budget = [MAX_ITEMS]
    return _plain(value, 0, budget, namespaces, unknown_as_none)


def _plain(value, depth, budget, namespaces, unknown_as_none):
    budget[0] -= 1
    if budget[0] < 0:
        raise NotPlain(f"more than {MAX_ITEMS:,} values")
    if depth > MAX_DEPTH:
        raise NotPlain(f"nested more than {MAX_DEPTH} levels deep")
    kind = _type(value)
    if value is None or _id(kind) in _SCALAR_IDS:
        return value
    deeper = depth + 1

    def each(items):
        return [_plain(v, deeper, budget, namespaces, unknown_as_none) for v in items]

    if kind is _list or _issubclass(kind, _list):
        return each(_list_iter(value))
    if kind is _tuple or _issubclass(kind, _tuple):
        return _tuple(each(_tuple_iter(value)))
    if kind is _dict or _issubclass(kind, _dict):
        return {_plain(k, deeper, budget, namespaces, unknown_as_none):
                _plain(v, deeper, budget, namespaces, unknown_as_none)
                for k, v in _dict_items(value)}
    if kind is _set or _issubclass(kind, _set):
        return _set(each(_set_iter(value)))
    if kind is _frozenset or _issubclass(kind, _frozenset):
        return _frozenset(each(_frozenset_iter(value)))
    if _issubclass(kind, _int):  # bool cannot be subclassed: an int subclass
        return _int_index(value)
    if _issubclass(kind, _float):
        return _float_float(value)
    if _issubclass(kind, _str):
        return _str_str(value)
    if _issubclass(kind, (_bytes, _bytearray, _memoryview)):
        return _bytes(_memoryview(value))
    if namespaces and kind is SimpleNamespace:
        return {_plain(k, deeper, budget, namespaces, unknown_as_none):
                _plain(v, deeper, budget, namespaces, unknown_as_none)
                for k, v in _dict_items(_getattribute(value, "__dict__"))}
    if unknown_as_none:
        return None
    raise NotPlain(f"a {_type_name(kind)} object")


_type_name_of = type.__dict__["__name__"].__get__


def _type_name(kind) -> str:
    name = _type_name_of(kind)
    return name if _type(name) is _str and name.isidentifier() and len(name) <= 60 else "?"


# -- plain data -> bytes (the child) and bytes -> plain data (the parent) ---------------------------

def encode(value) -> bytes:
    """Plain data as bytes (the child captures ``marshal.dumps`` itself; this is for tests)."""
    import marshal

    return marshal.dumps(value, MARSHAL_VERSION)


def decode(data: bytes):
    """Read bytes written by ``marshal.dumps(value, 2)`` for plain data, strictly.

    Builds only the parent's own built-in objects; raises :class:`NotPlain` for any other
    type code (code objects, references, ...), truncated or trailing bytes, text that is not
    UTF-8, unhashable keys, nesting deeper than :data:`MAX_DEPTH`, more than
    :data:`MAX_ITEMS` values, or integers above :data:`MAX_INT_DIGITS` digits.
    """
    reader = _Reader(bytes(data))
    value = reader.value(0)
    if reader.pos != len(reader.data):
        raise NotPlain("unexpected bytes after the value")
    return value


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0
        self.items = 0

    def take(self, n: int) -> bytes:
        end = self.pos + n
        if n < 0 or end > len(self.data):
            raise NotPlain("truncated data")
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk

    def int32(self) -> int:
        return _INT32.unpack(self.take(4))[0]

    def count(self) -> int:
        n = self.int32()
        if n < 0 or n > len(self.data) - self.pos:  # every item takes at least one byte
            raise NotPlain("bad length")
        return n

    def value(self, depth: int):
        self.items += 1
        if self.items > MAX_ITEMS:
            raise NotPlain(f"more than {MAX_ITEMS:,} values")
        if depth > MAX_DEPTH:
            raise NotPlain(f"nested more than {MAX_DEPTH} levels deep")
        code = self.take(1)
        if code == b"N":
            return None
        if code == b"T":
            return True
        if code == b"F":
            return False
        if code == b"i":
            return self.int32()
        if code == b"l":
            return self.long()
        if code == b"g":
            return _DOUBLE.unpack(self.take(8))[0]
        if code == b"u":
            try:
                return self.take(self.count()).decode("utf-8")
            except UnicodeDecodeError:
                raise NotPlain("text that is not valid UTF-8") from None
        if code == b"s":
            return self.take(self.count())
        if code in (b"(", b"[", b"<", b">"):
            n = self.count()
            items = [self.value(depth + 1) for _ in range(n)]
            if code == b"(":
                return tuple(items)
            if code == b"[":
                return items
            try:
                return set(items) if code == b"<" else frozenset(items)
            except TypeError:
                raise NotPlain("a set of unhashable values") from None
        if code == b"{":
            result: dict = {}
            while True:
                if self.data[self.pos:self.pos + 1] == b"0":
                    self.pos += 1
                    return result
                key = self.value(depth + 1)
                item = self.value(depth + 1)
                try:
                    result[key] = item
                except TypeError:
                    raise NotPlain("a dict with an unhashable key") from None
        raise NotPlain(f"type code {code!r} is not plain data")

    def long(self) -> int:
        n = self.int32()
        size = abs(n)
        if size > MAX_INT_DIGITS:
            raise NotPlain(f"an integer of more than {MAX_INT_DIGITS * 15} bits")
        raw = self.take(2 * size)
        value = 0
        for i in range(size - 1, -1, -1):
            digit = _UINT16.unpack_from(raw, 2 * i)[0]
            if digit > 0x7FFF:
                raise NotPlain("bad integer digit")
            value = (value << 15) | digit
        return -value if n < 0 else value
