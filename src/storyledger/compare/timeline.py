"""A story's timeline: resolved dates in the articles, with the sentence that gives them.

Only dates the extractor resolved (a value) are used, plus each article's publication date;
an undated article adds only the dates its text states absolutely. Sorted by date, then
article; the same date and sentence from one article appears once.
"""

from __future__ import annotations

from storyledger.compare.sentences import sentence_bounds
from storyledger.model import Article, TimelineEntry


def timeline(articles: list[Article]) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    seen: set[tuple[str, str, int]] = set()
    for a in articles:
        if a.published:
            label = f"Published: {a.title}" if a.title else "Published"
            key = (a.published, a.id, -1)
            seen.add(key)
            entries.append(TimelineEntry(date=a.published, article=a.id, text=label))
        for d in a.dates:
            if not d.value or d.kind not in {"date"}:
                continue
            s, e = sentence_bounds(a.text, d.start, d.end)
            key = (d.value, a.id, s)
            if key in seen:
                continue
            seen.add(key)
            entries.append(
                TimelineEntry(date=d.value, article=a.id, text=a.text[s:e].strip(), start=s, end=e)
            )
    entries.sort(key=lambda t: (t.date, t.article, t.start if t.start is not None else -1))
    return entries
