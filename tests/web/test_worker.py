"""The ingest worker's fallback: when a submission's extraction fails, each article is tried
alone (through api) and only the ones that fail are named; the rest go on."""

from __future__ import annotations

from storyledger.model import Problem, RawArticle
from storyledger.nlp.chunks import MAX_CHARS
from storyledger.web import worker


def test_the_article_that_cannot_be_extracted_is_named_and_the_others_kept():
    fine = RawArticle(id="ok", text="The Brenford council approved the ferry plan on Monday.")
    huge = RawArticle(id="huge", text="word " * (MAX_CHARS // 5 + 1), path="dump.txt")
    items = worker._isolate_failures([fine, huge])
    assert items[0] is fine
    assert isinstance(items[1], Problem)
    assert "dump.txt" in items[1].source and "huge" in items[1].source  # file and record
    assert "too long to extract" in items[1].reason
