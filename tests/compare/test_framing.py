"""Wording discrepancies from descriptors (invented articles)."""

from __future__ import annotations

from storyledger.compare.framing import wording

from .helpers import article, descriptor

T1 = "The separatist outfit Korvan Front massacred 30 villagers, and its fierce leaders fled."
T2 = "The armed group Korvan Front killed 30 villagers."


def _pair():
    a = article(
        "a",
        T1,
        outlet="Daily Lark",
        descriptors=[
            descriptor("Korvan Front", "separatist outfit", T1, "modifier"),
            descriptor("Korvan Front", "massacred", T1, "verb"),
            descriptor("leaders", "fierce", T1, "adjective"),
        ],
    )
    b = article(
        "b",
        T2,
        outlet="Evening Post",
        descriptors=[
            descriptor("Korvan Front", "armed group", T2, "modifier"),
            descriptor("Korvan Front", "killed", T2, "verb"),
        ],
    )
    return a, b


def test_different_names_for_one_actor_are_flagged_with_both_spans():
    found = wording(list(_pair()))
    naming = [d for d in found if "described differently" in d.summary]
    assert len(naming) == 1
    d = naming[0]
    assert "separatist outfit" in d.summary and "armed group" in d.summary
    assert {(e.article, e.text) for e in d.evidence} == {
        ("a", "separatist outfit"),
        ("b", "armed group"),
    }


def test_loaded_verb_against_neutral_verb_is_flagged():
    found = wording(list(_pair()))
    verbs = [d for d in found if "massacred" in d.summary]
    assert len(verbs) == 1 and "killed" in verbs[0].summary


def test_loaded_word_only_one_outlet_uses():
    found = wording(list(_pair()))
    only = [d for d in found if d.summary.startswith("Only")]
    assert [d.evidence[0].text for d in only] == ["fierce"]
    assert "Evening Post" in only[0].summary


def test_same_descriptor_in_both_is_not_a_discrepancy():
    t = "The armed group Korvan Front killed 30 villagers."
    a = article("a", t, descriptors=[descriptor("Korvan Front", "armed group", t, "modifier")])
    b = article(
        "b", t + " ", descriptors=[descriptor("Korvan Front", "armed group", t, "modifier")]
    )
    assert wording([a, b]) == []


def test_single_article_has_no_wording_discrepancy():
    assert wording([_pair()[0]]) == []
