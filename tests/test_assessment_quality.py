"""Assessment quality: the figures of medialit.quiz.quality are computed right, the kit's own banks
and masters meet the goals (cueing, feedback, close variants), and questions on the practice
case point into the practice text, not into the op-ed."""

from __future__ import annotations

from pathlib import Path

import pytest

from medialit.case import load_oped
from medialit.quiz import quality as Q
from medialit.quiz.material import load_practice
from quizhelpers import make

ROOT = Path(__file__).resolve().parents[1]


def item(qtype: str, graded: bool = False, source: str = "demo", **data) -> Q.Item:
    return Q.Item(source, graded, data.get("id", "x"), {"type": qtype, **data})


def choice(answer: str, texts: dict[str, str], feedback: str = "Because ¶5.2 says so, in words a reader can check.",
           **extra) -> Q.Item:
    options = [{"id": k, "text": v, "feedback": feedback} for k, v in texts.items()]
    extra.setdefault("prompt", "About ¶5.2?")
    return item("single_choice", options=options, answer=answer, **extra)


# -- the figures of one item ---------------------------------------------------------------------

def test_a_key_strictly_longest_is_counted_and_a_tie_is_not():
    assert Q.item_figures(choice("a", {"a": "a long option", "b": "short"})).longest_key == 1
    assert Q.item_figures(choice("a", {"a": "same", "b": "same"})).longest_key == 0
    assert Q.item_figures(choice("b", {"a": "a long option", "b": "short"})).key_positions == {
        "B": 1}


def test_a_key_strictly_shortest_is_counted_and_a_tie_is_not():
    assert Q.item_figures(choice("b", {"a": "a long option", "b": "short"})).shortest_key == 1
    assert Q.item_figures(choice("a", {"a": "a long option", "b": "short"})).shortest_key == 0
    assert Q.item_figures(choice("a", {"a": "same", "b": "same", "c": "longer"})).shortest_key == 0
    middle = Q.item_figures(choice("b", {"a": "x", "b": "medium", "c": "the longest one"}))
    assert (middle.shortest_key, middle.longest_key) == (0, 0)


def test_short_feedback_and_feedback_without_a_paragraph_reference_are_listed():
    short = Q.item_figures(choice("a", {"a": "“deeply” (¶1.1)", "b": "x"}, feedback="Correct.",
                                  prompt="Which word is a booster?"))
    # option a points at ¶1.1, so its feedback must too; option b points nowhere
    assert len(short.short_feedback) == 2 and short.feedback_without_para == ["demo x option a"]
    fine = Q.item_figures(choice("a", {"a": "“deeply” (¶1.1)", "b": "x"}))
    assert fine.short_feedback == [] and fine.feedback_without_para == []


@pytest.mark.parametrize("extra", [{"prompt": "Which words in ¶6 legitimate the action?"},
                                   {"prompt": "Which words legitimate it?", "about": ["6.1"]}])
def test_a_question_on_a_paragraph_needs_a_paragraph_reference_in_every_feedback(extra):
    """Options that quote the text without a ¶ still point at the passage the question names."""
    q = Q.item_figures(choice("a", {"a": "“restoring”", "b": "“intense”"},
                              feedback="It presents the action as putting something right.",
                              **extra))
    assert q.feedback_without_para == ["demo x option a", "demo x option b"]
    tf = Q.item_figures(item("true_false", answer=False, about=["1.1"], prompt="True or false?",
                             feedback={True: "“One-sided” evaluates; test it.",
                                       False: "Right: ¶1.1’s word evaluates."}))
    assert tf.feedback_without_para == ["demo x value true"]


def test_a_question_only_about_the_byline_needs_no_paragraph_number():
    q = Q.item_figures(choice("a", {"a": "its institution", "b": "its font"},
                              feedback="The byline names the institution a reader can check.",
                              prompt="What does the byline tell you?", about=["byline.1"]))
    assert q.feedback_without_para == []


def test_a_matching_pair_without_feedback_counts_as_short():
    m = item("matching", pairs=[{"left": "¶2.3", "right": "a court"}], feedback={})
    assert Q.item_figures(m).short_feedback == ["demo x pair ¶2.3: no feedback"]


def test_true_false_balance_counts_items_keyed_true():
    f = Q.item_figures(item("true_false", answer=True, feedback={True: "x" * 50, False: "y" * 50}))
    assert (f.true_false, f.tf_true) == (1, 1)


def test_close_variants_by_words_need_the_same_material_and_half_the_words():
    practice = choice("a", {"a": "sharpening of the mission statement", "b": "scope change"},
                      id="p")
    graded = Q.Item("set-x", True, "q1", dict(practice.data))
    other_material = Q.Item("set-x", True, "q2", {**practice.data, "material": "practice"})
    found = Q.close_variants([practice, graded, other_material])
    assert [(v.graded, v.practice, v.score) for v in found] == [("set-x q1", "demo p", 1.0)]
    other_type = Q.Item("set-x", True, "q3", {**practice.data, "type": "multiple_choice"})
    assert [v.graded for v in Q.close_variants([practice, other_type])] == ["set-x q3"]


def test_a_graded_item_that_reuses_a_sentence_of_a_post_check_item_is_a_close_variant():
    """Eight words in a row, whatever the type, the material or the rest of the face."""
    post = Q.Item("postcheck", False, "postcheck-q01", {
        "type": "true_false", "prompt": "True or false: the figure is given without saying whose "
        "count it is, so it cannot be checked."})
    graded = Q.Item("set-x", True, "q1", {
        "type": "single_choice", "material": "practice", "prompt": "Which is right about ¶3.1?",
        "options": [{"id": "A", "text": "the figure is given without saying whose count it is"},
                    {"id": "B", "text": "it quotes a named source"}]})
    (found,) = Q.close_variants([post, graded])
    assert (found.graded, found.practice) == ("set-x q1", "postcheck postcheck-q01")
    assert found.score < Q.CLOSE_VARIANT
    assert found.shared in "the figure is given without saying whose count it is"
    seven = Q.Item("set-x", True, "q2", {**graded.data, "options": [
        {"id": "A", "text": "given without saying whose count it is"}]})  # seven words
    assert Q.close_variants([post, seven]) == []


def test_quoting_the_studied_text_or_a_stock_preamble_is_not_reuse():
    from medialit.case import load_oped

    sentence = load_oped().sentence("1.2").text  # both items quote the op-ed's ¶1.2
    practice = item("single_choice", id="p", prompt=f"¶1.2 says: “{sentence}” Which move is it?",
                    options=[{"id": "a", "text": "a thesis"}], answer="a")
    graded = Q.Item("set-x", True, "q1", {"type": "free_text", "prompt":
                                          f"Explain what ¶1.2 does: “{sentence}”"})
    assert Q.shared_runs(practice, graded) == set()  # the quotation makes no shared sentence
    stock = "This question is about a case that none of the chapters of the kit study at all."
    tails = ["Is the dam lawful?", "Who counted refugees?", "Does rainfall matter?",
             "Which verb distances?", "Explain hedging, boosting, attributing, conceding, framing."]
    many = [item("true_false", id=f"p{n}", prompt=f"{stock} {t}") for n, t in enumerate(tails[:4])]
    graded = Q.Item("set-x", True, "q2", {"type": "free_text", "prompt": f"{stock} {tails[4]}"})
    assert Q.close_variants([*many, graded]) == []  # in five items: a stock phrase
    assert len(Q.close_variants([*many[:3], graded])) == 1  # in four: still reuse


def test_a_holistic_rubric_and_an_anchored_analytic_one():
    holistic = Q.Item("set-x", True, "q9", {"type": "free_text", "levels": {"0": "", "1": ""}})
    analytic = Q.Item("set-x", True, "q8", {"type": "free_text", "criteria": [
        {"name": "evidence", "levels": {"0": "a", "1": "b", "2": "c", "3": "d"},
         "anchors": {"0": "A", "1": "B", "2": "C", "3": "D"}}]})
    rows = {r.item: r for r in Q.rubric_rows([holistic, analytic])}
    assert not rows["set-x q9"].analytic and rows["set-x q9"].fewest_levels == 2
    assert rows["set-x q8"].analytic and rows["set-x q8"].fewest_levels == 4
    assert rows["set-x q8"].anchored


# -- the practice case: ids point into the practice text ------------------------------------------

def test_label_sentences_on_the_practice_case_shows_the_practice_sentences():
    q = make("label_sentences", material="practice", about=["3.2"], labels=["a", "b"],
             sentences=["3.2"], answer={"3.2": "a"})
    data = q.client_data(load_oped())
    assert data["sentences"][0]["text"] == load_practice().sentence("3.2").text
    assert "Those floods are the reason" in data["sentences"][0]["text"]
    assert "Those floods" in "\n".join(q.text_body(key=False))


def test_click_phrase_on_the_practice_case_checks_and_scores_against_the_practice_text():
    q = make("click_phrase", material="practice", about=["6.2"], paragraph=6,
             answer=["found no evidence of"])
    assert q.checks(load_oped()) == []
    assert q.score(["found no evidence of"]).correct
    assert "agitators" in " ".join(q.client_data(load_oped())["words"])
    bad = make("click_phrase", about=["6.3"], paragraph=6, answer=["found no evidence of"])
    assert bad.checks(load_oped()) == []  # the op-ed's ¶6 has the same words: case is fine too
    wrong = make("click_phrase", material="practice", about=["6.2"], paragraph=6,
                 answer=["chose to leave"])
    assert wrong.checks(load_oped())  # the op-ed's words are not in the practice text's ¶6


def test_a_type_that_points_into_a_text_refuses_excerpt_material():
    q = make("click_phrase", material="excerpt", about=["A"], prompt="“A”", cite=["x"],
             paragraph=1, answer=["The"])
    assert any("use the case or the practice text" in i.message for i in q.checks(load_oped()))

# -- the kit's own banks and masters meet the goals ----------------------------------------------

@pytest.fixture(scope="module")
def kit():
    items = Q.book_items(ROOT)
    rows, total = Q.figures(items)
    return items, rows, total


def test_every_option_of_every_bank_and_set_has_feedback_that_explains_why(kit):
    _, _, total = kit
    assert total.short_feedback == [], "\n".join(total.short_feedback)
    assert total.feedback_without_para == [], "\n".join(total.feedback_without_para)


@pytest.mark.parametrize("figure", ["longest_key", "shortest_key"])
def test_the_key_is_rarely_the_longest_or_the_shortest_option_in_any_bank_or_set(kit, figure):
    """Both length cues: keys lengthened away from 'longest' must not become 'shortest'."""
    _, rows, total = kit
    assert getattr(total, figure) <= Q.GOALS[figure] * total.single_choice
    over = [f"{r.name}: {getattr(r, figure)} of {r.single_choice}" for r in rows
            if getattr(r, figure) > int(Q.GOALS[figure] * r.single_choice)]
    assert over == []


def test_no_key_position_dominates_and_true_false_is_balanced(kit):
    _, _, total = kit
    assert max(total.key_positions.values()) <= Q.GOALS["key_position"] * total.single_choice
    low, high = Q.GOALS["tf_true"]
    assert low * total.true_false <= total.tf_true <= high * total.true_false


def test_no_implausible_distractors_are_left(kit):
    items, _, _ = kit
    assert Q.implausible_distractors(items) == []


def test_at_most_one_graded_item_in_five_is_a_close_variant_of_a_practice_item(kit):
    items, _, total = kit
    graded = sum(1 for i in items if i.graded)
    assert len(total.close_variants) <= Q.GOALS["close_variants"] * graded, total.close_variants


def test_every_objective_is_graded_twice_once_on_unseen_material(kit):
    items, _, _ = kit
    coverage = Q.objective_coverage(ROOT, items)
    assert {oid for oid, _, _ in coverage} >= {"LO11", "LO12"}
    short = [f"{oid}: {len(graded)} graded, {len(unseen)} unseen"
             for oid, graded, unseen in coverage
             if len(graded) < Q.GOALS["graded_per_objective"]
             or len(unseen) < Q.GOALS["unseen_per_objective"]]
    assert short == []


def test_pre_and_post_check_are_on_unseen_material(kit):
    items, _, _ = kit
    checks = [i for i in items if i.source in Q.CHECK_BANKS]
    assert len(checks) == 24 and all(i.unseen for i in checks)


# -- analytic rubrics ----------------------------------------------------------------------------

def analytic(**extra) -> dict:
    crit = [{"name": n, "levels": {str(i): f"{n} {i}" for i in range(4)},
             "anchors": {str(i): f"anchor {n} {i}" for i in range(4)}} for n in ("a", "b")]
    return {"type": "free_text", "points": 4, "criteria": crit, **extra}


def test_an_analytic_rubric_accepts_every_sum_of_criterion_levels():
    from medialit.grading.rubric import criteria_problem, derived_levels, scaled

    spec = analytic()
    assert criteria_problem(spec) is None
    levels = derived_levels(spec)  # two criteria of 0–3: sums 0–6, scaled to 4 points
    assert len(levels) == 7 and max(map(float, levels)) == 4
    assert {f"{scaled(spec, a + b):g}" for a in range(4) for b in range(4)} == set(levels)


@pytest.mark.parametrize("change, words", [
    (lambda c: c[0]["levels"].pop("3"), "a criterion needs 4"),
    (lambda c: c[0]["levels"].pop("1"), "without gaps"),
    (lambda c: c[1].update(name="a"), "used twice"),
    (lambda c: c[0]["anchors"].update({"9": "x"}), "keyed by the criterion's levels"),
])
def test_a_bad_analytic_rubric_is_refused_with_the_reason(change, words):
    from medialit.grading.rubric import criteria_problem

    spec = analytic()
    change(spec["criteria"])
    assert words in criteria_problem(spec)


def test_a_master_with_an_analytic_rubric_gets_its_levels_and_the_key_shows_the_anchors():
    from medialit.answer_keys import set_key_markdown
    from medialit.grading.master import load_master

    master = load_master(ROOT / "solutions" / "set-e-synthesis.ipynb")
    q7 = master.question("q7")
    assert q7.spec["criteria"] and "3.5" in q7.spec["levels"]  # derived: 6 × 7 / 12
    key = set_key_markdown(master)
    assert key.count("*Anchor:*") == sum(len(c["anchors"]) for c in q7.spec["criteria"])


def test_every_objective_has_a_post_check_item_on_unseen_material_and_its_pre_check_parallel(kit):
    from medialit.objectives import load_objectives, objectives_path

    items, _, _ = kit
    by_label = {i.label: i for i in items}
    missing = []
    for objective in load_objectives(objectives_path(), root=ROOT):
        for bank in ("postcheck", "precheck"):
            ids = objective.practice.get(bank, ())
            if not any(by_label[f"{bank} {q}"].unseen for q in ids):
                missing.append(f"{objective.id}: no {bank} item on unseen material")
    assert missing == []


def test_context_q01_is_not_solved_by_the_order_of_the_paragraphs():
    """The date order is not the paragraph order (the op-ed cites the 2015 judgment in ¶2.3,
    before Khojaly in ¶3.1, and announces COP29 in ¶8.1 before the joint statement and the border)."""
    from medialit.quiz.loader import load_bank

    bank = load_bank(ROOT / "chapters" / "questions" / "context.yml")
    (q,) = [q for q in bank.questions if q.id == "context-q01"]
    paragraph = {"Khojaly": 3.1, "Chiragov": 2.3, "2020 war": 3.4, "landmine": 5.4,
                 "compromise": 8.3, "border": 9.2, "COP29, hosted": 8.1}
    where = {item: next(p for k, p in paragraph.items() if k in item) for item in q.items}
    by_paragraph = sorted(q.items, key=where.get)
    assert by_paragraph != list(q.items)
    assert not q.score(by_paragraph).correct and q.score(list(q.items)).correct
    assert not any("¶" in item for item in q.items)  # no item carries its paragraph
