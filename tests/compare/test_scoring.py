"""The streaming join's pruned scoring decides as scoring every candidate one at a time does:
a candidate left out by its bound could not have been joined or named the thread."""

from __future__ import annotations

from storyledger.compare.features import article_counts, day_range, gap_days, lead_people
from storyledger.compare.sketches import date_penalty
from storyledger.compare.stories import GroupingConfig, StoryGrouper

from .helpers import invented_stream


def _every_candidate(g: StoryGrouper, vec, emb, days, people) -> tuple[str | None, float]:
    """The scoring before pruning: each event sharing a posted term, one at a time."""
    c = g.config
    best, best_score = None, -1.0
    sids = sorted({g._rows.sid[i] for t in vec for i in g._postings.get(t, {})})
    for sid in sids:
        sketch, row = g._sketches[sid], g._rows.slot[sid]
        n = max(len(sketch.article_ids), 1)
        dot = sum(w * g._postings[t][row] for t, w in vec.items() if row in g._postings.get(t, {}))
        score = (1 - c.embedding_weight) * dot / n + c.embedding_weight * float(
            g._esum[sid] @ emb
        ) / n
        known = sketch.features.get("people")
        if people and known and not people.intersection(known):
            score -= c.person_penalty
        first, last = day_range(sketch.first_date), day_range(sketch.last_date)
        if days and first and last:
            gap = gap_days(days, (first[0], last[1]))
            score -= date_penalty(gap, c.event_window_days, c.date_penalty)
        if best is None or score > best_score:
            best, best_score = sid, score
    return best, best_score


def _decision(c: GroupingConfig, best: str | None, score: float) -> tuple[str | None, str]:
    if best is not None and score >= c.event_threshold:
        return best, "join"
    return (best, "thread") if best is not None and score >= c.thread_threshold else (None, "new")


def test_pruned_scoring_makes_every_decision_full_scoring_makes():
    config = GroupingConfig(settle_every=1000)  # the join alone: no re-clustering here
    embed, articles = invented_stream(400)  # words shared across events: near the thresholds
    g = StoryGrouper(config=config, keep_cold=False, embed=embed)
    pruned = 0
    for article in articles:
        counts = article_counts(article, config)
        vec, emb = g.weights.weigh(counts), embed(article)
        days, people = day_range(article.published), lead_people(article, config.lead_chars)
        fast = g._best_event(vec, emb, days, people)
        slow = _every_candidate(g, vec, emb, days, people)
        assert _decision(config, *fast) == _decision(config, *slow), article.id
        pruned += fast[0] is None and slow[0] is not None
        g.add(article)
    assert pruned  # the bound did leave candidates out, and the decisions still agree
