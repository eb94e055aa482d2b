"""Scoring an arriving article against candidate events: the streaming join's hot path.

Why its own module: with the shipped index (up to 20,000 events) this runs for every arrival
over hundreds to thousands of candidate events, so the events' summed embeddings sit as rows
of one matrix (gathered at once, not stacked one by one), the postings carry each event's term
weight (no second lookup per posting), and the date penalty is found for all candidates in one
array step. The arithmetic is the same as scoring one event at a time, in the same order, so
the grouping does not change (checked with `storyledger eval`, docs/benchmarks.md).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np

from storyledger.compare.features import day_range
from storyledger.compare.grouping_config import GroupingConfig
from storyledger.compare.sketches import date_penalty
from storyledger.model import StorySketch


class EmbeddingRows:
    """Events' summed embeddings as rows of one float32 matrix; a freed row is reused."""

    def __init__(self, dim: int) -> None:
        self._rows = np.zeros((64, dim), dtype=np.float32)
        self._slot: dict[str, int] = {}
        self._free: list[int] = []

    def set(self, sid: str, esum: np.ndarray) -> None:
        slot = self._slot.get(sid)
        if slot is None:
            slot = self._free.pop() if self._free else len(self._slot)
            if slot >= len(self._rows):
                grown = np.zeros((2 * len(self._rows), self._rows.shape[1]), dtype=np.float32)
                grown[: len(self._rows)] = self._rows
                self._rows = grown
            self._slot[sid] = slot
        self._rows[slot] = esum

    def drop(self, sid: str) -> None:
        slot = self._slot.pop(sid, None)
        if slot is not None:
            self._free.append(slot)

    def take(self, sids: list[str]) -> np.ndarray:
        return self._rows[[self._slot[s] for s in sids]]


@functools.lru_cache(maxsize=65536)
def event_span(first: str | None, last: str | None) -> tuple[int, int] | None:
    """An event's first to last day (None when either is unknown: no date penalty)."""
    a, b = day_range(first), day_range(last)
    return (a[0], b[1]) if a and b else None


def candidate_dots(
    vec: Mapping[str, float], postings: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    """TF-IDF dot products with every event sharing a posted term (postings: term -> event ->
    the event's summed weight of that term)."""
    dots: dict[str, float] = {}
    get = dots.get
    for t, w in vec.items():
        posted = postings.get(t)
        if posted:
            for sid, tw in posted.items():
                dots[sid] = get(sid, 0.0) + w * tw
    return dots


def best_candidate(
    config: GroupingConfig,
    dots: dict[str, float],
    sketches: Mapping[str, StorySketch],
    rows: EmbeddingRows,
    emb: np.ndarray,
    days: tuple[int, int] | None,
    people: frozenset[str],
) -> tuple[str | None, float]:
    """The candidate of highest mean similarity less the people and date penalties."""
    c = config
    if not dots:
        return None, -1.0
    sids = sorted(dots)
    held = [sketches[s] for s in sids]
    n = np.array([max(len(s.article_ids), 1) for s in held], dtype=float)
    score = (1.0 - c.embedding_weight) * np.array([dots[s] for s in sids]) / n
    if c.use_embeddings:
        score += c.embedding_weight * (rows.take(sids) @ emb) / n
    if people and c.person_penalty:
        for i, sketch in enumerate(held):
            known = sketch.features.get("people")
            if known and not people.intersection(known):
                score[i] -= c.person_penalty
    if days:
        spans = [event_span(s.first_date, s.last_date) or days for s in held]
        lo = np.array([s[0] for s in spans], dtype=np.int64)
        hi = np.array([s[1] for s in spans], dtype=np.int64)
        gap = np.maximum(np.maximum(days[0] - hi, lo - days[1]), 0)
        for i in np.flatnonzero(gap > c.event_window_days):
            score[i] -= date_penalty(int(gap[i]), c.event_window_days, c.date_penalty)
    i = int(np.argmax(score))
    return sids[i], float(score[i])
