"""Events grouped apart (time windows) and joined by their sketches, as the Spark path does."""

from __future__ import annotations

import dataclasses

import pytest

from storyledger.compare.grouping_config import GroupingConfig
from storyledger.compare.stitch import (
    best_match,
    corpus_terms,
    event_similarity,
    group_window,
    merge_sketches,
    stitch,
    window_state,
)
from storyledger.compare.stories import StoryGrouper, group_articles

from .test_stories import quake_and_vote

CONFIG = GroupingConfig()


def _corpus(arts):
    df: dict[str, int] = {}
    for a in arts:
        for t in corpus_terms(a, CONFIG):
            df[t] = df.get(t, 0) + 1
    return len(arts), df


def test_a_window_weighs_terms_with_the_whole_corpus_idf():
    arts = quake_and_vote()
    whole = StoryGrouper(config=CONFIG)
    whole.observe(arts)
    n_docs, df = _corpus(arts)
    window = arts[:1]
    part = StoryGrouper(state=window_state(window, n_docs, df, CONFIG), config=CONFIG)
    part.observe(window)  # what group_articles does first
    assert part.state()["df"] == whole.state()["df"]
    assert part.state()["n_docs"] == whole.state()["n_docs"] == 3


def test_an_event_cut_by_a_window_border_is_stitched_and_the_other_event_is_not():
    arts = quake_and_vote()
    n_docs, df = _corpus(arts)
    left_arts, right_arts = [arts[0], arts[1]], [arts[2]]
    left = group_window(left_arts, window_state(left_arts, n_docs, df, CONFIG), CONFIG)
    right = group_window(right_arts, window_state(right_arts, n_docs, df, CONFIG), CONFIG)
    quake_left = next(s for s in left if "q1" in s.article_ids)
    assert len(left) == 2 and len(right) == 1
    assert stitch(left, right, CONFIG) == [(quake_left.id, right[0].id)]
    merged = merge_sketches([right[0], quake_left], CONFIG)
    _, together = group_articles(arts)
    assert merged.id == together["q1"] == together["q2"]  # the id a one-batch grouping gives
    assert sorted(merged.article_ids) == ["q1", "q2"]
    assert (merged.first_date, merged.last_date) == ("2031-02-03", "2031-02-04")
    assert merged.features["n"] == 2


def test_two_events_of_one_side_never_join_each_other_through_the_border():
    arts = quake_and_vote()
    n_docs, df = _corpus(arts)
    left = group_window(arts, window_state(arts, n_docs, df, CONFIG), CONFIG)
    assert stitch(left, [], CONFIG) == []
    pairs = stitch(left, left, CONFIG)
    # each event may meet its own copy on the other side, and nothing else
    assert sorted(pairs) == sorted((s.id, s.id) for s in left)


def test_an_undated_event_finds_its_dated_event_and_an_unrelated_one_does_not():
    arts = quake_and_vote()
    undated = [dataclasses.replace(arts[2], id="q2-undated", published=None)]
    n_docs, df = _corpus([*arts[:2], *undated])
    dated = group_window(arts[:2], window_state(arts[:2], n_docs, df, CONFIG), CONFIG)
    loose = group_window(undated, window_state(undated, n_docs, df, CONFIG), CONFIG)
    [(uid, did, score)] = best_match(loose, dated, CONFIG)
    assert uid == loose[0].id and did == next(s.id for s in dated if "q1" in s.article_ids)
    assert score >= CONFIG.event_threshold
    vote_only = [s for s in dated if "v1" in s.article_ids]
    assert best_match(loose, vote_only, CONFIG) == []


def test_border_events_naming_different_people_pay_the_person_penalty_once():
    """Two border events alike in words, whose leads name people and share none, are the
    successive-events case the window penalises: the stitch applies the same penalty, once,
    and none where one side names no one or both name the same person."""
    from storyledger.model import StorySketch

    def sketch(sid: str, people: list[str]) -> StorySketch:
        features = {"terms": {"release": 0.8, "hostage": 0.6}, "people": people}
        return StorySketch(id=sid, title=sid, article_ids=[sid], features=features)

    config = dataclasses.replace(CONFIG, use_embeddings=False)
    off = dataclasses.replace(config, person_penalty=0.0)
    left = [sketch("a", ["Mara Quill"])]
    right = [sketch("b", ["Tomas Reed"]), sketch("c", []), sketch("d", ["Mara Quill"])]
    with_penalty = event_similarity(left, right, config)[0]
    without = event_similarity(left, right, off)[0]
    assert without[0] == without[1] == without[2] > 0.9
    assert list(without - with_penalty) == pytest.approx([config.person_penalty, 0.0, 0.0])
