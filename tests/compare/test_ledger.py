"""The issue's acceptance on the two real seed articles (read from ../shared/seeds)."""

from __future__ import annotations

import pytest

from storyledger.compare.ledger import build_ledger, compare_story
from storyledger.eval.seeds import checks


@pytest.fixture(scope="module")
def ledger(seed_articles):
    return build_ledger(seed_articles)


def test_seed_acceptance_checks_all_pass(seed_articles, ledger):
    result = checks(seed_articles, ledger)
    assert result == {name: True for name in result}, result


def test_both_seeds_form_one_story_titled_after_the_dated_one(seed_articles, ledger):
    assert len(ledger.stories) == 1
    story = ledger.stories[0]
    assert set(story.articles) == {a.id for a in seed_articles}
    assert story.title == "Iran Claims Hamas Willing To Release Hostages"


def test_oct7_toll_is_a_conflict_on_the_hedge(ledger):
    story = ledger.stories[0]
    qual = [d for d in story.discrepancies if d.kind == "qualifier"]
    assert len(qual) == 1
    texts = {e.text for e in qual[0].evidence}
    assert texts == {"at least 1,400", "up to 1,400"}
    fact = next(f for f in story.facts if f.id == qual[0].fact)
    assert fact.status == "conflict"


def test_hostage_count_is_an_update_from_199_to_more_than_200(ledger):
    story = ledger.stories[0]
    fact = next(f for f in story.facts if f.status == "update")
    assert sorted((e.value, e.qualifier) for e in fact.entries) == [
        (199.0, "exact"),
        (200.0, "more_than"),
    ]


def test_claim_fact_keeps_every_chain_of_attribution(ledger):
    story = ledger.stories[0]
    shared = [
        f for f in story.facts if f.kind == "claim" and len({e.article for e in f.entries}) == 2
    ]
    assert len(shared) == 1
    speakers = {s for e in shared[0].entries for s in e.sources}
    assert {"Naser Kanaani", "Hossein Amir-Abdollahian"} <= speakers


def test_evidence_spans_point_at_the_quoted_text(seed_articles, ledger):
    texts = {a.id: a.text for a in seed_articles}
    for d in ledger.stories[0].discrepancies:
        for e in d.evidence:
            assert texts[e.article][e.start : e.end] == e.text


def test_timeline_holds_oct7_from_the_dated_seed(seed_articles, ledger):
    story = ledger.stories[0]
    dated = next(a for a in seed_articles if a.published)
    assert any(t.date == "2023-10-07" and t.article == dated.id for t in story.timeline)
    assert all(t.date for t in story.timeline)


def test_one_article_story_has_no_discrepancies(seed_articles):
    story = compare_story("s", "t", seed_articles[:1])
    assert story.discrepancies == []
    assert all(f.status == "single" for f in story.facts)
