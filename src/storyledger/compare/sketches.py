"""What the grouper keeps, in the form the store keeps it: event sketches and window articles.

Why one module: a grouper reloaded from the store must hold exactly what the running one
held, so everything that crosses that boundary (an event's mean vectors, a window article's
features) is packed and unpacked here, and the running grouper keeps its sums in the same
precision the store gives back (`stored_sums`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from storyledger.compare.event_marks import is_mark
from storyledger.compare.features import day_range
from storyledger.model import StorySketch, WindowEntry

DIM = 384
TERM_DECIMALS = 6  # an event's mean term weights, as stored


def story_id_for(article_id: str) -> str:
    """Stable story id: the same first article always names the same story."""
    return "s-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:10]


def date_penalty(gap: int, window: int, penalty: float) -> float:
    """What a pair of reports `gap` days apart loses: nothing within the window, then more
    with each tenfold of distance, so a match years apart is nearly impossible."""
    if gap <= window:
        return 0.0
    return penalty * (1.0 + math.log10(gap / max(window, 1)))


def pack(vec: np.ndarray) -> str:
    """An embedding as float32 bytes in base64 (2 KB of JSON)."""
    return base64.b64encode(np.asarray(vec, dtype=np.float32).tobytes()).decode("ascii")


def unpack(text: str) -> np.ndarray:
    """The embedding `pack` wrote (or float16, as sketches were first written)."""
    raw = base64.b64decode(text)
    dtype = np.float16 if len(raw) == DIM * 2 else np.float32
    return np.frombuffer(raw, dtype=dtype).astype(np.float32)


def store_means(sketch: StorySketch, tsum: dict[str, float], esum: np.ndarray | None) -> None:
    """Write an event's summed vectors into its sketch as means (what the store keeps)."""
    n = max(len(sketch.article_ids), 1)
    sketch.features["n"] = len(sketch.article_ids)
    sketch.features["terms"] = {t: round(w / n, TERM_DECIMALS) for t, w in tsum.items()}
    if esum is not None:
        sketch.features["emb"] = pack(esum / n)


def stored_sums(sketch: StorySketch) -> tuple[dict[str, float], np.ndarray]:
    """An event's summed vectors as read back from its sketch: a reloaded grouper and the
    running one both use these, so they score every article identically."""
    n = max(int(sketch.features.get("n", len(sketch.article_ids))), 1)
    tsum = {k: float(v) * n for k, v in sketch.features.get("terms", {}).items()}
    emb = sketch.features.get("emb")
    esum = unpack(emb) * n if emb else np.zeros(DIM, dtype=np.float32)
    return tsum, esum


@dataclass
class Atom:
    """An article in the window: its raw counts (re-weighed at settle), embedding, dates."""

    counts: Counter[str]
    emb: np.ndarray
    days: tuple[int, int] | None
    published: str | None
    title: str | None
    stated: int | None = None  # the day the lead says it happened
    people: frozenset[str] = frozenset()  # people the lead names
    seq: int = 0  # arrival order
    marks: frozenset[str] = frozenset()  # places and figures of the lead (event_marks.py)

    def entry(self, article_id: str) -> WindowEntry:
        return WindowEntry(
            article_id=article_id,
            seq=self.seq,
            counts=dict(self.counts),
            embedding=np.asarray(self.emb, dtype=np.float32).tobytes(),
            published=self.published,
            title=self.title,
            stated=self.stated,
            people=sorted(self.people | self.marks),  # marks travel with the people
        )

    @classmethod
    def from_entry(cls, entry: WindowEntry) -> Atom:
        return cls(
            counts=Counter(entry.counts),
            emb=np.frombuffer(entry.embedding, dtype=np.float32).copy(),
            days=day_range(entry.published),
            published=entry.published,
            title=entry.title,
            stated=entry.stated,
            people=frozenset(p for p in entry.people if not is_mark(p)),
            seq=entry.seq,
            marks=frozenset(p for p in entry.people if is_mark(p)),
        )


def extend_dates(sketch: StorySketch, published: str | None, title: str | None) -> None:
    """Widen an event's first and last day by one report; the earliest names the event."""
    if not published or len(published) < 10:
        return  # a month or a year only is not a first or last day
    day = published[:10]
    if sketch.first_date is None or day < sketch.first_date:
        sketch.first_date = day
        if title:
            sketch.title = title
    if sketch.last_date is None or day > sketch.last_date:
        sketch.last_date = day


def first_words(text: str, n: int = 12) -> str:
    words = (text or "").split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


@functools.lru_cache(maxsize=65536)
def _span(first: str | None, last: str | None) -> tuple[int, int] | None:
    a, b = day_range(first), day_range(last)
    return (a[0], b[1]) if a and b else None


def event_days(sketch: StorySketch) -> tuple[int, int] | None:
    """An event's first to last day (None when either is unknown: no date penalty); the join,
    the window and the stitch all read an event's dates through this."""
    return _span(sketch.first_date, sketch.last_date)
