"""Question banks for learning platforms: Moodle XML and Canvas QTI (``medialit export``).

``export_banks(fmt, paths, out)`` loads and validates the banks, writes one file atomically
and returns what it did; :mod:`.mapping` is the single table of how each quiz type maps to
each platform and what it loses; :mod:`.moodle_xml` and :mod:`.qti` write the formats from
the platform-neutral pieces in :mod:`.content`, with text made safe by :mod:`.render`;
:mod:`.platform_scores` works the click-the-phrase example the report prints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .banks import ExportBank, bank_paths, book_title, load_export_banks
from .mapping import GENERAL_NOTES, PLATFORMS, report_lines
from .platform_scores import ClickPhraseExample, first_click_phrase_example

FORMATS = ("moodle-xml", "qti")
DEFAULT_OUT = {"moodle-xml": Path("medialit-moodle.xml"), "qti": Path("medialit-canvas-qti.zip")}


@dataclass
class ExportResult:
    fmt: str
    out: Path
    banks: list[ExportBank]
    counts: Counter = field(default_factory=Counter)
    click_phrase_example: ClickPhraseExample | None = None

    @property
    def questions(self) -> int:
        return sum(self.counts.values())

    def report(self) -> str:
        """What was written, and per quiz type the native type and what it loses."""
        platform = PLATFORMS[self.fmt]
        head = (f"{self.questions} questions exported from {len(self.banks)} bank(s) to "
                f"{self.out} ({platform})")
        lines = [head, "Mapping (docs/exports.md has the full table):"]
        lines += report_lines(self.fmt, self.counts)
        if self.click_phrase_example:
            lines.append("Click the phrase, a partly right answer, worked by the scoring code: "
                         + self.click_phrase_example.sentence())
        lines += [f"Note: {note}" for note in GENERAL_NOTES[self.fmt]]
        return "\n".join(lines)


def export_banks(fmt: str, paths: list[Path], out: Path) -> ExportResult:
    """Write ``paths`` (bank files) to ``out`` in ``fmt``; nothing is written on an error."""
    from ..content.bib import read_bib
    from ..io.atomic import write_atomic
    from ..text.case import load_text

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    banks = load_export_banks(paths)
    document, bib = load_text(), read_bib()
    if fmt == "moodle-xml":
        from .moodle_xml import moodle_xml
        data = moodle_xml(banks, document, bib, course=book_title(paths[0].parent))
    else:
        from .qti import qti_zip
        data = qti_zip(banks, document, bib)
    questions = [q for eb in banks for q in eb.bank.questions]
    example = first_click_phrase_example(questions, document)
    write_atomic(out, data)
    return ExportResult(fmt, out, banks, Counter(q.type for q in questions), example)


__all__ = ["DEFAULT_OUT", "FORMATS", "ExportResult", "bank_paths", "export_banks"]
