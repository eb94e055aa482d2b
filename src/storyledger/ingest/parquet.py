"""Parquet tables read locally with pyarrow (the `scale` extra): one article per row.

Columns are matched like a CSV's (records.read_record); a row is named `FILE[N]`, N from 1.
"""

from __future__ import annotations

import io

from storyledger.errors import InputError
from storyledger.ingest.records import read_record
from storyledger.ingest.source import Items, Source

BATCH_ROWS = 1024


def sniff(head: bytes) -> bool:
    return head.startswith(b"PAR1")


def read_parquet(data: bytes, src: Source) -> Items:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError(
            src.name, "reading Parquet needs pyarrow: pip install 'storyledger[scale]'"
        )
        return
    try:
        table = pq.ParquetFile(io.BytesIO(data))
        batches = table.iter_batches(batch_size=BATCH_ROWS)
        n = 0
        for batch in batches:
            for row in batch.to_pylist():
                n += 1
                try:
                    found = read_record(row, src.index(n), f"{src.stem}-{n}", src.fields)
                except InputError as exc:
                    yield exc
                    continue
                found.article.path = src.name
                yield found.article
                yield from found.warnings
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield InputError(src.name, f"broken Parquet file ({exc})")
