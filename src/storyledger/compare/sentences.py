"""Sentences of an article's text and the date an event in one happened.

Alignment dates a figure by the resolved date in its sentence; the timeline and the coverage
ranker read the sentence a span sits in. Sentences are cut by punctuation and line breaks on
the stored text (records carry offsets, not spaCy sentences).
"""

from __future__ import annotations

import bisect
import functools
import re

from storyledger.model import Article

_SENT_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘'(])|\n+")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end), by punctuation and line breaks.

    The scan for the sentence's start begins at the last sentence end well before `start`
    (found by bisection in the text's sentence ends), not at the top of the text: a long
    article has thousands of figures, and scanning from the top for each was quadratic.
    """
    ends = _sentence_ends(text)
    k = bisect.bisect_left(ends, start, key=lambda m: m[1] + 1) - 1  # last end <= start - 1
    s = 0
    for m in _SENT_END.finditer(text, ends[k][0] if k >= 0 else 0, start):
        s = m.end()
    m = _SENT_END.search(text, end)
    e = m.start() if m else len(text)
    return s, e


@functools.lru_cache(maxsize=16)
def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence break in the text, in order."""
    return [m.span() for m in _SENT_END.finditer(text)]


def event_date(article: Article, start: int, end: int) -> str | None:
    """A resolved full date in the same sentence as the span (the date the event happened)."""
    s, e = sentence_bounds(article.text, start, end)
    best = None
    for d in article.dates:
        if d.value and len(d.value) == 10 and s <= d.start < e and d.kind == "date":
            dist = abs(d.start - start)
            if best is None or dist < best[0]:
                best = (dist, d.value)
    return best[1] if best else None
