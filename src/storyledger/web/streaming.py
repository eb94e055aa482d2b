"""Streaming a bulk export over HTTP in constant memory.

Why a thread: rows come from a SQLite cursor, which must stay on the thread that opened its
connection, while Starlette pulls a sync iterator from whichever worker thread is free. So
one thread opens its own read-only store, writes the export, and hands chunks over a small
bounded queue; if the client goes away the thread stops at its next chunk.
"""

from __future__ import annotations

import contextlib
import queue
import tempfile
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from storyledger import bulk
from storyledger import tables as render
from storyledger.store import Store

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
_DONE = object()
PARQUET_READ = 1 << 16


def stream_export(
    backend, kind: str, fmt: str, filters: bulk.ExportFilter, limit: int | None, offset: int
) -> StreamingResponse:
    def produce(put: Callable[[bytes], None]) -> None:
        with Store(backend.db_path, readonly=True) as store:
            cols, rows = bulk.export_rows(
                store, kind, filters, ledger_of=backend.story, limit=limit, offset=offset
            )
            if fmt == "parquet":  # Parquet needs a seekable file: written, then sent
                with tempfile.TemporaryDirectory(prefix="storyledger-export-") as tmp:
                    path = Path(tmp) / "export.parquet"
                    render.write_export(rows, cols, fmt, path)
                    with open(path, "rb") as fh:
                        while chunk := fh.read(PARQUET_READ):
                            put(chunk)
                return
            for text in render.stream_text(rows, cols, fmt):
                put(text.encode("utf-8"))

    name = f"storyledger-{kind}.{fmt}"
    return StreamingResponse(
        _threaded(produce),
        media_type=MEDIA[fmt],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


async def _threaded(produce: Callable[[Callable[[bytes], None]], None]) -> AsyncIterator[bytes]:
    chunks: queue.Queue = queue.Queue(maxsize=8)
    stop = threading.Event()

    def put(chunk: bytes) -> None:
        while not stop.is_set():
            try:
                chunks.put(chunk, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Stopped

    def run() -> None:
        try:
            produce(put)
        except _Stopped:
            return
        except Exception as exc:  # headers are sent: end the body, and say why at its end
            _put_quietly(chunks, f"\n# export stopped: {type(exc).__name__}\n".encode())
        finally:
            _put_quietly(chunks, _DONE)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        while True:
            chunk = await run_in_threadpool(chunks.get)
            if chunk is _DONE:
                return
            yield chunk
    finally:
        stop.set()


class _Stopped(Exception):
    """The client went away: the producing thread stops."""


def _put_quietly(chunks: queue.Queue, item: object) -> None:
    with contextlib.suppress(queue.Full):
        chunks.put(item, timeout=5)
