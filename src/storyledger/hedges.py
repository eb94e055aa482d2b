"""What a hedged figure means as an interval: the one definition nlp, compare and tests use.

A reported number is the set of values it allows (../shared/notes/comparison-semantics.md):

- exact: "199 hostages", "exactly 12" -> value v, [v, v]
- at_least: "at least", "no fewer than", "or more" -> v, [v, open)
- more_than: "more than", "over", "upwards of" -> v, (v, open)
- at_most: "up to", "as many as", "no more than" -> v, [0, v]
- less_than: "fewer than", "less than", "under" -> v, [0, v)
- approximately: "around", "roughly", "about", "some", "an estimated" -> v, [0.9 v, 1.1 v];
  "nearly", "almost" (just below the figure) -> v, [0.9 v, v]
- vague: "dozens", "hundreds" -> None, [24, 99], [200, 999] (the extractor's table)
- range: "between 10 and 20", "10-20", "from 10 to 20" -> None, [10, 20]

`bounds` is what the extractor stores on a Quantity (low, high; None for an open end);
`interval` is how a stored Quantity is read back, with open and closed ends, for comparison.
The band's width is data (data/hedges.json). Records depend only on model.py.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

from storyledger.model import Quantity

INF = math.inf
LOWER_BOUNDED = frozenset({"at_least", "more_than"})
UPPER_BOUNDED = frozenset({"at_most", "less_than"})


@functools.cache
def widths() -> dict[str, float]:
    """The approximate band's relative half-widths: 'approximately' and 'round'."""
    text = resources.files("storyledger").joinpath("data", "hedges.json").read_text("utf-8")
    return {k: float(v) for k, v in json.loads(text).items() if not k.startswith("_")}


def bounds(qualifier: str, value: float, below: bool = False) -> tuple[float | None, float | None]:
    """The [low, high] a hedged figure allows, None for an open end; `below` for a band that
    ends at the figure ("nearly 500")."""
    if qualifier in LOWER_BOUNDED:
        return value, None
    if qualifier in UPPER_BOUNDED:
        return 0.0, value
    if qualifier == "approximately":
        w = widths()["approximately"]
        return round(value * (1 - w), 6), value if below else round(value * (1 + w), 6)
    return value, value


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def meets(self, other: Interval) -> bool:
        lo = max(self.low, other.low)
        hi = min(self.high, other.high)
        if lo < hi:
            return True
        if lo > hi:
            return False
        # touching at one point: closed on both sides there?
        lo_open = self.low_open if self.low == lo else other.low_open
        if self.low == other.low == lo:
            lo_open = self.low_open or other.low_open
        hi_open = self.high_open if self.high == hi else other.high_open
        if self.high == other.high == hi:
            hi_open = self.high_open or other.high_open
        return not (lo_open or hi_open)

    def single_point_with(self, other: Interval) -> bool:
        """The two meet in exactly one value."""
        return self.meets(other) and max(self.low, other.low) == min(self.high, other.high)


def interval(q: Quantity) -> Interval | None:
    """The values a reported figure allows; None when it gives no number at all."""
    value = q.value
    low, high = q.low, q.high
    if value is None and low is None and high is None:
        return None
    qual = q.qualifier
    if qual == "exact" and value is not None:
        return Interval(value, value)
    if qual in LOWER_BOUNDED:
        base = low if low is not None else value
        return Interval(base, INF, low_open=qual == "more_than")  # type: ignore[arg-type]
    if qual in UPPER_BOUNDED:
        base = high if high is not None else value
        return Interval(0.0, base, high_open=qual == "less_than")  # type: ignore[arg-type]
    if qual == "approximately" and value is not None:
        if low is not None and high is not None and low < high:
            return Interval(low, high)
        w = widths()
        width = w["round"] if value >= 100 and value % 100 == 0 else w["approximately"]
        return Interval(value * (1 - width), value * (1 + width))
    # range, vague, or anything else: what the extractor says, unbounded where it says None
    lo = low if low is not None else (value if value is not None and high is None else 0.0)
    hi = high if high is not None else (value if value is not None and low is None else INF)
    if lo is None or hi is None:
        return None
    return Interval(lo, hi)


def hedges_opposed(a: Quantity, b: Quantity) -> bool:
    """One figure bounded only from below, the other only from above."""
    return (a.qualifier in LOWER_BOUNDED and b.qualifier in UPPER_BOUNDED) or (
        a.qualifier in UPPER_BOUNDED and b.qualifier in LOWER_BOUNDED
    )
