"""Assessment quality figures for every question bank and graded set: cueing, feedback, transfer.

``medialit check`` prints :func:`report` for the book it checks; ``tests/test_assessment_quality.py``
enforces :data:`GOALS` on the kit's own banks and masters. The figures, per bank and per set:

* **longest key** — single-choice items whose key is the *strictly* longest option (a
  test-wise student picks the longest option; goal: at most 35% of the kit's items).
* **shortest key** — single-choice items whose key is the *strictly* shortest option (the same
  cue the other way round: a test-wise student who has learnt that keys are not the longest
  picks the shortest; goal: at most 35% of the kit's items, like the longest).
* **key positions** — where the key stands among the options as shown (A, B, C, …; options are
  shown in file order). Goal: no position holds more than 40% of the kit's keys.
* **true/false keyed true** — goal 40–60% of the kit's true/false items.
* **short feedback** — feedback texts under 40 characters ("Correct.", "A booster."): every
  option of a choice question, both values of a true/false item, and each sentence, pair or
  phrase of the other types. Goal: none.
* **feedback without ¶** — feedback on an option, value, sentence or pair that points at a
  passage but gives no ¶ reference itself. A feedback points at a passage when its option holds
  a ¶ reference or is a sentence id, or when its question does: the prompt names a ¶, or
  ``about`` lists sentence ids of numbered paragraphs (the byline has no ¶ number, so a question
  only about the byline is not counted). Goal: none.
* **unseen** — items on a text the chapters do not study (:mod:`medialit.quiz.material`).
* **close variants** — graded items that are close variants of a practice item (below).
  Goal: at most one graded item in five.

**Close variant**, measurably: a graded item is a close variant of a practice item when their
*faces* — the words a student reads to answer: prompt, options, labels, sentences (as ``¶5.2``),
pairs, items — either

* share a sentence: a run of at least :data:`SHARED_RUN` (8) consecutive words, compared as
  lower-case words with punctuation and quotation marks dropped (a student who has practised
  the sentence recognises it, whatever the question type or material), or
* share at least half of their content words (Jaccard similarity ≥ 0.5 over lower-case words of
  three or more letters, ¶ references kept as tokens, a short stop-word list removed), for items
  on the same material, whatever their type.

Practice items are those a student meets before the graded sets: every chapter bank, the
pre-check and the post-check. Two kinds of run are not reuse and are left out: a sentence of
the studied texts themselves (the case and the practice text: quoting the text under study is
the task, not a memory of a practice item), and a stock phrase, a run found in at least
:data:`STOCK_PHRASE` (5) items of the book (a standard preamble such as "This question is about
the practice case …", or an instruction).

**Objective coverage** (:func:`objective_coverage`): per objective of ``objectives.yml``, the
graded items mapped to it and how many of them are on unseen material. Goal: every objective at
least two graded items, at least one of them unseen.

**Rubrics** (:func:`rubric_rows`): for each open (free-text) graded item, its criteria, the
fewest levels any criterion has, and whether every level of every criterion has an anchor
answer. Goal: at least four levels per criterion, every level anchored; the report counts the
items that miss it (:func:`rubric_shortfalls`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .material import UNSEEN

if TYPE_CHECKING:
    from ..pack import ContentPack

SHORT_FEEDBACK = 40
CLOSE_VARIANT = 0.5
SHARED_RUN = 8
STOCK_PHRASE = 5
CHECK_BANKS = frozenset({"precheck", "postcheck"})
_STOP = (
    "the and for that this with from which what does are was were its their they them his her "
    "not but who whom how why when where than then these those each every one two any all has "
    "have had into onto out over under about also only more most other same such some can could "
    "would should will shall may might must our your you answer choose apply sentence sentences "
    "word words phrase phrases text")
STOP_WORDS = frozenset(_STOP.split())


def _pack_key() -> str | None:
    """The current pack's folder (what the caches below are kept per); None without a pack."""
    try:
        from ..pack import current_pack

        return str(current_pack().root)
    except Exception:  # no pack  # noqa: BLE001
        return None


def _text_nouns() -> frozenset[str]:
    """The pack's noun for its text (and the noun without its hyphen): a stop word too."""
    return _text_nouns_of(_pack_key())


@lru_cache(maxsize=8)
def _text_nouns_of(key: str | None) -> frozenset[str]:
    if key is None:  # no pack: only the generic stop words
        return frozenset()
    from ..pack import current_pack

    noun = current_pack().text_noun.lower()
    return frozenset({noun, noun.replace("-", "")})
GOALS: dict[str, Any] = {"longest_key": 0.35, "shortest_key": 0.35, "key_position": 0.40, "tf_true": (0.40, 0.60), "short_feedback": 0,
         "feedback_without_para": 0, "close_variants": 0.20, "graded_per_objective": 2,
         "unseen_per_objective": 1, "rubric_levels": 4}
# Distractors the review named as implausible (nobody picks them, so they only cue the key).
IMPLAUSIBLE = ("the font of the web page", "ask a friend", "a neutral report", "nothing",
               "the page layout", "the page layout of the two texts")

_PARA = re.compile(r"¶\s?\d")
_WORD = re.compile(r"¶\s?\d+(?:\.\d+)?|[a-z][a-z’'-]{2,}")
_SID = re.compile(r"^(?:\d+|byline)\.\d+$")
_NUMBERED_SID = re.compile(r"^\d+\.\d+$")


@dataclass(frozen=True)
class Item:
    """One question of a bank or a master, as plain data (a bank's YAML, a master's spec)."""

    source: str   # bank name or set id
    graded: bool  # a graded set's question
    id: str
    data: dict

    @property
    def type(self) -> str:
        return self.data["type"]

    @property
    def label(self) -> str:
        return f"{self.source} {self.id}"

    @property
    def unseen(self) -> bool:
        return (self.data.get("material") or "case") in UNSEEN


@dataclass
class Figures:
    """The figures of one bank or set (or of all of them together)."""

    name: str
    items: int = 0
    single_choice: int = 0
    longest_key: int = 0
    shortest_key: int = 0
    key_positions: Counter = field(default_factory=Counter)
    true_false: int = 0
    tf_true: int = 0
    feedback: int = 0
    short_feedback: list[str] = field(default_factory=list)
    feedback_without_para: list[str] = field(default_factory=list)
    unseen: int = 0
    close_variants: list[Any] = field(default_factory=list)  # CloseVariant

    def add(self, other: Figures) -> None:
        self.items += other.items
        self.single_choice += other.single_choice
        self.longest_key += other.longest_key
        self.shortest_key += other.shortest_key
        self.key_positions.update(other.key_positions)
        self.true_false += other.true_false
        self.tf_true += other.tf_true
        self.feedback += other.feedback
        self.short_feedback += other.short_feedback
        self.feedback_without_para += other.feedback_without_para
        self.unseen += other.unseen
        self.close_variants += other.close_variants


# -- reading the items ---------------------------------------------------------------------------

def bank_items(path: Path) -> list[Item]:
    """The questions of a bank file (validated first by the quiz loader)."""
    from .loader import load_bank, read_yaml

    load_bank(path)
    data = read_yaml(path)
    return [Item(path.stem, False, q["id"], dict(q)) for q in data["questions"]]


def master_items(path: Path) -> list[Item]:
    """The questions of a master notebook (validated by the grader's loader)."""
    from ..grading.master import load_master

    master = load_master(path)
    return [Item(master.set_id, True, q.id, dict(q.spec)) for q in master.questions]


def book_items(root: Path, pack: ContentPack | None = None) -> list[Item]:
    """Every bank in the pack's ``banks`` folder and every graded master (``set-*.ipynb``) in
    its ``masters`` folder, at their places in the book at ``root`` (default pack: the current
    one). A pack that declares no banks or no masters has none of them."""
    pack = pack or _current_pack()
    items: list[Item] = []
    banks, masters = pack.in_book("banks", root), pack.in_book("masters", root)
    for path in sorted(banks.glob("*.yml")) if banks is not None else []:
        items += bank_items(path)
    for path in sorted(masters.glob("set-*.ipynb")) if masters is not None else []:
        items += master_items(path)
    return items


def _current_pack() -> ContentPack:
    from ..pack import current_pack

    return current_pack()


# -- the figures of one item ---------------------------------------------------------------------

def _model(item: Item):
    """The item's question type (None for a type only the grader knows, such as ``code``)."""
    from .types import model_for

    return model_for(item.type)


def _feedback_texts(item: Item) -> list[tuple[str, str, str]]:
    """(where, what it is about, feedback) for every feedback text of the item (the type's
    ``feedback_texts`` face)."""
    model = _model(item)
    return model.feedback_texts(item.data) if model is not None else []


def _points_at_paragraph(item: Item) -> bool:
    """Whether the question itself points at a numbered paragraph (its prompt or its ``about``)."""
    d = item.data
    if _PARA.search(str(d.get("prompt", ""))):
        return True
    return any(_NUMBERED_SID.match(str(a).strip()) for a in (d.get("about") or []))


def _needs_feedback(item: Item) -> list[str]:
    """Parts of the item a student can get wrong that carry no feedback of their own (the
    type's ``unfed_parts`` face)."""
    model = _model(item)
    return model.unfed_parts(item.data) if model is not None else []


def item_figures(item: Item) -> Figures:
    f = Figures(item.label, items=1, unseen=int(item.unseen))
    model = _model(item)
    if model is not None:
        model.add_quality_figures(item.data, f)  # the key's length and place, the true share
    whole_item = _points_at_paragraph(item)
    for where, about, text in _feedback_texts(item):
        f.feedback += 1
        if len(text.strip()) < SHORT_FEEDBACK:
            f.short_feedback.append(f"{item.label} {where}: {text.strip()!r}")
        points = whole_item or _PARA.search(about) or _SID.match(about.strip())
        if points and not _PARA.search(text):
            f.feedback_without_para.append(f"{item.label} {where}")
    for where in _needs_feedback(item):
        f.feedback += 1
        f.short_feedback.append(f"{item.label} {where}: no feedback")
    return f


# -- close variants ------------------------------------------------------------------------------

def face_words(item: Item) -> frozenset[str]:
    """The content words of what a student reads to answer the item."""
    d = item.data
    parts = [d.get("prompt", "")]
    parts += [o["text"] for o in d.get("options", [])]
    parts += list(d.get("labels", [])) + [f"¶{s}" for s in d.get("sentences", [])]
    parts += [f"{p['left']} {p['right']}" for p in d.get("pairs", [])]
    parts += list(d.get("items", [])) + list(d.get("distractors", []))
    words = _WORD.findall(" ".join(parts).lower())
    stop = STOP_WORDS | _text_nouns()
    return frozenset(w.replace(" ", "") for w in words if w not in stop)


def similarity(a: Item, b: Item) -> float:
    wa, wb = face_words(a), face_words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


_RUN_WORD = re.compile(r"[a-z0-9]+(?:[’'-][a-z0-9]+)*")
_PARA_REF = re.compile(r"¶\s?\d+(?:\.\d+)?(?:[–-]¶?\d+(?:\.\d+)?)?")
QUOTED_RUN = 5  # a run of this many words of a studied text counts as quoting it


def _run_words(text: str) -> list[str]:
    """Lower-case words, ¶ references left out (they point, they are not sentences)."""
    return _RUN_WORD.findall(_PARA_REF.sub(" ", text.lower()))


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[k:k + n]) for k in range(len(words) - n + 1)}


def _runs(text: str, n: int = SHARED_RUN) -> set[tuple[str, ...]]:
    """The runs of ``n`` words of ``text`` outside its quotations of a studied text (any
    :data:`QUOTED_RUN` words of the case or the practice text, and the words around them up to
    the quotation's end, are masked)."""
    words = _run_words(text)
    quoted = _text_runs()
    keep = [True] * len(words)
    for k in range(len(words) - QUOTED_RUN + 1):
        if tuple(words[k:k + QUOTED_RUN]) in quoted:
            keep[k:k + QUOTED_RUN] = [False] * QUOTED_RUN
    runs: set[tuple[str, ...]] = set()
    segment: list[str] = []
    for word, kept in zip([*words, ""], [*keep, False]):
        if kept:
            segment.append(word)
        else:
            runs |= _ngrams(segment, n)
            segment = []
    return runs


def face_parts(item: Item) -> list[str]:
    """What a student reads to answer the item, part by part (the sentences as ¶ ids)."""
    d = item.data
    parts = [str(d.get("prompt", ""))]
    parts += [o["text"] for o in d.get("options", [])]
    parts += list(d.get("labels", [])) + [f"¶{s}" for s in d.get("sentences", [])]
    parts += [f"{p['left']} {p['right']}" for p in d.get("pairs", [])]
    parts += list(d.get("items", [])) + list(d.get("distractors", []))
    return parts


def face_runs(item: Item) -> set[tuple[str, ...]]:
    """The runs of :data:`SHARED_RUN` words of the item's face, within one part each (a run
    across the end of one option and the start of the next is no sentence)."""
    return set().union(*(_runs(part) for part in face_parts(item)))


def _text_runs() -> frozenset[tuple[str, ...]]:
    """The :data:`QUOTED_RUN`-word runs of the studied texts (the case and the practice text)
    of the current pack (kept per pack: a process may check more than one)."""
    return _text_runs_of(_pack_key())


@lru_cache(maxsize=8)
def _text_runs_of(key: str | None) -> frozenset[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    if key is None:
        return frozenset()
    try:
        from ..text.case import load_oped
        from .material import load_practice

        docs = [load_oped(), load_practice()]
    except Exception:  # no pack: no studied text  # noqa: BLE001
        return frozenset()
    for doc in docs:
        for sentence in doc.sentences if doc is not None else ():
            runs |= _ngrams(_run_words(sentence.text), QUOTED_RUN)
    return frozenset(runs)


def common_runs(items: list[Item]) -> frozenset[tuple[str, ...]]:
    """Stock phrases: runs found in at least :data:`STOCK_PHRASE` items (the studied texts' own
    words never make a run, see :func:`_runs`)."""
    counts = Counter(run for item in items for run in face_runs(item))
    return frozenset(run for run, n in counts.items() if n >= STOCK_PHRASE)


def shared_runs(a: Item, b: Item, common: frozenset[tuple[str, ...]] = frozenset()
                ) -> set[tuple[str, ...]]:
    """The runs of :data:`SHARED_RUN` words the two faces share, ``common`` ones left out."""
    return (face_runs(a) & face_runs(b)) - common


@dataclass(frozen=True)
class CloseVariant:
    graded: str
    practice: str
    score: float   # Jaccard similarity of the faces' content words
    shared: str    # a shared run of words ("" when the overlap is the words, not a sentence)


def _material(item: Item) -> str:
    return item.data.get("material") or "case"


def close_variants(items: list[Item], graded: list[Item] | None = None) -> list[CloseVariant]:
    """One :class:`CloseVariant` for each graded item (or each item of ``graded``) that shares a
    sentence with a practice, pre-check or post-check item, or half its words with one on the
    same material (the first such item, else the most similar)."""
    practice = [i for i in items if not i.graded]
    graded = [i for i in items if i.graded] if graded is None else graded
    common = common_runs(items)
    out = []
    for g in graded:
        found: CloseVariant | None = None
        for p in practice:
            runs = shared_runs(g, p, common)
            if runs:
                run = " ".join(min(runs))
                found = CloseVariant(g.label, p.label, round(similarity(g, p), 2), run)
                break
        if found is None:
            same = [p for p in practice if _material(p) == _material(g)]
            best = max(same, key=lambda p: similarity(g, p), default=None)
            if best is not None and (score := similarity(g, best)) >= CLOSE_VARIANT:
                found = CloseVariant(g.label, best.label, round(score, 2), "")
        if found is not None:
            out.append(found)
    return out


# -- per bank, per set, and in total -------------------------------------------------------------

def figures(items: list[Item]) -> tuple[list[Figures], Figures]:
    """One :class:`Figures` per bank and per set (banks first, in order), and their total."""
    rows: dict[str, Figures] = {}
    variants = {v.graded: v for v in close_variants(items)}
    for item in items:
        row = rows.setdefault(item.source, Figures(item.source))
        one = item_figures(item)
        if item.label in variants:
            one.close_variants.append(variants[item.label])
        row.add(one)
    total = Figures("all")
    for row in rows.values():
        total.add(row)
    return list(rows.values()), total


def objective_coverage(root: Path, items: list[Item], pack: ContentPack | None = None
                       ) -> list[tuple[str, list[str], list[str]]]:
    """(objective id, its graded items, the unseen ones among them) for every objective of the
    pack's ``objectives`` file (a :class:`~medialit.pack.PackError` when it declares none)."""
    from ..content.objectives import load_objectives

    pack = pack or _current_pack()
    path = pack.in_book("objectives", root)
    objectives = load_objectives(path if path is not None and path.is_file()
                                 else pack.require("objectives"), root=root)
    by_label = {i.label: i for i in items if i.graded}
    out = []
    for objective in objectives:
        graded = [f"{s} {q}" for s, ids in objective.sets.items() for q in ids]
        unseen = [g for g in graded if g in by_label and by_label[g].unseen]
        out.append((objective.id, graded, unseen))
    return out


@dataclass(frozen=True)
class RubricRow:
    item: str
    criteria: int
    fewest_levels: int
    anchored: bool  # every level of every criterion has an anchor answer

    @property
    def analytic(self) -> bool:
        return self.criteria > 0


def rubric_rows(items: list[Item]) -> list[RubricRow]:
    rows = []
    for item in items:
        model = _model(item)
        if not item.graded or model is None or not model.scored_by_person:
            continue
        criteria = item.data.get("criteria") or []
        if criteria:
            fewest = min(len(c["levels"]) for c in criteria)
            anchored = all(set(c.get("anchors", {})) == set(c["levels"]) for c in criteria)
        else:  # a holistic rubric: one scale for the whole answer
            fewest, anchored = len(item.data.get("levels", {})), False
        rows.append(RubricRow(item.label, len(criteria), fewest, anchored))
    return rows


def rubric_shortfalls(rows: list[RubricRow]) -> tuple[list[str], list[str]]:
    """The open graded items with fewer than ``GOALS['rubric_levels']`` levels in some criterion
    (a holistic rubric counts as one criterion), and those without an anchor for every level."""
    short = [r.item for r in rows if not r.analytic or r.fewest_levels < GOALS["rubric_levels"]]
    unanchored = [r.item for r in rows if not r.anchored]
    return short, unanchored


def implausible_distractors(items: list[Item]) -> list[str]:
    out = []
    for item in items:
        for option in item.data.get("options", []):
            if option["id"] not in (item.data["answer"] if isinstance(item.data["answer"], list)
                                    else [item.data["answer"]]) \
                    and option["text"].strip().strip("“”\"").lower() in IMPLAUSIBLE:
                out.append(f"{item.label} option {option['id']}: {option['text']!r}")
    return out


# -- the printed report --------------------------------------------------------------------------

def _share(n: int, of: int) -> str:
    return f"{n}/{of} ({100 * n / of:.0f}%)" if of else "—"


def _positions(counter: Counter) -> str:
    return " ".join(f"{k}{v}" for k, v in sorted(counter.items())) or "—"


def report(root: Path, pack: ContentPack | None = None) -> list[str]:
    """The lines ``medialit check`` prints for the book at ``root`` on ``pack`` (default: the
    current one): one row per bank and set, a total with the goals, the objectives' coverage
    and the rubrics."""
    pack = pack or _current_pack()
    items = book_items(root, pack)
    rows, total = figures(items)
    head = (f"{'bank or set':<30} {'items':>5} {'longest key':>12} {'shortest key':>12} "
            f"{'key positions':<16} "
            f"{'T/F true':>10} {'short fb':>8} {'fb no ¶':>7} {'unseen':>6} {'close var.':>10}")
    lines = ["assessment figures (medialit.quiz.quality):", head]

    def row(f: Figures, graded: int | None = None) -> str:
        variants = _share(len(f.close_variants), graded) if graded else "—"
        return (f"{f.name:<30} {f.items:>5} {_share(f.longest_key, f.single_choice):>12} "
                f"{_share(f.shortest_key, f.single_choice):>12} "
                f"{_positions(f.key_positions):<16} {_share(f.tf_true, f.true_false):>10} "
                f"{len(f.short_feedback):>8} {len(f.feedback_without_para):>7} {f.unseen:>6} "
                f"{variants:>10}")

    for f in rows:
        lines.append(row(f, sum(1 for i in items if i.graded and i.source == f.name)))
    n_graded = sum(1 for i in items if i.graded)
    lines.append(row(total, n_graded))
    top = max(total.key_positions.values(), default=0)
    lines.append(
        f"goals: longest key ≤ {GOALS['longest_key']:.0%}; shortest key ≤ "
        f"{GOALS['shortest_key']:.0%}; no key position over "
        f"{GOALS['key_position']:.0%} (now {_share(top, total.single_choice)}); true/false keyed "
        f"true {GOALS['tf_true'][0]:.0%}–{GOALS['tf_true'][1]:.0%}; short feedback 0 (of "
        f"{total.feedback}); feedback without ¶ 0; close variants ≤ {GOALS['close_variants']:.0%}"
        f" of {n_graded} graded items")
    post = [i for i in items if i.source in CHECK_BANKS]
    lines.append(f"pre-/post-check items on unseen material: "
                 f"{sum(i.unseen for i in post)} of {len(post)}; graded items on unseen material:"
                 f" {sum(i.unseen for i in items if i.graded)} of {n_graded}")
    for v in total.close_variants:
        shared = f", shares “{v.shared}”" if v.shared else ""
        lines.append(f"  close variant: {v.graded} ~ {v.practice} ({v.score:.2f}{shared})")
    lines.append("objective coverage (graded items; unseen among them):")
    try:
        coverage = objective_coverage(root, items, pack)
    except (OSError, ValueError) as exc:  # a pack without an objectives file
        coverage = []
        lines.append(f"  not available: {exc}")
    for oid, graded, unseen in coverage:
        lines.append(f"  {oid:<5} {len(graded):>2} graded, {len(unseen)} unseen: "
                     f"{', '.join(graded) or 'none'}")
    lines.append("rubrics (open graded items):")
    rubrics = rubric_rows(items)
    for r in rubrics:
        kind = f"{r.criteria} criteria" if r.analytic else "holistic"
        lines.append(f"  {r.item:<30} {kind}, fewest levels per criterion {r.fewest_levels}, "
                     f"anchors for every level: {'yes' if r.anchored else 'no'}")
    short, unanchored = rubric_shortfalls(rubrics)
    lines.append(f"rubric questions with fewer than {GOALS['rubric_levels']} levels per criterion "
                 f"(or holistic): {len(short)} of {len(rubrics)}; without an anchor for every "
                 f"level: {len(unanchored)} of {len(rubrics)} (goal: 0 and 0)")
    return lines
