"""A Markdown ledger: paste it into a newsroom wiki or an issue."""

from __future__ import annotations

from storyledger.model import Article, Ledger, Story, Thread
from storyledger.report import threadviews, views


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _story(story: Story, by_id: dict[str, Article]) -> list[str]:
    outlets = views.story_outlets(story, by_id)
    label = lambda article_id: views.outlet_label(by_id.get(article_id), article_id)  # noqa: E731
    out = [
        f"## {_cell(story.title)}",
        "",
        f"Story `{story.id}`, {len(story.articles)} articles:",
        "",
    ]
    for article_id, name in outlets:
        a = by_id.get(article_id)
        date = a.published if a and a.published else "undated"
        out.append(
            f"- **{_cell(name)}** ({date}): {_cell(a.title if a and a.title else article_id)}"
        )
    out.append("")
    if facts := views.quantity_facts(story):
        out += [
            "### Figures",
            "",
            _row("what is counted", "status", *(_cell(n) for _, n in outlets)),
        ]
        out.append("|---|---|" + "---|" * len(outlets))
        for fact in facts:
            cells = [
                "<br>".join(f"{views.entry_value(e)} ({views.chain(e.sources)})" for e in entries)
                or "—"
                for entries in views.fact_cells(fact, outlets)
            ]
            out.append(_row(_cell(fact.label), fact.status, *(_cell(c) for c in cells)))
        out.append("")
    if claims := views.shared_claims(story):
        out += [
            "### Claims and who they come from",
            "",
            _row("claim", *(_cell(n) for _, n in outlets)),
        ]
        out.append("|---|" + "---|" * len(outlets))
        for fact in claims:
            cells = [
                views.claim_cell(entries) or "—" for entries in views.fact_cells(fact, outlets)
            ]
            out.append(_row(_cell(fact.label), *(_cell(c) for c in cells)))
        out.append("")
    if story.discrepancies:
        out += ["### Where the outlets differ", ""]
        shown, more = views.split_discrepancies(story)
        for d in shown:
            out.append(f"- **{d.kind}**: {_cell(d.summary)}")
            out += [f"  - {label(ev.article)}: “{_cell(ev.text)}”" for ev in d.evidence]
        if more:
            out.append(
                f"- … and {len(more)} more items only some outlets carry (less salient; all are "
                "in the JSON and HTML reports)"
            )
        out.append("")
    if story.timeline:
        out += ["### Timeline", ""]
        out += [f"- {t.date} ({label(t.article)}): {_cell(t.text)}" for t in story.timeline]
        out.append("")
    return out


def _story_thread(story: Story, ledger: Ledger) -> list[str]:
    """The story's thread and its other events, right under the story's heading."""
    thread = threadviews.thread_of(ledger, story.id)
    if thread is None:
        return []
    out = [f"Thread `{thread.id}`: {_cell(thread.title)} ({threadviews.dates(thread)})", ""]
    if others := threadviews.related(thread, story.id):
        out += ["Related events:", ""]
        out += [f"- `{e.id}` {_cell(threadviews.event_label(e))}" for e in others]
    else:
        out.append("No related events: this is the thread's only event.")
    return [*out, ""]


def _thread(thread: Thread) -> list[str]:
    out = [
        f"## Thread `{thread.id}`: {_cell(thread.title)}",
        "",
        f"{len(thread.events)} events, {threadviews.dates(thread)}; "
        f"outlets: {_cell(', '.join(thread.outlets) or '—')}",
        "",
    ]
    for n, e in enumerate(thread.events, 1):
        out.append(
            f"{n}. `{e.id}` {_cell(threadviews.event_label(e))} "
            f"({e.n_articles} articles: {_cell(', '.join(e.outlets) or '—')})"
        )
    out.append("")
    if thread.figures:
        out += [
            "### How the figures moved",
            "",
            _row(
                "what is counted",
                "moved",
                *(f"{n}. {e.first_date or 'undated'}" for n, e in enumerate(thread.events, 1)),
            ),
            "|---|---|" + "---|" * len(thread.events),
        ]
        for figure in thread.figures:
            cells = [
                "<br>".join(
                    f"{threadviews.figure_value(r)} ({threadviews.figure_note(r)})" for r in reports
                )
                or "—"
                for reports in threadviews.figure_cells(figure, thread)
            ]
            out.append(
                _row(_cell(figure.label), threadviews.moved(figure), *(_cell(c) for c in cells))
            )
        out.append("")
    return out


def _article(a: Article) -> list[str]:
    out = [f"## Article `{a.id}`: {views.outlet_label(a, a.id)}", ""]
    if said := views.statements(a):
        out += [_row("speaker", "kind", "cue", "source chain", "words"), "|---|---|---|---|---|"]
        for st in said:
            words = st.text + "".join(f" (quoting \u201c{w}\u201d)" for w in st.quoted)
            out.append(_row(_cell(st.who), st.kind, _cell(st.cue), _cell(st.chain), _cell(words)))
        out.append("")
    if a.quantities:
        out += [_row("figure", "counts", "source", "text"), "|---|---|---|---|"]
        for q in a.quantities:
            source = views.figure_source(q, "outlet")
            out.append(
                _row(
                    _cell(views.quantity_value(q)),
                    _cell(q.counts or ""),
                    _cell(source),
                    _cell(q.text),
                )
            )
        out.append("")
    return out


def render_markdown(ledger: Ledger) -> str:
    by_id = views.articles_by_id(ledger)
    out: list[str] = ["# storyledger report", ""]
    for story in ledger.stories:
        story_lines = _story(story, by_id)
        out += story_lines[:2] + _story_thread(story, ledger) + story_lines[2:]
    for thread in threadviews.shown_threads(ledger):
        out += _thread(thread)
    for a in ledger.articles:
        out += _article(a)
    return "\n".join(out) + "\n"
