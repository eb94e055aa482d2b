"""The command line: a thin shell over `storyledger.api`; the only place errors become messages.

Exit codes:
  0  every input was read and processed
  1  some inputs were skipped (each named on stderr); the rest were processed and stored
  2  usage error (unknown option, missing argument)
  3  no input could be processed
  4  the story or article asked for is not in the store
  5  the store cannot be opened or written
  6  the spaCy model is missing
  7  evaluation: a corpus is missing, or a metric fell below its recorded floor
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from storyledger import __version__
from storyledger.errors import StoryledgerError
from storyledger.model import Problem
from storyledger.report import FORMATS

EXIT_SKIPPED = 1
EXIT_NOTHING = 3

err = Console(stderr=True, highlight=False, emoji=False)  # user text: no :emoji: codes
DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Store file (default: $STORYLEDGER_DB or ./storyledger.db).",
)

ALLOW_PRIVATE_OPTION = click.option(
    "--allow-private-feeds",
    is_flag=True,
    help="Also fetch feeds and pages on loopback, private and link-local addresses "
    "(refused by default: a feed URL or a feed's links must not reach inside your network).",
)


def _db(path: str | None) -> str:
    from storyledger.store import default_db_path

    return path or default_db_path()


def handle_errors(func: Callable) -> Callable:
    """Turn library errors into one message on stderr and the documented exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except StoryledgerError as exc:
            err.print(Text.assemble(("error:", "bold red"), f" {exc}"), soft_wrap=True)
            sys.exit(exc.exit_code)

    return wrapper


def report_problems(problems: list[Problem]) -> None:
    """One line per problem; file names and reasons are user text, printed as `Text` so rich
    never reads them as markup."""
    for p in problems:
        label = "warning" if p.kept else "skipped"
        err.print(Text.assemble((label, "yellow"), f" {p.source}: {p.reason}"), soft_wrap=True)


def _skipped(problems: list[Problem]) -> list[Problem]:
    """The problems that cost an input (warnings about kept articles do not)."""
    return [p for p in problems if not p.kept]


def _field_map(options: tuple[str, ...]) -> dict[str, str]:
    from storyledger.ingest.records import parse_field_options

    return parse_field_options(options)


FIELD_OPTION = click.option(
    "--field",
    "field_options",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read FIELD (text, title, outlet, published, url, id) from COLUMN; repeatable.",
)


def _progress(total_hint: int | None, label: str):
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    if not err.is_terminal:
        return None, None
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = bar.add_task(label, total=total_hint)
    return bar, lambda n: bar.advance(task, n)


def _exit_status(processed: int, problems: list[Problem]) -> int:
    problems = _skipped(problems)
    if processed == 0 and problems:
        return EXIT_NOTHING
    return EXIT_SKIPPED if problems else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyledger")
def main() -> None:
    """storyledger: who claims what, on whose authority, and where news outlets differ."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not stdout.")
@FIELD_OPTION
@handle_errors
def analyze(
    paths: tuple[str, ...], fmt: str, output: str | None, field_options: tuple[str, ...]
) -> None:
    """Read articles (files, folders, globs), group them into stories and compare the outlets."""
    from storyledger import api
    from storyledger.report import render

    fields = _field_map(field_options)
    bar, advance = _progress(None, "extracting")
    if bar:
        with bar:
            ledger, problems = api.analyze(paths, advance, fields)
    else:
        ledger, problems = api.analyze(paths, fields=fields)
    report_problems(problems)
    articles = ledger.articles
    to_terminal = output is None and fmt == "text" and sys.stdout.isatty()
    text = render(ledger, fmt, color=to_terminal, width=Console().width if to_terminal else None)
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
        err.print(
            f"wrote {output} ({len(ledger.stories)} stories, {len(articles)} articles)",
            markup=False,
            soft_wrap=True,
        )
    else:
        click.echo(text, nl=False)
    sys.exit(_exit_status(len(articles), problems))


@main.command()
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

    fields = _field_map(field_options)
    with Store(_db(db)) as store:
        bar, advance = _progress(None, "ingesting")
        if bar:
            with bar:
                result = api.ingest(paths, store, advance, processes=processes, fields=fields)
        else:
            result = api.ingest(paths, store, processes=processes, fields=fields)
    report_problems(result.problems)
    folded = f", {len(result.folded)} folded into a copy" if result.folded else ""
    err.print(
        f"{len(result.added)} added, {len(result.duplicates)} already stored{folded}, "
        f"{len(_skipped(result.problems))} skipped; {len(result.stories)} stories changed"
        f" ({_db(db)})",
        markup=False,
    )
    accepted = len(result.added) + len(result.duplicates) + len(result.folded)
    sys.exit(_exit_status(accepted, result.problems))


@main.command()
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
    from rich.table import Table

    from storyledger.ingest.common import normalise_date
    from storyledger.store import Store

    for name, value in (("--from", date_from), ("--to", date_to)):
        if value and normalise_date(value) is None:
            raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=name)
    with Store(_db(db), readonly=True) as store:
        page, total = store.list_stories(
            query,
            entity=entity,
            outlet=outlet,
            date_from=normalise_date(date_from) if date_from else None,
            date_to=normalise_date(date_to) if date_to else None,
            limit=limit,
        )
    if as_json:
        _echo_json_lines(page)
        return
    table = Table(title=f"{total} stories", title_justify="left")
    for col in ("id", "dates", "articles", "outlets", "differences", "title"):
        table.add_column(col)
    for s in page:
        dates = _date_span(s.first_date, s.last_date)
        table.add_row(  # user text as Text: never read as markup
            Text(s.id),
            Text(dates),
            str(s.n_articles),
            Text(", ".join(s.outlets) or "—"),
            str(s.n_discrepancies),
            Text(s.title or ""),
        )
    Console().print(table)


@main.command()
@click.argument("story_id")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@click.option("--by", help="Also split every comparison by an outlet tag (lean, country, type…).")
@click.option(
    "--thread", "as_thread", is_flag=True, help="The id is a thread's (a `t-` id is one anyway)."
)
@handle_errors
def show(
    story_id: str, db: str | None, fmt: str, output: str | None, by: str | None, as_thread: bool
) -> None:
    """Show one story's ledger (or one thread's: its events and how the figures moved)."""
    from storyledger import api
    from storyledger.report import render
    from storyledger.store import Store

    with Store(_db(db), create=False) as store:
        if as_thread or story_id.startswith("t-"):
            if by:
                from storyledger.errors import UsageError

                raise UsageError("--by splits one story's comparisons; show a story, not a thread")
            ledger = api.thread_ledger(store, story_id)
        else:
            ledger = api.story_ledger(store, story_id)
        if by:
            from storyledger import research

            groups = research.group_view(store, story_id, by, ledger.stories[0])
    to_terminal = output is None and fmt == "text" and sys.stdout.isatty()
    text = render(ledger, fmt, color=to_terminal, width=Console().width if to_terminal else None)
    if by:
        from storyledger.report.groups import add_groups

        text = add_groups(text, fmt, groups)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command()
@DB_OPTION
@click.option("--min-events", default=1, show_default=True, help="Only threads this long.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@handle_errors
def threads(db: str | None, min_events: int, limit: int, as_json: bool) -> None:
    """List the threads (developing stories linking events) in the store, latest first."""
    from rich.table import Table

    from storyledger.store import Store

    with Store(_db(db), create=False) as store:  # not read-only: an older store is upgraded
        page, total = store.list_threads(min_events=min_events, limit=limit)
    if as_json:
        _echo_json_lines(page)
        return
    table = Table(title=f"{total} threads", title_justify="left")
    for col in ("id", "dates", "events", "articles", "outlets", "title"):
        table.add_column(col)
    for t in page:
        dates = _date_span(t.first_date, t.last_date)
        outlets = ", ".join(t.outlets) or "—"
        table.add_row(
            Text(t.id),
            Text(dates),
            str(t.n_events),
            str(t.n_articles),
            Text(outlets),
            Text(t.title),
        )
    Console().print(table)


@main.command("eval")
@click.argument("names", nargs=-1)
@click.option(
    "--shared", type=click.Path(file_okay=False), help="The shared folder (default ../shared)."
)
@click.option(
    "--json", "as_json", type=click.Path(dir_okay=False), help="Also write the metrics here."
)
@click.option("--markdown", type=click.Path(dir_okay=False), help="Also write a Markdown table.")
@click.option("--update-baseline", is_flag=True, help="Raise the recorded floors to these figures.")
@handle_errors
def eval_command(
    names: tuple[str, ...],
    shared: str | None,
    as_json: str | None,
    markdown: str | None,
    update_baseline: bool,
) -> None:
    """Score storyledger on the external corpora (all suites when no NAME is given)."""
    from rich.table import Table

    from storyledger import eval as ev

    chosen = list(names) or list(ev.SUITES)
    metrics = []
    for name in chosen:
        err.print(Text(f"running {name}…", style="dim"))
        metrics.extend(ev.run_suite(name, Path(shared) if shared else None))
    table = Table(title="storyledger eval", title_justify="left")
    for col in ("suite", "metric", "value", "target", "met", "peer", "peer value", "note"):
        table.add_column(col)
    for m in metrics:
        met = "" if m.meets_target is None else ("yes" if m.meets_target else "NO")
        table.add_row(
            m.suite,
            m.name,
            f"{m.value:.3f}",
            "" if m.target is None else f"{m.target:.2f}",
            met,
            m.peer or "",
            "" if m.peer_value is None else f"{m.peer_value:.3f}",
            m.note,
        )
    Console(width=200).print(table)
    if as_json:
        Path(as_json).write_text(json.dumps(ev.metrics_json(metrics), indent=2) + "\n")
    if markdown:
        Path(markdown).write_text(ev.metrics_markdown(metrics))
    baseline = ev.load_baseline()
    if update_baseline:
        baseline.update({m.key: round(m.value, 3) for m in metrics})
        ev.BASELINE.write_text(json.dumps(dict(sorted(baseline.items())), indent=2) + "\n")
        err.print(f"floors written to {ev.BASELINE}")
        return
    dropped = ev.below_floor(metrics, baseline)
    for line in dropped:
        err.print(f"[bold red]below floor[/] {line}")
    if dropped:
        sys.exit(7)


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--token", envvar="STORYLEDGER_TOKEN", help="Required for writes beyond loopback.")
@ALLOW_PRIVATE_OPTION
@handle_errors
def serve(
    db: str | None, host: str, port: int, token: str | None, allow_private_feeds: bool
) -> None:
    """Serve the web app and JSON API over the store."""
    from storyledger.web import serve as run_server

    run_server(_db(db), host=host, port=port, token=token, allow_private_feeds=allow_private_feeds)


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@DB_OPTION
@click.option("--interval", default=900.0, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Poll every feed once and stop.")
@ALLOW_PRIVATE_OPTION
@handle_errors
def watch(
    feeds: tuple[str, ...], db: str | None, interval: float, once: bool, allow_private_feeds: bool
) -> None:
    """Poll RSS/Atom feeds (or URL lists), ingest only what is new, group it into stories."""
    from storyledger.store import Store
    from storyledger.watch import watch as run_watch

    with Store(_db(db)) as store:
        run_watch(
            list(feeds),
            store,
            interval=interval,
            once=once,
            on_event=lambda line: err.print(line, markup=False, highlight=False),
            allow_private=allow_private_feeds,
        )


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Parquet output folder.")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option(
    "--input-format",
    type=click.Choice(["auto", "warc", "jsonl", "parquet"]),
    default="auto",
    show_default=True,
)
@handle_errors
def spark(inputs: tuple[str, ...], output: str, master: str, input_format: str) -> None:
    """Extract and group a corpus on Apache Spark; Parquet out, with the JSON contract's fields."""
    from storyledger.scale.spark import run_spark

    result = run_spark(list(inputs), output, master=master, input_format=input_format)
    err.print(str(result), markup=False)


@main.command()
@click.argument("parquet")
@DB_OPTION
@handle_errors
def load(parquet: str, db: str | None) -> None:
    """Bring Parquet results of `storyledger spark` into the store."""
    from storyledger.scale.spark import load_parquet, parquet_files
    from storyledger.store import Store

    parquet_files(parquet)  # a missing or unreadable input never leaves a new store behind
    with Store(_db(db)) as store:
        result = load_parquet(parquet, store)
    report_problems(result.problems)
    err.print(f"{len(result.added)} added, {len(result.duplicates)} already stored")
    sys.exit(_exit_status(len(result.added) + len(result.duplicates), result.problems))


# Research commands (outlets, blindspots, export, follow, changes) live in their own module.
from storyledger.cli_research import add_commands as _add_research  # noqa: E402

_add_research(main, handle_errors, DB_OPTION, _db, report_problems)


if __name__ == "__main__":  # pragma: no cover
    main()


def _date_span(first: str | None, last: str | None) -> str:
    """'first – last', one date when they agree, 'undated' when neither is known."""
    return " – ".join(dict.fromkeys(d for d in (first, last) if d)) or "undated"


def _echo_json_lines(records: Iterable[object]) -> None:
    """One JSON object a line, for `--json` listings."""
    from storyledger.model import to_dict

    for record in records:
        click.echo(json.dumps(to_dict(record), ensure_ascii=False))
