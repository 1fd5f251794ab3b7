"""Content rules for the practice-question banks (chapters/questions/*.yml, docs/quiz-schema.md).

These checks need no quiz engine: they document what a content author must get right. The
engine validates the schema itself when it renders a bank.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from medialit.case import load_oped
from medialit.quiz.types import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "chapters" / "questions"
CHAPTERS = ["how-to-use", "context", "the-text", "framing", "sourcing", "terminology",
            "rhetoric", "verification", "synthesis"]
ALL_TYPES = set(REGISTRY)  # every registered type (medialit.quiz.types)
PARAGRAPH_REF = re.compile(r"¶\d")


def load(slug: str) -> dict:
    return YAML(typ="safe").load((BANKS / f"{slug}.yml").read_text(encoding="utf-8"))


def bib_keys() -> set[str]:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.MULTILINE))


def all_questions():
    for slug in CHAPTERS:
        for q in load(slug)["questions"]:
            yield slug, q


QUESTIONS = list(all_questions())
IDS = [f"{slug}:{q.get('id')}" for slug, q in QUESTIONS]


@pytest.mark.parametrize("slug", CHAPTERS)
def test_bank_header_and_size(slug):
    """Each chapter has a bank with at least 8 questions of at least 3 types, and its page points to it."""
    bank = load(slug)
    assert bank["schema_version"] == 1
    assert bank["chapter"] == slug
    questions = bank["questions"]
    assert len(questions) >= 8, f"{slug}: {len(questions)} questions"
    assert len({q["type"] for q in questions}) >= 3, f"{slug}: too few question types"
    page = (ROOT / "chapters" / f"{slug}.md").read_text(encoding="utf-8")
    assert f"questions/{slug}.yml" in page, f"chapters/{slug}.md does not refer to its bank"


def test_ids_are_unique_and_well_formed():
    ids = [q["id"] for _, q in QUESTIONS]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, dupes
    for slug, q in QUESTIONS:
        assert re.fullmatch(rf"{re.escape(slug)}-q\d\d", q["id"]), q["id"]


def test_the_kit_uses_every_question_type():
    assert {q["type"] for _, q in QUESTIONS} == ALL_TYPES


@pytest.mark.parametrize("slug, q", QUESTIONS, ids=IDS)
def test_question_content_rules(slug, q):
    oped = load_oped()
    assert q["type"] in ALL_TYPES
    assert q.get("prompt", "").strip()
    assert PARAGRAPH_REF.search(q["explanation"]), "explanation must cite a paragraph (¶n)"
    assert q.get("about"), "about must name the op-ed sentences or quotes the question is about"
    material = q.get("material", "case")
    # The chapter banks teach: their questions are on the op-ed or on sourced excerpts of real
    # texts, never on the practice case (the unseen text of the checks and graded sets).
    assert material in ("case", "excerpt"), f"a chapter bank question on {material!r} material"
    for ref in q["about"]:
        assert isinstance(ref, str), f"about item {ref!r} must be a string (quote ids like \"5.2\")"
        if material == "excerpt":
            assert ref in q["prompt"], f"about quote {ref!r} is not in the excerpt the prompt prints"
        else:
            oped.resolve(ref)  # raises QuoteNotFound / UnknownSentence
    if material == "excerpt":
        assert q.get("cite"), "an excerpt question cites the texts it quotes"
    keys = bib_keys()
    for key in q.get("cite", []):
        assert key in keys, f"cite key {key!r} is not in references.bib"
    check = globals()[f"check_{q['type']}"]
    check(q, oped)


def check_options(q):
    options = q["options"]
    assert 2 <= len(options) <= 8
    ids = [o["id"] for o in options]
    assert len(set(ids)) == len(ids)
    assert all(o.get("text") and o.get("feedback") for o in options)
    return set(ids)


def check_single_choice(q, oped):
    assert q["answer"] in check_options(q)


def check_multiple_choice(q, oped):
    ids = check_options(q)
    assert q["answer"] and set(q["answer"]) <= ids


def check_true_false(q, oped):
    assert isinstance(q["answer"], bool)
    assert set(q["feedback"]) == {True, False}


def check_label_sentences(q, oped):
    labels = q["labels"]
    assert len(set(labels)) == len(labels) >= 2
    for sid in q["sentences"]:
        assert isinstance(sid, str)
        oped.sentence(sid)
    assert set(q["answer"]) == set(q["sentences"]), "every sentence gets exactly one label"
    assert set(q["answer"].values()) <= set(labels), "answers must use the declared labels"
    assert set(q.get("feedback", {})) <= set(q["sentences"])


def check_click_phrase(q, oped):
    paragraph = q["paragraph"]
    assert q["answer"]
    for quote in q["answer"]:
        oped.find(quote, paragraph=paragraph)  # exact words inside that paragraph
    assert set(q.get("feedback", {})) <= set(q["answer"])


def check_matching(q, oped):
    pairs = q["pairs"]
    assert 2 <= len(pairs) <= 8
    assert all(p.get("left") and p.get("right") for p in pairs)
    lefts = [p["left"] for p in pairs]
    assert len(set(lefts)) == len(lefts)
    rights = {p["right"] for p in pairs}
    assert not rights & set(q.get("distractors", []))


def check_ordering(q, oped):
    items = q["items"]
    assert 3 <= len(items) <= 8 and len(set(items)) == len(items)


def check_numeric(q, oped):
    assert isinstance(q["answer"], (int, float)) and not isinstance(q["answer"], bool)
    assert isinstance(q.get("tolerance", 0), (int, float)) and q.get("tolerance", 0) >= 0


def check_free_text(q, oped):
    assert q["model_answer"].strip()
    assert q["rubric"] and all(item.strip() for item in q["rubric"])
