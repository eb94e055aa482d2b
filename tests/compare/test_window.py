"""The window's re-clustering (compare/window.py) on long, messy arrivals: it must never fail
and never lose an article, whatever the window's clusters do to the events older than it."""

from __future__ import annotations

from storyledger.compare.stories import GroupingConfig, StoryGrouper

from .helpers import invented_stream


def test_an_older_part_left_by_its_window_members_keeps_an_event() -> None:
    """A 60-article window re-clustered every 50 arrivals over a hard stream: some clusters
    hold only older parts whose event ids went to the clusters of their window members. The
    settle used to fail there (min() of an empty sequence)."""
    embed, articles = invented_stream(400)
    g = StoryGrouper(
        config=GroupingConfig(settle_every=50, window_articles=60), keep_cold=False, embed=embed
    )
    ids = []
    for a in articles:
        embed(a)  # the draws of the stream this failure was found on
        g.add(a)
        ids.append(a.id)
    g.settle()
    held = [aid for s in g.sketches() for aid in s.article_ids]
    assert sorted(held) == sorted(ids)  # every article in exactly one event
