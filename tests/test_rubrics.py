"""Rubrics a TA can score (issue 14 §4, §5): every open graded question has an analytic rubric
whose every level has an anchor, the grader accepts every sum, the anchors are in the
instructor's key and never in the student edition; the alternative assignment's public rubric
is validated and weighs what it replaces; Set D's lateral-reading task is mapped and matches the
chapter's template; the seminar and how-to-use pages give one reading list."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from medialit.alternative import AlternativeError, load_alternative
from medialit.grading.answer_keys import set_key_markdown
from medialit.grading.leaks import key_needles, normalise, public_text, scan
from medialit.grading.master import load_master
from medialit.grading.read_answers import cell_source
from medialit.grading.rubric import MIN_LEVELS, criteria_problem, derived_levels, scaled
from medialit.objectives import load_objectives
from medialit.quiz import quality as Q

ROOT = Path(__file__).resolve().parents[1]
MASTERS = sorted((ROOT / "solutions").glob("set-*.ipynb"))
OPEN = [(m, q) for m in map(load_master, MASTERS) for q in m.questions if q.manual]


def _label(pair) -> str:
    master, q = pair
    return f"{master.set_id}-{q.id}"


@pytest.fixture(params=OPEN, ids=[_label(p) for p in OPEN])
def open_question(request):
    return request.param


# -- the open questions of the graded sets --------------------------------------------------------

def test_every_open_question_has_a_valid_analytic_rubric(open_question):
    _, q = open_question
    spec = q.spec
    assert criteria_problem(spec) is None
    assert all(len(c["levels"]) >= MIN_LEVELS for c in spec["criteria"])
    for c in spec["criteria"]:
        assert set(c["anchors"]) == set(c["levels"]), c["name"]
        assert all(text.strip() for text in c["anchors"].values()), c["name"]
        assert len(set(c["anchors"].values())) == len(c["anchors"]), (
            f"{c['name']}: two levels share an anchor")
    # the prompt tells the student the criteria it is scored on
    assert len(spec["rubric"]) == len(spec["criteria"])


def test_the_grader_accepts_every_combination_of_criterion_levels(open_question):
    _, q = open_question
    spec = q.spec
    ranges = [range(len(c["levels"])) for c in spec["criteria"]]
    sums = {sum(combo) for combo in itertools.product(*ranges)}
    assert {f"{scaled(spec, s):g}" for s in sums} == set(spec["levels"]) == set(
        derived_levels(spec))
    assert max(map(float, spec["levels"])) == q.points


def test_the_prompt_names_the_criteria_and_the_scaling(open_question):
    master, q = open_question
    prompt = " ".join(cell_source(master.notebook.cells[q.cell - 1]).split())
    assert "A person scores four criteria, each from 0 to 3 on its own" in prompt
    top = sum(len(c["levels"]) - 1 for c in q.spec["criteria"])
    assert re.search(rf"{q.points:g} × \(the sum[^)]*\) / {top}\b", prompt), prompt[-300:]


def test_the_quality_report_counts_no_rubric_short_of_four_levels_or_anchors():
    items = Q.book_items(ROOT)
    rows = Q.rubric_rows(items)
    assert len(rows) == len(OPEN) == 6
    assert Q.rubric_shortfalls(rows) == ([], [])
    report = "\n".join(Q.report(ROOT))
    assert ("rubric questions with fewer than 4 levels per criterion (or holistic): 0 of 6; "
            "without an anchor for every level: 0 of 6") in report


def test_a_holistic_or_unanchored_rubric_is_counted_short():
    holistic = Q.RubricRow("set-x q9", 0, 3, False)
    analytic = Q.RubricRow("set-x q8", 4, 4, False)
    assert Q.rubric_shortfalls([holistic, analytic]) == (["set-x q9"], ["set-x q9", "set-x q8"])


@pytest.mark.parametrize("path", MASTERS, ids=[p.stem for p in MASTERS])
def test_every_anchor_is_in_the_instructor_key(path):
    master = load_master(path)
    key = set_key_markdown(master)
    anchors = [a for q in master.questions if q.manual for c in q.spec["criteria"]
               for a in c["anchors"].values()]
    assert key.count("*Anchor:*") == len(anchors)
    for anchor in anchors:
        assert anchor in key


def test_no_anchor_reaches_the_student_notebooks():
    needles = key_needles(ROOT / "solutions", public_text(ROOT))
    anchor_needles = [n for n in needles if n.origin.endswith(" criteria")]
    long_anchors = {normalise(a) for _, q in OPEN for c in q.spec["criteria"]
                    for a in c["anchors"].values() if len(normalise(a)) >= 24}
    assert long_anchors and long_anchors <= {n.text for n in anchor_needles}
    assert scan(sorted((ROOT / "exercises").glob("*.ipynb")), anchor_needles) == []


# -- the lateral-reading task ---------------------------------------------------------------------

def _template(text: str) -> str:
    block = re.search(r"```text\n(SEARCH LOG\n.*?)```", text, re.DOTALL)
    assert block, "no search-log template"
    return block.group(1)


def test_the_search_log_task_is_graded_mapped_and_shares_the_chapters_template():
    master = load_master(ROOT / "solutions" / "set-d-rhetoric-verification.ipynb")
    q10 = master.question("q10")
    assert q10.manual and "answer" not in q10.spec  # no key: scored on the method
    prompt = cell_source(master.notebook.cells[q10.cell - 1])
    chapter = (ROOT / "chapters" / "verification.md").read_text(encoding="utf-8")
    assert _template(prompt) == _template(chapter)
    for outlet in ("aze.media", "The National Interest"):
        assert outlet in prompt and outlet in _template(prompt)
    mapped = {o.id for o in load_objectives() if "q10" in o.sets.get(master.set_id, [])}
    assert mapped == {"LO1", "LO8"}


# -- the alternative assignment -------------------------------------------------------------------

@pytest.fixture(scope="module")
def alternative():
    return load_alternative(ROOT / "chapters" / "alternative-assignment.yml")


def test_the_alternative_replaces_the_sets_with_their_weight(alternative):
    masters = {m.set_id: m for m in map(load_master, MASTERS)}
    assert set(alternative.replaces) == set(masters)
    assert alternative.points == sum(masters[s].total_points for s in alternative.replaces)
    code = sum(q.points for s in alternative.replaces for q in masters[s].questions
               if q.type == "code")
    assert code == 25 and alternative.code_points == code


def test_the_alternative_rubric_is_analytic_anchored_and_mapped(alternative):
    objectives = {o.id for o in load_objectives()}
    for c in alternative.criteria:
        assert len(c.levels) >= MIN_LEVELS and set(c.anchors) == set(c.levels)
        assert set(c.objectives) <= objectives, c.name
    covered = {o for c in alternative.criteria for o in c.objectives}
    assert covered >= objectives - {"LO12"}  # the context chapter's timeline skills stay in the sets


def test_the_alternative_scores_each_criterion_on_its_own(alternative):
    top = {c.name: c.top for c in alternative.criteria}
    assert alternative.score(top) == 100
    assert alternative.score(dict.fromkeys(top, 0)) == 0
    levels = dict(zip(top, (3, 2, 2, 3, 2, 1)))
    assert alternative.score(levels) == 68.33  # the example on the exercise-sets page
    with pytest.raises(ValueError, match="level 4"):
        alternative.score({**top, "Framing": 4})
    with pytest.raises(ValueError, match="missing"):
        alternative.score({"Framing": 3})


# Anchors quote the op-ed only. A quotation (“…”) belongs to the first ¶ reference after it in its
# clause (clauses end at ";" and at sentence ends, outside quotations), else to the last one
# before it; ¶P.S is the sentence, ¶P the paragraph. A clause with no reference falls back on its
# sentence's references, and a sentence with none on the whole op-ed.
_QUOTATION = re.compile(r"“([^“”]*)”")
_PARA_REF = re.compile(r"¶(\d+)(?:\.(\d+))?")
_CLAUSE_END = re.compile(r";|[.!?](?=\s|$)")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _pieces(masked: str, ends: re.Pattern) -> list[tuple[int, int]]:
    cuts = [0, *(m.end() for m in ends.finditer(masked)), len(masked)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _governing_refs(anchor: str, start: int, end: int, masked: str) -> list[str]:
    for ends in (_CLAUSE_END, _SENTENCE_END):
        lo, hi = next((a, b) for a, b in _pieces(masked, ends) if a <= start < b)
        refs = [(m.start(), m.group(0)[1:]) for m in _PARA_REF.finditer(anchor, lo, hi)]
        after = [r for at, r in refs if at >= end]
        before = [r for at, r in refs if at < start]
        if after or before:
            return [after[0] if after else before[-1]]
    return []


def anchor_quotation_problems(anchor: str, doc) -> list[str]:
    """What is wrong with the quotations of one anchor, checked against ``doc`` (a Document)."""
    masked = _QUOTATION.sub(lambda m: "“" + "x" * len(m.group(1)) + "”", anchor)
    problems = []
    if re.search(r"[“”]", _QUOTATION.sub("", anchor)):
        problems.append(f"a curly quotation mark that opens or closes nothing: {anchor!r}")
    for match in _QUOTATION.finditer(anchor):
        quote = match.group(1)
        refs = _governing_refs(anchor, match.start(), match.end(), masked)
        if not refs:
            if quote not in doc.text:
                problems.append(f"“{quote}” is not verbatim in the op-ed")
            continue
        ref = refs[0]
        scope = doc.sentence(ref).text if "." in ref else doc.paragraph(ref).text
        if quote not in scope:
            problems.append(f"“{quote}” is not verbatim in ¶{ref} of the op-ed")
    return problems


@pytest.mark.parametrize(("anchor", "problem"), [
    ("¶3.1 says “613 civilians”.", None),
    ("It says “613 civilians” (¶3.1) and “80 percent” (¶6.5).", None),
    ("¶6.5 says “613 civilians”.", "“613 civilians” is not verbatim in ¶6.5"),
    ("“80 percent” (¶3.1); ¶6.5 has it.", "“80 percent” is not verbatim in ¶3.1"),
    ("It says “613 civilians” (¶3).", None),
    ("It says “613 civilians” (¶6).", "not verbatim in ¶6 of"),
    ("No reference: “Peace is within our grasp”.", None),
    ("No reference: “Peace is within reach”.", "“Peace is within reach” is not verbatim in the op-ed"),
    ("A curly quote left open: “613 civilians (¶3.1).", "opens or closes nothing"),
])
def test_the_anchor_quotation_check_reads_the_cited_paragraph(anchor, problem):
    from medialit.case import load_oped

    problems = anchor_quotation_problems(anchor, load_oped())
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0], problems


def test_every_anchor_quotes_the_op_ed_verbatim_where_it_cites(alternative):
    """The anchors are written on the kit's own op-ed (never on the practice case, the unseen
    text): every phrase in curly quotes is the op-ed's, in the ¶ its clause cites."""
    from medialit.case import load_oped

    doc = load_oped()
    problems, quotations = [], 0
    for c in alternative.criteria:
        for level, anchor in c.anchors.items():
            quotations += len(_QUOTATION.findall(anchor))
            problems += [f"{c.name}, level {level}: {p}"
                         for p in anchor_quotation_problems(anchor, doc)]
    assert problems == []
    assert quotations >= 20  # the anchors quote the text they analyse
    text = " ".join(a for c in alternative.criteria for a in c.anchors.values())
    text += " ".join(o.text for o in alternative.options)
    practice = (ROOT / "packs" / "practice" / "text.txt").read_text(encoding="utf-8")
    names = ("Osterlund", "Merovan", "Selka")  # the practice case's countries and river
    assert all(name in practice for name in names)
    assert [w for w in (*names, "practice case") if w in text] == []

BAD = [
    (lambda d: d["criteria"][0]["anchors"].pop("2"), "no anchor answer for level(s) 2"),
    (lambda d: d["criteria"][0]["levels"].pop("3"), "a criterion needs 4"),
    (lambda d: d["criteria"][0].update(points=20), "sum to 105"),
    (lambda d: d["criteria"][1].update(replaces="code"), "exactly one criterion"),
    (lambda d: d["criteria"][1].update(objectives=["objective 4"]), "objective ids"),
    (lambda d: d["criteria"][2].update(name="Framing"), "same name"),
    (lambda d: d.update(schema_version=2), "schema_version must be 1"),
]


@pytest.mark.parametrize("change, words", BAD)
def test_a_bad_alternative_file_is_refused_naming_the_file(tmp_path, change, words):
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    data = yaml.load((ROOT / "chapters" / "alternative-assignment.yml").read_text("utf-8"))
    change(data)
    bad = tmp_path / "alternative.yml"
    with bad.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    with pytest.raises(AlternativeError, match=re.escape(words)) as info:
        load_alternative(bad)
    assert str(bad) in str(info.value)


def test_the_alternative_is_public_and_the_seminar_points_to_it():
    page = (ROOT / "chapters" / "exercise-sets.md").read_text(encoding="utf-8")
    assert "```{alternative-assignment}" in page and "(alternative-assignment)=" in page
    section = " ".join(page.split("## The alternative assignment", 1)[1].split())
    assert "On your own, you can take it too" in section and "no reason required" in section
    how = (ROOT / "chapters" / "how-to-use.md").read_text(encoding="utf-8")
    assert "{ref}`alternative assignment <alternative-assignment>`" in how
    seminar = (ROOT / "instructor" / "seminar.md").read_text(encoding="utf-8")
    assert "{ref}`alternative-assignment`" in seminar
    assert "| Criterion |" not in seminar  # one rubric, on the student page


# -- one reading list -----------------------------------------------------------------------------

def _docs(text: str) -> list[str]:
    return [Path(d).name for d in re.findall(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`", text)]


def test_seminar_and_how_to_use_give_the_same_reading_list():
    seminar = (ROOT / "instructor" / "seminar.md").read_text(encoding="utf-8")
    how = (ROOT / "chapters" / "how-to-use.md").read_text(encoding="utf-8")
    plan = seminar.split("Before session 1 (students", 1)[1].split("### Materials", 1)[0]
    path = how.split("Seminar (two sessions of 90 minutes)", 1)[1].split("Graded course", 1)[0]
    phases = ("Between the sessions", "After session 2")
    seminar_parts = re.split("|".join(phases), plan)
    how_parts = re.split(r"Between the sessions|After the second", path)
    assert len(seminar_parts) == len(how_parts) == 3
    for ours, theirs in zip(seminar_parts, how_parts):
        # how-to-use is the page itself: "this page" stands for it there
        assert set(_docs(ours)) - {"how-to-use"} == set(_docs(theirs)) - {"how-to-use"}


def test_the_parts_of_lo1_and_lo8_the_audit_found_ungraded_are_graded():
    """The byline as disclosure and the op-ed's structure (LO1), checking an institution (LO8)."""
    master = load_master(ROOT / "solutions" / "set-d-rhetoric-verification.ipynb")
    mapped = {o.id: set(o.sets.get(master.set_id, [])) for o in load_objectives()}
    q4, q10 = master.question("q4"), master.question("q10")
    assert "q4" in mapped["LO1"] and "q10" in mapped["LO8"]
    rights = {p["left"]: p["right"] for p in q4.spec["pairs"]}
    assert "disclos" in rights["byline.1"]  # the byline, as disclosure
    assert {"judges the article as a whole", "states the thesis as a rebuttal",
            "answers one point of the article", "suggests a remedy"} <= set(rights.values())
    prompt = cell_source(master.notebook.cells[q10.cell - 1])
    assert "ADA University" in prompt and "ADA University" in _template(prompt)
    (criterion,) = [c for c in q10.spec["criteria"] if "institution" in c["name"]]
    assert all("ADA University" in criterion["anchors"][k] for k in ("1", "2", "3"))


# -- the seminar's timings ------------------------------------------------------------------------

def _slot(text: str) -> tuple[int, int]:
    start, end = re.match(r"(\d+)–(\d+)$", text.strip()).groups()
    return int(start), int(end)


def test_each_seminar_session_fills_its_90_minutes_and_every_slot_named_elsewhere_exists():
    """Rows run from 0 to 90 without gap or overlap, no activity has under four minutes, the
    prompts name existing slots and the materials span whole ones."""
    seminar = (ROOT / "instructor" / "seminar.md").read_text(encoding="utf-8")
    sessions = re.split(r"^## Session \d", seminar, flags=re.MULTILINE)[1:]
    assert len(sessions) == 2
    for n, session in enumerate(sessions, 1):
        table = session.split("### Prompts", 1)[0]
        slots = [_slot(row.split("|")[1]) for row in table.splitlines()
                 if re.match(r"\| \d+–\d+ \|", row)]
        assert slots[0][0] == 0 and slots[-1][1] == 90, (n, slots)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(slots)), (n, slots)
        assert all(end - start >= 4 for start, end in slots), (n, slots)
        prompts = session.split("### Prompts", 1)[1].split("\n## ", 1)[0]
        named = [_slot(m) for m in re.findall(r"^(\d+–\d+), ", prompts, flags=re.MULTILINE)]
        assert set(named) <= set(slots), (n, named)
        materials = re.findall(rf"\| session {n}, (\d+–\d+) \|", seminar)
        starts, ends = {s for s, _ in slots}, {e for _, e in slots}
        assert all(_slot(m)[0] in starts and _slot(m)[1] in ends for m in materials), (n, materials)


# -- Set E q7: one word range, and anchors that are answers ---------------------------------------

def _answer_and_note(anchor: str) -> tuple[str, str]:
    """An anchor is a sample answer followed by a note in parentheses."""
    answer, note = re.fullmatch(r"(.*) \(([^()]*)\)", anchor, flags=re.DOTALL).groups()
    return answer, note


def test_set_e_q7_states_one_word_range_and_its_length_anchors_are_answers_of_that_length():
    master = load_master(ROOT / "solutions" / "set-e-synthesis.ipynb")
    q7 = master.question("q7")
    low, high = q7.spec["words"]
    prompt = cell_source(master.notebook.cells[q7.cell - 1])
    assert f"{low}–{high} words" in prompt and f"{low}–{high} words" in q7.spec["prompt"]
    (length,) = [c for c in q7.spec["criteria"] if "length" in c["name"]]
    assert f"{low}–{high} words" in length["levels"]["3"]
    ranges = {"1": lambda n: n < 150 or n > 260, "2": lambda n: 150 <= n < low or high < n <= 260,
              "3": lambda n: low <= n <= high}
    for level, fits in ranges.items():
        answer, note = _answer_and_note(length["anchors"][level])
        n = len(answer.split())
        assert fits(n) and note.startswith(f"{n} words"), (level, n, note)
    # the model summary: the same count on the chapter page, in the explanation and in the anchor
    chapter = (ROOT / "chapters" / "synthesis.md").read_text(encoding="utf-8")
    model = re.search(r"model below does this in (\d+) words", chapter)
    answer, _ = _answer_and_note(length["anchors"]["3"])
    assert int(model.group(1)) == len(answer.split())
    assert f"model summary ({model.group(1)} words)" in q7.spec["explanation"]
    # every anchor is a sample answer with a note, not a description of one
    for criterion in q7.spec["criteria"]:
        for level, anchor in criterion["anchors"].items():
            answer, _ = _answer_and_note(anchor)
            assert not answer.startswith(("The chapter's", "A ")) or level == "0", (
                criterion["name"], level, anchor)
