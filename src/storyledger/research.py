"""Research workflows over the store: outlet collections, group views, blindspots.

Part of the library's front door (as `storyledger.api`): the CLI and the web app call these,
and none of them computes a group view or reads the outlet table on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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
    from storyledger.report.outlets import outlets_csv

    return outlets_csv(list_outlets(store, shipped), tag_keys(store))


def resolver(store: Store) -> outlet_table.OutletResolver:
    return outlet_table.OutletResolver.from_store(store.conn)


def article_outlets(store: Store) -> list[tuple[str, int, Outlet | None]]:
    """Each outlet name the articles carry, how many articles, and the outlet it links to."""
    find = resolver(store)
    rows = store.conn.execute(
        "SELECT outlet, min(url), count(*) FROM articles GROUP BY outlet ORDER BY count(*) DESC"
    ).fetchall()
    return [(r[0] or "", r[2], find.resolve(r[0], r[1])) for r in rows]


# Group views ------------------------------------------------------------------------------


def group_view(store: Store, story_id: str, by: str, story: Story | None = None) -> GroupView:
    """The story's comparisons split by `by` (a tag key, or country / type / language)."""
    from storyledger import api
    from storyledger.compare.groups import group_view as split
    from storyledger.report import views

    by = by.strip().lower()
    story = story if story is not None else api.story(store, story_id)
    find = resolver(store)

    def label(article: Article) -> str:
        outlet = find.resolve(article.outlet, article.url)
        return outlet.name if outlet else views.outlet_label(article, article.id)

    return split(
        story,
        store.articles_of_story(story_id),
        lambda a: find.group(by, a.outlet, a.url),
        by,
        views.entry_value,
        views.chain,
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
    """Stories whose articles come from one group (`threshold` of those with a value, and at
    least `min_articles` of them), then figures only one group reports in a story several
    groups cover. Counts come with every row, so the reader can judge the call.
    """
    from storyledger import api
    from storyledger.compare.groups import NO_VALUE

    by = by.strip().lower()
    find = resolver(store)
    ledger_of = ledger_of or (lambda sid: api.story(store, sid))
    found: list[Blindspot] = []
    mixed: list[tuple[str, str, dict[str, str]]] = []
    seen: set[str] = set()  # every group value in the store: one group alone has no blindspot
    rows = store.conn.execute(
        "SELECT a.story_id, a.id, a.outlet, a.url, s.title FROM articles a "
        "JOIN stories s ON s.id = a.story_id ORDER BY a.story_id, a.rowid"
    )
    for story_id, members in _by_story(rows):
        value_of = {aid: find.group(by, outlet, url) for aid, outlet, url, _ in members}
        counts: dict[str, int] = {}
        for value in value_of.values():
            counts[value or NO_VALUE] = counts.get(value or NO_VALUE, 0) + 1
        known = {k: n for k, n in counts.items() if k != NO_VALUE}
        seen.update(known)
        total = sum(known.values())
        if total < min_articles or not known:
            continue
        top, n = max(known.items(), key=lambda kv: (kv[1], kv[0]))
        title = members[0][3]
        if n / total >= threshold:
            found.append(Blindspot("story", story_id, title, top, n / total, counts))
        elif figures and len(known) > 1:
            mixed.append((story_id, title, {a: v for a, v in value_of.items() if v}))
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
                counts[value_of[aid]] = counts.get(value_of[aid], 0) + 1
            if len(counts) == 1:
                group = next(iter(counts))
                found.append(
                    Blindspot("figure", story_id, title, group, 1.0, counts, fact.label, fact.id)
                )
    found.sort(key=lambda b: (b.kind != "story", -b.share, -sum(b.counts.values()), b.story))
    return found[:limit]


def _by_story(rows: Iterable) -> Iterator[tuple[str, list[tuple[str, str, str, str]]]]:
    """(story id, [(article, outlet, url, story title)]) from rows ordered by story."""
    current, members = None, []
    for story_id, aid, outlet, url, title in rows:
        if story_id != current and members:
            yield current, members
            members = []
        current = story_id
        members.append((aid, outlet, url, title))
    if members:
        yield current, members
