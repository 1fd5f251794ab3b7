"""Analytic rubrics for open answers: each criterion scored on its own, then summed and scaled.

A free-text question's spec may give ``criteria`` instead of (or besides a derived) ``levels``::

    "criteria": [
      {"name": "attribution",
       "levels": {"0": "no claim attributed", "1": "...", "2": "...", "3": "every claim"},
       "anchors": {"0": "an answer written for the kit that scores 0", "1": "...", ...}},
      ...]

Every criterion has at least :data:`MIN_LEVELS` levels, numbered 0, 1, 2, … with no gap, and an
anchor answer per level (shown in the instructor edition only, so that two TAs score alike). A
person scores each criterion; the question's score is the sum of the criterion levels scaled to
the question's points: ``points × sum / (sum of the criteria's top levels)``, rounded to two
decimals. :func:`derived_levels` lists every score that sum can give, so the grader (which
accepts only listed levels in ``manual.csv``) accepts every combination of criterion levels.
"""

from __future__ import annotations

MIN_LEVELS = 4


def _top(criterion: dict) -> int:
    return max(int(k) for k in criterion["levels"])


def criteria_problem(spec: dict) -> str | None:
    """What is wrong with ``spec['criteria']`` (None when it is a valid analytic rubric)."""
    criteria = spec.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        return "spec.criteria must be a non-empty list of criteria"
    names = set()
    for i, c in enumerate(criteria):
        where = f"spec.criteria[{i}]"
        if not isinstance(c, dict) or not isinstance(c.get("name"), str) or not c["name"]:
            return f"{where}.name is required"
        if c["name"] in names:
            return f"{where}.name {c['name']!r} is used twice"
        names.add(c["name"])
        levels = c.get("levels")
        if not isinstance(levels, dict) or not all(isinstance(k, str) and k.isdigit()
                                                   for k in levels):
            return f"{where}.levels must map level numbers (\"0\", \"1\", …) to descriptions"
        if sorted(int(k) for k in levels) != list(range(len(levels))):
            return f"{where}.levels must be numbered 0, 1, 2, … without gaps"
        if len(levels) < MIN_LEVELS:
            return f"{where}.levels has {len(levels)} levels; a criterion needs {MIN_LEVELS}"
        anchors = c.get("anchors", {})
        if not isinstance(anchors, dict) or set(anchors) - set(levels):
            return f"{where}.anchors must be keyed by the criterion's levels"
    return None


def scaled(spec: dict, raw: int) -> float:
    """The question's score for a sum ``raw`` of criterion levels."""
    top = sum(_top(c) for c in spec["criteria"])
    return round(float(spec["points"]) * raw / top, 2)


def derived_levels(spec: dict) -> dict[str, str]:
    """Every score the criteria can sum to, with how it is reached: {"1.5": "sum 3 of 12"}."""
    top = sum(_top(c) for c in spec["criteria"])
    out = {}
    for raw in range(top + 1):
        value = scaled(spec, raw)
        out[f"{value:g}"] = f"criterion levels summing to {raw} of {top}"
    return out


def with_derived_levels(spec: dict) -> dict:
    """The spec with ``levels`` derived from ``criteria`` (a copy; unchanged without criteria)."""
    if "criteria" not in spec or criteria_problem(spec):
        return spec
    return {**spec, "levels": derived_levels(spec)}


def rubric_lines(spec: dict) -> list[str]:
    """One line per criterion for ``manual.csv`` and the answer key, then how the sum scales."""
    lines = []
    for c in spec["criteria"]:
        steps = " / ".join(f"{k}: {c['levels'][k]}"
                           for k in sorted(c["levels"], key=int))
        lines.append(f"{c['name']} — {steps}")
    top = sum(_top(c) for c in spec["criteria"])
    lines.append(f"score = {float(spec['points']):g} × (sum of the criterion levels) / {top}")
    return lines
