"""The story ledger: group articles into stories, then lay out each story's facts,
discrepancies and timeline."""

from __future__ import annotations

from storyledger.compare.alignment import Group, claim_groups, quantity_groups
from storyledger.compare.discrepancies import claim_fact, coverage, quantity_fact
from storyledger.compare.framing import wording
from storyledger.compare.stories import StoryGrouper, group_articles
from storyledger.compare.threads import build_threads, topics
from storyledger.compare.timeline import timeline
from storyledger.model import Article, Discrepancy, Fact, Ledger, Story

KIND_ORDER = {"number": 0, "qualifier": 1, "attribution": 2, "wording": 3, "coverage": 4}


def aligned_facts(
    articles: list[Article],
) -> tuple[list[Fact], list[Discrepancy], list[tuple[Fact, Group]]]:
    """The story's facts (aligned figures, then claims), the number, qualifier and attribution
    discrepancies between them, and each fact with its aligned group."""
    facts: list[Fact] = []
    discs: list[Discrepancy] = []
    pairs: list[tuple[Fact, Group]] = []
    q_groups, _ = quantity_groups(articles)
    for g in q_groups:
        fact, ds = quantity_fact(g)
        facts.append(fact)
        discs += ds
        pairs.append((fact, g))
    for g in claim_groups(articles):
        fact, ds = claim_fact(g)
        facts.append(fact)
        discs += ds
        pairs.append((fact, g))
    return facts, discs, pairs


def compare_story(story_id: str, title: str, articles: list[Article]) -> Story:
    """Facts (aligned figures and claims), discrepancies between outlets, and the timeline."""
    facts, discs, pairs = aligned_facts(articles)
    discs += wording(articles)
    discs += coverage(pairs, articles)
    discs.sort(key=lambda d: KIND_ORDER.get(d.kind, 9))
    return Story(
        id=story_id,
        title=title,
        articles=[a.id for a in articles],
        facts=facts,
        discrepancies=discs,
        timeline=timeline(articles),
    )


def build_ledger(articles: list[Article], grouper: StoryGrouper | None = None) -> Ledger:
    """Group the articles into stories (batch: idf primed on all of them), compare each,
    and link the stories into threads (the grouper's topics)."""
    grouper, assignment = group_articles(articles, grouper)
    by_story: dict[str, list[Article]] = {}
    for a in articles:
        by_story.setdefault(assignment[a.id], []).append(a)
    titles = {s.id: s.title for s in grouper.sketches()}
    stories = [
        compare_story(sid, titles.get(sid, sid), members) for sid, members in by_story.items()
    ]
    threads = build_threads(stories, articles, topics(grouper, by_story))
    return Ledger(articles=articles, stories=stories, threads=threads)
