"""One error base for the kit: every error class a user can meet is a MedialitError, carries its
place and values, and the command turns it into a message and an exit code."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import click
import pytest
from click.testing import CliRunner

import medialit
from medialit.cli import main
from medialit.errors import MISSING, MedialitError, Problem

# Internal signals of the grading sandbox, not errors shown to a user.
INTERNAL = {"_Stopped", "_LoadFailed", "StudentRaised", "ResultUnreadable", "NotPlain"}
# Modules that need an optional browser stack at import time are skipped only if it is absent.
OPTIONAL = ("medialit.quiz.widgets", "medialit.handouts.pdf", "medialit.lite.sphinx")


def kit_exception_classes():
    found = {}
    for info in pkgutil.walk_packages(medialit.__path__, "medialit."):
        if info.name.endswith("__main__") or ".sandbox_runner" in info.name:
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            if info.name in OPTIONAL:
                continue
            raise
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, Exception)
                    and obj.__module__ == module.__name__ and name not in INTERNAL
                    and obj is not MedialitError):
                found[f"{module.__name__}.{name}"] = obj
    return found


def test_every_kit_error_is_a_medialit_error():
    """No error class of the package stands outside the one base (a new one would be missed
    by the command's exit-code mapping)."""
    classes = kit_exception_classes()
    assert len(classes) >= 20, sorted(classes)
    outside = [name for name, cls in classes.items() if not issubclass(cls, MedialitError)
               and not issubclass(cls, click.ClickException)]
    assert outside == []


def test_errors_carry_place_and_values():
    """A data error, a bank error and a quote error expose file, line, id, field, found."""
    from medialit.case import Document
    from medialit.quiz.errors import BankError, BankProblem
    from medialit.yamldata import DataError

    data = DataError("a.yml", 4, "bad", entry_id="x", field="note")
    assert (data.file, data.line, data.id, data.field) == ("a.yml", 4, "x", "note")
    assert str(data) == "a.yml:4: entry 'x', field 'note': bad"
    assert isinstance(data, ValueError)
    bank = BankError([BankProblem("b.yml", 7, "q-q01", "answer", "wrong", "z", "one of a, b")])
    assert (bank.file, bank.line, bank.id, bank.field, bank.found) == (
        "b.yml", 7, "q-q01", "answer", "z")
    assert str(bank) == ("b.yml:7: question q-q01: field 'answer': wrong "
                         "(found 'z'; expected one of a, b)")
    with pytest.raises(MedialitError) as info:
        Document("One sentence here.\n", has_byline=False).find("two")
    assert info.value.found == "two" and isinstance(info.value, LookupError)
    assert Problem("m").found is MISSING and str(Problem("m", "f.yml", 2)) == "f.yml:2: m"


def test_the_command_maps_every_kit_error_to_its_exit_code(monkeypatch):
    """Any MedialitError escaping a command prints its message (no traceback) and exits with
    the error's exit code."""

    class Odd(MedialitError):
        exit_code = 7

    @main.command("boom-test")
    def boom() -> None:
        raise Odd("the file is odd", file="x.yml", line=3)

    try:
        result = CliRunner().invoke(main, ["boom-test"])
    finally:
        main.commands.pop("boom-test")
    assert result.exit_code == 7
    assert "Error: the file is odd" in result.output and "Traceback" not in result.output


def test_one_data_path_one_error_type(tmp_path):
    """Every loader's error is the one DataError; the one reader and the one validation routine
    place each problem at its file and line, whoever calls them."""
    from pydantic import BaseModel, ConfigDict

    from medialit.analysis.lexicons import LexiconError
    from medialit.annotations import AnnotationError
    from medialit.grading.master import MasterError
    from medialit.grading.spec import SpecError
    from medialit.pack import PackError
    from medialit.quiz.errors import BankError
    from medialit.quiz.i18n import CatalogueError
    from medialit.yamldata import DataError, read_yaml, validate

    for cls in (BankError, SpecError, MasterError, CatalogueError, AnnotationError, LexiconError):
        assert issubclass(cls, DataError), cls
    assert issubclass(PackError, MedialitError)

    class Entry(BaseModel):
        model_config = ConfigDict(extra="forbid")
        id: str
        size: int

    path = tmp_path / "data.yml"
    path.write_text("schema_version: 1\nentries:\n  - id: a\n    size: big\n    colour: red\n",
                    encoding="utf-8")
    data = read_yaml(path)
    entry, problems = validate(Entry, data["entries"][0], file=path, node=data["entries"][0],
                               id="a")
    assert entry is None
    assert [(p.line, p.field, p.found) for p in problems] == [(4, "size", "big"),
                                                             (5, "colour", "colour")]
    assert str(problems[1]).startswith(f"{path}:5: entry 'a', field 'colour': unknown field")
    error = BankError(problems)  # a caller names its kind of file; the problems are the same
    assert error.line == 4 and str(error).startswith("2 problem(s) in question bank(s):")
    path.write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    with pytest.raises(BankError) as caught:
        read_yaml(path, error=BankError)
    assert caught.value.file == str(path) and caught.value.line and "not valid YAML" in str(
        caught.value)
    assert DataError.of(Problem("m", "f.yml", 2)).line == 2
