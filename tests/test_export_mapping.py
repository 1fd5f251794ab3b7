"""The mapping table is the one source: every quiz type is in it, docs/exports.md carries it
verbatim, and the command's report is built from it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from medialit.export.mapping import MAPPING, mapping_table_markdown, report_lines
from medialit.quiz.types import REGISTRY

DOC = Path(__file__).resolve().parents[1] / "docs" / "exports.md"


def test_every_registered_quiz_type_has_a_mapping_for_both_platforms():
    assert set(MAPPING) == set(REGISTRY)
    for mapping in MAPPING.values():
        for t in (mapping.moodle, mapping.canvas):
            assert t.fidelity in ("exact", "lossy", "substitute")
            assert t.note or t.fidelity == "exact", (mapping.kit_type, t)


def test_docs_hold_the_table_generated_from_the_mapping():
    """docs/exports.md must be updated when the mapping changes (paste the new table)."""
    assert mapping_table_markdown() in DOC.read_text(encoding="utf-8")


def test_report_names_each_type_present_with_its_fidelity():
    lines = report_lines("qti", Counter({"click_phrase": 2, "single_choice": 1}))
    note = MAPPING["click_phrase"].canvas.note
    assert lines == [
        "  single_choice ×1 → multiple_choice_question (exact)",
        f"  click_phrase ×2 → multiple_answers_question (no native equivalent: {note})",
    ]
    (line,) = report_lines("moodle-xml", Counter({"free_text": 3}))
    assert line.startswith("  free_text ×3 → essay (lossy: ")
