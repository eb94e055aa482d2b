"""What every report shows of threads, computed once: a story's thread and related events,
the figures table of a thread (one row per counted thing, one column per event)."""

from __future__ import annotations

from storyledger.model import FigureReport, Ledger, StorySummary, Thread, ThreadFigure
from storyledger.report.views import QUALIFIER_WORDS, number

MOVED_WORDS = {
    "rose": "rose",
    "fell": "fell",
    "unchanged": "unchanged",
    "mixed": "moved both ways",
    "unknown": "not comparable",
}


def thread_of(ledger: Ledger, story_id: str) -> Thread | None:
    """The ledger's thread holding the story, if the ledger carries it."""
    for thread in ledger.threads:
        if any(e.id == story_id for e in thread.events):
            return thread
    return None


def related(thread: Thread | None, story_id: str) -> list[StorySummary]:
    """The thread's other events, in date order."""
    return [e for e in thread.events if e.id != story_id] if thread else []


def dates(item: StorySummary | Thread) -> str:
    """`2032-02-02`, `2032-02-02 – 2032-02-09`, or `undated`."""
    found = [d for d in dict.fromkeys((item.first_date, item.last_date)) if d]
    return " – ".join(found) or "undated"


def thread_line(thread: Thread) -> str:
    """One line naming a thread: id, how many events, dates, title."""
    n = len(thread.events)
    return f"{thread.id} · {n} event{'s' if n != 1 else ''} · {dates(thread)} · {thread.title}"


def event_label(event: StorySummary) -> str:
    return f"{dates(event)}: {event.title}"


def shown_threads(ledger: Ledger) -> list[Thread]:
    """The threads worth a section of their own: those linking two events or more."""
    return [t for t in ledger.threads if len(t.events) > 1]


def figure_value(report: FigureReport) -> str:
    """The reported figure with its hedge: `at least 4`, `17`, `10–20`, `dozens`."""
    if report.qualifier == "range":
        return f"{number(report.low)}–{number(report.high)}"
    if report.qualifier == "vague" or report.value is None:
        return report.text
    word = QUALIFIER_WORDS.get(report.qualifier or "exact", report.qualifier or "")
    return f"{word} {number(report.value)}".strip()


def figure_note(report: FigureReport) -> str:
    """Who gave it and when: `Orran Herald, 2032-02-09`."""
    who = ", ".join(report.outlets) or ", ".join(f"[{a}]" for a in report.articles)
    return ", ".join(p for p in (who, report.date or "undated") if p)


def figure_cells(figure: ThreadFigure, thread: Thread) -> list[list[FigureReport]]:
    """The figure's reports arranged one cell per event column, in the thread's order."""
    return [[v for v in figure.values if v.event == e.id] for e in thread.events]


def moved(figure: ThreadFigure) -> str:
    return MOVED_WORDS.get(figure.moved, figure.moved)
