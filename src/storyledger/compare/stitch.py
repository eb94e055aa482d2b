"""Joining events that were grouped apart (in separate time windows) by their sketches alone.

Why this works: an event's sketch keeps the mean of its members' TF-IDF vectors (top terms)
and of their embeddings, so the dot product of two sketches' means is the mean similarity
over every pair of their articles: exactly the criterion average link uses to merge two
clusters. Stitching two windows' border events is therefore the last merge steps the batch
grouper would have taken had it seen both windows at once (less the dropped low-weight terms
of each sketch).

`window_state` lets a window be grouped with the idf of the whole corpus: the corpus's
document frequencies less the window's own, which `group_articles` adds back when it observes
the window, so each window weighs terms as a one-batch grouping of the corpus would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from storyledger.compare.event_marks import disjoint, mark_penalties, union_marks
from storyledger.compare.features import article_counts
from storyledger.compare.grouping_config import GroupingConfig
from storyledger.compare.linkage import average_link
from storyledger.compare.sketches import DIM, event_days, pack, unpack
from storyledger.compare.stories import StoryGrouper, group_articles
from storyledger.compare.window import similarities
from storyledger.model import Article, StorySketch

APART = -10.0  # similarity of two events of one side: they were already kept apart


def corpus_terms(article: Article, config: GroupingConfig) -> set[str]:
    """The terms an article counts once in the document frequencies."""
    return set(article_counts(article, config))


def window_state(
    articles: Sequence[Article], n_docs: int, df: dict[str, int], config: GroupingConfig
) -> dict[str, Any]:
    """Grouper state for one window: the corpus's document frequencies less the window's."""
    own: Counter[str] = Counter()
    for article in articles:
        own.update(corpus_terms(article, config))
    rest = dict(df)
    for term, n in own.items():
        left = rest.get(term, 0) - n
        if left > 0:
            rest[term] = left
        else:
            rest.pop(term, None)
    return {"n_docs": max(n_docs - len(articles), 0), "df": rest}


def group_window(
    articles: Sequence[Article], state: dict[str, Any], config: GroupingConfig
) -> list[StorySketch]:
    """A window's events, grouped in batch exactly as `group_articles` groups a corpus."""
    grouper, _ = group_articles(list(articles), StoryGrouper(state=state, config=config))
    return grouper.sketches()


def _vectors(sketches: Sequence[StorySketch]) -> tuple[list[dict[str, float]], np.ndarray]:
    vecs = [dict(s.features.get("terms", {})) for s in sketches]
    embs = [
        unpack(s.features["emb"]) if s.features.get("emb") else np.zeros(DIM, np.float32)
        for s in sketches
    ]
    return vecs, np.array(embs, dtype=np.float32).reshape(len(sketches), DIM)


def event_similarity(
    left: Sequence[StorySketch], right: Sequence[StorySketch], config: GroupingConfig
) -> np.ndarray:
    """Mean similarity between each left and each right event (rows left, columns right),
    with the grouper's date and person penalties."""
    both = [*left, *right]
    vecs, embs = _vectors(both)
    weight = config.embedding_weight if config.use_embeddings else 0.0
    sims = similarities(
        vecs,
        embs,
        [event_days(s) for s in both],
        weight,
        config.event_window_days,
        config.date_penalty,
    )
    if config.person_penalty:  # the window's rule (event_marks.disjoint), on the events
        people = [frozenset(s.features.get("people", ())) for s in both]
        sims -= config.person_penalty * disjoint(people)
    sims -= mark_penalties([frozenset(s.features.get("marks", ())) for s in both], config)
    return sims[: len(left), len(left) :]


def stitch(
    left: Sequence[StorySketch], right: Sequence[StorySketch], config: GroupingConfig
) -> list[tuple[str, str]]:
    """(left id, right id) for each pair of events average link joins across a border.

    Events of one side never join each other (their window already kept them apart), so
    each left event joins at most one right event and the other way round.
    """
    if not left or not right:
        return []
    n = len(left) + len(right)
    sims = np.full((n, n), APART)
    cross = event_similarity(left, right, config)
    sims[: len(left), len(left) :] = cross
    sims[len(left) :, : len(left)] = cross.T
    weights = np.array([max(len(s.article_ids), 1) for s in [*left, *right]], dtype=float)
    labels = average_link(sims, weights, config.event_threshold)
    pairs = []
    for i in range(len(left)):
        for j in range(len(right)):
            if labels[i] == labels[len(left) + j]:
                pairs.append((left[i].id, right[j].id))
    return pairs


def best_match(
    events: Sequence[StorySketch], candidates: Sequence[StorySketch], config: GroupingConfig
) -> list[tuple[str, str, float]]:
    """(event id, candidate id, similarity) for each event's most similar candidate at or
    above the event threshold (an undated event looking for its dated one)."""
    if not events or not candidates:
        return []
    sims = event_similarity(events, candidates, config)
    out = []
    for i, row in enumerate(sims):
        j = int(np.argmax(row))
        if row[j] >= config.event_threshold:
            out.append((events[i].id, candidates[j].id, float(row[j])))
    return out


def merge_sketches(parts: Iterable[StorySketch], config: GroupingConfig) -> StorySketch:
    """One event from its stitched parts: the first part's id and topic, size-weighted means,
    the earliest dated part's title."""
    parts = sorted(parts, key=lambda s: (s.first_date is None, s.first_date or "", s.id))
    head = parts[0]
    if len(parts) == 1:
        return head
    sizes = [max(len(p.article_ids), 1) for p in parts]
    total = float(sum(sizes))
    terms: dict[str, float] = {}
    emb = np.zeros(DIM, np.float32)
    people: set[str] = set()
    for part, size in zip(parts, sizes, strict=True):
        for t, w in part.features.get("terms", {}).items():
            terms[t] = terms.get(t, 0.0) + w * size / total
        if part.features.get("emb"):
            emb += unpack(part.features["emb"]) * (size / total)
        people.update(part.features.get("people", ()))
    top = sorted(terms.items(), key=lambda kv: -kv[1])[: config.story_terms]
    features = dict(head.features)
    features.update(n=int(sum(len(p.article_ids) for p in parts)))
    features["terms"] = {t: round(w, 4) for t, w in top}
    features["emb"] = pack(emb)
    if people:
        features["people"] = sorted(people)[:30]
    if any(p.features.get("marks") for p in parts):  # places and figures: event_marks.py
        features["marks"] = union_marks(*(p.features.get("marks", ()) for p in parts))
    firsts = [p.first_date for p in parts if p.first_date]
    lasts = [p.last_date for p in parts if p.last_date]
    return StorySketch(
        id=head.id,
        title=head.title,
        article_ids=[a for p in parts for a in p.article_ids],
        features=features,
        first_date=min(firsts) if firsts else None,
        last_date=max(lasts) if lasts else None,
    )
