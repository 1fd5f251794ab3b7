"""Passive constructions with and without a "by" agent."""

from medialit.analysis import find_passives
from medialit.case import load_oped


def test_oped_passives_hand_checked():
    """Ten finite passives in nine sentences; eight agentless in seven (counted by hand)."""
    passives = find_passives(load_oped())
    got = [(p.sentence_id, p.text, p.agent) for p in passives]
    assert got == [
        ("2.1", "is internationally recognized", None),
        ("2.2", "been governed", "its Armenian population"),
        ("2.3", "was supported", "Armenia"),
        ("3.1", "were brutally murdered", None),
        ("5.3", "were ignored", None),
        ("6.1", "was conducted", None),
        ("7.2", "are taken out of context and misinterpreted", None),
        ("7.2", "were directed", None),
        ("8.4", "be viewed", None),
        ("9.2", "been marked and agreed", None),
    ]
    assert len({p.sentence_id for p in passives}) == 9
    agentless = [p for p in passives if p.agentless]
    assert len(agentless) == 8 and len({p.sentence_id for p in agentless}) == 7
    assert passives[6].participles == ("taken", "misinterpreted")


def test_get_passive_irregular_participle_and_agent_span():
    text = "The road got blocked. The files were taken by the police, and then lost."
    passives = find_passives(text)
    assert [(p.auxiliary, p.participles, p.agent) for p in passives] == [
        ("got", ("blocked",), None), ("were", ("taken",), "the police")]
    s, e = passives[1].agent_span
    assert text[s:e] == "the police"


def test_not_participles_and_adjectives():
    """'indeed' and 'hundred' end in -ed but are not participles; 'was a result' is no passive.

    'was tired' IS counted: the heuristic cannot tell an adjective from a participle (a known
    false positive, documented in the module).
    """
    passives = find_passives("It was indeed a hundred. It was a result. He was tired.")
    assert [p.text for p in passives] == ["was tired"]


def test_reduced_passives_are_not_found():
    """A documented miss: no form of 'be', so 'acknowledged by the UN' is not counted."""
    assert find_passives("A fact acknowledged by the United Nations.") == []
