"""How an article names actors and events (invented sentences, the real pipeline)."""

from __future__ import annotations

import pytest

from storyledger.model import RawArticle
from storyledger.nlp.descriptors import is_loaded, lexicon
from storyledger.nlp.pipeline import extract_one


@pytest.fixture(scope="module")
def describe(nlp):
    def run(text: str) -> set[tuple[str, str, str]]:
        art = extract_one(RawArticle(id="t", text=text), nlp)
        for d in art.descriptors:
            assert text[d.start : d.end] == d.text
        return {(d.kind, d.actor, d.text) for d in art.descriptors}

    return run


def test_pre_name_descriptor_after_possessive(describe):
    found = describe("Officials said its proxy Hamas has agreed to the plan.")
    assert ("modifier", "Hamas", "proxy") in found


def test_noun_phrase_in_apposition_without_comma(describe):
    found = describe("The Palestinian militant group Hamas is willing to talk.")
    assert ("modifier", "Hamas", "Palestinian militant group") in found


def test_place_based_modifier(describe):
    found = describe("The Lebanon-based Al-Mayadeen reported the talks on Friday.")
    assert any(k == "modifier" and t == "Lebanon-based" for k, _, t in found)


def test_title_before_a_name(describe):
    found = describe("Finance Minister Jonas Albrecht announced the new budget.")
    assert any(k == "title" and t.endswith("Minister") for k, _, t in found)


def test_apposition_after_a_name(describe):
    found = describe("Maria Olsen, a senior adviser to the mayor, left the meeting early.")
    assert any(k == "apposition" and "adviser" in t for k, a, t in found if "Olsen" in a)


def test_loaded_verb_with_its_subject_across_coordination(describe):
    found = describe("The gunmen stormed the village at dawn and massacred 20 farmers.")
    verbs = {(a, t) for k, a, t in found if k == "verb"}
    assert ("gunman", "massacred") in verbs or ("gunmen", "massacred") in verbs


def test_loaded_adjective_names_what_it_describes(describe):
    found = describe("The senator gave a scathing speech.")
    assert ("adjective", "speech", "scathing") in found


def test_numbers_are_not_descriptors(describe):
    found = describe("Rebels killed more than 40 Norvanians on Sunday.")
    assert not any(k in {"modifier", "title"} for k, _, _ in found)


def test_plain_sentence_has_no_loaded_words(describe):
    found = describe("The council met on Tuesday to discuss the library budget.")
    assert not any(is_loaded(t.lower()) for _, _, t in found)


def test_lexicon_maps_loaded_verbs_to_a_neutral_counterpart():
    verbs = lexicon()["verbs"]
    assert verbs["massacre"] == verbs["kill"] == "kill"
    assert is_loaded("massacre") and not is_loaded("kill")
