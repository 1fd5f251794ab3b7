"""Read a student's answers from notebook bytes with nbformat + ast; never execute anything.

A notebook-level problem (empty file, not UTF-8, not JSON, not a notebook, another set) raises
:class:`NotebookError` with a message meant for the student. A question-level problem (cell
deleted, duplicated, code instead of a literal, too large) never raises: the question's
:class:`Answer` carries ``problem`` and scores 0, and the rest of the notebook is graded.

Answer cells are found by cell metadata ``medialit.question``; when no cell carries it (a
front end that strips metadata), the cell that assigns the variable (``q3 = …``) or defines
the function is used, and a note says so.
"""

from __future__ import annotations

import ast
import builtins
import json
from dataclasses import dataclass, field
from typing import Any, Literal

import nbformat

from .limits import DEFAULT_LIMITS, Limits

AnswerKind = Literal["literal", "function"]


class NotebookError(ValueError):
    """The file cannot be graded as a notebook of this set; the message says why."""


@dataclass(frozen=True)
class AnswerSlot:
    """Where the answer to one question lives: variable ``q3`` or a function name."""

    question: str
    kind: AnswerKind
    name: str


@dataclass
class Answer:
    question: str
    status: Literal["answered", "unanswered", "missing", "invalid"]
    value: Any = None  # the literal (kind "literal")
    source: str = ""  # the answer cell's source
    cell: int | None = None  # 1-based cell number in the notebook
    problem: str | None = None  # why it scores 0 (status "missing" or "invalid")
    notes: list[str] = field(default_factory=list)


@dataclass
class NotebookAnswers:
    set_id: str | None
    answers: dict[str, Answer]
    notes: list[str] = field(default_factory=list)
    # (label, source) of the notebook's imports, helpers and constants from other cells,
    # run before a code answer (see notebook_context)
    context: tuple[tuple[str, str], ...] = ()


# -- the notebook as a whole -----------------------------------------------------------------

def load_notebook(data: bytes, limits: Limits = DEFAULT_LIMITS) -> nbformat.NotebookNode:
    """Decode and structurally check a notebook; raise NotebookError with a clear reason."""
    if not data or not data.strip():
        raise NotebookError("the file is empty: save the notebook in Jupyter and submit it again")
    if len(data) > limits.max_notebook_bytes:
        raise NotebookError(f"the file is larger than the {limits.max_notebook_bytes // 2**20} MB "
                            "cap: clear the outputs, save and resubmit")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotebookError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
            "a notebook saved by Jupyter is always UTF-8 — was it edited or converted elsewhere?"
        ) from None
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if hasattr(exc, "lineno") else ""
        raise NotebookError(f"the file is not a notebook: it is not valid JSON{where}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list) \
            or not isinstance(raw.get("nbformat"), int):
        raise NotebookError("the file is JSON but not a Jupyter notebook (no 'cells' list or "
                            "'nbformat' version)")
    if raw["nbformat"] != 4:
        raise NotebookError(f"notebook format {raw['nbformat']} is not supported; save it with "
                            "Jupyter 4 or later (format 4)")
    for i, cell in enumerate(raw["cells"], start=1):
        if not isinstance(cell, dict) or "cell_type" not in cell or "source" not in cell:
            raise NotebookError(f"cell {i} is not a notebook cell (no 'cell_type' or 'source')")
    return nbformat.from_dict(raw)


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _question_tag(cell: dict) -> str | None:
    meta = cell.get("metadata")
    if not isinstance(meta, dict):
        return None
    ours = meta.get("medialit")
    return ours.get("question") if isinstance(ours, dict) else None


def notebook_set_id(nb: dict) -> str | None:
    meta = nb.get("metadata")
    ours = meta.get("medialit") if isinstance(meta, dict) else None
    return ours.get("set") if isinstance(ours, dict) else None


# -- each answer -------------------------------------------------------------------------------

def read_answers(data: bytes, slots: list[AnswerSlot], set_id: str,
                 limits: Limits = DEFAULT_LIMITS) -> NotebookAnswers:
    """Find and parse every slot's answer. Raises NotebookError only for whole-file problems."""
    nb = load_notebook(data, limits)
    found_set = notebook_set_id(nb)
    notes: list[str] = []
    if found_set is not None and found_set != set_id:
        raise NotebookError(f"this notebook belongs to set {found_set!r}, not {set_id!r}: "
                            "submit the notebook of this set")
    code_cells = [(i, c) for i, c in enumerate(nb.cells, start=1) if c.get("cell_type") == "code"]
    answers = {slot.question: _read_slot(slot, code_cells, limits) for slot in slots}
    if found_set is None:
        if all(a.status == "missing" for a in answers.values()):
            raise NotebookError(f"no answer of set {set_id!r} was found in this notebook (no "
                                "tagged answer cells and no q1, q2, … variables): is it the "
                                "right notebook?")
        notes.append(f"the notebook's metadata has no set id (stripped?); it was graded as "
                     f"{set_id!r} from its answer cells")
    context, names = notebook_context(code_cells, answers, slots, limits)
    for slot in slots:
        if slot.kind == "function" and names:
            answers[slot.question] = _with_context(answers[slot.question], slot, code_cells, names)
    return NotebookAnswers(found_set, answers, notes, context)


def _read_slot(slot: AnswerSlot, code_cells: list[tuple[int, dict]], limits: Limits) -> Answer:
    tagged = [(i, c) for i, c in code_cells if _question_tag(c) == slot.question]
    notes: list[str] = []
    if not tagged:
        tagged = [(i, c) for i, c in code_cells if _defines(cell_source(c), slot)]
        if tagged:
            notes.append(f"the answer cell of {slot.question} has no question tag in its metadata "
                         f"(stripped by the editor?); it was found by the name {slot.name!r}")
    if not tagged:
        what = f"a cell assigning {slot.name} = …" if slot.kind == "literal" \
            else f"a cell defining def {slot.name}(…)"
        return Answer(slot.question, "missing",
                      problem=f"no answer cell for {slot.question} (neither a tagged cell nor "
                              f"{what}): was the cell deleted? Copy it back from the released "
                              "notebook and answer in it")
    if len(tagged) > 1:
        numbers = ", ".join(str(i) for i, _ in tagged)
        same = len({cell_source(c) for _, c in tagged}) == 1
        notes.append(f"{slot.question} appears in {len(tagged)} cells ({numbers})"
                     + ("; they are identical" if same else
                        f"; the last one (cell {tagged[-1][0]}) was graded, as running the "
                        "notebook from top to bottom would use it"))
    number, cell = tagged[-1]
    answer = _parse(slot, cell_source(cell), limits)
    answer.cell = number
    answer.notes = notes + answer.notes
    return answer


def _defines(source: str, slot: AnswerSlot) -> bool:
    """Cheap text test first (most cells don't mention the name), then the syntax tree."""
    if slot.name not in source:
        return False
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    if slot.kind == "function":
        return any(isinstance(n, ast.FunctionDef) and n.name == slot.name for n in tree.body)
    return _assigned_value(tree, slot.name) is not None


def _assigned_value(tree: ast.Module, name: str) -> ast.expr | None:
    value = None
    for node in tree.body:
        plain = isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets)
        annotated = isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
            and node.target.id == name and node.value is not None
        if plain or annotated:
            value = node.value
    return value


def _parse(slot: AnswerSlot, source: str, limits: Limits) -> Answer:
    q = slot.question
    if len(source) > limits.max_answer_chars:
        return Answer(q, "invalid", source=source[:200],
                      problem=f"the answer cell holds {len(source):,} characters, above the cap "
                              f"of {limits.max_answer_chars:,}: keep only the answer in it")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return Answer(q, "invalid", source=source,
                      problem=f"the answer cell is not valid Python (line {exc.lineno}: "
                              f"{exc.msg}); fix it so that the cell runs")
    except (ValueError, RecursionError, MemoryError) as exc:
        return Answer(q, "invalid", source=source,
                      problem=f"the answer cell could not be read ({type(exc).__name__})")
    if slot.kind == "function":
        return _parse_function(slot, tree, source)
    node = _assigned_value(tree, slot.name)
    if node is None:
        return Answer(q, "invalid", source=source,
                      problem=f"the answer cell does not assign {slot.name} = …; write the "
                              f"answer as {slot.name} = <value>")
    if isinstance(node, ast.Constant) and node.value is Ellipsis:
        return Answer(q, "unanswered", source=source,
                      problem=f"not answered ({slot.name} is still ...)")
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        snippet = ast.get_source_segment(source, node) or ""
        snippet = snippet if len(snippet) <= 60 else snippet[:57] + "..."
        return Answer(q, "invalid", source=source,
                      problem=f"{slot.name} must be a plain value written out — a string, "
                              "number, list, set or dict, as the cell's comment shows — but it "
                              f"is code ({snippet!r}). The grader reads answers; it does not "
                              "run them")
    return Answer(q, "answered", value=value, source=source)


def _parse_function(slot: AnswerSlot, tree: ast.Module, source: str,
                    defined: frozenset[str] = frozenset()) -> Answer:
    q = slot.question
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == slot.name]
    if not defs:
        return Answer(q, "invalid", source=source,
                      problem=f"the answer cell does not define the function {slot.name}(…)")
    if is_stub(defs[-1]):
        return Answer(q, "unanswered", source=source,
                      problem=f"not answered ({slot.name} still has only the starter body)")
    kept, dropped = definitions_only(tree, source, defined)
    notes = []
    if dropped:
        notes.append(f"line(s) {', '.join(map(str, dropped))} of the answer cell (code that tries "
                     "the function, such as a print or a loop) were not run by the grader: only "
                     "imports, definitions and assignments that need nothing but the imports, "
                     "helpers and constants of the notebook's other cells are")
    return Answer(q, "answered", source=kept, notes=notes)


_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def definitions_only(tree: ast.Module, source: str,
                     defined: frozenset[str] = frozenset()) -> tuple[str, list[int]]:
    """The cell's imports, definitions and self-contained assignments; and the first lines of
    the rest.

    Students often try their function in its own cell (``print(f(oped, CUES))``); those lines
    would fail in the sandbox, where the notebook's other variables do not exist, so they are
    dropped. An assignment is kept when every name it reads is a builtin or was imported or
    defined earlier in the cell (or in the notebook's other cells, ``defined``):
    ``PATTERN = re.compile(...)`` after ``import re`` stays, ``found = f(oped, CUES)`` goes.
    """
    lines = source.splitlines(keepends=True)
    kept: list[str] = []
    dropped: list[int] = []
    defined = set(defined)
    for node in tree.body:
        keep = isinstance(node, _DEFINITIONS) or _self_contained_assignment(node, defined)
        if keep:
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            kept.append("".join(lines[first - 1:node.end_lineno]))
            defined |= _names_bound(node)
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            dropped.append(node.lineno)
    return "\n".join(part.rstrip("\n") + "\n" for part in kept), dropped


_BUILTINS = frozenset(dir(builtins))


def _self_contained_assignment(node: ast.stmt, defined: set[str]) -> bool:
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets, value = [node.target], node.value
    else:
        return False
    if not all(_plain_target(t) for t in targets):
        return False  # x.attr = ..., x[0] = ...: changes something the cell did not make
    reads = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
    return reads <= (defined | _BUILTINS)


def _plain_target(target: ast.expr) -> bool:
    """``x`` or ``x, y`` (a tuple or list of names), nothing with an attribute or index."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return all(isinstance(t, ast.Name) for t in target.elts)
    return isinstance(target, ast.Name)


def _target_names(target: ast.expr) -> set[str]:
    if isinstance(target, (ast.Tuple, ast.List)):
        return {t.id for t in target.elts if isinstance(t, ast.Name)}
    return {target.id} if isinstance(target, ast.Name) else set()


def _names_bound(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Assign):
        return set().union(*(_target_names(t) for t in node.targets))
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def _is_literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return False
    return True


def is_stub(func: ast.FunctionDef) -> bool:
    """A body of only a docstring, ``...`` and ``pass`` is the released starter, not an answer."""
    for stmt in func.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) \
                and (stmt.value.value is Ellipsis or isinstance(stmt.value.value, str)):
            continue
        return False
    return True


# -- the notebook's other cells, for code answers ----------------------------------------------

_MAGIC = ("%", "!")


def notebook_context(code_cells: list[tuple[int, dict]], answers: dict[str, Answer],
                     slots: list[AnswerSlot], limits: Limits = DEFAULT_LIMITS
                     ) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """What a code answer may use from the notebook's other cells, as Jupyter would give it.

    The top-level imports, ``def``/``class`` statements and self-contained assignments (the
    rule of :func:`definitions_only`, across cells in order) of every code cell that is not an
    answer cell — not tagged with a question, not the cell an answer was read from, not the
    generated checker cell — and binds no answer's name (``q3``, the graded function). Each
    statement is ``("<cell n>", source)``; the sandbox runs them one by one before the answer
    cell, and one that fails is reported, not fatal. Also returns the names they bind.
    """
    answer_cells = {a.cell for a in answers.values() if a.cell is not None}
    reserved = {s.name for s in slots} | {s.question for s in slots}
    statements: list[tuple[str, str]] = []
    defined: set[str] = set()
    for number, cell in code_cells:
        ours = cell.get("metadata", {}).get("medialit") if isinstance(cell.get("metadata"),
                                                                      dict) else None
        role = ours.get("role") if isinstance(ours, dict) else None
        if number in answer_cells or _question_tag(cell) is not None or role == "checker":
            continue
        source = cell_source(cell)
        if not source.strip() or len(source) > limits.max_answer_chars:
            continue
        # IPython lines (%magic, !shell) are not Python: blank them, keep the line numbers
        source = "".join("\n" if line.lstrip().startswith(_MAGIC) else line
                         for line in source.splitlines(keepends=True))
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        lines = source.splitlines(keepends=True)
        for node in tree.body:
            bound = _names_bound(node)
            if not bound or bound & reserved:
                continue
            keep = isinstance(node, _DEFINITIONS) or _self_contained_assignment(node, defined)
            if not keep:
                continue
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            statements.append((f"<cell {number}>", "".join(lines[first - 1:node.end_lineno])))
            defined |= bound
    return tuple(statements), frozenset(defined)


def _with_context(answer: Answer, slot: AnswerSlot, code_cells: list[tuple[int, dict]],
                  names: frozenset[str]) -> Answer:
    """Read a function answer again, counting the context's names as defined (an assignment
    such as ``PATTERN = re.compile(...)`` may use ``import re`` from another cell)."""
    if answer.status != "answered" or answer.cell is None:
        return answer
    source = next((cell_source(c) for i, c in code_cells if i == answer.cell), None)
    if source is None:
        return answer
    reread = _parse_function(slot, ast.parse(source), source, names)
    kept = [n for n in answer.notes if "were not run by the grader" not in n]
    reread.cell, reread.notes = answer.cell, kept + reread.notes
    return reread
