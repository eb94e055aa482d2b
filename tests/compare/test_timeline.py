"""The story timeline: resolved dates with their sentence, publication dates, nothing guessed."""

from __future__ import annotations

from storyledger.compare.timeline import timeline

from .helpers import article, date

T = "The dam was finished on 2 May. Nobody knows when it will open. Talks resume soon."


def test_resolved_dates_and_publication_in_order_with_their_sentence():
    a = article(
        "a",
        T,
        published="2031-06-01",
        title="Dam done",
        dates=[date("2 May", T, "2031-05-02"), date("soon", T, None)],
    )
    entries = timeline([a])
    assert [(e.date, e.text) for e in entries] == [
        ("2031-05-02", "The dam was finished on 2 May."),
        ("2031-06-01", "Published: Dam done"),
    ]
    assert T[entries[0].start : entries[0].end] == "The dam was finished on 2 May."


def test_undated_article_adds_only_resolved_dates():
    a = article("a", T, dates=[date("soon", T, None)])
    assert timeline([a]) == []
