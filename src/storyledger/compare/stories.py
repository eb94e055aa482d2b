"""Story grouping: events at once as articles arrive, and the recent window re-clustered in batch.

Why this design:
- Two levels: an *event* (the story id, the unit a ledger compares) is what outlets report
  about one happening; a *thread* (a sketch's `topic`) links events of one developing story.
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
- Document frequencies are global state (`state()`); a batch may `observe()` first for its idf.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from storyledger.compare.event_marks import lead_marks, note_marks
from storyledger.compare.features import (
    article_counts,
    day_range,
    lead_people,
    stated_day,
    stem,
    terms,
)
from storyledger.compare.grouping_config import GroupingConfig
from storyledger.compare.scoring import EventRows, best_candidate, candidate_dots
from storyledger.compare.sketches import (
    DIM,
    Atom,
    extend_dates,
    first_words,
    store_means,
    stored_sums,
    story_id_for,
)
from storyledger.compare.weights import TermWeights
from storyledger.compare.window import settle_window
from storyledger.model import Article, StorySketch, WindowEntry

__all__ = ["GroupingConfig", "StoryGrouper", "group_articles", "stem", "story_id_for", "terms"]


class StoryGrouper:
    """Events and threads of articles; see the module docstring."""

    def __init__(
        self,
        sketches: Iterable[StorySketch] = (),
        state: dict[str, Any] | None = None,
        config: GroupingConfig | None = None,
        keep_cold: bool = True,
        window: Iterable[WindowEntry] = (),
        embed: Callable[[Article], np.ndarray] | None = None,
    ) -> None:
        """`keep_cold=False` (the store's ingests): a cold event's sketch and member ids leave
        memory once `changed()` has handed them over, so memory follows the active events.
        `window` is the recent window as the store kept it (`window_changes()`); `embed`
        replaces the sentence model (a caller holding vectors already, a benchmark)."""
        self.keep_cold = keep_cold
        self._embed = embed
        self.config = config = config or GroupingConfig()
        state = state or {}
        self.weights = TermWeights(config, state.get("df", {}), int(state.get("n_docs", 0)))
        self._tick = int(state.get("tick", 0))
        self._seen: set[str] = set()
        self._sketches: dict[str, StorySketch] = {}
        self._tsum: dict[str, dict[str, float]] = {}  # active events: summed TF-IDF vectors
        self._esum: dict[str, np.ndarray] = {}  # active events: summed embeddings
        # term -> the rows of events holding it among their top terms (-> that term's summed
        # weight), least recently indexed first
        self._postings: dict[str, dict[int, float]] = {}
        self._rows = EventRows(DIM)  # what scoring reads of each indexed event
        self._recent: OrderedDict[str, None] = OrderedDict()  # active events, oldest first
        self._changed: dict[str, None] = {}
        self._moved: dict[str, str] = {}
        self._article_story: dict[str, str] = {}
        self.window: OrderedDict[str, Atom] = OrderedDict()
        self._win_added: dict[str, None] = {}  # window changes not yet handed to the store
        self._win_removed: dict[str, None] = {}
        self._arrivals = int(state.get("arrivals", 0))
        for sketch in sketches:  # the store gives them least recently touched first
            self._load(sketch)
            self._tick = max(self._tick, int(sketch.features.get("touched", 0)))
        for entry in window:  # in arrival order
            if entry.article_id in self._article_story:
                self.window[entry.article_id] = Atom.from_entry(entry)

    # --- public reads ------------------------------------------------------------------------

    @property
    def config(self) -> GroupingConfig:
        return self._config

    @config.setter
    def config(self, config: GroupingConfig) -> None:
        self._config = config
        if hasattr(self, "weights"):
            self.weights.config = config

    def state(self, df: bool = True) -> dict[str, Any]:
        """Global state to persist beside the sketches: document frequencies, the touch count.
        With `df=False` the df table is left out (the store takes it as `df_changes()`)."""
        out: dict[str, Any] = {
            "n_docs": self.weights.n_docs,
            "tick": self._tick,
            "arrivals": self._arrivals,
        }
        if df:
            out["df"] = dict(self.weights.df)
        return out

    def df_changes(self) -> tuple[dict[str, int], bool]:
        """The df table's changes since the last call (see TermWeights.changes)."""
        return self.weights.changes()

    def window_changes(self) -> tuple[list[WindowEntry], list[str]]:
        """The window's changes since the last call: entries that joined, ids that left."""
        added = [self.window[a].entry(a) for a in self._win_added if a in self.window]
        removed = [a for a in self._win_removed if a not in self.window]
        self._win_added, self._win_removed = {}, {}
        return added, removed

    def _window_drop(self, article_id: str) -> None:
        if self.window.pop(article_id, None) is not None:
            self._win_added.pop(article_id, None)
            self._win_removed[article_id] = None

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
            self._window_drop(aid)

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
        self._index(sketch.id, *stored_sums(sketch))
        for aid in sketch.article_ids:
            self._article_story[aid] = sketch.id

    def _index(self, sid: str, tsum: dict[str, float], esum: np.ndarray) -> None:
        old = self._tsum.get(sid, {})
        top = dict(sorted(tsum.items(), key=lambda kv: -kv[1])[: self.config.story_terms])
        self._tsum[sid] = top
        self._esum[sid] = esum
        self._rows.set(sid, esum, self._sketches[sid])
        row = self._rows.row(sid)
        for t in top:  # the event moves to the end: postings keep the most recently indexed
            postings = self._postings.setdefault(t, {})
            postings.pop(row, None)
            postings[row] = top[t]
            if len(postings) > self.config.postings_cap:
                del postings[next(iter(postings))]
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
        self._rows.drop(sid)
        self._recent.pop(sid, None)
        if not self.keep_cold and sid not in self._changed:
            self._forget(sid)

    def _unpost(self, term: str, sid: str) -> None:
        postings = self._postings.get(term)
        row = self._rows.slot.get(sid)
        if postings is None or row not in postings:
            return
        del postings[row]
        if not postings:
            del self._postings[term]

    def _save(self, sid: str) -> None:
        """Write an event's mean vectors into its sketch and mark it for the store."""
        sketch = self._sketches[sid]
        store_means(sketch, self._tsum.get(sid, {}), self._esum.get(sid))
        if sid in self._tsum:  # from now on, the sums exactly as a reload reads them back
            self._tsum[sid], self._esum[sid] = stored_sums(sketch)
            self._rows.set(sid, self._esum[sid], sketch)
            row = self._rows.row(sid)
            for t, w in self._tsum[sid].items():  # the postings score with these weights
                posted = self._postings.get(t)
                if posted is not None and row in posted:
                    posted[row] = w
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
        self.weights.count(counts.keys())

    def weigh(self, counts: Counter[str]) -> dict[str, float]:
        """Top weighted features of raw counts, L2-normalised, with the current idf."""
        return self.weights.weigh(counts)

    def _embedding(self, article: Article) -> np.ndarray:
        if not self.config.use_embeddings:
            return np.zeros(DIM, dtype=np.float32)
        if self._embed is not None:
            return self._embed(article)
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
        people, marks = lead_people(article, c.lead_chars), lead_marks(article, c)
        best, best_score = self._best_event(vec, emb, days, people, marks)
        if best is None or best_score < c.event_threshold:
            topic = self.topic_of(best) if best and best_score >= c.thread_threshold else None
            best = self._open(article, topic)
        self._join(best, article, vec, emb, days)
        note_marks(self._sketches[best], marks)
        self._arrivals += 1
        self.window[article.id] = Atom(
            counts,
            emb,
            days,
            article.published,
            article.title,
            stated_day(article, c.lead_chars),
            people,
            self._arrivals,
            marks,
        )
        self._win_added[article.id] = None
        while len(self.window) > c.window_articles:
            self._window_drop(next(iter(self.window)))
        if self._arrivals % c.settle_every == 0:
            self.settle()
        return self._article_story[article.id]

    def _best_event(
        self,
        vec: dict[str, float],
        emb: np.ndarray,
        days: tuple[int, int] | None,
        people: frozenset[str] = frozenset(),
        marks: frozenset[str] = frozenset(),
    ) -> tuple[str | None, float]:
        """The candidate event (sharing a salient term) of highest mean similarity."""
        dots = candidate_dots(vec, self._postings)
        return best_candidate(
            self.config, dots, self._sketches, self._rows, emb, days, people, marks
        )

    def _open(self, article: Article, topic: str | None) -> str:
        sid = story_id_for(article.id)
        k = 0
        while sid in self._sketches and self._sketches[sid].article_ids:
            k += 1
            sid = story_id_for(f"{article.id}#{k}")
        self._sketches[sid] = StorySketch(
            id=sid,
            title=article.title or first_words(article.text),
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
        extend_dates(sketch, article.published, article.title)
        self._article_story[article.id] = sid
        self._seen.discard(article.id)
        self._save(sid)

    def settle(self, clear: bool = False) -> None:
        """Re-cluster the window by average link (events, then threads); see window.py.

        With `clear`, the window then starts afresh (its events stay, as weighted items)."""
        settle_window(self)
        if clear:
            for aid in list(self.window):
                self._window_drop(aid)


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
