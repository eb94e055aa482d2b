"""Calendar maths for TIMEX3 values: weeks, month shifts, year choice, durations, values.

Language-free: the words that lead here are read in normalise/periods/durations.
"""

from __future__ import annotations

import datetime as dt
import re

from storyledger.nlp.dates.patterns import context

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # TIMEX3 season code -> first month


def shift_months(d: dt.date, months: int) -> tuple[int, int]:
    """(year, month) `months` away from d's month."""
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


def quarter_of(year: int, month: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


def week(d: dt.date) -> str:
    """The ISO week of d as TIMEX3 ('2023-W41')."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def week_value(d: dt.date) -> str:
    """The finest YYYY(-MM) that holds the whole ISO week of d."""
    monday = d - dt.timedelta(days=d.weekday())
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return f"{monday.year}-{monday.month:02d}"
    return str(monday.year) if monday.year == sunday.year else ""


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def year_for(month: int, day: int | None, dct: dt.date, tense: str) -> int:
    """The year of a year-less month(-day) (rule in the package docstring)."""

    def probe(year: int) -> dt.date:
        return safe_date(year, month, day or 1) or dt.date(year, month, 1)

    years = (dct.year - 1, dct.year, dct.year + 1)
    soon = dct + dt.timedelta(days=context()["soon_days"])
    if tense == "past":
        if day:
            return max(y for y in years if probe(y) <= max(dct + dt.timedelta(days=1), soon))
        return max(y for y in years if probe(y) <= soon)
    if tense == "future":
        if day:
            return min(y for y in years if probe(y) >= dct - dt.timedelta(days=7))
        return min(y for y in years if (y, month) >= (dct.year, dct.month))
    mid = dt.timedelta(days=15 if not day else 0)

    def distance(y: int) -> int:
        days = (probe(y) + mid - dct).days
        return days * 2 if days > 0 else -days  # news looks back more than ahead

    return min(years, key=lambda y: (distance(y), -y))


def weekday(target: int, dct: dt.date, direction: str) -> dt.date:
    """The weekday `target` relative to dct: 'back' (on or before), 'last' (strictly before),
    'forward' (on or after), 'next' (strictly after)."""
    delta = (dct.weekday() - target) % 7
    if direction == "back":
        return dct - dt.timedelta(days=delta)
    if direction == "last":
        return dct - dt.timedelta(days=delta or 7)
    ahead = (target - dct.weekday()) % 7
    if direction == "next":
        return dct + dt.timedelta(days=ahead or 7)
    return dct + dt.timedelta(days=ahead)


def duration(n: float | None, unit: str) -> str:
    """ISO-8601/TIMEX3 duration: (3, 'Y') -> 'P3Y', (2, 'TH') -> 'PT2H', (None, 'D') -> 'PXD'."""
    if unit == "DE":  # "three decades" -> P30Y; "decades" -> PXY, as TimeBank and MEANTIME
        n, unit = None if n is None else n * 10, "Y"
    if unit == "2W":
        n, unit = (n or 1) * 2, "W"
    num = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit.startswith("T"):
        return f"PT{num}{unit[1:]}"
    return f"P{num}{unit}"


def fractional_duration(n: float, unit: str) -> str:
    """'2.5 years' -> 'P2Y6M', '1.5 hours' -> 'PT1H30M' (units Y, D, TH, TM)."""
    whole, frac = int(n), n - int(n)
    small, factor = {"Y": ("M", 12), "D": ("H", 24), "TH": ("M", 60), "TM": ("S", 60)}[unit]
    if unit.startswith("T"):
        return f"PT{whole}{unit[1:]}{round(frac * factor)}{small}"
    sep = "T" if small == "H" else ""
    return f"P{whole}{unit}{sep}{round(frac * factor)}{small}"


def kind(ttype: str) -> str:
    """The DateMention kind of a TIMEX3 type."""
    return {"DATE": "date", "TIME": "time", "DURATION": "duration", "SET": "set"}[ttype]


def value_of(ttype: str, timex: str | None) -> str | None:
    """The DateMention value: the finest YYYY-MM-DD / YYYY-MM / YYYY holding the expression."""
    if timex is None or ttype in ("DURATION", "SET"):
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:T.*)?$", timex)
    if m:
        return m.group(1)
    if re.fullmatch(r"\d{4}(?:-\d{2})?", timex):
        return timex
    m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", timex)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return week_value(monday) or None
    m = re.fullmatch(r"(\d{4})-(?:Q\d|SP|SU|FA|H\d)", timex)
    if m:
        return m.group(1)
    return None
