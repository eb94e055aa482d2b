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
`nlp.pipeline.extract` a local run calls, so the records are identical.

Output folder:
  articles/   Parquet, one row per article: `seq` (input order), every field of the JSON
              contract's article record with nested lists as arrays of structs (entities,
              quotes, claims, quantities, dates, descriptors; `sources`/`also_in` as arrays of
              strings). The schema is derived from the dataclasses in `model.py`, so a field
              added there appears here; `read_articles` rebuilds exact `Article` records.
  stories/    Parquet: id, title, article_ids, first_date, last_date, features (JSON text),
              thread_id (the story's thread: the grouper's topic, as the store keeps it).
  problems/   Parquet: source, reason for every input that was skipped.

Story grouping runs on the driver with the incremental StoryGrouper, the way `group_articles`
does in memory: a first pass primes document frequencies, a second adds articles in date
order. The grouper keeps story sketches, not articles, and articles stream from Parquet
(`toLocalIterator`), so driver memory grows with stories, not articles; bench/extraction.py
and bench/grouping.py measure that one machine groups far faster than it extracts.

The session binds to 127.0.0.1 only and never fetches packages (no spark.jars.packages).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyledger.errors import InputError
from storyledger.ingest.common import content_hash
from storyledger.ingest.ids import suffixed_id
from storyledger.model import (
    ARTICLE_LISTS,
    Article,
    Problem,
    RawArticle,
    article_from_dict,
    thread_id_for,
    to_dict,
)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import DataType, StructType

    from storyledger.api import IngestResult
    from storyledger.store import Store

NESTED = ARTICLE_LISTS
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


# --- schema ----------------------------------------------------------------------------------


def _spark_type(hint: Any) -> DataType:
    """The Spark type of a dataclass field's type hint (Optional unwrapped, Literal as string)."""
    from pyspark.sql import types as T

    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _spark_type(inner[0])
    if origin is typing.Literal:
        return T.StringType()
    if origin is list:
        return T.ArrayType(_spark_type(args[0]), containsNull=True)
    if dataclasses.is_dataclass(hint):
        return _struct(hint)
    if hint is str:
        return T.StringType()
    if hint is int:
        return T.LongType()
    if hint is float:
        return T.DoubleType()
    if hint is bool:
        return T.BooleanType()
    return T.StringType()  # anything else is stored as JSON text


def _struct(cls: type) -> StructType:
    from pyspark.sql import types as T

    hints = typing.get_type_hints(cls)
    return T.StructType(
        [T.StructField(f.name, _spark_type(hints[f.name]), True) for f in dataclasses.fields(cls)]
    )


def article_schema() -> StructType:
    """`seq` plus every Article field, nested records as arrays of structs."""
    from pyspark.sql import types as T

    base = _struct(Article)
    return T.StructType([T.StructField("seq", T.LongType(), False), *base.fields])


def _row(value: Any, dtype: DataType) -> Any:
    """A plain value shaped for `dtype` (structs as tuples in field order)."""
    from pyspark.sql import types as T

    if value is None:
        return None
    if isinstance(dtype, T.StructType):
        return tuple(_row(value.get(f.name), f.dataType) for f in dtype.fields)
    if isinstance(dtype, T.ArrayType):
        return [_row(v, dtype.elementType) for v in value]
    if isinstance(dtype, T.DoubleType):
        return float(value)
    if isinstance(dtype, T.StringType) and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def article_row(seq: int, article: Article, schema: StructType) -> tuple:
    data = to_dict(article)
    data["seq"] = seq
    return _row(data, schema)


def parquet_files(path: str | Path) -> list[str]:
    """The Parquet files of a `storyledger spark` output, in order; InputError when unreadable."""
    import pyarrow.dataset as ds

    folder = Path(path)
    if (folder / "articles").is_dir():
        folder = folder / "articles"
    if not folder.exists():
        raise InputError(str(path), "no such Parquet file or folder")
    try:
        dataset = ds.dataset(str(folder), format="parquet")
    except (OSError, ValueError) as exc:  # pyarrow: not Parquet
        raise InputError(str(path), f"cannot read Parquet ({exc})") from exc
    return sorted(dataset.files)  # Spark writes an ordered output as ordered part files


def read_articles(path: str | Path) -> Iterator[Article]:
    """The Articles of a `storyledger spark` output (or its articles/ folder), in input order.

    Streams record batches with pyarrow, so a large output is never whole in memory.
    """
    import pyarrow.dataset as ds

    dataset = ds.dataset(parquet_files(path), format="parquet")
    for batch in dataset.to_batches():
        for row in batch.to_pylist():
            row.pop("seq", None)
            yield article_from_dict(row)


# --- reading on executors ---------------------------------------------------------------------


def _read_file(
    item: tuple[str, Any], fmt: str = "files"
) -> Iterator[tuple[tuple[str, int], RawArticle | Problem]]:
    """(path, bytes) from binaryFiles -> ((path, index), article or problem).

    `fmt` "warc" or "jsonl" reads every file as that; "files" goes by each file's name (and
    its content when the name says nothing), through the very entry a local run uses.
    """
    from storyledger.ingest import read_named_bytes

    uri, stream = item
    name = uri[len("file:") :] if uri.startswith("file:") else uri
    data = stream.toArray() if hasattr(stream, "toArray") else bytes(stream)
    forced = {"warc": "warc", "jsonl": "json"}.get(fmt)
    for n, result in enumerate(read_named_bytes(name, data, fmt=forced)):
        yield (name, n), result


def _parquet_record(row: dict[str, Any], source: str, n: int) -> list[RawArticle | Problem]:
    """The row's article and its warnings (an unreadable date), or the problem it raised."""
    from storyledger.ingest.records import read_record

    record = {k: row.get(k) for k in ("id", "text", "title", "outlet", "published", "url")}
    try:
        found = read_record(record, f"{source}:{n}", f"row-{n}")
    except InputError as exc:
        return [Problem(exc.source, exc.reason)]
    return [found.article, *found.warnings]


def _extract_partition(rows: Iterable[tuple[int, RawArticle]]) -> Iterator[tuple]:
    """Extract one partition with this worker's pipeline (loaded once per worker process)."""
    from storyledger.nlp.pipeline import extract

    schema = article_schema()
    items = sorted(rows, key=lambda item: item[0])
    raws = [raw for _, raw in items]
    for (seq, _), article in zip(items, extract(raws), strict=True):
        yield article_row(seq, article, schema)


def _first(a: tuple[tuple[str, int], RawArticle], b: tuple[tuple[str, int], RawArticle]):
    return a if a[0] <= b[0] else b


def _unique_ids(group: tuple[str, Iterable[tuple[tuple[str, int], RawArticle]]]):
    """The first article with an id keeps it; later ones get their text's hash appended."""
    _, members = group
    for i, (order, raw) in enumerate(sorted(members, key=lambda m: m[0])):
        if i:
            raw.id = suffixed_id(raw.id, raw.text)
        yield order, raw


# --- the job -----------------------------------------------------------------------------------


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
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def _input_format(inputs: list[str], input_format: str) -> str:
    if input_format != "auto":
        return input_format
    names = [i.lower().rstrip("/") for i in inputs]
    if all(n.endswith(".parquet") for n in names):
        return "parquet"
    return "files"  # WARC, JSONL, HTML, text: typed by each file's name


def _files(inputs: list[str]) -> list[str]:
    """Local files named, found under folders or matched by globs; remote URIs as given."""
    from storyledger.ingest import expand

    local, remote = [], []
    for given in inputs:
        if "://" in given and not given.startswith("file://"):
            remote.append(given)
            continue
        for item in expand([given.removeprefix("file://")]):
            if isinstance(item, Path):
                local.append(str(item.resolve()))
    return local + remote


def read_raws(spark: SparkSession, inputs: list[str], input_format: str = "auto"):
    """An RDD of ((source, index), RawArticle | Problem) over every input."""
    fmt = _input_format(inputs, input_format)
    sc = spark.sparkContext
    if fmt == "parquet":
        frame = spark.read.parquet(*inputs)
        missing = {"text"} - set(frame.columns)
        if missing:
            raise InputError(", ".join(inputs), "Parquet input needs a 'text' column")
        for name in ("id", "title", "outlet", "published", "url"):
            if name not in frame.columns:
                from pyspark.sql import functions as F

                frame = frame.withColumn(name, F.lit(None).cast("string"))
        indexed = frame.select("id", "text", "title", "outlet", "published", "url").rdd
        source = ",".join(inputs)
        return indexed.zipWithIndex().flatMap(
            lambda pair: [
                ((source, pair[1]), item)
                for item in _parquet_record(pair[0].asDict(), source, pair[1])
            ]
        )
    files = _files(inputs)
    if not files:
        raise InputError(", ".join(inputs), "no input files")
    parallelism = max(1, min(len(files), sc.defaultParallelism * 4))
    files_rdd = sc.binaryFiles(",".join(files), minPartitions=parallelism)
    return files_rdd.flatMap(lambda item: _read_file(item, fmt))


def run_spark(
    inputs: list[str],
    output: str,
    master: str = "local[*]",
    input_format: str = "auto",
    spark: SparkSession | None = None,
) -> SparkResult:
    """Read, extract and group `inputs` on Spark; write Parquet to `output` (replacing it)."""
    from pyspark.sql import types as T

    started = time.perf_counter()
    own = spark is None
    spark = spark or spark_session(master)
    result = SparkResult(output=output)
    try:
        sc = spark.sparkContext
        from pyspark import StorageLevel

        read = read_raws(spark, inputs, input_format).persist(StorageLevel.MEMORY_AND_DISK)
        problems = read.filter(lambda kv: isinstance(kv[1], Problem)).values().collect()
        result.problems = problems
        raws = read.filter(lambda kv: isinstance(kv[1], RawArticle))
        # the same text once (the first in input order), then one article per id
        unique = (
            raws.map(lambda kv: (content_hash(kv[1].text), kv))
            .reduceByKey(_first)
            .values()
            .map(lambda kv: (kv[1].id, kv))
            .groupByKey()
            .flatMap(_unique_ids)
        )
        ordered = unique.sortByKey().zipWithIndex().map(lambda p: (p[1], p[0][1])).cache()
        count = ordered.count()
        n_parts = max(sc.defaultParallelism, -(-count // PARTITION_ARTICLES), 1)
        # contiguous runs of `seq` per partition, so the part files come out in input order
        # (a DataFrame orderBy would sample its input, i.e. run the extraction twice)
        rows = ordered.partitionBy(n_parts, lambda seq: seq * n_parts // max(count, 1))
        frame = spark.createDataFrame(rows.mapPartitions(_extract_partition), article_schema())
        out = output.rstrip("/")
        frame.write.mode("overwrite").parquet(f"{out}/articles")
        ordered.unpersist()
        read.unpersist()
        result.articles = count
        stories = group_on_driver(spark, f"{out}/articles")
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
        spark.createDataFrame(
            [
                (
                    s.id,
                    s.title,
                    s.article_ids,
                    s.first_date,
                    s.last_date,
                    json.dumps(s.features),
                    thread_id_for(str(s.features.get("topic") or s.id)),
                )
                for s in stories
            ],
            story_schema,
        ).coalesce(1).write.mode("overwrite").parquet(f"{out}/stories")
        problem_schema = T.StructType(
            [T.StructField("source", T.StringType()), T.StructField("reason", T.StringType())]
        )
        spark.createDataFrame([(p.source, p.reason) for p in problems], problem_schema).coalesce(
            1
        ).write.mode("overwrite").parquet(f"{out}/problems")
        result.stories = len(stories)
    finally:
        if own:
            spark.stop()
    result.seconds = time.perf_counter() - started
    return result


def group_on_driver(spark: SparkSession, articles_path: str) -> list:
    """Story sketches for the extracted articles, grouped on the driver as `group_articles` does.

    Two streaming passes over the Parquet articles: document frequencies, then articles in date
    order (undated last). Articles are never all in driver memory.
    """
    from pyspark.sql import functions as F

    from storyledger.compare.stories import StoryGrouper

    frame = spark.read.parquet(articles_path)
    grouper = StoryGrouper()
    grouper.observe(_articles(frame.orderBy("seq").toLocalIterator()))
    by_date = frame.orderBy(F.col("published").isNull(), "published", "seq")
    for article in _articles(by_date.toLocalIterator()):
        grouper.add(article)
    grouper.settle()  # the last window re-clustered, as group_articles does
    return grouper.sketches()


def _articles(rows: Iterable[Any]) -> Iterator[Article]:
    for row in rows:
        data = row.asDict(recursive=True)
        data.pop("seq", None)
        yield article_from_dict(data)


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
