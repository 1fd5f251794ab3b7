"""The ``medialit`` command: thin click commands over the package's modules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .case import load_text
from .errors import MedialitError


class CommandError(click.ClickException):
    """How click shows a :class:`~medialit.errors.MedialitError`: its message, no traceback,
    and the error's own exit code."""

    def __init__(self, error: MedialitError):
        super().__init__(str(error))
        self.exit_code = error.exit_code  # type: ignore[misc]  # click reads it per instance


class KitGroup(click.Group):
    """A click group whose commands may raise :class:`MedialitError` for any bad input: the
    one place where the kit's errors become exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MedialitError as exc:
            raise CommandError(exc) from None


def _use_pack(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    from . import pack

    if value is not None:
        before = list(pack._CURRENT)
        # --pack holds for this command only (tests run several commands in one process)
        ctx.call_on_close(lambda: pack._CURRENT.__setitem__(slice(None), before))
        try:
            pack.use_pack(value)
        except MedialitError as exc:
            raise click.BadParameter(str(exc)) from None


@click.group(cls=KitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medialit")
@click.option("--pack", type=click.Path(exists=True, path_type=Path), default=None,
              expose_value=False, is_eager=True, callback=_use_pack,
              help="The content pack to work on (a folder with pack.yml). Default: the one "
                   "the book you stand in names in its _config.yml (sphinx.config."
                   "medialit_pack), else MEDIALIT_PACK, else the nearest pack.yml upwards.")
def main() -> None:
    """Tools of the media-literacy kit: the case text, checks, quizzes and grading."""


@main.command("show")
@click.option("--paragraph", "-p", help="Show one paragraph only (1–9 or 'byline').")
def show(paragraph: str | None) -> None:
    """Print the text with its sentence ids (5.2 = paragraph 5, sentence 2)."""
    document = load_text()
    paragraphs = [document.paragraph(paragraph)] if paragraph else list(document.all_paragraphs)
    for p in paragraphs:
        click.echo(f"{p.display}")
        for s in p.sentences:
            click.echo(f"  [{s.id}] {s.text}")


@main.command("find")
@click.argument("quote")
def find(quote: str) -> None:
    """Locate QUOTE in the text: its sentence ids and character offsets."""
    span = load_text().find(quote)
    click.echo(f"sentences {', '.join(span.sentence_ids)}; characters {span.start}–{span.end}")


@main.command("check")
@click.argument("root", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=Path("."))
def check(root: Path) -> None:
    """Check every text reference in the book's pages and every question bank under ROOT,
    and every quotation's source (the build's rules), without building.

    Also lists the quotations whose source was read only on a copy (a mirror), and counts the
    bibliography's entries per verification status.
    """
    from .bib import read_bib, status_counts
    from .quiz.errors import BankError
    from .quiz.loader import load_banks
    from .quotations import check_quotations
    from .refcheck import SKIP_DIRS, page_files, scan_tree

    bad = [str(problem) for problem in scan_tree(root)]
    banks = [p for p in sorted(root.rglob("questions/*.yml"))
             if not SKIP_DIRS.intersection(p.relative_to(root).parts)]
    bib_path = root / "references.bib"
    try:
        load_banks(banks)
    except BankError as exc:
        bad += [str(problem) for problem in exc.problems]
    report = check_quotations(root, bib_path)
    bib = read_bib(bib_path) if bib_path.exists() else {}
    bad += [str(problem) for problem in report.unchecked]
    if report.mirror_only:
        click.echo(f"quotations read only on a copy (status mirror), {len(report.mirror_only)}:")
        for quotation, entry in report.mirror_only:
            shown = quotation.text if len(quotation.text) <= 60 else quotation.text[:57] + "…"
            click.echo(f"  {quotation.place}: {entry.key} (mirror: {entry.mirror}) “{shown}”")
    counts = status_counts(bib)
    click.echo(f"sources: {len(bib)} entries in {bib_path.name}: "
               + ", ".join(f"{n} {status}" for status, n in counts.items()))
    for problem in bad:
        click.echo(problem, err=True)
    if bad:
        raise MedialitError(f"{len(bad)} problem(s) found")
    click.echo(f"ok: {len(page_files(root))} pages and {len(banks)} question banks checked; "
               f"{len(report.quotations)} quotations of sources, each citing a checked entry")


@main.command("new-case")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--text", "text_file", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The text to study, as plain UTF-8: paragraphs separated by blank lines "
                   "(or one paragraph a line). It is reproduced word for word.")
@click.option("--title", required=True, help="The book's title.")
@click.option("--noun", default="text", show_default=True,
              help="How the pages name the text (text, speech, article).")
@click.option("--byline/--no-byline", default=False, show_default=True,
              help="The text's last paragraph is its byline (not numbered).")
def new_case_command(folder: Path, text_file: Path, title: str, noun: str,
                     byline: bool) -> None:
    """Start a new case in FOLDER: a content pack and a book around it (config, toc, the text
    page with numbered paragraphs and sentences, empty annotation layers, a starter bank and a
    starter master) that builds at once with `jupyter-book build FOLDER -W`."""
    from .scaffold import new_case

    made = new_case(folder, text_file, title, noun=noun, byline=byline)
    counts = len(made.document.paragraphs), len(made.document.sentences)
    click.echo(f"new case in {folder}: {counts[0]} paragraphs, {counts[1]} sentences; "
               f"{len(made.files)} files written")
    click.echo(f"build it: jupyter-book build {folder} -W    check it: cd {folder} && "
               "medialit check")


ANALYSES = ("hedges", "quotes", "numbers", "passives")


@main.command("analyse")
@click.argument("kind", type=click.Choice(ANALYSES))
@click.argument("text_file", required=False, type=click.File("r", encoding="utf-8"))
def analyse(kind: str, text_file) -> None:
    """Run one text analysis on TEXT_FILE (default: the text; '-' reads standard input).

    KIND is hedges (hedges and boosters), quotes (phrases in quotation marks and their
    sources), numbers (numbers and whose they are) or passives (with or without an agent).
    Each line is a finding with its sentence id; a finding is a candidate to read, not a verdict.
    """
    from .analysis import find_numbers, find_passives, find_quoted_phrases, find_stance_markers
    from .analysis.table import Table

    text = text_file.read() if text_file else load_text()
    if kind == "hedges":
        table = Table.of(["sentence", "kind", "words"],
                         [(m.sentence_id, m.kind, m.text) for m in find_stance_markers(text)])
    elif kind == "quotes":
        phrases = find_quoted_phrases(text)
        table = Table.of(["sentence", "phrase", "kind", "source"],
                         [(q.sentence_id, q.text, q.kind, q.source) for q in phrases])
    elif kind == "numbers":
        table = Table.of(["sentence", "number", "kind", "whose number"],
                         [(n.sentence_id, n.text, n.kind,
                           n.attribution if n.kind == "quantity" else None)
                          for n in find_numbers(text)])
    else:
        table = Table.of(["sentence", "passive", "agent"],
                         [(p.sentence_id, p.text, p.agent or "none named")
                          for p in find_passives(text)])
    click.echo(repr(table))


@main.command("check-data")
def check_data() -> None:
    """Validate the kit's data files (references.bib, annotations, timeline, lexicons,
    objectives, corrections) and report counts."""
    from .analysis.lexicons import lexicon_path, load_lexicon
    from .annotations import load_annotations
    from .bib import read_bib
    from .corrections import load_corrections
    from .objectives import load_objectives
    from .timeline import load_timeline

    bib = read_bib()
    annotations = load_annotations()
    timeline = load_timeline()
    lexicons = [load_lexicon(p.stem) for p in sorted(lexicon_path("x").parent.glob("*.yml"))]
    objectives = load_objectives()
    corrections = load_corrections()
    graded = {(set_id, q) for o in objectives for set_id, ids in o.sets.items() for q in ids}
    click.echo(f"ok: {len(annotations)} annotations, {len(timeline.events)} timeline events "
               f"({len(timeline.after())} after the {load_text().noun}), {len(lexicons)} lexicons, "
               f"{len(objectives)} objectives (mapped to {len(graded)} graded-set questions), "
               f"{len(bib)} sources, {len(corrections)} corrections")


# -- exports for learning platforms (medialit.export) ------------------------------------------

@main.command("export")
@click.argument("banks", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["moodle-xml", "qti"]), required=True,
              help="moodle-xml: one Moodle XML file, a question category per bank. qti: a zip "
                   "Canvas imports (IMS QTI 1.2), an assessment and question bank per bank.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: medialit-moodle.xml or medialit-canvas-qti.zip).")
@click.option("--questions", "folder", type=click.Path(file_okay=False, path_type=Path),
              default=Path("chapters") / "questions", show_default=True,
              help="Folder of the question banks (when no BANKS are named).")
def export(banks: tuple[str, ...], fmt: str, out: Path | None, folder: Path) -> None:
    """Write question banks for Moodle or Canvas and report how each quiz type was mapped.

    BANKS are bank names (framing) or paths to bank files; default: every bank in the
    folder. A bank that is missing or does not validate stops the export: nothing is written.
    """
    from .export import DEFAULT_OUT, bank_paths, export_banks
    from .quiz.errors import BankError

    try:
        result = export_banks(fmt, bank_paths(banks, folder), out or DEFAULT_OUT[fmt])
    except BankError as exc:
        raise MedialitError(f"no export written:\n{exc}") from None
    except OSError as exc:
        raise MedialitError(f"no export written: {exc}") from None
    click.echo(result.report())


# -- grading (medialit.grading) -----------------------------------------------------------------

SOLUTIONS = Path("solutions")
EXERCISES = Path("exercises")


def _master_path(set_name: str, solutions: Path) -> Path:
    from .grading.master import find_master

    return find_master(set_name, solutions)


@main.command("release")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=SOLUTIONS,
              show_default=True, help="Folder of master notebooks.")
@click.option("--exercises", type=click.Path(file_okay=False, path_type=Path), default=EXERCISES,
              show_default=True, help="Folder the student notebooks are written to.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; fail if exercises/ is out of sync with solutions/.")
def release(solutions: Path, exercises: Path, check_only: bool) -> None:
    """Generate the student notebooks in exercises/ from the masters in solutions/."""
    from .grading.release import release_all

    changed = release_all(solutions, exercises, check_only=check_only)
    for path in changed:
        click.echo(f"{'out of sync' if check_only else 'written'}: {path}")
    if check_only and changed:
        raise MedialitError("exercises/ is out of sync with solutions/: run `medialit release`")
    if not changed:
        click.echo("exercises/ is up to date")


@main.command("grade")
@click.argument("set_name", required=False)
@click.argument("submissions", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder (gradebook.csv, canvas-gradebook.csv, "
                   "moodle-grading-worksheet.csv, feedback/, results/, summary.*).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Grade in this many processes.")
@click.option("--id-pattern", default=None,
              help="Regular expression with a group (?P<id>...) that finds the student id in "
                   "the file path (default: Moodle, Canvas, Blackboard and Gradescope "
                   "bulk-download layouts, else the file name).")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=SOLUTIONS,
              show_default=True, help="Folder of master notebooks.")
@click.option("--merge-manual", "merge_csv", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Merge the scores filled in manual.csv and rewrite outputs.")
@click.option("--no-code", is_flag=True, help="Do not run code exercises (they stay pending).")
@click.option("--time-limit", type=click.FloatRange(0.5, 600), default=10.0, show_default=True,
              help="Wall-time limit in seconds for one submission's code exercise (each hidden "
                   "test gets at most a fifth of it, and at least 0.25 s).")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
def grade(set_name: str | None, submissions: tuple[Path, ...], out: Path, jobs: int,
          id_pattern: str | None, solutions: Path, merge_csv: Path | None, no_code: bool,
          time_limit: float, progress: bool) -> None:
    """Grade SUBMISSIONS (.ipynb files, folders, zips) of SET (id, letter or master path)."""
    from .grading.manual import merge_manual
    from .grading.outputs import difficulty_table
    from .grading.pipeline import grade_batch, rewrite_outputs
    from .grading.summary_text import batch_line

    if merge_csv:
        if not (out / "records").is_dir():
            raise MedialitError(f"{out} holds no graded batch (no records/): grade first")
        merged, problems = merge_manual(merge_csv, out)
        master = None
        if set_name:
            from .grading.master import load_master
            master = load_master(_master_path(set_name, solutions))
        results = rewrite_outputs(out, master)
        for problem in problems:
            click.echo(f"skipped: {problem}", err=True)
        click.echo(f"merged {merged} manual score(s); outputs rewritten for {len(results)} "
                   f"student(s) in {out}")
        if problems:
            raise MedialitError(f"{len(problems)} row(s) of {merge_csv} were not merged")
        return
    if not set_name or not submissions:
        raise click.UsageError("give a SET and at least one SUBMISSIONS path (or --merge-manual)")
    if id_pattern:
        import re
        try:
            if "id" not in re.compile(id_pattern).groupindex:
                raise MedialitError("--id-pattern needs a named group (?P<id>...)")
        except re.error as exc:
            raise MedialitError(f"--id-pattern is not a valid regular expression: {exc}") from None
    from dataclasses import replace

    from .grading.limits import DEFAULT_LIMITS

    limits = replace(DEFAULT_LIMITS, code_wall_seconds=time_limit,
                     code_test_seconds=max(0.25, time_limit / 5))

    report = grade_batch(_master_path(set_name, solutions), list(submissions), out,
                         jobs=jobs, id_pattern=id_pattern, limits=limits,
                         progress=progress, run_code=not no_code)
    import json
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    click.echo(batch_line(summary))
    if report.sandbox:
        click.echo(f"code exercises ran in the sandbox's {report.sandbox}")
    click.echo(difficulty_table(summary))
    for source, reason in report.collection.ignored:
        click.echo(f"ignored: {source} ({reason})", err=True)
    for student, source, reason in report.collection.superseded:
        click.echo(f"not graded: {source} ({student}: {reason})", err=True)


@main.command("gradescope")
@click.argument("set_name")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=SOLUTIONS,
              show_default=True, help="Folder of master notebooks.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Zip to write (default: <set>-gradescope.zip).")
def gradescope(set_name: str, solutions: Path, out: Path | None) -> None:
    """Build a Gradescope autograder zip (setup.sh + run_autograder) for SET."""
    from .grading.gradescope import build_autograder

    master_path = _master_path(set_name, solutions)
    target = out or Path(f"{master_path.stem}-gradescope.zip")
    build_autograder(master_path, target)
    click.echo(f"written: {target}")


# -- printable handouts (medialit.handouts) ----------------------------------------------------

@main.command("handouts")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder the PDFs are written to (created if needed).")
@click.option("--layer", "layers", multiple=True, metavar="LAYER",
              help="Annotation layer to print on a copy of the text (repeatable): claims, "
                   "frames, sources, loaded-terms or rhetoric. Default: one PDF per layer.")
@click.option("--set", "sets", multiple=True, metavar="SET",
              help="Exercise set to print (repeatable; id or letter, e.g. a). Default: all.")
@click.option("--instructor", is_flag=True,
              help="Also print the answer key of each set, from solutions/ (instructors only).")
@click.option("--exercises", type=click.Path(file_okay=False, path_type=Path), default=EXERCISES,
              show_default=True, help="Folder of released student notebooks (the worksheets).")
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=SOLUTIONS,
              show_default=True, help="Folder of master notebooks (read only with --instructor).")
@click.option("--book", "book", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True,
              help="The book's folder: its text page (chapters/document.md) and references.bib.")
@click.option("--book-url", default=None, metavar="URL",
              help="Where students find the book (printed at the foot of every page). "
                   "Default: the text page's path in the book.")
def handouts(out: Path, layers: tuple[str, ...], sets: tuple[str, ...], instructor: bool,
             exercises: Path, solutions: Path, book: Path, book_url: str | None) -> None:
    """Print handouts to PDF with headless Chromium: the text with paragraph and sentence
    numbers and a ruled margin for notes, the text with each annotation layer, one worksheet
    per exercise set and, with --instructor, the answer keys."""
    from .handouts.build import INSTRUCTOR_ONLY, build_handouts, plan_handouts

    plan = plan_handouts(exercises=exercises, solutions=solutions, book=book, layers=layers,
                         sets=sets, instructor=instructor, book_url=book_url)
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




@main.command("leak-check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--solutions", type=click.Path(file_okay=False, path_type=Path), default=SOLUTIONS,
              show_default=True, help="Folder of master notebooks (the keys to look for).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The kit's folder: its pages and data are public.")
def leak_check(paths: tuple[Path, ...], solutions: Path, root: Path) -> None:
    """Fail if any file under PATHS holds a graded set's key or solution.

    PATHS default to the student edition (_build/html) and the released notebooks (exercises/).
    Run it before you publish the book or hand out files. It looks for the masters' worked
    answers, hidden tests, instructor notes, feedback, explanations and rubric levels.
    """
    from .leaks import key_needles, public_text, scan

    if not solutions.is_dir() or not any(solutions.glob("set-*.ipynb")):
        click.echo(f"no masters in {solutions}: nothing to look for")
        return
    paths = paths or tuple(p for p in (root / "_build" / "html", root / "exercises")
                           if p.exists())
    if not paths:
        raise MedialitError("nothing to check: build the book first (make book) or give PATHS")
    needles = key_needles(solutions, public_text(root))
    leaks = scan(paths, needles)
    for leak in leaks:
        click.echo(str(leak), err=True)
    if leaks:
        files = len({leak.file for leak in leaks})
        raise MedialitError(f"{len(leaks)} key or solution text(s) found in {files} file(s): "
                            "do not publish these files")
    click.echo(f"ok: none of {len(needles)} key and solution texts found in "
               f"{', '.join(map(str, paths))}")


# -- JupyterHub (medialit.launch) ----------------------------------------------------------------

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
              help="Also print links for the chapter notebooks (chapters/*.ipynb).")
@click.option("--markdown", is_flag=True,
              help="Print a Markdown list of links, to paste into an LMS page or a syllabus.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("."), show_default=True,
              help="The repository's folder on this computer; PATHs are relative to it.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def launch_link(hub: str, repo: str, branch: str, interface: str, chapters: bool,
                markdown: bool, root: Path, paths: tuple[Path, ...]) -> None:
    """Print an nbgitpuller link for each notebook PATH (default: every exercises/*.ipynb).

    A student who follows a link gets the repository pulled into a folder named like it on
    the hub, and the notebook opened there. Each line is the notebook's path, then its link.
    """
    from .launch import launch_links

    links = launch_links(hub, repo, list(paths), root=root, branch=branch,
                         interface=interface, chapters=chapters)
    for link in links:
        click.echo(f"- [{link.path}]({link.url})" if markdown else f"{link.path}  {link.url}")


# -- the live notebooks (medialit.lite) -----------------------------------------------------------

@main.group("lite")
def lite() -> None:
    """The book's notebooks live in the browser (JupyterLite with the Pyodide kernel)."""


@lite.command("build")
@click.option("--html", "html", type=click.Path(file_okay=False, path_type=Path),
              default=Path("_build/html"), show_default=True,
              help="The built book; the live site goes into its lite/ folder.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="The kit's folder (lite/ pins, notebooks).")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where downloads are kept (default: ROOT/.cache/lite).")
@click.option("--book-url", default=None, metavar="URL",
              help="The book's public address, for the install line of downloaded notebooks "
                   "(default: the address of `medialit serve`).")
def lite_build(html: Path, root: Path, cache: Path | None, book_url: str | None) -> None:
    """Build the live site into HTML/lite and the kit's wheel into HTML/wheel."""
    from .lite.bytecode import BytecodeError
    from .lite.fetch import FetchError
    from .lite.pins import PinError
    from .lite.pyodide_lock import LockError
    from .lite.remote import RemoteURLError
    from .lite.site import LiteBuildError, build_site
    from .lite.trim import TrimError

    try:
        site = build_site(root.resolve(), html.resolve(), cache=cache, book_url=book_url,
                          log=click.echo)
    except (FetchError, PinError, LockError, RemoteURLError, LiteBuildError, BytecodeError,
            TrimError) as exc:
        raise MedialitError(str(exc)) from None
    click.echo(f"lite: {len(site.notebooks)} notebooks, {len(site.lock['packages'])} packages "
               f"in the site's lock, at {site.site}")


@lite.command("check")
@click.argument("site", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=Path("_build/html/lite"))
def lite_check(site: Path) -> None:
    """Fail if a config or lock of the live SITE names a remote URL."""
    from .lite.remote import check_no_remote_urls

    files = check_no_remote_urls(site)
    click.echo(f"lite: {files} config and lock files, no remote URL")


@main.command("serve")
@click.argument("book", type=click.Path(file_okay=False, path_type=Path),
                default=Path("_build/html"))
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="The port (default 8765).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on. Live notebooks keep their files view only on "
                   "localhost (or https).")
def serve(book: Path, port: int | None, host: str) -> None:
    """Serve the built BOOK (default _build/html) on http://localhost:8765/ until Ctrl-C.

    The live notebooks need this: a JupyterLite app cannot start from a file:// page.
    """
    from .lite import DEFAULT_PORT
    from .lite.serve import make_server

    server = make_server(book, host=host, port=port or DEFAULT_PORT)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    click.echo(f"The book is at http://{shown}:{server.server_address[1]}/ (Ctrl-C stops it).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
