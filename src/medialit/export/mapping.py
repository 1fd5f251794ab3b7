"""The one table of how each quiz type maps to Moodle and Canvas, and what each mapping loses.

The exporters (``moodle_xml``, ``qti``) read their target type from :data:`MAPPING`, the
command prints its report from it, ``docs/exports.md`` carries :func:`mapping_table_markdown`
verbatim (a test compares the two), and the round-trip tests check the exported files against
it. Change a mapping here and nowhere else.

Fidelity, per platform:

- ``exact``: a native type with the same interaction and the same score for every answer.
- ``lossy``: a native type with the same interaction, but part of the kit's behaviour
  (a scoring detail, where a feedback shows) does not carry over; ``note`` says what.
- ``substitute``: the platform has no equivalent type; the question is approximated by
  another native type, and ``note`` says how it differs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

Fidelity = Literal["exact", "lossy", "substitute"]
PLATFORMS = {"moodle-xml": "Moodle", "qti": "Canvas"}


@dataclass(frozen=True)
class Target:
    """One quiz type on one platform: the native type written and what does not carry over."""

    native: str  # the platform's own name for the type, as written in the file
    label: str  # how a teacher finds it in the platform's interface
    fidelity: Fidelity
    note: str = ""  # what is lost or approximated (empty for exact)


@dataclass(frozen=True)
class TypeMapping:
    kit_type: str
    moodle: Target
    canvas: Target

    def target(self, fmt: str) -> Target:
        return self.moodle if fmt == "moodle-xml" else self.canvas


MAPPING: dict[str, TypeMapping] = {m.kit_type: m for m in (
    TypeMapping(
        "single_choice",
        Target("multichoice", "Multiple choice, one answer", "exact"),
        Target("multiple_choice_question", "Multiple Choice", "exact")),
    TypeMapping(
        "multiple_choice",
        Target("multichoice", "Multiple choice, multiple answers", "exact"),
        Target("multiple_answers_question", "Multiple Answers", "lossy",
               "Canvas deducts points ÷ (number of right options) for each wrong pick; the kit "
               "deducts points ÷ (number of wrong options)")),
    TypeMapping(
        "true_false",
        Target("truefalse", "True/False", "exact"),
        Target("true_false_question", "True/False", "exact")),
    TypeMapping(
        "matching",
        Target("matching", "Matching", "lossy",
               "Moodle has no feedback per pair: the kit's per-pair feedback is listed in the "
               "general feedback"),
        Target("matching_question", "Matching", "lossy",
               "Canvas shows a pair's feedback only when that pair is answered wrong")),
    TypeMapping(
        "ordering",
        Target("ordering", "Ordering (core since Moodle 4.4)", "exact",
               ""),
        Target("matching_question", "Matching", "substitute",
               "classic quizzes have no ordering type: each position (1st, 2nd, …) is matched to "
               "an item, and scoring counts items in the right position, not pairs in the right "
               "relative order")),
    TypeMapping(
        "numeric",
        Target("numerical", "Numerical", "exact"),
        Target("numerical_question", "Numerical Answer", "exact")),
    TypeMapping(
        "free_text",
        Target("essay", "Essay", "lossy",
               "graded by the teacher instead of the learner's self-check against the rubric; "
               "the model answer and rubric are in the grader information and the general "
               "feedback; Moodle's essay type keeps no hints, so a hint is printed in the "
               "question text, visible from the start"),
        Target("essay_question", "Essay", "lossy",
               "graded by the teacher instead of the learner's self-check against the rubric; "
               "the model answer and rubric are in the general feedback")),
    TypeMapping(
        "label_sentences",
        Target("matching", "Matching", "lossy",
               "each sentence (text included) is matched to a label; labels also accepted "
               "('accept') are not, and per-sentence feedback is listed in the general feedback"),
        Target("matching_question", "Matching", "lossy",
               "each sentence (text included) is matched to a label; labels also accepted "
               "('accept') are not; a sentence's feedback shows only when it is labelled wrong")),
    TypeMapping(
        "click_phrase",
        Target("multichoice", "Multiple choice, multiple answers", "substitute",
               "no word-selection type: the paragraph is shown and cut into passages at the "
               "key's edges and at clause punctuation; the learner ticks passages (the key "
               "quotes are among them), scored per passage (+1/k per key passage, −1/w per "
               "other) instead of by word overlap, so a partly right answer scores differently "
               "(worked example in the report and docs/exports.md)"),
        Target("multiple_answers_question", "Multiple Answers", "substitute",
               "no word-selection type: the paragraph is shown and cut into passages at the "
               "key's edges and at clause punctuation; the learner ticks passages (the key "
               "quotes are among them), scored per passage with Canvas's penalty rule, so a "
               "partly right answer scores differently (worked example in the report and "
               "docs/exports.md)")),
)}

# What no type keeps on a platform (said once in the report and the docs, not per type).
GENERAL_NOTES = {
    "moodle-xml": [("hints become Moodle hints (shown in the 'Interactive with multiple tries' "
                    "behaviour), except for free text: Moodle's essay keeps no hints"),
                   "citations are listed in the general feedback"],
    "qti": ["hints are not exported (classic quizzes have no hints)",
            "citations are listed in the general feedback"],
}


def target(kit_type: str, fmt: str) -> Target:
    return MAPPING[kit_type].target(fmt)


def report_lines(fmt: str, counts: Counter) -> list[str]:
    """One line per quiz type present, from the table: native type, and what is lost."""
    lines = []
    for kit_type, mapping in MAPPING.items():
        if not counts.get(kit_type):
            continue
        t = mapping.target(fmt)
        where = {"exact": " (exact)", "lossy": f" (lossy: {t.note})",
                 "substitute": f" (no native equivalent: {t.note})"}[t.fidelity]
        lines.append(f"  {kit_type} ×{counts[kit_type]} → {t.native}{where}")
    return lines


def mapping_table_markdown() -> str:
    """The mapping as a Markdown table (``docs/exports.md`` holds exactly this)."""
    rows = ["| kit type | Moodle | Canvas (classic quizzes) |", "|---|---|---|"]
    for kit_type, mapping in MAPPING.items():
        cells = []
        for t in (mapping.moodle, mapping.canvas):
            cell = f"`{t.native}` ({t.label}): **{t.fidelity}**"
            cells.append(cell + (f"; {t.note}" if t.note else ""))
        rows.append(f"| `{kit_type}` | {cells[0]} | {cells[1]} |")
    return "\n".join(rows) + "\n"
