"""Extraction on several processes gives exactly the single-process records, in input order."""

from __future__ import annotations

import pytest

from storyledger.model import RawArticle, to_dict
from storyledger.nlp.parallel import extract_parallel
from storyledger.nlp.pipeline import extract

from ..scale.invented import invented_article, wire_copies


def _raws() -> list[RawArticle]:
    raws = [RawArticle(**invented_article(i)) for i in range(7)]
    raws.append(
        RawArticle(
            id="wire", text=wire_copies()[0], outlet="Valley Post", also_in=["Harbour Times"]
        )
    )
    return raws


def test_two_processes_give_identical_records_in_order(nlp):
    single = [to_dict(a) for a in extract(_raws(), nlp)]
    # batch_size 3 splits the articles over several batches and both workers
    parallel = [to_dict(a) for a in extract_parallel(iter(_raws()), processes=2, batch_size=3)]
    assert [a["id"] for a in parallel] == [r.id for r in _raws()]
    assert parallel == single
    assert any(a["quotes"] for a in parallel) and any(a["quantities"] for a in parallel)


@pytest.mark.slow  # a second pool of spaCy workers; the first test keeps parallel in check
def test_stopping_early_ends_the_workers_cleanly(nlp):
    stream = extract_parallel(iter(_raws()), processes=2, batch_size=2)
    first = next(stream)
    stream.close()  # the consumer stops: pool torn down, no hang
    assert first.id == "inv-000"


@pytest.mark.slow  # a pool of spaCy workers and two stores
def test_ingest_on_two_processes_stores_what_one_process_stores(tmp_path):
    from storyledger import api
    from storyledger.store import Store

    stored = []
    for processes in (1, 2):
        with Store(tmp_path / f"p{processes}.db") as store:
            result = api.ingest(None, store, raws=_raws(), processes=processes, batch_size=3)
            assert len(result.added) == len(_raws())
            stored.append([(to_dict(a), store.story_of(a.id)) for a in store.iter_articles()])
    assert stored[0] == stored[1]
