"""Re-clustering the grouper's recent window in batch, so the grouping does not follow arrival.

Items are the window's articles (sorted by id, not by arrival) plus, for each event that also
has members older than the window, one item standing for that older part (weight = its size,
vectors = its mean). Average link over the items at the event threshold gives the events;
average link over those events at the thread threshold gives the threads. Event ids are kept
where they can be (a cluster keeps the id of the event that held most of it), so the store's
ids stay stable; articles that changed event are reported by `StoryGrouper.moved()`.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from storyledger.compare.event_marks import disjoint, mark_penalties, union_marks
from storyledger.compare.linkage import average_link, join_lone
from storyledger.compare.sketches import event_days, extend_dates
from storyledger.compare.thread_entities import mix_entities

DIM = 384

if TYPE_CHECKING:
    from storyledger.compare.stories import StoryGrouper


def similarities(
    vecs: list[dict[str, float]],
    embs: np.ndarray,
    days: list[tuple[int, int] | None],
    embedding_weight: float,
    window: int,
    penalty: float,
) -> np.ndarray:
    """Pairwise similarity of items: TF-IDF and embedding dot products, less the date penalty."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, vec in enumerate(vecs):
        for t, w in vec.items():
            rows.append(i)
            cols.append(vocab.setdefault(t, len(vocab)))
            vals.append(w)
    tf = csr_matrix((vals, (rows, cols)), shape=(len(vecs), max(len(vocab), 1)))
    sims = (1.0 - embedding_weight) * (tf @ tf.T).toarray()
    if embedding_weight:
        sims += embedding_weight * (embs @ embs.T)
    lo = np.array([d[0] if d else np.nan for d in days], dtype=float)
    hi = np.array([d[1] if d else np.nan for d in days], dtype=float)
    gap = np.maximum(lo[:, None] - hi[None, :], lo[None, :] - hi[:, None])
    gap = np.nan_to_num(gap, nan=0.0)  # unknown dates pay nothing
    far = gap > window
    sims[far] -= penalty * (1.0 + np.log10(gap[far] / max(window, 1)))
    return sims


def settle_window(g: StoryGrouper) -> None:
    c = g.config
    if not g.window:
        return
    aids = sorted(a for a in g.window if g._article_story.get(a) in g._tsum)
    vecs = [g.weigh(g.window[a].counts) for a in aids]
    embs = [g.window[a].emb for a in aids]
    days = [g.window[a].days for a in aids]
    weights = [1.0] * len(aids)
    # the part of each touched event older than the window: one weighted item
    inside: dict[str, list[int]] = {}
    for i, a in enumerate(aids):
        inside.setdefault(g._article_story[a], []).append(i)
    residual: list[str] = []
    for sid in sorted(inside):
        sketch = g._sketches[sid]
        n_out = len(sketch.article_ids) - len(inside[sid])
        if n_out <= 0 or sid not in g._tsum:
            continue
        tsum = dict(g._tsum[sid])
        esum = g._esum[sid].copy()
        for i in inside[sid]:
            for t, w in vecs[i].items():
                tsum[t] = tsum.get(t, 0.0) - w
            esum -= embs[i]
        vecs.append({t: w / n_out for t, w in tsum.items() if w > 1e-6})
        embs.append(esum / n_out)
        days.append(event_days(sketch))
        weights.append(float(n_out))
        residual.append(sid)
    sims = similarities(
        vecs, np.array(embs), days, c.embedding_weight, c.event_window_days, c.date_penalty
    )
    if c.stated_day_penalty:
        stated = [g.window[a].stated for a in aids] + [None] * len(residual)
        st = np.array([np.nan if d is None else d for d in stated], dtype=float)
        differ = np.nan_to_num(np.abs(st[:, None] - st[None, :]) >= 1, nan=0.0).astype(bool)
        sims[differ] -= c.stated_day_penalty
    if c.person_penalty:  # both leads name people and share none: likely another event
        people = [g.window[a].people for a in aids]
        people += [frozenset(g._sketches[r].features.get("people", ())) for r in residual]
        sims -= c.person_penalty * disjoint(people)
    marks = [g.window[a].marks for a in aids]  # places and figures: event_marks.py
    marks += [frozenset(g._sketches[r].features.get("marks", ())) for r in residual]
    sims -= mark_penalties(marks, c)
    labels = average_link(sims, np.array(weights), c.event_threshold)
    movable = np.arange(len(weights)) < len(aids)  # the window's articles; older parts stay
    labels = join_lone(sims, np.array(weights), labels, c.lone_threshold, movable)
    _apply_events(g, aids, residual, labels, vecs, embs, days, weights)


def _apply_events(g, aids, residual, labels, vecs, embs, days, weights) -> None:
    n_art = len(aids)
    snap = {
        s: (g._sketches[s].first_date, g._sketches[s].last_date, g._sketches[s].title)
        for s in residual
    }
    # the older part's marks and people: the event's own (its window members' included, as
    # `settle_window` reads them; what an article outside the window gave is kept nowhere else)
    snap_marks = {s: list(g._sketches[s].features.get("marks", ())) for s in residual}
    snap_people = {s: list(g._sketches[s].features.get("people", ())) for s in residual}
    clusters: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        clusters.setdefault(int(lab), []).append(i)

    def holder(i: int) -> str:
        return g._article_story[aids[i]] if i < n_art else residual[i - n_art]

    def size(items: list[int]) -> float:
        return sum(weights[i] for i in items)

    order = sorted(clusters.values(), key=lambda items: (-size(items), min(items)))
    taken: set[str] = set()
    old_events = {holder(i) for i in range(len(labels))}
    new_members: dict[str, list[str]] = {}
    parts: dict[str, list[int]] = {}
    for items in order:
        votes = Counter()
        for i in items:
            votes[holder(i)] += weights[i]
        choice = next(
            (s for s, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if s not in taken),
            None,
        )
        if choice is None:
            choice = g._open(_first_of(g, items, n_art, aids, days, residual, snap), None)
        taken.add(choice)
        members: list[str] = []
        for i in items:
            if i >= n_art:
                sketch = g._sketches[residual[i - n_art]]
                members += [a for a in sketch.article_ids if a not in g.window]
        members += [aids[i] for i in items if i < n_art]
        new_members[choice] = members
        parts[choice] = items
    for sid in old_events - taken:
        new_members[sid] = []
    for sid, members in new_members.items():
        sketch = g._sketches[sid]
        if sorted(sketch.article_ids) == sorted(members) and sid in g._tsum:
            continue
        items = parts.get(sid, [])
        tsum: dict[str, float] = {}
        esum = np.zeros_like(embs[0])
        for i in items:
            w = weights[i]
            for t, v in vecs[i].items():
                tsum[t] = tsum.get(t, 0.0) + w * v
            esum = esum + w * embs[i]
        sketch.article_ids = list(dict.fromkeys(members))
        for a in sketch.article_ids:
            if g._article_story.get(a) != sid:
                g._moved[a] = sid
            g._article_story[a] = sid
        sketch.first_date = sketch.last_date = None
        for i in items:
            if i >= n_art:
                first, last, title = snap[residual[i - n_art]]
                _extend(sketch, first, title)
                _extend(sketch, last, None)
        for i in items:
            if i < n_art:
                atom = g.window[aids[i]]
                _extend(sketch, atom.published, atom.title)
        atoms = [g.window[aids[i]] for i in items if i < n_art]
        older = [residual[i - n_art] for i in items if i >= n_art]
        _set_leads(sketch, atoms, [snap_marks[s] for s in older], [snap_people[s] for s in older])
        if members:
            g._index(sid, tsum, esum)
            g._save(sid)
        else:
            g._save(sid)  # marked changed first: the store must hear that it emptied
            g._unindex(sid)
    _settle_threads(g, [s for s in taken if g._sketches[s].article_ids])


def _extend(sketch, published: str | None, title: str | None) -> None:
    extend_dates(sketch, published, title)


def _set_leads(sketch, atoms, marks: list[list[str]], people: list[list[str]]) -> None:
    """An event's marks and people after the re-clustering: those of its window reports and of
    its older part, so what it stores does not depend on the order its reports came in."""
    found = {
        "marks": union_marks(*(a.marks for a in atoms), *marks),
        "people": sorted(set().union(*(a.people for a in atoms), *people))[:30],
    }
    for key, value in found.items():
        if value:
            sketch.features[key] = value
        else:
            sketch.features.pop(key, None)


def _first_of(g, items, n_art, aids, days, residual, snap) -> _Stub:
    """What names a new event: its earliest window article, or, for a cluster of older parts
    only (their events' ids went to clusters of their window members), the first article
    outside the window of the first of those parts, so the older articles keep an event."""
    window_items = [i for i in items if i < n_art]
    if window_items:
        first = min(window_items, key=lambda i: (days[i] is None, days[i] or (0, 0), aids[i]))
        return _Stub(aids[first], g.window[aids[first]].title)
    sid = min(residual[i - n_art] for i in items)
    older = sorted(a for a in g._sketches[sid].article_ids if a not in g.window)
    return _Stub(older[0] if older else sid, snap[sid][2])


class _Stub:
    """What `_open` reads of an article: the id that names the event, and a title."""

    def __init__(self, aid: str, title: str | None) -> None:
        self.id, self.title, self.text = aid, title, ""


def _settle_threads(g, events: list[str]) -> None:
    """Average link over the window's events at the thread threshold; topics keep their ids."""
    c = g.config
    events = sorted(events)
    if not events:
        return
    ns = np.array([max(len(g._sketches[s].article_ids), 1) for s in events], dtype=float)
    # mean vectors: their dot product is the mean similarity over the two events' articles
    vecs = [
        {t: v / n for t, v in g._tsum.get(s, {}).items()} for s, n in zip(events, ns, strict=True)
    ]
    embs = [g._esum.get(s, np.zeros(DIM, np.float32)) / n for s, n in zip(events, ns, strict=True)]
    days = [event_days(g._sketches[s]) for s in events]
    sims = similarities(
        vecs,
        np.array(embs),
        days,
        c.thread_embedding_weight,
        c.thread_window_days,
        c.thread_date_penalty,
    )
    sims = mix_entities(sims, vecs, c.thread_entity_weight)  # a saga names the same actors
    cut = c.thread_entity_threshold if c.thread_entity_weight else c.thread_threshold
    if c.thread_link == "single":  # events chain into a thread through any close pair
        adj = csr_matrix(sims >= cut)
        labels = connected_components(adj, directed=False)[1]
    else:
        labels = average_link(sims, ns, cut)
    clusters: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        clusters.setdefault(int(lab), []).append(i)
    taken: set[str] = set()
    for items in sorted(clusters.values(), key=lambda it: (-ns[it].sum(), min(it))):
        votes = Counter()
        for i in items:
            votes[g.topic_of(events[i])] += ns[i]
        ranked = [t for t, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
        topic = next((t for t in ranked if t not in taken), min(events[i] for i in items))
        taken.add(topic)
        for i in items:
            sketch = g._sketches[events[i]]
            if sketch.features.get("topic") != topic:
                sketch.features["topic"] = topic
                g._changed[events[i]] = None
