"""Read question banks (YAML) with line numbers and validate them into question models.

``load_bank(path)`` returns a :class:`Bank` or raises :class:`~medialit.quiz.errors.BankError`
listing every problem with file, line, question id and field. ``load_banks(folder)`` loads
every ``*.yml`` of a folder and also checks that question ids are unique across the kit.
Checks beyond the schema: the ``type`` is registered, ``about`` sentence ids and quotes are
in the text (or in the question's own material: :mod:`medialit.quiz.material`), ``cite`` keys
are in ``references.bib``, keys refer to options that exist (each
type's ``checks``), the chapter slug matches the file name, and skills: when the envelope
declares ``skills``, every question names one of them and every declared skill is used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from ..content.bib import read_bib
from ..errors import Problem
from ..io.yamldata import field_name, line_of, validate
from ..io.yamldata import read_yaml as _read_yaml
from ..text.case import Document, load_text
from .errors import _MISSING, BankError, BankProblem, Issue
from .material import about_issues
from .schema import BankEnvelope, QuestionBase
from .types import REGISTRY, model_for


@dataclass
class Bank:
    """A validated bank: its file, chapter slug and questions (in file order)."""

    path: Path
    chapter: str
    questions: list[QuestionBase]
    lines: dict[str, int | None] = field(default_factory=dict)  # question id -> line in the file
    skills: dict[str, str] = field(default_factory=dict)  # skill slug -> label (file order)

    def question(self, question_id: str) -> QuestionBase:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"no question {question_id!r} in {self.path}")


def bib_keys(bib: Path) -> set[str]:
    return set(read_bib(bib))


def find_bib(start: Path) -> Path | None:
    """The nearest ``references.bib`` in the bank's folder or a parent folder (the book's own),
    else the current content pack's ``bibliography`` (a pack may keep it anywhere)."""
    from ..pack import BOOK_BIB, PackError, current_pack

    for folder in [start.resolve().parent, *start.resolve().parents]:
        if (folder / BOOK_BIB).is_file():
            return folder / BOOK_BIB
    try:
        return current_pack().existing("bibliography")
    except PackError:  # no pack: no bibliography
        return None


def read_yaml(path: Path | str):
    """A bank file parsed with line numbers (:func:`medialit.io.yamldata.read_yaml`; bad YAML is
    a :class:`BankError` at its line)."""
    return _read_yaml(path, error=BankError, mapping=None)


class _Collector:
    """Collects a bank's problems (file, line, question id, field) while it is checked."""

    def __init__(self, path: Path):
        self.path = str(path)
        self.problems: list[Problem] = []

    def add(self, node, path, qid, message, found=_MISSING, expected=None, base=()):
        self.problems.append(BankProblem(self.path, line_of(node, path), qid,
                                         field_name(path[len(base):]) or None, message,
                                         found, expected))


def _about_issues(question: QuestionBase, document: Document, origin: Path | None = None
                  ) -> list[Issue]:
    return about_issues(question, document, origin)


def question_issues(question: QuestionBase, document: Document,
                    origin: Path | None = None) -> list[Issue]:
    """What is wrong with a schema-valid question against the text (keys, ids, quotes), or
    against its own material (the practice text, the excerpts in its prompt)."""
    return question.checks(document) + _about_issues(question, document, origin)


def _cite_issues(question: QuestionBase, keys: set[str] | None, bib: Path | None) -> list[Issue]:
    if not question.cite:
        return []
    if keys is None:
        return [Issue(("cite",), "no bibliography: no references.bib beside the bank or above "
                      "it, and the content pack declares none",
                      list(question.cite))]
    return [Issue(("cite", i), f"unknown citation key (not in {bib})", key,
                  "a key of references.bib")
            for i, key in enumerate(question.cite) if key not in keys]


def _skill_issues(question: QuestionBase, skills: dict[str, str]) -> list[Issue]:
    if question.skill is None:
        if skills:
            return [Issue(("skill",), "this bank declares skills, so every question needs one",
                          _MISSING, f"one of {sorted(skills)}")]
        return []
    if question.skill not in skills:
        where = f"one of {sorted(skills)}" if skills else "a skill declared in the bank's 'skills'"
        return [Issue(("skill",), "skill not declared in the bank's 'skills'", question.skill,
                      where)]
    return []


def load_bank(path: Path | str, *, document: Document | None = None,
              bib: Path | None = None) -> Bank:
    """Load and validate one bank file. Raises BankError listing every problem."""
    path = Path(path)
    document = document or load_text()
    data = read_yaml(path)
    out = _Collector(path)
    if not isinstance(data, CommentedMap):
        raise BankError([BankProblem(str(path), 1, None, None, "a bank is a YAML mapping with "
                                     "schema_version, chapter and questions",
                                     type(data).__name__, "a mapping")])
    envelope, problems = validate(BankEnvelope, data, file=path, node=data, id_kind="question")
    if envelope is None:
        raise BankError(problems)
    if envelope.chapter != path.stem:
        out.add(data, ("chapter",), None, "the chapter slug must be the file name without .yml",
                envelope.chapter, repr(path.stem))
    bib = bib or find_bib(path)
    keys = bib_keys(bib) if bib else None
    questions: list[QuestionBase] = []
    lines: dict[str, int | None] = {}
    first_line: dict[str, int | None] = {}
    for index, raw in enumerate(data["questions"]):
        base = ("questions", index)
        node = data
        qid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
        label = qid or f"#{index + 1} (no id)"
        if not isinstance(raw, dict):
            out.add(node, base, label, "a question is a mapping", raw)
            continue
        kind = raw.get("type")
        model = model_for(kind) if isinstance(kind, str) else None
        if model is None:
            out.add(node, (*base, "type"), label,
                    "required field is missing" if kind is None else "unknown question type",
                    _MISSING if kind is None else kind, f"one of {sorted(REGISTRY)}", base=base)
            continue
        question, problems = validate(model, raw, file=path, node=node, base=base, id=label,
                                      id_kind="question")
        if question is None:
            out.problems += problems
            continue
        issues = (question_issues(question, document, path)
                  + _cite_issues(question, keys, bib)
                  + _skill_issues(question, envelope.skills))
        for issue in issues:
            out.add(node, (*base, *issue.path), label, issue.message, issue.found,
                    issue.expected, base=base)
        line = line_of(node, base)
        if question.id in first_line:
            out.add(node, (*base, "id"), label, f"duplicate question id (first used on line "
                    f"{first_line[question.id]})", question.id, "ids unique across the kit",
                    base=base)
        first_line.setdefault(question.id, line)
        lines[question.id] = line
        questions.append(question)
    used = {q.skill for q in questions}
    for slug in envelope.skills:
        if slug not in used and len(questions) == len(data["questions"]):
            out.add(data, ("skills", slug), None, "a declared skill that no question uses", slug,
                    "every declared skill tagged on at least one question")
    if out.problems:
        raise BankError(out.problems)
    return Bank(path, envelope.chapter, questions, lines, dict(envelope.skills))


def bank_files(folder: Path | str) -> list[Path]:
    return sorted(Path(folder).glob("*.yml"))


def load_banks(paths: Iterable[Path | str] | Path | str, *, bib: Path | None = None) -> list[Bank]:
    """Load several banks (a folder or a list of files); ids must be unique across all of them."""
    if isinstance(paths, (str, Path)):
        paths = bank_files(paths) if Path(paths).is_dir() else [paths]
    banks, problems = [], []
    for path in paths:
        try:
            banks.append(load_bank(path, bib=bib))
        except BankError as exc:
            problems += exc.problems
    seen: dict[str, tuple[Path, int | None]] = {}
    for bank in banks:
        for q in bank.questions:
            if q.id in seen:
                other, other_line = seen[q.id]
                problems.append(BankProblem(str(bank.path), bank.lines[q.id], q.id, "id",
                                            f"duplicate question id (also in {other}:"
                                            f"{other_line})", q.id, "ids unique across the kit"))
            else:
                seen[q.id] = (bank.path, bank.lines[q.id])
    if problems:
        raise BankError(problems)
    return banks
