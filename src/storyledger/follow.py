"""Follow a story or a search: what changed (new outlet, new or changed figure, new
difference) since the story was last looked at, kept as a change log for feeds and the CLI.

Part of the library's front door. `record_changes` runs after every ingest (api.py) and
before a feed or `storyledger changes` is read, so a change is logged once, when it is seen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from storyledger import labels
from storyledger.errors import NotFoundError, UsageError
from storyledger.model import Discrepancy, Story
from storyledger.store import Store
from storyledger.store import follows as sql

MAX_NAME = 100


@dataclass
class Change:
    id: int
    story: str
    story_title: str | None
    kind: str  # outlet | figure | discrepancy | story
    summary: str
    at: str


def follow_story(store: Store, story_id: str, ledger_of: Callable[[str], Story] | None = None):
    """Follow a story: what it shows now is the baseline its feed's changes start from."""
    sql.require_story(store.conn, story_id)
    sql.follow(store.conn, story_id)
    record_changes(store, [story_id], ledger_of)


def is_followed(store: Store, story_id: str) -> bool:
    return sql.is_followed(store.conn, story_id)


def saved_search(store: Store, name: str) -> str | None:
    """The words of a saved search, or None."""
    found = sql.search(store.conn, name)
    return found[0] if found else None


def unfollow_story(store: Store, story_id: str) -> None:
    if not sql.unfollow(store.conn, story_id):
        raise NotFoundError(f"story {story_id!r} is not followed")


def save_search(store: Store, name: str, query: str) -> None:
    """Save words under a name; stories they match are tracked from now on."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or "/" in name:
        raise UsageError(f"search name {name!r}: 1 to {MAX_NAME} characters, no '/'")
    if not query.strip():
        raise UsageError("a saved search needs words")
    sql.save_search(store.conn, name, query.strip())
    record_changes(store, sql.search_stories(store.conn, query), baseline=True)


def delete_search(store: Store, name: str) -> None:
    if not sql.delete_search(store.conn, name):
        raise NotFoundError(f"no saved search {name!r}")


def story_state(story: Story, articles_outlets: dict[str, str]) -> dict:
    """What a follower watches in a story: outlets, figures (per outlet), differences."""
    figures: dict[str, list[str]] = {}
    for fact in story.facts:
        if fact.kind != "quantity":
            continue
        cells = {
            f"{articles_outlets.get(e.article, e.article)}: {labels.entry_value(e)}"
            for e in fact.entries
        }
        figures.setdefault(fact.label, [])
        figures[fact.label] = sorted(set(figures[fact.label]) | cells)
    return {
        "outlets": sorted(set(articles_outlets.values())),
        "figures": figures,
        "discrepancies": {_key(d): f"{d.kind}: {d.summary}" for d in story.discrepancies},
    }


def _key(d: Discrepancy) -> str:
    """A difference's identity across recomputations: its fact, else where it was first seen.

    Summaries name every outlet, so they change whenever an outlet joins the story; the
    fact (or the first span of evidence) does not.
    """
    if d.fact:
        return f"{d.kind}|{d.fact}"
    if d.evidence:
        return f"{d.kind}|{d.evidence[0].article}|{d.evidence[0].start}"
    return f"{d.kind}|{d.summary}"


def diff(old: dict, new: dict) -> list[tuple[str, str]]:
    """(kind, summary) of what `new` shows that `old` did not."""
    out: list[tuple[str, str]] = []
    for outlet in new["outlets"]:
        if outlet not in old.get("outlets", []):
            out.append(("outlet", f"New outlet: {outlet}"))
    before = old.get("figures", {})
    for label, cells in new["figures"].items():
        if label not in before:
            out.append(("figure", f"New figure: {label}: {'; '.join(cells)}"))
        elif set(cells) != set(before[label]):
            added = [c for c in cells if c not in before[label]]
            gone = [c for c in before[label] if c not in cells]
            text = f"Changed figure: {label}: now {'; '.join(added) or 'fewer reports'}"
            out.append(("figure", text + (f" (was {'; '.join(gone)})" if gone else "")))
    seen = old.get("discrepancies", {})
    for key, summary in new["discrepancies"].items():
        if key not in seen:
            out.append(("discrepancy", f"New difference: {summary}"))
    return out


def tracked(store: Store) -> dict[str, str | None]:
    """Every story followed or matched by a saved search, with the search's creation time
    (None for followed stories: their baseline is taken when they are followed)."""
    found: dict[str, str | None] = {sid: None for sid, _ in sql.followed(store.conn)}
    for _, query, created in sql.searches(store.conn):
        for sid in sql.search_stories(store.conn, query):
            found.setdefault(sid, created)
    return found


def record_changes(
    store: Store,
    story_ids: Iterable[str] | None = None,
    ledger_of: Callable[[str], Story] | None = None,
    baseline: bool = False,
) -> int:
    """Log what changed in the tracked stories among `story_ids` (all tracked when None).

    A story seen for the first time is a change only when a saved search finds it after
    it was saved; with `baseline` (a search just saved) it is only remembered.
    """
    from storyledger import api, research

    ledger_of = ledger_of or (lambda sid: api.story(store, sid))
    watch = tracked(store)
    find = research.resolver(store) if watch else None
    chosen = watch if story_ids is None else [s for s in story_ids if s in watch]
    logged = 0
    for story_id in chosen:
        if not store.story_state(story_id)[0]:  # gone (merged before follows moved with it)
            continue
        story = ledger_of(story_id)
        outlets = {}
        for a in store.articles_of_story(story_id):
            linked = find.resolve(a.outlet, a.url) if find else None
            outlets[a.id] = linked.name if linked else labels.outlet_label(a, a.id)
        state = story_state(story, outlets)
        old = sql.snapshot(store.conn, story_id)
        if old is None:
            created = watch[story_id]
            first = sql.first_ingested(store.conn, story_id)
            found = []
            if created is not None and not baseline:  # a saved search finds a story
                new = first is not None and first >= created
                lead = "New story" if new else "Now matches the search"
                found = [("story", f"{lead}: {story.title}")]
        else:
            found = diff(old, state)
        if old is None or found:
            sql.record(store.conn, story_id, state, found)
            logged += len(found)
    return logged


def changes(
    store: Store,
    since: str | None = None,
    story: str | None = None,
    search: str | None = None,
    limit: int = 200,
) -> list[Change]:
    """Logged changes, newest first: of one story, of one saved search, or of everything."""
    ids: list[str] | None = None
    if story is not None:
        sql.require_story(store.conn, story)
        ids = [story]
    elif search is not None:
        saved = sql.search(store.conn, search)
        if saved is None:
            raise NotFoundError(f"no saved search {search!r}")
        ids = sql.search_stories(store.conn, saved[0])
    rows = sql.changes(store.conn, ids, since, limit)
    return [Change(*row[:2], row[5], *row[2:5]) for row in rows]
