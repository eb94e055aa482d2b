"""The story's timeline as inline SVG drawn on the server: no script, works offline.

Two pictures: a strip of dated events (one lane per outlet) and, for every figure the
outlets report, its values per outlet over time. A point sits at the date the outlet
published it; for an undated article it sits at the date the figure itself refers to and
is drawn hollow, so nobody reads a publication date the text never gave.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from storyledger.model import Fact, TimelineEntry
from storyledger.report import views
from storyledger.web.pages import Column, article_href, dom_id

WIDTH = 760
LANE = 26
LEFT = 170
RIGHT = 24


def parse_day(value: str | None) -> dt.date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY as a day (the first of the period); None otherwise."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        if len(parts) == 1 and len(parts[0]) == 4:
            return dt.date(int(parts[0]), 1, 1)
    except ValueError:
        return None
    return None


@dataclass
class _Axis:
    first: dt.date
    last: dt.date
    x0: float
    x1: float

    def x(self, day: dt.date) -> float:
        span = (self.last - self.first).days
        if span <= 0:
            return (self.x0 + self.x1) / 2
        return self.x0 + (day - self.first).days / span * (self.x1 - self.x0)

    def ticks(self, most: int = 6) -> list[dt.date]:
        """Whole-day ticks at a readable step (1, 2, 3 days, a week, ...), never crowded."""
        span = (self.last - self.first).days
        if span <= 0:
            return [self.first]
        step = next(
            (s for s in (1, 2, 3, 7, 14, 30, 61, 91, 182, 365) if span / s <= most - 1),
            math.ceil(span / (most - 1)),
        )
        return [self.first + dt.timedelta(days=d) for d in range(0, span + 1, step)]


def day_label(day: dt.date, with_year: bool) -> str:
    return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if with_year else "")


def compact(value: float) -> str:
    """Axis numbers: 1,400 / 12k / 3.5M, short enough for the margin."""
    size = abs(value)
    for limit, unit, suffix in ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if size >= limit:
            return f"{value / unit:.1f}".rstrip("0").rstrip(".") + suffix
    return views.number(round(value, 2))


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^n at or above value."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= value:
            return m * magnitude
    return 10 * magnitude


def _axis(days: list[dt.date], x0: float, x1: float) -> _Axis:
    first, last = min(days), max(days)
    pad = max(1, (last - first).days // 20)
    if first != last:
        first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    return _Axis(first, last, x0, x1)


def _text(x: float, y: float, body: str, cls: str = "", anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">{escape(body)}</text>'
    )


def _ticks(axis: _Axis, top: float, bottom: float, most: int = 6) -> list[str]:
    out = []
    year = None
    for day in axis.ticks(most):
        x = axis.x(day)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" class="grid"/>')
        out.append(_text(x, bottom + 15, day_label(day, day.year != year), "tick", "middle"))
        year = day.year
    return out


def events_svg(timeline: list[TimelineEntry], columns: list[Column]) -> Markup:
    """Dated events, one lane per outlet; each dot links to its sentence in the article."""
    lanes = {c.article_id: i for i, c in enumerate(columns)}
    points = [(t, parse_day(t.date)) for t in timeline if t.article in lanes]
    points = [(t, d) for t, d in points if d is not None]
    if not points:
        return Markup("")
    axis = _axis([d for _, d in points], LEFT, WIDTH - RIGHT)
    top = 10
    height = top + LANE * len(columns) + 30
    out = [
        f'<svg class="chart events" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="Dated events by outlet">'
    ]
    out += _ticks(axis, top, top + LANE * len(columns))
    for column in columns:
        y = top + LANE * lanes[column.article_id] + LANE / 2
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" class="lane"/>')
        label = _short(column.label, 19)
        out.append(_text(LEFT - 10, y + 4, label, f"lane-label o{column.color}", "end"))
    for t, day in points:
        column = columns[lanes[t.article]]
        y = top + LANE * lanes[t.article] + LANE / 2
        href = escape(article_href(t.article, t.start))
        tip = escape(f"{t.date} · {column.label}: {t.text}")
        out.append(
            f'<a href="{href}"><circle cx="{axis.x(day):.1f}" cy="{y}" r="6" '
            f'class="dot o{column.color}"><title>{tip}</title></circle></a>'
        )
    out.append("</svg>")
    return Markup("".join(out))


@dataclass
class Series:
    fact: Fact
    svg: Markup
    unplaced: list[tuple[str, str]]  # (outlet, value) reported with no date to place it at


def figure_charts(facts: list[Fact], columns: list[Column]) -> list[Series]:
    """One small chart per reported figure with a value: its values per outlet over time."""
    colors = {c.article_id: c for c in columns}
    charts = []
    for fact in facts:
        if fact.kind != "quantity":
            continue
        points = []
        unplaced: list[tuple[str, str]] = []
        for e in fact.entries:
            column = colors.get(e.article)
            value = e.value if e.value is not None else e.high if e.high is not None else e.low
            if column is None or value is None or e.qualifier == "vague":
                continue  # a vague figure ("dozens") has no number to plot
            day = parse_day(e.published)
            dated_by_publication = day is not None
            day = day or parse_day(e.date)
            if day is None:
                unplaced.append((column.label, views.entry_value(e)))
                continue
            points.append((column, e, day, float(value), dated_by_publication))
        if points:
            charts.append((len(points), Series(fact, _figure_svg(fact, points), unplaced)))
    charts.sort(key=lambda c: -c[0])  # series with most reports first
    return [series for _, series in charts]


def _figure_svg(fact: Fact, points: list) -> Markup:
    width, height, left, right, top, bottom = 360, 170, 54, 16, 14, 34
    axis = _axis([p[2] for p in points], left, width - right)
    values = [p[3] for p in points]
    lows = [p[1].low for p in points if p[1].low is not None]
    vmin = min([0.0, *values, *lows])
    vmax = nice_ceiling(max(values + [p[1].high for p in points if p[1].high is not None]))
    top_value = vmax
    vmax *= 1.15  # room for the value labels above the highest point

    def y(v: float) -> float:
        return top + (1 - (v - vmin) / (vmax - vmin)) * (height - top - bottom)

    out = [
        f'<svg class="chart figure" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(fact.label)}">'
    ]
    for v in (vmin, (vmin + top_value) / 2, top_value):
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
        )
        out.append(_text(left - 6, y(v) + 4, compact(v), "tick", "end"))
    out += _ticks(axis, top, height - bottom, most=4)
    by_column: dict[str, list] = {}
    for p in points:
        by_column.setdefault(p[0].article_id, []).append(p)
    for series in by_column.values():
        series.sort(key=lambda p: p[2])
        if len(series) > 1:
            path = " ".join(f"{axis.x(p[2]):.1f},{y(p[3]):.1f}" for p in series)
            out.append(f'<polyline points="{path}" class="line o{series[0][0].color}"/>')
    for column, e, day, value, dated in points:
        x, yy = axis.x(day), y(value)
        if e.low is not None and e.high is not None and e.qualifier == "range":
            out.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y(e.low):.1f}" y2="{y(e.high):.1f}" '
                f'class="whisker o{column.color}"/>'
            )
        elif e.qualifier in HEDGE_DIRECTION:  # "at least" points up, "up to" down
            out.append(_hedge_mark(x, yy, HEDGE_DIRECTION[e.qualifier], column.color))
        cls = f"dot o{column.color}" + ("" if dated else " hollow")
        when = f"published {day.isoformat()}" if dated else f"refers to {e.date} (undated article)"
        tip = escape(f"{column.label}: {views.entry_value(e)} — {views.chain(e.sources)} — {when}")
        href = escape(article_href(e.article, e.start))
        out.append(
            f'<a href="{href}"><circle cx="{x:.1f}" cy="{yy:.1f}" r="5.5" class="{cls}">'
            f"<title>{tip}</title></circle></a>"
        )
        right_side = x > left + (width - left - right) * 0.6
        out.append(
            _text(
                x - 8 if right_side else x + 8,
                yy - 8,
                views.entry_value(e),
                f"val-label o{column.color}",
                "end" if right_side else "start",
            )
        )
    out.append("</svg>")
    return Markup("".join(out))


# The side of the value a hedged figure leaves open: the chart marks it with a caret.
HEDGE_DIRECTION = {"at_least": -1, "more_than": -1, "at_most": 1, "less_than": 1}


def _hedge_mark(x: float, y: float, direction: int, color: int) -> str:
    """A caret beside the point, pointing where the true value may lie."""
    base, tip = y + direction * 8, y + direction * 13
    return (
        f'<path d="M{x - 4:.1f},{base:.1f} L{x:.1f},{tip:.1f} L{x + 4:.1f},{base:.1f}" '
        f'class="hedge o{color}"/>'
    )


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


__all__ = ["Series", "dom_id", "events_svg", "figure_charts", "parse_day"]
