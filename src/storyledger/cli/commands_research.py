"""Research commands: outlets, blindspots, export, follow, unfollow, save-search, changes
(a thin shell over storyledger.research, follow and bulk, the library's research front door).
"""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.markup import escape as rich_escape

from storyledger.cli.common import (
    DB_OPTION,
    checked_date,
    db_path,
    echo_json,
    err,
    exit_status,
    handle_errors,
    plain,
    report_problems,
)
from storyledger.tables import EXPORT_FORMATS, KIND_COLUMNS

KINDS = tuple(KIND_COLUMNS)


@click.group("outlets")
def outlets() -> None:
    """The outlet table: neutral facts shipped with storyledger, and your own tags."""


@outlets.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False))
@DB_OPTION
@handle_errors
def outlets_import(csv_file: str, db: str | None) -> None:
    """Import outlets from CSV: name, domains, country, language, type, then any tags."""
    from storyledger import research
    from storyledger.store import Store

    with Store(db_path(db)) as store:
        result = research.import_outlets(store, csv_file)
    report_problems(result.problems)
    err.print(f"{result.stored} outlets stored, {len(result.problems)} rows skipped")
    sys.exit(exit_status(result.stored, result.problems))


@outlets.command("export")
@DB_OPTION
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here.")
@click.option("--imported-only", is_flag=True, help="Leave out the shipped table.")
@handle_errors
def outlets_export(db: str | None, output: str | None, imported_only: bool) -> None:
    """Write the outlet table as CSV (the columns `outlets import` reads)."""
    from storyledger import research
    from storyledger.store import Store

    with Store(db_path(db), create=False) as store:
        chunks = research.export_outlets(store, shipped=not imported_only)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                fh.writelines(chunks)
        else:
            for chunk in chunks:
                click.echo(chunk, nl=False)


@outlets.command("list")
@DB_OPTION
@click.option("--imported-only", is_flag=True, help="Leave out the shipped table.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@handle_errors
def outlets_list(db: str | None, imported_only: bool, as_json: bool) -> None:
    """List outlets with their facts and tags."""
    from rich.table import Table

    from storyledger import research
    from storyledger.model import to_dict
    from storyledger.store import Store

    with Store(db_path(db), create=False) as store:
        found = research.list_outlets(store, shipped=not imported_only)
    if as_json:
        for o in found:
            echo_json(to_dict(o))
        return
    table = Table(title=f"{len(found)} outlets", title_justify="left")
    for col in ("name", "domains", "country", "language", "type", "tags", "source"):
        table.add_column(col)
    for o in found:
        tags = ", ".join(f"{k}={v}" for k, v in o.tags.items())
        cells = [o.name, " ".join(o.domains), o.country, o.language, o.type, tags, o.source]
        table.add_row(*(rich_escape(c or "") for c in cells))
    Console().print(table)


@click.command("blindspots")
@DB_OPTION
@click.option("--by", required=True, help="An outlet tag (lean, owner…) or country, type.")
@click.option("--threshold", default=0.8, show_default=True, help="Share for 'mostly'.")
@click.option("--min-articles", default=2, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@handle_errors
def blindspots(db: str | None, by: str, threshold: float, min_articles: int, as_json: bool) -> None:
    """Stories (and figures) carried only or mostly by one group of outlets, with counts."""
    from rich.table import Table

    from storyledger import research
    from storyledger.model import to_dict
    from storyledger.store import Store

    with Store(db_path(db), create=False) as store:
        found = research.blindspots(store, by, threshold, min_articles)
    if as_json:
        for b in found:
            echo_json(to_dict(b))
        return
    table = Table(title=f"{len(found)} blindspots by {rich_escape(by)}", title_justify="left")
    for col in ("kind", "story", "group", "share", "articles per group", "what"):
        table.add_column(col)
    for b in found:
        counts = ", ".join(f"{k}: {n}" for k, n in sorted(b.counts.items()))
        what = b.label if b.kind == "figure" else b.title
        cells = [b.kind, b.story, b.group, f"{b.share:.0%}", counts, what or ""]
        table.add_row(*(rich_escape(c) for c in cells))
    Console().print(table)


@click.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@DB_OPTION
@click.option("-q", "--query", help="Only items from articles holding these words.")
@click.option("--from", "date_from", help="Published on or after YYYY-MM-DD.")
@click.option("--to", "date_to", help="Published on or before YYYY-MM-DD.")
@click.option("--outlet", help="Only items from this outlet (name as listed).")
@click.option("--collection", help="Only items from outlets tagged TAG=VALUE (lean=left).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@handle_errors
def export_command(
    kind: str,
    db: str | None,
    query: str | None,
    date_from: str | None,
    date_to: str | None,
    outlet: str | None,
    collection: str | None,
    fmt: str,
    output: str,
) -> None:
    """Export every article, story, fact, quote, claim or discrepancy, streamed to a file."""
    from storyledger import bulk
    from storyledger.store import Store

    date_from, date_to = checked_date(date_from, "--from"), checked_date(date_to, "--to")
    filters = bulk.ExportFilter(
        query=query,
        date_from=date_from,
        date_to=date_to,
        outlet=outlet,
        collection=bulk.ExportFilter.parse_collection(collection),
    )
    with Store(db_path(db), create=False) as store:
        n = bulk.export_file(store, kind, fmt, output, filters)
    err.print(f"wrote {rich_escape(output)} ({n} {kind})")


@click.command("follow")
@click.argument("story_id")
@DB_OPTION
@handle_errors
def follow_command(story_id: str, db: str | None) -> None:
    """Follow a story: its changes from now on show in `changes` and its Atom feed."""
    from storyledger import follow
    from storyledger.store import Store

    with Store(db_path(db)) as store:
        follow.follow_story(store, story_id)
    err.print(f"following {rich_escape(story_id)} (feed: /feeds/story/{story_id}.atom)")


@click.command("unfollow")
@click.argument("story_id")
@DB_OPTION
@handle_errors
def unfollow_command(story_id: str, db: str | None) -> None:
    """Stop following a story."""
    from storyledger import follow
    from storyledger.store import Store

    with Store(db_path(db)) as store:
        follow.unfollow_story(store, story_id)


@click.command("save-search")
@click.argument("name")
@click.argument("words", nargs=-1, required=True)
@DB_OPTION
@click.option("--delete", is_flag=True, help="Delete the saved search NAME instead.")
@handle_errors
def save_search_command(name: str, words: tuple[str, ...], db: str | None, delete: bool):
    """Save a search: the stories its words match are followed (feed per NAME)."""
    from storyledger import follow
    from storyledger.store import Store

    with Store(db_path(db)) as store:
        if delete:
            follow.delete_search(store, name)
        else:
            follow.save_search(store, name, " ".join(words))


@click.command("changes")
@DB_OPTION
@click.option("--since", help="Only changes logged on or after YYYY-MM-DD.")
@click.option("--story", help="Only this story's changes.")
@click.option("--search", help="Only the changes of the stories this saved search finds.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of lines of text.")
@handle_errors
def changes_command(
    db: str | None, since: str | None, story: str | None, search: str | None, as_json: bool
) -> None:
    """What changed in followed stories and saved searches (outlets, figures, differences)."""
    from storyledger import follow
    from storyledger.model import to_dict
    from storyledger.store import Store

    since = checked_date(since, "--since")
    with Store(db_path(db), create=False) as store:
        follow.record_changes(store)
        found = follow.changes(store, since=since, story=story, search=search)
    for c in found:
        if as_json:
            echo_json(to_dict(c))
        else:
            title = c.story_title or c.story
            click.echo(f"{c.at}  {c.story}  {plain(title)}\n    {plain(c.summary)}")


COMMANDS = [
    outlets,
    blindspots,
    export_command,
    follow_command,
    unfollow_command,
    save_search_command,
    changes_command,
]
