"""The library's front door: analyze inputs into a Ledger, or ingest them into a store.

The CLI, the web app and the Spark job all call these; none of them re-implements a stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice

from storyledger.compare.grouping_config import GroupingConfig
from storyledger.identity import content_hash
from storyledger.ingest import iter_inputs, read_inputs
from storyledger.ingest.ids import suffixed_id
from storyledger.model import (
    Article,
    Ledger,
    Problem,
    RawArticle,
    Story,
    StorySketch,
    StorySummary,
    Thread,
    ThreadSummary,
)
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


def extract_articles(
    raws: Iterable[RawArticle],
    progress: Progress | None = None,
    problems: list[Problem] | None = None,
) -> list[Article]:
    """Extracted articles; one that fails is added to `problems` (raised without it)."""
    from storyledger.nlp.pipeline import extract

    articles = []
    on_problem = problems.append if problems is not None else None
    for article in extract(raws, on_problem=on_problem):
        articles.append(article)
        if progress:
            progress(1)
    return articles


def warm_up(lang: str | None = None) -> None:
    """Load the pipeline extraction of `lang` (the default language) uses, now: a long-lived
    process (the web's ingest worker) pays for it at startup, not on its first submission."""
    from storyledger.languages import DEFAULT
    from storyledger.nlp.pipeline import nlp_for

    nlp_for(lang or DEFAULT)


def unextractable(raws: Iterable[RawArticle]) -> list[Problem]:
    """Articles extraction would refuse (over the length cap), found before any work: for
    callers that store a submission all or nothing."""
    from storyledger.nlp.chunks import refusal

    return [p for p in map(refusal, raws) if p is not None]


def analyze(
    paths: Iterable[str],
    progress: Progress | None = None,
    fields: Mapping[str, str] | None = None,
) -> tuple[Ledger, list[Problem]]:
    """Read, extract, group and compare, all in memory (no store).

    Near-identical copies fold into one article with `also_in`, as in `ingest`.
    `fields` maps an unusual column to an article field ({"text": "maintext"}).
    An article extraction fails on is a Problem; the others go on.
    """
    from storyledger.compare.ledger import build_ledger
    from storyledger.ingest.dedup import fold_near_duplicates

    raws, problems = read_inputs(paths, fields)
    articles = extract_articles(fold_near_duplicates(raws), progress, problems)
    return build_ledger(articles), problems


def ingest(
    paths: Iterable[str] | None,
    store: Store,
    progress: Progress | None = None,
    batch_size: int = 32,
    raws: Iterable[RawArticle | Problem] | None = None,
    processes: int = 1,
    fields: Mapping[str, str] | None = None,
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
    items = raws if raws is not None else iter_inputs(paths or [], fields)

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
        from storyledger.nlp.parallel import extract_parallel

        extracted = extract_parallel(new, processes=processes, on_problem=result.problems.append)
    else:
        extracted = extract(new, on_problem=result.problems.append)
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
    Grouping happens inside that transaction, under the store's one write lock: when another
    process (a second ingest, the web app) committed since this one last looked, the grouper
    is reloaded from the store first (its events, its recent window article by article, its
    counts) and the batch re-checked against what is now stored, so overlapping ingests group
    as if they had run one after the other.
    Stories touched by the run get their comparison recomputed at the end; `result.stories`
    lists those whose articles or thread differ from before the run (an article that joined
    an event on arrival and left it when the window was re-clustered changed nothing).
    """
    from storyledger.compare.ledger import compare_story

    result = result if result is not None else IngestResult()
    grouper, seen = None, None
    touched: set[str] = set()
    before: dict[str, tuple] = {}  # each touched story as it was before the run
    for extracted in _batched(articles, batch_size):
        with store.transaction():
            batch = list(_unstored(extracted, store, result, batch_size))
            if not batch:
                continue
            if grouper is None or store.data_version() != seen:
                grouper, seen = _grouper(store), store.data_version()
            for a in batch:
                grouper.add(a)
            # a re-clustering of the window (every `settle_every` arrivals) may also move
            # stored articles to another event
            assignments = {a.id: grouper.story_of(a.id) for a in batch} | grouper.moved()
            changed = grouper.changed()
            _remember(store, before, [*assignments.values(), *(s.id for s in changed)])
            store.write_batch(
                batch,
                assignments,
                changed,
                grouper.state(df=False),
                window=grouper.window_changes(),
                df_changes=grouper.df_changes(),
            )
        result.added.extend(a.id for a in batch)
        touched.update(assignments.values())
        touched.update(s.id for s in changed)
        if progress:
            progress(len(batch))
    if grouper is not None:
        with store.transaction():
            # the run's window re-clustered once more, as a batch would be (by the store's
            # grouper when another process wrote meanwhile)
            if store.data_version() != seen:
                grouper = _grouper(store)
            grouper.settle()
            moves, changed = grouper.moved(), grouper.changed()
            window = grouper.window_changes()
            if moves or changed or any(window):
                _remember(store, before, [*moves.values(), *(s.id for s in changed)])
                store.write_batch(
                    [],
                    moves,
                    changed,
                    grouper.state(df=False),
                    window=window,
                    df_changes=grouper.df_changes(),
                )
                touched.update(moves.values())
                touched.update(s.id for s in changed)
    for story_id in sorted(touched):
        members = store.articles_of_story(story_id)
        if not members:  # emptied into other events by the re-clustering
            touched.discard(story_id)
            continue
        store.save_ledger(compare_story(story_id, store.story_title(story_id), members))
    result.stories = sorted(s for s in touched if _story_state(store, s) != before.get(s))
    _log_changes(store, result.stories)
    return result


def _story_state(store: Store, story_id: str) -> tuple:
    """What a run may change of a story: its articles and its thread."""
    return store.story_state(story_id)


def _remember(store: Store, before: dict[str, tuple], story_ids: Iterable[str]) -> None:
    for sid in story_ids:
        if sid not in before:
            before[sid] = _story_state(store, sid)


def _log_changes(store: Store, story_ids: list[str]) -> None:
    """Followed stories and saved searches log what this ingest changed (follow.py)."""
    from storyledger import follow

    follow.record_changes(store, story_ids)


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
                item.id = suffixed_id(item.id, item.text)
            yield item


def _grouper(store: Store):
    from storyledger.compare.stories import GroupingConfig, StoryGrouper

    config = GroupingConfig()
    return StoryGrouper(
        store.load_sketches(config.max_active),
        state=store.grouper_state(),
        keep_cold=False,
        window=store.load_window(),
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
    """The story with its articles and its thread, in the shape of the JSON contract."""
    found = story(store, story_id)
    return Ledger(
        articles=store.articles_of_story(story_id),
        stories=[found],
        threads=[thread(store, store.thread_of(story_id))],
    )


def thread(store: Store, thread_id: str, story_of: Callable[[str], Story] | None = None) -> Thread:
    """A thread: its events in date order and how the figures moved between them.

    `story_of` reads an event's comparison (default: `story` on this store, which computes
    and caches what is not cached yet); the web app passes its own, which writes under its
    lock.
    """
    from storyledger.compare.threads import Event, thread_record

    read = story_of or (lambda sid: story(store, sid))
    events = []
    for summary in store.thread_stories(thread_id):
        compared = read(summary.id)
        summary.n_discrepancies = len(compared.discrepancies)  # the listing may predate it
        events.append(Event(summary, compared, store.articles_of_story(summary.id)))
    return thread_record(thread_id, events)


def thread_ledger(store: Store, thread_id: str) -> Ledger:
    """A whole thread as a ledger: every event's comparison and articles, and the thread."""
    found = thread(store, thread_id)
    stories = [story(store, e.id) for e in found.events]
    articles = [a for e in found.events for a in store.articles_of_story(e.id)]
    return Ledger(articles=articles, stories=stories, threads=[found])


def list_stories(
    store: Store,
    query: str | None = None,
    entity: str | None = None,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[StorySummary], int]:
    """Stories newest first, filtered by words, an entity, an outlet or YYYY-MM-DD bounds;
    returns (page, total matching). The CLI's `stories` and the web's story lists."""
    return store.list_stories(query, entity, outlet, date_from, date_to, limit, offset)


def list_threads(
    store: Store, min_events: int = 1, limit: int = 50, offset: int = 0
) -> tuple[list[ThreadSummary], int]:
    """Threads latest first, with at least `min_events` events; returns (page, total)."""
    return store.list_threads(min_events=min_events, limit=limit, offset=offset)


# --- grouping in pieces (the Spark path groups time windows apart, then stitches them) -------


def grouping_days(published: str | None) -> tuple[int, int] | None:
    """The first and last day (ordinals) a publication date may mean, as grouping reads it;
    None for an undated article."""
    from storyledger.compare.features import day_range

    return day_range(published)


def grouping_terms(article: Article, config: GroupingConfig | None = None) -> set[str]:
    """The terms an article adds to the document frequencies grouping weighs terms by."""
    from storyledger.compare.stitch import corpus_terms

    return corpus_terms(article, config or GroupingConfig())


def group_window(
    articles: list[Article],
    n_docs: int,
    df: dict[str, int],
    config: GroupingConfig | None = None,
) -> list[StorySketch]:
    """The events of one slice of a corpus (`n_docs` articles with document frequencies
    `df`, this slice included), grouped in batch as `analyze` groups, with the corpus's idf."""
    from storyledger.compare.stitch import group_window as grouped
    from storyledger.compare.stitch import window_state

    config = config or GroupingConfig()
    return grouped(articles, window_state(articles, n_docs, df, config), config)


def stitch_events(
    left: list[StorySketch], right: list[StorySketch], config: GroupingConfig | None = None
) -> list[tuple[str, str]]:
    """(left, right) event ids that are one event across a window border (compare/stitch.py)."""
    from storyledger.compare.stitch import stitch

    return stitch(left, right, config or GroupingConfig())


def match_events(
    events: list[StorySketch], candidates: list[StorySketch], config: GroupingConfig | None = None
) -> list[tuple[str, str, float]]:
    """Each event's best candidate event at the event threshold, with the similarity."""
    from storyledger.compare.stitch import best_match

    return best_match(events, candidates, config or GroupingConfig())


def merge_events(parts: list[StorySketch], config: GroupingConfig | None = None) -> StorySketch:
    """One event from parts stitched together."""
    from storyledger.compare.stitch import merge_sketches

    return merge_sketches(parts, config or GroupingConfig())
