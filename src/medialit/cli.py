"""The ``medialit`` command: thin click commands over the package's modules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .case import QuoteNotFound, load_oped


class MedialitError(click.ClickException):
    """A user-facing error: printed without a traceback, exits with ``exit_code``."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medialit")
def main() -> None:
    """Tools of the media-literacy kit: the case text, checks, quizzes and grading."""


@main.command("show")
@click.option("--paragraph", "-p", help="Show one paragraph only (1–9 or 'byline').")
def show(paragraph: str | None) -> None:
    """Print the op-ed with its sentence ids (5.2 = paragraph 5, sentence 2)."""
    oped = load_oped()
    paragraphs = [oped.paragraph(paragraph)] if paragraph else [*oped.paragraphs, oped.byline]
    for p in paragraphs:
        click.echo(f"{p.display}")
        for s in p.sentences:
            click.echo(f"  [{s.id}] {s.text}")


@main.command("find")
@click.argument("quote")
def find(quote: str) -> None:
    """Locate QUOTE in the op-ed: its sentence ids and character offsets."""
    try:
        span = load_oped().find(quote)
    except QuoteNotFound as exc:
        raise MedialitError(str(exc)) from None
    click.echo(f"sentences {', '.join(span.sentence_ids)}; characters {span.start}–{span.end}")


@main.command("check")
@click.argument("root", type=click.Path(exists=True, file_okay=False, path_type=Path),
                default=Path("."))
def check(root: Path) -> None:
    """Check every op-ed reference in the book's pages and every question bank under ROOT,
    without building."""
    from .quiz.errors import BankError
    from .quiz.loader import load_banks
    from .refcheck import SKIP_DIRS, page_files, scan_tree

    bad = [str(problem) for problem in scan_tree(root)]
    banks = [p for p in sorted(root.rglob("questions/*.yml"))
             if not SKIP_DIRS.intersection(p.relative_to(root).parts)]
    try:
        load_banks(banks)
    except BankError as exc:
        bad += [str(problem) for problem in exc.problems]
    for problem in bad:
        click.echo(problem, err=True)
    if bad:
        raise MedialitError(f"{len(bad)} problem(s) found")
    click.echo(f"ok: {len(page_files(root))} pages and {len(banks)} question banks checked")


ANALYSES = ("hedges", "quotes", "numbers", "passives")


@main.command("analyse")
@click.argument("kind", type=click.Choice(ANALYSES))
@click.argument("text_file", required=False, type=click.File("r", encoding="utf-8"))
def analyse(kind: str, text_file) -> None:
    """Run one text analysis on TEXT_FILE (default: the op-ed; '-' reads standard input).

    KIND is hedges (hedges and boosters), quotes (phrases in quotation marks and their
    sources), numbers (numbers and whose they are) or passives (with or without an agent).
    Each line is a finding with its sentence id; a finding is a candidate to read, not a verdict.
    """
    from .analysis import find_numbers, find_passives, find_quoted_phrases, find_stance_markers
    from .analysis.table import Table

    text = text_file.read() if text_file else load_oped()
    if kind == "hedges":
        table = Table.of(["sentence", "kind", "words"],
                         [(m.sentence_id, m.kind, m.text) for m in find_stance_markers(text)])
    elif kind == "quotes":
        try:
            phrases = find_quoted_phrases(text)
        except ValueError as exc:
            raise MedialitError(str(exc)) from None
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
    """Validate the kit's data files (annotations, timeline, lexicons) and report counts."""
    from .analysis.lexicons import lexicon_path, load_lexicon
    from .annotations import load_annotations
    from .timeline import load_timeline
    from .yamldata import DataError

    try:
        annotations = load_annotations()
        timeline = load_timeline()
        lexicons = [load_lexicon(p.stem) for p in sorted(lexicon_path("x").parent.glob("*.yml"))]
    except DataError as exc:
        raise MedialitError(str(exc)) from None
    click.echo(f"ok: {len(annotations)} annotations, {len(timeline.events)} timeline events "
               f"({len(timeline.after())} after the op-ed), {len(lexicons)} lexicons")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
