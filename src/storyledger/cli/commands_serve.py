"""Long-running commands: serve (the web app), watch (poll feeds), spark (a corpus on Spark)."""

from __future__ import annotations

import click

from storyledger.cli.common import ALLOW_PRIVATE_OPTION, DB_OPTION, db_path, err, handle_errors


@click.command("serve")
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

    run_server(
        db_path(db), host=host, port=port, token=token, allow_private_feeds=allow_private_feeds
    )


@click.command("watch")
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

    with Store(db_path(db)) as store:
        run_watch(
            list(feeds),
            store,
            interval=interval,
            once=once,
            on_event=lambda line: err.print(line, markup=False, highlight=False),
            allow_private=allow_private_feeds,
        )


@click.command("spark")
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


COMMANDS = [serve, watch, spark]
