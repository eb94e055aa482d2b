"""Status of aligned figures (consistent / update / conflict) and the discrepancies named."""

from __future__ import annotations

from storyledger.compare.ledger import compare_story

from .helpers import article, claim, quantity


def _toll(
    aid,
    outlet,
    published,
    text,
    figure,
    value,
    qualifier,
    counts="people",
    event="killed",
    sources=None,
):
    return article(
        aid,
        text,
        outlet=outlet,
        published=published,
        quantities=[
            quantity(figure, text, value, qualifier, counts=counts, event=event, sources=sources)
        ],
    )


def _only_fact(story):
    facts = [f for f in story.facts if f.kind == "quantity"]
    assert len(facts) == 1
    return facts[0]


def test_opposite_hedges_on_one_value_are_a_conflict_on_the_hedge():
    a = _toll(
        "a",
        "Daily Lark",
        "2031-05-02",
        "The blast killed at least 90 people.",
        "at least 90",
        90,
        "at_least",
    )
    b = _toll(
        "b",
        "Evening Post",
        "2031-05-02",
        "Up to 90 people were killed in the blast.",
        "Up to 90",
        90,
        "at_most",
    )
    story = compare_story("s", "Blast", [a, b])
    assert _only_fact(story).status == "conflict"
    kinds = [d.kind for d in story.discrepancies if d.fact]
    assert kinds == ["qualifier"]
    d = story.discrepancies[0]
    assert "Daily Lark" in d.summary and "Evening Post" in d.summary and "90" in d.summary


def test_rising_toll_in_a_later_report_is_an_update():
    a = _toll("a", "Daily Lark", "2031-05-02", "The blast killed 90 people.", "90", 90, "exact")
    b = _toll(
        "b", "Evening Post", "2031-05-04", "The blast killed 120 people.", "120", 120, "exact"
    )
    story = compare_story("s", "Blast", [a, b])
    assert _only_fact(story).status == "update"
    d = next(d for d in story.discrepancies if d.kind == "number")
    assert d.summary.index("90") < d.summary.index("120")


def test_undated_later_report_of_a_growing_count_reads_as_update():
    a = _toll(
        "a",
        "Daily Lark",
        "2031-05-02",
        "Militants hold 150 hostages.",
        "150",
        150,
        "exact",
        counts="hostages",
        event="held",
    )
    b = _toll(
        "b",
        None,
        None,
        "Militants took more than 160 captives.",
        "more than 160",
        160,
        "more_than",
        counts="captives",
        event="took",
    )
    story = compare_story("s", "Hostages", [a, b])
    assert _only_fact(story).status == "update"
    d = next(d for d in story.discrepancies if d.kind == "number")
    assert "inferred" in d.summary and "b" in d.articles


def test_same_day_different_figures_are_a_conflict():
    a = _toll("a", "Daily Lark", "2031-05-02", "The blast killed 90 people.", "90", 90, "exact")
    b = _toll(
        "b", "Evening Post", "2031-05-02", "The blast killed 120 people.", "120", 120, "exact"
    )
    story = compare_story("s", "Blast", [a, b])
    assert _only_fact(story).status == "conflict"
    assert any(d.kind == "number" and "same day" in d.summary for d in story.discrepancies)


def test_toll_falling_over_time_is_a_conflict_not_an_update():
    a = _toll("a", "Daily Lark", "2031-05-02", "The blast killed 120 people.", "120", 120, "exact")
    b = _toll("b", "Evening Post", "2031-05-06", "The blast killed 90 people.", "90", 90, "exact")
    assert _only_fact(compare_story("s", "Blast", [a, b])).status == "conflict"


def test_missing_count_falling_in_a_later_report_is_an_update():
    def missing(aid, published, text, figure, value, qualifier):
        return _toll(aid, aid.title(), published, text, figure, value, qualifier, event="missing")

    a = missing(
        "a", "2031-05-02", "More than 20 people are missing.", "More than 20", 20, "more_than"
    )
    b = missing("b", "2031-05-04", "Twelve people are still missing.", "Twelve", 12, "exact")
    story = compare_story("s", "Flood", [a, b])
    assert _only_fact(story).status == "update"
    d = next(d for d in story.discrepancies if d.kind == "number")
    assert d.articles == ["a", "b"] and "in a later report" in d.summary
    same_day = missing("c", "2031-05-02", "Twelve people are still missing.", "Twelve", 12, "exact")
    assert _only_fact(compare_story("s", "Flood", [a, same_day])).status == "conflict"


def test_compatible_figures_are_consistent():
    a = _toll(
        "a",
        "Daily Lark",
        "2031-05-02",
        "The blast killed at least 90 people.",
        "at least 90",
        90,
        "at_least",
    )
    b = _toll("b", "Evening Post", "2031-05-02", "The blast killed 97 people.", "97", 97, "exact")
    story = compare_story("s", "Blast", [a, b])
    assert _only_fact(story).status == "consistent"
    assert not [d for d in story.discrepancies if d.kind in {"number", "qualifier"}]


def test_same_claim_from_different_speakers_is_an_attribution_discrepancy():
    t1 = "The rebels are ready to free civilian detainees, Minister Olt said."
    t2 = "The rebels are willing to release civilian captives, Envoy Brask revealed."
    a = article(
        "a",
        t1,
        outlet="Daily Lark",
        claims=[
            claim("The rebels are ready to free civilian detainees", t1, ["rebels", "Ana Olt"])
        ],
    )
    b = article(
        "b",
        t2,
        outlet="Evening Post",
        claims=[
            claim(
                "The rebels are willing to release civilian captives", t2, ["rebels", "Piet Brask"]
            )
        ],
    )
    story = compare_story("s", "Rebels", [a, b])
    facts = [f for f in story.facts if f.kind == "claim"]
    assert len(facts) == 1 and {e.article for e in facts[0].entries} == {"a", "b"}
    d = next(d for d in story.discrepancies if d.kind == "attribution")
    assert "Ana Olt" in d.summary and "Piet Brask" in d.summary


def test_figure_only_one_outlet_reports_is_coverage():
    t1 = "The rebels receive about $5m a year from abroad."
    t2 = "The rebels held a rally."
    a = article(
        "a",
        t1,
        outlet="Daily Lark",
        quantities=[
            quantity(
                "about $5m",
                t1,
                5e6,
                "approximately",
                low=4.5e6,
                high=5.5e6,
                unit="USD",
                event="receive",
            )
        ],
    )
    b = article("b", t2, outlet="Evening Post")
    story = compare_story("s", "Rebels", [a, b])
    cov = [d for d in story.discrepancies if d.kind == "coverage"]
    assert len(cov) == 1 and "$5m" in cov[0].summary and "Evening Post" in cov[0].summary
    assert cov[0].evidence[0].start == t1.index("about $5m")


def test_source_coverage_names_sources_not_descriptions():
    t1 = (
        "The regional ministry said the dam broke. "
        "Hydrovar, which runs the dam, said it regrets it."
    )
    t2 = "The dam broke, the regional ministry said."
    a = article(
        "a",
        t1,
        outlet="Daily Lark",
        claims=[
            claim("the dam broke", t1, ["The regional ministry"]),
            claim("it regrets it", t1, ["Hydrovar, which runs the dam"]),
        ],
    )
    b = article(
        "b",
        t2,
        outlet="Evening Post",
        claims=[claim("The dam broke", t2, ["the regional ministry"])],
    )
    summaries = [d.summary for d in compare_story("s", "Dam", [a, b]).discrepancies]
    # Hydrovar is named, and said once: on the claim only Daily Lark carries, not again as
    # an item repeating the same words; "the regional ministry" is a description, not a name.
    assert [s for s in summaries if "cites" in s] == [
        "Only Daily Lark reports the claim \u201cit regrets it\u201d (from Hydrovar, which runs "
        "the dam; no other article cites Hydrovar); not in Evening Post"
    ]


def test_a_source_whose_claim_others_carry_is_an_item_of_its_own():
    said = "The old dam above Varnholm broke on Monday"
    t1 = f"{said}, Hydrovar said."
    t2 = f"{said}, the regional ministry said."
    a = article("a", t1, outlet="Daily Lark", claims=[claim(said, t1, ["Hydrovar"])])
    b = article("b", t2, outlet="Evening Post", claims=[claim(said, t2, ["the ministry"])])
    story = compare_story("s", "Dam", [a, b])
    assert any(d.kind == "attribution" for d in story.discrepancies)
    cov = [d for d in story.discrepancies if d.kind == "coverage"]
    assert [d.summary for d in cov] == ["Only Daily Lark cites Hydrovar; Evening Post does not"]
    assert cov[0].evidence[0].text == said


def test_unknown_outlet_is_named_by_article_id():
    a = _toll("art-1", None, "2031-05-02", "The blast killed 90 people.", "90", 90, "exact")
    b = _toll("art-2", None, "2031-05-02", "The blast killed 120 people.", "120", 120, "exact")
    d = next(d for d in compare_story("s", "B", [a, b]).discrepancies if d.kind == "number")
    assert "art-1" in d.summary and "art-2" in d.summary


def test_an_outlet_with_two_articles_is_named_once_in_a_summary():
    said = "the old dam above Varnholm broke on Monday"
    t1 = f"Hydrovar, which runs the dam, said {said}."
    t2 = "The old dam above Varnholm broke on Monday, the regional ministry said."
    t3 = "Water reached the valley, the regional ministry said."
    a = article(
        "a",
        t1,
        outlet="Daily Lark",
        claims=[claim(said, t1, ["Hydrovar, which runs the dam"])],
    )
    b1 = article(
        "b1",
        t2,
        outlet="Evening Post",
        claims=[claim("The old dam above Varnholm broke on Monday", t2, ["the ministry"])],
    )
    b2 = article(
        "b2",
        t3,
        outlet="Evening Post",
        claims=[claim("Water reached the valley", t3, ["the regional ministry"])],
    )
    summaries = [d.summary for d in compare_story("s", "Dam", [a, b1, b2]).discrepancies]
    assert "Only Daily Lark cites Hydrovar; Evening Post does not" in summaries
    water = next(s for s in summaries if "Water reached the valley" in s)
    assert water.endswith("; not in Daily Lark, another Evening Post article")


def test_the_reporting_outlets_other_article_is_named_as_such():
    t1 = "The storm killed 40 people in Varsk."
    t2 = "The storm hit Varsk overnight."
    t3 = "Varsk was hit by a storm."
    a1 = _toll("a1", "Daily Lark", "2031-05-02", t1, "40", 40, "exact")
    a2 = article("a2", t2, outlet="Daily Lark", published="2031-05-02")
    b = article("b", t3, outlet="Evening Post", published="2031-05-02")
    cov = [
        d.summary
        for d in compare_story("s", "Storm", [a1, a2, b]).discrepancies
        if d.kind == "coverage" and "figure" in d.summary
    ]
    assert len(cov) == 1
    assert cov[0].endswith("not in another Daily Lark article, Evening Post")


def test_one_outlets_two_chains_for_a_claim_are_listed_under_its_name_once():
    t1 = "The rebels are ready to free civilian detainees, Minister Olt said."
    t2 = "The rebels are willing to release civilian captives, Envoy Brask revealed."
    t3 = "The rebels are ready to free the civilian detainees, Envoy Brask said."
    a = article(
        "a",
        t1,
        outlet="Daily Lark",
        claims=[
            claim("The rebels are ready to free civilian detainees", t1, ["rebels", "Ana Olt"])
        ],
    )
    b1 = article(
        "b1",
        t2,
        outlet="Evening Post",
        claims=[
            claim(
                "The rebels are willing to release civilian captives", t2, ["rebels", "Piet Brask"]
            )
        ],
    )
    b2 = article(
        "b2",
        t3,
        outlet="Evening Post",
        claims=[
            claim(
                "The rebels are ready to free the civilian detainees", t3, ["rebels", "Piet Brask"]
            )
        ],
    )
    d = next(
        d
        for d in compare_story("s", "Rebels", [a, b1, b2]).discrepancies
        if d.kind == "attribution"
    )
    assert d.summary.count("Evening Post") == 1
    assert d.summary.count("attributes it to rebels \u2190 Piet Brask") == 1
    assert set(d.articles) == {"a", "b1", "b2"}
