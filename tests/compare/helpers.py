"""Hand-built Article records with invented text, for comparison tests."""

from __future__ import annotations

from storyledger.hedges import bounds
from storyledger.model import Article, Claim, DateMention, Descriptor, Entity, Quantity


def article(
    aid: str,
    text: str,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
    **fields,
) -> Article:
    return Article(id=aid, text=text, outlet=outlet, published=published, title=title, **fields)


def quantity(
    text: str,
    whole: str,
    value: float,
    qualifier: str = "exact",
    low: float | None = None,
    high: float | None = None,
    counts: str | None = None,
    event: str | None = None,
    unit: str | None = None,
    sources: list[str] | None = None,
) -> Quantity:
    """A figure located in `whole` (its first occurrence)."""
    start = whole.index(text)
    if low is None and high is None:
        low, high = bounds(qualifier, value)  # what the extractor stores for this hedge
    return Quantity(
        text=text,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        counts=counts,
        attributed_to=(sources or [None])[0],
        start=start,
        end=start + len(text),
        sources=list(sources or []),
        event=event,
    )


def claim(text: str, whole: str, sources: list[str]) -> Claim:
    start = whole.index(text)
    return Claim(text=text, sources=sources, start=start, end=start + len(text))


def entity(text: str, whole: str, label: str, canonical: str | None = None) -> Entity:
    start = whole.index(text)
    return Entity(
        text=text, label=label, canonical=canonical or text, start=start, end=start + len(text)
    )


def descriptor(actor: str, text: str, whole: str, kind: str) -> Descriptor:
    start = whole.index(text)
    return Descriptor(actor=actor, text=text, kind=kind, start=start, end=start + len(text))


def date(text: str, whole: str, value: str | None) -> DateMention:
    start = whole.index(text)
    return DateMention(text=text, value=value, start=start, end=start + len(text))


SHARED_WORDS = ["harbour", "ferry", "toll", "glacier", "moraine", "lighthouse"]
SHARED_WORDS += ["quarry", "orchard", "tram", "bridge", "dam", "kiln"]


def invented_stream(n: int, seed: int = 3):
    """(embed, articles): `n` invented reports of 40 events five days apart, every report
    drawn from one small shared vocabulary, so only the embedding (the event's random centre
    plus noise, a fresh draw at each call) and the dates tell events apart; a hard stream for
    the join and the window. One generator draws both, so a run is the same for a seed."""
    from datetime import date, timedelta

    import numpy as np

    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(40, 384))

    def embed(a: Article) -> np.ndarray:
        v = centres[int(a.id.split("-")[0])] + rng.normal(0, 0.7, 384)
        return (v / np.linalg.norm(v)).astype(np.float32)

    def articles():
        for i in range(n):
            event = int(rng.integers(0, 40))
            words = [str(w) for w in rng.choice(SHARED_WORDS, 6)]
            day = date(2031, 1, 1) + timedelta(days=event * 5 + int(rng.integers(0, 4)))
            yield Article(
                id=f"{event}-{i}",
                title=" ".join(words[:3]),
                text=" ".join(words) + ".",
                published=day.isoformat(),
            )

    return embed, articles()
