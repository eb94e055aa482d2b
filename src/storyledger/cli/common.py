"""What every command shares: the error handler (the only place errors become messages and
exit codes), the common options, problem lines and progress on stderr."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable

import click
from rich.console import Console
from rich.text import Text

from storyledger.errors import InputError, StoryledgerError
from storyledger.model import Problem

# Exit codes of a run that went on past bad inputs, from the error classes (errors.py):
# some inputs were skipped (the base class's 1), or no input could be processed (3).
EXIT_SKIPPED = StoryledgerError.exit_code
EXIT_NOTHING = InputError.exit_code

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
FIELD_OPTION = click.option(
    "--field",
    "field_options",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read FIELD (text, title, outlet, published, url, id) from COLUMN; repeatable.",
)


def db_path(path: str | None) -> str:
    from storyledger.store import default_db_path

    return path or default_db_path()


def handle_errors(func: Callable) -> Callable:
    """Turn library errors into one message on stderr and the class's exit code."""

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


def skipped(problems: list[Problem]) -> list[Problem]:
    """The problems that cost an input (warnings about kept articles do not)."""
    return [p for p in problems if not p.kept]


def exit_status(processed: int, problems: list[Problem]) -> int:
    problems = skipped(problems)
    if processed == 0 and problems:
        return EXIT_NOTHING
    return EXIT_SKIPPED if problems else 0


def field_map(options: tuple[str, ...]) -> dict[str, str]:
    from storyledger.ingest.records import parse_field_options

    return parse_field_options(options)


def progress(total_hint: int | None, label: str):
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


def checked_date(value: str | None, option: str) -> str | None:
    """A YYYY-MM-DD option's value, normalised; a usage error (exit 2) naming the option."""
    from storyledger.ingest.common import normalise_date

    if not value:
        return None
    day = normalise_date(value)
    if day is None:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=option)
    return day


def date_span(first: str | None, last: str | None) -> str:
    """'first – last', one date when they agree, 'undated' when neither is known."""
    return " – ".join(dict.fromkeys(d for d in (first, last) if d)) or "undated"


def echo_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False))


def echo_json_lines(records: Iterable[object]) -> None:
    """One JSON object a line, for `--json` listings."""
    from storyledger.model import to_dict

    for record in records:
        echo_json(to_dict(record))


def plain(text: str) -> str:
    """User text for a terminal: control characters (escape sequences) dropped."""
    return "".join(ch for ch in text if ch.isprintable())


def write_or_echo(text: str, output: str | None) -> None:
    from pathlib import Path

    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
