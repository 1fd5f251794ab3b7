"""The alternative assignment: what it asks, and its analytic rubric, as validated data.

The file the pack declares as its ``alternative`` (``chapters/alternative-assignment.yml`` in
the kit's book) describes the assignment a learner may take instead of
the graded sets (no reason required): the options to choose between and the criteria it is
scored on. Each criterion has a weight (``points``), the levels 0–3 of
:mod:`medialit.grading.rubric` (at least :data:`~medialit.grading.rubric.MIN_LEVELS`, no gap)
and an anchor answer for *every* level; the criterion marked ``replaces: code`` carries the
points of the code questions of the sets replaced. A criterion scores ``points × level / top``;
the assignment's score is the sum. The rubric is public (self-study learners score themselves
with it), so the anchors are written on the book's own case text, as the chapters read it:
never on an unseen text (a practice pack's), which the pre-check, the post-check and the graded
sets use.

:func:`load_alternative` raises :class:`AlternativeError` naming the file, the line and the
problem; the ``{alternative-assignment}`` directive renders the file on the exercise-sets page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..grading.rubric import criteria_problem
from ..io.yamldata import DataError, read_yaml

if TYPE_CHECKING:
    from ..pack import ContentPack

SCHEMA_VERSION = 1
_OBJECTIVE = re.compile(r"^LO\d+$")


class AlternativeError(DataError):
    """A problem in the alternative assignment's file."""


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    text: str


@dataclass(frozen=True)
class Criterion:
    name: str
    objectives: tuple[str, ...]
    points: float
    levels: dict[str, str]
    anchors: dict[str, str]
    replaces: str | None = None

    @property
    def top(self) -> int:
        return max(int(k) for k in self.levels)

    def score(self, level: int) -> float:
        if str(level) not in self.levels:
            raise ValueError(f"{self.name}: level {level} is not one of "
                             f"{', '.join(sorted(self.levels, key=int))}")
        return self.points * level / self.top


@dataclass(frozen=True)
class Alternative:
    path: Path
    points: float
    replaces: tuple[str, ...]
    options: tuple[Option, ...]
    criteria: tuple[Criterion, ...]

    def criterion(self, name: str) -> Criterion:
        return next(c for c in self.criteria if c.name == name)

    @property
    def code_points(self) -> float:
        """The points of the criterion that replaces the code questions."""
        return sum(c.points for c in self.criteria if c.replaces == "code")

    def score(self, levels: dict[str, int]) -> float:
        """The assignment's score for one level per criterion (every criterion scored)."""
        missing = [c.name for c in self.criteria if c.name not in levels]
        unknown = sorted(set(levels) - {c.name for c in self.criteria})
        if missing or unknown:
            raise ValueError(f"score every criterion once: missing {missing}, unknown {unknown}")
        return round(sum(c.score(levels[c.name]) for c in self.criteria), 2)


def default_path(root: Path | None = None, pack: ContentPack | None = None) -> Path:
    """The alternative assignment the pack declares (its ``alternative`` entry), at its place
    in the book at ``root`` (default: the pack's book; the Sphinx directive passes the book's
    source folder). ``pack`` defaults to the current pack; one that declares none is an
    error naming its manifest."""
    from ..pack import PackError, current_pack

    pack = pack or current_pack()
    path = pack.in_book("alternative", root)
    if path is None:
        raise PackError(f"{pack.manifest_path}: the pack {pack.name!r} declares no alternative "
                        "assignment (alternative: <file>): give the file",
                        file=str(pack.manifest_path), field="alternative")
    return path


def _line(node, key=None) -> int | None:
    try:
        if key is None:
            return node.lc.line + 1
        return node.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _text(path: Path, node, key: str, where: str) -> str:
    value = node.get(key) if isinstance(node, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise AlternativeError(path, _line(node), f"{where}: {key} must be a non-empty text")
    return " ".join(value.split())


def _criterion(path: Path, node, index: int) -> Criterion:
    where = f"criteria[{index}]"
    if not isinstance(node, dict):
        raise AlternativeError(path, _line(node), f"{where} must be a mapping")
    name = _text(path, node, "name", where)
    points = node.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise AlternativeError(path, _line(node, "points") or _line(node),
                               f"criterion {name!r}: points must be a positive number",
                               found=points)
    objectives = node.get("objectives")
    if (not isinstance(objectives, list) or not objectives
            or not all(isinstance(o, str) and _OBJECTIVE.match(o) for o in objectives)):
        raise AlternativeError(path, _line(node), f"criterion {name!r}: objectives must list "
                                                  "objective ids such as LO2")
    levels = {str(k): " ".join(str(v).split()) for k, v in (node.get("levels") or {}).items()}
    anchors = {str(k): " ".join(str(v).split()) for k, v in (node.get("anchors") or {}).items()}
    problem = criteria_problem({"criteria": [{"name": name, "levels": levels,
                                              "anchors": anchors}]})
    if problem:
        raise AlternativeError(path, _line(node), f"criterion {name!r}: "
                               + problem.replace("spec.criteria[0].", ""))
    unanchored = sorted(set(levels) - {k for k, v in anchors.items() if v}, key=int)
    if unanchored:
        raise AlternativeError(path, _line(node), f"criterion {name!r}: no anchor answer for "
                                                  f"level(s) {', '.join(unanchored)}")
    replaces = node.get("replaces")
    if replaces not in (None, "code"):
        raise AlternativeError(path, _line(node), f"criterion {name!r}: replaces may only be "
                                                  "'code'", found=replaces)
    return Criterion(name, tuple(objectives), float(points), levels, anchors, replaces)


def load_alternative(path: Path | str | None = None) -> Alternative:
    """Read and validate the alternative assignment's file."""
    path = Path(path) if path is not None else default_path()
    try:
        data = read_yaml(path)
    except DataError as exc:
        raise AlternativeError.from_error(exc) from None
    if data.get("schema_version") != SCHEMA_VERSION:
        raise AlternativeError(path, _line(data), f"schema_version must be {SCHEMA_VERSION}",
                               found=data.get("schema_version"))
    points = data.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise AlternativeError(path, _line(data, "points"), "points must be a positive number")
    replaces = data.get("replaces")
    if not isinstance(replaces, list) or not replaces or not all(
            isinstance(s, str) and s.startswith("set-") for s in replaces):
        raise AlternativeError(path, _line(data, "replaces"),
                               "replaces must list the graded sets it replaces (set-…)")
    options = []
    for i, node in enumerate(data.get("options") or []):
        options.append(Option(_text(path, node, "id", f"options[{i}]"),
                              _text(path, node, "name", f"options[{i}]"),
                              _text(path, node, "text", f"options[{i}]")))
    if not options:
        raise AlternativeError(path, _line(data), "options must list at least one option")
    nodes = data.get("criteria")
    if not isinstance(nodes, list) or not nodes:
        raise AlternativeError(path, _line(data), "criteria must be a non-empty list")
    criteria = [_criterion(path, node, i) for i, node in enumerate(nodes)]
    names = [c.name for c in criteria]
    if len(set(names)) != len(names):
        raise AlternativeError(path, _line(data, "criteria"), "two criteria have the same name")
    if sum(c.replaces == "code" for c in criteria) != 1:
        raise AlternativeError(path, _line(data, "criteria"), "exactly one criterion must have "
                                                              "replaces: code")
    total = sum(c.points for c in criteria)
    if abs(total - float(points)) > 1e-9:
        raise AlternativeError(path, _line(data, "points"),
                               f"the criteria's points sum to {total:g}, not to the "
                               f"assignment's {float(points):g}")
    return Alternative(path, float(points), tuple(replaces), tuple(options), tuple(criteria))
