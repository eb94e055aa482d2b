"""storyledger on Apache Spark: extract a corpus on many executors, group it on the driver.

    storyledger spark crawl/*.warc.gz -o out/          # or JSONL / Parquet inputs
    storyledger load out/ --db storyledger.db           # bring the results into a store

Inputs: WARC (`binaryFiles`, one file per task, read with FastWARC; each file is one byte
array on its executor, so keep files under Spark's 2 GB record limit, as crawls' 1 GB WARCs
are), JSON Lines (the same records as `storyledger ingest` reads; HTML and text files too, typed
by their names unless `input_format` says "warc" or "jsonl") or Parquet with
text/id/title/outlet/published/url columns. Exactly as in a local run, every record is checked
by the same reader code, the same text is read once, and a repeated id gets the text's hash
appended.

Extraction: `mapPartitions` over the articles, each Python worker loading the spaCy pipeline
once (`load_nlp` is cached per process and PySpark reuses its workers), calling the very
`api.extract_articles` a local run calls, so the records are identical. An article extraction
refuses (over the length cap) or fails on is a Problem for that article; its partition goes on.

Output folder:
  articles/   Parquet, one row per article: `seq` (input order), every field of the JSON
              contract's article record with nested lists as arrays of structs (entities,
              quotes, claims, quantities, dates, descriptors; `sources`/`also_in` as arrays of
              strings). The schema is derived from the dataclasses in `model.py`, so a field
              added there appears here; `read_articles` rebuilds exact `Article` records.
  stories/    Parquet: id, title, article_ids, first_date, last_date, features (JSON text),
              thread_id (the story's thread: the grouper's topic, as the store keeps it).
  problems/   Parquet: source, reason for every input that was skipped.

Story grouping runs on the executors by publication-time window and is stitched across window
borders on a driver that holds only two windows' border events (scale/windows.py), so no
process holds every story sketch; bench/spark_grouping.py measures the driver's memory.
Modules: schema.py (rows <-> records), inputs.py (reading on executors), windows.py
(grouping), this one (the session, the job, loading into a store).

The session binds to 127.0.0.1 only and never fetches packages (no spark.jars.packages).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storyledger.errors import InputError
from storyledger.identity import content_hash, thread_id_for
from storyledger.model import Problem, RawArticle
from storyledger.scale.inputs import first_read, read_file, read_raws, unique_ids
from storyledger.scale.schema import article_row, article_schema, parquet_files, read_articles
from storyledger.scale.windows import WindowPlan, group_windowed

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from storyledger.api import GroupingConfig, IngestResult
    from storyledger.store import Store

__all__ = [
    "SparkResult",
    "WindowPlan",
    "load_parquet",
    "parquet_files",
    "read_articles",
    "read_file",
    "run_spark",
    "spark_session",
]

PARTITION_ARTICLES = 200  # articles per extraction task: long enough to amortise the model


@dataclass
class SparkResult:
    output: str
    articles: int = 0
    stories: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def __str__(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"{self.articles} articles in {self.stories} stories, "
            f"{sum(not p.kept for p in self.problems)} skipped; "
            f"{self.seconds:.1f} s ({rate:.1f} articles/s) -> {self.output}"
        )


def spark_session(master: str = "local[*]", app: str = "storyledger") -> SparkSession:
    """A session bound to loopback, with executors running this Python."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def _extract_partition(rows: Iterable[tuple[int, RawArticle]]) -> Iterator[tuple[str, Any]]:
    """("a", article row) per extracted article and ("p", (source, reason)) per article
    extraction refused or failed on, with this worker's pipeline (loaded once per process)."""
    from storyledger import api

    schema = article_schema()
    items = sorted(rows, key=lambda item: item[0])
    seq_of = {raw.id: seq for seq, raw in items}
    problems: list[Problem] = []
    for article in api.extract_articles([raw for _, raw in items], problems=problems):
        yield "a", article_row(seq_of[article.id], article, schema)
    for problem in problems:
        yield "p", (problem.source, problem.reason)


def run_spark(
    inputs: list[str],
    output: str,
    master: str = "local[*]",
    input_format: str = "auto",
    spark: SparkSession | None = None,
    plan: WindowPlan | None = None,
    config: GroupingConfig | None = None,
) -> SparkResult:
    """Read, extract and group `inputs` on Spark; write Parquet to `output` (replacing it)."""
    from pyspark import StorageLevel

    started = time.perf_counter()
    own = spark is None
    spark = spark or spark_session(master)
    result = SparkResult(output=output)
    out = output.rstrip("/")
    try:
        sc = spark.sparkContext
        read = read_raws(spark, inputs, input_format).persist(StorageLevel.MEMORY_AND_DISK)
        problems = read.filter(lambda kv: isinstance(kv[1], Problem)).values().collect()
        raws = read.filter(lambda kv: isinstance(kv[1], RawArticle))
        # the same text once (the first in input order), then one article per id
        unique = (
            raws.map(lambda kv: (content_hash(kv[1].text), kv))
            .reduceByKey(first_read)
            .values()
            .map(lambda kv: (kv[1].id, kv))
            .groupByKey()
            .flatMap(unique_ids)
        )
        ordered = unique.sortByKey().zipWithIndex().map(lambda p: (p[1], p[0][1])).cache()
        count = ordered.count()
        n_parts = max(sc.defaultParallelism, -(-count // PARTITION_ARTICLES), 1)
        # contiguous runs of `seq` per partition, so the part files come out in input order
        # (a DataFrame orderBy would sample its input, i.e. run the extraction twice)
        rows = ordered.partitionBy(n_parts, lambda seq: seq * n_parts // max(count, 1))
        outcomes = rows.mapPartitions(_extract_partition).persist(StorageLevel.MEMORY_AND_DISK)
        extracted = outcomes.filter(lambda kv: kv[0] == "a").values()
        spark.createDataFrame(extracted, article_schema()).write.mode("overwrite").parquet(
            f"{out}/articles"
        )
        problems += [
            Problem(source, reason)
            for source, reason in outcomes.filter(lambda kv: kv[0] == "p").values().collect()
        ]
        result.problems = problems
        outcomes.unpersist()
        ordered.unpersist()
        read.unpersist()
        frame = spark.read.parquet(f"{out}/articles")
        result.articles = frame.count()
        events = group_windowed(spark, frame, f"{out}/_grouping", plan, config)
        result.stories = write_stories(spark, events, f"{out}/stories")
        write_problems(spark, problems, f"{out}/problems")
    finally:
        if own:
            spark.stop()
    result.seconds = time.perf_counter() - started
    return result


def write_stories(spark: SparkSession, events, path: str) -> int:
    """Write the events (sketch dicts) as the stories/ table, from the executors; their count."""
    from pyspark.sql import types as T

    story_schema = T.StructType(
        [
            T.StructField("id", T.StringType(), False),
            T.StructField("title", T.StringType(), True),
            T.StructField("article_ids", T.ArrayType(T.StringType()), True),
            T.StructField("first_date", T.StringType(), True),
            T.StructField("last_date", T.StringType(), True),
            T.StructField("features", T.StringType(), True),
            T.StructField("thread_id", T.StringType(), True),
        ]
    )
    rows = events.map(_story_row)
    frame = spark.createDataFrame(rows, story_schema)
    frame.write.mode("overwrite").parquet(path)
    return spark.read.parquet(path).count()


def _story_row(s: dict[str, Any]) -> tuple:
    features = s["features"]
    return (
        s["id"],
        s["title"],
        s["article_ids"],
        s["first_date"],
        s["last_date"],
        json.dumps(features),
        thread_id_for(str(features.get("topic") or s["id"])),
    )


def write_problems(spark: SparkSession, problems: list[Problem], path: str) -> None:
    from pyspark.sql import types as T

    schema = T.StructType(
        [T.StructField("source", T.StringType()), T.StructField("reason", T.StringType())]
    )
    rows = [(p.source, p.reason) for p in problems]
    spark.createDataFrame(rows, schema).coalesce(1).write.mode("overwrite").parquet(path)


# --- into a store ------------------------------------------------------------------------------


def load_parquet(path: str, store: Store, batch_size: int = 256) -> IngestResult:
    """Bring `storyledger spark` output into a store, grouping with the store's own stories.

    No re-extraction: the records are read back exactly and go through `api.ingest_articles`,
    the same path a local ingest takes (texts already stored are counted, not added).
    """
    from storyledger import api

    result = api.IngestResult()
    try:
        return api.ingest_articles(read_articles(path), store, batch_size=batch_size, result=result)
    except InputError as exc:
        result.problems.append(Problem(exc.source, exc.reason))
    except OSError as exc:  # pyarrow: not Parquet
        result.problems.append(Problem(path, f"cannot read Parquet ({exc})"))
    return result
