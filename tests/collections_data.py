"""The project-made collection corpus (tests/data/collections): four invented outlets, two
invented events, an outlet CSV with a made-up `lean` tag. Shared by the research tests."""

from __future__ import annotations

from pathlib import Path

from storyledger.store import Store

DATA = Path(__file__).resolve().parent / "data" / "collections"
ARTICLES = DATA / "articles.jsonl"
LATE = DATA / "late-report.jsonl"
OUTLETS_CSV = DATA / "outlets.csv"


def build_store(path: Path) -> str:
    """Ingest the articles and import the outlet table; returns the store path."""
    from storyledger import api, research

    with Store(path) as store:
        result = api.ingest([str(ARTICLES)], store)
        assert not result.problems, result.problems
        imported = research.import_outlets(store, OUTLETS_CSV)
        assert imported.stored == 4 and not imported.problems
    return str(path)


def story_of(store: Store, article_id: str) -> str:
    story_id = store.story_of(article_id)
    assert story_id is not None
    return story_id
