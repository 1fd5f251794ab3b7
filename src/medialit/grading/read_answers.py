"""Read a student's answers from notebook bytes with json + ast; never execute anything.

A notebook-level problem (empty file, not UTF-8, not JSON, not a notebook, an old format,
another set) raises :class:`NotebookError` with a message meant for the student. A
question-level problem (cell deleted, code instead of a literal, too large) never raises: the
question's :class:`Answer` carries ``problem`` and scores 0, and the rest of the notebook is
graded.

The file is read with :func:`json.loads` and a structural check of its own (what the grader
reads: ``nbformat``, ``cells``, each cell's ``cell_type``, ``source`` and ``metadata``), not with
nbformat's JSON-schema validation, which cost more than all the rest of grading a notebook.

Which cell is read: the answer cell is found by its metadata ``medialit.question``; when no
cell carries it (a front end that strips metadata), by the cell that assigns the variable
(``q3 = …``) or defines the function. The value graded is the one running the notebook from
top to bottom gives (the last assignment), so an answer typed into a new cell under the
untouched ``...`` stub, or changed in a later cell, is graded — and a note names the cell that
was read. Where that cannot be known without running code (``q3.add("E")`` in a later cell),
the written value is graded and the note says it is ambiguous.

A notebook whose metadata was stripped is identified by its content: the set id in its
generated set-up cell (``answer_checker("set-b-sourcing", …)``) or its title heading; one of
another set is refused instead of being graded against the wrong key.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from ..errors import MedialitError
from .limits import DEFAULT_LIMITS, Limits
from .quick_literal import quick_assignment

try:  # the grade extra installs it; without it, json reads every notebook
    import orjson
except ImportError:  # pragma: no cover — a kit installed without the grade extra
    orjson = None  # type: ignore[assignment]

AnswerKind = Literal["literal", "function"]

# Cells that are one plain assignment are read without ``ast`` (:mod:`.quick_literal`); the
# tests switch it off to compare the two readings.
QUICK = True
# An answer cell that alone names its answer is read without the general search's bookkeeping
# (_read_slot); the tests switch it off to compare the two readings.
SHORTCUT = True


class NotebookError(MedialitError, ValueError):
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

_NOT_READ = object()


def _loads_quickly(data: bytes) -> Any:
    """The notebook's JSON read by orjson where it is installed (the ``grade`` extra pins it):
    a third faster than json on a notebook, which counts at a thousand a second. orjson is
    stricter than json (NaN, nesting deeper than 1,024, a byte-order mark, bytes that are not
    UTF-8): whatever it refuses is read again by json (``_NOT_READ``). It reads an integer above
    64 bits as a float; the grader reads only the cells' text, metadata strings and the
    nbformat version, so no answer or score depends on one."""
    if orjson is None:
        return _NOT_READ
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return _NOT_READ


def load_notebook(data: bytes, limits: Limits = DEFAULT_LIMITS) -> dict:
    """Decode and structurally check a notebook (plain JSON data); raise NotebookError."""
    if not data or not data.strip():
        raise NotebookError("the file is empty: save the notebook in Jupyter and submit it again")
    if len(data) > limits.max_notebook_bytes:
        raise NotebookError(f"the file is larger than the {limits.max_notebook_bytes // 2**20} MB "
                            "cap: clear the outputs, save and resubmit")
    raw = _loads_quickly(data)
    if raw is _NOT_READ:  # json's verdict and messages stand
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NotebookError(
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
                f"{exc.start}); a notebook saved by Jupyter is always UTF-8 — was it edited or "
                "converted elsewhere?") from None
        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            where = (f" (line {exc.lineno}, column {exc.colno})"
                     if isinstance(exc, json.JSONDecodeError) else "")
            raise NotebookError(f"the file is not a notebook: it is not valid JSON{where}") from None
    if isinstance(raw, dict) and isinstance(raw.get("nbformat"), int) and raw["nbformat"] != 4:
        # checked before the cells: format 3 keeps them in "worksheets", not "cells"
        raise NotebookError(f"notebook format {raw['nbformat']} is not supported; open it in "
                            "Jupyter (which converts it to format 4), save it and submit it "
                            "again")
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list) \
            or not isinstance(raw.get("nbformat"), int):
        raise NotebookError("the file is JSON but not a Jupyter notebook (no 'cells' list or "
                            "'nbformat' version)")
    for i, cell in enumerate(raw["cells"], start=1):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str) \
                or "source" not in cell:
            raise NotebookError(f"cell {i} is not a notebook cell (no 'cell_type' or 'source')")
        source = cell["source"]
        if isinstance(source, list):
            try:
                cell["source"] = source = "".join(source)  # raises for anything but text
            except TypeError:
                source = None
        if not isinstance(source, str):
            raise NotebookError(f"cell {i}'s source is not text")
        if not isinstance(cell.get("metadata", {}), dict):
            cell["metadata"] = {}
    if not isinstance(raw.get("metadata", {}), dict):
        raw["metadata"] = {}
    return raw


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
    found = ours.get("set") if isinstance(ours, dict) else None
    return found if isinstance(found, str) else None


_CHECKER_SET = re.compile(r"""answer_checker\(\s*["']([^"']+)["']""")


def set_from_content(nb: dict, titles: dict[str, str]) -> tuple[str | None, str]:
    """(set id, how it was found) from a notebook's content: its generated set-up cell, else
    its title heading (``# Set B — Sourcing``); (None, "") when neither names a set."""
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            m = _CHECKER_SET.search(cell_source(cell))
            if m:
                return m.group(1), "its set-up cell"
    by_heading = {f"# {title}".casefold(): sid for sid, title in titles.items()}
    for cell in nb["cells"]:
        if cell.get("cell_type") == "markdown":
            for line in cell_source(cell).splitlines():
                sid = by_heading.get(line.strip().casefold())
                if sid:
                    return sid, "its title"
    return None, ""


# -- each answer -------------------------------------------------------------------------------

def read_answers(data: bytes, slots: list[AnswerSlot], set_id: str,
                 limits: Limits = DEFAULT_LIMITS,
                 titles: dict[str, str] | None = None) -> NotebookAnswers:
    """Find and parse every slot's answer. Raises NotebookError only for whole-file problems.

    ``titles`` (set id → title of every known set) lets a notebook without metadata be told
    apart from another set's by its title heading.
    """
    nb = load_notebook(data, limits)
    found_set = notebook_set_id(nb)
    notes: list[str] = []
    if found_set is not None and found_set != set_id:
        raise NotebookError(f"this notebook belongs to set {found_set!r}, not {set_id!r}: "
                            "submit the notebook of this set")
    if found_set is None:
        named, how = set_from_content(nb, titles or {})
        if named is not None and named != set_id:
            raise NotebookError(f"this notebook's metadata has no set id (stripped?), and "
                                f"{how} shows it is set {named!r}, not {set_id!r}: submit the "
                                "notebook of this set")
        if named is not None:
            notes.append(f"the notebook's metadata has no set id (stripped?); {how} shows it is "
                         f"{set_id!r}, and it was graded as such")
    code_cells = [(i, c) for i, c in enumerate(nb["cells"], start=1)
                  if c.get("cell_type") == "code"]
    trees = _Trees(code_cells, limits)
    answers = {slot.question: _read_slot(slot, trees, limits) for slot in slots}
    if found_set is None:
        if all(a.status == "missing" for a in answers.values()):
            raise NotebookError(f"no answer of set {set_id!r} was found in this notebook (no "
                                "tagged answer cells and no q1, q2, … variables): is it the "
                                "right notebook?")
        if not notes:
            notes.append(f"the notebook's metadata has no set id (stripped?) and neither its "
                         f"set-up cell nor its title names a set; it was graded as {set_id!r} "
                         "from its answer cells")
    context, names = notebook_context(code_cells, answers, slots, limits)
    for slot in slots:
        if slot.kind == "function":
            answers[slot.question] = _with_context(answers[slot.question], slot, trees, names)
    return NotebookAnswers(found_set, answers, notes, context)


_GENERATED_ROLES = frozenset({"checker", "final-check"})  # written by `medialit release`


class _Trees:
    """The code cells of one notebook: source, question tag, and syntax tree parsed at most
    once (None: not Python, or larger than any answer)."""

    def __init__(self, code_cells: list[tuple[int, dict]], limits: Limits):
        self.sources = {i: cell_source(c) for i, c in code_cells}
        self.tags = {i: _question_tag(c) for i, c in code_cells}
        # the generated set-up cell names every question ("q1": {...}) but answers none
        self.searched = [i for i, c in code_cells if _role(c) not in _GENERATED_ROLES]
        self._trees: dict[int, ast.Module | None] = {}
        self._quick: dict[int, tuple[str, Any] | None] = {}
        self._cap = limits.max_answer_chars

    def quick(self, number: int) -> tuple[str, Any] | None:
        """(name, value) of a cell that is one plain assignment, read without ``ast``
        (:mod:`.quick_literal`); None: the syntax tree decides."""
        if number not in self._quick:
            source = self.sources[number]
            self._quick[number] = (quick_assignment(source) if QUICK and
                                   len(source) <= self._cap else None)
        return self._quick[number]

    def get(self, number: int) -> ast.Module | None:
        if number not in self._trees:
            source = self.sources[number]
            if len(source) > self._cap:  # a larger cell is no answer: never parse it
                tree = None
            elif len(source) <= 1000:  # stubs and short answers repeat across a class
                tree = _syntax_tree(source)
            else:
                tree = _syntax_tree.__wrapped__(source)
            self._trees[number] = tree
        return self._trees[number]


@lru_cache(maxsize=2048)
def _syntax_tree(source: str) -> ast.Module | None:
    """A cell's syntax tree, shared by every notebook with the same cell (the untouched stubs,
    the most common answers of a class); nothing here changes a tree."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


@dataclass
class _Use:
    """One cell's last word on a name: a literal value, the stub, or code."""

    cell: int
    tagged: bool
    kind: Literal["value", "stub", "code"]
    text: str = ""  # the code, for notes


def _uses(slot: AnswerSlot, number: int, tree: ast.Module, source: str,
          tagged: bool) -> _Use | None:
    """What the cell's top-level statements last do to the slot's name (None: nothing)."""
    last: _Use | None = None
    for node in tree.body:
        if slot.kind == "function":
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == slot.name:
                stub = isinstance(node, ast.FunctionDef) and is_stub(node)
                last = _Use(number, tagged, "stub" if stub else "value")
            continue
        value = _assignment_of(node, slot.name)
        if value is not None:
            if isinstance(value, ast.Constant) and value.value is Ellipsis:
                last = _Use(number, tagged, "stub")
            elif _is_literal(value):
                last = _Use(number, tagged, "value")
            else:
                last = _Use(number, tagged, "code", _segment(source, node))
        elif _changes(node, slot.name):
            last = _Use(number, tagged, "code", _segment(source, node))
    return last


def _quick_use(slot: AnswerSlot, number: int, quick: tuple[str, Any],
               tagged: bool) -> _Use | None:
    """What :func:`_uses` gives for a cell that is one plain assignment ``name = value``."""
    name, value = quick
    if name != slot.name:
        return None
    return _Use(number, tagged, "stub" if value is Ellipsis else "value")


def _assignment_of(node: ast.stmt, name: str) -> ast.expr | None:
    if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                            for t in node.targets):
        return node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
            and node.target.id == name and node.value is not None:
        return node.value
    return None


def _changes(node: ast.stmt, name: str) -> bool:
    """``q3 += …``, ``q3.add(…)``, ``q1["1.1"] = …``, ``del q3``: code that changes the name."""
    def is_name(n):
        return isinstance(n, ast.Name) and n.id == name

    if isinstance(node, ast.AugAssign):
        return is_name(node.target)
    if isinstance(node, (ast.Assign, ast.Delete)):
        targets = node.targets
        return any(isinstance(t, (ast.Subscript, ast.Attribute)) and is_name(t.value)
                   or is_name(t) for t in targets)
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        return isinstance(func, ast.Attribute) and is_name(func.value)
    return False


def _segment(source: str, node: ast.stmt) -> str:
    text = (ast.get_source_segment(source, node) or "").strip()
    return text if len(text) <= 60 else text[:57] + "..."


def _role(cell: dict) -> str | None:
    ours = cell["metadata"].get("medialit") if isinstance(cell.get("metadata"), dict) else None
    return ours.get("role") if isinstance(ours, dict) else None


@lru_cache(maxsize=256)
def _top_level_use(slot: AnswerSlot) -> re.Pattern:
    """A line that may bind or change the name at the top level of a cell (column 0): what
    an untagged cell must contain to be parsed at all (most cells never are)."""
    name = re.escape(slot.name)
    if slot.kind == "function":
        return re.compile(rf"^(?:async[ \t]+)?def[ \t]+{name}\b", re.MULTILINE)
    return re.compile(rf"^(?:{name}[ \t]*(?:[-+*/%@&|^]|//|\*\*|<<|>>)?=(?!=)|{name}[ \t]*[:.\[]"
                      rf"|del[ \t]+{name}\b)", re.MULTILINE)


def _read_slot(slot: AnswerSlot, trees: _Trees, limits: Limits) -> Answer:
    question, name, sources, tags = slot.question, slot.name, trees.sources, trees.tags
    tagged = [i for i in trees.searched if tags[i] == question]
    maybe: re.Pattern | None = None
    candidates = []  # the cells that may bind the name: tagged, or by cheap text tests
    for number in trees.searched:
        if tags[number] != question:
            source = sources[number]
            if name not in source:
                continue
            if maybe is None:
                maybe = _top_level_use(slot)
            if not maybe.search(source):
                continue
        candidates.append(number)
    if SHORTCUT and len(tagged) == 1 and candidates == tagged:
        # the usual notebook: the answer cell alone names the answer, and whatever it holds
        # is read from it with no note (what the general path below gives in this case)
        return _parse_cell(slot, trees, tagged[0], [], limits)
    uses: list[_Use] = []
    for number in candidates:
        is_tagged = tags[number] == question
        source = sources[number]
        quick = trees.quick(number) if slot.kind == "literal" else None
        if quick is not None:
            use = _quick_use(slot, number, quick, is_tagged)
        else:
            tree = trees.get(number)
            use = _uses(slot, number, tree, source, is_tagged) if tree is not None else None
        if use is not None:
            uses.append(use)
        elif is_tagged:
            uses.append(_Use(number, True, "code"))  # not Python, or no assignment: parse says
    notes: list[str] = []
    if not tagged:
        if not uses:
            what = f"a cell assigning {slot.name} = …" if slot.kind == "literal" \
                else f"a cell defining def {slot.name}(…)"
            return Answer(slot.question, "missing",
                          problem=f"no answer cell for {slot.question} (neither a tagged cell nor "
                                  f"{what}): was the cell deleted? Copy it back from the released "
                                  "notebook and answer in it")
        notes.append(f"the answer cell of {slot.question} has no question tag in its metadata "
                     f"(stripped by the editor?); it was found by the name {slot.name!r}")
    number, more = _which_cell(slot, tagged, uses)
    if len(tagged) > 1:
        same = len({trees.sources[i] for i in tagged}) == 1
        numbers = ", ".join(str(i) for i in tagged)
        notes.append(f"{slot.question} appears in {len(tagged)} cells ({numbers})"
                     + ("; they are identical" if same else
                        f"; the last one{'' if number == tagged[-1] else ' with an answer'} "
                        f"(cell {number}) was graded, as running the notebook from top to "
                        "bottom would use it"))
    notes += more
    return _parse_cell(slot, trees, number, notes, limits)


def _parse_cell(slot: AnswerSlot, trees: _Trees, number: int, notes: list[str],
                limits: Limits) -> Answer:
    """The answer read from cell ``number``, with ``notes`` on how that cell was chosen."""
    quick = trees.quick(number) if slot.kind == "literal" else None
    if quick is not None:
        answer = _parse_quick(slot, trees.sources[number], quick)
    else:
        answer = _parse(slot, trees.sources[number], limits, trees.get(number))
    answer.cell = number
    answer.notes = notes + answer.notes
    return answer


def _which_cell(slot: AnswerSlot, tagged: list[int],
                uses: list[_Use]) -> tuple[int, list[str]]:
    """The cell whose value running the notebook top to bottom gives, and notes saying so."""
    home = tagged[-1] if tagged else uses[-1].cell
    notes: list[str] = []
    values = [u for u in uses if u.kind == "value"]
    if not values:
        return home, notes
    last_value = values[-1]
    reset = [u for u in uses if u.kind == "stub" and u.cell > last_value.cell]
    if reset:
        notes.append(f"cell {reset[-1].cell} sets {slot.name} back to the starter `...`; the "
                     f"answer in cell {last_value.cell} was graded")
    later_code = [u for u in uses if u.kind == "code" and u.cell > last_value.cell
                  and not u.tagged]
    what = "answered" if slot.kind == "literal" else "defined"
    if later_code:
        code = later_code[-1]
        notes.append(f"ambiguous: cell {code.cell} changes {slot.name} with code "
                     f"({code.text!r}); the grader does not run code, so it graded the value "
                     f"written in cell {last_value.cell} — if cell {code.cell}'s result is your "
                     f"answer, write it out as a plain value in the answer cell")
    if last_value.cell == home or last_value.tagged:
        return last_value.cell, notes
    stale = [u for u in uses if u.cell == home]
    home_state = "still holds the starter `...`" if stale and stale[-1].kind == "stub" \
        else "holds another answer"
    where = "after" if last_value.cell > home else "before"
    if tagged:
        notes.append(f"{slot.question} was {what} in cell {last_value.cell}, a cell without the "
                     f"question's tag {where} the answer cell (cell {home}), which "
                     f"{home_state}; cell {last_value.cell} was graded, as running the notebook "
                     "from top to bottom gives its value")
    elif len({u.cell for u in values}) > 1:
        cells = ", ".join(str(u.cell) for u in values)
        notes.append(f"{slot.name} is {what} in cells {cells}; the last one (cell "
                     f"{last_value.cell}) was graded, as running the notebook from top to bottom "
                     "would use it")
    return last_value.cell, notes


def _assigned_value(tree: ast.Module, name: str) -> ast.expr | None:
    value = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets) or (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
              and node.target.id == name and node.value is not None):
            value = node.value
    return value


def _parse(slot: AnswerSlot, source: str, limits: Limits,
           tree: ast.Module | None = None) -> Answer:
    q = slot.question
    if len(source) > limits.max_answer_chars:
        return Answer(q, "invalid", source=source[:200],
                      problem=f"the answer cell holds {len(source):,} characters, above the cap "
                              f"of {limits.max_answer_chars:,}: keep only the answer in it")
    try:
        tree = tree or ast.parse(source)
    except SyntaxError as exc:
        return Answer(q, "invalid", source=source,
                      problem=f"the answer cell is not valid Python (line {exc.lineno}: "
                              f"{exc.msg}); fix it so that the cell runs")
    except (ValueError, RecursionError, MemoryError) as exc:
        return Answer(q, "invalid", source=source,
                      problem=f"the answer cell could not be read ({type(exc).__name__})")
    if slot.kind == "function":
        return _parse_function(slot, tree, source, finish=False)
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


def _parse_quick(slot: AnswerSlot, source: str, quick: tuple[str, Any]) -> Answer:
    """What :func:`_parse` gives for a literal slot's cell that is one plain assignment."""
    name, value = quick
    q = slot.question
    if name != slot.name:
        return Answer(q, "invalid", source=source,
                      problem=f"the answer cell does not assign {slot.name} = …; write the "
                              f"answer as {slot.name} = <value>")
    if value is Ellipsis:
        return Answer(q, "unanswered", source=source,
                      problem=f"not answered ({slot.name} is still ...)")
    return Answer(q, "answered", value=value, source=source)


def _parse_function(slot: AnswerSlot, tree: ast.Module, source: str,
                    defined: frozenset[str] = frozenset(), finish: bool = True) -> Answer:
    """``finish=False``: status only, the whole cell as ``source``; :func:`_with_context`
    keeps what runs once the names of the notebook's other cells are known."""
    q = slot.question
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == slot.name]
    if not defs:
        return Answer(q, "invalid", source=source,
                      problem=f"the answer cell does not define the function {slot.name}(…)")
    if is_stub(defs[-1]):
        return Answer(q, "unanswered", source=source,
                      problem=f"not answered ({slot.name} still has only the starter body)")
    if not finish:
        return Answer(q, "answered", source=source)
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

    Students often try their function in its own cell (``print(f(document, CUES))``); those lines
    would fail in the sandbox, where the notebook's other variables do not exist, so they are
    dropped. An assignment is kept when every name it reads is a builtin or was imported or
    defined earlier in the cell (or in the notebook's other cells, ``defined``):
    ``PATTERN = re.compile(...)`` after ``import re`` stays, ``found = f(document, CUES)`` goes.
    """
    lines = source.splitlines(keepends=True)
    kept: list[str] = []
    dropped: list[int] = []
    known = set(defined)
    for node in tree.body:
        keep = isinstance(node, _DEFINITIONS) or _self_contained_assignment(node, known)
        if keep:
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            kept.append("".join(lines[first - 1:node.end_lineno]))
            known |= _names_bound(node)
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            dropped.append(node.lineno)
    return "\n".join(part.rstrip("\n") + "\n" for part in kept), dropped


_BUILTINS = frozenset(dir(builtins))


def _self_contained_assignment(node: ast.stmt, defined: set[str] | frozenset[str]) -> bool:
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
    reserved = frozenset({s.name for s in slots} | {s.question for s in slots})
    cells: list[tuple[int, str]] = []
    for number, cell in code_cells:
        ours = cell.get("metadata", {}).get("medialit") if isinstance(cell.get("metadata"),
                                                                      dict) else None
        role = ours.get("role") if isinstance(ours, dict) else None
        if number in answer_cells or _question_tag(cell) is not None or role == "checker":
            continue
        source = cell_source(cell)
        if not source.strip() or len(source) > limits.max_answer_chars:
            continue
        cells.append((number, source))
    # a class's notebooks mostly share these cells (the released set-up): worked out once
    return _context_of(tuple(cells), reserved)


@lru_cache(maxsize=256)
def _context_of(cells: tuple[tuple[int, str], ...], reserved: frozenset[str]
                ) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    statements: list[tuple[str, str]] = []
    defined: set[str] = set()
    for number, source in cells:
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


def _with_context(answer: Answer, slot: AnswerSlot, trees: _Trees,
                  names: frozenset[str]) -> Answer:
    """Finish a function answer (read with ``finish=False``): keep what runs, counting the
    context's names as defined (an assignment such as ``PATTERN = re.compile(...)`` may use
    ``import re`` from another cell). Done once, after the context is known."""
    if answer.status != "answered" or answer.cell is None:
        return answer
    source = trees.sources.get(answer.cell)
    tree = trees.get(answer.cell) if source is not None else None
    if source is None:  # pragma: no cover — the answer was read from this cell
        raise RuntimeError(f"{slot.question}: cell {answer.cell} was read but is not there")
    if tree is None:  # pragma: no cover — parsed by _parse, not kept (a RecursionError)
        tree, names = ast.parse(source), frozenset()  # as it was read the first time
    reread = _parse_function(slot, tree, source, names)  # the tree read the first time
    reread.cell, reread.notes = answer.cell, answer.notes + reread.notes
    return reread
