"""The window's re-clustering (compare/window.py) on long, messy arrivals: it must never fail
and never lose an article, whatever the window's clusters do to the events older than it."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from storyledger.compare.stories import GroupingConfig, StoryGrouper
from storyledger.model import Article

WORDS = ["harbour", "ferry", "toll", "glacier", "moraine", "lighthouse"]
WORDS += ["quarry", "orchard", "tram", "bridge", "dam", "kiln"]


def test_an_older_part_left_by_its_window_members_keeps_an_event() -> None:
    """Forty invented events sharing a small vocabulary, a 60-article window re-clustered every
    50 arrivals: some clusters hold only older parts whose event ids went to the clusters of
    their window members. The settle used to fail there (min() of an empty sequence)."""
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(40, 384))

    def embed(article: Article) -> np.ndarray:
        v = centres[int(article.id.split("-")[0])] + rng.normal(0, 0.7, 384)
        return (v / np.linalg.norm(v)).astype(np.float32)

    g = StoryGrouper(
        config=GroupingConfig(settle_every=50, window_articles=60), keep_cold=False, embed=embed
    )
    ids = []
    for i in range(400):
        event = int(rng.integers(0, 40))
        words = [str(w) for w in rng.choice(WORDS, 6)]
        day = date(2031, 1, 1) + timedelta(days=event * 5 + int(rng.integers(0, 4)))
        a = Article(
            id=f"{event}-{i}",
            title=" ".join(words[:3]),
            text=" ".join(words) + ".",
            published=day.isoformat(),
        )
        embed(a)
        g.add(a)
        ids.append(a.id)
    g.settle()
    held = [aid for s in g.sketches() for aid in s.article_ids]
    assert sorted(held) == sorted(ids)  # every article in exactly one event
