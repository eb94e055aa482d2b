"""The entity part of the thread decision: shared names lift a pair, no shared name lowers it."""

from __future__ import annotations

import numpy as np
import pytest

from storyledger.compare.grouping_config import GroupingConfig
from storyledger.compare.thread_entities import entity_cosine, mix_entities


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
