"""docs/quiz-schema.md describes every field the code reads: the envelope, the common fields
and each registered type's own fields, each under its type's heading."""

from __future__ import annotations

import re
from pathlib import Path

from medialit.quiz.schema import BankEnvelope, QuestionBase
from medialit.quiz.types import REGISTRY
from medialit.quiz.types.base import Option
from medialit.quiz.types.matching import Pair

DOC = Path(__file__).resolve().parents[1] / "docs" / "quiz-schema.md"


def sections() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^#{2,3} (.+)$", text, flags=re.MULTILINE)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_the_envelope_and_the_common_fields_are_described():
    found = sections()
    assert all(f"`{name}`" in found["The bank"] for name in BankEnvelope.model_fields)
    common = found["Fields every question has"]
    assert all(f"| `{name}` |" in common for name in QuestionBase.model_fields)


def test_every_type_has_a_section_with_each_of_its_fields():
    found = sections()
    common = set(QuestionBase.model_fields)
    for name, model in REGISTRY.items():
        body = found.get(f"`{name}`")
        assert body is not None, f"docs/quiz-schema.md has no section for the type {name}"
        missing = [f for f in model.model_fields if f not in common and f"`{f}`" not in body]
        assert missing == [], f"{name}: fields not described: {missing}"


def test_options_and_pairs_fields_are_described():
    found = sections()
    assert all(f"`{f}`" in found["`single_choice`"] for f in Option.model_fields)
    assert all(f"`{f}`" in found["`matching`"] for f in Pair.model_fields)
