"""What text a question is about: the case's text, the unseen practice case, or sourced excerpts.

A question names its material in ``material`` (default ``case``):

* ``case`` — the text the chapters study (the book's pack); ``about`` holds its sentence ids or
  exact quotes.
* ``practice`` — the practice case, a short invented text the chapters never study (the pack
  ``packs/practice`` beside the book's pack). The prompt quotes the passage it asks about, with
  its ¶ numbers; ``about`` holds that text's sentence ids (``6.2``) or exact quotes of it.
* ``excerpt`` — short excerpts of real texts (statements, reports) that the question prints in
  its prompt and cites (``cite`` is required). ``about`` holds exact quotes of the excerpts,
  each of which must appear in the prompt.

Questions on ``practice`` and ``excerpt`` material are the kit's *transfer* items: they measure
whether a tool learnt on the case works on a text nobody taught (:mod:`medialit.quiz.quality`
counts them). :func:`about_issues` checks ``about`` against the right text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..text.case import Document, QuoteNotFound, UnknownSentence, is_sentence_id
from .errors import Issue

MATERIALS = ("case", "practice", "excerpt")
UNSEEN = frozenset({"practice", "excerpt"})
PRACTICE_TEXT = Path("packs") / "practice" / "text.txt"


def _candidates(start: Path | None) -> list[Path]:
    """Where the practice text may be: beside ``start`` (a bank, a master or a folder) and its
    parents, the working folder and its parents, the current pack's sibling ``practice`` pack,
    and a bundled ``practice`` pack (a wheel built for a book)."""
    folders: list[Path] = []
    for origin in (start, Path.cwd()):
        if origin is not None:
            origin = Path(origin).resolve()
            folders += [origin if origin.is_dir() else origin.parent, *origin.parents]
    found = [folder / PRACTICE_TEXT for folder in folders]
    try:
        from ..pack import bundled_packs, current_pack

        found.append(current_pack().root.parent / "practice" / "text.txt")
        found += [pack / "text.txt" for pack in bundled_packs() if pack.name == "practice"]
    except Exception:  # noqa: BLE001 — no pack found: the folders above are all there is
        return found
    return found


def practice_path(start: Path | None = None) -> Path | None:
    """The practice text nearest ``start``; None when there is none."""
    return next((path for path in _candidates(start) if path.is_file()), None)


@lru_cache(maxsize=4)
def _load(path: str) -> Document:
    return Document(Path(path).read_text(encoding="utf-8"))


def load_practice(start: Path | None = None) -> Document | None:
    """The practice case as a :class:`~medialit.text.case.Document` (paragraphs, sentence ids)."""
    path = practice_path(start)
    return _load(str(path)) if path else None


def material_of(question) -> str:
    return getattr(question, "material", None) or "case"


def is_unseen(question) -> bool:
    """True for a question on a text the chapters do not study."""
    return material_of(question) in UNSEEN


def about_issues(question, document: Document, origin: Path | None = None) -> list[Issue]:
    """What is wrong with ``question.about`` for the question's material."""
    material = material_of(question)
    if material == "excerpt":
        issues = [Issue(("about", i), "an excerpt question's 'about' quotes the excerpt its "
                        "prompt prints: this quote is not in the prompt", ref,
                        "an exact quote of the excerpt in the prompt")
                  for i, ref in enumerate(question.about) if ref not in question.prompt]
        if not question.cite:
            issues.append(Issue(("cite",), "an excerpt question must cite the texts it quotes",
                                list(question.cite), "references.bib keys"))
        return issues
    if material == "practice":
        text = load_practice(origin)
        if text is None:
            # An installed package (a JupyterLite kernel, a student's pip install) carries no
            # packs/: the repository's own checks (book build, tests) validate these ids.
            return [] if origin is None else [Issue(
                ("material",), f"the practice text {PRACTICE_TEXT} was not found beside the "
                "bank, the book or its pack", material)]
        name = "the practice text"
    else:
        text, name = document, "the case's text"
    issues = []
    for i, ref in enumerate(question.about):
        try:
            if is_sentence_id(ref):
                text.sentence(ref.strip())
            else:
                text.find(ref)
        except (QuoteNotFound, UnknownSentence) as exc:
            message = str(exc)
            issues.append(Issue(("about", i), message, ref,
                                f"a sentence id (5.2) or an exact quote of {name}"))
    return issues


def text_of(question, document: Document) -> Document:
    """The text whose sentences and paragraphs a question's ids point into: the practice case
    for ``material: practice``, else ``document`` (the case's text). (Excerpt questions print their text in the
    prompt, so they cannot use types that point into a text by id.)"""
    if material_of(question) == "practice":
        text = load_practice()
        if text is None:
            raise UnknownSentence(f"the practice text {PRACTICE_TEXT} was not found")
        return text
    return document


def sentence_keys(question, document: Document, origin: Path | None = None) -> set[str]:
    """The sentences a question is about, as ``"5.2"`` for the case's text and ``"practice ¶5.2"``
    / ``"excerpt “…”"`` for other material, so that two materials never collide."""
    material = material_of(question)
    if material == "excerpt":
        return {f"excerpt “{ref}”" for ref in question.about}
    text = document if material == "case" else load_practice(origin)
    if text is None:
        raise UnknownSentence(f"the practice text {PRACTICE_TEXT} was not found")
    out: set[str] = set()
    for ref in question.about:
        ids = {ref.strip()} if is_sentence_id(ref) else set(text.find(ref).sentence_ids)
        out |= ids if material == "case" else {f"practice ¶{i}" for i in ids}
    return out
