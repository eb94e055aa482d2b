"""The library's front door: analyze inputs into a Ledger, or ingest them into a store.

The CLI, the web app and the Spark job all call these; none of them re-implements a stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from storyledger.ingest import iter_inputs, read_inputs
from storyledger.ingest.common import content_hash
from storyledger.model import Article, Ledger, Problem, RawArticle, Story
from storyledger.store import Store

Progress = Callable[[int], None]  # called with how many articles were just finished


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)  # article ids stored by this run
    duplicates: list[str] = field(default_factory=list)  # already in the store
    problems: list[Problem] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)  # stories created or changed


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def extract_articles(raws: Iterable[RawArticle], progress: Progress | None = None) -> list[Article]:
    from storyledger.nlp.pipeline import extract

    articles = []
    for article in extract(raws):
        articles.append(article)
        if progress:
            progress(1)
    return articles


def analyze(paths: Iterable[str], progress: Progress | None = None) -> tuple[Ledger, list[Problem]]:
    """Read, extract, group and compare, all in memory (no store)."""
    from storyledger.compare.ledger import build_ledger

    raws, problems = read_inputs(paths)
    articles = extract_articles(raws, progress)
    return build_ledger(articles), problems


def ingest(
    paths: Iterable[str] | None,
    store: Store,
    progress: Progress | None = None,
    batch_size: int = 32,
    raws: Iterable[RawArticle | Problem] | None = None,
    processes: int = 1,
) -> IngestResult:
    """Extract new articles into the store and group them into stories, batch by batch.

    Each batch is one transaction: articles, story assignments and grouping state land
    together or not at all, so a killed run restarted on the same input stores each article
    exactly once. Stories touched by the run get their comparison recomputed at the end.
    """
    from storyledger.compare.ledger import compare_story
    from storyledger.nlp.pipeline import extract

    result = IngestResult()
    items = raws if raws is not None else iter_inputs(paths or [])
    grouper = _grouper(store)
    touched: set[str] = set()

    def fresh() -> Iterator[RawArticle]:
        for batch in _batched(items, batch_size):
            good = [r for r in batch if not isinstance(r, Problem)]
            result.problems.extend(r for r in batch if isinstance(r, Problem))
            known = store.known_hashes(r.text for r in good)
            stored_ids = store.existing_ids(r.id for r in good)
            for raw in good:
                if content_hash(raw.text) in known:
                    result.duplicates.append(raw.id)
                    continue
                if raw.id in stored_ids:  # same id, new text: keep both, apart
                    raw.id = f"{raw.id}-{content_hash(raw.text)[:8]}"
                yield raw

    if processes > 1:
        from storyledger.scale.parallel import extract_parallel

        extracted = extract_parallel(fresh(), processes=processes)
    else:
        extracted = extract(fresh())
    for batch in _batched(extracted, batch_size):
        assignments = {a.id: grouper.add(a) for a in batch}
        changed = grouper.changed()
        store.write_batch(batch, assignments, changed, _state(grouper))
        result.added.extend(a.id for a in batch)
        touched.update(assignments.values())
        if progress:
            progress(len(batch))
    for story_id in sorted(touched):
        story = compare_story(
            story_id, store.story_title(story_id), store.articles_of_story(story_id)
        )
        store.save_ledger(story)
    result.stories = sorted(touched)
    return result


def _grouper(store: Store):
    from storyledger.compare.stories import StoryGrouper

    state = store.grouper_state()
    sketches = store.load_sketches()
    try:
        return StoryGrouper(sketches, state=state) if state is not None else StoryGrouper(sketches)
    except TypeError:  # a grouper without global state
        return StoryGrouper(sketches)


def _state(grouper) -> dict | None:
    state = getattr(grouper, "state", None)
    return state() if callable(state) else None


def story(store: Store, story_id: str) -> Story:
    """A story's ledger: cached when it is current, recomputed otherwise."""
    from storyledger.compare.ledger import compare_story

    cached = store.cached_ledger(story_id)
    if cached is not None:
        return cached
    articles = store.articles_of_story(story_id)
    result = compare_story(story_id, store.story_title(story_id), articles)
    store.save_ledger(result)
    return result


def story_ledger(store: Store, story_id: str) -> Ledger:
    """The story with its articles, in the shape of the JSON contract."""
    return Ledger(articles=store.articles_of_story(story_id), stories=[story(store, story_id)])
