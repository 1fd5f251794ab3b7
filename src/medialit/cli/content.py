"""Commands that turn the kit into other forms: export, handouts, launch-link."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import MedialitError
from . import main, pack_for


@main.command("export")
@click.argument("banks", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["moodle-xml", "qti"]), required=True,
              help="moodle-xml: one Moodle XML file, a question category per bank. qti: a zip "
                   "Canvas imports (IMS QTI 1.2), an assessment and question bank per bank.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: medialit-moodle.xml or medialit-canvas-qti.zip).")
@click.option("--questions", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=None,
              help="Folder of the question banks (when no BANKS are named). Default: the "
                   "pack's banks folder (banks: in pack.yml).")
def export(banks: tuple[str, ...], fmt: str, out: Path | None, folder: Path | None) -> None:
    """Write question banks for Moodle or Canvas and report how each quiz type was mapped.

    BANKS are bank names (framing) or paths to bank files; default: every bank in the
    folder. A bank that is missing or does not validate stops the export: nothing is written.
    """
    from ..export import DEFAULT_OUT, bank_paths, export_banks
    from ..pack import using_pack
    from ..quiz.errors import BankError

    try:
        with using_pack(pack_for(Path("."))) as pack:  # the pack of the book you stand in
            result = export_banks(fmt, bank_paths(banks, folder, pack), out or DEFAULT_OUT[fmt])
    except BankError as exc:
        raise MedialitError(f"no export written:\n{exc}") from None
    except OSError as exc:
        raise MedialitError(f"no export written: {exc}") from None
    click.echo(result.report())


# -- grading (medialit.grading) -----------------------------------------------------------------


@main.command("handouts")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder the PDFs are written to (created if needed).")
@click.option("--layer", "layers", multiple=True, metavar="LAYER",
              help="Annotation layer to print on a copy of the text (repeatable): claims, "
                   "frames, sources, loaded-terms or rhetoric. Default: one PDF per layer.")
@click.option("--set", "sets", multiple=True, metavar="SET",
              help="Exercise set to print (repeatable; id or letter, e.g. a). Default: all.")
@click.option("--instructor", is_flag=True,
              help="Also print the answer key of each set, from the master notebooks "
                   "(instructors only).")
@click.option("--exercises", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of released student notebooks (the worksheets). Default: the "
                   "pack's exercises folder; a pack without one prints no worksheets.")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of master notebooks (read only with --instructor). Default: the "
                   "pack's masters folder.")
@click.option("--book", "book", type=click.Path(file_okay=False, path_type=Path),
              default=None,
              help="The book's folder, where the pack's text page (text.page) is. Default: "
                   "the book the pack was found from.")
@click.option("--book-url", default=None, metavar="URL",
              help="Where students find the book (printed at the foot of every page). "
                   "Default: the text page's path in the book.")
def handouts(out: Path, layers: tuple[str, ...], sets: tuple[str, ...], instructor: bool,
             exercises: Path | None, solutions: Path | None, book: Path | None,
             book_url: str | None) -> None:
    """Print handouts to PDF with headless Chromium: the text with paragraph and sentence
    numbers and a ruled margin for notes, the text with each annotation layer, one worksheet
    per exercise set and, with --instructor, the answer keys."""
    from ..handouts.build import INSTRUCTOR_ONLY, build_handouts, plan_handouts

    plan = plan_handouts(exercises=exercises, solutions=solutions, book=book, layers=layers,
                         sets=sets, instructor=instructor, book_url=book_url,
                         pack=pack_for(book or Path(".")))
    for written in build_handouts(plan, out):
        noun = "page" if written.pages == 1 else "pages"
        click.echo(f"{written.path}  {written.pages} {noun}")
    if not instructor:
        click.echo(f"no answer key: {INSTRUCTOR_ONLY}")
        stale = sorted(out.glob("answer-key-*.pdf"))
        if stale:
            click.echo(f"warning: {out} still holds {len(stale)} answer key(s) from an earlier "
                       "--instructor run; remove them before giving the folder to students",
                       err=True)


@main.command("launch-link")
@click.option("--hub", required=True,
              help="The JupyterHub's address, e.g. https://hub.example.edu (nbgitpuller must be "
                   "installed there).")
@click.option("--repo", required=True,
              help="The kit's git repository as the hub will clone it, e.g. "
                   "https://github.com/your-org/your-kit.")
@click.option("--branch", default="main", show_default=True, help="The branch to pull.")
@click.option("--interface", type=click.Choice(["lab", "notebook"]), default="lab",
              show_default=True, help="Open the notebook in JupyterLab or in the classic "
                                      "Notebook interface.")
@click.option("--chapters", is_flag=True,
              help="Also print links for the chapter notebooks (those in the folders of the "
                   "book's pages: chapters/*.ipynb in the kit's book).")
@click.option("--markdown", is_flag=True,
              help="Print a Markdown list of links, to paste into an LMS page or a syllabus.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("."), show_default=True,
              help="The repository's folder on this computer; PATHs are relative to it.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def launch_link(hub: str, repo: str, branch: str, interface: str, chapters: bool,
                markdown: bool, root: Path, paths: tuple[Path, ...]) -> None:
    """Print an nbgitpuller link for each notebook PATH (default: every released notebook of
    the pack, exercises/*.ipynb in the kit's book).

    A student who follows a link gets the repository pulled into a folder named like it on
    the hub, and the notebook opened there. Each line is the notebook's path, then its link.
    """
    from ..launch import launch_links

    links = launch_links(hub, repo, list(paths), root=root, branch=branch,
                         interface=interface, chapters=chapters, pack=pack_for(root))
    for link in links:
        click.echo(f"- [{link.path}]({link.url})" if markdown else f"{link.path}  {link.url}")


# -- the live notebooks (medialit.lite) -----------------------------------------------------------
