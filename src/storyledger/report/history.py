"""A figure's history: each report of a quantity across outlets and dates, in order.

Why: "the toll rose from 'at least 900' to 'more than 1,400' while one outlet kept 'up to
1,400'" is read off one table per figure: value, hedge band, outlet, date, source. The rows
are the fact's own entries in publication order; reports from undated articles come last
(by the date they refer to, and saying so), never given a date they do not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyledger.model import Article, Fact, FactEntry, Story
from storyledger.report import views

BAND = {
    "exact": "= {v}",
    "at_least": "≥ {v}",
    "more_than": "> {v}",
    "at_most": "≤ {v}",
    "less_than": "< {v}",
    "approximately": "≈ {v}",
}


@dataclass
class HistoryRow:
    value: str  # as a reader says it: "at least 1,400"
    band: str  # the interval it allows: "≥ 1,400", "900–1,400", "vague"
    outlet: str
    date: str  # YYYY-MM-DD published, or "refers to …", or "undated"
    source: str  # the attribution chain, innermost first
    text: str  # the words as written
    article: str
    start: int


def band(e: FactEntry) -> str:
    if e.qualifier == "range":
        return f"{views.number(e.low)}–{views.number(e.high)}"
    if e.qualifier == "vague" or e.value is None:
        return "vague"
    return BAND.get(e.qualifier or "exact", "{v}").format(v=views.number(e.value))


def figure_history(story: Story, by_id: dict[str, Article]) -> list[tuple[Fact, list[HistoryRow]]]:
    """Every quantity fact with its reports in publication order (undated articles last)."""
    found = []
    for fact in story.facts:
        if fact.kind != "quantity":
            continue
        entries = sorted(
            fact.entries,
            key=lambda e: (e.published is None, e.published or e.date or ""),
        )
        rows = [
            HistoryRow(
                value=views.entry_value(e),
                band=band(e),
                outlet=views.outlet_label(by_id.get(e.article), e.article),
                date=e.published or (f"refers to {e.date}" if e.date else "undated"),
                source=views.chain(e.sources),
                text=e.text,
                article=e.article,
                start=e.start,
            )
            for e in entries
        ]
        found.append((fact, rows))
    found.sort(key=lambda fr: -len(fr[1]))
    return found
