"""`medialit check BOOK` checks BOOK against the content pack its own _config.yml names,
wherever it runs from (the repository root names another pack); --pack still wins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pack_support import make_tiny

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "packs" / "practice"


def test_check_from_the_repository_root_finds_the_books_own_pack():
    """`medialit check packs/practice/book` from the root (whose _config.yml names the kit's
    pack, and with MEDIALIT_PACK set to it) checks the practice book against the practice
    pack: its quotes are the practice text's, its bank the practice bank."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"),
           "MEDIALIT_PACK": str(ROOT / "packs" / "oped-2024")}
    proc = subprocess.run([sys.executable, "-m", "medialit.cli", "check", "packs/practice/book"],
                          cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "pages and 1 question banks checked" in proc.stdout
    assert "\nselka " in proc.stdout  # the figures are the practice bank's


def test_check_with_pack_keeps_the_pack_given(tmp_path):
    """--pack still wins over the book's own _config.yml."""
    from medialit.cli import main

    book, _ = make_tiny(tmp_path)
    result = CliRunner().invoke(main, ["--pack", str(PRACTICE), "check", "--no-figures",
                                       str(book)])
    assert result.exit_code == 2 and "quote not found verbatim in the op-ed" in result.output
