"""The command line: a thin shell over `storyledger.api`; the only place errors become messages.

Exit codes (each error class in errors.py carries its own):
  0  every input was read and processed
  1  some inputs were skipped (each named on stderr); the rest were processed and stored
  2  usage error (unknown option, missing argument)
  3  no input could be processed
  4  the story or article asked for is not in the store
  5  the store cannot be opened or written
  6  the spaCy model is missing
  7  evaluation: a corpus is missing, or a metric fell below its recorded floor

Commands live by group: commands_analysis (analyze, show), commands_store (ingest, stories,
threads, load), commands_serve (serve, watch, spark), commands_eval (eval) and
commands_research (outlets, blindspots, export, follow, unfollow, save-search, changes).
"""

from __future__ import annotations

import click

from storyledger import __version__
from storyledger.cli import (
    commands_analysis,
    commands_eval,
    commands_research,
    commands_serve,
    commands_store,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyledger")
def main() -> None:
    """storyledger: who claims what, on whose authority, and where news outlets differ."""


for _module in (
    commands_analysis,
    commands_store,
    commands_eval,
    commands_serve,
    commands_research,
):
    for _command in _module.COMMANDS:
        main.add_command(_command)

__all__ = ["main"]
