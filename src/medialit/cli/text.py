"""Commands on the case text and the book: show, find, check, new-case, analyse, check-data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import MedialitError
from ..text.case import load_text
from . import main, pack_for

if TYPE_CHECKING:
    from ..pack import ContentPack


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
@click.option("--figures/--no-figures", default=True, show_default=True,
              help="Print the assessment figures of the banks and sets (medialit.quiz.quality).")
def check(root: Path, figures: bool) -> None:
    """Check every text reference in the book's pages and every question bank under ROOT,
    and every quotation's source (the build's rules), without building. ROOT is checked
    against the content pack its _config.yml names (or --pack), wherever check runs from.

    Also lists the quotations whose source was read only on a copy (a mirror), counts the
    bibliography's entries per verification status, and prints the assessment figures of every
    bank and graded set (cueing, feedback, unseen material, close variants, objective coverage,
    rubrics).
    """
    from ..pack import using_pack

    with using_pack(pack_for(root)) as pack:  # ROOT's own pack, wherever check runs from
        _check(root, figures, pack)


def _check(root: Path, figures: bool, pack: ContentPack) -> None:
    from ..checks.quotations import bank_paths, check_quotations
    from ..checks.refcheck import page_files, scan_tree
    from ..content.bib import read_bib, status_counts
    from ..pack import BOOK_BIB
    from ..quiz.errors import BankError
    from ..quiz.loader import load_banks

    bad = [str(problem) for problem in scan_tree(root)]
    banks = bank_paths(root)  # the pack's banks folder in this book, and any questions/ folder
    bib_path = pack.bibliography_in(root) or root / BOOK_BIB  # counted as empty when absent
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
    if figures:
        from ..quiz.quality import report as assessment_report

        for line in assessment_report(root, pack):
            click.echo(line)


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
    from ..scaffold import new_case

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
    from ..analysis import find_numbers, find_passives, find_quoted_phrases, find_stance_markers
    from ..analysis.table import Table

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
    from ..analysis.lexicons import lexicon_path, load_lexicon
    from ..content.annotations import load_annotations
    from ..content.bib import read_bib
    from ..content.corrections import load_corrections
    from ..content.objectives import load_objectives
    from ..content.timeline import load_timeline

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
