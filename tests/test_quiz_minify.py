"""The quiz's static face ships minified: smaller, and every string and regex kept."""

from __future__ import annotations

from pathlib import Path

from medialit.quiz.html import ASSETS, type_scripts
from medialit.quiz.minify import minified

STATIC = Path(__file__).resolve().parents[1] / "src" / "medialit" / "sphinxext" / "static"


def test_strings_and_regular_expressions_survive(tmp_path):
    source = tmp_path / "x.js"
    source.write_text('// a comment\nvar re = /\\/\\/ not a comment/g; /* block */\n'
                      'var s = "// kept", t = \'/* kept */\';\nfunction f(a, b) {\n  return a / b;\n}\n',
                      encoding="utf-8")
    out = minified(source)
    assert "// a comment" not in out and "block" not in out
    assert "/\\/\\/ not a comment/g" in out and '"// kept"' in out and "'/* kept */'" in out
    assert "return a/b" in out


def test_the_shipped_files_are_smaller_and_keep_their_registrations():
    files = [STATIC / name for name in ASSETS] + [path for _, path in type_scripts()]
    for path in files:
        out = minified(path)
        assert 0 < len(out) < path.stat().st_size, path
    for target, path in type_scripts():
        assert "register" in minified(path) or "MedialitQuiz" in minified(path), target
