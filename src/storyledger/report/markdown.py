"""A Markdown ledger: paste it into a newsroom wiki or an issue."""

from __future__ import annotations

from storyledger.model import Ledger
from storyledger.report import views


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(ledger: Ledger) -> str:
    by_id = views.articles_by_id(ledger)
    out: list[str] = ["# storyledger report", ""]
    for story in ledger.stories:
        outlets = views.story_outlets(story, by_id)
        out += [f"## {_cell(story.title)}", "", f"Story `{story.id}`, {len(story.articles)} articles:", ""]
        for article_id, label in outlets:
            a = by_id.get(article_id)
            date = a.published if a and a.published else "undated"
            title = a.title if a and a.title else article_id
            out.append(f"- **{_cell(label)}** ({date}): {_cell(title)}")
        out.append("")
        if story.facts:
            out += ["### Facts", "", "| fact | status | " + " | ".join(_cell(l) for _, l in outlets) + " |"]
            out.append("|---|---|" + "---|" * len(outlets))
            for fact in story.facts:
                cells = []
                for entries in views.fact_cells(fact, outlets):
                    cells.append(
                        "<br>".join(
                            f"{_cell(views.entry_value(e))} ({_cell(views.chain(e.sources))})"
                            for e in entries
                        )
                        or "—"
                    )
                out.append(f"| {_cell(fact.label)} | {fact.status} | " + " | ".join(cells) + " |")
            out.append("")
        if story.discrepancies:
            out += ["### Where the outlets differ", ""]
            for d in story.discrepancies:
                out.append(f"- **{d.kind}**: {_cell(d.summary)}")
                for ev in d.evidence:
                    out.append(f"  - {views.outlet_label(by_id.get(ev.article), ev.article)}: “{_cell(ev.text)}”")
            out.append("")
        if story.timeline:
            out += ["### Timeline", ""]
            for t in story.timeline:
                out.append(f"- {t.date} ({views.outlet_label(by_id.get(t.article), t.article)}): {_cell(t.text)}")
            out.append("")
    for a in ledger.articles:
        out += [f"## Article `{a.id}`: {views.outlet_label(a, a.id)}", ""]
        if a.quotes:
            out += ["| speaker | kind | cue | quote |", "|---|---|---|---|"]
            for q in a.quotes:
                out.append(
                    f"| {_cell(q.speaker or '(unresolved: ' + (q.speaker_mention or '?') + ')')} | {q.kind} | "
                    f"{_cell(q.cue or '')} | {_cell(q.text)} |"
                )
            out.append("")
        if a.quantities:
            out += ["| figure | counts | source | text |", "|---|---|---|---|"]
            for q in a.quantities:
                out.append(
                    f"| {_cell(views.quantity_value(q))} | {_cell(q.counts or '')} | "
                    f"{_cell(views.chain(q.sources) if q.sources else (q.attributed_to or 'outlet'))} | {_cell(q.text)} |"
                )
            out.append("")
    return "\n".join(out) + "\n"
