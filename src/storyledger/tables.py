"""Rows to files: the bulk export (CSV, JSON Lines, Parquet, streamed) and the outlet table as
CSV, with spreadsheet-safe cells. The library (bulk, research) writes through it and the
report renderers use its cells, so each format is written once.

Why streamed: a store of a million articles must export in constant memory, so rows are
written as they come (CSV/JSONL a chunk at a time, Parquet a row group at a time) and never
collected. The row columns are documented in docs/json-contract.md ("Bulk export").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyledger.model import Outlet

EXPORT_FORMATS = ("csv", "jsonl", "parquet")
ROW_GROUP = 10_000  # Parquet rows per row group: bounded memory, still good compression
CHUNK = 200  # CSV/JSONL rows per chunk handed to a stream

# Columns every item kind has (outlet_* from the outlet table, tag_* one per user tag key).
COMMON = [
    "item",
    "story",
    "story_title",
    "article",
    "outlet",
    "outlet_country",
    "outlet_language",
    "outlet_type",
]
KIND_COLUMNS: dict[str, list[str]] = {
    "articles": ["published", "title", "url", "also_in", "text"],
    "stories": ["published", "last_date", "n_articles", "outlets", "n_discrepancies", "text"],
    "facts": [
        "published",
        "fact_kind",
        "label",
        "status",
        "value",
        "low",
        "high",
        "qualifier",
        "sources",
        "date",
        "text",
        "start",
        "end",
    ],
    "quotes": [
        "published",
        "speaker",
        "speaker_mention",
        "cue",
        "quote_kind",
        "sources",
        "text",
        "start",
        "end",
    ],
    "claims": ["published", "sources", "cue", "text", "start", "end"],
    "discrepancies": ["published", "discrepancy_kind", "summary", "fact", "text", "start", "end"],
}
FLOATS = {"value", "low", "high"}
INTS = {"start", "end", "n_articles", "n_discrepancies"}


def safe_cell(value: object) -> object:
    """Text cells starting like a formula get a leading apostrophe; None is an empty cell."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def columns(kind: str, tag_keys: list[str]) -> list[str]:
    if kind not in KIND_COLUMNS:
        raise ValueError(f"unknown export {kind!r}; choose from {', '.join(KIND_COLUMNS)}")
    return [*COMMON, *(f"tag_{k}" for k in tag_keys), *KIND_COLUMNS[kind]]


def stream_text(rows: Iterable[dict[str, Any]], cols: list[str], fmt: str) -> Iterator[str]:
    """CSV (with header) or JSON Lines, a chunk of rows at a time."""
    out = io.StringIO()
    writer = csv.writer(out) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(cols)
    for n, row in enumerate(rows, 1):
        if writer is not None:
            writer.writerow([safe_cell(row.get(c)) for c in cols])
        else:
            out.write(json.dumps({c: row.get(c) for c in cols}, ensure_ascii=False) + "\n")
        if n % CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.getvalue():
        yield out.getvalue()


def write_export(rows: Iterable[dict[str, Any]], cols: list[str], fmt: str, path: Path) -> int:
    """Write rows to `path` in `fmt`; returns how many rows were written."""
    counted = _Counter(rows)
    if fmt == "parquet":
        _write_parquet(counted, cols, path)
    elif fmt in ("csv", "jsonl"):
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for chunk in stream_text(counted, cols, fmt):
                fh.write(chunk)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    return counted.n


class _Counter:
    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows = iter(rows)
        self.n = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            self.n += 1
            yield row


def parquet_schema(cols: list[str]):
    import pyarrow as pa

    def kind(c: str):
        return pa.float64() if c in FLOATS else pa.int64() if c in INTS else pa.string()

    return pa.schema([(c, kind(c)) for c in cols])


def _write_parquet(rows: Iterable[dict[str, Any]], cols: list[str], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow ships with the scale extra
        from storyledger.errors import StoryledgerError

        raise StoryledgerError(
            "Parquet export needs pyarrow (pip install storyledger[scale])"
        ) from exc
    schema = parquet_schema(cols)
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({c: _typed(c, row.get(c)) for c in cols})
            if len(batch) >= ROW_GROUP:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))


def _typed(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in FLOATS:
        return float(value)
    if column in INTS:
        return int(value)
    return str(value)


def outlets_csv(outlets: Iterable[Outlet], tag_keys: list[str]) -> Iterator[str]:
    """Header then one line per outlet; tags as one column each (lean, owner, ...)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "domains", "country", "language", "type", *tag_keys, "source"])
    for o in outlets:
        tags = {k.lower(): v for k, v in o.tags.items()}
        row = [o.name, " ".join(o.domains), o.country, o.language, o.type]
        writer.writerow(safe_cell(v) for v in [*row, *(tags.get(k) for k in tag_keys), o.source])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.getvalue():
        yield out.getvalue()
