"""The entity part of the thread decision: shared names lift a pair, no shared name lowers it."""

from __future__ import annotations

import numpy as np
import pytest

from storyledger.compare.grouping_config import GroupingConfig
from storyledger.compare.stories import group_articles
from storyledger.compare.thread_entities import entity_cosine, mix_entities
from storyledger.model import Article, Entity

PORT = [("Port Ellis", "GPE"), ("Tide Council", "ORG"), ("Mara Quell", "PERSON")]
KERROW = [("Kerrow Bay", "GPE"), ("Dune Authority", "ORG"), ("Olin Brask", "PERSON")]


def _article(aid: str, day: int, title: str, text: str, names: list) -> Article:
    """An invented report, its entities marked where the text names them."""
    entities = [Entity(n, label, n, text.find(n), text.find(n) + len(n)) for n, label in names]
    return Article(
        id=aid,
        text=text,
        title=title,
        published=f"2031-05-{day:02d}",
        outlet=aid.split("-")[0],
        entities=entities,
    )


# A storm saga in one town (the forecast, then the recovery three weeks later, in other words)
# and a storm warning the next day for another bay, by other officials: two events of one kind.
SAGA_AND_NEIGHBOUR = [
    _article(
        "ledger-1",
        1,
        "Hurricane nears Port Ellis",
        "Forecasters warned that the hurricane would reach Port Ellis by Friday. The Tide "
        "Council told residents to board up windows, said Mara Quell.",
        PORT,
    ),
    _article(
        "post-1",
        1,
        "Port Ellis braces for hurricane",
        "The hurricane is expected to reach Port Ellis on Friday, forecasters said. Mara Quell "
        "of the Tide Council urged residents to board up windows.",
        PORT,
    ),
    _article(
        "ledger-2",
        20,
        "Port Ellis counts the cost",
        "Crews cleared debris in Port Ellis as insurers tallied damage claims. Mara Quell said "
        "the Tide Council would reopen schools next week.",
        PORT,
    ),
    _article(
        "post-2",
        20,
        "Schools to reopen in Port Ellis",
        "Schools in Port Ellis reopen next week while insurers tally damage claims, Mara Quell "
        "of the Tide Council said. Crews are still clearing debris.",
        PORT,
    ),
    _article(
        "ledger-3",
        2,
        "Storm warning for Kerrow Bay",
        "Forecasters warned that a tropical storm could reach Kerrow Bay this weekend. Olin "
        "Brask of the Dune Authority asked fishermen to stay in port.",
        KERROW,
    ),
    _article(
        "post-3",
        2,
        "Kerrow Bay fishermen told to stay in port",
        "The Dune Authority, through Olin Brask, asked fishermen in Kerrow Bay to stay in port "
        "as forecasters warned of a tropical storm this weekend.",
        KERROW,
    ),
]


def test_entity_cosine_reads_only_entity_names() -> None:
    vecs = [
        {"@harbor city": 0.6, "@tide council": 0.8, "storm": 0.9},
        {"@harbor city": 1.0, "storm": 0.9},
        {"@dune valley": 1.0, "storm": 0.9},
        {"storm": 1.0},  # names no one
    ]
    sims = entity_cosine(vecs)
    assert sims[0, 1] == pytest.approx(0.6)  # (0.6 * 1.0) / (1.0 * 1.0)
    assert sims[1, 2] == 0.0  # the shared word "storm" is not a name
    assert sims[0, 3] == 0.0 and sims[3, 3] == 0.0
    assert sims[2, 2] == pytest.approx(1.0)


def test_no_names_at_all_gives_zeros() -> None:
    assert not entity_cosine([{"storm": 1.0}, {"flood": 1.0}]).any()


def test_shared_names_decide_between_equally_similar_pairs() -> None:
    """Two pairs of events equally alike in words: the pair naming the same places and people
    ends above the shipped cut, the pair of one kind naming different ones below it."""
    c = GroupingConfig()
    topical = np.full((2, 2), 0.22)
    saga = [{"@port ellis": 1.0, "storm": 1.0}, {"@port ellis": 1.0, "toll": 1.0}]
    one_kind = [{"@port ellis": 1.0, "storm": 1.0}, {"@kerrow bay": 1.0, "storm": 1.0}]
    assert mix_entities(topical, saga, c.thread_entity_weight)[0, 1] >= c.thread_entity_threshold
    assert mix_entities(topical, one_kind, c.thread_entity_weight)[0, 1] < c.thread_entity_threshold


def test_weight_zero_leaves_the_similarity_alone() -> None:
    sims = np.array([[1.0, 0.3], [0.3, 1.0]])
    assert mix_entities(sims, [{"@a": 1.0}, {"@b": 1.0}], 0.0) is sims


def test_a_saga_is_one_thread_and_a_storm_elsewhere_another() -> None:
    """The real grouper (embeddings included): three events; the two that name the same town,
    council and official are one thread, the storm in another bay its own. By words alone
    (entity weight 0) all three storms were one thread."""
    grouper, story = group_articles(SAGA_AND_NEIGHBOUR, config=GroupingConfig())
    events = {aid[-1]: sid for aid, sid in story.items()}
    assert len(set(story.values())) == 3
    assert story["ledger-1"] == story["post-1"] and story["ledger-2"] == story["post-2"]
    thread = {n: grouper.topic_of(sid) for n, sid in events.items()}
    assert thread["1"] == thread["2"]
    assert thread["3"] != thread["1"]
