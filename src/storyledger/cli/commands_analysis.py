"""analyze (files to a report, no store) and show (a stored story or thread)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from storyledger.cli.common import (
    DB_OPTION,
    FIELD_OPTION,
    db_path,
    err,
    exit_status,
    field_map,
    handle_errors,
    progress,
    report_problems,
    write_or_echo,
)
from storyledger.report import FORMATS


def _rendered(ledger, fmt: str, output: str | None) -> str:
    """The ledger in `fmt`; coloured and fitted to the terminal when text goes to one."""
    from storyledger.report import render

    to_terminal = output is None and fmt == "text" and sys.stdout.isatty()
    return render(ledger, fmt, color=to_terminal, width=Console().width if to_terminal else None)


@click.command("analyze")
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

    fields = field_map(field_options)
    bar, advance = progress(None, "extracting")
    if bar:
        with bar:
            ledger, problems = api.analyze(paths, advance, fields)
    else:
        ledger, problems = api.analyze(paths, fields=fields)
    report_problems(problems)
    articles = ledger.articles
    text = _rendered(ledger, fmt, output)
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
    sys.exit(exit_status(len(articles), problems))


@click.command("show")
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
    from storyledger.errors import UsageError
    from storyledger.store import Store

    if by and fmt == "csv":
        raise UsageError("--by adds a section a CSV of facts cannot hold; choose another format")
    with Store(db_path(db), create=False) as store:
        if as_thread or story_id.startswith("t-"):
            if by:
                raise UsageError("--by splits one story's comparisons; show a story, not a thread")
            ledger = api.thread_ledger(store, story_id)
        else:
            ledger = api.story_ledger(store, story_id)
        if by:
            from storyledger import research

            groups = research.group_view(store, story_id, by, ledger.stories[0])
    text = _rendered(ledger, fmt, output)
    if by:
        from storyledger.report.groups import add_groups

        text = add_groups(text, fmt, groups)
    write_or_echo(text, output)


COMMANDS = [analyze, show]
