"""orjson, where installed, reads notebooks and writes the per-student files: the same results
and bytes as json, and whatever orjson refuses is read or written by json, with json's messages."""

from __future__ import annotations

import json
import math

import pytest

from medialit.grading import outputs, read_answers
from medialit.grading.read_answers import NotebookError, load_notebook

orjson = pytest.importorskip("orjson")  # pinned in requirements.lock: present in make test


def _notebook(**extra) -> dict:
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"x": extra},
            "cells": [{"cell_type": "code", "source": ["q1 = 'A'\n", "q2 = 3"], "metadata": {},
                       "outputs": [], "execution_count": None}]}


def test_the_fast_reader_is_the_one_in_use():
    assert read_answers.orjson is orjson and outputs.orjson is orjson


def test_same_notebook_either_way(monkeypatch):
    data = json.dumps(_notebook(name="Ahmed Əliyev — “Set A”")).encode("utf-8")
    fast = load_notebook(data)
    monkeypatch.setattr(read_answers, "orjson", None)
    assert load_notebook(data) == fast
    assert fast["cells"][0]["source"] == "q1 = 'A'\nq2 = 3"


@pytest.mark.parametrize("text", [
    '{"nbformat": 4, "cells": [], "metadata": {"v": NaN}}',  # json.dump writes NaN; orjson refuses
    '\ufeff{"nbformat": 4, "cells": [], "metadata": {}}',  # a byte-order mark
    '{"nbformat": 4, "cells": [], "metadata": ' + "[" * 1500 + "]" * 1500 + "}",
])
def test_what_orjson_refuses_json_decides(text):
    data = text.encode("utf-8")
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(data)
    try:
        expected = json.loads(text)
    except json.JSONDecodeError:
        with pytest.raises(NotebookError, match="not valid JSON"):
            load_notebook(data)
        return
    except RecursionError:  # pragma: no cover — depends on the interpreter's limit
        with pytest.raises(NotebookError):
            load_notebook(data)
        return
    got = load_notebook(data)
    if isinstance(expected["metadata"].get("v"), float):
        assert math.isnan(got["metadata"]["v"])
    else:
        assert got == expected


def test_a_huge_integer_is_read_as_a_float_and_nothing_graded_uses_it():
    # orjson reads integers above 64 bits as floats; the grader reads only the cells' text,
    # their metadata strings and the small nbformat version, so no answer or score can change
    data = b'{"nbformat": 4, "cells": [{"cell_type": "code", "source": "q1 = 10**30",' \
           b' "metadata": {"n": 123456789012345678901234567890}}], "metadata": {}}'
    got = load_notebook(data)
    assert got["cells"][0]["source"] == "q1 = 10**30"
    assert got["cells"][0]["metadata"]["n"] == pytest.approx(1.2345678901234568e29)


def test_not_utf8_keeps_its_message():
    with pytest.raises(NotebookError, match=r"not UTF-8 text \(byte 0xff at position 1\)"):
        load_notebook(b'{\xff"nbformat": 4}')


def test_bad_json_keeps_its_line_and_column():
    with pytest.raises(NotebookError, match=r"not valid JSON \(line 2, column 1\)"):
        load_notebook(b'{"nbformat": 4,\n}')


@pytest.mark.parametrize("value", [
    {"b": 1, "a": [1.5, 4.5, 83.3, 0.1, 2.25], "é": "Ağdam — ¶6.3 “limited”", "n": None, "t": True},
    {"questions": [{"points": 4.5, "max_points": 4.5, "lines": ["✓ passed"]}], "total": 17.25},
    {"big": 2 ** 70},  # orjson refuses integers above 64 bits: json writes them
    {1: "a"},  # a key that is not a string: json turns it into "1"
])
def test_compact_bytes_are_json_s(value, monkeypatch):
    fast = outputs.compact_json_bytes(value)
    monkeypatch.setattr(outputs, "orjson", None)
    assert fast == outputs.compact_json_bytes(value)
    assert fast.endswith(b"\n") and fast.count(b"\n") == 1
