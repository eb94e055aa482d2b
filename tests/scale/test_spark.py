"""Spark (local[2]) gives exactly the records of a local run, and its Parquet loads into a store.

One Spark session for the module: the JVM takes tens of seconds to start.
"""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from storyledger.identity import thread_id_for
from storyledger.ingest import read_inputs
from storyledger.model import to_dict
from storyledger.nlp.pipeline import extract
from storyledger.scale.spark import load_parquet, read_articles, run_spark, spark_session
from storyledger.store import Store

from .invented import invented_article, page_for, warc_record, wire_copies

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", app="storyledger-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Five invented articles in JSONL (one without an id, one repeated) and a WARC page."""
    folder = tmp_path_factory.mktemp("corpus")
    records = [invented_article(i) for i in range(4)]
    records.append({"text": wire_copies()[0], "outlet": "Valley Post"})  # id from its line
    records.append(dict(records[0]))  # the same text again: read once
    lines = [json.dumps(r) for r in records]
    lines.insert(2, '{"title": "a record without text"}')
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "crawl.warc.gz").write_bytes(warc_record("http://127.0.0.1/p7", page_for(7).encode()))
    return folder


@pytest.fixture(scope="module")
def spark_output(spark, corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "run"
    result = run_spark([str(corpus)], str(out), spark=spark)
    return out, result


def test_spark_records_equal_the_local_run(nlp, corpus, spark_output):
    out, result = spark_output
    raws, problems = read_inputs([str(corpus)])
    local = [to_dict(a) for a in extract(raws, nlp)]
    on_spark = [to_dict(a) for a in read_articles(out)]
    assert result.articles == len(local) == 6
    assert on_spark == local  # same ids, same order, same nested records, nulls kept null
    assert any(a["quotes"] for a in on_spark) and any(a["quantities"] for a in on_spark)
    assert [(p.source, p.reason) for p in result.problems] == [
        (p.source, p.reason) for p in problems
    ]


def test_every_article_lands_in_exactly_one_story(spark_output):
    out, result = spark_output
    stories = pq.read_table(out / "stories").to_pylist()
    grouped = [aid for s in stories for aid in s["article_ids"]]
    ids = [a.id for a in read_articles(out)]
    assert sorted(grouped) == sorted(ids)
    assert result.stories == len(stories) >= 2
    for s in stories:  # each story's thread, as the store keeps it
        topic = json.loads(s["features"]).get("topic") or s["id"]
        assert s["thread_id"] == thread_id_for(topic) and s["thread_id"].startswith("t-")
    problems = pq.read_table(out / "problems").to_pylist()
    assert [p["reason"] for p in problems] == ["record has no 'text'"]


def test_parquet_input_reads_the_same_columns(spark, tmp_path):
    import pyarrow as pa

    rows = [invented_article(i) for i in (5, 6)]
    rows[1]["published"] = None
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    result = run_spark([str(tmp_path / "in.parquet")], str(tmp_path / "out"), spark=spark)
    articles = list(read_articles(tmp_path / "out"))
    assert [a.id for a in articles] == ["inv-005", "inv-006"]
    assert [a.published for a in articles] == [rows[0]["published"], None]
    assert result.articles == 2 and not result.problems


def test_an_article_over_the_length_cap_is_a_problem_not_a_failed_partition(spark, tmp_path):
    from storyledger.nlp.chunks import MAX_CHARS

    long, short = invented_article(8), invented_article(9)
    long["text"] = "\n\n".join([long["text"]] * (MAX_CHARS // len(long["text"]) + 2))
    (tmp_path / "in.jsonl").write_text(json.dumps(long) + "\n" + json.dumps(short) + "\n")
    result = run_spark([str(tmp_path / "in.jsonl")], str(tmp_path / "out"), spark=spark)
    assert [a.id for a in read_articles(tmp_path / "out")] == ["inv-009"]
    assert result.articles == 1 and result.stories == 1
    [problem] = result.problems
    assert "inv-008" in problem.source and "too long to extract" in problem.reason
    stored = pq.read_table(tmp_path / "out" / "problems").to_pylist()
    assert stored == [{"source": problem.source, "reason": problem.reason}]


def test_load_parquet_stores_each_article_once(spark_output, tmp_path):
    out, _ = spark_output
    expected = [to_dict(a) for a in read_articles(out)]
    with Store(tmp_path / "s.db") as store:
        first = load_parquet(str(out), store)
        again = load_parquet(str(out), store)
        assert len(first.added) == 6 and first.problems == []
        assert again.added == [] and len(again.duplicates) == 6
        assert store.count_articles() == 6
        stored = [to_dict(store.get_article(a["id"])) for a in expected]
        assert stored == expected  # not re-extracted, not changed on the way
        assert all(store.story_of(a["id"]) for a in expected)
