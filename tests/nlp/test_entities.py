"""Canonical names and roles: one name per referent, the fullest the article gives."""

from __future__ import annotations

import pytest

from storyledger.nlp import components
from storyledger.nlp.entities import extract_entities

from ..conftest import shared_path


def _entities(nlp, text: str):
    return extract_entities(nlp(text, disable=list(components.COMPONENTS)))


@pytest.fixture(scope="module")
def seed_entities(nlp):
    """Entities of the two seeds as ingest reads them (header lines stripped)."""
    from storyledger.ingest import read_inputs

    paths = sorted(str(p) for p in shared_path("seeds").glob("*.txt"))
    raws, problems = read_inputs(paths)
    assert not problems
    by_date = {r.published: r for r in raws}
    return {
        "first": (by_date["2023-10-16"].text, _entities(nlp, by_date["2023-10-16"].text)),
        "later": (by_date[None].text, _entities(nlp, by_date[None].text)),
    }


def _canon(entities, text: str) -> set[str]:
    return {e.canonical for e in entities if e.text == text}


def test_offsets_point_at_the_mention(seed_entities):
    for text, entities in seed_entities.values():
        for e in entities:
            assert text[e.start : e.end] == e.text


def test_surnames_take_the_fullest_name(seed_entities):
    _, first = seed_entities["first"]
    _, later = seed_entities["later"]
    assert _canon(first, "Kanaani") == {"Naser Kanaani"}
    assert _canon(later, "Marzouk") == {"Moussa Abu Marzouk"}
    assert _canon(later, "Bagheri") == {"Ali Bagheri"}


def test_possessive_is_not_part_of_the_name(seed_entities):
    text, later = seed_entities["later"]
    at = text.index("Amir-Abdollahian’s announcement")
    mention = next(e for e in later if e.start == at)
    assert mention.text == "Amir-Abdollahian"
    assert mention.canonical == "Hossein Amir-Abdollahian"
    assert mention.label == "PERSON"


def test_marzouk_is_a_person_not_a_place(seed_entities):
    _, later = seed_entities["later"]
    assert {e.label for e in later if e.text == "Marzouk"} == {"PERSON"}


def test_roles_stated_before_the_name_or_in_apposition(seed_entities):
    _, first = seed_entities["first"]
    _, later = seed_entities["later"]
    roles = {e.canonical: e.role for e in first + later if e.role}
    assert roles["Naser Kanaani"] == "spokesperson for the Ministry of Foreign Affairs"
    assert roles["Hossein Amir-Abdollahian"] == "Iranian Foreign Minister"
    assert roles["Moussa Abu Marzouk"] == "senior member of the group’s political council"
    assert roles["Maria Zakharova"] == "Foreign Ministry spokeswoman"
    assert roles["Mikhail Bogdanov"] == "Russia’s special envoy for the Middle East"


def test_short_org_name_resolves_to_the_one_longer_name(seed_entities):
    text, later = seed_entities["later"]
    at = text.index("Foreign Ministry spokeswoman")
    ministry = next(e for e in later if e.start == at)
    assert ministry.canonical == "Russian Foreign Ministry"


def test_possessive_owner_names_the_ministry(seed_entities):
    _, first = seed_entities["first"]
    assert "Iran's Foreign Ministry" in _canon(first, "Foreign Ministry")


def test_title_word_is_not_an_organisation(seed_entities):
    _, first = seed_entities["first"]
    assert not [e for e in first if e.label == "ORG" and e.text == "Supreme"]


def test_apposition_role_in_an_invented_sentence(nlp):
    entities = _entities(nlp, "Hugh Hill, a doctor at the city clinic, said the water was unsafe.")
    hill = next(e for e in entities if e.text == "Hugh Hill")
    assert hill.role == "doctor at the city clinic"


def test_different_people_with_one_surname_stay_apart(nlp):
    text = "Bill Clinton spoke first. Hillary Clinton spoke later. Clinton then left the stage."
    entities = _entities(nlp, text)
    persons = [e for e in entities if e.label == "PERSON"]
    assert {e.canonical for e in persons if e.text != "Clinton"} == {
        "Bill Clinton",
        "Hillary Clinton",
    }
    # The bare surname follows the nearest full name before it.
    assert [e.canonical for e in persons if e.text == "Clinton"] == ["Hillary Clinton"]


def test_name_without_role_has_none(nlp):
    entities = _entities(nlp, "Angela Merkel arrived in Paris on Monday.")
    merkel = next(e for e in entities if e.label == "PERSON")
    assert merkel.role is None
