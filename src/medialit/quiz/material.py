"""What text a question is about: the case's text, the unseen practice case, or sourced excerpts.

A question names its material in ``material`` (default ``case``):

* ``case`` — the text the chapters study (the book's pack); ``about`` holds its sentence ids or
  exact quotes.
* ``practice`` — the practice case, a short invented text the chapters never study (the text
  of the pack the book's pack names in its manifest's ``practice`` entry). The prompt quotes the passage it asks about, with
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


def _pack(pack=None):
    """``pack``, else the current pack; ``None`` when no pack can be found (an installed
    package used outside any book)."""
    if pack is not None:
        return pack
    from ..errors import MedialitError
    from ..pack import current_pack

    try:
        return current_pack()
    except MedialitError:
        return None


def practice_path(pack=None) -> Path | None:
    """The practice text ``pack`` (default: the current pack) declares in its manifest's
    ``practice`` entry (:attr:`~medialit.pack.ContentPack.practice_text`); None when it
    declares none or that file is missing."""
    chosen = _pack(pack)
    path = chosen.practice_text if chosen is not None else None
    return path if path is not None and path.is_file() else None


def _missing(pack=None) -> str:
    """Why there is no practice text, naming the pack and its manifest."""
    chosen = _pack(pack)
    if chosen is None:
        return "no content pack was found, so there is no practice text"
    declared = chosen.practice_text
    if declared is None:
        return (f"the pack {chosen.name!r} declares no practice text (add 'practice: FOLDER', "
                f"the practice pack's folder, to {chosen.manifest_path})")
    return (f"the practice text {declared} that the pack {chosen.name!r} declares "
            f"({chosen.manifest_path}: practice) does not exist")


@lru_cache(maxsize=4)
def _load(path: str) -> Document:
    return Document(Path(path).read_text(encoding="utf-8"))


def load_practice(pack=None) -> Document | None:
    """The practice case ``pack`` (default: the current pack) declares, as a
    :class:`~medialit.text.case.Document` (paragraphs, sentence ids); None when there is none."""
    path = practice_path(pack)
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
        text = load_practice()
        if text is None:
            # An installed package (a JupyterLite kernel, a student's pip install) may carry
            # no practice text: the repository's own checks (book build, tests) validate
            # these ids on the bank (``origin``).
            return [] if origin is None else [Issue(("material",), _missing(), material)]
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
            raise UnknownSentence(_missing())
        return text
    return document


def sentence_keys(question, document: Document) -> set[str]:
    """The sentences a question is about, as ``"5.2"`` for the case's text and ``"practice ¶5.2"``
    / ``"excerpt “…”"`` for other material, so that two materials never collide."""
    material = material_of(question)
    if material == "excerpt":
        return {f"excerpt “{ref}”" for ref in question.about}
    text = document if material == "case" else load_practice()
    if text is None:
        raise UnknownSentence(_missing())
    out: set[str] = set()
    for ref in question.about:
        ids = {ref.strip()} if is_sentence_id(ref) else set(text.find(ref).sentence_ids)
        out |= ids if material == "case" else {f"practice ¶{i}" for i in ids}
    return out
