"""The terminal ledger: a story at a time, facts in a table, differences listed with evidence."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storyledger.model import Ledger, Story, Thread
from storyledger.report import threadviews, views

STATUS_STYLE = {"conflict": "bold red", "update": "yellow", "consistent": "green", "single": "dim"}
KIND_STYLE = {
    "number": "bold red",
    "qualifier": "red",
    "attribution": "magenta",
    "wording": "cyan",
    "coverage": "blue",
}


def _story_renderables(story: Story, ledger: Ledger) -> list:
    by_id = views.articles_by_id(ledger)
    outlets = views.story_outlets(story, by_id)
    parts: list = []
    header = Table.grid(padding=(0, 2))
    for article_id, label in outlets:
        a = by_id.get(article_id)
        header.add_row(
            Text(label, style="bold"),
            Text(a.published if a and a.published else "undated", style="dim"),
            Text(a.title if a and a.title else article_id),
        )
    parts.append(header)
    parts += _thread_renderables(story, ledger)
    if facts := views.quantity_facts(story):
        table = Table(title="Figures", box=box.SIMPLE_HEAD, show_lines=False, expand=True)
        table.add_column("what is counted", ratio=2)
        table.add_column("status")
        for _, label in outlets:
            table.add_column(label, ratio=2)
        for fact in facts:
            cells = []
            for entries in views.fact_cells(fact, outlets):
                cell = Text()
                for e in entries:
                    if cell:
                        cell.append("\n")
                    cell.append(views.entry_value(e), style="bold")
                    cell.append(f"  {views.chain(e.sources)}", style="dim")
                cells.append(cell or Text("—", style="dim"))
            status = Text(fact.status, style=STATUS_STYLE.get(fact.status, ""))
            table.add_row(fact.label, status, *cells)
        parts.append(table)
    if claims := views.shared_claims(story):
        table = Table(title="Claims and who they come from", box=box.SIMPLE_HEAD, expand=True)
        table.add_column("claim", ratio=3)
        for _, label in outlets:
            table.add_column(label, ratio=2)
        for fact in claims:
            cells = [
                views.claim_cell(entries) or "—" for entries in views.fact_cells(fact, outlets)
            ]
            table.add_row(fact.label, *cells)
        parts.append(table)
    if story.discrepancies:
        diff = Table(title="Where the outlets differ", box=box.SIMPLE_HEAD, expand=True)
        diff.add_column("kind")
        diff.add_column("what", ratio=3)
        for d in story.discrepancies:
            body = Text(d.summary)
            for ev in d.evidence[:4]:
                body.append(
                    f"\n  {views.outlet_label(by_id.get(ev.article), ev.article)}: ", style="dim"
                )
                body.append(f"“{ev.text}”", style="italic")
            diff.add_row(Text(d.kind, style=KIND_STYLE.get(d.kind, "")), body)
        parts.append(diff)
    if story.timeline:
        tl = Table(title="Timeline", box=box.SIMPLE_HEAD, expand=True)
        tl.add_column("date")
        tl.add_column("outlet")
        tl.add_column("what", ratio=3)
        for t in story.timeline:
            tl.add_row(t.date, views.outlet_label(by_id.get(t.article), t.article), t.text)
        parts.append(tl)
    return parts


def _thread_renderables(story: Story, ledger: Ledger) -> list:
    """The story's thread, and its other events (the developing story around this one)."""
    thread = threadviews.thread_of(ledger, story.id)
    if thread is None:
        return []
    line = Text("Thread ", style="bold")
    line.append(threadviews.thread_line(thread))
    others = threadviews.related(thread, story.id)
    if not others:
        line.append("  (no related events)", style="dim")
        return [line]
    table = Table(title="Related events", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("dates")
    table.add_column("event")
    table.add_column("outlets")
    table.add_column("title", ratio=3)
    for e in others:
        table.add_row(threadviews.dates(e), e.id, ", ".join(e.outlets) or "—", e.title)
    return [line, table]


def _thread_panel(thread: Thread) -> Panel:
    """A thread: its events in date order and how the key figures moved between them."""
    events = Table(box=box.SIMPLE_HEAD, expand=True)
    for col in ("#", "dates", "event", "articles", "outlets"):
        events.add_column(col)
    events.add_column("title", ratio=3)
    for n, e in enumerate(thread.events, 1):
        outlets = ", ".join(e.outlets) or "—"
        events.add_row(str(n), threadviews.dates(e), e.id, str(e.n_articles), outlets, e.title)
    parts: list = [events]
    if thread.figures:
        table = Table(title="How the figures moved", box=box.SIMPLE_HEAD, expand=True)
        table.add_column("what is counted", ratio=2)
        table.add_column("moved")
        for n, e in enumerate(thread.events, 1):
            table.add_column(f"{n}. {e.first_date or 'undated'}", ratio=2)
        for figure in thread.figures:
            cells = []
            for reports in threadviews.figure_cells(figure, thread):
                cell = Text()
                for r in reports:
                    if cell:
                        cell.append("\n")
                    cell.append(threadviews.figure_value(r), style="bold")
                    cell.append(f"  {threadviews.figure_note(r)}", style="dim")
                cells.append(cell or Text("—", style="dim"))
            table.add_row(figure.label, threadviews.moved(figure), *cells)
        parts.append(table)
    title = f"Thread: {escape(thread.title)}  [dim]({thread.id}, {len(thread.events)} events)[/dim]"
    return Panel(Group(*parts), title=title, title_align="left")


def _article_renderables(ledger: Ledger) -> list:
    parts: list = []
    for a in ledger.articles:
        if not (a.quotes or a.quantities):
            continue
        table = Table(
            title=f"{views.outlet_label(a, a.id)}: who says what",
            box=box.SIMPLE_HEAD,
            expand=True,
        )
        table.add_column("speaker / source")
        table.add_column("kind")
        table.add_column("words", ratio=3)
        for q in a.quotes:
            speaker = q.speaker or f"? ({q.speaker_mention or 'unresolved'})"
            table.add_row(speaker, q.kind, Text(q.text, style="italic"))
        for q in a.quantities:
            source = (
                views.chain(q.sources) if q.sources else (q.attributed_to or "outlet's own voice")
            )
            table.add_row(
                source, "figure", f"{views.quantity_value(q)} {q.counts or ''}  ({q.text})"
            )
        parts.append(table)
    return parts


def render_text(ledger: Ledger, color: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=width or 120, highlight=False
    )
    for story in ledger.stories:
        title = f"{story.title}  [dim]({story.id}, {len(story.articles)} articles)[/dim]"
        console.print(
            Panel(Group(*_story_renderables(story, ledger)), title=title, title_align="left")
        )
    for thread in threadviews.shown_threads(ledger):
        console.print(_thread_panel(thread))
    for part in _article_renderables(ledger):
        console.print(part)
    if not ledger.stories and not ledger.articles:
        console.print("No articles.")
    return buffer.getvalue()
