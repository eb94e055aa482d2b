"""Articles as Spark rows and back: the schema derived from the dataclasses in model.py.

A field added to a record appears in the Parquet output without touching this module;
`read_articles` rebuilds exact `Article` records from a `storyledger spark` output.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyledger.errors import InputError
from storyledger.model import Article, article_from_dict, to_dict

if TYPE_CHECKING:
    from pyspark.sql.types import DataType, StructType


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


def articles_of_rows(rows: Iterable[Any]) -> Iterator[Article]:
    """Articles from Spark Rows of `article_schema` (the `seq` column dropped)."""
    for row in rows:
        data = row.asDict(recursive=True)
        data.pop("seq", None)
        yield article_from_dict(data)
