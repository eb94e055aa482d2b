"""Ingest in a separate process, so reading pages never waits on the language pipeline.

Why: spaCy holds the GIL for most of an extraction. Run in the server's process, a 5 MB
upload (hundreds of articles, tens of seconds of CPU) would stall every page for everyone.
One worker process, started on first use (or warmed at startup), holds the pipeline and its
own writer connection; the server keeps serializing submissions with its write lock, and
readers see the new articles through SQLite (WAL) as soon as the worker commits.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from storyledger.errors import InputError, ModelError, StoreError
from storyledger.model import Problem, RawArticle

_STORE = None  # the worker's writer connection, opened by the initializer
log = logging.getLogger(__name__)


def _init(db_path: str) -> None:
    global _STORE
    from storyledger.store import Store

    _STORE = Store(db_path)


def _warm() -> bool:
    from storyledger import api

    api.warm_up()
    return True


def run_ingest(store: Any, raws: list[RawArticle]) -> dict[str, Any]:
    """`api.ingest` of one submission in one transaction, with where each text now lives.

    An article that breaks extraction (too long for the pipeline, or any other failure of
    the language stages) must not sink the others or answer 500: the submission's one
    transaction is written only after every article is extracted, so nothing was stored;
    the failing articles are found one by one (each extracted alone, so this path costs a
    second extraction), named as problems, and the rest ingested. Errors of the store or the
    model (StoreError, ModelError) concern every article and are raised as they are.
    """
    from storyledger import api

    try:
        result = api.ingest(None, store, raws=raws, batch_size=max(len(raws), 1))
    except (StoreError, ModelError):
        raise
    except Exception as exc:
        log.warning("extraction failed (%s); finding the article that fails", _why(exc))
        items = _isolate_failures(raws)
        result = api.ingest(None, store, raws=items, batch_size=max(len(raws), 1))
    located = store.located(raw.text for raw in raws)
    return {
        "added": list(result.added),
        "stories": list(result.stories),
        "problems": [(p.source, p.reason) for p in result.problems],
        "located": located,
    }


def _isolate_failures(raws: list[RawArticle]) -> list[RawArticle | Problem]:
    """The raws that extract alone, and a Problem naming each one that does not."""
    from storyledger import api

    items: list[RawArticle | Problem] = []
    for raw in raws:
        try:
            api.extract_articles([raw])  # alone, raising what stops it
        except (StoreError, ModelError):
            raise
        except InputError as exc:  # refused on purpose (e.g. over a hard length cap)
            items.append(Problem(exc.source, exc.reason))
        except Exception as exc:
            items.append(Problem(raw.path or raw.id, f"could not be analysed: {_why(exc)}"))
        else:
            items.append(raw)
    return items


def _why(exc: Exception) -> str:
    """The first sentence of an exception's message: the cause, without library advice."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    first = first.split(". ", 1)[0].rstrip(".")
    return first[:300]


def _ingest_in_worker(raws: list[RawArticle]) -> dict[str, Any]:
    return run_ingest(_STORE, raws)


def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


class IngestWorker:
    """One extraction process per server; in-process when STORYLEDGER_WEB_INPROCESS=1."""

    def __init__(self, db_path: str, local_store: Any) -> None:
        self.db_path = db_path
        self.local_store = local_store
        self.inprocess = os.environ.get("STORYLEDGER_WEB_INPROCESS") == "1"
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=_context(),
                    initializer=_init,
                    initargs=(self.db_path,),
                )
            return self._pool

    def warm(self) -> None:
        """Start the process and load the pipeline before the first article arrives."""
        if not self.inprocess:
            try:
                self._executor().submit(_warm).result()
                return
            except BrokenProcessPool:
                self._give_up()
        _warm()

    def ingest(self, raws: list[RawArticle]) -> dict[str, Any]:
        """The submission ingested in the worker; in this process if no worker can run.

        A worker that dies mid-ingest (killed, out of memory) rolled its transaction back,
        so the submission is simply sent again: once to a fresh worker, then in-process.
        """
        for _ in range(2):
            if self.inprocess:
                break
            try:
                return self._executor().submit(_ingest_in_worker, raws).result()
            except BrokenProcessPool:
                with self._lock:
                    self._pool = None
        else:
            self._give_up()
        return run_ingest(self.local_store, raws)

    def _give_up(self) -> None:
        log.warning("the ingest worker process cannot run; ingesting in the server's process")
        self.inprocess = True
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None


__all__ = ["IngestWorker", "Problem", "run_ingest"]
