"""Threads: the events (stories) of one developing story, in date order, and how the key
figures moved between them (a forecast, the landfall, the toll revised days later).

Why here and not in the grouper: the grouper decides which story and topic an article
belongs to (`StoryGrouper.topic_of`); a thread is that topic made readable. Its figures are
the stories' own aligned facts, keyed the way alignment keys them (event class, counted noun,
unit; the date left out, since a toll revised next week is the same count), so a thread says
nothing the stories do not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from storyledger.compare.alignment import quantity_key
from storyledger.identity import thread_id_for
from storyledger.model import (
    Article,
    FactEntry,
    FigureReport,
    Quantity,
    Story,
    StorySummary,
    Thread,
    ThreadFigure,
)

MIN_EVENTS = 2  # a figure is shown as moving when at least this many events report it


@dataclass
class Event:
    """A story with what a thread needs of it: its listing and its articles' records."""

    summary: StorySummary
    story: Story
    articles: list[Article]


def event_order(summary: StorySummary) -> tuple:
    """Date order, undated last; the id breaks ties so the order never depends on input."""
    return (
        summary.first_date is None,
        summary.first_date or "",
        summary.last_date or "",
        summary.id,
    )


def summarize(story: Story, articles: Iterable[Article]) -> StorySummary:
    """A story's listing computed from its records (what the store's listing holds)."""
    ids = set(story.articles)
    members = [a for a in articles if a.id in ids]
    dates = sorted(a.published[:10] for a in members if a.published)
    return StorySummary(
        id=story.id,
        title=story.title,
        n_articles=len(story.articles),
        outlets=sorted({a.outlet for a in members if a.outlet}),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        n_discrepancies=len(story.discrepancies),
    )


def build_threads(
    stories: list[Story], articles: list[Article], topic_of: Mapping[str, str]
) -> list[Thread]:
    """Every story's thread, from the grouper's topic of each story; threads in date order."""
    by_story: dict[str, list[Article]] = {}
    where = {aid: s.id for s in stories for aid in s.articles}
    for a in articles:
        if a.id in where:
            by_story.setdefault(where[a.id], []).append(a)
    members: dict[str, list[Event]] = {}
    for story in stories:
        arts = by_story.get(story.id, [])
        tid = thread_id_for(topic_of.get(story.id, story.id))
        members.setdefault(tid, []).append(Event(summarize(story, arts), story, arts))
    threads = [thread_record(tid, events) for tid, events in members.items()]
    return sorted(threads, key=lambda t: (t.first_date is None, t.first_date or "", t.id))


def thread_record(thread_id: str, events: list[Event]) -> Thread:
    """One thread from its events (in any order)."""
    events = sorted(events, key=lambda e: event_order(e.summary))
    summaries = [e.summary for e in events]
    firsts = [s.first_date for s in summaries if s.first_date]
    lasts = [s.last_date for s in summaries if s.last_date]
    return Thread(
        id=thread_id,
        title=summaries[0].title if summaries else thread_id,
        events=summaries,
        first_date=min(firsts) if firsts else None,
        last_date=max(lasts) if lasts else None,
        outlets=sorted({o for s in summaries for o in s.outlets}),
        figures=figures(events),
    )


def _quantity_of(entry: FactEntry, by_id: dict[str, Article]) -> Quantity | None:
    article = by_id.get(entry.article)
    if article is None:
        return None
    for q in article.quantities:
        if q.start == entry.start and q.end == entry.end:
            return q
    return None


def figures(events: list[Event]) -> list[ThreadFigure]:
    """Each counted thing reported in MIN_EVENTS events or more, with its values per event."""
    found: dict[tuple[str, str, str], dict[str, dict[tuple, FigureReport]]] = {}
    for event in events:
        by_id = {a.id: a for a in event.articles}
        for fact in event.story.facts:
            if fact.kind != "quantity":
                continue
            for entry in fact.entries:
                q = _quantity_of(entry, by_id)
                key = quantity_key(q) if q is not None else None
                if key is None:
                    continue
                reports = found.setdefault(key, {}).setdefault(event.summary.id, {})
                _add(reports, event.summary.id, entry, by_id.get(entry.article))
    out = []
    order = [e.summary.id for e in events]
    for (ev, noun, unit), per_event in found.items():
        if len(per_event) < MIN_EVENTS:
            continue
        label = f"{ev.replace('+', '/')} ({noun})" + (f" [{unit}]" if unit else "")
        out.append(
            ThreadFigure(
                label=label,
                event=ev,
                counts=noun,
                unit=unit or None,
                moved=movement([_latest(per_event[e]) for e in order if e in per_event]),
                values=[r for e in order for r in _in_order(per_event.get(e, {}))],
            )
        )
    out.sort(key=lambda f: (-len({v.event for v in f.values}), f.label))
    return out


def _add(
    reports: dict[tuple, FigureReport], event: str, entry: FactEntry, article: Article | None
) -> None:
    """One outlet's report joins the event's report of the same value (and hedge), or opens one."""
    key = (entry.value, entry.low, entry.high, entry.qualifier)
    outlet = (article.outlet if article else None) or entry.outlet
    report = reports.get(key)
    if report is None:
        report = reports[key] = FigureReport(
            event=event,
            date=entry.published,
            value=entry.value,
            low=entry.low,
            high=entry.high,
            qualifier=entry.qualifier,
            text=entry.text,
            refers_to=entry.date,
        )
    if entry.published and (report.date is None or entry.published > report.date):
        report.date = entry.published
    if outlet and outlet not in report.outlets:
        report.outlets.append(outlet)
    if entry.article not in report.articles:
        report.articles.append(entry.article)
    report.refers_to = report.refers_to or entry.date


def _in_order(reports: dict[tuple, FigureReport]) -> list[FigureReport]:
    """An event's reports oldest first, then by value; outlets and articles sorted, so the
    record never depends on the order the articles came in."""
    for r in reports.values():
        r.outlets.sort()
        r.articles.sort()
    return sorted(
        reports.values(), key=lambda r: (r.date or "", _number(r) or 0, r.qualifier or "")
    )


def _latest(reports: dict[tuple, FigureReport]) -> FigureReport:
    """The event's newest report (ties: the one more outlets give, then the higher)."""
    return max(reports.values(), key=lambda r: (r.date or "", len(r.outlets), _number(r) or 0))


def _number(report: FigureReport) -> float | None:
    """The figure as one number: its value, else the middle of its bounds; None if vague."""
    if report.value is not None:
        return report.value
    if report.low is not None and report.high is not None:
        return (report.low + report.high) / 2
    return report.low if report.low is not None else report.high


def movement(headline: list[FigureReport]) -> str:
    """rose / fell / unchanged / mixed / unknown, over each event's latest report in order.

    The numbers are compared, not the intervals: "at least 4" then 17 is a toll that rose,
    though the two do not contradict each other. A vague figure ("dozens") makes it unknown.
    """
    numbers = [_number(r) for r in headline]
    if len(numbers) < 2 or any(n is None for n in numbers):
        return "unknown"
    steps = {(b > a) - (b < a) for a, b in pairwise(numbers)}
    if steps == {0}:
        return "unchanged"
    if steps <= {0, 1}:
        return "rose"
    if steps <= {0, -1}:
        return "fell"
    return "mixed"


def topics(grouper: object, story_ids: Iterable[str]) -> dict[str, str]:
    """story id -> the grouper's topic id (the interface every grouper keeps)."""
    return {sid: grouper.topic_of(sid) for sid in story_ids}  # type: ignore[attr-defined]
