"""Extraction on every core of one machine, in input order, with bounded memory.

spaCy releases little of the GIL, so threads do not help; processes do. Each worker loads the
pipeline once (pool initializer) and extracts whole batches, so pickling costs one round trip
per batch, not per article. At most `2 * processes` batches are in flight: reading a corpus of
any size holds only those batches in memory, and results come back in the order they went in.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from storyledger.model import Article, Problem, RawArticle

_NLP = None  # the worker's pipeline, loaded once by the initializer


def _init_worker(model: str | None) -> None:
    global _NLP
    from storyledger.nlp.pipeline import load_nlp

    _NLP = load_nlp(model) if model else load_nlp()


def _extract_batch(batch: list[RawArticle]) -> list[Article | Problem]:
    """The batch's Articles, with a Problem in place of each article that failed."""
    from storyledger.nlp.pipeline import extract

    outcomes: list[Article | Problem] = []
    outcomes.extend(extract(batch, _NLP, on_problem=outcomes.append))
    return outcomes


def _context() -> mp.context.BaseContext:
    """forkserver where it exists (no inherited threads or locks), spawn elsewhere."""
    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def extract_parallel(
    raws: Iterable[RawArticle],
    processes: int,
    batch_size: int = 32,
    model: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> Iterator[Article]:
    """The same Articles as `nlp.pipeline.extract(raws)`, in the same order, from N processes.

    An article that fails goes to `on_problem` (raises InputError without it), as in `extract`.
    """
    if processes <= 1:
        from storyledger.nlp.pipeline import extract, load_nlp

        yield from extract(raws, load_nlp(model) if model else None, on_problem=on_problem)
        return
    from storyledger.nlp.pipeline import delivered

    it = iter(raws)
    max_in_flight = 2 * processes
    pool = _context().Pool(processes, initializer=_init_worker, initargs=(model,))
    in_flight: deque[AsyncResult] = deque()
    try:
        while True:
            while len(in_flight) < max_in_flight and (batch := list(islice(it, batch_size))):
                in_flight.append(pool.apply_async(_extract_batch, (batch,)))
            if not in_flight:
                break
            yield from delivered(in_flight.popleft().get(), on_problem)
        pool.close()
        pool.join()
    finally:
        pool.terminate()
