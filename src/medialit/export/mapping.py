"""The table of how each quiz type maps to Moodle and Canvas, and what each mapping loses.

Each type declares its targets in its own module (``moodle``, ``canvas``: a
:class:`~medialit.quiz.types.base.Target`); :func:`mappings` collects them. The exporters
(``moodle_xml``, ``qti``) read their target type from it, the
command prints its report from it, ``docs/exports.md`` carries :func:`mapping_table_markdown`
verbatim (a test compares the two), and the round-trip tests check the exported files against
it. Change a mapping in its type's module and nowhere else.

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

from ..quiz.types.base import Fidelity, Target  # noqa: F401 - Fidelity re-exported

PLATFORMS = {"moodle-xml": "Moodle", "qti": "Canvas"}


@dataclass(frozen=True)
class TypeMapping:
    kit_type: str
    moodle: Target
    canvas: Target

    def target(self, fmt: str) -> Target:
        return self.moodle if fmt == "moodle-xml" else self.canvas


def mappings() -> dict[str, TypeMapping]:
    """Every registered type's targets (its ``moodle`` and ``canvas`` faces), in the
    registry's order."""
    from ..quiz.types import REGISTRY

    return {kind: TypeMapping(kind, cls.moodle, cls.canvas) for kind, cls in REGISTRY.items()}


def __getattr__(name: str):
    if name == "MAPPING":
        return mappings()
    raise AttributeError(name)


# What no type keeps on a platform (said once in the report and the docs, not per type).
GENERAL_NOTES = {
    "moodle-xml": [("hints become Moodle hints (shown in the 'Interactive with multiple tries' "
                    "behaviour), except for free text: Moodle's essay keeps no hints"),
                   "citations are listed in the general feedback"],
    "qti": ["hints are not exported (classic quizzes have no hints)",
            "citations are listed in the general feedback"],
}


def target(kit_type: str, fmt: str) -> Target:
    return mappings()[kit_type].target(fmt)


def report_lines(fmt: str, counts: Counter) -> list[str]:
    """One line per quiz type present, from the table: native type, and what is lost."""
    lines = []
    for kit_type, mapping in mappings().items():
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
    for kit_type, mapping in mappings().items():
        cells = []
        for t in (mapping.moodle, mapping.canvas):
            cell = f"`{t.native}` ({t.label}): **{t.fidelity}**"
            cells.append(cell + (f"; {t.note}" if t.note else ""))
        rows.append(f"| `{kit_type}` | {cells[0]} | {cells[1]} |")
    return "\n".join(rows) + "\n"
