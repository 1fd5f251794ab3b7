"""Read an answer cell that is one plain assignment (``q3 = {"A", "C"}``) without Python's parser.

Most answer cells have one of a few shapes: comment lines, then ``name = <value>`` at the start
of a line, then a trailing comment, where the value is ``...`` (the starter), a string, a set,
list or dict of strings, ``True``/``False``/``None`` or a small decimal integer.
:func:`quick_assignment` recognises exactly those shapes with one regular expression and
builds the value as ``ast.literal_eval`` builds it (a dict from its pairs in order, a set from
its items in order; a string's text as written, since no backslash is allowed). For every
other cell it returns ``None`` and the grader parses the cell with ``ast``, as before: a
backslash or a carriage return anywhere, a control or invisible character, a string prefix
(``r"…"``, ``f"…"``), adjacent strings, numbers other than plain integers, nested
containers, tuples, an indented statement, a second statement, an annotation, a keyword as
the name. A ``None`` costs only the parse the grader did anyway, so these rules only ever
narrow what is read quickly; tests/test_grading_quick_literal.py checks that both readings
agree on every code cell in the repository's notebooks, on hostile cells and on thousands of
generated and mutated ones.

Parsing with ``ast`` was about a third of the CPU time of grading a declarative notebook
(benchmarks/grading.py); this reads a typical answer cell several times faster.
"""

from __future__ import annotations

import keyword
import re
from typing import Any

# Left to Python's tokenizer: backslashes (escapes, line continuations), carriage returns
# (Python reads \r and \r\n as newlines and translates them inside triple-quoted strings),
# control characters, form feeds, NUL, DEL, NEL, byte-order marks, line and paragraph
# separators, lone surrogates (not encodable: compile() refuses them). Every character class
# below leaves them out, so a cell holding one never matches.
_R = "\\\\\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff\ud800-\udfff"

# A string without prefix or backslash: triple-quoted (may span lines; it ends at the first
# closing triple quote, as Python's does) or on one line. Possessive quantifiers: a cell that
# does not match fails in linear time.
_Q3 = '"' * 3
_A3 = "'" * 3
_STRING = (f'{_Q3}(?:[^"{_R}]++|"(?!""))*+{_Q3}' f"|{_A3}(?:[^'{_R}]++|'(?!''))*+{_A3}"
           f'|"[^"\\n{_R}]*+"' f"|'[^'\\n{_R}]*+'")
_LINE_STRING = f'"[^"\\n{_R}]*+"' f"|'[^'\\n{_R}]*+'"  # the strings of a container
_COMMENT = f"\\#[^\\n{_R}]*+"
_GAP = f"(?:[ \\t\\n]++|{_COMMENT})*+"  # inside brackets: spaces, newlines, comments
_LINE_END = f"[ \\t]*+(?:{_COMMENT})?+"  # the rest of a line: spaces, a comment
_ITEMS = f"{_GAP}(?:{_LINE_STRING}){_GAP}(?:,{_GAP}(?:{_LINE_STRING}){_GAP})*+(?:,{_GAP})?+"
_PAIR = f"{_GAP}(?:{_LINE_STRING}){_GAP}:{_GAP}(?:{_LINE_STRING}){_GAP}"
_CELL = re.compile(f"""
    (?:{_LINE_END}\\n)*+                                  # blank and comment lines
    (?P<name>[A-Za-z_][A-Za-z0-9_]*+)[ \\t]*+=[ \\t]*+    # name = , at the start of a line
    (?:
        (?P<stub>\\.\\.\\.)
      | (?P<string>{_STRING})
      | (?P<constant>True|False|None)
      | (?P<integer>-?(?:0|[1-9][0-9]{{0,17}}))
      | \\{{(?P<dict>{_PAIR}(?:,{_PAIR})*+(?:,{_GAP})?+|{_GAP})\\}}
      | \\{{(?P<set>{_ITEMS})\\}}
      | \\[(?P<list>{_ITEMS}|{_GAP})\\]
    )
    {_LINE_END}(?:\\n{_LINE_END})*+                       # nothing after it but comments
""", re.VERBOSE)

# The strings of a matched container, in order, where a comment or both kinds of quotes are
# in it; a comment is matched so that a quote in it is never taken for a string.
_PARTS = re.compile("(\\#[^\\n]*+)|\"([^\"\\n]*+)\"|'([^'\\n]*+)'")
_CONSTANTS = {"True": True, "False": False, "None": None}


def _strings(body: str) -> list[str]:
    if "#" not in body:  # one-line strings with one kind of quote: the parts between quotes
        if "'" not in body:
            return body.split('"')[1::2]
        if '"' not in body:
            return body.split("'")[1::2]
    return [a or b for comment, a, b in _PARTS.findall(body) if not comment]


def _text(literal: str) -> str:
    return literal[3:-3] if len(literal) >= 6 and literal[:3] in (_Q3, _A3) else literal[1:-1]


def quick_assignment(source: str) -> tuple[str, Any] | None:
    """``(name, value)`` of a cell that is one ``name = <value>`` statement of the shapes
    above (with comments and blank lines around it); ``None`` where Python's parser must read
    the cell."""
    m = _CELL.fullmatch(source)
    if m is None:
        return None
    name = m.group("name")
    if keyword.iskeyword(name) or name == "__debug__":
        return None  # True = 1 is a SyntaxError
    kind = m.lastgroup or ""
    if kind == "stub":
        return name, ...
    if kind == "string":
        return name, _text(m.group("string"))
    if kind == "constant":
        return name, _CONSTANTS[m.group("constant")]
    if kind == "integer":
        return name, int(m.group("integer"))
    if kind not in ("set", "list", "dict"):  # pragma: no cover — the pattern has no other
        return None
    body = m.group(kind)
    strings = _strings(body)
    if kind == "set":
        return name, set(strings)
    if kind == "list":
        return name, strings
    return name, dict(zip(strings[0::2], strings[1::2], strict=True))
