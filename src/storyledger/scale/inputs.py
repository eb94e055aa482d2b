"""Reading inputs on executors through the one ingest entry a local run uses.

WARC, JSON Lines, HTML and text files arrive as (path, bytes) from `binaryFiles` and go
through `ingest.read_named_bytes`; Parquet rows through `ingest.records.read_record`. The same
text is read once (the first in input order) and a repeated id gets the text's hash appended,
the rule of `ingest.ids.suffixed_id`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyledger.errors import InputError
from storyledger.ingest.ids import suffixed_id
from storyledger.model import Problem, RawArticle

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def read_file(
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


def parquet_record(row: dict[str, Any], source: str, n: int) -> list[RawArticle | Problem]:
    """The row's article and its warnings (an unreadable date), or the problem it raised."""
    from storyledger.ingest.records import read_record

    record = {k: row.get(k) for k in ("id", "text", "title", "outlet", "published", "url")}
    try:
        found = read_record(record, f"{source}:{n}", f"row-{n}")
    except InputError as exc:
        return [Problem(exc.source, exc.reason)]
    return [found.article, *found.warnings]


def first_read(a: tuple[tuple[str, int], RawArticle], b: tuple[tuple[str, int], RawArticle]):
    return a if a[0] <= b[0] else b


def unique_ids(group: tuple[str, Iterable[tuple[tuple[str, int], RawArticle]]]):
    """The first article with an id keeps it; later ones get their text's hash appended."""
    _, members = group
    for i, (order, raw) in enumerate(sorted(members, key=lambda m: m[0])):
        if i:
            raw.id = suffixed_id(raw.id, raw.text)
        yield order, raw


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
                for item in parquet_record(pair[0].asDict(), source, pair[1])
            ]
        )
    files = _files(inputs)
    if not files:
        raise InputError(", ".join(inputs), "no input files")
    parallelism = max(1, min(len(files), sc.defaultParallelism * 4))
    files_rdd = sc.binaryFiles(",".join(files), minPartitions=parallelism)
    return files_rdd.flatMap(lambda item: read_file(item, fmt))
