"""Research workflows over the store: outlet collections, group views, blindspots.

Part of the library's front door (as `storyledger.api`): the CLI and the web app call these,
and none of them computes a group view or reads the outlet table on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyledger.compare.groups import GroupView
from storyledger.model import Article, Outlet, Problem, Story
from storyledger.store import Store
from storyledger.store import outlets as outlet_table


@dataclass
class OutletImport:
    stored: int = 0
    problems: list[Problem] = field(default_factory=list)


def import_outlets(store: Store, path: str | Path) -> OutletImport:
    """Read a user's outlet CSV and store its good rows (in one transaction)."""
    from storyledger.ingest.outlet_table import read_outlets_csv

    outlets, problems = read_outlets_csv(path)
    stored = outlet_table.upsert_outlets(store.conn, outlets) if outlets else 0
    return OutletImport(stored, problems)


def list_outlets(store: Store, shipped: bool = True) -> list[Outlet]:
    """Imported outlets, and (with `shipped`) the neutral table's outlets not imported."""
    if shipped:
        return outlet_table.all_outlets(store.conn)
    return outlet_table.stored_outlets(store.conn)


def tag_keys(store: Store) -> list[str]:
    return outlet_table.tag_keys(store.conn)


def group_keys(store: Store) -> list[str]:
    """What a story can be split by: the outlets' fields, then the user's tag keys."""
    return ["country", "type", "language", *tag_keys(store)]


def export_outlets(store: Store, shipped: bool = True) -> Iterator[str]:
    from storyledger.tables import outlets_csv

    return outlets_csv(list_outlets(store, shipped), tag_keys(store))


def resolver(store: Store) -> outlet_table.OutletResolver:
    return outlet_table.OutletResolver.from_store(store.conn)


def article_outlets(store: Store) -> list[tuple[str, int, Outlet | None]]:
    """Each outlet name the articles carry, how many articles, and the outlet it links to."""
    from storyledger.store.scan import outlet_counts

    find = resolver(store)
    return [(name or "", n, find.resolve(name, url)) for name, url, n in outlet_counts(store.conn)]


# Group views ------------------------------------------------------------------------------


def group_view(store: Store, story_id: str, by: str, story: Story | None = None) -> GroupView:
    """The story's comparisons split by `by` (a tag key, or country / type / language)."""
    from storyledger import api, labels
    from storyledger.compare.groups import group_view as split

    by = by.strip().lower()
    story = story if story is not None else api.story(store, story_id)
    find = resolver(store)

    def label(article: Article) -> str:
        outlet = find.resolve(article.outlet, article.url)
        return outlet.name if outlet else labels.outlet_label(article, article.id)

    return split(
        story,
        store.articles_of_story(story_id),
        lambda a: find.group(by, a.outlet, a.url),
        by,
        labels.entry_value,
        labels.chain,
        label,
    )


@dataclass
class Blindspot:
    """A story, or a figure in a story, carried only (or mostly) by one group of outlets."""

    kind: str  # story | figure
    story: str
    title: str
    group: str
    share: float  # the group's share of the articles whose outlet has a value
    counts: dict[str, int]  # articles per group ("(none)": outlets without a value)
    label: str | None = None  # the figure, for kind == figure
    fact: str | None = None


def blindspots(
    store: Store,
    by: str,
    threshold: float = 0.8,
    min_articles: int = 2,
    figures: bool = True,
    ledger_of: Callable[[str], Story] | None = None,
    limit: int = 500,
) -> list[Blindspot]:
    """Stories whose reports come from one group (`threshold` of those whose outlet has a
    value, and at least `min_articles` of them), then figures only one group reports in a
    story several groups cover. A wire copy folded into an article (`also_in`) counts as
    its outlet's report. Counts come with every row, so the reader can judge the call.
    """
    from storyledger import api
    from storyledger.compare.groups import NO_VALUE
    from storyledger.store.scan import iter_story_members

    by = by.strip().lower()
    find = resolver(store)
    ledger_of = ledger_of or (lambda sid: api.story(store, sid))
    found: list[Blindspot] = []
    mixed: list[tuple[str, str, dict[str, list[str | None]]]] = []
    seen: set[str] = set()  # every group value in the store: one group alone has no blindspot
    for story_id, title, members in iter_story_members(store.conn):
        value_of: dict[str, list[str | None]] = {}
        for aid, outlet, url, also_in in members:  # the article's outlet, then its copies'
            value_of[aid] = [find.group(by, outlet, url), *(find.group(by, o) for o in also_in)]
        counts: dict[str, int] = {}
        for values in value_of.values():
            for value in values:
                counts[value or NO_VALUE] = counts.get(value or NO_VALUE, 0) + 1
        known = {k: n for k, n in counts.items() if k != NO_VALUE}
        seen.update(known)
        total = sum(known.values())
        if total < min_articles or not known:
            continue
        top, n = max(known.items(), key=lambda kv: (kv[1], kv[0]))
        if n / total >= threshold:
            found.append(Blindspot("story", story_id, title, top, n / total, counts))
        elif figures and len(known) > 1:
            mixed.append((story_id, title, value_of))
    if len(seen) < 2:
        return []
    for story_id, title, value_of in mixed if figures else []:
        story = ledger_of(story_id)
        for fact in story.facts:
            if fact.kind != "quantity":
                continue
            carriers = {e.article for e in fact.entries if e.article in value_of}
            counts = {}
            for aid in carriers:
                for value in filter(None, value_of[aid]):
                    counts[value] = counts.get(value, 0) + 1
            if len(counts) == 1:
                group = next(iter(counts))
                found.append(
                    Blindspot("figure", story_id, title, group, 1.0, counts, fact.label, fact.id)
                )
    found.sort(key=lambda b: (b.kind != "story", -b.share, -sum(b.counts.values()), b.story))
    return found[:limit]
