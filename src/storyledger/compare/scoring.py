"""Scoring an arriving article against candidate events: the streaming join's hot path.

Why its own module: with the shipped index (up to 20,000 events) an arrival has thousands of
candidate events (all sharing one of its terms), so what scoring needs of an event sits in one
row of arrays (EventRows: summed embedding and its norm, size, first and last day), postings
carry an event's row and term weight, and no Python runs per candidate. A candidate whose
score cannot reach the lower of the two thresholds (the bound: its TF-IDF part, its embedding
part at most |sum| |embedding| / n by Cauchy-Schwarz, less its date penalty) cannot change
the decision, so only the others are scored in full, by the arithmetic of scoring one event at
a time, in event id order; the grouping does not change (`storyledger eval`, benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from storyledger.compare.event_marks import join_penalties
from storyledger.compare.grouping_config import GroupingConfig
from storyledger.compare.sketches import date_penalty, event_days
from storyledger.model import StorySketch

MARGIN = 1e-6  # float32 rounding of the embedding dot products, with room to spare


class EventRows:
    """What scoring reads of each indexed event, one row each; a freed row is reused."""

    def __init__(self, dim: int) -> None:
        self.emb = np.zeros((64, dim), dtype=np.float32)
        self.norm = np.zeros(64)
        self.n = np.ones(64)
        self.lo = np.zeros(64, dtype=np.int64)
        self.hi = np.zeros(64, dtype=np.int64)
        self.dated = np.zeros(64, dtype=bool)
        self.slot: dict[str, int] = {}
        self.sid: list[str] = []
        self._free: list[int] = []

    def _grow(self) -> None:
        for name in ("emb", "norm", "n", "lo", "hi", "dated"):
            old = getattr(self, name)
            new = np.zeros((2 * len(old), *old.shape[1:]), dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    def row(self, sid: str) -> int:
        """The event's row, given one if it has none."""
        i = self.slot.get(sid)
        if i is None:
            i = self._free.pop() if self._free else len(self.slot)
            while i >= len(self.n):
                self._grow()
            self.slot[sid] = i
            if i == len(self.sid):
                self.sid.append(sid)
            else:
                self.sid[i] = sid
        return i

    def set(self, sid: str, esum: np.ndarray, sketch: StorySketch) -> None:
        i = self.row(sid)
        self.emb[i] = esum
        self.norm[i] = float(np.linalg.norm(self.emb[i].astype(np.float64)))
        self.n[i] = max(len(sketch.article_ids), 1)
        span = event_days(sketch)
        self.dated[i] = span is not None
        self.lo[i], self.hi[i] = span or (0, 0)

    def drop(self, sid: str) -> None:
        i = self.slot.pop(sid, None)
        if i is not None:
            self._free.append(i)


def candidate_dots(
    vec: Mapping[str, float], postings: Mapping[str, Mapping[int, float]]
) -> dict[int, float]:
    """TF-IDF dot products with every event sharing a posted term (postings: term -> event's
    row -> the event's summed weight of that term)."""
    dots: dict[int, float] = {}
    get = dots.get
    for t, w in vec.items():
        posted = postings.get(t)
        if posted:
            for i, tw in posted.items():
                dots[i] = get(i, 0.0) + w * tw
    return dots


def _date_penalties(
    c: GroupingConfig, rows: EventRows, idx: np.ndarray, days: tuple[int, int] | None
) -> tuple[np.ndarray, np.ndarray]:
    """Each candidate's day gap to the article (0 when either is undated) and, roughly, its
    date penalty (numpy's log10: for the bound only)."""
    if not days:
        zero = np.zeros(len(idx))
        return zero.astype(np.int64), zero
    gap = np.maximum(np.maximum(days[0] - rows.hi[idx], rows.lo[idx] - days[1]), 0)
    gap[~rows.dated[idx]] = 0
    pen = np.zeros(len(idx))
    far = gap > c.event_window_days
    w = max(c.event_window_days, 1)
    pen[far] = c.date_penalty * (1.0 + np.log10(gap[far] / w))
    return gap, pen


def best_candidate(
    config: GroupingConfig,
    dots: dict[int, float],
    sketches: Mapping[str, StorySketch],
    rows: EventRows,
    emb: np.ndarray,
    days: tuple[int, int] | None,
    people: frozenset[str],
    marks: frozenset[str] = frozenset(),
) -> tuple[str | None, float]:
    """The candidate of highest mean similarity less the people and date penalties; None when
    no candidate can reach the lower threshold (the decision is then the same: a new event)."""
    c = config
    if not dots:
        return None, -1.0
    idx = np.fromiter(dots.keys(), dtype=np.int64, count=len(dots))
    dot = np.fromiter(dots.values(), dtype=float, count=len(dots))
    n = rows.n[idx]
    gap, pen = _date_penalties(c, rows, idx, days)
    bound = (1.0 - c.embedding_weight) * dot / n - pen
    if c.use_embeddings:
        bound += c.embedding_weight * rows.norm[idx] * float(np.linalg.norm(emb)) / n
    keep = np.flatnonzero(bound >= min(c.event_threshold, c.thread_threshold) - MARGIN)
    if not len(keep):
        return None, -1.0
    by_id = sorted(zip([rows.sid[i] for i in idx[keep].tolist()], keep.tolist(), strict=True))
    sids = [sid for sid, _ in by_id]
    order = [k for _, k in by_id]
    sel = idx[order]
    n = n[order]
    score = (1.0 - c.embedding_weight) * dot[order] / n
    if c.use_embeddings:
        score += c.embedding_weight * (rows.emb[sel] @ emb) / n
    if people and c.person_penalty:
        for k, sid in enumerate(sids):
            known = sketches[sid].features.get("people")
            if known and not people.intersection(known):
                score[k] -= c.person_penalty
    score -= join_penalties(marks, [sketches[s] for s in sids], c)  # event_marks.py
    gap = gap[order]
    for k in np.flatnonzero(gap > c.event_window_days):
        score[k] -= date_penalty(int(gap[k]), c.event_window_days, c.date_penalty)
    k = int(np.argmax(score))
    return sids[k], float(score[k])
