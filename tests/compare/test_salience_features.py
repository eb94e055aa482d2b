"""The signals the coverage ranker reads from the records, on invented articles."""

from __future__ import annotations

from storyledger.compare.discrepancies import coverage_items
from storyledger.compare.ledger import aligned_facts
from storyledger.compare.salience import FEATURES, coverage_features, score
from storyledger.model import Entity, Quote

from .helpers import article, claim

A = (
    "The Varsk bridge closed on Monday after engineers found cracks, the city council said. "
    'Mayor Ilse Brandvik accused the builder of cutting corners: "They knew," she said.\n\n'
    "Traffic may take weeks to return, officials said.\n\n"
    "The bridge opened in 1998 and carries 40,000 cars a day."
)
B = "Engineers found cracks in the Varsk bridge, which closed on Monday, the city council said."


def _story():
    quote = '"They knew,"'
    q_start = A.index(quote)
    mayor = A.index("Ilse Brandvik")
    a = article(
        "a",
        A,
        outlet="Daily Lark",
        claims=[
            claim("The Varsk bridge closed on Monday after engineers found cracks", A, ["council"]),
            claim("Ilse Brandvik accused the builder of cutting corners", A, ["the outlet"]),
            claim("Traffic may take weeks to return", A, ["officials"]),
            claim("The bridge opened in 1998 and carries 40,000 cars a day", A, ["the outlet"]),
        ],
        quotes=[
            Quote(
                text=quote,
                speaker="Ilse Brandvik",
                cue="said",
                kind="direct",
                start=q_start,
                end=q_start + len(quote),
                sources=["Ilse Brandvik"],
            )
        ],
        entities=[
            Entity("Ilse Brandvik", "PERSON", "Ilse Brandvik", mayor, mayor + 13),
        ],
    )
    b = article(
        "b",
        B,
        outlet="Evening Post",
        claims=[
            claim("Engineers found cracks in the Varsk bridge, which closed on Monday", B, ["c"])
        ],
    )
    _, _, pairs = aligned_facts([a, b])
    discs, named = coverage_items(pairs, [a, b])
    feats = coverage_features(discs, pairs, [a, b], named)
    return {d.evidence[0].text: f for d, f in zip(discs, feats, strict=True) if d.fact}


def test_every_item_has_every_signal_and_a_probability():
    for f in _story().values():
        assert set(f) == set(FEATURES)
        assert 0.0 < score(f) < 1.0


def test_wording_quote_position_and_neighbour_signals():
    items = _story()
    quote = items['"They knew,"']
    assert quote["in_quote"] == 1.0 and quote["quote_marks"] == 1.0
    assert quote["stance"] == 1.0  # "accused" in its sentence
    assert quote["neighbour"] > 0.5  # right after the fact both outlets carry
    hedge = items["Traffic may take weeks to return"]
    assert hedge["hedge"] == 1.0 and hedge["in_quote"] == 0.0 and hedge["stance"] == 0.0
    background = items["The bridge opened in 1998 and carries 40,000 cars a day"]
    assert background["digits"] == 1.0 and background["hedge"] == 0.0
    assert background["lead"] < hedge["lead"] < quote["lead"]
    assert background["neighbour"] < quote["neighbour"]
    assert background["novelty"] > 0.5  # no other article speaks of cars or 1998


def test_the_share_of_an_item_that_names_someone_comes_from_the_entity_records():
    items = _story()
    charge = items["Ilse Brandvik accused the builder of cutting corners"]
    assert charge["names"] == len("Ilse Brandvik") / len(
        "Ilse Brandvik accused the builder of cutting corners"
    )
    assert items['"They knew,"']["names"] == 0.0
    assert items["Traffic may take weeks to return"]["names"] == 0.0
