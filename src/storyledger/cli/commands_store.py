"""The store's commands: ingest (files into it), stories and threads (list it), load (Spark's
Parquet results into it)."""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from storyledger.cli.common import (
    DB_OPTION,
    FIELD_OPTION,
    checked_date,
    date_span,
    db_path,
    echo_json_lines,
    err,
    exit_status,
    field_map,
    handle_errors,
    progress,
    report_problems,
    skipped,
)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("-p", "--processes", default=1, show_default=True, help="Extraction processes.")
@FIELD_OPTION
@handle_errors
def ingest(
    paths: tuple[str, ...], db: str | None, processes: int, field_options: tuple[str, ...]
) -> None:
    """Extract articles into the store and group them into stories (re-ingesting is a no-op)."""
    from storyledger import api
    from storyledger.store import Store

    fields = field_map(field_options)
    with Store(db_path(db)) as store:
        bar, advance = progress(None, "ingesting")
        if bar:
            with bar:
                result = api.ingest(paths, store, advance, processes=processes, fields=fields)
        else:
            result = api.ingest(paths, store, processes=processes, fields=fields)
    report_problems(result.problems)
    folded = f", {len(result.folded)} folded into a copy" if result.folded else ""
    err.print(
        f"{len(result.added)} added, {len(result.duplicates)} already stored{folded}, "
        f"{len(skipped(result.problems))} skipped; {len(result.stories)} stories changed"
        f" ({db_path(db)})",
        markup=False,
    )
    accepted = len(result.added) + len(result.duplicates) + len(result.folded)
    sys.exit(exit_status(accepted, result.problems))


@click.command("stories")
@DB_OPTION
@click.option("-q", "--search", "query", help="Words that must appear in the story's articles.")
@click.option("--entity", help="Only stories naming this person or organisation.")
@click.option("--outlet", help="Only stories covered by this outlet.")
@click.option("--from", "date_from", help="Only stories running on or after YYYY-MM-DD.")
@click.option("--to", "date_to", help="Only stories running on or before YYYY-MM-DD.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@handle_errors
def stories(
    db: str | None,
    query: str | None,
    entity: str | None,
    outlet: str | None,
    limit: int,
    as_json: bool,
    date_from: str | None = None,
    date_to: str | None = None,
) -> None:
    """List the stories in the store, newest first."""
    from storyledger import api
    from storyledger.store import Store

    date_from, date_to = checked_date(date_from, "--from"), checked_date(date_to, "--to")
    with Store(db_path(db), readonly=True) as store:
        page, total = api.list_stories(
            store,
            query,
            entity=entity,
            outlet=outlet,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
        )
    if as_json:
        echo_json_lines(page)
        return
    table = Table(title=f"{total} stories", title_justify="left")
    for col in ("id", "dates", "articles", "outlets", "differences", "title"):
        table.add_column(col)
    for s in page:
        table.add_row(  # user text as Text: never read as markup
            Text(s.id),
            Text(date_span(s.first_date, s.last_date)),
            str(s.n_articles),
            Text(", ".join(s.outlets) or "—"),
            str(s.n_discrepancies),
            Text(s.title or ""),
        )
    Console().print(table)


@click.command("threads")
@DB_OPTION
@click.option("--min-events", default=1, show_default=True, help="Only threads this long.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@handle_errors
def threads(db: str | None, min_events: int, limit: int, as_json: bool) -> None:
    """List the threads (developing stories linking events) in the store, latest first."""
    from storyledger import api
    from storyledger.store import Store

    with Store(db_path(db), create=False) as store:  # not read-only: an older store is upgraded
        page, total = api.list_threads(store, min_events=min_events, limit=limit)
    if as_json:
        echo_json_lines(page)
        return
    table = Table(title=f"{total} threads", title_justify="left")
    for col in ("id", "dates", "events", "articles", "outlets", "title"):
        table.add_column(col)
    for t in page:
        table.add_row(
            Text(t.id),
            Text(date_span(t.first_date, t.last_date)),
            str(t.n_events),
            str(t.n_articles),
            Text(", ".join(t.outlets) or "—"),
            Text(t.title),
        )
    Console().print(table)


@click.command("load")
@click.argument("parquet")
@DB_OPTION
@handle_errors
def load(parquet: str, db: str | None) -> None:
    """Bring Parquet results of `storyledger spark` into the store."""
    from storyledger.scale.spark import load_parquet, parquet_files
    from storyledger.store import Store

    parquet_files(parquet)  # a missing or unreadable input never leaves a new store behind
    with Store(db_path(db)) as store:
        result = load_parquet(parquet, store)
    report_problems(result.problems)
    err.print(f"{len(result.added)} added, {len(result.duplicates)} already stored")
    sys.exit(exit_status(len(result.added) + len(result.duplicates), result.problems))


COMMANDS = [ingest, stories, threads, load]
