"""The sentence a span sits in, and the date of the event it reports."""

from __future__ import annotations

from storyledger.compare.sentences import event_date, sentence_bounds
from storyledger.model import DateMention

from .helpers import article

T = (
    "The ferry left Ostrava Bay on Monday. It sank near Lerin on 3 May 2031, "
    "and 14 people drowned.\nRescuers said on 5 May 2031 that 9 were found."
)


def test_a_span_is_read_in_its_own_sentence_and_line():
    start = T.index("14 people")
    s, e = sentence_bounds(T, start, start + len("14 people"))
    assert T[s:e] == "It sank near Lerin on 3 May 2031, and 14 people drowned."
    start = T.index("9 were")
    s, e = sentence_bounds(T, start, start + 6)
    assert T[s:e].startswith("Rescuers said") and T[s:e].endswith("were found.")


def test_the_event_date_is_the_nearest_full_date_in_the_same_sentence():
    dates = [
        DateMention(text=t, value=v, start=T.index(t), end=T.index(t) + len(t))
        for t, v in (("3 May 2031", "2031-05-03"), ("5 May 2031", "2031-05-05"))
    ]
    a = article("a", T, dates=dates)
    start = T.index("14 people")
    assert event_date(a, start, start + 9) == "2031-05-03"
    start = T.index("9 were")
    assert event_date(a, start, start + 6) == "2031-05-05"
    first = T.index("Monday")
    assert event_date(a, first, first + 6) is None  # no full date in that sentence
