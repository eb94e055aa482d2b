"""Story grouping on Spark by time window, so no machine holds every story sketch.

1. Document frequencies are counted across executors and written beside the output (never
   collected): each window is grouped with the whole corpus's idf, as one batch would be.
2. Articles are keyed by publication-time window (`window_days` long, by the middle of the
   days their date may mean) and each window is grouped on an executor by
   `api.group_window`, the batch grouping `analyze` does. A window's articles and sketches
   live on that executor only.
3. Stitching: an event that ends within `margin_days` of its window's end and one that starts
   within `margin_days` of the next window's start are border events. The driver reads the
   border events window by window (`toLocalIterator`) and keeps only two adjacent windows'
   border sketches, joining pairs whose mean similarity passes the event threshold
   (`api.stitch_events`: average link's own merge criterion). A chain of stitches makes one
   event (its first part's id); its parts' threads become one thread.
4. Undated articles (no date, or one that cannot be read) are grouped among themselves, in
   chunks of `undated_chunk` in input order, then each undated event joins the dated event it
   is most similar to at the event threshold, found on the executors against the broadcast
   undated sketches; below the threshold it stays an event of its own. The in-process
   grouper puts undated articles last and lets them join any event, which this approximates.

What the driver holds: the border sketches of one fetched partition (`fetch_windows` windows),
the undated events' sketches, and the id pairs of the stitches made (two short strings per
stitched event). The final events are merged and written by the executors.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from storyledger.model import Article, StorySketch

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

    from storyledger.api import GroupingConfig

UNDATED = 1  # window keys: (0, window number) for dated articles, (1, chunk) for undated


@dataclass(frozen=True)
class WindowPlan:
    """How the Spark path cuts the corpus in time (chosen for agreement, see benchmarks.md)."""

    window_days: int = 28  # one executor task groups this many days of articles
    margin_days: int = 14  # events this close to a border are compared across it
    undated_chunk: int = 2000  # undated articles grouped together, in input order
    fetch_windows: int = 8  # border events come to the driver this many windows at a time


@dataclass
class Stitches:
    """What the driver decided: event -> the event it joins, thread -> the thread it joins."""

    events: dict[str, str]
    threads: dict[str, str]


def window_key(published: str | None, seq: int, plan: WindowPlan) -> tuple[int, int]:
    """The window an article is grouped in: by the middle of its date's days, or undated."""
    from storyledger import api

    days = api.grouping_days(published)
    if days is None:
        return (UNDATED, seq // plan.undated_chunk)
    return (0, ((days[0] + days[1]) // 2) // plan.window_days)


def window_bounds(key: tuple[int, int], plan: WindowPlan) -> tuple[str, str]:
    """First and last day (ISO) of a dated window."""
    first = key[1] * plan.window_days
    return (
        date.fromordinal(max(first, 1)).isoformat(),
        date.fromordinal(first + plan.window_days - 1).isoformat(),
    )


def sketch_row(sketch: StorySketch) -> dict[str, Any]:
    return asdict(sketch)


def sketch_of(row: dict[str, Any]) -> StorySketch:
    return StorySketch(**row)


# --- executors ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=2)
def _corpus_df(path: str, run: str) -> dict[str, int]:
    """The corpus's document frequencies, read once per worker process and grouping run."""
    import pyarrow.dataset as ds

    table = ds.dataset(path, format="parquet").to_table(columns=["term", "n"])
    return dict(zip(table.column("term").to_pylist(), table.column("n").to_pylist(), strict=True))


def _group_one(
    item: tuple[tuple[int, int], Iterable[tuple[int, Article]]],
    n_docs: int,
    df_path: str,
    run: str,
    config: GroupingConfig,
) -> Iterator[tuple[tuple[int, int], dict[str, Any]]]:
    from storyledger import api

    key, members = item
    articles = [a for _, a in sorted(members, key=lambda m: m[0])]
    for sketch in api.group_window(articles, n_docs, _corpus_df(df_path, run), config):
        yield key, sketch_row(sketch)


def _border(
    item: tuple[tuple[int, int], dict[str, Any]], plan: WindowPlan
) -> Iterator[tuple[int, tuple[str, dict[str, Any]]]]:
    """(window, (side, sketch)) for an event near its window's start ("L") or end ("R")."""
    key, row = item
    if key[0] == UNDATED:
        return
    start, end = window_bounds(key, plan)
    first, last = row["first_date"], row["last_date"]
    start_day, end_day = date.fromisoformat(start), date.fromisoformat(end)
    near_start = first is None or (date.fromisoformat(first) - start_day).days < plan.margin_days
    near_end = last is None or (end_day - date.fromisoformat(last)).days < plan.margin_days
    if near_start:
        yield key[1], ("L", row)
    if near_end:
        yield key[1], ("R", row)


def _best_undated(
    rows: Iterable[tuple[tuple[int, int], dict[str, Any]]],
    undated: list[dict[str, Any]],
    config: GroupingConfig,
) -> Iterator[tuple[str, tuple[float, str]]]:
    """For each undated event, its most similar dated event in this partition (if any)."""
    from storyledger import api

    dated = [sketch_of(r) for k, r in rows if k[0] != UNDATED]
    for uid, did, score in api.match_events([sketch_of(r) for r in undated], dated, config):
        yield uid, (score, did)


# --- the driver ----------------------------------------------------------------------------------


def stitch_borders(border: RDD, config: GroupingConfig, plan: WindowPlan) -> Stitches:
    """Walk the windows in time order, fetching border events a few windows at a time."""
    from storyledger import api

    stitches = Stitches({}, {})
    prev_window, prev_right, prev_root = None, [], {}
    windows = border.keys().distinct().count()
    parts = max(1, -(-windows // plan.fetch_windows))
    by_window = border.groupByKey().sortByKey(numPartitions=parts)
    for window, sides in by_window.toLocalIterator(prefetchPartitions=False):
        sides = list(sides)
        left = [sketch_of(r) for s, r in sides if s == "L"]
        right = [sketch_of(r) for s, r in sides if s == "R"]
        root: dict[str, str] = {}
        if prev_window is not None and window == prev_window + 1:
            before, after = {s.id: s for s in prev_right}, {s.id: s for s in left}
            for a, b in api.stitch_events(prev_right, left, config):
                root[b] = stitches.events[b] = prev_root.get(a, a)
                _union(stitches.threads, _topic(before[a]), _topic(after[b]))
        prev_window, prev_right = window, right
        prev_root = {s.id: root.get(s.id, s.id) for s in right}
    return stitches


def _topic(sketch: StorySketch) -> str:
    return str(sketch.features.get("topic") or sketch.id)


def find(parent: dict[str, str], item: str) -> str:
    """The thread a (possibly stitched) thread id ends up in."""
    while item in parent:
        item = parent[item]
    return item


def _union(parent: dict[str, str], earlier: str, later: str) -> None:
    """Threads stitched: the later window's thread joins the earlier one's."""
    a, b = find(parent, earlier), find(parent, later)
    if a != b:
        parent[b] = a


def join_undated(events: RDD, config: GroupingConfig) -> dict[str, str]:
    """Undated event -> the dated event it joins (found on the executors)."""
    undated = events.filter(lambda kv: kv[0][0] == UNDATED).values().collect()
    if not undated:
        return {}
    shared = events.context.broadcast(undated)
    best = (
        events.filter(lambda kv: kv[0][0] != UNDATED)
        .mapPartitions(lambda rows: _best_undated(rows, shared.value, config))
        .reduceByKey(max)
        .collect()
    )
    shared.unpersist()
    return {uid: did for uid, (_, did) in best}


# --- the whole grouping ------------------------------------------------------------------------


def group_windowed(
    spark: SparkSession,
    frame: DataFrame,
    workdir: str,
    plan: WindowPlan | None = None,
    config: GroupingConfig | None = None,
) -> RDD:
    """The events of the articles in `frame` (article_schema rows), as an RDD of sketch dicts.

    `workdir` receives the corpus's document frequencies (Parquet) that the executors read.
    """
    from pyspark import StorageLevel

    from storyledger import api
    from storyledger.scale.schema import articles_of_rows

    plan = plan or WindowPlan()
    config = config or api.GroupingConfig()
    run = uuid.uuid4().hex  # executors' cached document frequencies belong to one run
    seqd = frame.rdd.map(lambda r: (r["seq"], next(articles_of_rows([r])))).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    n_docs = seqd.count()
    df_path = f"{workdir.rstrip('/')}/document_frequencies"
    terms = (
        seqd.flatMap(lambda sa: [(t, 1) for t in api.grouping_terms(sa[1], config)])
        .reduceByKey(lambda a, b: a + b)
        .filter(lambda kv: kv[1] > 0)
    )
    spark.createDataFrame(terms, "term string, n long").write.mode("overwrite").parquet(df_path)
    n_windows = max(spark.sparkContext.defaultParallelism, 1)
    events = (
        seqd.map(lambda sa: (window_key(sa[1].published, sa[0], plan), sa))
        .groupByKey(n_windows * 4)
        .flatMap(lambda item: _group_one(item, n_docs, df_path, run, config))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    stitches = stitch_borders(events.flatMap(lambda kv: _border(kv, plan)), config, plan)
    undated = join_undated(events, config)
    seqd.unpersist()
    renames = dict(stitches.events)
    for uid, did in undated.items():
        renames[uid] = stitches.events.get(did, did)
    moves = spark.sparkContext.broadcast((renames, stitches.threads))
    merged = (
        events.map(lambda kv: (moves.value[0].get(kv[1]["id"], kv[1]["id"]), kv[1]))
        .groupByKey()
        .map(lambda item: _merged(item[1], moves.value[1], config))
    )
    return merged


def _merged(parts: Iterable[dict[str, Any]], threads: dict[str, str], config: GroupingConfig):
    from storyledger import api

    sketch = api.merge_events([sketch_of(p) for p in parts], config)
    sketch.features["topic"] = find(threads, _topic(sketch))
    return sketch_row(sketch)
