"""Build benchmark: prints how long the book takes to build and how heavy it is.

Works on a copy of the book in a temporary folder, so your own _build/ is left alone.
Prints: clean build seconds, no-change rebuild seconds, one-chapter-changed rebuild seconds,
total bytes of _build/html, and the largest page's bytes of JavaScript (external files it
loads plus inline scripts).

    .venv/bin/python benchmarks/build.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", "test-output", "__pycache__",
                                     "*.egg-info", ".lock-venv")
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
SRC = re.compile(r"\bsrc=\"([^\"]+)\"")


def jupyter_book() -> str:
    exe = Path(sys.executable).with_name("jupyter-book")
    return str(exe) if exe.exists() else "jupyter-book"


def timed_build(book: Path) -> float:
    start = time.perf_counter()
    subprocess.run([jupyter_book(), "build", str(book)], check=True, cwd=book,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def page_js_bytes(page: Path, html_root: Path) -> int:
    """Bytes of JavaScript a page loads: local script files plus inline script bodies."""
    total = 0
    for attrs, body in SCRIPT.findall(page.read_text(encoding="utf-8")):
        if "application/json" in attrs or "x-thebe-config" in attrs:
            continue  # data, not code
        match = SRC.search(attrs)
        if match:
            src = match.group(1).split("?")[0]
            target = (page.parent / src).resolve()
            if target.is_file() and html_root in target.parents:
                total += target.stat().st_size
        else:
            total += len(body.encode("utf-8"))
    return total


def largest_page_js(html_root: Path) -> tuple[str, int]:
    pages = [p for p in html_root.rglob("*.html") if "_static" not in p.parts]
    sizes = {p.relative_to(html_root).as_posix(): page_js_bytes(p, html_root) for p in pages}
    name = max(sizes, key=sizes.get)
    return name, sizes[name]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
        book = Path(tmp) / "book"
        shutil.copytree(ROOT, book, ignore=COPY_IGNORE)
        clean = timed_build(book)
        unchanged = timed_build(book)
        chapter = book / "chapters" / "oped.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more line.\n",
                           encoding="utf-8")
        one_changed = timed_build(book)
        html = book / "_build" / "html"
        page, js = largest_page_js(html)
        print(f"clean build:                 {clean:8.1f} s")
        print(f"no-change rebuild:           {unchanged:8.1f} s")
        print(f"one-chapter-changed rebuild: {one_changed:8.1f} s")
        print(f"_build/html total:           {tree_bytes(html):8d} bytes")
        print(f"largest page JavaScript:     {js:8d} bytes ({page})")


if __name__ == "__main__":
    main()
