"""Story grouping: events at once as articles arrive, and the recent window re-clustered in batch.

Why this design:
- Two levels. An *event* (the story id, the unit a ledger compares) is what outlets report
  about one happening; a *thread* (the `topic` of a sketch) links events of one developing
  story. Both are average-link clusters, at two thresholds (GroupingConfig).
- Similarity that survives rewording: an article is a TF-IDF vector over content words and
  entity names (features.py) and a sentence embedding of its title and lead (embed.py); the
  similarity of two articles is the weighted sum of the two cosines, minus a penalty when
  their publication dates are further apart than the window (a missing date pays nothing; a
  month-only date is a month-long range).
- Streaming stays: `add` joins the article at once to the event of highest mean similarity
  (the dot product with an event's mean vectors is exactly the mean over its members), or
  opens one. Every `settle_every` arrivals, and when a batch ends (`settle`), the recent
  window of articles is re-clustered by average link from scratch, so the grouping does not
  depend on the order in which the window's articles came (tests shuffle it). An event with
  members older than the window enters as one weighted item (its remembered part).
- Memory follows the window: per-article features are kept for the last `window_articles`
  only; an event keeps mean vectors (top terms, a float16 embedding) in its sketch, which the
  store persists; the index holds the `max_active` most recently touched events, and colder
  sketches live in the store only. Recency is by arrival, not publication date.
- Document frequencies are global state (`state()` / `StoryGrouper(state=...)`); a batch
  caller may `observe()` all its articles first so early articles get the batch's idf.
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyledger.compare.features import (
    article_counts,
    day_range,
    gap_days,
    lead_people,
    stated_day,
    stem,
    terms,
)
from storyledger.compare.grouping_config import GroupingConfig
from storyledger.compare.window import settle_window
from storyledger.model import Article, StorySketch

__all__ = ["GroupingConfig", "StoryGrouper", "group_articles", "stem", "story_id_for", "terms"]

DIM = 384


def date_penalty(gap: int, window: int, penalty: float) -> float:
    """What a pair of reports `gap` days apart loses: nothing within the window, then more
    with each tenfold of distance, so a match years apart is nearly impossible."""
    if gap <= window:
        return 0.0
    return penalty * (1.0 + math.log10(gap / max(window, 1)))


def story_id_for(article_id: str) -> str:
    """Stable story id: the same first article always names the same story."""
    return "s-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:10]


def pack(vec: np.ndarray) -> str:
    """An embedding as float16 bytes in base64 (768 bytes, 1 KB of JSON)."""
    return base64.b64encode(vec.astype(np.float16).tobytes()).decode("ascii")


def unpack(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.float16).astype(np.float32)


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


class StoryGrouper:
    """Events and threads of articles; see the module docstring."""

    def __init__(
        self,
        sketches: Iterable[StorySketch] = (),
        state: dict[str, Any] | None = None,
        story_threshold: float | None = None,
        topic_threshold: float | None = None,
        config: GroupingConfig | None = None,
        keep_cold: bool = True,
    ) -> None:
        """`keep_cold=False` (the store's ingests): a cold event's sketch and member ids leave
        memory once `changed()` has handed them over, so memory follows the active events."""
        config = config or GroupingConfig()
        self.keep_cold = keep_cold
        if story_threshold is not None:
            config = config.with_values(event_threshold=story_threshold)
        if topic_threshold is not None:
            config = config.with_values(thread_threshold=topic_threshold)
        self.config = config
        state = state or {}
        self._df: Counter[str] = Counter(state.get("df", {}))
        self._n_docs: int = int(state.get("n_docs", 0))
        self._tick = int(state.get("tick", 0))
        self._seen: set[str] = set()
        self._sketches: dict[str, StorySketch] = {}
        self._tsum: dict[str, dict[str, float]] = {}  # active events: summed TF-IDF vectors
        self._esum: dict[str, np.ndarray] = {}  # active events: summed embeddings
        self._postings: dict[str, list[str]] = {}
        self._recent: OrderedDict[str, None] = OrderedDict()  # active events, oldest first
        self._changed: dict[str, None] = {}
        self._moved: dict[str, str] = {}
        self._article_story: dict[str, str] = {}
        self.window: OrderedDict[str, Atom] = OrderedDict()
        self._arrivals = 0
        for sketch in sketches:  # the store gives them least recently touched first
            self._load(sketch)
            self._tick = max(self._tick, int(sketch.features.get("touched", 0)))

    # --- public reads ------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Global state to persist beside the sketches: document frequencies, the touch count."""
        return {"n_docs": self._n_docs, "tick": self._tick, "df": dict(self._df)}

    def sketches(self) -> list[StorySketch]:
        return [s for s in self._sketches.values() if s.article_ids]

    def changed(self) -> list[StorySketch]:
        """Sketches touched since the last call (an emptied event has no article ids)."""
        out = [self._sketches[s] for s in self._changed if s in self._sketches]
        self._changed.clear()
        for s in out:
            if not s.article_ids:
                self._sketches.pop(s.id, None)
        if not self.keep_cold:
            for s in out:
                if s.id not in self._tsum:
                    self._forget(s.id)
        return out

    def _forget(self, sid: str) -> None:
        sketch = self._sketches.pop(sid, None)
        if sketch is None:
            return
        for aid in sketch.article_ids:
            if self._article_story.get(aid) == sid:
                del self._article_story[aid]
            self.window.pop(aid, None)

    def moved(self) -> dict[str, str]:
        """Articles a re-clustering put in another event since the last call: id -> event."""
        out, self._moved = self._moved, {}
        return out

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def topic_of(self, story_id: str) -> str:
        return self._sketches[story_id].features.get("topic", story_id)

    def active(self) -> int:
        """How many events the index holds (the rest are cold, in the store only)."""
        return len(self._tsum)

    # --- events in memory ----------------------------------------------------------------------

    def _load(self, sketch: StorySketch) -> None:
        self._sketches[sketch.id] = sketch
        n = max(int(sketch.features.get("n", len(sketch.article_ids))), 1)
        tsum = {k: float(v) * n for k, v in sketch.features.get("terms", {}).items()}
        emb = sketch.features.get("emb")
        esum = unpack(emb) * n if emb else np.zeros(DIM, dtype=np.float32)
        self._index(sketch.id, tsum, esum)
        for aid in sketch.article_ids:
            self._article_story[aid] = sketch.id

    def _index(self, sid: str, tsum: dict[str, float], esum: np.ndarray) -> None:
        old = self._tsum.get(sid, {})
        top = dict(sorted(tsum.items(), key=lambda kv: -kv[1])[: self.config.story_terms])
        self._tsum[sid] = top
        self._esum[sid] = esum
        for t in top:
            if t not in old:
                postings = self._postings.setdefault(t, [])
                postings.append(sid)
                if len(postings) > self.config.postings_cap:
                    del postings[0]
        for t in old:
            if t not in top:
                self._unpost(t, sid)
        self._recent[sid] = None
        self._recent.move_to_end(sid)
        while len(self._recent) > self.config.max_active:
            cold, _ = self._recent.popitem(last=False)
            self._unindex(cold)

    def _unindex(self, sid: str) -> None:
        for t in self._tsum.pop(sid, {}):
            self._unpost(t, sid)
        self._esum.pop(sid, None)
        self._recent.pop(sid, None)
        if not self.keep_cold and sid not in self._changed:
            self._forget(sid)

    def _unpost(self, term: str, sid: str) -> None:
        postings = self._postings.get(term)
        if postings is None or sid not in postings:
            return
        postings.remove(sid)
        if not postings:
            del self._postings[term]

    def _save(self, sid: str) -> None:
        """Write an event's mean vectors into its sketch and mark it for the store."""
        sketch = self._sketches[sid]
        n = max(len(sketch.article_ids), 1)
        sketch.features["n"] = len(sketch.article_ids)
        sketch.features["terms"] = {t: round(w / n, 4) for t, w in self._tsum.get(sid, {}).items()}
        if sid in self._esum:
            sketch.features["emb"] = pack(self._esum[sid] / n)
        self._tick += 1
        sketch.features["touched"] = self._tick
        self._changed.pop(sid, None)
        self._changed[sid] = None

    # --- features ------------------------------------------------------------------------------

    def observe(self, articles: Iterable[Article]) -> None:
        """Count document frequencies without grouping (a batch primes its idf first)."""
        for article in articles:
            self._observe(article, article_counts(article, self.config))

    def _observe(self, article: Article, counts: Counter[str]) -> None:
        if article.id in self._seen or article.id in self._article_story:
            return
        self._seen.add(article.id)
        self._n_docs += 1
        self._df.update(counts.keys())
        if len(self._df) > self.config.df_max_terms:
            self._prune_df()

    def _prune_df(self) -> None:
        """Drop the rarest terms, in one pass, until the table is at most half its cap."""
        by_count = Counter(self._df.values())
        left, floor = len(self._df), 0
        for count in sorted(by_count):
            if left <= self.config.df_max_terms // 2:
                break
            left, floor = left - by_count[count], count
        self._df = Counter({t: c for t, c in self._df.items() if c > floor})

    def _idf(self, term: str) -> float:
        # pseudo-documents without the term: in a batch of two or three articles idf says
        # nothing, and this keeps shared words from being weighed down
        n = self._n_docs + self.config.idf_prior_docs
        return math.log((n + 1) / (self._df.get(term, 0) + 1)) + 1.0

    def weigh(self, counts: Counter[str]) -> dict[str, float]:
        """Top weighted features of raw counts, L2-normalised, with the current idf."""
        weighted = {t: (1.0 + math.log(c)) * self._idf(t) for t, c in counts.items() if c > 0}
        top = sorted(weighted.items(), key=lambda kv: -kv[1])[: self.config.article_terms]
        norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
        return {t: v / norm for t, v in top}

    def vector(self, article: Article) -> dict[str, float]:
        counts = article_counts(article, self.config)
        self._observe(article, counts)
        return self.weigh(counts)

    def _embedding(self, article: Article) -> np.ndarray:
        if not self.config.use_embeddings:
            return np.zeros(DIM, dtype=np.float32)
        from storyledger.compare.embed import embed_articles

        return embed_articles([article])[0]

    # --- grouping ------------------------------------------------------------------------------

    def add(self, article: Article) -> str:
        """Group one article; returns its event id (the same id if it was added before)."""
        if article.id in self._article_story:
            return self._article_story[article.id]
        c = self.config
        counts = article_counts(article, c)
        self._observe(article, counts)
        vec = self.weigh(counts)
        emb = self._embedding(article)
        days = day_range(article.published)
        people = lead_people(article, c.lead_chars)
        best, best_score = self._best_event(vec, emb, days, people)
        if best is None or best_score < c.event_threshold:
            topic = self.topic_of(best) if best and best_score >= c.thread_threshold else None
            best = self._open(article, topic)
        self._join(best, article, vec, emb, days)
        self.window[article.id] = Atom(
            counts,
            emb,
            days,
            article.published,
            article.title,
            stated_day(article, c.lead_chars),
            people,
        )
        while len(self.window) > c.window_articles:
            self.window.popitem(last=False)
        self._arrivals += 1
        if self._arrivals % c.settle_every == 0:
            self.settle()
        return self._article_story[article.id]

    def _best_event(
        self,
        vec: dict[str, float],
        emb: np.ndarray,
        days: tuple[int, int] | None,
        people: frozenset[str] = frozenset(),
    ) -> tuple[str | None, float]:
        """The candidate event (sharing a salient term) of highest mean similarity."""
        c = self.config
        dots: dict[str, float] = {}
        for t, w in vec.items():
            for sid in self._postings.get(t, ()):
                dots[sid] = dots.get(sid, 0.0) + w * self._tsum[sid].get(t, 0.0)
        if not dots:
            return None, -1.0
        sids = sorted(dots)
        n = np.array([max(len(self._sketches[s].article_ids), 1) for s in sids], dtype=float)
        score = (1.0 - c.embedding_weight) * np.array([dots[s] for s in sids]) / n
        if c.use_embeddings:
            score += c.embedding_weight * (np.stack([self._esum[s] for s in sids]) @ emb) / n
        if people and c.person_penalty:
            for i, sid in enumerate(sids):
                known = self._sketches[sid].features.get("people")
                if known and not people.intersection(known):
                    score[i] -= c.person_penalty
        if days:
            for i, sid in enumerate(sids):
                sketch = self._sketches[sid]
                first, last = day_range(sketch.first_date), day_range(sketch.last_date)
                if first and last:
                    gap = gap_days(days, (first[0], last[1]))
                    score[i] -= date_penalty(gap, c.event_window_days, c.date_penalty)
        i = int(np.argmax(score))
        return sids[i], float(score[i])

    def _open(self, article: Article, topic: str | None) -> str:
        sid = story_id_for(article.id)
        k = 0
        while sid in self._sketches and self._sketches[sid].article_ids:
            k += 1
            sid = story_id_for(f"{article.id}#{k}")
        self._sketches[sid] = StorySketch(
            id=sid,
            title=article.title or _first_words(article.text),
            features={"topic": topic or sid, "n": 0, "terms": {}},
        )
        self._index(sid, {}, np.zeros(DIM, dtype=np.float32))
        return sid

    def _join(
        self,
        sid: str,
        article: Article,
        vec: dict[str, float],
        emb: np.ndarray,
        days: tuple[int, int] | None,
    ) -> None:
        sketch = self._sketches[sid]
        tsum = dict(self._tsum.get(sid, {}))
        for t, w in vec.items():
            tsum[t] = tsum.get(t, 0.0) + w
        self._index(sid, tsum, self._esum.get(sid, np.zeros(DIM, np.float32)) + emb)
        sketch.article_ids.append(article.id)
        named = lead_people(article, self.config.lead_chars)
        if named:  # the people its reports' leads name, kept small
            sketch.features["people"] = sorted(set(sketch.features.get("people", ())) | named)[:30]
        _extend_dates(sketch, article.published, article.title)
        self._article_story[article.id] = sid
        self._seen.discard(article.id)
        self._save(sid)

    def settle(self, clear: bool = False) -> None:
        """Re-cluster the window by average link (events, then threads); see window.py.

        With `clear`, the window then starts afresh (its events stay, as weighted items)."""
        settle_window(self)
        if clear:
            self.window.clear()


def _extend_dates(sketch: StorySketch, published: str | None, title: str | None) -> None:
    if not published or len(published) < 10:
        return  # a month or a year only is not a first or last day
    day = published[:10]
    if sketch.first_date is None or day < sketch.first_date:
        sketch.first_date = day
        if title:  # the earliest dated article names the story
            sketch.title = title
    if sketch.last_date is None or day > sketch.last_date:
        sketch.last_date = day


def _first_words(text: str, n: int = 12) -> str:
    words = (text or "").split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def group_articles(
    articles: list[Article],
    grouper: StoryGrouper | None = None,
    config: GroupingConfig | None = None,
) -> tuple[StoryGrouper, dict[str, str]]:
    """Batch grouping: prime idf and embeddings on the batch, add in date order, settle.

    Returns the grouper and article id -> event id.
    """
    grouper = grouper or StoryGrouper(config=config)
    grouper.observe(articles)
    if grouper.config.use_embeddings and articles:
        from storyledger.compare.embed import embed_articles

        embed_articles(articles)  # one batched pass fills the cache add() reads
    order = sorted(
        range(len(articles)),
        key=lambda i: (articles[i].published is None, articles[i].published or "", i),
    )
    for i in order:
        grouper.add(articles[i])
    grouper.settle()
    return grouper, {a.id: grouper.story_of(a.id) for a in articles}
