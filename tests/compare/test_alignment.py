"""Reported figures as intervals, and which figures are the same quantity."""

from __future__ import annotations

import math

from storyledger.compare.alignment import (
    Interval,
    claim_groups,
    hedges_opposed,
    interval,
    quantity_groups,
    quantity_key,
)

from .helpers import article, claim, date, quantity

T = "The storm killed at least 40 people and more than 12 soldiers near Varsk."


def test_hedged_figures_read_as_intervals():
    assert interval(quantity("at least 40", T, 40, "at_least")) == Interval(40, math.inf)
    more = interval(quantity("more than 12", T, 12, "more_than"))
    assert more.low == 12 and more.low_open and more.high == math.inf
    up_to = interval(quantity("40", T, 40, "at_most"))
    assert (up_to.low, up_to.high) == (0.0, 40)


def test_approximate_figure_is_a_band_wider_for_round_numbers():
    about = quantity("40", T, 300, "approximately", low=300, high=300)
    iv = interval(about)
    assert iv.low < 300 < iv.high
    assert iv.low == 300 * 0.8  # a multiple of 100 gets the wider band


def test_at_least_and_up_to_meet_only_at_the_shared_value():
    a = interval(quantity("at least 40", T, 40, "at_least"))
    b = interval(quantity("40", T, 40, "at_most"))
    assert a.meets(b) and a.single_point_with(b)
    assert hedges_opposed(
        quantity("at least 40", T, 40, "at_least"), quantity("40", T, 40, "at_most")
    )


def test_more_than_200_excludes_exactly_199_and_200():
    more = interval(quantity("more than 12", T, 200, "more_than"))
    assert not more.meets(Interval(199, 199))
    assert not more.meets(Interval(200, 200))
    assert more.meets(Interval(201, 201))


def test_people_and_israelis_are_one_quantity_palestinians_another():
    people = quantity("at least 40", T, 40, "at_least", counts="people", event="massacred")
    israelis = quantity("at least 40", T, 40, "at_least", counts="Israelis", event="killed")
    palestinians = quantity("at least 40", T, 40, "at_least", counts="Palestinians", event="killed")
    assert quantity_key(people) == quantity_key(israelis)
    assert quantity_key(people) != quantity_key(palestinians)


def test_hostages_taken_and_held_are_one_count():
    held = quantity("40", T, 40, counts="hostages", event="held")
    taken = quantity("40", T, 40, counts="captives", event="took")
    assert quantity_key(held) == quantity_key(taken)


def test_figure_without_counted_noun_or_event_is_not_aligned():
    assert quantity_key(quantity("40", T, 40, counts="people")) is None


def test_different_event_dates_keep_figures_apart():
    t1 = "On 3 March the flood killed 40 people."
    t2 = "On 9 March the flood killed 55 people."
    a = article(
        "a",
        t1,
        quantities=[quantity("40", t1, 40, counts="people", event="killed")],
        dates=[date("3 March", t1, "2031-03-03")],
    )
    b = article(
        "b",
        t2,
        quantities=[quantity("55", t2, 55, counts="people", event="killed")],
        dates=[date("9 March", t2, "2031-03-09")],
    )
    groups, _ = quantity_groups([a, b])
    assert len(groups) == 2


def test_same_claim_relayed_by_two_sources_aligns():
    t1 = "The minister said the rebels are ready to free civilian detainees."
    t2 = "The rebels are willing to release civilian captives, the envoy revealed."
    a = article(
        "a",
        t1,
        claims=[
            claim("the rebels are ready to free civilian detainees", t1, ["rebels", "Minister Olt"])
        ],
    )
    b = article(
        "b",
        t2,
        claims=[
            claim(
                "The rebels are willing to release civilian captives", t2, ["rebels", "Envoy Brask"]
            )
        ],
    )
    groups = claim_groups([a, b])
    assert len(groups) == 1 and len(groups[0].items) == 2


def test_unrelated_claims_stay_apart():
    t1 = "The minister said the harvest will be late this year."
    t2 = "The envoy said the border crossing reopens on Friday."
    a = article("a", t1, claims=[claim("the harvest will be late this year", t1, ["Olt"])])
    b = article("b", t2, claims=[claim("the border crossing reopens on Friday", t2, ["Brask"])])
    assert len(claim_groups([a, b])) == 2
