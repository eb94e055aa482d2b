"""eval: score storyledger on the external corpora against the recorded floors."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from storyledger.cli.common import err, handle_errors


@click.command("eval")
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
    from storyledger.errors import BelowFloorError

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
        raise BelowFloorError(f"{len(dropped)} figure(s) below their recorded floor")


COMMANDS = [eval_command]
