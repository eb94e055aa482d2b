"""The terminal ledger: a story at a time, facts in a table, differences listed with evidence.

Every piece of user text (titles, outlets, speakers, quotes, labels) goes to rich as a `Text`,
never as a string: rich reads strings as markup, so a title holding `[/]` would crash the
whole report and one holding `[bold]` would lose those characters.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
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
            table.add_column(Text(label), ratio=2)
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
            table.add_row(Text(fact.label), status, *cells)
        parts.append(table)
    if claims := views.shared_claims(story):
        table = Table(title="Claims and who they come from", box=box.SIMPLE_HEAD, expand=True)
        table.add_column("claim", ratio=3)
        for _, label in outlets:
            table.add_column(Text(label), ratio=2)
        for fact in claims:
            cells = [
                Text(views.claim_cell(entries) or "—")
                for entries in views.fact_cells(fact, outlets)
            ]
            table.add_row(Text(fact.label), *cells)
        parts.append(table)
    if story.discrepancies:
        diff = Table(title="Where the outlets differ", box=box.SIMPLE_HEAD, expand=True)
        diff.add_column("kind")
        diff.add_column("what", ratio=3)
        shown, more = views.split_discrepancies(story)
        for d in shown:
            body = Text(d.summary)
            for ev in d.evidence[:4]:
                body.append(
                    f"\n  {views.outlet_label(by_id.get(ev.article), ev.article)}: ", style="dim"
                )
                body.append(f"“{ev.text}”", style="italic")
            diff.add_row(Text(d.kind, style=KIND_STYLE.get(d.kind, "")), body)
        if more:
            diff.add_row(
                Text("coverage", style=KIND_STYLE["coverage"]),
                Text(
                    f"… and {len(more)} more items only some outlets carry (less salient; "
                    "all are in --format json or html)",
                    style="dim",
                ),
            )
        parts.append(diff)
    if story.timeline:
        tl = Table(title="Timeline", box=box.SIMPLE_HEAD, expand=True)
        tl.add_column("date")
        tl.add_column("outlet")
        tl.add_column("what", ratio=3)
        for t in story.timeline:
            outlet = views.outlet_label(by_id.get(t.article), t.article)
            tl.add_row(Text(t.date), Text(outlet), Text(t.text))
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
        outlets = ", ".join(e.outlets) or "—"
        table.add_row(Text(threadviews.dates(e)), Text(e.id), Text(outlets), Text(e.title))
    return [line, table]


def _thread_panel(thread: Thread) -> Panel:
    """A thread: its events in date order and how the key figures moved between them."""
    events = Table(box=box.SIMPLE_HEAD, expand=True)
    for col in ("#", "dates", "event", "articles", "outlets"):
        events.add_column(col)
    events.add_column("title", ratio=3)
    for n, e in enumerate(thread.events, 1):
        outlets = ", ".join(e.outlets) or "—"
        events.add_row(
            str(n),
            Text(threadviews.dates(e)),
            Text(e.id),
            str(e.n_articles),
            Text(outlets),
            Text(e.title),
        )
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
            table.add_row(Text(figure.label), Text(threadviews.moved(figure)), *cells)
        parts.append(table)
    title = Text(f"Thread: {thread.title}  ")
    title.append(f"({thread.id}, {len(thread.events)} events)", style="dim")
    return Panel(Group(*parts), title=title, title_align="left")


def _article_renderables(ledger: Ledger) -> list:
    parts: list = []
    for a in ledger.articles:
        said = views.statements(a)
        if not (said or a.quantities):
            continue
        table = Table(
            title=Text(f"{views.outlet_label(a, a.id)}: who says what"),
            box=box.SIMPLE_HEAD,
            expand=True,
        )
        table.add_column("speaker / source")
        table.add_column("kind")
        table.add_column("words", ratio=3)
        for st in said:
            who = Text(st.who)
            if st.chain not in st.who:
                who.append(f"\n{st.chain}", style="dim")
            words = Text(st.text, style="italic")
            if st.quoted:
                words.append("  quoting " + ", ".join(f"\u201c{w}\u201d" for w in st.quoted))
            table.add_row(who, Text(st.kind), words)
        for q in a.quantities:
            source = views.figure_source(q)
            table.add_row(
                Text(source),
                "figure",
                Text(f"{views.quantity_value(q)} {q.counts or ''}  ({q.text})"),
            )
        parts.append(table)
    return parts


def render_text(ledger: Ledger, color: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, width=width or 120, highlight=False
    )
    for story in ledger.stories:
        title = Text(story.title)
        title.append(f"  ({story.id}, {len(story.articles)} articles)", style="dim")
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
