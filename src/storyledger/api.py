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
    folded: list[str] = field(default_factory=list)  # near-identical copies of another input
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
    from storyledger.ingest.dedup import fold_near_duplicates

    raws, problems = read_inputs(paths)
    articles = extract_articles(fold_near_duplicates(raws), progress)
    return build_ledger(articles), problems


def ingest(
    paths: Iterable[str] | None,
    store: Store,
    progress: Progress | None = None,
    batch_size: int = 32,
    raws: Iterable[RawArticle | Problem] | None = None,
    processes: int = 1,
) -> IngestResult:
    """Read, extract and store the articles the store does not hold yet, grouped into stories.

    Texts already stored are skipped before extraction, so re-ingesting costs a read only.
    Near-identical copies among the new texts (a wire story several outlets ran) are folded
    into the first, which lists the others' outlets in `also_in`, so a story compares
    reports, not reprints.
    """
    from storyledger.ingest.dedup import fold_near_duplicates
    from storyledger.nlp.pipeline import extract

    result = IngestResult()
    items = raws if raws is not None else iter_inputs(paths or [])

    def readable() -> Iterator[RawArticle]:
        for item in items:
            if isinstance(item, Problem):
                result.problems.append(item)
            else:
                yield item

    new = fold_near_duplicates(
        _unstored(readable(), store, result, batch_size),
        on_fold=lambda kept, copy: result.folded.append(copy.id),
    )
    if processes > 1:
        from storyledger.scale.parallel import extract_parallel

        extracted = extract_parallel(new, processes=processes)
    else:
        extracted = extract(new)
    return ingest_articles(extracted, store, progress, batch_size, result)


def ingest_articles(
    articles: Iterable[Article],
    store: Store,
    progress: Progress | None = None,
    batch_size: int = 32,
    result: IngestResult | None = None,
) -> IngestResult:
    """Group extracted articles into stories and store them, batch by batch.

    Each batch is one transaction: articles, story assignments and grouping state land
    together or not at all (and the touched stories' cached comparisons are dropped with
    them), so a killed run restarted on the same input stores each article exactly once.
    Stories touched by the run get their comparison recomputed at the end.
    """
    from storyledger.compare.ledger import compare_story

    result = result if result is not None else IngestResult()
    grouper = _grouper(store)
    touched: set[str] = set()
    for batch in _batched(_unstored(articles, store, result, batch_size), batch_size):
        for a in batch:
            grouper.add(a)
        # a re-clustering of the window may also move stored articles to another event
        assignments = {a.id: grouper.story_of(a.id) for a in batch} | grouper.moved()
        changed = grouper.changed()
        store.write_batch(batch, assignments, changed, grouper.state())
        result.added.extend(a.id for a in batch)
        touched.update(assignments.values())
        touched.update(s.id for s in changed)
        if progress:
            progress(len(batch))
    grouper.settle()  # the run's window re-clustered once more, as a batch would be
    moves, changed = grouper.moved(), grouper.changed()
    if moves or changed:
        store.write_batch([], moves, changed, grouper.state())
        touched.update(moves.values())
        touched.update(s.id for s in changed)
    for story_id in sorted(touched):
        members = store.articles_of_story(story_id)
        if not members:  # emptied into other events by the re-clustering
            touched.discard(story_id)
            continue
        store.save_ledger(compare_story(story_id, store.story_title(story_id), members))
    result.stories = sorted(touched)
    return result


def _unstored(
    items: Iterable[RawArticle], store: Store, result: IngestResult, batch_size: int
) -> Iterator:
    """The items whose text the store does not hold; an id taken by another text is renamed."""
    for batch in _batched(items, batch_size):
        known = store.known_hashes(r.text for r in batch)
        stored_ids = store.existing_ids(r.id for r in batch)
        for item in batch:
            digest = content_hash(item.text)
            if digest in known:
                result.duplicates.append(item.id)
                continue
            if item.id in stored_ids:  # same id, new text: keep both, apart
                item.id = f"{item.id}-{digest[:8]}"
            yield item


def _grouper(store: Store):
    from storyledger.compare.stories import GroupingConfig, StoryGrouper

    config = GroupingConfig()
    return StoryGrouper(
        store.load_sketches(config.max_active), state=store.grouper_state(), keep_cold=False
    )


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
