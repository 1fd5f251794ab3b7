"""Parallel forms: two banks that test the same skills with different items (a pre-check and a
post-check).

:func:`parallel_problems` lists what stops two loaded banks from being parallel forms: both must
declare ``skills`` with the same slugs and labels, in the same order; each skill must have the
same number of items in both, of the same question types (so partial credit works alike); and
no item may be repeated: an item of the second form may not test a text sentence that an item
of the first form tests for the same skill (the instructions may be worded alike). :func:`check_parallel` raises :class:`~medialit.quiz.errors.BankError` with them.
:func:`skill_items` gives what the progress panel needs: per skill, the question ids.
"""

from __future__ import annotations

from collections import Counter

from ..errors import Problem
from ..text.case import Document, load_text
from .errors import _MISSING, BankError, BankProblem
from .loader import Bank
from .material import sentence_keys


def skill_items(bank: Bank) -> dict[str, list[str]]:
    """Skill slug -> ids of the bank's questions tagged with it (declared order, file order)."""
    items: dict[str, list[str]] = {slug: [] for slug in bank.skills}
    for q in bank.questions:
        if q.skill is not None:
            items.setdefault(q.skill, []).append(q.id)
    return items


def _types(bank: Bank, skill: str) -> Counter:
    return Counter(q.type_name for q in bank.questions if q.skill == skill)


def sentences_of(question, document: Document) -> set[str]:
    """The sentences a question is about (quotes resolved to their sentences): text ids
    such as ``"5.2"``, or ``"practice ¶5.2"`` for the practice case
    (:mod:`medialit.quiz.material`)."""
    return sentence_keys(question, document)


def parallel_problems(first: Bank, second: Bank, document: Document | None = None
                      ) -> list[Problem]:
    """Every reason ``first`` and ``second`` are not parallel forms (empty when they are)."""
    out: list[Problem] = []

    def problem(bank: Bank, message: str, qid: str | None = None, found=_MISSING,
                expected: str | None = None) -> None:
        line = bank.lines.get(qid) if qid else None
        out.append(BankProblem(str(bank.path), line, qid, "skill" if qid else "skills",
                               message, found, expected))

    for bank in (first, second):
        if not bank.skills:
            problem(bank, "a parallel form must declare 'skills' in its envelope")
    if not (first.skills and second.skills):
        return out
    if list(first.skills) != list(second.skills) or first.skills != second.skills:
        problem(second, f"the two forms must declare the same skills, with the same labels, "
                f"in the same order as {first.path.name}", found=second.skills,
                expected=repr(first.skills))
        return out
    a_items, b_items = skill_items(first), skill_items(second)
    for slug in first.skills:
        if len(a_items[slug]) != len(b_items[slug]):
            problem(second, f"skill {slug!r} has {len(b_items[slug])} item(s) here and "
                    f"{len(a_items[slug])} in {first.path.name}", found=len(b_items[slug]),
                    expected=f"{len(a_items[slug])} items")
        elif _types(first, slug) != _types(second, slug):
            problem(second, f"skill {slug!r} uses other question types than in "
                    f"{first.path.name}", found=dict(_types(second, slug)),
                    expected=repr(dict(_types(first, slug))))
    document = document or load_text()
    for q in second.questions:
        mine = sentences_of(q, document)
        for other in first.questions:
            shared = mine & sentences_of(other, document) if other.skill == q.skill else set()
            if shared:
                problem(second, f"tests {load_text().noun} sentences that {other.id} in {first.path.name} "
                        f"already tests for skill {q.skill!r}: parallel forms need different "
                        f"items", q.id, sorted(shared), "other sentences")
    return out


def check_parallel(first: Bank, second: Bank, document: Document | None = None) -> None:
    problems = parallel_problems(first, second, document)
    if problems:
        raise BankError(problems)
